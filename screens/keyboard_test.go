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
	i := slices.IndexFunc(d.ui.asking.Options, func(o *questionnaire.Option) bool { return o.Code == code })
	if i < 0 || i > 8 {
		d.t.Fatalf("%s: no number key for %q", d.ui.asking.ID, code)
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
	test.FocusNext(d.w.Canvas())
	focused, ok := d.w.Canvas().Focused().(*keyButton)
	if !ok || focused.Text != "Yes" {
		t.Fatalf("Tab focuses %v, want the first answer, Yes", d.w.Canvas().Focused())
	}
	d.key(fyne.KeySpace)
	d.keyboardAnswers(answers)
	if d.ui.screen != screenMedications {
		t.Fatalf("%s screen, want the medicines", d.ui.screen)
	}
	for _, med := range []struct{ search, weeks, improvement string }{{"zoloft", "8_plus", "under_25"}, {"wellb", "6_7", "25_49"}} {
		d.key(fyne.Key1) // add a medicine
		test.Type(d.w.Canvas().Focused().(fyne.Focusable), med.search)
		d.key(fyne.KeyReturn) // the only match
		d.digit(med.weeks)
		d.digit("yes")
		d.digit(med.improvement)
		d.key(fyne.KeyReturn) // skip the optional reason
		if d.ui.screen != screenMedications {
			t.Fatalf("after a medicine by keyboard: %s screen", d.ui.screen)
		}
	}
	d.key(fyne.KeyReturn) // continue
	d.keyboardAnswers(answers)
	d.key(fyne.KeyReturn) // review: see the result
	if d.ui.screen != screenResult {
		t.Fatalf("%s screen, want the result", d.ui.screen)
	}
	res := d.ui.session.Result()
	d.expectHeadline(res, "discuss_ketamine")
	d.key(fyne.KeyBackspace) // nothing to go back to from a result
	if d.ui.screen != screenResult {
		t.Error("Backspace left the result")
	}
}

func TestBackspaceAndAltLeftGoBack(t *testing.T) {
	d := newDriver(t)
	d.key(fyne.KeyReturn)
	d.digit("yes")
	d.digit("1")
	d.key(fyne.KeyBackspace)
	if d.ui.asking.ID != "phq9_1" {
		t.Fatalf("Backspace goes to %s", d.ui.asking.ID)
	}
	// The test window wraps a software canvas, which holds the shortcuts.
	inner := reflect.ValueOf(d.w.Canvas()).Elem().FieldByName("WindowlessCanvas").Interface()
	sc, ok := inner.(fyne.Shortcutable)
	if !ok {
		t.Fatalf("the test canvas %T takes no shortcuts", inner)
	}
	sc.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt})
	if d.ui.asking.ID != "age_18_plus" {
		t.Errorf("Alt+Left goes to %s, want age_18_plus", d.ui.asking.ID)
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
	d.addMedicine("sert", "Sertraline (Zoloft)", "8_plus", "unsure", "under_25", "skip")
	d.addMedicine("bup", "Bupropion (Wellbutrin)", "unsure", "yes", "25_49", "skip")
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
