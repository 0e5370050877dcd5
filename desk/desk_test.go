package desk

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"ketascreen/internal/testrecords"
	"ketascreen/summary"
)

func folderOf(k *testrecords.Kiosk, seen *Seen) *Folder {
	return NewFolder(k.Dir, []age.Identity{k.Staff}, k.Def, seen)
}

func TestRecordsAppearCrisisAndUrgentFirstThenNewest(t *testing.T) {
	k := testrecords.New(t)
	f := folderOf(k, nil)
	if fresh, err := f.Scan(); err != nil || len(fresh) != 0 {
		t.Fatalf("an empty folder: %v %v", fresh, err)
	}
	start := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	routine := k.Example("discuss_ketamine")
	oldest := k.Save(routine, "front-desk-1", start, nil)
	crisis := k.Save(k.Example("crisis"), "waiting-room-2", start.Add(time.Minute), nil)
	fresh, err := f.Scan()
	if err != nil || len(fresh) != 2 {
		t.Fatalf("after two records: %d new, %v", len(fresh), err)
	}
	newest := k.Save(routine, "front-desk-1", start.Add(3*time.Minute), nil)
	urgent := k.Save(k.Example("urgent"), "front-desk-1", start.Add(2*time.Minute), nil)
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
	k := testrecords.New(t)
	when := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	routine := k.Example("discuss_ketamine")
	cut := k.Save(routine, "a", when, nil)
	other, _ := age.GenerateX25519Identity()
	foreign := k.Save(routine, "b", when.Add(time.Minute), other.Recipient())
	orphan := k.Save(routine, "c", when.Add(2*time.Minute), nil)
	good := k.Save(routine, "d", when.Add(3*time.Minute), nil)
	fhirOf := func(in summary.Input) string { return filepath.Join(k.Dir, k.Base(in)+".fhir.json.age") }
	data, _ := os.ReadFile(fhirOf(cut))
	os.WriteFile(fhirOf(cut), data[:len(data)/2], 0o600)
	os.Remove(fhirOf(orphan))

	f := folderOf(k, nil)
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

	// The file cut short, synced in full later, is read again.
	os.WriteFile(fhirOf(cut), data, 0o600)
	f.Scan()
	for _, r := range f.Records() {
		if r.ID == cut.ResponseID && r.Problem != "" {
			t.Errorf("a record complete now is still unreadable: %s", r.Problem)
		}
	}
}

// TestSeenIsKeptAsIdsOnly: what staff have seen survives a restart of the
// desk, and the state file holds the record ids and nothing else.
func TestSeenIsKeptAsIdsOnly(t *testing.T) {
	k := testrecords.New(t)
	in := k.Save(k.Example("urgent"), "front-desk-1", time.Now(), nil)
	path := filepath.Join(t.TempDir(), "desk-seen.txt")
	seen, err := OpenSeen(path)
	if err != nil {
		t.Fatal(err)
	}
	f := folderOf(k, seen)
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
	f = folderOf(k, seen)
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
	k := testrecords.New(t)
	in := k.Save(k.Example("crisis"), "front-desk-1", time.Now(), nil)
	path, err := DefaultSeenPath()
	if err != nil {
		t.Fatal(err)
	}
	seen, _ := OpenSeen(path)
	f := folderOf(k, seen)
	f.Scan()
	for _, r := range f.Records() {
		if _, err := f.PDF(r); err != nil {
			t.Fatal(err)
		}
		f.MarkSeen(r)
	}
	testrecords.NothingReadable(t, []string{home, k.Dir}, append(testrecords.Plaintext, in.ClaimCode)...)
}

// TestOldRecordsAreLeftOut: with Days set, records older than that are not
// read, and one that grows old while the desk runs leaves the list.
func TestOldRecordsAreLeftOut(t *testing.T) {
	k := testrecords.New(t)
	now := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	routine := k.Example("discuss_ketamine")
	k.Save(routine, "a", now.AddDate(0, 0, -30), nil)
	recent := k.Save(routine, "a", now.Add(-time.Hour), nil)
	f := folderOf(k, nil)
	f.Days, f.Now = 7, func() time.Time { return now }
	f.Scan()
	if list := f.Records(); len(list) != 1 || list[0].ID != recent.ResponseID {
		t.Fatalf("with 7 days: %d records", len(list))
	}
	now = now.AddDate(0, 0, 8)
	f.Scan()
	if list := f.Records(); len(list) != 0 {
		t.Errorf("8 days later %d records are still listed", len(list))
	}
}

// TestRecordsOfEveryNameAreListed: a record saved before claim codes
// (DATE-TIME-ID) is read, and an encrypted file with another name is
// listed as one that cannot be read, not skipped.
func TestRecordsOfEveryNameAreListed(t *testing.T) {
	k := testrecords.New(t)
	in := k.Save(k.Example("urgent"), "front-desk-1", time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC), nil)
	for _, ext := range []string{".fhir.json.age", ".pdf.age"} {
		old := in.Created.UTC().Format("20060102-150405") + "-" + in.ResponseID + ext
		if err := os.Rename(filepath.Join(k.Dir, k.Base(in)+ext), filepath.Join(k.Dir, old)); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(k.Dir, "copy of record.age"), []byte("age-encryption.org/v1\n"), 0o600)
	f := folderOf(k, nil)
	f.Scan()
	list := f.Records()
	if len(list) != 2 {
		t.Fatalf("%d records listed, want 2", len(list))
	}
	var older, stranger *Record
	for _, r := range list {
		if r.ID == in.ResponseID {
			older = r
		} else {
			stranger = r
		}
	}
	if older == nil || older.Problem != "" || older.Priority != Urgent || older.Kiosk != "front-desk-1" || older.Code != in.ClaimCode {
		t.Errorf("the older record: %+v", older)
	}
	if stranger == nil || stranger.Priority != Unreadable || !strings.Contains(stranger.Problem, "not named as a kiosk's record") {
		t.Errorf("the file with another name: %+v", stranger)
	}
	if err := f.MarkSeen(stranger); err != nil {
		t.Errorf("marking the file with another name seen: %v", err)
	}
}
