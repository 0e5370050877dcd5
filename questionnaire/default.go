package questionnaire

import "ketascreen/assets"

// Default loads the questionnaire definition embedded in the app.
func Default() (*Definition, error) {
	return Load(assets.QuestionnaireName, assets.Questionnaire)
}

// Open loads the definition file at path, or the embedded one when path is empty.
func Open(path string) (*Definition, error) {
	if path == "" {
		return Default()
	}
	return LoadFile(path)
}
