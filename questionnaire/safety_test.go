package questionnaire

import (
	"fmt"
	"testing"
)

// TestSafetyOutcomesForEveryASQAndItem9Combination checks, for every
// combination of PHQ-9 item 9, the five ASQ answers and the help button, that
// the outcome is crisis exactly when ASQ is acute or help was asked for, and
// urgent exactly when ASQ is positive or item 9 is 2 or more otherwise.
func TestSafetyOutcomesForEveryASQAndItem9Combination(t *testing.T) {
	def := defaultDefinition(t)
	yn := []string{"no", "yes"}
	checked := 0
	for item9 := 0; item9 <= 3; item9++ {
		for mask := 0; mask < 32; mask++ {
			for _, help := range []bool{false, true} {
				ch := map[string]any{"phq9_9": fmt.Sprint(item9), "phq9_difficulty": "1"}
				anyOf4 := false
				for i := 0; i < 5; i++ {
					ch[fmt.Sprintf("asq_%d", i+1)] = yn[mask>>i&1]
					if i < 4 && mask>>i&1 == 1 {
						anyOf4 = true
					}
				}
				if item9 == 0 {
					ch["phq9_difficulty"] = nil // not shown when every item is 0
				}
				if help {
					ch["help_now"] = "yes"
				}
				// asq_5 is only asked after a yes to 1-4: otherwise its answer is ignored.
				acute := anyOf4 && mask>>4&1 == 1
				want := "no_suggestion"
				switch {
				case help || acute:
					want = "crisis"
				case anyOf4 || item9 >= 2:
					want = "urgent"
				}
				res := resultOf(t, def, ch)
				asq := res.Score("asq").Result
				if got := res.OutcomeID(); got != want {
					t.Errorf("phq9_9=%d asq=%05b help=%v: outcome %s, want %s", item9, mask, help, got, want)
				}
				if !help && (asq == "acute_positive") != acute {
					t.Errorf("phq9_9=%d asq=%05b: ASQ %s, acute should be %v", item9, mask, asq, acute)
				}
				if want == "crisis" && (res.Pathway != nil || len(res.Flags) > 0) {
					t.Errorf("phq9_9=%d asq=%05b help=%v: crisis carries pathway %q and flags %v; it must carry no treatment content", item9, mask, help, res.PathwayID(), res.FlagIDs())
				}
				checked++
			}
		}
	}
	if checked != 256 {
		t.Fatalf("checked %d combinations, want 256", checked)
	}
}

func TestHelpNowAlwaysGivesCrisis(t *testing.T) {
	def := defaultDefinition(t)
	s := NewSession(def)
	s.PressHelpNow()
	if res := s.Result(); res.OutcomeID() != "crisis" || !res.Complete || res.Pathway != nil {
		t.Errorf("help pressed before any answer: outcome %q complete %v pathway %q, want crisis, complete, no pathway", res.OutcomeID(), res.Complete, res.PathwayID())
	}
	if s.First() != nil || s.Next("age_18_plus") != nil {
		t.Error("after help was pressed the session still offers questions")
	}
	s = NewSessionWith(def, answers(t, def, map[string]any{"age_18_plus": "no", "help_now": "yes"}))
	if got := s.Result().OutcomeID(); got != "crisis" {
		t.Errorf("help pressed by someone under 18: outcome %s, want crisis", got)
	}
}

func TestUrgentInterruptsOnceAndTheFlowGoesOn(t *testing.T) {
	def := defaultDefinition(t)
	s := NewSession(def)
	mustChoose(t, s, "age_18_plus", "yes")
	for i := 1; i <= 8; i++ {
		mustChoose(t, s, fmt.Sprintf("phq9_%d", i), "1")
	}
	if s.Notice() != nil {
		t.Fatal("a notice before any risk answer")
	}
	mustChoose(t, s, "phq9_9", "3")
	n := s.Notice()
	if n == nil || n.ID != "urgent" {
		t.Fatalf("phq9_9 = 3: notice %v, want urgent at once", n)
	}
	s.Acknowledge("urgent")
	if s.Notice() != nil {
		t.Error("urgent shown again after it was acknowledged")
	}
	if next := s.Next("phq9_9"); next == nil || next.ID != "phq9_difficulty" {
		t.Errorf("after the urgent notice the flow goes to %v, want phq9_difficulty", next)
	}
}

func mustChoose(t *testing.T, s *Session, id, code string) {
	t.Helper()
	if err := s.Choose(id, code); err != nil {
		t.Fatal(err)
	}
}

