package records

import (
	"strings"
	"testing"
)

// FuzzParseRecordName: a records folder is shared, so any name can be in
// it; reading one never panics, and a name read back is a record's.
func FuzzParseRecordName(f *testing.F) {
	f.Add("20261207-193005-recepcion-2-left-K7F-QXA-0f8fad5b-d9cb-469f-a165-70867728950e.pdf.age")
	f.Add("20261207-193005--K7F-QXA-0f8fad5b-d9cb-469f-a165-70867728950e.")
	f.Add("notes.txt")
	f.Fuzz(func(t *testing.T, name string) {
		n, ok := ParseRecordName(name)
		if !ok {
			return
		}
		if _, valid := NormalizeClaimCode(n.Code); (!valid && n.Code != "") || len(n.ID) != 36 {
			t.Fatalf("%q read as %+v", name, n)
		}
		if !strings.HasPrefix(name, n.Time.Format("20060102-150405")) {
			t.Fatalf("%q read as the time %s", name, n.Time)
		}
	})
}

// FuzzClaimPrefix: whatever staff type, a prefix is at most a code long
// and made of the code's characters.
func FuzzClaimPrefix(f *testing.F) {
	f.Add("k7f qxa")
	f.Add("K0F")
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := ClaimPrefix(s)
		if !ok {
			return
		}
		if len(p) > ClaimLength || strings.Trim(p, ClaimAlphabet) != "" {
			t.Fatalf("ClaimPrefix(%q) = %q", s, p)
		}
	})
}
