package questionnaire

import (
	"slices"
	"strconv"
)

// possible tells whether a condition can hold for some set of answers. It is
// conservative: false means the condition clearly never holds (a score
// compared beyond its range, an item that can never be shown, two answers
// required of one question at once); true means no such problem was found.
func possible(e *expr) bool {
	switch e.kind {
	case exprAlways:
		return true
	case exprOr:
		return slices.ContainsFunc(e.args, possible)
	case exprAnd:
		return !slices.ContainsFunc(e.args, func(a *expr) bool { return !possible(a) }) && consistent(e.args)
	case exprNot:
		return e.args[0].kind != exprAlways
	case exprCompare:
		return possibleCompare(e)
	case exprWord:
		if c := namedCondition(e.ref); c != nil && c.root != nil {
			return possible(c.root)
		}
	}
	return true
}

// namedCondition is the condition a word stands for: a named condition, or
// a score's positive condition; nil for anything else.
func namedCondition(r *reference) *Condition {
	switch {
	case r == nil:
		return nil
	case r.kind == refCondition:
		return r.cond.When
	case r.kind == refScorePositive:
		return r.score.Positive
	}
	return nil
}

// valueRange is the range of a number expression, or ok=false when unknown.
func valueRange(e *expr) (lo, hi int, ok bool) {
	switch e.kind {
	case exprSum:
		for _, a := range e.args {
			alo, ahi, aok := valueRange(a)
			if !aok {
				return 0, 0, false
			}
			lo += alo
			if ahi < 0 || hi < 0 {
				hi = -1
			} else {
				hi += ahi
			}
		}
		return lo, hi, true
	case exprWord:
		if e.ref == nil {
			n, err := strconv.Atoi(e.word)
			return n, n, err == nil
		}
		switch e.ref.kind {
		case refItem, refField:
			return e.ref.item.minN, e.ref.item.maxN, e.ref.item.numeric
		case refScore:
			lo, hi := scoreRange(e.ref.score)
			return lo, hi, e.ref.score.Kind != Classify
		case refSetting:
			if e.ref.setting.Number != nil {
				return *e.ref.setting.Number, *e.ref.setting.Number, true
			}
		}
	}
	return 0, 0, false
}

// unreachableItem tells whether a comparison reads an item that is never shown.
func unreachableItem(e *expr) bool {
	for _, sub := range subExprs(e) {
		if sub.ref != nil && sub.ref.kind == refItem && sub.ref.item.Type != Control && !sub.ref.item.reachable {
			return true
		}
	}
	return false
}

func possibleCompare(e *expr) bool {
	left, right := e.args[0], e.args[1]
	if unreachableItem(left) {
		return false
	}
	switch e.op {
	case "<", "<=", ">", ">=", "=":
		llo, lhi, lok := valueRange(left)
		rlo, rhi, rok := valueRange(right)
		return !lok || !rok || rangesAllow(e.op, llo, lhi, rlo, rhi)
	case "in":
		return right.kind != exprList || len(right.args) > 0
	case "!=":
		if left.ref != nil && (left.ref.kind == refItem || left.ref.kind == refField) {
			return len(left.ref.item.Options) > 1
		}
	}
	return true
}

// rangesAllow tells whether a value in [llo, lhi] can compare with one in
// [rlo, rhi] as op says; a negative hi is unbounded.
func rangesAllow(op string, llo, lhi, rlo, rhi int) bool {
	below := llo < rhi || rhi < 0     // some left value under some right one
	notAbove := llo <= rhi || rhi < 0 // some left value at most some right one
	above := lhi < 0 || lhi > rlo
	notBelow := lhi < 0 || lhi >= rlo
	switch op {
	case "<":
		return below
	case "<=":
		return notAbove
	case ">":
		return above
	case ">=":
		return notBelow
	}
	return notBelow && notAbove // =
}

// consistent tells whether the comparisons joined by "and" can hold together:
// for instance phq9 >= 10 and phq9 <= 4, or ad_any = yes and ad_any = no, cannot.
func consistent(args []*expr) bool {
	codes := map[any][]string{}
	type interval struct{ lo, hi int }
	ranges := map[any]interval{}
	for _, a := range args {
		if a.kind != exprCompare || a.args[0].kind != exprWord || a.args[0].ref == nil {
			continue
		}
		left := a.args[0]
		key := refKey(left.ref)
		if allowed, ok := allowedCodes(a); ok {
			if prev, seen := codes[key]; seen {
				allowed = intersect(prev, allowed)
			}
			if len(allowed) == 0 {
				return false
			}
			codes[key] = allowed
			continue
		}
		lo, hi, ok := valueRange(left)
		rlo, _, rok := valueRange(a.args[1])
		if !ok || !rok {
			continue
		}
		if prev, seen := ranges[key]; seen {
			lo, hi = prev.lo, prev.hi
		}
		lo, hi = narrow(a.op, rlo, lo, hi)
		if hi >= 0 && lo > hi {
			return false
		}
		ranges[key] = interval{lo, hi}
	}
	return true
}

func refKey(r *reference) any {
	switch r.kind {
	case refItem, refField:
		return r.item
	case refSetting:
		return r.setting
	}
	return [2]any{r.kind, r.score}
}

// allowedCodes lists the codes an = , != or in comparison allows.
func allowedCodes(e *expr) ([]string, bool) {
	left, right := e.args[0], e.args[1]
	var domain []string
	switch {
	case left.ref.kind == refItem || left.ref.kind == refField:
		if left.ref.item.Type == Multi {
			return nil, false
		}
		domain = left.ref.item.Codes()
	case left.ref.kind == refScore && left.ref.score.Kind == Classify:
		domain = left.ref.score.ResultCodes()
	default:
		return nil, false
	}
	switch e.op {
	case "=":
		return []string{right.word}, true
	case "!=":
		return slices.DeleteFunc(slices.Clone(domain), func(c string) bool { return c == right.word }), true
	case "in":
		if right.kind == exprList {
			var out []string
			for _, a := range right.args {
				out = append(out, a.word)
			}
			return out, true
		}
		if right.ref != nil && right.ref.kind == refSetting {
			return right.ref.setting.Codes, true
		}
	}
	return nil, false
}

func intersect(a, b []string) []string {
	var out []string
	for _, x := range a {
		if slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

// narrow applies "value op n" to a range.
func narrow(op string, n, lo, hi int) (int, int) {
	switch op {
	case ">":
		lo = max(lo, n+1)
	case ">=":
		lo = max(lo, n)
	case "<":
		if hi < 0 || n-1 < hi {
			hi = n - 1
		}
	case "<=":
		if hi < 0 || n < hi {
			hi = n
		}
	case "=":
		lo = max(lo, n)
		if hi < 0 || n < hi {
			hi = n
		}
	}
	return lo, hi
}
