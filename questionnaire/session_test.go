package questionnaire

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func ids(items []*Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.ID
	}
	return out
}

func TestChangingAnUpstreamAnswerDropsHiddenAnswers(t *testing.T) {
	def := defaultDefinition(t)
	ch := phq9Answers(12)
	ch["ad_any"] = "yes"
	ch["meds"] = []any{med("sertraline", "8_plus", "yes", "under_25"), med("fluoxetine", "8_plus", "yes", "under_25")}
	s := NewSessionWith(def, answers(t, def, ch))
	if got := s.Result(); got.PathwayID() != "discuss_ketamine" || got.Score("trials_failed").Value != 2 {
		t.Fatalf("before the change: pathway %s, failed %d", got.PathwayID(), got.Score("trials_failed").Value)
	}
	mustChoose(t, s, "ad_any", "no")
	res := s.Result()
	if res.Score("trials_failed").Value != 0 || res.PathwayID() != "not_first_step" {
		t.Errorf("after ad_any yes→no: failed %d pathway %s, want 0 and not_first_step", res.Score("trials_failed").Value, res.PathwayID())
	}
	if s.Visible("meds") {
		t.Error("meds still visible after ad_any = no")
	}
	mustChoose(t, s, "ad_any", "yes")
	if got := s.Result().Score("trials_failed").Value; got != 2 {
		t.Errorf("after ad_any back to yes: failed %d, want the 2 entries back", got)
	}
}

func TestVisibilityFollowsAnswers(t *testing.T) {
	def := defaultDefinition(t)
	s := NewSession(def)
	if s.Visible("asq_5") || s.Visible("phq9_difficulty") || s.Visible("pcptsd5_1") || s.Visible("meds") {
		t.Error("a conditional item is shown before the answers that open it")
	}
	mustChoose(t, s, "age_18_plus", "yes")
	mustChoose(t, s, "asq_3", "yes")
	mustChoose(t, s, "phq9_4", "1")
	mustChoose(t, s, "pcptsd5_trauma", "yes")
	for _, id := range []string{"asq_5", "phq9_difficulty", "pcptsd5_1", "pcptsd5_5"} {
		if !s.Visible(id) {
			t.Errorf("%s is hidden after the answer that opens it", id)
		}
	}
	mustChoose(t, s, "pcptsd5_trauma", "prefer_not")
	if s.Visible("pcptsd5_1") {
		t.Error("pcptsd5_1 shown after prefer not to answer")
	}
}

func TestNavigationSkipsHiddenItemsBothWays(t *testing.T) {
	def := defaultDefinition(t)
	s := NewSession(def)
	if first := s.First(); first == nil || first.ID != "age_18_plus" {
		t.Fatalf("first item %v, want age_18_plus", first)
	}
	mustChoose(t, s, "age_18_plus", "yes")
	for i := 1; i <= 9; i++ {
		mustChoose(t, s, "phq9_"+string(rune('0'+i)), "0")
	}
	if next := s.Next("phq9_9"); next.ID != "asq_1" {
		t.Errorf("after an all-zero PHQ-9 the next item is %s, want asq_1 (difficulty hidden)", next.ID)
	}
	if prev := s.Previous("asq_1"); prev.ID != "phq9_9" {
		t.Errorf("back from asq_1 goes to %s, want phq9_9", prev.ID)
	}
	mustChoose(t, s, "phq9_2", "2")
	if next := s.Next("phq9_9"); next.ID != "phq9_difficulty" {
		t.Errorf("after a non-zero PHQ-9 the next item is %s, want phq9_difficulty", next.ID)
	}
	if a, ok := s.Answer("phq9_2"); !ok || a.Code != "2" {
		t.Error("going back lost an answer")
	}
	if prev := s.Previous("age_18_plus"); prev != nil {
		t.Errorf("before the first item: %s, want nothing", prev.ID)
	}
}

