package questionnaire

import (
	"slices"
	"strings"
	"unicode"

	"github.com/agnivade/levenshtein"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Search lists the answers of an item that a typed text finds, best first,
// for the searchable medicine list. It looks at every name of an answer: its
// text in each language and its other names (brands). An answer whose name
// has a word starting with what was typed comes first ("zol" finds Zoloft),
// then one whose names contain it, then one whose name is within a slip or
// two of it ("setraline" finds Sertraline). Case, accents and the spaces at
// the ends are ignored; an empty text lists every answer. The answers the
// item always offers (AlwaysOffer) are left out: they are shown apart.
func (it *Item) Search(text string) []*Option {
	var candidates []*Option
	for _, o := range it.Options {
		if !slices.Contains(it.AlwaysOffer, o.Code) {
			candidates = append(candidates, o)
		}
	}
	needle := strings.Fields(fold(text))
	if len(needle) == 0 {
		return candidates
	}
	tiers := make([][]*Option, tierNone)
	for _, o := range candidates {
		if t := matchTier(needle, o); t < tierNone {
			tiers[t] = append(tiers[t], o)
		}
	}
	for _, found := range tiers {
		if len(found) > 0 {
			return found // only the best kind of match: a typo must not bury an exact one
		}
	}
	return nil
}

// How well a typed word matches a name, best first.
const (
	tierPrefix = iota
	tierContains
	tierTypo
	tierNone
)

// matchTier is how well every typed word matches the option's names: the
// tier of the worst-matching word.
func matchTier(needle []string, o *Option) int {
	names := optionNames(o)
	joined := strings.Join(names, " ")
	worst := tierPrefix
	for _, typed := range needle {
		best := tierNone
		switch {
		case slices.ContainsFunc(names, func(w string) bool { return strings.HasPrefix(w, typed) }):
			best = tierPrefix
		case strings.Contains(joined, typed):
			best = tierContains
		case slices.ContainsFunc(names, func(w string) bool { return nearlyStarts(w, typed) }):
			best = tierTypo
		}
		worst = max(worst, best)
	}
	return worst
}

// optionNames are the folded words of an option's texts in every language
// and of its other names.
func optionNames(o *Option) []string {
	var all []string
	for _, t := range o.Text {
		all = append(all, t)
	}
	all = append(all, o.Also...)
	var words []string
	for _, w := range strings.FieldsFunc(fold(strings.Join(all, " ")), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if !slices.Contains(words, w) {
			words = append(words, w)
		}
	}
	return words
}

// typosAllowed is how many letters may be wrong in a typed word: none in a
// short one, where a slip finds too much, one from 4 letters, two from 7.
func typosAllowed(typed string) int {
	switch n := len([]rune(typed)); {
	case n >= 7:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

// nearlyStarts tells whether a name starts with something within the
// allowed slips of the typed word (a missing, extra, wrong or swapped
// letter), so that a name still being typed is found too.
func nearlyStarts(name, typed string) bool {
	allowed := typosAllowed(typed)
	if allowed == 0 {
		return false
	}
	n, t := []rune(name), len([]rune(typed))
	if t <= len(n) && oneSwap(n[:t], []rune(typed)) {
		return true
	}
	for l := t - allowed; l <= t+allowed; l++ {
		if l < 1 || l > len(n) {
			continue
		}
		if levenshtein.ComputeDistance(string(n[:l]), typed) <= allowed {
			return true
		}
	}
	return false
}

// oneSwap tells whether b is a with two neighbouring letters swapped
// ("sertarline"), which edit distance would count as two slips.
func oneSwap(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i+1 < len(a); i++ {
		if a[i] != b[i] {
			return a[i] == b[i+1] && a[i+1] == b[i] && slices.Equal(a[i+2:], b[i+2:])
		}
	}
	return false
}

// fold lowers the case and drops accents: "Bupropión" is found by "bupropion".
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(strings.TrimSpace(out))
}
