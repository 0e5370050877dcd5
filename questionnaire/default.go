package questionnaire

import "ketascreen/assets"

// Default loads the questionnaire definition embedded in the app.
func Default() (*Definition, error) {
	return Load(assets.QuestionnaireName, assets.Questionnaire)
}
