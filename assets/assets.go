// Package assets holds the files embedded in the KetaScreen binary: the
// default questionnaire definition, the words of the interface and the app
// icon.
package assets

import (
	"embed"
)

// QuestionnaireName is the name the embedded definition has in messages.
const QuestionnaireName = "assets/questionnaire.yaml"

// Questionnaire is the default questionnaire definition (YAML).
//
//go:embed questionnaire.yaml
var Questionnaire []byte

// IconPNG is the app icon, rendered from icon.svg (its source, not
// embedded) at 256×256, the size of a window icon. The window uses it rather than the SVG: drawing and scaling
// the SVG took about 55 ms of every start (docs/benchmarks.md). FyneApp.toml
// packages it too.
//
//go:embed icon.png
var IconPNG []byte

// Text holds the words of the interface and the summary, one JSON file per
// language (text/en.json, text/es.json): adding a language adds a file.
//
//go:embed text/*.json
var Text embed.FS

// Fonts are the summary PDF's fonts: DejaVu Sans 2.37 (regular, bold and
// oblique; Bitstream Vera licence, fonts/LICENSE), embedded so that every
// language a definition declares in Latin, Greek or Cyrillic script prints,
// whatever fonts the computer has. The PDF holds only the glyphs it uses.
//
//go:embed fonts/DejaVuSans.ttf
var FontRegular []byte

//go:embed fonts/DejaVuSans-Bold.ttf
var FontBold []byte

//go:embed fonts/DejaVuSans-Oblique.ttf
var FontOblique []byte
