package desk

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"github.com/google/uuid"

	"ketascreen/questionnaire"
	"ketascreen/records"
	"ketascreen/summary"
)

// kioskRecords writes records as a kiosk does, for one clinic key.
type kioskRecords struct {
	t     *testing.T
	dir   string
	def   *questionnaire.Definition
	staff *age.X25519Identity
}

func newKioskRecords(t *testing.T) *kioskRecords {
	t.Helper()
	def, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	staff, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return &kioskRecords{t: t, dir: t.TempDir(), def: def, staff: staff}
}

// example is the answers of the first example of the definition whose
// outcome is outcome.
func (k *kioskRecords) example(outcome string) questionnaire.Answers {
	for _, ex := range k.def.Examples {
		if ex.Expect.Outcome == outcome {
			return ex.Answers
		}
	}
	k.t.Fatalf("no example with outcome %s", outcome)
	return nil
}

// save writes a screening's two files, encrypted for to (the clinic's key
// when nil), and returns its input.
func (k *kioskRecords) save(answers questionnaire.Answers, kiosk string, when time.Time, to age.Recipient) summary.Input {
	k.t.Helper()
	if to == nil {
		to = k.staff.Recipient()
	}
	code, err := records.NewClaimCode(nil)
	if err != nil {
		k.t.Fatal(err)
	}
	in := summary.Input{Session: questionnaire.NewSessionWith(k.def, answers), Lang: "en", ResponseID: uuid.NewString(),
		Created: when, Kiosk: true, KioskName: kiosk, ClaimCode: code}
	pdf, err := summary.PDF(in)
	if err != nil {
		k.t.Fatal(err)
	}
	fhir, err := summary.FHIR(in)
	if err != nil {
		k.t.Fatal(err)
	}
	base := records.RecordBase(when, kiosk, code, in.ResponseID)
	for name, data := range map[string][]byte{base + ".pdf": pdf, base + ".fhir.json": fhir} {
		if _, err := records.SaveEncrypted(k.dir, name, data, to); err != nil {
			k.t.Fatal(err)
		}
	}
	return in
}

func (k *kioskRecords) folder(seen *Seen) *Folder {
	return NewFolder(k.dir, []age.Identity{k.staff}, k.def, seen)
}

func TestRecordsAppearCrisisAndUrgentFirstThenNewest(t *testing.T) {
	k := newKioskRecords(t)
	f := k.folder(nil)
	if fresh, err := f.Scan(); err != nil || len(fresh) != 0 {
		t.Fatalf("an empty folder: %v %v", fresh, err)
	}
	start := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	routine := k.example("discuss_ketamine")
	oldest := k.save(routine, "front-desk-1", start, nil)
	crisis := k.save(k.example("crisis"), "waiting-room-2", start.Add(time.Minute), nil)
	fresh, err := f.Scan()
	if err != nil || len(fresh) != 2 {
		t.Fatalf("after two records: %d new, %v", len(fresh), err)
	}
	newest := k.save(routine, "front-desk-1", start.Add(3*time.Minute), nil)
	urgent := k.save(k.example("urgent"), "front-desk-1", start.Add(2*time.Minute), nil)
	if fresh, _ := f.Scan(); len(fresh) != 2 {
		t.Fatalf("the records written while the desk watched: %d new", len(fresh))
	}
	if fresh, _ := f.Scan(); len(fresh) != 0 {
		t.Fatalf("a scan with nothing new found %d", len(fresh))
	}
	want := []struct {
		in       summary.Input
		priority Priority
	}{{crisis, Crisis}, {urgent, Urgent}, {newest, Routine}, {oldest, Routine}}
	list := f.Records()
	if len(list) != len(want) {
		t.Fatalf("%d records, want %d", len(list), len(want))
	}
	for i, w := range want {
		r := list[i]
		if r.ID != w.in.ResponseID || r.Priority != w.priority || r.Problem != "" {
			t.Errorf("record %d: %s %s %q, want %s %s", i, r.ID, r.Priority, r.Problem, w.in.ResponseID, w.priority)
		}
		if r.Code != w.in.ClaimCode || r.Kiosk != w.in.KioskName || !r.Finished.Equal(w.in.Created) || !r.Complete {
			t.Errorf("record %d reads as code %s kiosk %s at %s complete %v; want %s %s %s", i, r.Code, r.Kiosk, r.Finished, r.Complete, w.in.ClaimCode, w.in.KioskName, w.in.Created)
		}
		if r.Result == nil || r.Result.Outcome.ID != w.in.Session.Result().Outcome.ID {
			t.Errorf("record %d: the result was not rebuilt from its answers", i)
		}
	}
	if got := f.Find(strings.ToLower(strings.ReplaceAll(urgent.ClaimCode, "-", ""))); len(got) != 1 || got[0].ID != urgent.ResponseID {
		t.Errorf("finding %s: %v", urgent.ClaimCode, got)
	}
	pdf, err := f.PDF(list[0])
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("the crisis record's PDF: %.10q %v", pdf, err)
	}
}

