package screens

import (
	"bytes"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func TestButtonIconsAreColouredOncePerColour(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(Theme())
	fg := theme.Color(theme.ColorNameForeground)
	first := colouredIcon(theme.DeleteIcon(), theme.ColorNameForeground, fg)
	again := colouredIcon(theme.DeleteIcon(), theme.ColorNameForeground, fg)
	if first != again {
		t.Error("the same icon in the same colour was coloured twice")
	}
	if _, themed := first.(fyne.ThemedResource); themed {
		t.Error("the cached icon is still a themed resource, which Fyne colours again at every refresh")
	}
	if want := theme.NewColoredResource(theme.DeleteIcon(), theme.ColorNameForeground).Content(); !bytes.Equal(first.Content(), want) {
		t.Error("the cached icon differs from Fyne's own colouring")
	}
	onPrimary := colouredIcon(theme.DeleteIcon(), theme.ColorNameForegroundOnPrimary, theme.Color(theme.ColorNameForegroundOnPrimary))
	if onPrimary == first || onPrimary.Name() == first.Name() {
		t.Errorf("two colours share one icon: %q and %q", onPrimary.Name(), first.Name())
	}

	// In high contrast the same button's icon takes the new colour.
	b := newKeyButton("Remove", widget.MediumImportance, func() {}, nil)
	b.SetIcon(theme.DeleteIcon())
	test.NewTempWindow(t, b)
	r := test.WidgetRenderer(b).(*keyButtonRenderer)
	normal := r.icon.Resource
	a.Settings().SetTheme(readableTheme{Scale: 1, HighContrast: true})
	b.Refresh()
	if r.icon.Resource == normal {
		t.Error("the icon kept its colour after the switch to high contrast")
	}
	want := colouredIcon(theme.DeleteIcon(), theme.ColorNameForeground, theme.Color(theme.ColorNameForeground))
	if r.icon.Resource != want {
		t.Errorf("in high contrast the icon is %q, want %q", r.icon.Resource.Name(), want.Name())
	}
}
