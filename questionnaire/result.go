package questionnaire

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Result is what a session's answers mean: the headline outcome, the
// treatment-stage pathway, the flags for the provider, the scores, and for
// every reason the rule that fired and the answers that caused it.
type Result struct {
	// Outcome is the headline: crisis, adult_only, urgent, or the pathway
	// itself when no outcome rule holds. It is nil while the flow is
	// incomplete and no outcome rule holds yet.
	Outcome *Outcome
	// Pathway is the treatment-stage result, given whenever the flow was
	// completed (under urgent too); nil when it ended early or is incomplete.
	Pathway *Outcome
	// EndedEarly is true when an outcome that ends the flow (crisis,
	// adult_only) stopped the questions.
	EndedEarly bool
	// Complete is true when the flow ended early or every shown item is answered.
	Complete bool
	// Reasons are the rules behind the outcome and the pathway.
	Reasons []Reason
	// Flags are what to raise with the provider, in definition order.
	Flags []RaisedFlag
	// Scores holds every score of the definition, in definition order.
	Scores []*ScoreResult
	// Unanswered lists the shown items still needing an answer.
	Unanswered []*Item
}

// Reason is a rule that fired and the answers that made it fire.
type Reason struct {
	Rule   *Rule
	Causes []Cause
	// Kept: the rule held when its outcome was shown and no longer does; the
	// outcome stays (urgent), and Causes are the answers as they were then.
	Kept bool
}

// RaisedFlag is a flag that applies and the answers that raised it.
type RaisedFlag struct {
	Flag   *Flag
	Causes []Cause
}

// FlagsInGroup is a group of flags and the flags of a result in it.
type FlagsInGroup struct {
	Group *FlagGroup
	Flags []RaisedFlag
}

// FlagsByGroup lists the result's flags by group, in the definition's
// order of groups, leaving out groups with none.
func (r *Result) FlagsByGroup(def *Definition) []FlagsInGroup {
	var out []FlagsInGroup
	for _, g := range def.FlagGroups {
		in := FlagsInGroup{Group: g}
		for _, f := range r.Flags {
			if f.Flag.Group == g {
				in.Flags = append(in.Flags, f)
			}
		}
		if len(in.Flags) > 0 {
			out = append(out, in)
		}
	}
	return out
}

// Result computes the result of the answers so far.
func (s *Session) Result() *Result {
	f := s.walk()
	ev := s.evaluator(f)
	res := &Result{EndedEarly: f.endedBy != nil, Unanswered: s.unanswered(f)}
	res.Complete = res.EndedEarly || len(res.Unanswered) == 0
	for _, sc := range s.def.Scores {
		if !sc.Internal {
			res.Scores = append(res.Scores, ev.score(sc))
		}
	}
	res.Outcome, res.Reasons = firstMatch(ev, s.def.OutcomeRule)
	if o, kept := s.keptOutcome(res.Outcome); o != nil {
		res.Outcome, res.Reasons = o, kept
	}
	if res.Complete && !res.EndedEarly {
		var reasons []Reason
		res.Pathway, reasons = firstMatch(ev, s.def.PathwayRule)
		res.Reasons = append(res.Reasons, reasons...)
		if res.Outcome == nil {
			res.Outcome = res.Pathway
		}
	}
	for _, fl := range s.def.Flags {
		if o := res.Outcome; o != nil && o.OnlyFlags != nil && !slices.Contains(o.OnlyFlags, fl.ID) {
			continue
		}
		if ok, causes := ev.holds(fl.When); ok {
			res.Flags = append(res.Flags, RaisedFlag{Flag: fl, Causes: causes})
		}
	}
	return res
}

