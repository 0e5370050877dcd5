package screens

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/alexedwards/argon2id"

	"ketascreen/kiosk"
	"ketascreen/records"
)

const staffPIN = "4321"

var staffHash = func() string {
	// Cheap parameters: kiosk.HashPIN's cost half a second a try, on purpose.
	h, err := argon2id.CreateHash(staffPIN, &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if err != nil {
		panic(err)
	}
	return h
}()

// recordedAlerts keeps the alerts a kiosk sends.
type recordedAlerts struct {
	mu     sync.Mutex
	events []kiosk.Event
}

func (r *recordedAlerts) Send(ev kiosk.Event) <-chan error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, ev)
	done := make(chan error, 1)
	done <- nil
	return done
}

func (r *recordedAlerts) kinds() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var k []string
	for _, ev := range r.events {
		k = append(k, ev.Kind)
	}
	return strings.Join(k, ",")
}

type kioskDriver struct {
	*driver
	clock    *kiosk.ManualClock
	alerts   *recordedAlerts
	quit     bool
	releases atomic.Int32 // memory releases after wipes
}

func newKioskDriver(t *testing.T) *kioskDriver {
	t.Helper()
	return newSizedKioskDriver(t, fyne.NewSize(1280, 800))
}

// newSizedKioskDriver starts a kiosk on a manual clock in a window of a size.
func newSizedKioskDriver(t *testing.T, size fyne.Size) *kioskDriver {
	t.Helper()
	kd := &kioskDriver{clock: kiosk.NewManualClock(), alerts: &recordedAlerts{}}
	cfg := &kiosk.Config{ClinicName: "Riverside Clinic", Name: "waiting-room-1", PINHash: staffHash}
	kd.driver = newSizedDriver(t, size, Options{Kiosk: &KioskOptions{Config: cfg, Clock: kd.clock, Alerter: kd.alerts, Quit: func() { kd.quit = true }, Release: func() { kd.releases.Add(1) }, CacheLifetime: kiosk.CacheLifetime}})
	return kd
}

func (k *kioskDriver) overlayShown() bool { return len(k.w.Canvas().Overlays().List()) > 0 }

func (k *kioskDriver) begin() {
	k.t.Helper()
	k.tap("Touch to start")
	k.tap("Start")
}

// holdCorner presses the hidden staff corner for a while.
func (k *kioskDriver) holdCorner(d time.Duration) {
	var corner *staffCorner
	for _, o := range objects(k.w.Content()) {
		if c, ok := o.(*staffCorner); ok {
			corner = c
		}
	}
	if corner == nil {
		k.t.Fatal("no staff corner")
	}
	corner.MouseDown(&desktop.MouseEvent{})
	k.clock.Advance(d)
	corner.MouseUp(&desktop.MouseEvent{})
}

func (k *kioskDriver) enterPIN(pin string) {
	for _, c := range pin {
		k.tap(string(c))
	}
	k.tap("OK")
}

func TestKioskStartsOnTheAttractScreen(t *testing.T) {
	k := newKioskDriver(t)
	if k.ui.nav.name != screenAttract || !k.sees("Riverside Clinic") || !k.hasButton("Touch to start") {
		t.Fatalf("%s screen:\n%s", k.ui.nav.name, k.screenText())
	}
	if k.clock.Pending() != 0 {
		t.Errorf("%d timers run on the attract screen; an idle kiosk must do nothing", k.clock.Pending())
	}
	k.tap("Touch to start")
	if k.ui.nav.name != screenWelcome || !k.sees("Nothing is saved on this kiosk") {
		t.Errorf("after Touch to start: %s:\n%s", k.ui.nav.name, k.screenText())
	}
}

func TestIdleCountdownThenWipe(t *testing.T) {
	k := newKioskDriver(t)
	k.begin()
	k.choose("yes")
	k.clock.Advance(89 * time.Second)
	if k.overlayShown() {
		t.Fatal("the countdown came before 90 s")
	}
	k.clock.Advance(time.Second)
	if !k.overlayShown() || !k.sees("Are you still there?") || !k.sees("30") {
		t.Fatalf("no countdown at 90 s:\n%s", k.screenText())
	}
	k.clock.Advance(29 * time.Second)
	if !k.sees("cleared in 1 second.") {
		t.Errorf("after 29 s of countdown:\n%s", k.screenText())
	}
	k.clock.Advance(time.Second)
	if k.ui.nav.name != screenAttract || !k.ui.session.IsEmpty() || k.overlayShown() {
		t.Errorf("after the countdown: %s screen, session empty %v, overlay %v", k.ui.nav.name, k.ui.session.IsEmpty(), k.overlayShown())
	}
	if k.clock.Pending() != 1 || k.kiosk().tidy == nil {
		t.Errorf("%d timers after the wipe; want only the tidy-up", k.clock.Pending())
	}
}

