package questionnaire

import (
	"fmt"
	"testing"
)

// BenchmarkResult builds the result of a complete screening with two medicines.
func BenchmarkResult(b *testing.B) {
	def := defaultDefinition(b)
	ch := phq9Answers(14)
	ch["ad_any"] = "yes"
	ch["meds"] = []any{med("sertraline", "8_plus", "yes", "under_25"), med("bupropion", "6_7", "unsure", "25_49")}
	s := NewSessionWith(def, answers(b, def, ch))
	b.ReportAllocs()
	for b.Loop() {
		s.Result()
	}
}

// BenchmarkLoadDefinition loads and validates the embedded definition.
func BenchmarkLoadDefinition(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkResultLongList builds the result of a screening whose medicine
// list has n entries of unnamed medicines: each is its own cause of the
// result, so the time per entry shows whether the rules stay linear (they
// were quadratic in the causes: 40,000 entries took a minute). A list keeps
// at most MaxEntries, so that is the longest measured.
func BenchmarkResultLongList(b *testing.B) {
	def := defaultDefinition(b)
	for _, n := range []int{MaxEntries / 10, MaxEntries} {
		ch := phq9Answers(14)
		ch["ad_any"] = "yes"
		var meds []any
		for i := range n {
			meds = append(meds, med("other", "8_plus", "yes", []string{"under_25", "25_49", "unsure"}[i%3]))
		}
		ch["meds"] = meds
		s := NewSessionWith(def, answers(b, def, ch))
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				s.Result()
			}
		})
	}
}
