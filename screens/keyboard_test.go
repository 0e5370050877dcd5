package screens

import (
	"reflect"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"ketascreen/headless"
	"ketascreen/questionnaire"
)

// digit presses the number key of an answer of the current question.
func (d *driver) digit(code string) {
	d.t.Helper()
	i := slices.IndexFunc(d.ui.nav.asking().Options, func(o *questionnaire.Option) bool { return o.Code == code })
	if i < 0 || i > 8 {
		d.t.Fatalf("%s: no number key for %q", d.ui.nav.asking().ID, code)
	}
	d.key(fyne.KeyName(string(rune('1' + i))))
}

// keyboardAnswers answers each question with number keys (and Enter for
// multiple choice) until a screen other than a question shows.
func (d *driver) keyboardAnswers(answers map[string]any) {
	d.t.Helper()
	d.answerQuestions(answers, d.digit, func() { d.key(fyne.KeyReturn) })
}

func TestKeyboardOnlyCompletesAFullPath(t *testing.T) {
	d := newDriver(t)
	answers := with(moderate, map[string]any{"ad_any": "yes"})
	d.key(fyne.KeyReturn) // Start
	// The first answer by Tab and Space, as someone who cannot use number keys.
	d.w.Canvas().FocusNext()
	focused, ok := d.w.Canvas().Focused().(*keyButton)
	if !ok || focused.Text != "Yes" {
		t.Fatalf("Tab focuses %v, want the first answer, Yes", d.w.Canvas().Focused())
	}
	d.key(fyne.KeySpace)
	d.keyboardAnswers(answers)
	if d.ui.nav.name != screenMedications {
		t.Fatalf("%s screen, want the medicines", d.ui.nav.name)
	}
	for _, med := range []struct{ search, weeks, improvement string }{{"zoloft", "8_plus", "under_25"}, {"lexap", "6_7", "25_49"}} {
		d.key(fyne.Key1) // add a medicine
		test.Type(d.w.Canvas().Focused(), med.search)
		d.key(fyne.KeyReturn) // the only match
		d.digit(med.weeks)
		d.digit("yes") // the full dose
		d.digit("yes") // on most days
		d.digit(med.improvement)
		d.key(fyne.KeyReturn) // skip the optional reason
		if d.ui.nav.name != screenMedications {
			t.Fatalf("after a medicine by keyboard: %s screen", d.ui.nav.name)
		}
	}
	d.key(fyne.KeyReturn) // continue
	d.keyboardAnswers(answers)
	d.key(fyne.KeyReturn) // review: see the result
	if d.ui.nav.name != screenResult {
		t.Fatalf("%s screen, want the result", d.ui.nav.name)
	}
	res := d.ui.session.Result()
	d.expectHeadline(res, "discuss_ketamine")
	d.key(fyne.KeyBackspace) // nothing to go back to from a result
	if d.ui.nav.name != screenResult {
		t.Error("Backspace left the result")
	}
}

func TestBackspaceAndAltLeftGoBack(t *testing.T) {
	d := newDriver(t)
	d.key(fyne.KeyReturn)
	d.digit("yes")
	d.digit("no") // 65 or older
	d.digit("1")
	d.key(fyne.KeyBackspace)
	if d.ui.nav.asking().ID != "phq9_1" {
		t.Fatalf("Backspace goes to %s", d.ui.nav.asking().ID)
	}
	// The test window wraps a software canvas, which holds the shortcuts.
	inner := reflect.ValueOf(d.w.Canvas()).Elem().FieldByName("WindowlessCanvas").Interface()
	sc, ok := inner.(fyne.Shortcutable)
	if !ok {
		t.Fatalf("the test canvas %T takes no shortcuts", inner)
	}
	sc.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt})
	if d.ui.nav.asking().ID != "age_65_plus" {
		t.Errorf("Alt+Left goes to %s, want age_65_plus", d.ui.nav.asking().ID)
	}
}