// onlyTidyLeft tells whether the one timer left after a wipe is the tidy-up.
func (k *kioskDriver) onlyTidyLeft() bool { return k.clock.Pending() == 1 && k.kiosk().tidy != nil }

func (k *kioskDriver) kiosk() *kioskState { return k.ui.kiosk }

// waitReleases waits for the memory releases, which run off the UI goroutine.
func (k *kioskDriver) waitReleases(n int32) bool {
	for range 200 {
		if k.releases.Load() >= n {
			return true
		}
		time.Sleep(5 * time.Millisecond)
	}
	return false
}

func TestWipeGivesMemoryBackAndLetsFyneForgetTheScreens(t *testing.T) {
	k := newKioskDriver(t)
	k.begin()
	k.choose("no") // under 18: the ASQ, then an ended screen
	k.answerUntil(nil)
	k.tap("Back to start")
	if !k.waitReleases(1) {
		t.Fatal("no memory release after the wipe")
	}
	if !k.onlyTidyLeft() {
		t.Fatalf("%d timers after the wipe; want only the tidy-up", k.clock.Pending())
	}
	k.clock.Advance(k.kiosk().tidyAfter() - time.Second)
	if k.releases.Load() != 1 {
		t.Fatal("tidied before Fyne's cache had expired")
	}
	k.clock.Advance(time.Second) // the repaint
	k.clock.Advance(releaseAfterTidy - time.Second)
	if k.releases.Load() != 1 {
		t.Fatal("released before Fyne's clean-up could follow the repaint")
	}
	k.clock.Advance(time.Second) // then the release
	if !k.waitReleases(2) || k.clock.Pending() != 0 {
		t.Fatalf("after the tidy-up: %d releases, %d timers", k.releases.Load(), k.clock.Pending())
	}

	// Someone who arrives before the tidy-up keeps the kiosk as it is.
	k.begin()
	k.choose("no")
	k.answerUntil(nil) // the ASQ
	k.tap("Back to start")
	k.tap("Touch to start")
	k.clock.Advance(k.kiosk().tidyAfter() + releaseAfterTidy)
	if k.ui.nav.name != screenWelcome || k.kiosk().tidy != nil {
		t.Errorf("the tidy-up touched a person's session: %s screen", k.ui.nav.name)
	}
	if !k.waitReleases(3) || k.releases.Load() != 3 {
		t.Errorf("%d releases, want 3 (two wipes and one tidy-up)", k.releases.Load())
	}
}

func TestTouchDuringCountdownKeepsTheSession(t *testing.T) {
	k := newKioskDriver(t)
	k.begin()
	k.choose("yes")
	k.choose("no") // 65 or older
	k.clock.Advance(100 * time.Second)
	if !k.overlayShown() {
		t.Fatal("no countdown")
	}
	k.tap("I'm still here")
	if k.overlayShown() || k.ui.nav.name != screenQuestion || k.ui.nav.asking().ID != "phq9_1" {
		t.Fatalf("after touching: overlay %v, %s", k.overlayShown(), k.ui.nav.name)
	}
	if a, ok := k.ui.session.Answer("age_18_plus"); !ok || a.Code != "yes" {
		t.Error("the answer was lost")
	}
	// A touch anywhere on the dimmed screen counts too.
	k.clock.Advance(95 * time.Second)
	for _, o := range k.all() {
		if c, ok := o.(*tapCatcher); ok {
			test.Tap(c)
			break
		}
	}
	if k.overlayShown() {
		t.Error("a touch on the dimmed screen did not keep the session")
	}
	if k.clock.Pending() != 1 {
		t.Errorf("%d timers after a touch; want just the idle timer", k.clock.Pending())
	}
}

