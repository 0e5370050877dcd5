package uitext

import (
	"maps"
	"regexp"
	"slices"
	"testing"
	"testing/fstest"

	"ketascreen/assets"
)

// verbs are the formatting verbs in a text, in order.
var verbs = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// TestEveryLanguageHasEveryWord: each file of assets/text reads, has the
// same keys as English, no empty words, and the same formatting verbs in the
// same order (a Spanish %d where English has %s would print garbage).
func TestEveryLanguageHasEveryWord(t *testing.T) {
	all, err := read(assets.Text)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 2 || all["en"] == nil || all["es"] == nil {
		t.Fatalf("languages %v, want at least en and es", slices.Sorted(maps.Keys(all)))
	}
	for lang, words := range all {
		for key, text := range all["en"] {
			other, ok := words[key]
			switch {
			case !ok || other == "":
				t.Errorf("%s: no words for %q", lang, key)
			case !slices.Equal(verbs.FindAllString(text, -1), verbs.FindAllString(other, -1)):
				t.Errorf("%s: %q has %v, English has %v", lang, key, verbs.FindAllString(other, -1), verbs.FindAllString(text, -1))
			}
		}
		for key := range words {
			if _, ok := all["en"][key]; !ok {
				t.Errorf("%s: %q is not in English", lang, key)
			}
		}
	}
}

func TestGetFallsBackToEnglishThenTheKey(t *testing.T) {
	if got := Get("es", "nav.back"); got != "Atrás" {
		t.Errorf("es nav.back = %q", got)
	}
	if got := Get("fr", "nav.back"); got != "Back" {
		t.Errorf("a language without a file: %q, want the English", got)
	}
	if got := Get("en", "no.such.key"); got != "no.such.key" {
		t.Errorf("an unknown key: %q", got)
	}
	if got := Getf("en", "progress.part", 2, 8); got != "Part 2 of 8" {
		t.Errorf("Getf: %q", got)
	}
}

func TestABrokenFileIsNamed(t *testing.T) {
	fsys := fstest.MapFS{"text/en.json": {Data: []byte("{\n \"a\": \"b\",\n}\n")}}
	if _, err := read(fsys); err == nil || !regexp.MustCompile(`^assets/text/en\.json:3: `).MatchString(err.Error()) {
		t.Fatalf("error %v, want one naming assets/text/en.json and line 3", err)
	}
}
