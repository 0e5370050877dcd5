package questionnaire

import (
	"encoding/json"
	"maps"
	"testing"

	"ketascreen/internal/testanswers"
)

// calmAdult is a complete answer set of an adult whose answers raise
// nothing (internal/testanswers): every test changes only what it needs.
var calmAdult = testanswers.CalmAdult()

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
