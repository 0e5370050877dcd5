package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// readableTheme is Fyne's default theme, following the system's light or dark
// setting, with text large enough to read at half a metre on a 1280×800
// screen and roomier controls for unsteady hands. Scale enlarges text and
// spacing (1 to 2); HighContrast swaps in colours with at least 7:1 contrast
// for text and 3:1 for controls.
type readableTheme struct {
	Scale        float32
	HighContrast bool
}

// Text size steps of the A− and A+ buttons.
var textScales = []float32{1, 1.25, 1.5, 1.75, 2}

// colorNameFocusRing is the outline drawn around the control that has the
// keyboard focus. It is kept apart from the primary and selection colours so
// that "focused" never looks like "chosen".
const colorNameFocusRing fyne.ThemeColorName = "ketascreen.focusRing"

// focusRing is the focus outline's colour: at least 3:1 against the
// background in every palette (theme_test.go), and never the colour of a
// chosen answer or a selected tab.
func focusRing(highContrast bool, v fyne.ThemeVariant) color.Color {
	dark := v == theme.VariantDark
	switch {
	case highContrast && dark:
		return color.NRGBA{R: 0xFF, G: 0x40, B: 0xFF, A: 255} // magenta: the chosen colour there is yellow
	case highContrast:
		return color.NRGBA{R: 0xC0, G: 0x00, B: 0x7A, A: 255} // magenta: the chosen colour there is deep blue
	case dark:
		return color.NRGBA{R: 0xFF, G: 0xDD, B: 0x00, A: 255} // yellow beside the blue of chosen answers
	}
	return color.NRGBA{R: 0x0B, G: 0x0C, B: 0x0C, A: 255}
}

func (t readableTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == colorNameFocusRing {
		return focusRing(t.HighContrast, v)
	}
	if t.HighContrast {
		if c, ok := highContrast(n, v); ok {
			return c
		}
	}
	if n == theme.ColorNamePrimary {
		// Fyne's blue gives white labels 4.47:1; this one passes 4.5:1.
		return color.NRGBA{R: 0x1F, G: 0x66, B: 0xE5, A: 255}
	}
	return theme.DefaultTheme().Color(n, v)
}

// highContrast is the high-contrast palette: black and white with a yellow
// (dark) or deep blue (light) accent.
func highContrast(n fyne.ThemeColorName, v fyne.ThemeVariant) (color.Color, bool) {
	dark := v == theme.VariantDark
	pick := func(d, l color.NRGBA) (color.Color, bool) {
		if dark {
			return d, true
		}
		return l, true
	}
	black, white := color.NRGBA{A: 255}, color.NRGBA{R: 255, G: 255, B: 255, A: 255}
	switch n {
	case theme.ColorNameBackground, theme.ColorNameOverlayBackground, theme.ColorNameHeaderBackground:
		return pick(black, white)
	case theme.ColorNameMenuBackground:
		// A menu (a field's Cut, Copy, Paste) has no border: in the page's
		// own black it had no visible edge, and seemed to have no background.
		return highContrast(theme.ColorNameButton, v)
	case theme.ColorNameForeground, theme.ColorNameForegroundOnSuccess, theme.ColorNameForegroundOnWarning:
		return pick(white, black)
	case theme.ColorNameButton:
		// 3:1 or more against the background, and 4.5:1 or more for the
		// buttons' bold 20 px labels (large text).
		return pick(color.NRGBA{R: 0x6B, G: 0x6B, B: 0x6B, A: 255}, color.NRGBA{R: 0x93, G: 0x93, B: 0x93, A: 255})
	case theme.ColorNameInputBackground:
		return pick(black, white)
	case theme.ColorNameDisabledButton:
		return pick(color.NRGBA{R: 0x26, G: 0x26, B: 0x26, A: 255}, color.NRGBA{R: 0xE6, G: 0xE6, B: 0xE6, A: 255})
	case theme.ColorNameInputBorder, theme.ColorNameSeparator, theme.ColorNameDisabled:
		return pick(color.NRGBA{R: 0xB0, G: 0xB0, B: 0xB0, A: 255}, color.NRGBA{R: 0x59, G: 0x59, B: 0x59, A: 255})
	case theme.ColorNamePrimary, theme.ColorNameFocus, theme.ColorNameHyperlink, theme.ColorNameSelection:
		return pick(color.NRGBA{R: 0xFF, G: 0xD7, B: 0x00, A: 255}, color.NRGBA{R: 0x00, G: 0x30, B: 0x87, A: 255})
	case theme.ColorNameForegroundOnPrimary:
		return pick(black, white)
	case theme.ColorNameError:
		return pick(color.NRGBA{R: 0xFF, G: 0x8A, B: 0x80, A: 255}, color.NRGBA{R: 0xA0, G: 0x00, B: 0x00, A: 255})
	case theme.ColorNameForegroundOnError:
		return pick(black, white)
	case theme.ColorNamePlaceHolder:
		return pick(color.NRGBA{R: 0xD0, G: 0xD0, B: 0xD0, A: 255}, color.NRGBA{R: 0x40, G: 0x40, B: 0x40, A: 255})
	}
	return nil, false
}

func (readableTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (readableTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (t readableTheme) Size(n fyne.ThemeSizeName) float32 {
	scale := t.Scale
	if scale < 1 {
		scale = 1
	}
	// Body text doubles at 200%; headings, which are large already, and the
	// space around text grow less, so that large text leaves room for the
	// question and its answers.
	grow := scale - 1
	switch n {
	case theme.SizeNameText:
		return 20 * scale
	case theme.SizeNameSubHeadingText:
		return 26 + 20*grow
	case theme.SizeNameHeadingText:
		return 34 + 24*grow
	case theme.SizeNameCaptionText:
		return 18 * scale
	case theme.SizeNameInnerPadding:
		return 10 + 4*grow
	case theme.SizeNamePadding:
		return 6 + 2*grow
	case theme.SizeNameInlineIcon:
		return 20 * scale
	case theme.SizeNameInputBorder, theme.SizeNameSelectionRadius:
		return 3
	}
	return theme.DefaultTheme().Size(n)
}

// Theme returns the app's theme at normal size and contrast.
func Theme() fyne.Theme { return readableTheme{Scale: 1} }
