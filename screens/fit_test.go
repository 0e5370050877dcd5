package screens

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// settle lays out every container and widget again, top down, a few times,
// as the real window does each frame until every wrapped text has the
// height its width gives it (Fyne's test canvas lays out only once).
func settle(o fyne.CanvasObject) {
	for range 4 {
		renderAll(o)
	}
}

// placed is an object with its place in the window.
type placed struct {
	obj      fyne.CanvasObject
	pos      fyne.Position
	scrolled bool // inside a scroller, so it may be out of view vertically
}

// placeAll lists every visible object with its position in the window.
func placeAll(o fyne.CanvasObject, at fyne.Position, scrolled bool, out *[]placed) {
	if o == nil || !o.Visible() {
		return
	}
	pos := at.Add(o.Position())
	*out = append(*out, placed{o, pos, scrolled})
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			placeAll(c, pos, scrolled, out)
		}
	case *container.Scroll:
		placeAll(v.Content, pos, true, out)
	case *keyButton, *widget.Label:
		// drawn parts only
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			placeAll(c, pos, scrolled, out)
		}
	}
}

// checkFits checks what the real window shows for a screen: nothing asks
// for a window larger than this one (which would grow it past the screen),
// nothing reaches past its sides, nothing sits below its foot but in a
// scroller, no button or text is squeezed below its smallest width (which
// clips it), the help button is whole, and a scroller with more below it
// says so.
func checkFits(t *testing.T, d *driver, what string) {
	t.Helper()
	win := d.w.Canvas().Size()
	settle(d.w.Content())
	if m := d.w.Content().MinSize(); m.Width > win.Width+0.5 || m.Height > win.Height+0.5 {
		t.Errorf("%s: the screen needs %.0f×%.0f, more than the %.0f×%.0f window", what, m.Width, m.Height, win.Width, win.Height)
	}
	var all []placed
	placeAll(d.w.Content(), fyne.Position{}, false, &all)
	for _, o := range d.w.Canvas().Overlays().List() { // dialogs and panels
		settle(o)
		placeAll(o, fyne.Position{}, false, &all)
	}
	for _, p := range all {
		checkPlaced(t, p, win, what)
	}
	if d.ui.kiosk != nil && (d.ui.kiosk.overlay != nil || d.ui.keysOverride != nil) {
		return // the kiosk's countdown (a touch anywhere ends it) or the staff PIN pad
	}
	checkHelpWhole(t, d, all, win, what)
	if p := d.ui.page; p != nil {
		content, view := p.scroll.Content.Size().Height, p.scroll.Size().Height
		if content-p.scroll.Offset.Y-view > 2 && !p.below.Visible() {
			t.Errorf("%s: %.0f of the page is below the fold with no cue", what, content-p.scroll.Offset.Y-view)
		}
	}
}

// checkPlaced: an object is within the window's sides, above its foot unless
// it scrolls, and no button or text is squeezed below what its words need.
func checkPlaced(t *testing.T, p placed, win fyne.Size, what string) {
	t.Helper()
	size := p.obj.Size()
	if size.Width <= 0 || size.Height <= 0 {
		return
	}
	name := describe(p.obj)
	if p.pos.X < -0.5 || p.pos.X+size.Width > win.Width+0.5 {
		t.Errorf("%s: %s reaches from x=%.0f to %.0f, beyond the %.0f wide window", what, name, p.pos.X, p.pos.X+size.Width, win.Width)
	}
	if !p.scrolled && p.pos.Y+size.Height > win.Height+0.5 {
		t.Errorf("%s: %s ends at y=%.0f, below the %.0f high window", what, name, p.pos.Y+size.Height, win.Height)
	}
	switch v := p.obj.(type) {
	case *keyButton, *widget.Label:
		if m := v.MinSize(); size.Width+0.5 < m.Width || size.Height+0.5 < m.Height {
			t.Errorf("%s: %s is %.0f×%.0f, smaller than the %.0f×%.0f its text needs", what, name, size.Width, size.Height, m.Width, m.Height)
		}
	}
}

// checkHelpWhole: the help button (a dialog's own, when one is open) is
// whole in the window.
func checkHelpWhole(t *testing.T, d *driver, all []placed, win fyne.Size, what string) {
	t.Helper()
	var help *keyButton = d.ui.help
	if overlays := d.w.Canvas().Overlays().List(); len(overlays) > 0 {
		help = nil // a dialog is open: it has a help button of its own
		for _, p := range all {
			if b, ok := p.obj.(*keyButton); ok && b.Importance == widget.DangerImportance && b.Icon == theme.WarningIcon() && p.obj != d.ui.help {
				help = b
			}
		}
		if help == nil {
			t.Errorf("%s: a dialog covers the screen without a help button", what)
			return
		}
	}
	hp, found := placedAt(all, help)
	if !found || hp.pos.X < 0 || hp.pos.Y < 0 || hp.pos.X+help.Size().Width > win.Width+0.5 || hp.pos.Y+help.Size().Height > win.Height+0.5 {
		t.Errorf("%s: the help button is not whole in the window (at %v, %v)", what, hp.pos, help.Size())
	}
}

