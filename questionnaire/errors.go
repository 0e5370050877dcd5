package questionnaire

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is one problem in a definition or answers file, at a place in it.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string {
	if e.Pos.Line == 0 {
		return e.Pos.File + ": " + e.Msg
	}
	return e.Pos.String() + ": " + e.Msg
}

// ErrorList is every problem found in one file, in file order. Loading reports
// all of them at once so a clinic can fix a definition in one pass.
type ErrorList []*Error

func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

func (l *ErrorList) add(pos Pos, msg string) {
	*l = append(*l, &Error{Pos: pos, Msg: msg})
}

// err returns the list sorted by position, or nil when it is empty.
func (l ErrorList) err() error {
	if len(l) == 0 {
		return nil
	}
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return l
}

// suggest returns " (did you mean X?)" when a known name is close to a typo.
func suggest(got string, known []string) string {
	best, bestDist := "", 3
	if len(got) > quoteLimit {
		return "" // a name this long is no typo of a known one
	}
	for _, k := range known {
		if d := editDistance(got, k); d < bestDist {
			best, bestDist = k, d
		}
	}
	if best == "" {
		return ""
	}
	return " (did you mean " + best + "?)"
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// quoteLimit is how many bytes of a name from a user's file a message
// quotes: a key of megabytes is not echoed whole.
const quoteLimit = 40

// conditionQuoteLimit is how much of a condition a message quotes.
const conditionQuoteLimit = 300

// quoted quotes s for a message, cut after quoteLimit bytes (on a rune
// boundary) with "…" to say so.
func quoted(s string) string { return quotedMax(s, quoteLimit) }

// quotedMax quotes s cut after limit bytes, for text that is often longer
// than a name, like a condition.
func quotedMax(s string, limit int) string {
	if len(s) <= limit {
		return strconv.Quote(s)
	}
	cut := limit
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "…"
}
