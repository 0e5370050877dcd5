package questionnaire

import (
	"cmp"
	"slices"
	"strconv"
)

// Range is the lowest and highest value a sum or count score can take
// (PHQ-9: 0 and 27); ok is false for other kinds.
func (s *Score) Range() (lo, hi int, ok bool) {
	if s.Kind != Sum && s.Kind != Count {
		return 0, 0, false
	}
	return s.minN, s.maxN, true
}

// Threshold reads the score's positive condition when it is the score
// compared with a number or a number setting ("pcptsd5 >= 3"): the
// operator and the number. ok is false for any other condition.
func (s *Score) Threshold() (op string, n int, ok bool) {
	if s.Positive == nil || s.Positive.root == nil {
		return "", 0, false
	}
	e := s.Positive.root
	if e.kind != exprCompare || len(e.args) != 2 {
		return "", 0, false
	}
	left, right := e.args[0], e.args[1]
	if left.ref == nil || left.ref.kind != refScore || left.ref.score != s {
		return "", 0, false
	}
	switch {
	case right.ref != nil && right.ref.kind == refSetting && right.ref.setting.Number != nil:
		return e.op, *right.ref.setting.Number, true
	case right.ref == nil:
		if v, err := strconv.Atoi(right.word); err == nil {
			return e.op, v, true
		}
	}
	return "", 0, false
}

// ResultForProvider is a classify score's result in the provider summary's
// words: its case's provider text, else the text the person saw.
func (s *Score) ResultForProvider(result string) Text {
	for _, c := range s.Cases {
		if c.Result == result {
			return orText(c.Provider, c.Text)
		}
	}
	return s.OtherwiseText
}

// ItemsRead are the questions a score is made from, in the order they are
// asked: a sum's or count's own items, else the items its cases read (the
// ASQ's five questions). The provider summary prints them in its score
// table.
func (s *Score) ItemsRead() []*Item {
	if len(s.Items) > 0 {
		return s.Items
	}
	var items []*Item
	seen := map[any]bool{}
	for _, c := range s.Cases {
		if c.When == nil {
			continue
		}
		for _, it := range dependencies(c.When.root, seen) {
			if !slices.Contains(items, it) {
				items = append(items, it)
			}
		}
	}
	slices.SortStableFunc(items, func(a, b *Item) int {
		return cmp.Or(cmp.Compare(a.Pos.Line, b.Pos.Line), cmp.Compare(a.Pos.Column, b.Pos.Column))
	})
	return items
}
