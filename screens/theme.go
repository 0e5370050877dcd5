package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// readableTheme is Fyne's default theme, following the system's light or dark
// setting, with text large enough to read at half a metre on a 1280×800
// screen and roomier controls for unsteady hands.
type readableTheme struct{}

func (readableTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return theme.DefaultTheme().Color(n, v)
}

func (readableTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (readableTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (readableTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 20
	case theme.SizeNameSubHeadingText:
		return 26
	case theme.SizeNameHeadingText:
		return 34
	case theme.SizeNameCaptionText:
		return 18
	case theme.SizeNameInnerPadding:
		return 10
	case theme.SizeNamePadding:
		return 6
	case theme.SizeNameInputBorder, theme.SizeNameSelectionRadius:
		return 3
	}
	return theme.DefaultTheme().Size(n)
}

// Theme returns the app's theme.
func Theme() fyne.Theme { return readableTheme{} }
