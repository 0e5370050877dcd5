package kiosk

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/alexedwards/argon2id"

	"ketascreen/records"
)

// PIN lengths staff may choose.
const (
	MinPINLength = 4
	MaxPINLength = 12
)

// CheckNewPIN says what is wrong with a PIN staff want to set, or nil.
func CheckNewPIN(pin string) error {
	if len(pin) < MinPINLength || len(pin) > MaxPINLength {
		return fmt.Errorf("the PIN must have %d to %d digits", MinPINLength, MaxPINLength)
	}
	for _, r := range pin {
		if r < '0' || r > '9' {
			return errors.New("the PIN may only hold digits (the kiosk's PIN pad has no letters)")
		}
	}
	return nil
}

// HashPIN returns the argon2id hash of a PIN, in the standard encoded form
// ($argon2id$v=19$m=…,t=…,p=…$salt$key), with a fresh random salt.
func HashPIN(pin string) (string, error) {
	return argon2id.CreateHash(pin, argon2id.DefaultParams)
}

// PINMatches tells whether a PIN matches a hash, in constant time.
func PINMatches(pin, hash string) bool {
	ok, err := argon2id.ComparePasswordAndHash(pin, hash)
	return err == nil && ok
}

// ValidHash tells whether a string is an argon2id hash this package can check.
func ValidHash(hash string) bool {
	_, _, _, err := argon2id.DecodeHash(hash)
	return err == nil
}

var pinHashLine = regexp.MustCompile(`(?m)^pin_hash:.*$`)

// SavePINHash writes the hash into the config file, replacing any earlier
// one and keeping every other line, or creates the file (and its folder)
// when there is none. The file is replaced atomically (records.WriteFile)
// and readable only by its owner.
func SavePINHash(path, hash string) error {
	src, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	line := fmt.Sprintf("pin_hash: %q", hash)
	switch {
	case len(src) == 0:
		src = []byte("# KetaScreen kiosk configuration. See the README's \"Kiosk setup\".\nkiosk: true\n" + line + "\n")
	case pinHashLine.Match(src):
		src = pinHashLine.ReplaceAllLiteral(src, []byte(line))
	default:
		if !bytes.HasSuffix(src, []byte("\n")) {
			src = append(src, '\n')
		}
		src = append(src, []byte(line+"\n")...)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("creating the config folder: %w", err)
	}
	return records.WriteFile(path, src, 0o600)
}

// ReadNewPIN reads a new PIN twice from two lines of r (standard input when
// it is not a terminal) and checks that both match and the PIN is valid.
func ReadNewPIN(first, second string) (string, error) {
	first, second = strings.TrimSpace(first), strings.TrimSpace(second)
	if first != second {
		return "", errors.New("the two PINs differ; nothing was changed")
	}
	if err := CheckNewPIN(first); err != nil {
		return "", err
	}
	return first, nil
}
