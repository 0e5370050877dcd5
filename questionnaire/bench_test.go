package questionnaire

import "testing"

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
