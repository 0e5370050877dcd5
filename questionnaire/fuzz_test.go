package questionnaire

import (
	"strings"
	"testing"

	"ketascreen/assets"
)

func FuzzLoad(f *testing.F) {
	// Small seeds: the fuzzer mutates and runs them hundreds of times a
	// second, where the 150 KB built-in definition ran about once (its
	// loading and its mistakes have their own tests in load_test.go).
	src := string(assets.Questionnaire)
	section := src[strings.Index(src, "sections:"):strings.Index(src, "  - id: mood")]
	f.Add("questionnaire: x\nspecification: 2\nlanguages: [en]\n" + section)
	f.Add("show_if: (ad_any = yes\n")
	f.Add("when: phq9 <= [4, 5]\n")
	f.Add("a: &x [*x]\n")
	f.Add("questionnaire: x\nsections:\n  - id: s\n    items:\n      - {id: a, answers: [{code: y, text: {en: Y}}], text: {en: A}, show_if: 'a = \"y'}\n")
	f.Add("<<: *a\n")
	f.Add("{")
	f.Fuzz(func(t *testing.T, src string) {
		def, err := Load("fuzz.yaml", []byte(src))
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("the loader panicked: %v", err)
			}
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		// Whatever loads must be usable by a session without panicking,
		// and its navigation must reach an end.
		s := NewSession(def)
		for it := s.First(); it != nil; it = s.Next(it.ID) {
			if len(it.Options) > 0 && it.Type == Choice {
				_ = s.Choose(it.ID, it.Options[len(it.Options)-1].Code)
			}
		}
		_ = s.Result()
		s = NewSession(def)
		step := s.Start()
		for range len(def.Items) + 2 {
			if step.Kind == StepUrgent {
				step = s.Continue(step)
				continue
			}
			if step.Kind != StepQuestion || len(step.Item.Options) == 0 || step.Item.Type != Choice {
				break
			}
			_ = s.Choose(step.Item.ID, step.Item.Options[0].Code)
			step = s.After(step.Item.ID)
		}
		_ = s.ToResult()
		_ = s.HelpNow()
	})
}

func FuzzReadAnswers(f *testing.F) {
	def := defaultDefinition(f)
	f.Add(`{"answers": {"age_18_plus": "yes", "phq9_1": "2", "goals": ["rapid_relief"], "meds": [{"med_name": "sertraline", "med_weeks": "8_plus", "med_full_dose": "yes", "med_improvement": "under_25"}]}}`)
	f.Add(`{"answers": {"phq9_1": 3, "interacting_meds": ["none", "opioid"]}}`)
	f.Add(`{"answers": {"meds": [{"med_name": ["x"]}, "a"]}}`)
	f.Add(`{"answers": []}`)
	f.Add(`{"answers": {"x": null}} trailing`)
	f.Add(`[1, 2`)
	f.Fuzz(func(t *testing.T, data string) {
		answers, err := ReadAnswers("fuzz.json", []byte(data), def)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.json:") {
				t.Fatalf("error does not name the file and line: %v", err)
			}
			return
		}
		res := NewSessionWith(def, answers).Result()
		if res.Complete && !res.EndedEarly && res.Pathway == nil {
			t.Fatalf("a complete flow without a pathway: %s", data)
		}
	})
}
