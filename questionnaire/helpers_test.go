package questionnaire

import (
	"encoding/json"
	"maps"
	"testing"
)

// calmAdult is a complete answer set, written from the specification, of an
// adult whose answers raise nothing: every test changes only what it needs.
var calmAdult = map[string]any{
	"age_18_plus": "yes", "age_65_plus": "no",
	"phq9_1": "0", "phq9_2": "0", "phq9_3": "0", "phq9_4": "0", "phq9_5": "0",
	"phq9_6": "0", "phq9_7": "0", "phq9_8": "0", "phq9_9": "0",
	"asq_1": "no", "asq_2": "no", "asq_3": "no", "asq_4": "no",
	"gad7_1": "0", "gad7_2": "0", "gad7_3": "0", "gad7_4": "0", "gad7_5": "0", "gad7_6": "0", "gad7_7": "0",
	"pcptsd5_trauma": "no",
	"episode_length": "1_2y", "ad_any": "no", "augmentation": "no", "psychotherapy": "past",
	"ect": "never", "tms": "never", "ketamine_prior": "never",
	"aneurysm": "no", "avm": "no", "brain_bleed": "no", "ketamine_allergy": "no",
	"high_bp": "no", "heart_disease": "no", "psychosis": "no", "bipolar": "no",
	"substance_use": "no", "ketamine_misuse": "no", "breathing": "no", "pregnancy": "not_applicable",
	"interacting_meds": []string{"none"}, "liver_disease": "no", "eye_brain_pressure": "no",
	"bladder_problems": "no", "hyperthyroid": "no",
	"goals": []string{"learn_options"}, "ride_home": "yes", "twice_weekly": "yes",
}

func defaultDefinition(t testing.TB) *Definition {
	t.Helper()
	def, err := Default()
	if err != nil {
		t.Fatalf("the embedded definition does not load:\n%v", err)
	}
	return def
}

// answers builds answers from calmAdult with changes; a nil value removes an answer.
func answers(t testing.TB, def *Definition, changes map[string]any) Answers {
	t.Helper()
	all := maps.Clone(calmAdult)
	for k, v := range changes {
		if v == nil {
			delete(all, k)
		} else {
			all[k] = v
		}
	}
	data, err := json.Marshal(map[string]any{"answers": all})
	if err != nil {
		t.Fatal(err)
	}
	a, err := ReadAnswers("test.json", data, def)
	if err != nil {
		t.Fatalf("answers %v: %v", changes, err)
	}
	return a
}

func resultOf(t testing.TB, def *Definition, changes map[string]any) *Result {
	t.Helper()
	return NewSessionWith(def, answers(t, def, changes)).Result()
}

// phq9Answers spreads a PHQ-9 total over the items, keeping item 9 at 0.
func phq9Answers(total int) map[string]any {
	m := map[string]any{"phq9_difficulty": "1"}
	for i := 1; i <= 8; i++ {
		n := min(total, 3)
		total -= n
		m["phq9_"+string(rune('0'+i))] = string(rune('0' + n))
	}
	return m
}

func gad7Answers(total int) map[string]any {
	m := map[string]any{}
	for i := 1; i <= 7; i++ {
		n := min(total, 3)
		total -= n
		m["gad7_"+string(rune('0'+i))] = string(rune('0' + n))
	}
	return m
}
