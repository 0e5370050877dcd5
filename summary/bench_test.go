package summary

import (
	"io"
	"testing"
)

// BenchmarkWritePDF writes the provider summary of a complete screening.
func BenchmarkWritePDF(b *testing.B) {
	in := input(b, map[string]any{"phq9_1": "3", "phq9_2": "3", "phq9_3": "3", "phq9_4": "3", "phq9_difficulty": "2"})
	b.ReportAllocs()
	for b.Loop() {
		if err := WritePDF(io.Discard, in); err != nil {
			b.Fatal(err)
		}
	}
}
