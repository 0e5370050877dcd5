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
