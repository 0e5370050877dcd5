package records

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestClaimCodesAreUniqueAndUnambiguous(t *testing.T) {
	const records = 100_000
	taken := make(map[string]bool, records)
	for range records {
		code, err := NewClaimCode(func(c string) bool { return taken[c] })
		if err != nil {
			t.Fatal(err)
		}
		if taken[code] {
			t.Fatalf("claim code %s given twice", code)
		}
		taken[code] = true
		if len(code) != ClaimLength+1 || code[3] != '-' {
			t.Fatalf("claim code %q is not XXX-XXX", code)
		}
		if strings.ContainsAny(code, "0O1IL2Z5S8BU") {
			t.Fatalf("claim code %q has a character that is easy to mistake", code)
		}
		if n, ok := NormalizeClaimCode(strings.ToLower(strings.ReplaceAll(code, "-", " "))); !ok || n != code {
			t.Fatalf("NormalizeClaimCode(%q) = %q, %v", code, n, ok)
		}
	}
}

func TestClaimAlphabetHasNoLookAlikes(t *testing.T) {
	for _, r := range "0O1IL2Z5S8BU" {
		if strings.ContainsRune(ClaimAlphabet, r) {
			t.Errorf("ClaimAlphabet has %c", r)
		}
	}
	seen := map[rune]bool{}
	for _, r := range ClaimAlphabet {
		if seen[r] {
			t.Errorf("ClaimAlphabet has %c twice", r)
		}
		seen[r] = true
	}
}

func TestNewClaimCodeGivesUpWhenEveryCodeIsTaken(t *testing.T) {
	if _, err := NewClaimCode(func(string) bool { return true }); err != ErrNoClaimCode {
		t.Fatalf("err = %v, want ErrNoClaimCode", err)
	}
}

func TestNormalizeClaimCodeRefuses(t *testing.T) {
	for _, s := range []string{"", "K7F", "K7F-QXA4", "K0F-QXA", "KIF-QXA", "K7F_QXA"} {
		if n, ok := NormalizeClaimCode(s); ok {
			t.Errorf("NormalizeClaimCode(%q) = %q, want refused", s, n)
		}
	}
}

func TestClaimPrefix(t *testing.T) {
	for in, want := range map[string]string{"": "", "k": "K", "k7f-": "K7F", " k7f q": "K7FQ", "K7F-QXA": "K7FQXA"} {
		if got, ok := ClaimPrefix(in); !ok || got != want {
			t.Errorf("ClaimPrefix(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"K0", "K7F-QXA4", "é"} {
		if got, ok := ClaimPrefix(in); ok {
			t.Errorf("ClaimPrefix(%q) = %q, want refused", in, got)
		}
	}
}

func TestRecordNameRoundTrip(t *testing.T) {
	when := time.Date(2026, 12, 7, 14, 30, 5, 0, time.FixedZone("X", -5*3600))
	id := "0f8fad5b-d9cb-469f-a165-70867728950e"
	base := RecordBase(when, "Recepción 2 — left", "K7F-QXA", id)
	if want := "20261207-193005-recepcion-2-left-K7F-QXA-" + id; base != want {
		t.Fatalf("RecordBase = %q, want %q", base, want)
	}
	for _, ext := range []string{".pdf.age", ".fhir.json.age"} {
		n, ok := ParseRecordName(base + ext)
		if !ok || n.Kiosk != "recepcion-2-left" || n.Code != "K7F-QXA" || n.ID != id || !n.Time.Equal(when) {
			t.Fatalf("ParseRecordName(%q) = %+v, %v", base+ext, n, ok)
		}
	}
	// A record saved before claim codes.
	if n, ok := ParseRecordName("20261207-193005-" + id + ".pdf.age"); !ok || n.ID != id || n.Code != "" || n.Kiosk != "" {
		t.Errorf("an older record's name: %+v, %v", n, ok)
	}
	for _, name := range []string{"20261207-193005-K7F-QXA.pdf.age", "notes.txt", "20261207-193005-" + id} {
		if n, ok := ParseRecordName(name); ok {
			t.Errorf("%q was read as a record's name: %+v", name, n)
		}
	}
}

func TestKioskSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Front desk 1": "front-desk-1", "  ": "kiosk", "診療所": "kiosk", "Sala de espera (niños)": "sala-de-espera-ninos",
		strings.Repeat("ab", 40): strings.Repeat("ab", 16), "a/../b": "a-b",
	} {
		if got := KioskSlug(in); got != want {
			t.Errorf("KioskSlug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClaimCodesIn(t *testing.T) {
	dir := t.TempDir()
	id := "0f8fad5b-d9cb-469f-a165-70867728950e"
	for _, name := range []string{RecordBase(time.Now(), "a", "K7F-QXA", id) + ".pdf.age", RecordBase(time.Now(), "b", "MMM-333", id) + ".fhir.json.age", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	codes, err := ClaimCodesIn(dir)
	if err != nil || len(codes) != 2 || !codes["K7F-QXA"] || !codes["MMM-333"] {
		t.Fatalf("ClaimCodesIn = %v, %v", codes, err)
	}
	if codes, err := ClaimCodesIn(filepath.Join(dir, "none")); err != nil || len(codes) != 0 {
		t.Fatalf("missing folder: %v, %v", codes, err)
	}
}
