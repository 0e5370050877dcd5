package questionnaire

import (
	"fmt"
	"strings"
	"testing"
)

// stepName writes a step as the navigation table reads it: its kind, then
// the item or outcome, and "changing" during a change from the review.
func stepName(st Step) string {
	var b strings.Builder
	b.WriteString(st.Kind.String())
	if st.Outcome != nil {
		b.WriteString(":" + st.Outcome.ID)
	}
	if st.Item != nil {
		b.WriteString(":" + st.Item.ID)
	}
	if st.Changing {
		b.WriteString(" changing")
	}
	return b.String()
}

// navMove is one thing the person does, and the step it must lead to:
// "id=code" answers an item and goes on (After), "start", "back" (from the
// step shown), "continue" (from an urgent step), "change id", "review",
// "back from review", "result", "help", "lang xx".
type navMove struct {
	do, want string
}

func TestNavigationTable(t *testing.T) {
	def := defaultDefinition(t)
	adultUpTo := func(last string) map[string]any {
		// calmAdult's answers to the items before last in the flow
		out := map[string]any{}
		for _, it := range def.Items {
			if it.ID == last {
				break
			}
			if v, ok := calmAdult[it.ID]; ok {
				out[it.ID] = v
			}
		}
		return out
	}
	tests := []struct {
		name  string
		given map[string]any // answers before the first move; nil: none
		lang  string
		moves []navMove
	}{
		{"the first questions in order, back to the welcome", nil, "en", []navMove{
			{"start", "question:age_18_plus"},
			{"age_18_plus=yes", "question:age_65_plus"},
			{"age_65_plus=no", "question:phq9_1"},
			{"back", "question:age_65_plus"},
			{"back", "question:age_18_plus"},
			{"back", "welcome"},
		}},
		{"urgent waits until its section is finished", adultUpTo("phq9_9"), "en", []navMove{
			{"start", "question:phq9_9"},
			{"phq9_9=2", "question:phq9_difficulty"},
			{"phq9_difficulty=1", "urgent:urgent:phq9_difficulty"},
			{"continue", "question:asq_1"},
			{"asq_1=no", "question:asq_2"},
		}},
		{"a positive ASQ: urgent after lethal means, not before the acuity question", adultUpTo("asq_1"), "en", []navMove{
			{"start", "question:asq_1"},
			{"asq_1=yes", "question:asq_2"},
			{"asq_2=no", "question:asq_3"},
			{"asq_3=no", "question:asq_4"},
			{"asq_4=no", "question:asq_5"},
			{"asq_5=no", "question:lethal_means"},
			{"lethal_means=no", "urgent:urgent:lethal_means"},
			{"continue", "question:gad7_1"},
		}},
		{"thoughts of suicide right now: crisis at once", adultUpTo("asq_1"), "en", []navMove{
			{"asq_1=yes", "question:asq_2"},
			{"asq_2=yes", "question:asq_3"},
			{"asq_3=yes", "question:asq_4"},
			{"asq_4=no", "question:asq_5"},
			{"asq_5=yes", "crisis:crisis"},
			{"start", "crisis:crisis"},
			{"result", "crisis:crisis"},
		}},
		{"help now from any question, and it stays", adultUpTo("gad7_3"), "en", []navMove{
			{"start", "question:gad7_3"},
			{"help", "crisis:crisis"},
			{"start", "crisis:crisis"},
		}},
		{"under 18: the ASQ, then the adults-only screen", nil, "en", []navMove{
			{"age_18_plus=no", "question:asq_1"},
			{"asq_1=no", "question:asq_2"},
			{"asq_2=no", "question:asq_3"},
			{"asq_3=no", "question:asq_4"},
			{"asq_4=no", "ended:adult_only"},
		}},
		{"under 18 with a positive ASQ: urgent before the adults-only screen", map[string]any{"age_18_plus": "no", "asq_1": "yes", "asq_2": "no", "asq_3": "no", "asq_4": "no"}, "en", []navMove{
			{"start", "question:asq_5"},
			{"asq_5=no", "urgent:urgent:asq_5"},
			{"continue", "ended:adult_only"},
		}},
		{"change from the review and back to it", calmAdult, "en", []navMove{
			{"start", "review"},
			{"change phq9_1", "question:phq9_1 changing"},
			{"phq9_1=1", "question:phq9_difficulty changing"},
			{"phq9_difficulty=0", "review"},
			{"change gad7_1", "question:gad7_1 changing"},
			{"back", "review"},
			{"result", "result"},
		}},
		{"a change that raises urgent shows it, then goes back to the review", calmAdult, "en", []navMove{
			{"change phq9_9", "question:phq9_9 changing"},
			{"phq9_9=3", "urgent:urgent:phq9_9 changing"},
			{"continue", "question:phq9_difficulty changing"},
			{"phq9_difficulty=2", "review"},
			{"change phq9_9", "question:phq9_9 changing"},
			{"phq9_9=0", "review"},
		}},
		{"a change that opens the medicine list asks it", calmAdult, "en", []navMove{
			{"change ad_any", "question:ad_any changing"},
			{"ad_any=yes", "list:meds changing"},
			{"add sertraline", "list:meds changing"},
			{"meds", "review"},
			{"back from review", "question:twice_weekly"},
		}},
		{"the medicine list in the flow", adultUpTo("ad_any"), "en", []navMove{
			{"start", "question:ad_any"},
			{"ad_any=yes", "list:meds"},
			{"back", "question:ad_any"},
			{"ad_any=yes", "list:meds"},
			{"add sertraline", "list:meds"},
			{"meds", "question:augmentation"},
			{"back", "list:meds"},
		}},
		{"a language that adds a section asks it before the result", withoutTrauma(), "es", []navMove{
			{"start", "review"},
			{"lang en", "review"},
			{"result", "question:pcptsd5_trauma changing"},
			{"pcptsd5_trauma=no", "review"},
			{"result", "result"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := NewSession(def)
			if tc.given != nil {
				s = NewSessionWith(def, answers(t, def, tc.given))
				for id := range s.answers { // answers() starts from calmAdult: keep only what was given
					if _, ok := tc.given[id]; !ok {
						delete(s.answers, id)
					}
				}
			}
			s.SetLanguage(tc.lang)
			var shown Step
			for i, m := range tc.moves {
				shown = move(t, s, shown, m.do)
				if got := stepName(shown); got != m.want {
					t.Fatalf("move %d %q: got %s, want %s", i+1, m.do, got, m.want)
				}
			}
		})
	}
}

// withoutTrauma is a calm adult who answered in Spanish, where the PTSD
// screen is not offered.
func withoutTrauma() map[string]any {
	out := map[string]any{}
	for id, v := range calmAdult {
		if id != "pcptsd5_trauma" {
			out[id] = v
		}
	}
	return out
}

func move(t *testing.T, s *Session, shown Step, do string) Step {
	t.Helper()
	switch {
	case do == "start":
		return s.Start()
	case do == "back":
		if shown.Kind == StepReview {
			return s.BackFromReview()
		}
		return s.Back(shown.Item.ID)
	case do == "continue":
		return s.Continue(shown)
	case do == "review":
		return s.Review()
	case do == "back from review":
		return s.BackFromReview()
	case do == "result":
		return s.ToResult()
	case do == "help":
		return s.HelpNow()
	case strings.HasPrefix(do, "change "):
		return s.Change(strings.TrimPrefix(do, "change "))
	case strings.HasPrefix(do, "lang "):
		s.SetLanguage(strings.TrimPrefix(do, "lang "))
		return shown
	case strings.HasPrefix(do, "add "):
		if _, err := s.AddEntry("meds", Entry{"med_name": strings.TrimPrefix(do, "add "), "med_weeks": "8_plus", "med_full_dose": "yes", "med_adherence": "yes", "med_improvement": "under_25"}); err != nil {
			t.Fatal(err)
		}
		return shown
	case do == "meds":
		return s.After("meds")
	}
	id, code, ok := strings.Cut(do, "=")
	if !ok {
		t.Fatalf("unknown move %q", do)
	}
	if err := s.Choose(id, code); err != nil {
		t.Fatal(err)
	}
	return s.After(id)
}

func TestEntryFieldsSkipWhatTheirAnswersHide(t *testing.T) {
	def := defaultDefinition(t)
	s := NewSession(def)
	mustChoose(t, s, "age_18_plus", "yes")
	mustChoose(t, s, "ad_any", "yes")
	list := def.Item("meds")
	index := func(id string) int {
		for i, f := range list.Fields {
			if f.ID == id {
				return i
			}
		}
		t.Fatalf("no field %s", id)
		return 0
	}
	order := func(i int) []string {
		var out []string
		for f, ok := s.NextField("meds", i, -1); ok; f, ok = s.NextField("meds", i, f) {
			out = append(out, list.Fields[f].ID)
		}
		return out
	}
	if _, err := s.AddEntry("meds", Entry{"med_name": "sertraline"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEntry("meds", Entry{"med_name": "trazodone"}); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(order(0)); got != "[med_name med_weeks med_full_dose med_adherence med_improvement med_stop_reason]" {
		t.Errorf("sertraline asks %s", got)
	}
	if got := fmt.Sprint(order(1)); got != "[med_name med_weeks med_full_dose med_adherence med_improvement med_for_depression med_stop_reason]" {
		t.Errorf("trazodone asks %s", got)
	}
	if prev, ok := s.PreviousField("meds", 0, index("med_weeks")); !ok || list.Fields[prev].ID != "med_name" {
		t.Errorf("before med_weeks: %d %v, want med_name (the other name is hidden)", prev, ok)
	}
	if _, ok := s.PreviousField("meds", 0, 0); ok {
		t.Error("a field before the first")
	}
}