func TestCrisisAndUrgentWaitLongerAndAlertStaffOnce(t *testing.T) {
	k := newKioskDriver(t)
	k.begin()
	k.answerUntil(map[string]any{"asq_2": "yes", "lethal_means": "no"})
	if k.ui.nav.name != screenUrgent || !k.sees("We have told the staff, and someone is coming to you now") {
		t.Fatalf("urgent screen:\n%s", k.screenText())
	}
	k.clock.Advance(5 * time.Minute)
	if k.overlayShown() {
		t.Error("the urgent screen timed out after 5 minutes; it should wait 10")
	}
	k.tap("I need help now")
	if !k.sees("Please stay here. We have told the staff") {
		t.Errorf("crisis screen:\n%s", k.screenText())
	}
	k.tap("I need help now")
	if got := k.alerts.kinds(); !strings.HasPrefix(got, "urgent,") || strings.Count(got, "crisis") != 1 {
		t.Errorf("alerts %q, want urgent then crisis, each at once", got)
	}
	ev := k.alerts.events[0]
	if ev.Kiosk != "waiting-room-1" || ev.Time == "" {
		t.Errorf("event %+v", ev)
	}
	k.clock.Advance(10*time.Minute + 30*time.Second)
	if k.ui.nav.name != screenAttract {
		t.Errorf("the crisis screen never timed out: %s", k.ui.nav.name)
	}
	before := k.alerts.kinds()
	k.clock.Advance(3 * time.Minute)
	if got := k.alerts.kinds(); got != before {
		t.Errorf("alerts went on after the wipe: %q, then %q", before, got)
	}
	k.begin()
	k.tap("I need help now")
	if got := k.alerts.kinds(); got != before+",crisis" {
		t.Errorf("the next person's crisis sent %q after %q", got, before)
	}
}

// TestAlertRepeatsUntilStaffAcknowledge: the crisis alert is sent again
// every minute until staff enter their PIN on the kiosk.
func TestAlertRepeatsUntilStaffAcknowledge(t *testing.T) {
	k := newKioskDriver(t)
	k.begin()
	k.tap("I need help now")
	for n := 2; n <= 4; n++ {
		k.clock.Advance(kiosk.AlertRepeat)
		if got := strings.Count(k.alerts.kinds(), "crisis"); got != n {
			t.Fatalf("after %d minutes: %d crisis alerts, want %d", n-1, got, n)
		}
	}
	k.holdCorner(3 * time.Second)
	k.enterPIN(staffPIN)
	if !k.sees("Reset session") || !k.sees("Alert acknowledged") {
		t.Fatalf("the staff menu:\n%s", k.screenText())
	}
	k.tap("Cancel")
	k.clock.Advance(3 * kiosk.AlertRepeat)
	if got := strings.Count(k.alerts.kinds(), "crisis"); got != 4 {
		t.Errorf("after the staff PIN: %d crisis alerts, want the 4 sent before", got)
	}
}

// failingAlerts is an alert command that fails, or never answers.
type failingAlerts struct{ hang bool }

func (f failingAlerts) Send(kiosk.Event) <-chan error {
	done := make(chan error, 1)
	if !f.hang {
		done <- errors.New("exit status 3")
	}
	return done
}

// TestAFailedAlertSendsThePersonToTheFrontDesk: "we have told the staff"
// appears only once the alert succeeded; a failing command shows the front
// desk, 988 and 911 instead, and a hanging one says nothing it cannot keep.
func TestAFailedAlertSendsThePersonToTheFrontDesk(t *testing.T) {
	for _, hang := range []bool{false, true} {
		k := newKioskDriver(t)
		k.ui.kiosk.useAlerter(failingAlerts{hang: hang})
		k.begin()
		k.tap("I need help now")
		if k.sees("We have told the staff") {
			t.Errorf("hang %v: the crisis screen says the staff were told:\n%s", hang, k.screenText())
		}
		if got := k.sees("Please go to the front desk now, or call 988. If you might act on these thoughts, call 911."); got == hang {
			t.Errorf("hang %v: the front-desk words shown %v:\n%s", hang, got, k.screenText())
		}
	}
}

// TestCrisisScreenShowsItsNextStepsInOrder: every next step of the crisis
// outcome, in its order, in both languages; in Spanish the text line says
// AYUDA.
func TestCrisisScreenShowsItsNextStepsInOrder(t *testing.T) {
	for _, lang := range []string{"en", "es"} {
		d := newDriver(t)
		d.ui.setLanguage(lang)
		d.tap(map[string]string{"en": "I need help now", "es": "Necesito ayuda ahora"}[lang])
		text := d.screenText()
		last := -1
		for i, step := range d.ui.def.Outcome("crisis").NextSteps {
			want := fmt.Sprintf("%d. %s", i+1, step.In(lang))
			at := strings.Index(unwrap(text), want)
			if at < 0 || at < last {
				t.Errorf("%s: step %d %q missing or out of order:\n%s", lang, i+1, want, text)
			}
			last = at
		}
		if lang == "es" && (!strings.Contains(text, "AYUDA") || !strings.Contains(unwrap(text), "442-AYUDAME") || strings.Contains(text, "HOME")) {
			t.Errorf("the Spanish crisis screen must give AYUDA and WhatsApp, not HOME:\n%s", text)
		}
		if lang == "en" && !strings.Contains(unwrap(text), "988lifeline.org") {
			t.Errorf("the crisis screen lacks the 988 chat:\n%s", text)
		}
	}
}

