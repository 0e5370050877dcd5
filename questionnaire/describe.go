package questionnaire

import (
	"fmt"
	"slices"
	"strings"
)

// Words are the few interface words that descriptions of answers need; the
// screens and the provider summary pass their own.
type Words struct {
	Entry       string // names a list entry: "Medicine %d"
	Count       string // a count of yes answers: "%d of %d"
	Positive    string // "positive screen"
	Negative    string // "negative screen"
	NotAnswered string // "not answered"
	// NotCompleted is a screen that was not completed: "not completed".
	NotCompleted string
	// Changed is an answer changed after the urgent screen was shown:
	// "%s — first answer: %s; answer now: %s" (question, first, now).
	Changed string
	// ForProvider gives a classification (the ASQ's) in the provider
	// summary's words rather than the person's.
	ForProvider bool
}

// Label is an answer's text with its other names: "Sertraline (Zoloft)".
func (o *Option) Label(lang string) string {
	if len(o.Also) == 0 {
		return o.Text.In(lang)
	}
	return fmt.Sprintf("%s (%s)", o.Text.In(lang), strings.Join(o.Also, ", "))
}

// AnswerText writes an answer in words: the option's text, the texts of a
// multiple choice, or the entries of a list.
func AnswerText(it *Item, a Answer, lang string) string {
	switch it.Type {
	case Multi:
		var parts []string
		for _, c := range a.Codes {
			if o := it.Option(c); o != nil {
				parts = append(parts, o.Text.In(lang))
			}
		}
		return strings.Join(parts, "; ")
	case List:
		var parts []string
		for _, e := range a.Entries {
			if name := EntryName(it, e, lang); name != "" {
				parts = append(parts, name)
			}
		}
		return strings.Join(parts, "; ")
	}
	if o := it.Option(a.Code); o != nil {
		return o.Text.In(lang)
	}
	return a.Code
}

// ScoreText writes a score in words: "12 (moderate)", "3 of 5 (positive
// screen)", or a classification's text.
func ScoreText(s *ScoreResult, lang string, w Words) string {
	if s.NotCompleted {
		return w.NotCompleted
	}
	switch s.Score.Kind {
	case Classify:
		if w.ForProvider {
			return s.Score.ResultForProvider(s.Result).In(lang)
		}
		for _, c := range s.Score.Cases {
			if c.Result == s.Result {
				return c.Text.In(lang)
			}
		}
		return s.Score.OtherwiseText.In(lang)
	case Count:
		text := fmt.Sprintf(w.Count, s.Value, len(s.Score.Items))
		if s.Score.Positive == nil {
			return text
		}
		if s.Positive {
			return text + " (" + w.Positive + ")"
		}
		return text + " (" + w.Negative + ")"
	}
	if s.Band != nil {
		return fmt.Sprintf("%d (%s)", s.Value, s.Band.Text.In(lang))
	}
	return fmt.Sprint(s.Value)
}

// ScoreOf returns the sum or count score an item adds to, if any.
func (r *Result) ScoreOf(it *Item) *ScoreResult {
	for _, s := range r.Scores {
		if s.Score.Kind == Sum || s.Score.Kind == Count {
			for _, x := range s.Score.Items {
				if x == it {
					return s
				}
			}
		}
	}
	return nil
}

// DescribeCauses writes the answers behind a reason, one line each: answers
// that add up to a score as that score, a list entry's answers together, and
// any other answer as "question — answer".
func (s *Session) DescribeCauses(res *Result, causes []Cause, lang string, w Words) []string {
	var lines []string
	done := map[string]bool{}
	for _, c := range causes {
		it := s.def.Item(c.Item)
		switch {
		case it == nil:
			continue
		case c.Field != "":
			key := fmt.Sprintf("%s#%d", c.Item, c.Entry)
			if !done[key] {
				done[key] = true
				lines = append(lines, s.entryLine(it, c.Entry, causes, lang, w))
			}
		case res.ScoreOf(it) != nil:
			sc := res.ScoreOf(it)
			if !done[sc.Score.ID] {
				done[sc.Score.ID] = true
				lines = append(lines, sc.Score.Name.In(lang)+": "+ScoreText(sc, lang, w))
			}
		default:
			a, _ := s.Answer(c.Item)
			lines = append(lines, fmt.Sprintf("%s — %s", it.Text.In(lang), AnswerText(it, a, lang)))
		}
	}
	return lines
}

// EntryName names a list entry by its first answer, with any words typed
// for it: "Sertraline (Zoloft)", "Another antidepressant: agomelatine".
func EntryName(list *Item, e Entry, lang string) string {
	if len(list.Fields) == 0 {
		return ""
	}
	o := list.Fields[0].Option(e[list.Fields[0].ID])
	if o == nil {
		return ""
	}
	name := o.Label(lang)
	for _, f := range list.Fields[1:] {
		if f.Type == TextField && e[f.ID] != "" && textFieldShown(list, f, e) {
			name += ": " + e[f.ID]
		}
	}
	return name
}

// textFieldShown tells whether a text field belongs to the entry as answered
// (its show_if, which reads only the entry's fields, holds).
func textFieldShown(list *Item, f *Item, e Entry) bool {
	if f.ShowIf == nil {
		return true
	}
	ev := newEvaluator(nil, Answers{})
	ev.list, ev.entry = list, e
	ok, _ := ev.holds(f.ShowIf)
	return ok
}

