package questionnaire_test

import (
	"fmt"

	"ketascreen/questionnaire"
)

// ExampleSession is the map of the package: open the definition, ask the
// session what comes next, answer, and read the result. Screens do exactly
// this; they never decide the order themselves.
func ExampleSession() {
	def, err := questionnaire.Default() // assets/questionnaire.yaml, checked
	if err != nil {
		panic(err)
	}
	s := questionnaire.NewSession(def)
	s.SetLanguage("en")

	step := s.Start() // the first question
	fmt.Println(step.Kind, step.Item.ID)

	// Answer the questions in the order the session gives them: an adult
	// whose answers raise nothing, with a PHQ-9 of 12 and a tried
	// antidepressant that did not help.
	answers := map[string]string{
		"age_18_plus": "yes", "phq9_1": "2", "phq9_2": "2", "phq9_3": "2", "phq9_4": "2",
		"phq9_5": "2", "phq9_6": "2", "phq9_difficulty": "1", "pcptsd5_trauma": "no",
		"episode_length": "1_2y", "ad_any": "yes", "psychotherapy": "past",
		"pregnancy": "not_applicable", "ride_home": "yes", "twice_weekly": "yes",
	}
	for step.Kind == questionnaire.StepQuestion || step.Kind == questionnaire.StepList {
		it := step.Item
		switch {
		case it.Type == questionnaire.List: // the medicines: one entry
			_, err = s.AddEntry(it.ID, questionnaire.Entry{"med_name": "sertraline", "med_weeks": "8_plus",
				"med_full_dose": "yes", "med_adherence": "yes", "med_improvement": "under_25"})
		case it.Type == questionnaire.Multi:
			err = s.ChooseMany(it.ID, []string{calm(it)})
		case answers[it.ID] != "":
			err = s.Choose(it.ID, answers[it.ID])
		default:
			err = s.Choose(it.ID, calm(it))
		}
		if err != nil {
			panic(err)
		}
		step = s.After(it.ID) // what comes after this answer
	}
	fmt.Println(step.Kind)

	step = s.ToResult()
	res := s.Result()
	fmt.Println(step.Kind, res.PathwayID())
	fmt.Println("PHQ-9:", res.Score("phq9").Value, res.Score("phq9").Band.Code)
	fmt.Println("failed trials:", res.Score("trials_failed").Value)
	// Output:
	// question age_18_plus
	// review
	// result not_first_step
	// PHQ-9: 12 moderate
	// failed trials: 1
}

// calm is the answer that raises nothing: 0, no, never or none.
func calm(it *questionnaire.Item) string {
	for _, code := range []string{"0", "no", "never", "none"} {
		if it.Option(code) != nil {
			return code
		}
	}
	return it.Options[0].Code
}
