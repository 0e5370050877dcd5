package questionnaire

import (
	"crypto/sha256"

	"ketascreen/assets"
)

//go:generate env KETASCREEN_WRITE_GENERATED=1 go test -tags ci -count=1 -run ^TestGeneratedDefaultIsCurrent$ .

// Default returns the questionnaire definition embedded in the app.
//
// It does not parse the YAML at start-up: default_gen.go holds the same
// definition as Go, written by go generate from assets/questionnaire.yaml
// once it had loaded and validated, and a test holds the two equal object
// by object. Parsing took some 30 ms of CPU and left 7.6 MB of garbage at
// every start (docs/benchmarks.md). Should the YAML in the binary not be the
// one the code was made from (edited without go generate), Default parses
// and validates it as Load does.
func Default() (*Definition, error) { return defaultFrom(assets.Questionnaire) }

func defaultFrom(src []byte) (*Definition, error) {
	if generatedUsed(src) {
		return generatedDefinition(), nil
	}
	return Load(assets.QuestionnaireName, src)
}

// generatedUsed reports whether default_gen.go was made from src.
func generatedUsed(src []byte) bool { return sha256.Sum256(src) == generatedSum }

// ptrTo returns a pointer to a copy of v, for the generated definition.
func ptrTo[T any](v T) *T { return &v }

// Open loads the definition file at path, or the embedded one when path is empty.
func Open(path string) (*Definition, error) {
	if path == "" {
		return Default()
	}
	return LoadFile(path)
}