func placedAt(all []placed, o fyne.CanvasObject) (placed, bool) {
	for _, p := range all {
		if p.obj == o {
			return p, true
		}
	}
	return placed{}, false
}

func describe(o fyne.CanvasObject) string {
	switch v := o.(type) {
	case *keyButton:
		return fmt.Sprintf("the button %q", v.AccessibilityLabel())
	case *widget.Label:
		return fmt.Sprintf("the text %.40q", v.Text)
	}
	return fmt.Sprintf("a %T", o)
}

// TestEveryScreenFitsItsWindow reaches every screen and checks it (see
// checkFits) in a 1280×800 and an 800×600 window, at 100%, 150% and 200%
// text, in English and Spanish, and at 200% in high contrast.
//
// It checks some 300 screens, which takes a minute; with the race detector
// it would take six, so it runs in make test's pass without it (make soak),
// like the soak test.
func TestEveryScreenFitsItsWindow(t *testing.T) {
	if raceDetector {
		t.Skip("run without -race by make soak")
	}
	type look struct {
		scale    float32
		lang     string
		contrast bool
	}
	looks := []look{{1, "en", false}, {1, "es", false}, {1.5, "en", false}, {1.5, "es", false}, {2, "en", false}, {2, "es", false}, {2, "es", true}}
	for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 800, Height: 600}} {
		for _, s := range screenStates {
			for _, lk := range looks {
				name := fmt.Sprintf("%s/%.0fx%.0f/%.0f%%-%s", s.name, size.Width, size.Height, lk.scale*100, lk.lang)
				if lk.contrast {
					name += "-contrast"
				}
				t.Run(name, func(t *testing.T) {
					d := newSizedDriver(t, size, Options{})
					s.reach(d)
					d.ui.scale, d.ui.highContrast = lk.scale, lk.contrast
					d.ui.applyTheme()
					d.ui.setLanguage(lk.lang)
					checkFits(t, d, name)
				})
			}
		}
		for _, s := range kioskStates {
			for _, lk := range []look{{1, "en", false}, {2, "es", true}} {
				name := fmt.Sprintf("%s/%.0fx%.0f/%.0f%%-%s", s.name, size.Width, size.Height, lk.scale*100, lk.lang)
				t.Run(name, func(t *testing.T) {
					k := newSizedKioskDriver(t, size)
					s.reach(k)
					k.ui.scale, k.ui.highContrast = lk.scale, lk.contrast
					k.ui.applyTheme()
					k.ui.setLanguage(lk.lang)
					checkFits(t, k.driver, name)
				})
			}
		}
	}
}

// TestEveryPHQ9AnswerIsInView: on each PHQ-9 item, all four answers are in
// view at once, with no scrolling, in a 1280×800 and an 800×600 window at
// 100%: an answer out of view is one a person may never consider.
func TestEveryPHQ9AnswerIsInView(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 800, Height: 600}} {
		for _, lang := range []string{"en", "es"} {
			d := newSizedDriver(t, size, Options{})
			d.ui.setLanguage(lang)
			d.key(fyne.KeyReturn)
			d.digit("yes")
			for d.ui.nav.asking() != nil && d.ui.nav.asking().Instrument != nil && d.ui.nav.asking().Instrument.ID == "phq9" {
				settle(d.w.Content())
				top, bottom := d.ui.page.visibleRect()
				for _, b := range d.ui.page.answerButtons() {
					pos, _ := positionIn(d.ui.page.content, b)
					if pos.Y < top-0.5 || pos.Y+b.Size().Height > bottom+0.5 {
						t.Errorf("%.0fx%.0f %s, %s: %q is out of view (%.0f–%.0f, visible %.0f–%.0f)", size.Width, size.Height, lang, d.ui.nav.asking().ID, b.Text, pos.Y, pos.Y+b.Size().Height, top, bottom)
					}
				}
				d.digit("0")
			}
		}
	}
}

// answerButtons lists the buttons with a number key on the page.
func (p *page) answerButtons() []*keyButton {
	var out []*keyButton
	for _, o := range focusables(p.content) {
		if b, ok := o.(*keyButton); ok && b.Key != "" {
			out = append(out, b)
		}
	}
	return out
}
