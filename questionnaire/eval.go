package questionnaire

import (
	"slices"
	"strconv"
	"strings"
)

// Cause is one answer that made a rule fire: an item's answer, or one field
// of one list entry.
type Cause struct {
	Item   string `json:"item"`
	Entry  int    `json:"entry,omitempty"` // 1-based entry of a list item; 0 for plain items
	Field  string `json:"field,omitempty"`
	Answer string `json:"answer"`
}

// value is what a condition's part evaluates to. An answer that was not given
// (or whose item is hidden) is missing: every comparison with it is false.
type value struct {
	missing bool
	b       bool
	n       int
	isNum   bool
	code    string
	codes   []string
}

// evaluator evaluates conditions against the answers that count, remembering
// scores and named conditions once computed.
type evaluator struct {
	def     *Definition
	answers Answers
	scores  map[*Score]*ScoreResult
	conds   map[*NamedCondition]condResult
	entry   Entry // the list entry being counted, for field names
	entryNo int
	list    *Item
	// shown holds the items the person sees; a score is complete when each of
	// its shown items is answered.
	shown map[string]bool
	// ended is set once the session ended (Session.End); reached is then the
	// index of the last item the person reached.
	ended   bool
	reached int
}

type condResult struct {
	holds  bool
	causes []Cause
}

func newEvaluator(def *Definition, answers Answers) *evaluator {
	return &evaluator{def: def, answers: answers, scores: map[*Score]*ScoreResult{}, conds: map[*NamedCondition]condResult{}}
}

// holds evaluates a condition and returns whether it holds and the answers
// that made it so.
func (ev *evaluator) holds(c *Condition) (bool, []Cause) {
	if c == nil || c.root == nil {
		return false, nil
	}
	v, causes := ev.eval(c.root)
	if !v.b {
		return false, nil
	}
	return true, dedupeCauses(causes)
}

func (ev *evaluator) eval(e *expr) (value, []Cause) {
	switch e.kind {
	case exprAlways:
		return value{b: true}, nil
	case exprOr:
		var causes []Cause
		any := false
		for _, a := range e.args {
			if v, c := ev.eval(a); v.b {
				any = true
				causes = append(causes, c...)
			}
		}
		return value{b: any}, causes
	case exprAnd:
		var causes []Cause
		for _, a := range e.args {
			v, c := ev.eval(a)
			if !v.b {
				return value{b: false}, nil
			}
			causes = append(causes, c...)
		}
		return value{b: true}, causes
	case exprNot:
		v, c := ev.eval(e.args[0])
		return value{b: !v.b}, c
	case exprSum:
		total, causes := 0, []Cause(nil)
		for _, a := range e.args {
			v, c := ev.eval(a)
			if v.missing {
				return value{missing: true}, nil
			}
			total += v.n
			causes = append(causes, c...)
		}
		return value{n: total, isNum: true}, causes
	case exprCompare:
		return ev.compare(e)
	case exprWord:
		return ev.word(e)
	}
	return value{missing: true}, nil
}

func (ev *evaluator) word(e *expr) (value, []Cause) {
	r := e.ref
	if r == nil { // a literal
		if n, err := strconv.Atoi(e.word); err == nil {
			return value{n: n, isNum: true, code: e.word}, nil
		}
		return value{code: e.word}, nil
	}
	switch r.kind {
	case refItem:
		return ev.itemValue(r.item)
	case refField:
		code := ev.entry[r.item.ID]
		if code == "" || !ev.fieldShown(r.item) {
			return value{missing: true}, nil // a hidden field's answer does not count
		}
		return codeValue(code), []Cause{{Item: ev.list.ID, Entry: ev.entryNo, Field: r.item.ID, Answer: code}}
	case refSetting:
		if r.setting.Number != nil {
			return value{n: *r.setting.Number, isNum: true}, nil
		}
		return value{codes: r.setting.Codes}, nil
	case refCondition:
		cr, ok := ev.conds[r.cond]
		if !ok {
			cr.holds, cr.causes = ev.holds(r.cond.When)
			ev.conds[r.cond] = cr
		}
		return value{b: cr.holds}, cr.causes
	}
	return ev.scoreValue(r)
}

