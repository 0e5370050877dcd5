package screens

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ketascreen/desk"
	"ketascreen/internal/testrecords"
)

// saidAloud keeps what a Speaker was asked to say.
type saidAloud struct{ said []string }

func (s *saidAloud) Available() bool         { return true }
func (s *saidAloud) Speak(lang, text string) { s.said = append(s.said, text) }

// deskDriver is the front desk's window in the test driver.
type deskDriver struct {
	*driver
	desk  *Desk
	kiosk *testrecords.Kiosk
	voice *saidAloud
}

func newDeskDriver(t *testing.T) *deskDriver {
	t.Helper()
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, "cache"))
	a := test.NewTempApp(t)
	a.Settings().SetTheme(Theme())
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1100, 760))
	k := testrecords.New(t)
	seenPath, _ := desk.DefaultSeenPath()
	seen, err := desk.OpenSeen(seenPath)
	if err != nil {
		t.Fatal(err)
	}
	voice := &saidAloud{}
	d := NewDesk(w, DeskOptions{Folder: desk.NewFolder(k.Dir, []age.Identity{k.Staff}, k.Def, seen), Lang: "en", Speaker: voice, Every: time.Hour})
	return &deskDriver{driver: &driver{t: t, w: w}, desk: d, kiosk: k, voice: voice}
}

// rowHeads are the first lines of the list's records, top to bottom.
func (d *deskDriver) rowHeads() []string {
	var heads []string
	for _, text := range d.texts() {
		if strings.Contains(text, " · ") && strings.Contains(text, "Mon ") {
			heads = append(heads, text)
		}
	}
	return heads
}

// openButtons are the list's Open buttons, top to bottom.
func (d *deskDriver) openButtons() []*widget.Button {
	var out []*widget.Button
	for _, o := range d.all() {
		if b, ok := o.(*widget.Button); ok && b.Text == "Open" {
			out = append(out, b)
		}
	}
	return out
}

