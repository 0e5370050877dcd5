package screens

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// screenStates reach every screen of the app, for golden images and the
// screenshots in docs/screenshots.
var screenStates = []struct {
	name   string
	golden bool
	reach  func(d *driver)
}{
	{"01-welcome", true, func(d *driver) {}},
	{"02-education", false, func(d *driver) { d.tap("About ketamine therapy") }},
	{"03-question", true, func(d *driver) {
		d.tap("Start")
		d.answerUntil(map[string]any{"phq9_2": nil})
	}},
	{"04-multiple-choice", false, func(d *driver) {
		d.tap("Start")
		d.answerUntil(map[string]any{"interacting_meds": nil})
		d.choose("benzodiazepine")
	}},
	{"05-medicines", false, func(d *driver) {
		d.tap("Start")
		d.answerUntil(with(moderate, map[string]any{"ad_any": "yes"}))
		d.addMedicine("sert", "Sertraline (Zoloft)", "8_plus", "yes", "yes", "under_25", "no_benefit")
		d.addMedicine("bup", "Bupropion (Wellbutrin)", "6_7", "unsure", "yes", "25_49", "yes", "skip")
	}},
	{"06-medicine-search", false, func(d *driver) {
		d.tap("Start")
		d.answerUntil(with(moderate, map[string]any{"ad_any": "yes"}))
		d.tap("Add a medicine")
		test.Type(d.w.Canvas().Focused(), "pr")
	}},
	{"07-urgent", false, func(d *driver) {
		d.tap("Start")
		d.answerUntil(map[string]any{"asq_2": "yes"})
	}},
	{"08-crisis", true, func(d *driver) { d.tap("I need help now") }},
	{"09-adult-only", false, func(d *driver) {
		d.tap("Start")
		d.choose("no")
		d.answerUntil(map[string]any{"asq_1": "yes", "asq_5": "no"}) // under 18: the ASQ, positive
		d.tap("Continue the questionnaire")                          // past the urgent screen
	}},
	{"10-review", false, func(d *driver) {
		d.tap("Start")
		d.answerUntil(nil)
	}},
	{"11-result", true, func(d *driver) { reachDiscussResult(d) }},
	{"11-result-200", true, func(d *driver) {
		reachDiscussResult(d)
		largest(d)
	}},
	{"03-question-200-contrast", true, func(d *driver) {
		d.tap("Start")
		d.answerUntil(map[string]any{"interacting_meds": nil})
		largest(d)
		if d.hasButton("High contrast") {
			d.tap("High contrast")
		} else {
			d.ui.toggleContrast() // folded behind "Aa" in a small window
		}
	}},
	{"01-welcome-200", true, func(d *driver) { largest(d) }},
	{"12-result-why", false, func(d *driver) { reachDiscussResult(d); d.tab("Why") }},
	{"13-result-provider", false, func(d *driver) { reachDiscussResult(d); d.tab("For your provider") }},
	{"14-result-scores", false, func(d *driver) { reachDiscussResult(d); d.tab("Your scores") }},
	{"19-start-over-asks", false, func(d *driver) { reachDiscussResult(d); d.tap("Start over") }},
	{"20-display-panel", false, func(d *driver) {
		d.tap("Start")
		largest(d)
		d.ui.showDisplayPanel()
	}},
	{"21-medicine-not-listed", false, func(d *driver) {
		d.tap("Start")
		d.answerUntil(with(moderate, map[string]any{"ad_any": "yes"}))
		d.tap("Add a medicine")
		d.tap("Another antidepressant")
		test.Type(d.w.Canvas().Focused(), "agomelatine")
	}},
}

// largest sets the text to 200% with the A+ button, or in a window too
// small to show it, as Ctrl and + do.
func largest(d *driver) {
	for range textScales[1:] {
		if d.hasButton("A+") {
			d.tap("A+")
		} else {
			d.ui.setTextSize(+1)
		}
	}
}

func reachDiscussResult(d *driver) {
	answers := with(moderate, map[string]any{"ad_any": "yes", "gad7_1": "3", "gad7_2": "3", "gad7_3": "3", "gad7_4": "2", "high_bp": "uncontrolled"})
	d.tap("Start")
	d.answerUntil(answers)
	d.addMedicine("sert", "Sertraline (Zoloft)", "8_plus", "yes", "yes", "under_25", "skip")
	d.addMedicine("bup", "Bupropion (Wellbutrin)", "8_plus", "yes", "yes", "25_49", "yes", "skip")
	d.tap("Continue")
	d.answerUntil(answers)
	d.finish()
}

// TestGoldenImages compares key screens with reviewed images in
// testdata/. After an intended change, copy testdata/failed/*.png over them
// and review the difference.
func TestGoldenImages(t *testing.T) {
	for _, s := range screenStates {
		if !s.golden {
			continue
		}
		t.Run(s.name, func(t *testing.T) {
			d := newDriver(t)
			s.reach(d)
			test.AssertImageMatches(t, s.name+".png", d.w.Canvas().Capture())
		})
	}
}

// kioskStates reach the kiosk's own screens.
var kioskStates = []struct {
	name  string
	reach func(k *kioskDriver)
}{
	{"15-kiosk-attract", func(k *kioskDriver) {}},
	{"16-kiosk-still-there", func(k *kioskDriver) {
		k.begin()
		k.choose("yes")
		k.clock.Advance(95 * time.Second)
	}},
	{"17-kiosk-staff-pin", func(k *kioskDriver) {
		k.holdCorner(3 * time.Second)
		k.tap("1")
		k.tap("2")
	}},
	{"18-kiosk-crisis", func(k *kioskDriver) {
		k.tap("Touch to start")
		k.tap("I need help now")
	}},
}

// TestWriteScreenshots writes every screen to KETASCREEN_SCREENSHOTS (make screenshots).
func TestWriteScreenshots(t *testing.T) {
	dir := os.Getenv("KETASCREEN_SCREENSHOTS")
	if dir == "" {
		t.Skip("set KETASCREEN_SCREENSHOTS to a folder (make screenshots)")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, s := range screenStates {
		d := newDriver(t)
		s.reach(d)
		f, err := os.Create(filepath.Join(dir, s.name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, d.w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	for _, s := range kioskStates {
		k := newKioskDriver(t)
		s.reach(k)
		f, err := os.Create(filepath.Join(dir, s.name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(f, k.w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
}
