package kiosk

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // the logo may be a JPEG
	_ "image/png"  // or a PNG
	"io/fs"
	"strings"

	"ketascreen/internal/limitedfile"
)

// The largest logo the kiosk shows: a file under 2 MB whose image, when it
// is a PNG or JPEG, is at most 4096 pixels each way (checked in its header,
// before anything is decoded).
const (
	maxLogoBytes  = 2 << 20
	maxLogoPixels = 4096
)

// checkLogo checks the logo file before the kiosk loads it.
func checkLogo(path string) error {
	src, err := limitedfile.Read(path, maxLogoBytes)
	if err != nil {
		return fmt.Errorf("cannot read %s: %v", path, reason(err))
	}
	if strings.HasSuffix(strings.ToLower(path), ".svg") {
		return nil
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(src))
	if err != nil {
		return fmt.Errorf("%s is not a PNG, JPEG or SVG image (%v)", path, err)
	}
	if cfg.Width > maxLogoPixels || cfg.Height > maxLogoPixels {
		return fmt.Errorf("%s is a %d×%d %s; a logo is at most %d pixels each way", path, cfg.Width, cfg.Height, format, maxLogoPixels)
	}
	return nil
}

// reason is an error without the path a *fs.PathError repeats.
func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
