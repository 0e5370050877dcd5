package screens

import (
	"fmt"
	"image/color"
	"math"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// luminance is WCAG 2's relative luminance of a colour.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// contrast is WCAG 2's contrast ratio of two colours.
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func TestContrastRatios(t *testing.T) {
	type pair struct {
		fg, bg fyne.ThemeColorName
		min    float64
		what   string
	}
	highContrast := []pair{
		{theme.ColorNameForeground, theme.ColorNameBackground, 7, "text"},
		{theme.ColorNamePlaceHolder, theme.ColorNameBackground, 7, "placeholder text"},
		{theme.ColorNameForeground, theme.ColorNameButton, 4.5, "button labels (bold 20 px: large text)"},
		{theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary, 7, "text on chosen answers and main buttons"},
		{theme.ColorNameForegroundOnError, theme.ColorNameError, 7, "text on the help button"},
		{theme.ColorNameButton, theme.ColorNameBackground, 3, "buttons against the background"},
		{theme.ColorNamePrimary, theme.ColorNameBackground, 3, "main buttons against the background"},
		{theme.ColorNameError, theme.ColorNameBackground, 3, "the help button against the background"},
		{theme.ColorNameFocus, theme.ColorNameBackground, 3, "the focus outline"},
		{theme.ColorNameInputBorder, theme.ColorNameBackground, 3, "the text field's border"},
		{theme.ColorNameForeground, theme.ColorNameMenuBackground, 4.5, "a menu's items"},
		{theme.ColorNameMenuBackground, theme.ColorNameBackground, 3, "a menu against the page"},
	}
	normal := []pair{
		{theme.ColorNameForeground, theme.ColorNameBackground, 4.5, "text"},
		{theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary, 4.5, "text on main buttons"},
	}
	for _, tc := range []struct {
		name  string
		th    readableTheme
		pairs []pair
	}{
		{"high contrast", readableTheme{Scale: 1, HighContrast: true}, highContrast},
		{"normal", readableTheme{Scale: 1}, normal},
	} {
		for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
			for _, p := range tc.pairs {
				name := fmt.Sprintf("%s/%v/%s", tc.name, map[fyne.ThemeVariant]string{theme.VariantDark: "dark", theme.VariantLight: "light"}[v], p.what)
				if r := contrast(tc.th.Color(p.fg, v), tc.th.Color(p.bg, v)); r < p.min {
					t.Errorf("%s: %.2f:1, want at least %.1f:1", name, r, p.min)
				}
			}
		}
	}
}

func TestTextSizeGoesFrom100To200Percent(t *testing.T) {
	d := newDriver(t)
	size := func() float32 { return fyne.CurrentApp().Settings().Theme().Size(theme.SizeNameText) }
	if size() != 20 || d.hasButton("A–") {
		t.Fatalf("start: %v px, A– enabled %v", size(), d.hasButton("A–"))
	}
	for range 10 {
		if d.hasButton("A+") {
			d.tap("A+")
		}
	}
	if size() != 40 || d.hasButton("A+") {
		t.Errorf("largest: %v px, want 40 (200%%), A+ disabled", size())
	}
	d.tap("A–")
	if size() != 35 {
		t.Errorf("one step down: %v px", size())
	}
}

// TestEveryTargetIsLargeEnough walks every screen and checks that each
// button is at least 48 px tall, large enough for a fingertip.
func TestEveryTargetIsLargeEnough(t *testing.T) {
	for _, s := range screenStates {
		t.Run(s.name, func(t *testing.T) {
			d := newDriver(t)
			s.reach(d)
			for _, o := range d.all() {
				if b, ok := o.(*keyButton); ok && b.Visible() && b.Size().Height < 48 {
					t.Errorf("button %q is %.0f px tall", b.Text, b.Size().Height)
				}
				if b, ok := o.(*widget.Button); ok && b.Visible() && b.Size().Height < 48 {
					t.Errorf("button %q is %.0f px tall", b.Text, b.Size().Height)
				}
			}
		})
	}
}

// TestEveryButtonHasASpokenName checks that screen readers get a meaningful
// name for each button on every screen.
func TestEveryButtonHasASpokenName(t *testing.T) {
	for _, s := range screenStates {
		d := newDriver(t)
		s.reach(d)
		for _, o := range d.all() {
			if a, ok := o.(fyne.Accessible); ok {
				if b, isButton := o.(*keyButton); isButton && b.Visible() {
					// A word ("No" is one); a symbol (A+, Aa) or an icon alone is not.
					label := a.AccessibilityLabel()
					letters := 0
					for _, r := range label {
						if unicode.IsLetter(r) {
							letters++
						}
					}
					if letters < 2 || label == "Aa" {
						t.Errorf("%s: button %q is read as %q", s.name, b.Text, label)
					}
				}
			}
		}
	}
}

// TestFocusRingIsPlainInEveryPalette: the outline of the focused control has
// at least 3:1 against the page in every palette, and in high contrast it
// is not the colour of a chosen answer, a selected tab or a main button.
func TestFocusRingIsPlainInEveryPalette(t *testing.T) {
	for _, hc := range []bool{false, true} {
		th := readableTheme{Scale: 1, HighContrast: hc}
		for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
			name := fmt.Sprintf("high contrast %v, variant %v", hc, v)
			ring := th.Color(colorNameFocusRing, v)
			if r := contrast(ring, th.Color(theme.ColorNameBackground, v)); r < 3 {
				t.Errorf("%s: the focus ring has %.2f:1 against the page, want 3:1", name, r)
			}
			if !hc {
				continue
			}
			for _, other := range []fyne.ThemeColorName{theme.ColorNamePrimary, theme.ColorNameSelection, theme.ColorNameFocus} {
				if contrast(ring, th.Color(other, v)) < 1.5 {
					t.Errorf("%s: the focus ring looks like %s (%.2f:1)", name, other, contrast(ring, th.Color(other, v)))
				}
			}
		}
	}
}

// TestFocusedButtonDrawsItsRing: the ring shows while a button has the
// keyboard focus, and only then.
func TestFocusedButtonDrawsItsRing(t *testing.T) {
	d := newDriver(t)
	b := d.button("Start")
	r := test.WidgetRenderer(b).(*keyButtonRenderer)
	if !r.ring.Hidden {
		t.Fatal("a ring before the button has the focus")
	}
	d.w.Canvas().Focus(b)
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if r.ring.Hidden || r.ring.StrokeWidth < 3 || r.ring.StrokeColor != Theme().Color(colorNameFocusRing, v) {
		t.Errorf("focused: ring hidden %v, %.0f px wide, colour %v", r.ring.Hidden, r.ring.StrokeWidth, r.ring.StrokeColor)
	}
	d.w.Canvas().Unfocus()
	if !r.ring.Hidden {
		t.Error("the ring stays after the focus left")
	}
}

// TestAnswerButtonsShowTheirNumberKey: each answer shows the key that
// chooses it.
func TestAnswerButtonsShowTheirNumberKey(t *testing.T) {
	d := newDriver(t)
	d.tap("Start")
	d.choose("yes")
	for i, o := range d.ui.nav.asking().Options {
		b := d.button(o.Text.In("en"))
		if b.Key != fmt.Sprint(i+1) || test.WidgetRenderer(b).(*keyButtonRenderer).key.Text != b.Key {
			t.Errorf("%q shows the key %q, want %d", b.Text, b.Key, i+1)
		}
	}
}