// scoreValue is what a reference to a score reads: whether it is positive,
// its band, its classification, or its value.
func (ev *evaluator) scoreValue(r *reference) (value, []Cause) {
	s := ev.score(r.score)
	switch {
	case r.kind == refScorePositive:
		return value{b: s.Positive}, s.Causes
	case r.kind == refScoreBand && s.Band != nil:
		return value{code: s.Band.Code}, s.Causes
	case r.kind == refScore && s.Score.Kind == Classify:
		return value{code: s.Result}, s.Causes
	case r.kind == refScore:
		return value{n: s.Value, isNum: true}, s.Causes
	}
	return value{missing: true}, nil
}

// fieldShown tells whether a field of the entry being read is asked, given
// the entry's earlier fields.
func (ev *evaluator) fieldShown(f *Item) bool {
	if f.ShowIf == nil {
		return true
	}
	ok, _ := ev.holds(f.ShowIf)
	return ok
}

func codeValue(code string) value {
	v := value{code: code}
	if n, err := strconv.Atoi(code); err == nil {
		v.n, v.isNum = n, true
	}
	return v
}

func (ev *evaluator) itemValue(it *Item) (value, []Cause) {
	a, ok := ev.answers[it.ID]
	if !ok || a.empty() {
		return value{missing: true}, nil
	}
	if it.Type == Multi {
		return value{codes: a.Codes}, []Cause{{Item: it.ID, Answer: strings.Join(a.Codes, ",")}}
	}
	return codeValue(a.Code), []Cause{{Item: it.ID, Answer: a.Code}}
}

func (ev *evaluator) compare(e *expr) (value, []Cause) {
	l, lc := ev.eval(e.args[0])
	if l.missing {
		return value{b: false}, nil // an unanswered question makes no comparison hold
	}
	r, rc := ev.listOrValue(e.args[1])
	if r.missing || !compareValues(e.op, l, r) {
		return value{b: false}, nil
	}
	return value{b: true}, append(lc, rc...)
}

// listOrValue is the right side of a comparison: a list of codes ("in",
// "has"), or a value.
func (ev *evaluator) listOrValue(e *expr) (value, []Cause) {
	if e.kind != exprList {
		return ev.eval(e)
	}
	var v value
	for _, a := range e.args {
		v.codes = append(v.codes, a.word)
	}
	return v, nil
}

// compareValues applies a comparison to two answered values; "=" and "!="
// are each other's negation.
func compareValues(op string, l, r value) bool {
	switch op {
	case "=":
		return equalValues(l, r)
	case "!=":
		return !equalValues(l, r)
	case "in":
		return slices.Contains(r.codes, l.code)
	case "has":
		want := r.codes
		if want == nil {
			want = []string{r.code}
		}
		return slices.ContainsFunc(l.codes, func(c string) bool { return slices.Contains(want, c) })
	}
	return l.isNum && r.isNum && orderedInts(op, l.n, r.n)
}

// equalValues: two numbers are equal by value, anything else by its code.
func equalValues(l, r value) bool {
	if l.isNum && r.isNum {
		return l.n == r.n
	}
	return l.code != "" && l.code == r.code
}

func orderedInts(op string, a, b int) bool {
	switch op {
	case "<":
		return a < b
	case "<=":
		return a <= b
	case ">":
		return a > b
	case ">=":
		return a >= b
	}
	return false
}

