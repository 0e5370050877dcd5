package screens

import (
	"fmt"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
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
					label := a.AccessibilityLabel()
					if len([]rune(label)) < 3 {
						t.Errorf("%s: button %q is read as %q", s.name, b.Text, label)
					}
				}
			}
		}
	}
}