func TestTwoSessionsInARowShareNothing(t *testing.T) {
	k := newKioskDriver(t)
	first := with(moderate, map[string]any{"ad_any": "yes", "goals": []string{"pain_relief"}})
	k.begin()
	k.answerUntil(first)
	k.tap("Add a medicine")
	test.Type(k.w.Canvas().Focused(), "zol")
	k.tap("Sertraline (Zoloft)")
	k.choose("8_plus")
	k.tap("I need help now") // leaves a half-made entry and a crisis behind
	k.tap("Back to start")
	if k.ui.nav.name != screenAttract || !k.ui.session.IsEmpty() {
		t.Fatalf("Back to start: %s, empty %v", k.ui.nav.name, k.ui.session.IsEmpty())
	}
	// The second person goes through every kind of screen; none may show
	// anything of the first.
	traces := []string{"Sertraline", "Zoloft", "zol", "8 weeks or more", "Medicine 1", "Relief from chronic pain"}
	check := func(where string, traces []string) {
		t.Helper()
		text := k.screenText()
		for _, tr := range traces {
			if strings.Contains(text, tr) {
				t.Errorf("the second person sees %q on the %s screen", tr, where)
			}
		}
		for _, o := range k.all() {
			if e, ok := o.(*keyEntry); ok && e.Text != "" {
				t.Errorf("a text field on the %s screen holds %q", where, e.Text)
			}
			if b, ok := o.(*keyButton); ok && b.Icon != nil && b.Icon.Name() == theme.ConfirmIcon().Name() {
				t.Errorf("the answer %q is ticked on the %s screen", b.Text, where)
			}
		}
	}
	check("attract", traces)
	k.begin()
	for k.ui.nav.name == screenQuestion && k.ui.nav.asking().ID != "ad_any" {
		check("question "+k.ui.nav.asking().ID, traces)
		k.choose(calmAnswer(k.ui.nav.asking()).(string))
	}
	k.choose("yes")
	check("medicines", traces)
	k.tap("Add a medicine")
	check("medicine search", []string{"Medicine 1", "8 weeks or more"}) // the list itself names every medicine
	if got := len(k.ui.def.Item("meds").Field("med_name").Search("")); got < 20 {
		t.Errorf("the search starts filtered: %d medicines", got)
	}
}

// searchField opens the medicine search of a screening and types into it.
func searchField(t *testing.T, d *driver, typed string) *keyEntry {
	t.Helper()
	d.answerUntil(with(moderate, map[string]any{"ad_any": "yes"}))
	d.tap("Add a medicine")
	e, ok := d.w.Canvas().Focused().(*keyEntry)
	if !ok {
		t.Fatalf("the medicine search has no focused field:\n%s", d.screenText())
	}
	test.Type(e, typed)
	return e
}

// No text passes from one person to the next through the clipboard: a
// kiosk's fields do not copy, cut or paste and have no menu, and the wipe
// clears the clipboard.
func TestKioskFieldsKeepTheClipboardOut(t *testing.T) {
	k := newKioskDriver(t)
	k.begin()
	e := searchField(t, k.driver, "marker")
	clip := fyne.CurrentApp().Clipboard()
	clip.SetContent("before")
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	e.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
	e.TypedShortcut(&fyne.ShortcutCut{Clipboard: clip})
	if clip.Content() != "before" || e.Text != "marker" {
		t.Errorf("copy and cut in the kiosk: clipboard %q, field %q", clip.Content(), e.Text)
	}
	clip.SetContent("pasted")
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if e.Text != "marker" {
		t.Errorf("paste in the kiosk: the field holds %q", e.Text)
	}
	overlays := len(k.w.Canvas().Overlays().List())
	test.TapSecondary(e)
	if len(k.w.Canvas().Overlays().List()) != overlays {
		t.Error("a right-click opened the field's menu in the kiosk")
	}
	k.tap("I need help now")
	k.tap("Back to start")
	if clip.Content() != "" {
		t.Errorf("after the wipe the clipboard holds %q", clip.Content())
	}
}