// TestUrgentStaysOnceShown: changing an ASQ or PHQ-9 item 9 answer back
// never withdraws an urgent outcome that was shown; the result keeps the
// reason with the answers it was shown for (spec section 2).
func TestUrgentStaysOnceShown(t *testing.T) {
	def := defaultDefinition(t)
	for _, c := range []struct {
		name         string
		raise, lower map[string]string
		rule         string
	}{
		{"ASQ changed back to no", map[string]string{"asq_2": "yes", "asq_5": "no", "lethal_means": "no"}, map[string]string{"asq_2": "no"}, "urgent_asq_positive"},
		{"item 9 changed back to 0", map[string]string{"phq9_9": "2"}, map[string]string{"phq9_9": "0"}, "urgent_phq9_item9"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := NewSessionWith(def, answers(t, def, nil))
			for id, code := range c.raise {
				mustChoose(t, s, id, code)
			}
			if n := s.Notice(); n == nil || n.ID != "urgent" {
				t.Fatalf("notice %v, want urgent", n)
			}
			s.Shown("urgent")
			for id, code := range c.lower {
				mustChoose(t, s, id, code)
			}
			res := s.Result()
			if res.OutcomeID() != "urgent" || res.PathwayID() != "no_suggestion" {
				t.Fatalf("after the change: %s %s, want urgent with the pathway still given", res.OutcomeID(), res.PathwayID())
			}
			if len(res.Reasons) == 0 || res.Reasons[0].Rule.ID != c.rule || !res.Reasons[0].Kept {
				t.Fatalf("reasons %+v, want %s kept first", res.Reasons, c.rule)
			}
			for _, cause := range res.Reasons[0].Causes {
				if want, ok := c.raise[cause.Item]; ok && cause.Answer != want {
					t.Errorf("kept cause %s = %s, want the first answer %s", cause.Item, cause.Answer, want)
				}
			}
			if n := s.Notice(); n != nil {
				t.Errorf("the urgent screen asks to be shown again: %s", n.ID)
			}
			// Not shown: the same change withdraws it.
			fresh := NewSessionWith(def, answers(t, def, nil))
			for id, code := range c.raise {
				mustChoose(t, fresh, id, code)
			}
			for id, code := range c.lower {
				mustChoose(t, fresh, id, code)
			}
			if got := fresh.Result().OutcomeID(); got != "no_suggestion" {
				t.Errorf("never shown: outcome %s, want no_suggestion", got)
			}
			// A crisis still comes before it.
			mustChoose(t, s, "asq_1", "yes")
			mustChoose(t, s, "asq_5", "yes")
			if got := s.Result().OutcomeID(); got != "crisis" {
				t.Errorf("crisis after a kept urgent: outcome %s", got)
			}
			s.Reset()
			if !s.IsEmpty() {
				t.Error("Reset leaves the kept urgent outcome behind")
			}
		})
	}
}

// TestUnfinishedASQCountsAsPositive: a session that ends with the ASQ
// started but not finished counts it as non-acute positive (urgent); one
// that ends before the ASQ, or after it, is not changed.
func TestUnfinishedASQCountsAsPositive(t *testing.T) {
	def := defaultDefinition(t)
	s := NewSession(def)
	mustChoose(t, s, "age_18_plus", "yes")
	mustChoose(t, s, "age_65_plus", "no")
	for i := 1; i <= 9; i++ {
		mustChoose(t, s, fmt.Sprintf("phq9_%d", i), "0")
	}
	s.End("phq9_9")
	if got := s.Result().Score("asq").Result; got != "not_completed" {
		t.Errorf("ended before the ASQ: ASQ %s, want not_completed", got)
	}
	s.End("asq_1") // on the first ASQ question, nothing answered
	res := s.Result()
	if got := res.Score("asq").Result; got != "non_acute_positive" || res.OutcomeID() != "urgent" {
		t.Errorf("ended on asq_1: ASQ %s outcome %s, want non_acute_positive and urgent", got, res.OutcomeID())
	}
	mustChoose(t, s, "asq_1", "no")
	mustChoose(t, s, "asq_2", "no")
	s.End("asq_3")
	if got := s.Result().Score("asq").Result; got != "non_acute_positive" {
		t.Errorf("ended half way: ASQ %s, want non_acute_positive", got)
	}
	mustChoose(t, s, "asq_3", "no")
	mustChoose(t, s, "asq_4", "no")
	if got := s.Result().Score("asq").Result; got != "negative" {
		t.Errorf("ASQ finished: %s, want negative", got)
	}
	ongoing := NewSession(def)
	mustChoose(t, ongoing, "age_18_plus", "yes")
	if got := ongoing.Result().Score("asq").Result; got != "not_completed" {
		t.Errorf("a session still going: ASQ %s, want not_completed", got)
	}
}