// TestResultOnScreenMatchesTheHeadlessScorer finishes a path in the GUI and
// checks that the score command gives the same outcome, pathway and flags
// for the same answers, and that the screen shows them.
func TestResultOnScreenMatchesTheHeadlessScorer(t *testing.T) {
	d := newDriver(t)
	answers := with(moderate, map[string]any{"ad_any": "yes", "high_bp": "uncontrolled", "goals": []string{"at_home_ketamine"}, "ride_home": "unsure"})
	d.tap("Start")
	d.answerUntil(answers)
	d.addMedicine("sert", "Sertraline (Zoloft)", "8_plus", "unsure", "yes", "under_25", "skip")
	d.addMedicine("bup", "Bupropion (Wellbutrin)", "unsure", "yes", "yes", "25_49", "yes", "skip")
	d.tap("Continue")
	d.answerUntil(answers)
	d.finish()

	report := headless.Report(questionnaire.NewSessionWith(d.ui.def, d.ui.session.Answers()).Result(), "en")
	if report.Outcome != "provider_review" {
		t.Fatalf("the scorer gives %s for these answers", report.Outcome)
	}
	if !d.sees(d.ui.def.Outcome(report.Outcome).Headline.In("en")) {
		t.Errorf("the screen does not show the scorer's headline %s", report.Outcome)
	}
	d.tab("For your provider")
	for _, f := range d.ui.def.Flags {
		shown := d.sees(f.Text.In("en"))
		if shown != slices.Contains(report.Flags, f.ID) {
			t.Errorf("flag %s: on screen %v, in the scorer's result %v", f.ID, shown, slices.Contains(report.Flags, f.ID))
		}
	}
	d.tab("Your scores")
	if !d.sees("PHQ-9 depression score: 12 (moderate)") {
		t.Errorf("scores tab:\n%s", d.screenText())
	}
}

// TestTabBringsTheFocusedControlIntoView tabs through a long list of
// answers in a small window at 200%: each focused answer must be inside
// the visible part of the page, clear of the "more" cues, before Space can
// answer it.
func TestTabBringsTheFocusedControlIntoView(t *testing.T) {
	d := newSizedDriver(t, fyne.NewSize(800, 600), Options{})
	d.tap("Start")
	d.answerUntil(map[string]any{"interacting_meds": nil})
	largest(d)
	c := d.w.Canvas()
	seen := 0
	for range 40 {
		c.FocusNext()
		b, ok := c.Focused().(*keyButton)
		if !ok {
			continue
		}
		pos, inPage := positionIn(d.ui.page.content, b)
		if !inPage {
			continue // the top bar and the foot are always in view
		}
		seen++
		settle(d.w.Content())
		top, bottom := d.ui.page.visibleRect()
		end := pos.Y + b.Size().Height
		if bottom-top < b.Size().Height {
			end = pos.Y + 1 // taller than the view: its beginning must be in it
		}
		if pos.Y < top-0.5 || end > bottom+0.5 {
			t.Errorf("%q has the focus at %.0f–%.0f, outside the visible %.0f–%.0f", b.Text, pos.Y, pos.Y+b.Size().Height, top, bottom)
		}
	}
	if seen < len(d.ui.def.Item("interacting_meds").Options) {
		t.Fatalf("Tab reached %d answers", seen)
	}
	if d.ui.page.scroll.Offset.Y == 0 {
		t.Error("the page never scrolled: the test proves nothing")
	}
}

// TestTextSizeAndContrastKeepTheFocus: pressing A+, A− or High contrast
// from the keyboard rebuilds the screen but leaves the focus where it was,
// and a focused answer stays focused across a text size change.
func TestTextSizeAndContrastKeepTheFocus(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	c := d.w.Canvas()
	for _, step := range []struct{ press, focused string }{
		{"A+", "A+"}, {"High contrast", "High contrast"}, {"A+", "A+"},
		{"A–", "A–"},
		{"A–", "A+"}, // the smallest size: A– cannot be pressed, the focus goes next to it
	} {
		b := d.button(step.press)
		c.Focus(b)
		b.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		if f, ok := c.Focused().(*keyButton); !ok || f.Text != step.focused {
			t.Errorf("after %s by keyboard the focus is on %v, want %s", step.press, c.Focused(), step.focused)
		}
	}
	c.FocusNext() // the first answer
	first, ok := c.Focused().(*keyButton)
	if !ok {
		t.Fatalf("Tab focuses %T", c.Focused())
	}
	d.ui.setTextSize(+1)
	now, ok := c.Focused().(*keyButton)
	if !ok || now.Text != first.Text {
		t.Errorf("after a larger text the focus is on %v, want the answer %q", c.Focused(), first.Text)
	}
}