// firstMatch returns the result of the first rule that holds, and as reasons
// every rule for that same result that holds.
// keptOutcome returns an outcome that stays (urgent) and was shown, with the
// reasons it was shown for, when it outranks the outcome the answers give
// now (winner, nil when none): a changed answer never withdraws it.
func (s *Session) keptOutcome(winner *Outcome) (*Outcome, []Reason) {
	rank := func(o *Outcome) int {
		for i, r := range s.def.OutcomeRule {
			if r.Result == o {
				return i
			}
		}
		return len(s.def.OutcomeRule)
	}
	for _, o := range s.def.Outcomes {
		kept := s.kept[o.ID]
		if len(kept) == 0 || o == winner || (winner != nil && rank(winner) < rank(o)) {
			continue
		}
		out := make([]Reason, len(kept))
		for i, r := range kept {
			out[i] = Reason{Rule: r.Rule, Causes: r.Causes, Kept: true}
		}
		return o, out
	}
	return nil, nil
}

func firstMatch(ev *evaluator, rules []*Rule) (*Outcome, []Reason) {
	var winner *Outcome
	var reasons []Reason
	for _, r := range rules {
		if winner != nil && r.Result != winner {
			continue
		}
		if ok, causes := ev.holds(r.When); ok {
			winner = r.Result
			reasons = append(reasons, Reason{Rule: r, Causes: causes})
		}
	}
	return winner, reasons
}

// Score returns the computed score with the given id, or nil.
func (r *Result) Score(id string) *ScoreResult {
	for _, s := range r.Scores {
		if s.Score.ID == id {
			return s
		}
	}
	return nil
}

// LeftUnfinished tells whether a score counts as its unfinished result
// because the session ended with it started (the ASQ: positive).
func (r *Result) LeftUnfinished() bool {
	return slices.ContainsFunc(r.Scores, func(s *ScoreResult) bool { return s.Unfinished })
}

// LeftDuringSafetyScreen tells whether the person left with a screen started
// but not finished that then counts as positive (the ASQ), giving an
// interrupting outcome (urgent): the staff must be told.
func (r *Result) LeftDuringSafetyScreen() bool {
	return r.LeftUnfinished() && r.Outcome != nil && r.Outcome.Interrupts
}

// FlagIDs returns the ids of the raised flags, sorted.
func (r *Result) FlagIDs() []string {
	ids := make([]string, len(r.Flags))
	for i, f := range r.Flags {
		ids[i] = f.Flag.ID
	}
	sort.Strings(ids)
	return ids
}

// HasFlag tells whether a flag was raised.
func (r *Result) HasFlag(id string) bool { return slices.Contains(r.FlagIDs(), id) }

// OutcomeID returns the outcome's id, or "" when there is none yet.
func (r *Result) OutcomeID() string {
	if r.Outcome == nil {
		return ""
	}
	return r.Outcome.ID
}

// PathwayID returns the pathway's id, or "" when there is none.
func (r *Result) PathwayID() string {
	if r.Pathway == nil {
		return ""
	}
	return r.Pathway.ID
}

// ExampleFailure is an example whose answers do not give what it expects.
type ExampleFailure struct {
	Example  *Example
	Problems []string
}

func (f ExampleFailure) Error() string {
	return fmt.Sprintf("%s: example %q: %s", f.Example.Pos, f.Example.Name, strings.Join(f.Problems, "; "))
}

// RunExamples runs every example of the definition and returns those that
// fail, so a clinic that changes a threshold sees which cases change.
func (d *Definition) RunExamples() []ExampleFailure {
	var failures []ExampleFailure
	for _, ex := range d.Examples {
		if problems := ex.check(d); len(problems) > 0 {
			failures = append(failures, ExampleFailure{Example: ex, Problems: problems})
		}
	}
	return failures
}