// A text field stops at its limit however the text comes: a flood of
// pasted text at home (select all, copy, paste, again and again) once grew
// until the app ran out of memory.
func TestFieldsStopAtTheirLimit(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	e := searchField(t, d, "sertraline")
	clip := fyne.CurrentApp().Clipboard()
	for range 30 { // doubling: 2^30 times the text without a limit
		e.TypedShortcut(&fyne.ShortcutSelectAll{})
		e.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
		e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	}
	if n := len([]rune(e.Text)); n != maxFieldRunes {
		t.Errorf("after 30 doublings the field holds %d characters, want %d", n, maxFieldRunes)
	}
	test.Type(e, "more")
	if n := len([]rune(e.Text)); n != maxFieldRunes {
		t.Errorf("typing into a full field: %d characters", n)
	}
	clip.SetContent(strings.Repeat("ü", 10*maxFieldRunes))
	e.SetText("")
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: clip})
	if e.Text != strings.Repeat("ü", maxFieldRunes) {
		t.Errorf("a long paste into an empty field: %d characters", len([]rune(e.Text)))
	}
}

// At home the same field copies and pastes as any other.
func TestHomeFieldsUseTheClipboard(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	e := searchField(t, d, "marker")
	clip := fyne.CurrentApp().Clipboard()
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	e.TypedShortcut(&fyne.ShortcutCopy{Clipboard: clip})
	if clip.Content() != "marker" {
		t.Errorf("copy at home: clipboard %q", clip.Content())
	}
}

// At home the field's right-click menu speaks the app's language, not the
// system's (Fyne's own menu follows the system), and its items work.
func TestHomeFieldMenuIsInTheAppsLanguage(t *testing.T) {
	d := newDriver(t)
	d.tap("Español")
	d.tap("Comenzar")
	d.keyboardAnswers(with(moderate, map[string]any{"ad_any": "yes"}))
	d.tap("Agregar un medicamento")
	e, ok := d.w.Canvas().Focused().(*keyEntry)
	if !ok {
		t.Fatalf("the medicine search has no focused field:\n%s", d.screenText())
	}
	test.Type(e, "marcador")
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	test.TapSecondary(e)
	var menu *widget.PopUpMenu
	if top := d.w.Canvas().Overlays().Top(); top != nil {
		for _, o := range objects(top) {
			if m, ok := o.(*widget.PopUpMenu); ok {
				menu = m
			}
		}
	}
	if menu == nil {
		t.Fatal("a right-click opened no menu")
	}
	for _, word := range []string{"Cortar", "Copiar", "Pegar", "Seleccionar todo"} {
		if !d.sees(word) {
			t.Errorf("the field's menu lacks %q:\n%s", word, d.screenText())
		}
	}
	if d.sees("Copy") || d.sees("Paste") {
		t.Errorf("the field's menu is in English:\n%s", d.screenText())
	}
	if t.Failed() {
		return
	}
	test.Tap(menu.Items[1].(fyne.Tappable)) // Copiar
	if got := fyne.CurrentApp().Clipboard().Content(); got != "marcador" {
		t.Errorf("Copiar put %q on the clipboard", got)
	}
}

func TestStaffPINResetsAndExits(t *testing.T) {
	k := newKioskDriver(t)
	k.begin()
	k.choose("yes")
	k.choose("no") // 65 or older
	k.holdCorner(2 * time.Second)
	if k.sees("Staff PIN") {
		t.Fatal("a 2 s press opened the PIN pad")
	}
	k.holdCorner(3 * time.Second)
	if !k.sees("Staff PIN") {
		t.Fatal("a 3 s press did not open the PIN pad")
	}
	k.key(fyne.Key1) // keys go to the pad, not to the question behind it
	if k.ui.nav.asking().ID != "phq9_1" || k.ui.session.Visible("phq9_difficulty") {
		t.Error("a key on the PIN pad answered the question behind it")
	}
	k.tap("Clear")
	k.enterPIN(staffPIN)
	if !k.sees("Reset session") {
		t.Fatalf("the right PIN did not open the staff menu:\n%s", k.screenText())
	}
	k.tap("Reset session")
	if k.ui.nav.name != screenAttract || !k.ui.session.IsEmpty() || k.overlayShown() {
		t.Errorf("staff reset: %s, empty %v, overlay %v", k.ui.nav.name, k.ui.session.IsEmpty(), k.overlayShown())
	}
	k.holdCorner(3 * time.Second)
	k.enterPIN(staffPIN)
	k.tap("Exit kiosk")
	if !k.quit {
		t.Error("Exit kiosk did not end the app")
	}
}

