package questionnaire

import (
	"fmt"
	"strings"
)

// Words are the few interface words that descriptions of answers need; the
// screens and the provider summary pass their own.
type Words struct {
	Entry    string // names a list entry: "Medicine %d"
	Count    string // a count of yes answers: "%d of %d"
	Positive string // "positive screen"
	Negative string // "negative screen"
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
			if o := it.Fields[0].Option(e[it.Fields[0].ID]); o != nil {
				parts = append(parts, o.Label(lang))
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
	switch s.Score.Kind {
	case Classify:
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

// EntryTitle names list entry n (from 1): "Medicine 2 (Bupropion (Wellbutrin))".
func (s *Session) EntryTitle(list *Item, n int, lang string, w Words) string {
	title := fmt.Sprintf(w.Entry, n)
	entries := s.Entries(list.ID)
	if n >= 1 && n <= len(entries) {
		if o := list.Fields[0].Option(entries[n-1][list.Fields[0].ID]); o != nil {
			title += " (" + o.Label(lang) + ")"
		}
	}
	return title
}

func (s *Session) entryLine(list *Item, n int, causes []Cause, lang string, w Words) string {
	var parts []string
	for _, c := range causes {
		if c.Item != list.ID || c.Entry != n {
			continue
		}
		if f := list.Field(c.Field); f != nil {
			if o := f.Option(c.Answer); o != nil {
				parts = append(parts, o.Text.In(lang))
			}
		}
	}
	return s.EntryTitle(list, n, lang, w) + ": " + strings.Join(parts, " · ")
}
