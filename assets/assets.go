// Package assets holds the files embedded in the KetaScreen binary: the
// default questionnaire definition and the app icon.
package assets

import (
	_ "embed"
)

// QuestionnaireName is the name the embedded definition has in messages.
const QuestionnaireName = "assets/questionnaire.yaml"

// Questionnaire is the default questionnaire definition (YAML).
//
//go:embed questionnaire.yaml
var Questionnaire []byte

// IconSVG is the app icon, drawn as SVG; Icon.png at the repository root is
// rendered from it for packaging.
//
//go:embed icon.svg
var IconSVG []byte