func TestFiveWrongPINsLockThePad(t *testing.T) {
	k := newKioskDriver(t)
	k.holdCorner(3 * time.Second)
	for i := 0; i < 4; i++ {
		k.enterPIN("0000")
		if !k.sees("That PIN is not right.") {
			t.Fatalf("wrong PIN %d:\n%s", i+1, k.screenText())
		}
	}
	k.enterPIN("0000")
	if !k.sees("The pad is locked until 09:05.") {
		t.Fatalf("after 5 wrong PINs:\n%s", k.screenText())
	}
	k.enterPIN(staffPIN)
	if k.sees("Reset session") {
		t.Fatal("the right PIN worked while the pad was locked")
	}
	k.clock.Advance(5 * time.Minute) // the pad closes itself after a minute
	k.holdCorner(3 * time.Second)
	k.enterPIN(staffPIN)
	if !k.sees("Reset session") {
		t.Errorf("the right PIN after the lockout:\n%s", k.screenText())
	}
}

// An idle wipe with the PIN pad open (staff opened it and walked away) must
// give the keys back: the next person's Enter presses are not wrong PINs.
func TestIdleWipeClosesThePINPadAndGivesTheKeysBack(t *testing.T) {
	k := newKioskDriver(t)
	cfg := k.kiosk().opts.Config
	cfg.IdleSeconds, cfg.CountdownSeconds = 15, 10 // the wipe comes before the pad's minute
	k.begin()
	k.choose("yes")
	k.holdCorner(3 * time.Second)
	k.tap("1")
	if !k.sees("Staff PIN") {
		t.Fatal("no PIN pad")
	}
	k.clock.Advance(25 * time.Second) // the idle countdown runs out
	if k.ui.nav.name != screenAttract || k.overlayShown() || k.ui.keysOverride != nil || k.kiosk().pad != nil {
		t.Fatalf("after the idle wipe: %s screen, overlay %v, keys taken %v", k.ui.nav.name, k.overlayShown(), k.ui.keysOverride != nil)
	}
	if !k.onlyTidyLeft() {
		t.Errorf("%d timers after the wipe; want only the tidy-up", k.clock.Pending())
	}
	for range 6 { // the next person presses Enter (it starts their screening)
		k.key(fyne.KeyReturn)
	}
	if k.kiosk().pin.Locked() || k.ui.nav.name == screenAttract {
		t.Fatalf("Enter after the wipe: PIN locked %v, %s screen", k.kiosk().pin.Locked(), k.ui.nav.name)
	}
}

// A pad or staff menu left open closes itself after a minute without a press.
func TestPINPadClosesItselfWhenUnused(t *testing.T) {
	k := newKioskDriver(t)
	k.holdCorner(3 * time.Second)
	k.clock.Advance(59 * time.Second)
	k.tap("2")
	k.clock.Advance(59 * time.Second)
	if !k.sees("Staff PIN") {
		t.Fatal("the pad closed within a minute of a press")
	}
	k.clock.Advance(time.Second)
	if k.sees("Staff PIN") || k.overlayShown() || k.ui.keysOverride != nil {
		t.Fatalf("the pad is still open a minute after its last press:\n%s", k.screenText())
	}
	if k.clock.Pending() != 0 {
		t.Errorf("%d timers left on the attract screen", k.clock.Pending())
	}
	k.holdCorner(3 * time.Second)
	k.enterPIN(staffPIN)
	if !k.sees("Reset session") {
		t.Fatalf("no staff menu:\n%s", k.screenText())
	}
	k.clock.Advance(time.Minute)
	if k.sees("Reset session") || k.ui.keysOverride != nil {
		t.Error("the staff menu is still open a minute after it opened")
	}
}

func TestKioskCrisisLinesComeFromTheConfig(t *testing.T) {
	k := newKioskDriver(t)
	k.ui.kiosk.opts.Config.CrisisLines = []kiosk.CrisisLine{{Number: "116 123", Text: "Samaritans: call 116 123"}}
	k.tap("Touch to start")
	k.tap("I need help now")
	if !k.sees("116 123") || k.sees("988") {
		t.Errorf("crisis screen with UK lines:\n%s", k.screenText())
	}
}