// TestUnreadableRecordsAreListedWithTheirReason: a file cut short, one
// for another clinic's key and a PDF without its FHIR file are each listed
// with the urgent records, saying why; none is skipped.
func TestUnreadableRecordsAreListedWithTheirReason(t *testing.T) {
	k := newKioskRecords(t)
	when := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	routine := k.example("discuss_ketamine")
	cut := k.save(routine, "a", when, nil)
	other, _ := age.GenerateX25519Identity()
	foreign := k.save(routine, "b", when.Add(time.Minute), other.Recipient())
	orphan := k.save(routine, "c", when.Add(2*time.Minute), nil)
	good := k.save(routine, "d", when.Add(3*time.Minute), nil)
	fhirOf := func(in summary.Input) string {
		return filepath.Join(k.dir, records.RecordBase(in.Created, in.KioskName, in.ClaimCode, in.ResponseID)+".fhir.json.age")
	}
	data, _ := os.ReadFile(fhirOf(cut))
	os.WriteFile(fhirOf(cut), data[:len(data)/2], 0o600)
	os.Remove(fhirOf(orphan))

	f := k.folder(nil)
	if _, err := f.Scan(); err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{cut.ResponseID: "damaged or cut short", foreign.ResponseID: "another key", orphan.ResponseID: "FHIR file is missing"}
	list := f.Records()
	if len(list) != 4 {
		t.Fatalf("%d records listed, want 4", len(list))
	}
	for i, r := range list {
		if r.ID == good.ResponseID {
			if i != 3 || r.Problem != "" {
				t.Errorf("the good record is at %d with problem %q", i, r.Problem)
			}
			continue
		}
		if r.Priority != Unreadable || !strings.Contains(r.Problem, reasons[r.ID]) {
			t.Errorf("record %s: %s %q, want it unreadable because %q", r.ID, r.Priority, r.Problem, reasons[r.ID])
		}
	}

	// The file synced in full later is read again.
	k2 := *k
	k2.dir = t.TempDir()
	fixed := k2.save(routine, "a", when, nil)
	data, _ = os.ReadFile(filepath.Join(k2.dir, records.RecordBase(fixed.Created, "a", fixed.ClaimCode, fixed.ResponseID)+".fhir.json.age"))
	target := fhirOf(cut)
	os.Remove(target)
	os.WriteFile(filepath.Join(k.dir, records.RecordBase(fixed.Created, "a", fixed.ClaimCode, fixed.ResponseID)+".fhir.json.age"), data, 0o600)
	f.Scan()
	for _, r := range f.Records() {
		if r.ID == fixed.ResponseID && r.Problem != "" {
			t.Errorf("a record complete now is still unreadable: %s", r.Problem)
		}
	}
}

// TestSeenIsKeptAsIdsOnly: what staff have seen survives a restart of the
// desk, and the state file holds the record ids and nothing else.
func TestSeenIsKeptAsIdsOnly(t *testing.T) {
	k := newKioskRecords(t)
	in := k.save(k.example("urgent"), "front-desk-1", time.Now(), nil)
	path := filepath.Join(t.TempDir(), "desk-seen.txt")
	seen, err := OpenSeen(path)
	if err != nil {
		t.Fatal(err)
	}
	f := k.folder(seen)
	f.Scan()
	r := f.Records()[0]
	if r.Seen {
		t.Fatal("a new record is seen already")
	}
	if err := f.MarkSeen(r); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(path)
	if string(data) != in.ResponseID+"\n" {
		t.Errorf("the state file holds %q, want only the id", data)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("the state file's mode is %v", fi.Mode().Perm())
	}
	seen, err = OpenSeen(path)
	if err != nil {
		t.Fatal(err)
	}
	f = k.folder(seen)
	f.Scan()
	if !f.Records()[0].Seen {
		t.Error("after a restart the record is not seen")
	}
	os.WriteFile(path, []byte(in.ResponseID+"\nphq9_9: 3\n"), 0o600)
	if _, err := OpenSeen(path); err == nil || !strings.Contains(err.Error(), path+":2: not a record id") {
		t.Errorf("a state file with something else in it: %v", err)
	}
}

// TestNothingReadableLandsOnDisk: reading every record and its PDF writes
// nothing anywhere but the seen state, in the desk's config and cache
// folders or beside the records.
func TestNothingReadableLandsOnDisk(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, "cache"))
	t.Setenv("TMPDIR", filepath.Join(home, "tmp"))
	os.MkdirAll(filepath.Join(home, "tmp"), 0o700)
	k := newKioskRecords(t)
	in := k.save(k.example("crisis"), "front-desk-1", time.Now(), nil)
	path, err := DefaultSeenPath()
	if err != nil {
		t.Fatal(err)
	}
	seen, _ := OpenSeen(path)
	f := k.folder(seen)
	f.Scan()
	for _, r := range f.Records() {
		if _, err := f.PDF(r); err != nil {
			t.Fatal(err)
		}
		f.MarkSeen(r)
	}
	for _, dir := range []string{home, k.dir} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, _ := os.ReadFile(p)
			for _, plain := range []string{"%PDF", "QuestionnaireResponse", "phq9", in.ClaimCode} {
				if bytes.Contains(data, []byte(plain)) {
					t.Errorf("%s holds %q in the clear", p, plain)
				}
			}
			return nil
		})
	}
}
