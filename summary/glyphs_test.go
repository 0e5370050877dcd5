package summary

import (
	"testing"

	"ketascreen/assets"
)

func TestTheDefaultDefinitionPrints(t *testing.T) {
	if got := Unprintable(assets.Questionnaire); len(got) != 0 {
		t.Errorf("the built-in definition has characters the PDF cannot print: %v", got)
	}
}

func TestUnprintableNamesTheCharacterAndLine(t *testing.T) {
	src := []byte("languages: [en, ru, hi]\n# a comment: क\ntitle: {en: \"Mood\", ru: \"Настроение\", hi: \"मनोदशा\"}\nnote: \"मन 😀\"\n")
	got := Unprintable(src)
	want := map[rune]int{'म': 3, 'न': 3, 'ो': 3, 'द': 3, 'श': 3, 'ा': 3, '😀': 4}
	if len(got) != len(want) {
		t.Fatalf("unprintable %v, want %v", got, want)
	}
	for _, g := range got {
		if want[g.Rune] != g.Line {
			t.Errorf("%q on line %d, want line %d", g.Rune, g.Line, want[g.Rune])
		}
	}
}
