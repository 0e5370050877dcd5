package screens

import (
	"fmt"
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// colouredIcons holds each theme icon drawn in each colour a button has
// asked for, so that Fyne recolours an icon's SVG once per colour rather than
// for every button at every refresh: a medicine list of 50 cards has 100
// Change and Remove buttons (docs/benchmarks.md). It grows only with the
// number of icons times the colours of the two themes.
var colouredIcons sync.Map // iconKey → fyne.Resource

type iconKey struct {
	name string
	c    color.NRGBA
}

// colouredIcon returns src drawn in the theme colour name, which in the app's
// theme is c. The result is a plain SVG resource whose name carries the
// colour, so Fyne's raster cache (keyed by name and size) shares it between
// buttons too. A resource that is not a theme icon, or a colour the app's
// theme does not give that name (a theme override), is passed through
// for Fyne to colour as before.
func colouredIcon(src fyne.Resource, name fyne.ThemeColorName, c color.Color) fyne.Resource {
	if _, themed := src.(fyne.ThemedResource); !themed {
		return src
	}
	want := color.NRGBAModel.Convert(c).(color.NRGBA)
	if color.NRGBAModel.Convert(theme.Color(name)).(color.NRGBA) != want {
		return theme.NewColoredResource(src, name)
	}
	key := iconKey{src.Name(), want}
	if res, ok := colouredIcons.Load(key); ok {
		return res.(fyne.Resource)
	}
	content := theme.NewColoredResource(src, name).Content()
	res := fyne.NewStaticResource(fmt.Sprintf("%02x%02x%02x%02x-%s", want.R, want.G, want.B, want.A, src.Name()), content)
	actual, _ := colouredIcons.LoadOrStore(key, res)
	return actual.(fyne.Resource)
}
