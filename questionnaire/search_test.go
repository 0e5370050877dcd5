package questionnaire

import (
	"slices"
	"testing"
)

func TestSearchFindsAMedicineDespiteTypos(t *testing.T) {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	names := def.Item("meds").Field("med_name")
	for _, c := range []struct {
		typed string
		first string // the code that must come first; "" means nothing is found
		only  bool   // and nothing else
	}{
		{"sertraline", "sertraline", true},
		{"zol", "sertraline", true},       // a brand's beginning
		{"ZOLOFT ", "sertraline", true},   // case and spaces
		{"setraline", "sertraline", true}, // a letter missing
		{"sertarline", "sertraline", true},
		{"sertralina", "sertraline", true}, // the Spanish name
		{"bupropion", "bupropion", true},   // "Bupropión" in Spanish
		{"wellbtrin", "bupropion", true},
		{"prozak", "fluoxetine", true},
		{"lexpro", "escitalopram", true},
		{"zolfot", "sertraline", true}, // two letters swapped
		{"zolft", "sertraline", true},
		{"effexr", "venlafaxine", true},
		{"patch", "selegiline", true}, // a word inside the name
		{"zlo", "", false},            // three letters: too short to guess at
		{"aspirin", "", false},
	} {
		got := names.Search(c.typed)
		var codes []string
		for _, o := range got {
			codes = append(codes, o.Code)
		}
		switch {
		case c.first == "" && len(got) > 0:
			t.Errorf("%q finds %v, want nothing", c.typed, codes)
		case c.first != "" && (len(got) == 0 || got[0].Code != c.first):
			t.Errorf("%q finds %v, want %s first", c.typed, codes, c.first)
		case c.only && len(got) != 1:
			t.Errorf("%q finds %v, want only %s", c.typed, codes, c.first)
		}
	}
}

func TestSearchFindsGenericAndBrandNames(t *testing.T) {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	field := def.Item("meds").Field("med_name")
	for _, c := range []struct {
		typed string
		want  []string
	}{
		{"zol", []string{"sertraline"}},
		{"  Sert ", []string{"sertraline"}},
		{"pr", []string{"fluoxetine", "desvenlafaxine"}}, // Prozac, Pristiq
		{"patch", []string{"selegiline"}},
		{"talo", []string{"citalopram", "escitalopram"}}, // no word starts with it: anywhere
		{"xyz", nil},
	} {
		var got []string
		for _, o := range field.Search(c.typed) {
			got = append(got, o.Code)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("typing %q finds %v, want %v", c.typed, got, c.want)
		}
	}
}

func TestSearchLeavesOutWhatIsAlwaysOffered(t *testing.T) {
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	names := def.Item("meds").Field("med_name")
	if len(names.AlwaysOffer) == 0 {
		t.Fatal("med_name offers nothing always")
	}
	all := names.Search("")
	if len(all) != len(names.Options)-len(names.AlwaysOffer) {
		t.Errorf("an empty search lists %d of %d answers", len(all), len(names.Options))
	}
	for _, o := range append(all, names.Search("another")...) {
		if slices.Contains(names.AlwaysOffer, o.Code) {
			t.Errorf("the search lists %s, which is offered apart", o.Code)
		}
	}
}

func BenchmarkSearchWithATypo(b *testing.B) {
	def, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	names := def.Item("meds").Field("med_name")
	b.ReportAllocs()
	for b.Loop() {
		names.Search("setraline")
	}
}
