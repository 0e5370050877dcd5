package screens

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"
)

// countingPrinter counts how often the app looks for it and prints.
type countingPrinter struct {
	mu              sync.Mutex
	looked, printed int
}

func (p *countingPrinter) Available() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.looked++
	return true
}

func (p *countingPrinter) Print([]byte) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.printed++
	return nil
}

// redrawMany draws the screen shown again and again, as a person changing
// the language, the text size and the contrast would, and checks that the
// screen stays the same one.
func (d *driver) redrawMany() {
	d.t.Helper()
	name := d.ui.nav.name
	for i := range 12 {
		switch i % 4 {
		case 0:
			d.ui.nextLanguage()
		case 1:
			d.ui.setTextSize(+1)
		case 2:
			d.ui.toggleContrast()
		case 3:
			d.ui.setTextSize(-1)
		}
		if d.ui.nav.name != name {
			d.t.Fatalf("redraw %d left the %s screen for %s", i+1, name, d.ui.nav.name)
		}
	}
	d.ui.setLanguage("en")
	d.ui.resetAccess()
}

// TestDrawingHasNoSideEffects: every screen drawn many times (languages,
// text sizes, contrast) sends each staff alert once, saves the kiosk's
// record once (at the urgent screen, replaced at the result) and prints
// nothing; the next person gets their own.
func TestDrawingHasNoSideEffects(t *testing.T) {
	k := newKioskDriver(t)
	dir := t.TempDir()
	k.keepRecords(dir)
	k.ui.kiosk.opts.Config.Printer = "front-desk"
	printer := &countingPrinter{}
	k.ui.opts.Printer = printer
	records := func() int {
		files, _ := filepath.Glob(filepath.Join(dir, "*.age"))
		return len(files)
	}

	k.redrawMany() // the attract screen
	k.tap("Touch to start")
	k.redrawMany() // the welcome
	k.tap("Start")
	k.redrawMany() // a question
	k.answerUntil(map[string]any{"asq_2": "yes", "lethal_means": "no"})
	if k.ui.nav.name != screenUrgent {
		t.Fatalf("expected the urgent screen, on %s", k.ui.nav.name)
	}
	k.redrawMany()
	if got := k.alerts.kinds(); got != "urgent" {
		t.Fatalf("alerts after drawing the urgent screen again and again: %q, want one urgent", got)
	}
	k.tap("Continue the questionnaire")
	reachResultFromHere(k.driver)
	k.redrawMany()
	for _, tab := range []string{"Why", "For your provider", "Your scores", "Kinds of treatment", "What to do next"} {
		k.tab(tab)
	}
	k.redrawMany()
	if n := records(); n != 2 {
		t.Fatalf("%d record files after drawing the result again and again, want 2 (the PDF and the FHIR, once)", n)
	}
	if printer.printed != 0 {
		t.Fatalf("drawing printed %d times", printer.printed)
	}
	k.tap("I need help now")
	k.redrawMany()
	k.tap("I need help now")
	if got := k.alerts.kinds(); got != "urgent,crisis" {
		t.Fatalf("alerts after drawing the crisis screen again and again: %q", got)
	}
	k.tap("Back to start")

	// The next person: their own alert and record, once each.
	k.begin()
	k.tap("I need help now")
	k.redrawMany()
	if got := k.alerts.kinds(); got != "urgent,crisis,crisis" {
		t.Fatalf("the next person's alerts: %q", got)
	}
	// The crisis screen saves the person's record at once, for the front
	// desk, once however often it is drawn: a record of their own.
	if n := records(); n != 4 {
		t.Fatalf("%d record files after the next person's crisis screen, want 4 (2 of each person)", n)
	}
}

// TestTheDesktopLooksForAPrinterOncePerResult: lpstat runs when the result
// is reached, not each time it is drawn.
func TestTheDesktopLooksForAPrinterOncePerResult(t *testing.T) {
	d := newDriver(t)
	printer := &countingPrinter{}
	d.ui.opts.Printer = printer
	reachDiscussResult(d)
	d.redrawMany()
	d.tab("Your scores")
	if printer.looked != 1 || printer.printed != 0 || !d.hasButton("Print") {
		t.Fatalf("looked for the printer %d times and printed %d; Print shown %v", printer.looked, printer.printed, d.hasButton("Print"))
	}
	d.tap("Print")
	if printer.printed != 1 || !strings.Contains(d.screenText(), "sent to the printer") {
		t.Fatalf("printed %d times:\n%s", printer.printed, d.screenText())
	}
}

// reachResultFromHere answers calmly whatever is left and goes to the result.
func reachResultFromHere(d *driver) {
	d.t.Helper()
	d.answerUntil(nil)
	if d.ui.nav.name == screenMedications {
		d.tap("Continue")
		d.answerUntil(nil)
	}
	d.finish()
}

// TestEveryOtherScreenDrawsAgainAsItWas: the screens the kiosk test above
// does not reach (the education page, the medicine list, its search and its
// questions, the review, the adults-only screen) drawn again and again stay
// where they were, with nothing lost, and the young person's urgent alert is
// sent once.
func TestEveryOtherScreenDrawsAgainAsItWas(t *testing.T) {
	d := newDriver(t)
	d.tap("About ketamine therapy")
	d.redrawMany()
	d.tap("Back")
	d.tap("Start")
	d.answerUntil(with(moderate, map[string]any{"ad_any": "yes"}))
	d.redrawMany() // the medicine list, empty
	d.tap("Add a medicine")
	d.redrawMany() // the search
	test.Type(d.w.Canvas().Focused(), "sert")
	d.tap("Sertraline (Zoloft)")
	d.redrawMany() // the first of its questions
	for _, code := range []string{"8_plus", "yes", "yes", "under_25"} {
		d.choose(code)
	}
	d.tap("Skip this question")
	d.redrawMany() // the cards
	if got := len(d.ui.session.Entries("meds")); got != 1 {
		t.Fatalf("%d medicines after drawing the list again and again, want 1", got)
	}
	d.tap("Continue")
	d.answerUntil(moderate)
	d.redrawMany() // the review
	if !d.ui.session.Complete() {
		t.Fatal("drawing the review again lost an answer")
	}
	d.finish()

	k := newKioskDriver(t)
	k.begin()
	k.answerUntil(map[string]any{"age_18_plus": "no", "asq_1": "yes"})
	if k.ui.nav.name != screenUrgent {
		t.Fatalf("a young person with a positive ASQ: the %s screen, want urgent first", k.ui.nav.name)
	}
	k.tap("Continue the questionnaire")
	k.redrawMany() // the adults-only screen
	if k.ui.nav.name != screenEnded || k.alerts.kinds() != "urgent" {
		t.Fatalf("the %s screen, alerts %q: want the adults-only screen and one urgent alert", k.ui.nav.name, k.alerts.kinds())
	}
}