// TestWalkingAwayDuringTheASQAlertsStaff: a person who leaves the kiosk with
// the suicide-risk questions started but not finished counts as a positive
// screen, so the idle wipe sends the urgent alert; one who leaves before them
// sends nothing.
func TestWalkingAwayDuringTheASQAlertsStaff(t *testing.T) {
	for _, c := range []struct {
		name  string
		until map[string]any
		want  string
	}{
		{"before the ASQ", map[string]any{"phq9_5": nil}, ""},
		{"on its first question", map[string]any{"asq_1": nil}, "urgent"},
		{"half way through it", map[string]any{"asq_3": nil}, "urgent"},
	} {
		t.Run(c.name, func(t *testing.T) {
			k := newKioskDriver(t)
			dir := t.TempDir()
			k.keepRecords(dir)
			k.begin()
			k.answerUntil(c.until)
			k.clock.Advance(3 * time.Minute) // walks away: countdown, then the wipe
			if k.ui.nav.name != screenAttract {
				t.Fatalf("no wipe: %s", k.ui.nav.name)
			}
			if got := k.alerts.kinds(); got != c.want {
				t.Errorf("alerts %q, want %q", got, c.want)
			}
			// The front desk gets the record of one who counts as positive.
			files, _ := filepath.Glob(filepath.Join(dir, "*.fhir.json.age"))
			if want := map[bool]int{true: 1, false: 0}[c.want != ""]; len(files) != want {
				t.Fatalf("%d records saved, want %d", len(files), want)
			}
			if len(files) == 1 {
				n, _ := records.ParseRecordName(filepath.Base(files[0]))
				if ev := k.alerts.events[0]; ev.Code != n.Code {
					t.Errorf("the alert carries the code %q, the record %q", ev.Code, n.Code)
				}
			}
		})
	}
}

// When the window manager takes the window away (iconified, the desktop
// shown, another program raised), the kiosk asks for full screen and the
// focus again at once, and wipes the session if it is still away after 3 s.
func TestAKioskTakesItsWindowBackAndWipesWhenItCannot(t *testing.T) {
	k := newKioskDriver(t)
	k.begin()
	k.choose("yes")
	k.w.SetFullScreen(false)
	k.kiosk().lostForeground()
	k.clock.Advance(reclaimEvery)
	if !k.w.FullScreen() {
		t.Error("the kiosk did not ask for full screen again")
	}
	k.kiosk().gotForeground() // the window manager gave it back
	k.clock.Advance(wipeWhenAway)
	if k.ui.session.IsEmpty() || k.kiosk().reclaim != nil {
		t.Fatalf("the session was wiped after the window came back (empty %v)", k.ui.session.IsEmpty())
	}
	k.kiosk().lostForeground()
	k.clock.Advance(wipeWhenAway - reclaimEvery)
	if k.ui.session.IsEmpty() {
		t.Fatal("wiped before the window had been away 3 s")
	}
	k.clock.Advance(reclaimEvery)
	if !k.ui.session.IsEmpty() || k.ui.nav.name != screenAttract {
		t.Fatalf("the window was away 3 s and the session is still there (%s screen)", k.ui.nav.name)
	}
	k.clock.Advance(10 * time.Second) // still away: it keeps asking, and wipes nothing more
	if k.kiosk().reclaim == nil {
		t.Error("the kiosk stopped asking for its window back")
	}
	k.kiosk().gotForeground()
	k.clock.Advance(reclaimEvery) // one more request, then no more
	if k.kiosk().reclaim != nil {
		t.Error("the kiosk still asks for its window once it has it")
	}
	// Full screen taken away with the focus kept: the window got smaller.
	k.kiosk().windowResized(fyne.NewSize(1280, 800))
	k.w.SetFullScreen(false)
	k.kiosk().windowResized(fyne.NewSize(1000, 700))
	k.clock.Advance(reclaimEvery)
	if !k.w.FullScreen() {
		t.Error("the kiosk did not go back to full screen when its window got smaller")
	}
}

// tapWhereSeen taps the window where the button is drawn, as a finger
// would: whatever lies over it there gets the tap.
func (k *kioskDriver) tapWhereSeen(text string) {
	k.t.Helper()
	var b *keyButton
	for _, o := range objects(k.w.Content()) {
		if kb, ok := o.(*keyButton); ok && named(kb, text) {
			b = kb
		}
	}
	if b == nil {
		k.t.Fatalf("no button %q drawn", text)
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).Add(fyne.NewPos(b.Size().Width/2, b.Size().Height/2))
	test.TapCanvas(k.w.Canvas(), pos)
}

