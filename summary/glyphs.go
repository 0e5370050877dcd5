package summary

import (
	"bufio"
	"bytes"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/image/font/sfnt"

	"ketascreen/assets"
)

// Glyph is a character the summary PDF cannot draw, and the line of the
// definition where it first appears.
type Glyph struct {
	Rune rune
	Line int
}

var pdfFont = sync.OnceValues(func() (*sfnt.Font, error) { return sfnt.Parse(assets.FontRegular) })

// Unprintable lists the characters of a definition's source (its comment
// lines aside) that the PDF's font has no glyph for, each once: in the PDF
// they would be empty boxes, or question marks beyond the font's table.
func Unprintable(src []byte) []Glyph {
	f, err := pdfFont()
	if err != nil {
		return nil // the embedded font is tested to parse
	}
	var buf sfnt.Buffer
	seen := map[rune]bool{}
	var out []Glyph
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 0, 64*1024), len(src)+1)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		for _, r := range text {
			if seen[r] || r < 0x80 || unicode.IsSpace(r) || unicode.IsControl(r) || r == '\uFEFF' {
				continue
			}
			seen[r] = true
			if i, err := f.GlyphIndex(&buf, r); err != nil || i == 0 || r > 0xFFFF {
				out = append(out, Glyph{Rune: r, Line: line})
			}
		}
	}
	return out
}