func dedupeCauses(causes []Cause) []Cause {
	var out []Cause
	seen := make(map[Cause]bool, len(causes)) // a long medicine list has thousands
	for _, c := range causes {
		if !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// ScoreResult is a computed score.
type ScoreResult struct {
	Score *Score
	// Value is the total or count (sum, count, count_entries).
	Value int
	// Result is the classification (classify scores).
	Result string
	// Band is the band the value falls in, when the score has bands.
	Band *Band
	// Positive tells whether the score is a positive screen, when it has a
	// positive condition.
	Positive bool
	// Complete is false when some of the score's visible items were not answered.
	Complete bool
	// Entries lists the 1-based list entries a count_entries score counted.
	Entries []int
	// Duplicates (count_entries) are the 1-based entries that met the
	// score's condition but were not counted, because the same value of its
	// distinct field was counted already.
	Duplicates []int
	// NotCompleted: the score's completed condition does not hold (a
	// declined or unasked trauma screen): no value, band or positive.
	NotCompleted bool
	// Unfinished (classify) is set when the session ended with the screen
	// started but not finished, and Result is the score's unfinished result.
	Unfinished bool
	keys       map[string]bool // count_entries: the distinct values counted
	// Causes are the answers the score was computed from.
	Causes []Cause
}

func (ev *evaluator) score(s *Score) *ScoreResult {
	if r, ok := ev.scores[s]; ok {
		return r
	}
	r := &ScoreResult{Score: s, Complete: true}
	ev.scores[s] = r // guards against re-entry; cycles are rejected when loading
	switch s.Kind {
	case Sum, Count:
		ev.sumItems(s, r)
	case Classify:
		ev.classify(s, r)
	case CountEntries:
		ev.countEntries(s, r)
	}
	if s.Completed != nil {
		if ok, _ := ev.holds(s.Completed); !ok {
			r.NotCompleted = true
			r.Value, r.Causes = 0, nil
			return r
		}
	}
	r.Band = s.Band(r.Value)
	if s.Positive != nil {
		r.Positive, _ = ev.holds(s.Positive)
	}
	return r
}

// sumItems adds up the answers (sum) or counts those with the score's code
// (count); a shown item left unanswered makes the score incomplete.
func (ev *evaluator) sumItems(s *Score, r *ScoreResult) {
	for _, it := range s.Items {
		a, ok := ev.answers[it.ID]
		if !ok {
			r.Complete = r.Complete && !ev.shown[it.ID]
			continue
		}
		if s.Kind == Sum {
			n, _ := strconv.Atoi(a.Code)
			r.Value += n
			r.Causes = append(r.Causes, Cause{Item: it.ID, Answer: a.Code})
		} else if a.Code == s.CountCode {
			r.Value++
			r.Causes = append(r.Causes, Cause{Item: it.ID, Answer: a.Code})
		}
	}
}

// classify gives the result of the first case that holds, else otherwise;
// a screen started and not finished before the session ended gives the
// score's unfinished result.
func (ev *evaluator) classify(s *Score, r *ScoreResult) {
	r.Result = s.Otherwise
	for _, cs := range s.Cases {
		if ok, causes := ev.holds(cs.When); ok {
			r.Result, r.Causes = cs.Result, causes
			break
		}
	}
	if r.Result == s.Otherwise && s.Unfinished != "" && ev.ended && ev.startedScore(s) {
		r.Result = s.Unfinished
		r.Unfinished = true
	}
}

// startedScore tells whether the person, before the session ended, had
// reached an item the score reads that was shown to them.
func (ev *evaluator) startedScore(s *Score) bool {
	for _, it := range scoreDependencies(s, map[any]bool{}) {
		if ev.shown[it.ID] && it.Index <= ev.reached {
			return true
		}
	}
	return false
}

func (ev *evaluator) countEntries(s *Score, r *ScoreResult) {
	a := ev.answers[s.List.ID]
	var excluded map[string]bool
	if s.Excluding != nil {
		excluded = ev.score(s.Excluding).keys
	}
	r.keys = map[string]bool{}
	sub := *ev
	sub.list = s.List
	for i, e := range a.Entries {
		sub.entry, sub.entryNo = e, i+1
		ok, causes := sub.holds(s.Where)
		if !ok {
			continue
		}
		key := s.entryKey(e, i)
		if r.keys[key] || excluded[key] {
			r.Duplicates = append(r.Duplicates, i+1)
			continue
		}
		r.keys[key] = true
		r.Value++
		r.Entries = append(r.Entries, i+1)
		r.Causes = append(r.Causes, causes...)
	}
}

// entryKey is what makes entry i (from 0) one thing to count: its answer to
// the score's distinct field, or the entry itself when there is no such
// field, or the answer is one that stands for its own unknown value.
func (s *Score) entryKey(e Entry, i int) string {
	if s.Distinct != nil {
		if code := e[s.Distinct.ID]; code != "" && !slices.Contains(s.OwnCodes, code) {
			return "=" + code
		}
	}
	return "#" + strconv.Itoa(i)
}
