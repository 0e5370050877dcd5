// Package testrecords writes kiosk records as a kiosk does, for tests of
// what reads them (the front desk).
package testrecords

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/google/uuid"

	"ketascreen/questionnaire"
	"ketascreen/records"
	"ketascreen/summary"
)

// Kiosk writes records into Dir for the clinic's key Staff.
type Kiosk struct {
	T     testing.TB
	Dir   string
	Def   *questionnaire.Definition
	Staff *age.X25519Identity
}

// New is a Kiosk with a fresh records folder and clinic key.
func New(t testing.TB) *Kiosk {
	t.Helper()
	def, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	staff, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return &Kiosk{T: t, Dir: t.TempDir(), Def: def, Staff: staff}
}

// Example is the answers of the definition's first example whose outcome
// is outcome.
func (k *Kiosk) Example(outcome string) questionnaire.Answers {
	for _, ex := range k.Def.Examples {
		if ex.Expect.Outcome == outcome {
			return ex.Answers
		}
	}
	k.T.Fatalf("no example with outcome %s", outcome)
	return nil
}

// Save writes a screening's two files, encrypted for to (the clinic's key
// when nil), and returns its input.
func (k *Kiosk) Save(answers questionnaire.Answers, kiosk string, when time.Time, to age.Recipient) summary.Input {
	k.T.Helper()
	if to == nil {
		to = k.Staff.Recipient()
	}
	code, err := records.NewClaimCode(nil)
	if err != nil {
		k.T.Fatal(err)
	}
	in := summary.Input{Session: questionnaire.NewSessionWith(k.Def, answers), Lang: "en", ResponseID: uuid.NewString(),
		Created: when, Kiosk: true, KioskName: kiosk, ClaimCode: code}
	pdf, err := summary.PDF(in)
	if err != nil {
		k.T.Fatal(err)
	}
	fhir, err := summary.FHIR(in)
	if err != nil {
		k.T.Fatal(err)
	}
	for name, data := range map[string][]byte{k.Base(in) + ".pdf": pdf, k.Base(in) + ".fhir.json": fhir} {
		if _, err := records.SaveEncrypted(k.Dir, name, data, to); err != nil {
			k.T.Fatal(err)
		}
	}
	return in
}

// Base is the name of a saved record's files without their extensions.
func (k *Kiosk) Base(in summary.Input) string {
	return records.RecordBase(in.Created, in.KioskName, in.ClaimCode, in.ResponseID)
}

// NothingReadable fails the test for every file under dirs that holds one
// of words: what was decrypted must not reach the disk in the clear.
func NothingReadable(t testing.TB, dirs []string, words ...string) {
	t.Helper()
	for _, dir := range dirs {
		filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return nil
			}
			data, _ := os.ReadFile(p)
			for _, w := range words {
				if bytes.Contains(data, []byte(w)) {
					t.Errorf("%s holds %q in the clear", p, w)
				}
			}
			return nil
		})
	}
}

// Plaintext are words any decrypted record holds: the PDF's header, the
// FHIR's response, an item id.
var Plaintext = []string{"%PDF", "QuestionnaireResponse", "phq9"}