// TestUnderEighteenAnswersTheASQFirst: a person under 18 is asked the ASQ
// (validated from age 10) and nothing else, then the flow ends with
// adult_only; a positive ASQ shows the urgent screen first and carries
// youth_safety (spec section 2, start).
func TestUnderEighteenAnswersTheASQFirst(t *testing.T) {
	def := defaultDefinition(t)
	s := NewSession(def)
	mustChoose(t, s, "age_18_plus", "no")
	if _, ended := s.Ended(); ended {
		t.Fatal("under 18: the flow ended before the ASQ")
	}
	if next := s.Next("age_18_plus"); next == nil || next.ID != "asq_1" {
		t.Fatalf("under 18: next is %v, want asq_1", next)
	}
	for _, id := range []string{"asq_1", "asq_2", "asq_3"} {
		mustChoose(t, s, id, "no")
	}
	mustChoose(t, s, "asq_4", "yes")
	if next := s.Next("asq_4"); next == nil || next.ID != "asq_5" {
		t.Fatalf("under 18 after a yes: next is %v, want asq_5", next)
	}
	mustChoose(t, s, "asq_5", "no")
	o, ended := s.Ended()
	if !ended || o.ID != "adult_only" {
		t.Fatalf("under 18 after the ASQ: ended %v by %v, want adult_only", ended, o)
	}
	if n := s.Notice(); n == nil || n.ID != "urgent" {
		t.Fatalf("under 18 with a positive ASQ: notice %v, want the urgent screen before adult_only", n)
	}
	s.Acknowledge("urgent")
	if n := s.Notice(); n != nil {
		t.Errorf("after the urgent screen: notice %s", n.ID)
	}
	if s.Next("asq_5") != nil || !s.Complete() || len(s.Unanswered()) != 0 {
		t.Error("the flow goes on after adult_only")
	}
	for _, id := range []string{"lethal_means", "phq9_1", "age_65_plus", "gad7_1", "goals"} {
		if s.Visible(id) {
			t.Errorf("under 18: %s is asked", id)
		}
	}
	res := s.Result()
	if res.OutcomeID() != "adult_only" || res.Pathway != nil || fmt.Sprint(res.FlagIDs()) != "[youth_safety]" {
		t.Errorf("under 18 with a positive ASQ: %s %s %v, want adult_only, no pathway, [youth_safety]", res.OutcomeID(), res.PathwayID(), res.FlagIDs())
	}
	mustChoose(t, s, "asq_4", "no")
	if n := s.Notice(); n != nil {
		t.Errorf("under 18 with a negative ASQ: notice %s", n.ID)
	}
	mustChoose(t, s, "age_18_plus", "yes")
	if _, ended := s.Ended(); ended || s.Next("age_18_plus") == nil || s.Next("age_18_plus").ID != "age_65_plus" {
		t.Error("changing the age back does not reopen the adult flow")
	}
}

func TestUnansweredListsWhatIsStillNeeded(t *testing.T) {
	def := defaultDefinition(t)
	s := NewSessionWith(def, answers(t, def, map[string]any{"ad_any": "yes", "goals": nil}))
	if got := ids(s.Unanswered()); !slices.Equal(got, []string{"meds", "goals"}) {
		t.Errorf("unanswered %v, want [meds goals]", got)
	}
	if _, err := s.AddEntry("meds", Entry{"med_name": "sertraline"}); err != nil {
		t.Fatal(err)
	}
	if got := ids(s.Unanswered()); !slices.Contains(got, "meds") {
		t.Error("a medicine entry without weeks, dose and improvement counts as answered")
	}
	if err := s.UpdateEntry("meds", 0, Entry{"med_name": "sertraline", "med_weeks": "8_plus", "med_full_dose": "yes", "med_adherence": "yes", "med_improvement": "under_25"}); err != nil {
		t.Fatal(err)
	}
	if got := ids(s.Unanswered()); !slices.Equal(got, []string{"goals"}) {
		t.Errorf("unanswered %v, want [goals] (med_stop_reason is optional)", got)
	}
	if res := s.Result(); res.Complete || res.Pathway != nil {
		t.Error("an incomplete session has a pathway")
	}
}

func TestMedicationEntriesAddChangeRemove(t *testing.T) {
	def := defaultDefinition(t)
	s := NewSession(def)
	if _, err := s.AddEntry("meds", Entry{"med_name": "aspirin"}); err == nil {
		t.Error("an unknown medicine code was accepted")
	}
	if _, err := s.AddEntry("meds", Entry{"dose": "high"}); err == nil {
		t.Error("an unknown field was accepted")
	}
	i, _ := s.AddEntry("meds", Entry{"med_name": "sertraline"})
	j, _ := s.AddEntry("meds", Entry{"med_name": "bupropion"})
	if i != 0 || j != 1 || len(s.Entries("meds")) != 2 {
		t.Fatalf("entries %v", s.Entries("meds"))
	}
	entries := s.Entries("meds")
	entries[0]["med_name"] = "fluoxetine"
	if s.Entries("meds")[0]["med_name"] != "sertraline" {
		t.Error("changing a returned entry changed the session")
	}
	if err := s.RemoveEntry("meds", 0); err != nil {
		t.Fatal(err)
	}
	if got := s.Entries("meds"); len(got) != 1 || got[0]["med_name"] != "bupropion" {
		t.Errorf("after removing the first entry: %v", got)
	}
	if err := s.RemoveEntry("meds", 5); err == nil {
		t.Error("removing a missing entry gave no error")
	}
}

func TestExclusiveNoneCannotBeCombined(t *testing.T) {
	s := NewSession(defaultDefinition(t))
	if err := s.ChooseMany("interacting_meds", []string{"none", "opioid"}); err == nil {
		t.Error("none was accepted with opioid")
	}
	if err := s.ChooseMany("interacting_meds", []string{"opioid", "stimulant"}); err != nil {
		t.Error(err)
	}
	if err := s.Choose("interacting_meds", "opioid"); err == nil {
		t.Error("Choose accepted a multi-choice item")
	}
}