// TestDeskListsRecordsAsTheyArrive: records written while the desk watches
// appear at its next reading; crisis and urgent come first and are said
// aloud (the crisis first), the rest newest first; a record cut short is
// listed with its reason; opening one shows its provider summary and
// marks it seen; a claim code finds its record; and nothing readable is
// left in the desk's config and cache folders.
func TestDeskListsRecordsAsTheyArrive(t *testing.T) {
	d := newDeskDriver(t)
	k := d.kiosk
	d.desk.Refresh()
	if !d.sees("No records yet") {
		t.Fatalf("an empty folder:\n%s", d.screenText())
	}
	// Mondays, so every row reads "Mon 09:0x".
	at := time.Date(2026, 12, 7, 9, 0, 0, 0, time.Local)
	routine := k.Example("discuss_ketamine")
	first := k.Save(routine, "front-desk-1", at, nil)
	d.desk.Refresh()
	if heads := d.rowHeads(); len(heads) != 1 || !strings.Contains(heads[0], first.ClaimCode) || !strings.HasPrefix(heads[0], "NEW") {
		t.Fatalf("after one record: %q", heads)
	}
	if len(d.voice.said) != 0 {
		t.Errorf("a routine record was said aloud: %q", d.voice.said)
	}

	urgent := k.Save(k.Example("urgent"), "waiting-room-2", at.Add(time.Minute), nil)
	crisis := k.Save(k.Example("crisis"), "waiting-room-3", at.Add(2*time.Minute), nil)
	later := k.Save(routine, "front-desk-1", at.Add(3*time.Minute), nil)
	cut := k.Save(routine, "front-desk-1", at.Add(4*time.Minute), nil)
	path := filepath.Join(k.Dir, k.Base(cut)+".fhir.json.age")
	data, _ := os.ReadFile(path)
	os.WriteFile(path, data[:len(data)/3], 0o600)
	d.desk.Refresh()

	heads := d.rowHeads()
	order := []string{crisis.ClaimCode, cut.ClaimCode, urgent.ClaimCode, later.ClaimCode, first.ClaimCode}
	if len(heads) != len(order) {
		t.Fatalf("%d rows, want %d:\n%s", len(heads), len(order), d.screenText())
	}
	for i, code := range order {
		if !strings.Contains(heads[i], code) {
			t.Errorf("row %d is %q, want the record %s (crisis, then urgent and unreadable newest first, then the rest)", i+1, heads[i], code)
		}
	}
	for _, want := range []string{"CRISIS", "URGENT", "CANNOT READ", "damaged or cut short", "CRISIS at waiting-room-3, 09:02, code " + crisis.ClaimCode} {
		if !d.sees(want) {
			t.Errorf("the desk does not show %q:\n%s", want, d.screenText())
		}
	}
	if len(d.voice.said) != 1 || !strings.HasPrefix(d.voice.said[0], "CRISIS at waiting-room-3") || !strings.Contains(d.voice.said[0], "Urgent at waiting-room-2") {
		t.Errorf("said aloud: %q, want the crisis then the urgent record", d.voice.said)
	}
	if got := d.w.Title(); !strings.HasPrefix(got, "(3) ") {
		t.Errorf("window title %q, want the 3 records that need someone", got)
	}

	test.Tap(d.openButtons()[0])
	res := crisis.Session.Result()
	if !d.sees(res.Outcome.ForProvider().In("en")) || !d.sees(crisis.ClaimCode+" · waiting-room-3") {
		t.Fatalf("the crisis record opened:\n%s", d.screenText())
	}
	if got := d.w.Title(); !strings.HasPrefix(got, "(2) ") {
		t.Errorf("after opening the crisis record the title is %q", got)
	}
	d.tapButton("Back to the list")
	if heads := d.rowHeads(); strings.HasPrefix(heads[0], "NEW") {
		t.Errorf("the record opened is still new: %q", heads[0])
	}
	if d.sees("CRISIS at waiting-room-3") {
		t.Error("the notice of the crisis record stays after it was opened")
	}

	find := d.entry()
	test.Type(find, strings.ToLower(strings.ReplaceAll(urgent.ClaimCode, "-", " ")))
	if heads := d.rowHeads(); len(heads) != 1 || !strings.Contains(heads[0], urgent.ClaimCode) {
		t.Errorf("finding %s: %q", urgent.ClaimCode, heads)
	}
	d.desk.Refresh() // a reading keeps the search and its field
	if heads := d.rowHeads(); len(heads) != 1 || d.entry().Text == "" {
		t.Errorf("a reading of the folder undid the search: %q", heads)
	}

	// What the desk keeps: the ids it has seen, nothing readable.
	testrecords.NothingReadable(t, []string{os.Getenv("XDG_CONFIG_HOME"), os.Getenv("XDG_CACHE_HOME")}, append(testrecords.Plaintext, crisis.ClaimCode)...)
}

func (d *deskDriver) tapButton(text string) {
	for _, o := range d.all() {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	d.t.Fatalf("no button %q:\n%s", text, d.screenText())
}

func (d *deskDriver) entry() *widget.Entry {
	for _, o := range d.all() {
		if e, ok := o.(*widget.Entry); ok {
			return e
		}
	}
	d.t.Fatalf("no search field:\n%s", d.screenText())
	return nil
}

// TestDeskTimeIsInTheDesksLanguage: a record's day and month are the
// staff's words, not Go's English ones.
func TestDeskTimeIsInTheDesksLanguage(t *testing.T) {
	at := time.Date(2026, time.December, 7, 23, 17, 5, 0, time.Local) // a Monday
	for _, c := range []struct{ lang, short, long string }{
		{"en", "Mon 23:17", "Mon 7 Dec 2026 23:17:05"},
		{"es", "lun 23:17", "lun 7 dic 2026 23:17:05"},
	} {
		if got := deskTime(c.lang, at, false); got != c.short {
			t.Errorf("%s list: %q, want %q", c.lang, got, c.short)
		}
		if got := deskTime(c.lang, at, true); got != c.long {
			t.Errorf("%s open: %q, want %q", c.lang, got, c.long)
		}
	}
	if got := deskTime("es", at.AddDate(0, 0, 6), false); got != "dom 23:17" {
		t.Errorf("a Sunday: %q", got)
	}
}