// FieldAnswerText is a field's answer in an entry, in words: the answer's
// text, or the words typed; "" when it is unanswered.
func FieldAnswerText(f *Item, e Entry, lang string) string {
	if f.Type == TextField {
		return e[f.ID]
	}
	if o := f.Option(e[f.ID]); o != nil {
		return o.Text.In(lang)
	}
	return ""
}

// EntryTitle names list entry n (from 1): "Medicine 2: Bupropion (Wellbutrin)".
func (s *Session) EntryTitle(list *Item, n int, lang string, w Words) string {
	title := fmt.Sprintf(w.Entry, n)
	entries := s.Entries(list.ID)
	if n >= 1 && n <= len(entries) {
		if name := EntryName(list, entries[n-1], lang); name != "" {
			title += ": " + name
		}
	}
	return title
}

// entryLine is a list entry's answers behind a reason, each named:
// "Medicine 2: Bupropion (Wellbutrin) — Time at the intended dose: 6 to 7
// weeks · Improvement at best: Somewhat better".
func (s *Session) entryLine(list *Item, n int, causes []Cause, lang string, w Words) string {
	var parts []string
	for _, f := range list.Fields {
		for _, c := range causes {
			if c.Item != list.ID || c.Entry != n || c.Field != f.ID || f == list.Fields[0] {
				continue
			}
			if o := f.Option(c.Answer); o != nil {
				parts = append(parts, f.LabelIn(lang)+": "+o.Text.In(lang))
				break
			}
		}
	}
	line := s.EntryTitle(list, n, lang, w)
	if len(parts) > 0 {
		line += " — " + strings.Join(parts, " · ")
	}
	return line
}

// ListTally is how the entries of a list (the antidepressants) were counted
// by the scores that count them, so that every place that shows the counts
// shows the same ones, and the entries that no score counted are counted too.
type ListTally struct {
	List    *Item
	Entries int
	// Scores are the count_entries scores of the list, in definition order.
	Scores []*ScoreResult
	// NotCounted are the 1-based entries that no score counted.
	NotCounted []int
}

// Tallies returns the tally of every list that count_entries scores count,
// when the list is shown.
func (s *Session) Tallies(res *Result) []ListTally {
	var out []ListTally
	for _, sc := range res.Scores {
		if sc.Score.Kind != CountEntries || !s.Visible(sc.Score.List.ID) {
			continue
		}
		i := slices.IndexFunc(out, func(t ListTally) bool { return t.List == sc.Score.List })
		if i < 0 {
			out = append(out, ListTally{List: sc.Score.List, Entries: len(s.Entries(sc.Score.List.ID))})
			i = len(out) - 1
		}
		out[i].Scores = append(out[i].Scores, sc)
	}
	for i := range out {
		for n := 1; n <= out[i].Entries; n++ {
			counted := slices.ContainsFunc(out[i].Scores, func(sc *ScoreResult) bool { return slices.Contains(sc.Entries, n) })
			if !counted {
				out[i].NotCounted = append(out[i].NotCounted, n)
			}
		}
	}
	return out
}

// SafetyLines writes the definition's safety summary (the ASQ, PHQ-9 item
// 9) one line each, whatever the answers: a score with its result, a
// question with its answer, or that it was not answered.
func (s *Session) SafetyLines(res *Result, lang string, w Words) []string {
	var lines []string
	for _, line := range s.def.SafetySummary {
		switch {
		case line.Score != nil:
			if sc := res.Score(line.Score.ID); sc != nil {
				lines = append(lines, sc.Score.Name.In(lang)+": "+ScoreText(sc, lang, w))
			}
		case line.Item != nil:
			answer := w.NotAnswered
			if a, ok := s.Answer(line.Item.ID); ok && s.Visible(line.Item.ID) {
				answer = AnswerText(line.Item, a, lang)
			}
			lines = append(lines, line.Item.Text.In(lang)+" — "+answer)
		}
	}
	lines = append(lines, s.changedSinceShown(res, lang, w)...)
	if note := s.def.Text(TextASQSelfAdministered); len(lines) > 0 && len(note) > 0 {
		lines = append(lines, note.In(lang))
	}
	return lines
}

// changedSinceShown lists, for an outcome that stays (urgent) and was kept
// although its rule no longer holds, each answer it was shown for that has
// changed since: the question, the first answer and the answer now.
func (s *Session) changedSinceShown(res *Result, lang string, w Words) []string {
	var lines []string
	for _, r := range res.Reasons {
		if !r.Kept {
			continue
		}
		for _, c := range r.Causes {
			it := s.def.Item(c.Item)
			if it == nil || c.Entry != 0 {
				continue
			}
			now := w.NotAnswered
			if a, ok := s.Answer(it.ID); ok && s.Visible(it.ID) {
				if a.Code == c.Answer {
					continue
				}
				now = AnswerText(it, a, lang)
			}
			first := c.Answer
			if o := it.Option(c.Answer); o != nil {
				first = o.Text.In(lang)
			}
			lines = append(lines, fmt.Sprintf(w.Changed, it.Text.In(lang), first, now))
		}
	}
	return lines
}
