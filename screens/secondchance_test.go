package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestClosingAsksFirstWhenAnswersWouldBeLost: the window's close button,
// Alt+F4 and Ctrl+Q all come to onQuitRequest. With no answer it quits at
// once; with answers it asks, "Keep going" (which has the focus) keeps
// everything, and only the second button quits.
func TestClosingAsksFirstWhenAnswersWouldBeLost(t *testing.T) {
	quits := 0
	d := newDriverWith(t, Options{Quit: func() { quits++ }})
	d.ui.onQuitRequest()
	if quits != 1 {
		t.Fatalf("with no answer: %d quits, want 1 at once", quits)
	}
	d.tap("Start")
	d.choose("yes")
	d.ui.onQuitRequest()
	if quits != 1 || !d.sees("Close KetaScreen?") {
		t.Fatalf("with an answer: %d quits, dialog shown %v", quits, d.sees("Close KetaScreen?"))
	}
	if f, ok := d.w.Canvas().Focused().(*keyButton); !ok || f.Text != "Keep going" {
		t.Errorf("the focus is on %v, want the safe choice, Keep going", d.w.Canvas().Focused())
	}
	d.key(fyne.Key1) // a number key behind the dialog answers nothing
	if a, _ := d.ui.session.Answer("phq9_1"); a.Code != "" {
		t.Errorf("a key behind the dialog answered phq9_1 with %q", a.Code)
	}
	d.tapDialog("Keep going")
	if quits != 1 || d.ui.session.IsEmpty() || d.ui.nav.name != screenQuestion {
		t.Errorf("Keep going: %d quits, screen %s", quits, d.ui.nav.name)
	}
	d.ui.onQuitRequest()
	d.tapDialog("Close and clear my answers")
	if quits != 2 {
		t.Errorf("Close: %d quits, want 2", quits)
	}
}

// TestAKioskNeverAsksAndNeverQuits: in a kiosk the close request and Ctrl+Q
// do nothing (only staff exit), and Start over wipes at once.
func TestAKioskNeverAsksAndNeverQuits(t *testing.T) {
	k := newKioskDriver(t)
	k.begin()
	k.choose("yes")
	if k.hasButton("Close and clear my answers") {
		t.Error("a kiosk offers to close")
	}
	k.ui.onStartOverAsked()
	if k.ui.nav.name != screenAttract || !k.ui.session.IsEmpty() || k.overlayShown() {
		t.Errorf("Start over in a kiosk: %s screen, empty %v, overlay %v", k.ui.nav.name, k.ui.session.IsEmpty(), k.overlayShown())
	}
}

// TestAFailingActionKeepsTheScreen: should anything a button does fail
// unexpectedly, the app says so and the screen and answers stay.
func TestAFailingActionKeepsTheScreen(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.choose("yes")
	b := d.ui.button("Break", 0, func() { panic("something broke") })
	b.Tapped(nil)
	if !d.sees("Something went wrong") || d.ui.nav.name != screenQuestion || d.ui.session.IsEmpty() {
		t.Errorf("after a failure: %s screen, message %v", d.ui.nav.name, d.sees("Something went wrong"))
	}
	d.tapDialog("OK")
	if len(d.w.Canvas().Overlays().List()) != 0 {
		t.Error("the message does not close")
	}
}

// TestTheSaveDialogOpens: Save summary (PDF) opens Fyne's file dialog over
// the result (Resize before Show crashed the app) in the person's Documents
// folder, and Ctrl+S and Ctrl+Shift+S do the same.
func TestTheSaveDialogOpens(t *testing.T) {
	home := t.TempDir()
	d := newDriverWith(t, Options{SaveFolder: home})
	reachDiscussResult(d)
	for _, open := range []func(){
		func() { d.tap("Save summary (PDF)") },
		func() { d.tap("Save for my provider's system") },
		func() { d.ui.onSaveShortcut(false) },
		func() { d.ui.onSaveShortcut(true) },
	} {
		open()
		if n := len(d.w.Canvas().Overlays().List()); n != 1 {
			t.Fatalf("%d overlays after opening the save dialog", n)
		}
		if d.sees("Something went wrong") {
			t.Fatal("opening the save dialog failed")
		}
		d.w.Canvas().Overlays().Top().Hide()
		d.w.Canvas().Overlays().Remove(d.w.Canvas().Overlays().Top())
	}
}

// TestAnotherAntidepressantCanBeNamed: the two answers for a medicine not
// in the list are there whatever is typed; "Another antidepressant" asks
// for its name, which the card, the review, the result and the summaries
// carry, and which goes with the session.
func TestAnotherAntidepressantCanBeNamed(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.answerUntil(with(moderate, map[string]any{"ad_any": "yes"}))
	d.tap("Add a medicine")
	test.Type(d.w.Canvas().Focused(), "xyz")
	if !d.hasButton("Another antidepressant") || !d.hasButton("I don't know the name") || !d.sees("choose one of the answers below") {
		t.Fatalf("no match:\n%s", d.screenText())
	}
	d.tap("Another antidepressant")
	if _, ok := d.w.Canvas().Focused().(*keyEntry); !ok {
		t.Fatalf("the name field does not have the focus:\n%s", d.screenText())
	}
	test.Type(d.w.Canvas().Focused(), "  Agomelatine ")
	d.tap("Continue")
	for _, code := range []string{"8_plus", "yes", "yes", "under_25"} {
		d.choose(code)
	}
	d.tap("Skip this question")
	if !d.sees("Medicine 1: Another antidepressant: Agomelatine") || !d.sees("Name: Agomelatine") {
		t.Fatalf("the card:\n%s", d.screenText())
	}
	data, err := d.ui.summaryFHIR()
	if err != nil || !strings.Contains(string(data), `"valueString": "Agomelatine"`) {
		t.Errorf("the FHIR response lacks the name: %v", err)
	}
	d.tap("I need help now")
	d.tap("Back to start")
	if strings.Contains(d.screenText(), "Agomelatine") || len(d.ui.session.Entries("meds")) != 0 {
		t.Error("the name outlives the session")
	}
}

// TestSkippingTheNameKeepsNothingTyped: Skip leaves no half-typed name.
func TestSkippingTheNameKeepsNothingTyped(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.answerUntil(with(moderate, map[string]any{"ad_any": "yes"}))
	d.tap("Add a medicine")
	d.tap("Another antidepressant")
	test.Type(d.w.Canvas().Focused(), "agom")
	d.tap("Skip this question")
	if e := d.ui.session.Entries("meds")[0]; e["med_other_name"] != "" {
		t.Errorf("skipping kept %q", e["med_other_name"])
	}
}

// TestTheCueFollowsTheSearch: the whole medicine list runs below the fold
// and says so; once typing narrows it to a few, the cue goes.
func TestTheCueFollowsTheSearch(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.answerUntil(with(moderate, map[string]any{"ad_any": "yes"}))
	d.tap("Add a medicine")
	settle(d.w.Content())
	if !d.ui.page.below.Visible() {
		t.Fatal(`the whole list shows no "More below"`)
	}
	test.Type(d.w.Canvas().Focused(), "zol")
	if d.ui.page.below.Visible() {
		t.Error(`one match, and still "More below"`)
	}
}