func (ex *Example) check(d *Definition) []string {
	res := NewSessionWith(d, ex.Answers).Result()
	var problems []string
	if !res.Complete {
		var ids []string
		for _, it := range res.Unanswered {
			ids = append(ids, it.ID)
		}
		problems = append(problems, "unanswered: "+strings.Join(ids, ", "))
	}
	want := ex.Expect
	if want.Outcome != "" && res.OutcomeID() != want.Outcome {
		problems = append(problems, fmt.Sprintf("outcome is %s, expected %s", orNone(res.OutcomeID()), want.Outcome))
	}
	if want.Pathway != "" && orNone(res.PathwayID()) != want.Pathway {
		problems = append(problems, fmt.Sprintf("pathway is %s, expected %s", orNone(res.PathwayID()), want.Pathway))
	}
	if want.FlagsSet {
		expected := slices.Clone(want.Flags)
		sort.Strings(expected)
		if got := res.FlagIDs(); !slices.Equal(got, expected) {
			problems = append(problems, fmt.Sprintf("flags are [%s], expected [%s]", strings.Join(got, ", "), strings.Join(expected, ", ")))
		}
	}
	for _, id := range sortedKeys(want.Scores) {
		problems = append(problems, checkScore(res.Score(id), want.Scores[id])...)
	}
	return problems
}

func checkScore(got *ScoreResult, want ExpectedScore) []string {
	var problems []string
	if got == nil {
		return []string{"a score that is internal is never reported, so it cannot be expected"}
	}
	id := got.Score.ID
	if want.Value != nil && got.Value != *want.Value {
		problems = append(problems, fmt.Sprintf("%s is %d, expected %d", id, got.Value, *want.Value))
	}
	if want.Band != "" && (got.Band == nil || got.Band.Code != want.Band) {
		band := "none"
		if got.Band != nil {
			band = got.Band.Code
		}
		problems = append(problems, fmt.Sprintf("%s band is %s, expected %s", id, band, want.Band))
	}
	if want.Result != "" && got.Result != want.Result {
		problems = append(problems, fmt.Sprintf("%s is %s, expected %s", id, got.Result, want.Result))
	}
	if want.Completed != nil && got.NotCompleted == *want.Completed {
		problems = append(problems, fmt.Sprintf("%s completed is %v, expected %v", id, !got.NotCompleted, *want.Completed))
	}
	if want.Positive != nil && got.Positive != *want.Positive {
		problems = append(problems, fmt.Sprintf("%s positive is %v, expected %v", id, got.Positive, *want.Positive))
	}
	return problems
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// FiredRules returns the ids of every outcome and pathway rule and flag that
// fires in at least one example, for checking that examples cover the rules.
func (d *Definition) FiredRules() map[string]bool {
	fired := map[string]bool{}
	for _, ex := range d.Examples {
		res := NewSessionWith(d, ex.Answers).Result()
		for _, r := range res.Reasons {
			fired[r.Rule.ID] = true
		}
		for _, f := range res.Flags {
			fired["flag:"+f.Flag.ID] = true
		}
	}
	return fired
}

// EntryNotCounted returns, for entry i (from 0) of the list a count_entries
// score counts, why that score did not count it: when the entry met the
// condition of a score of the same list but the same value of its distinct
// field was counted already (the same medicine twice), that score's
// duplicate text alone; otherwise the score's not_counted reasons that hold.
// It returns nothing when the score counted the entry.
func (s *Session) EntryNotCounted(scoreID string, i int) []Text {
	sc := s.def.Score(scoreID)
	if sc == nil || sc.Kind != CountEntries {
		return nil
	}
	entries := s.answers[sc.List.ID].Entries
	if i < 0 || i >= len(entries) {
		return nil
	}
	ev := s.evaluator(s.walk())
	if slices.Contains(ev.score(sc).Entries, i+1) {
		return nil
	}
	for _, other := range s.def.Scores {
		if other.Kind == CountEntries && other.List == sc.List && slices.Contains(ev.score(other).Duplicates, i+1) {
			return []Text{other.Duplicate}
		}
	}
	ev.list, ev.entry, ev.entryNo = sc.List, entries[i], i+1
	if ok, _ := ev.holds(sc.Where); ok {
		return nil
	}
	var out []Text
	for _, e := range sc.NotCounted {
		if ok, _ := ev.holds(e.When); ok {
			out = append(out, e.Text)
		}
	}
	return out
}
