package questionnaire

import "strconv"

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