func TestResetForgetsEverything(t *testing.T) {
	def := defaultDefinition(t)
	s := NewSessionWith(def, answers(t, def, map[string]any{"ad_any": "yes", "meds": []any{med("sertraline", "8_plus", "yes", "under_25")}, "phq9_9": "3"}))
	s.Acknowledge("urgent")
	s.PressHelpNow()
	s.Reset()
	if !s.IsEmpty() || len(s.Answers()) != 0 || len(s.Entries("meds")) != 0 {
		t.Error("answers survive a reset")
	}
	if s.Result().OutcomeID() != "" || s.First().ID != "age_18_plus" {
		t.Error("a reset session does not start from the beginning")
	}
}

func TestProgressTotalDoesNotChangeWhileAnswering(t *testing.T) {
	def := defaultDefinition(t)
	s := NewSession(def)
	sec, pos, n := s.Progress("phq9_3")
	if sec.ID != "mood" || pos != 3 || n != 10 {
		t.Errorf("phq9_3 before any answer: %s %d of %d, want mood 3 of 10 (the difficulty question may follow)", sec.ID, pos, n)
	}
	mustChoose(t, s, "phq9_1", "1")
	if _, pos, n := s.Progress("phq9_3"); pos != 3 || n != 10 {
		t.Errorf("after a non-zero answer: %d of %d, want 3 of 10 still", pos, n)
	}
	// A skipped question is passed over: with no antidepressant, the list
	// of them is not asked, and the next question is the fourth of eight.
	mustChoose(t, s, "ad_any", "no")
	if _, pos, n := s.Progress("augmentation"); pos != 4 || n != 8 {
		t.Errorf("augmentation after ad_any = no: %d of %d, want 4 of 8", pos, n)
	}
}

func TestReasonsNameTheAnswersThatCausedThem(t *testing.T) {
	def := defaultDefinition(t)
	res := resultOf(t, def, map[string]any{"phq9_9": "2", "phq9_difficulty": "1", "asq_2": "yes", "asq_5": "no"})
	if res.OutcomeID() != "urgent" || len(res.Reasons) < 2 {
		t.Fatalf("outcome %s with %d reasons", res.OutcomeID(), len(res.Reasons))
	}
	byRule := map[string][]Cause{}
	for _, r := range res.Reasons {
		byRule[r.Rule.ID] = r.Causes
	}
	if c := byRule["urgent_phq9_item9"]; !slices.Contains(c, Cause{Item: "phq9_9", Answer: "2"}) {
		t.Errorf("urgent_phq9_item9 causes %v, want phq9_9 = 2", c)
	}
	if c := byRule["urgent_asq_positive"]; !slices.Contains(c, Cause{Item: "asq_2", Answer: "yes"}) {
		t.Errorf("urgent_asq_positive causes %v, want asq_2 = yes", c)
	}
	ch := phq9Answers(12)
	ch["ad_any"] = "yes"
	ch["meds"] = []any{med("sertraline", "8_plus", "yes", "under_25"), med("citalopram", "6_7", "yes", "25_49")}
	res = resultOf(t, def, ch)
	var trd []Cause
	for _, r := range res.Reasons {
		if r.Rule.ID == "pathway_trd" {
			trd = r.Causes
		}
	}
	if !slices.Contains(trd, Cause{Item: "meds", Entry: 2, Field: "med_weeks", Answer: "6_7"}) {
		t.Errorf("pathway_trd causes %v, want the second medicine's weeks", trd)
	}
}

// TestToggleAlwaysGivesAnAnswerTheSessionTakes: every sequence of taps on
// the interacting-medicines question ends in codes the session accepts; an
// exclusive "none" and the others never stand together.
func TestToggleAlwaysGivesAnAnswerTheSessionTakes(t *testing.T) {
	def := defaultDefinition(t)
	it := def.Item("interacting_meds")
	if len(it.Exclusive) == 0 {
		t.Fatal("interacting_meds has no exclusive answer")
	}
	s := NewSessionWith(def, answers(t, def, nil))
	codes := it.Codes()
	var selected []string
	for i := range 200 {
		selected = it.Toggle(selected, codes[(i*7+i/3)%len(codes)])
		if len(selected) == 0 {
			continue
		}
		if err := s.ChooseMany(it.ID, selected); err != nil {
			t.Fatalf("after tap %d the codes %v are refused: %v", i+1, selected, err)
		}
	}
	none := it.Exclusive[0]
	if got := it.Toggle(it.Toggle(nil, codes[0]), none); !slices.Equal(got, []string{none}) {
		t.Errorf("tapping %q after %q gives %v", none, codes[0], got)
	}
}

// A list keeps at most MaxEntries entries, in a session as in a file.
func TestAListKeepsAtMostMaxEntries(t *testing.T) {
	s := NewSession(defaultDefinition(t))
	for i := range MaxEntries {
		if _, err := s.AddEntry("meds", Entry{"med_name": "other"}); err != nil {
			t.Fatalf("entry %d: %v", i+1, err)
		}
	}
	if _, err := s.AddEntry("meds", Entry{"med_name": "other"}); err == nil || !strings.Contains(err.Error(), "at most 60 entries") {
		t.Errorf("entry %d: %v", MaxEntries+1, err)
	}
	if n := len(s.Entries("meds")); n != MaxEntries {
		t.Errorf("the list holds %d entries", n)
	}
}