func TestAfterAWipeTheKioskTakesNoInputUntilItIsReplacedOrToldToStay(t *testing.T) {
	k := newKioskDriver(t)
	var stay func()
	asked := 0
	k.kiosk().opts.Replace = func(s func()) { asked++; stay = s }
	k.begin()
	k.choose("yes")
	if asked != 0 {
		t.Fatal("the kiosk asked to be replaced during a screening")
	}
	k.holdCorner(3 * time.Second)
	k.enterPIN(staffPIN)
	k.tap("Reset session")
	if asked != 1 || k.ui.nav.name != screenAttract || !k.ui.session.IsEmpty() {
		t.Fatalf("after the wipe: asked %d times, %s screen, empty %v", asked, k.ui.nav.name, k.ui.session.IsEmpty())
	}
	k.tapWhereSeen("Touch to start")
	k.key(fyne.KeyReturn)
	k.key(fyne.KeyH) // a key the attract screen would otherwise ignore harmlessly
	if k.ui.nav.name != screenAttract || !k.ui.session.IsEmpty() {
		t.Fatalf("while handing over, a tap or key reached the kiosk: %s screen", k.ui.nav.name)
	}
	if k.w.Canvas().Focused() != nil {
		t.Error("a control keeps the focus while the kiosk hands over")
	}
	stay()
	if k.ui.kiosk.handingOver() || k.overlayShown() {
		t.Fatal("told to stay, the kiosk still hands over")
	}
	k.tapWhereSeen("Touch to start")
	if k.ui.nav.name != screenWelcome {
		t.Fatalf("told to stay, the kiosk does not take the next person: %s screen", k.ui.nav.name)
	}
	k.clock.Advance(10 * time.Minute) // the idle wipe asks again
	if asked != 2 || !k.ui.kiosk.handingOver() {
		t.Errorf("the next wipe: asked %d times, handing over %v", asked, k.ui.kiosk.handingOver())
	}
}

func TestAKioskStartedWithoutTheFocusAsksForIt(t *testing.T) {
	k := newKioskDriver(t)
	k.ui.Started() // the window manager gave it no focus
	if k.kiosk().reclaim == nil {
		t.Fatal("a kiosk without the focus at start does not ask for it")
	}
	k.clock.Advance(reclaimEvery) // asks once
	k.kiosk().gotForeground()
	k.clock.Advance(reclaimEvery)
	if k.kiosk().reclaim != nil || k.clock.Pending() != 0 {
		t.Errorf("with the focus, the kiosk still asks for it (%d timers)", k.clock.Pending())
	}
	if k.ui.nav.name != screenAttract {
		t.Errorf("%s screen", k.ui.nav.name)
	}
}

func TestAKioskWipedWhileAwayStopsAskingForTheScreenUntilToldToStay(t *testing.T) {
	k := newKioskDriver(t)
	var stay func()
	k.kiosk().opts.Replace = func(s func()) { stay = s }
	k.begin()
	k.choose("yes")
	k.kiosk().lostForeground()
	k.clock.Advance(wipeWhenAway + reclaimEvery) // away too long: wiped, handing over
	if !k.ui.session.IsEmpty() || !k.kiosk().handingOver() {
		t.Fatalf("after 3 s away: empty %v, handing over %v", k.ui.session.IsEmpty(), k.kiosk().handingOver())
	}
	k.w.SetFullScreen(false) // the fresh process's window is in front
	k.clock.Advance(10 * reclaimEvery)
	if k.kiosk().reclaim != nil || k.w.FullScreen() {
		t.Fatal("while handing over, the wiped kiosk still fights for the screen")
	}
	stay() // no fresh process came: the kiosk takes the screen back and keeps asking
	if !k.w.FullScreen() || k.kiosk().reclaim == nil {
		t.Errorf("told to stay without the focus: full screen %v, asking %v", k.w.FullScreen(), k.kiosk().reclaim != nil)
	}
}

// TestKioskReportsItsStatus: the events of the kiosk's status file come
// as a person starts, meets a safety screen and finishes, with no answer in
// any of them.
func TestKioskReportsItsStatus(t *testing.T) {
	k := newKioskDriver(t)
	var events []string
	k.ui.kiosk.opts.Report = func(e string) { events = append(events, e) }
	k.tap("Touch to start")
	k.tap("Start")
	k.answerUntil(map[string]any{"asq_2": "yes", "lethal_means": "no"})
	k.tap("Continue the questionnaire")
	reachResultFromHere(k.driver)
	k.tab("Why") // a second look is not a second person
	want := []string{"started", "alert urgent sent", "finished"}
	if strings.Join(events, "|") != strings.Join(want, "|") {
		t.Errorf("status events %q, want %q", events, want)
	}
}
