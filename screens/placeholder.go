// Package screens holds KetaScreen's Fyne user interface, one file per
// screen. Screens render a questionnaire session and report the person's
// actions back to it; they make no clinical decisions of their own.
package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// Placeholder is the window content until the questionnaire screens land:
// what the app is, that it is a screening and not a diagnosis, and the crisis
// resources, which every screen of the app shows.
func Placeholder(def *questionnaire.Definition, lang string) fyne.CanvasObject {
	title := canvas.NewText("KetaScreen", theme.Color(theme.ColorNameForeground))
	title.TextSize = 36
	title.TextStyle = fyne.TextStyle{Bold: true}

	intro := largeLabel("A self-screening checklist to help you talk with a licensed provider about ketamine therapy. The questionnaire screens are not in this version yet.")
	notice := largeLabel(def.Texts["not_a_diagnosis"].In(lang))

	return container.NewPadded(container.NewVBox(
		title,
		intro,
		notice,
		widget.NewSeparator(),
		CrisisStrip(def, lang),
	))
}

// CrisisStrip lists the crisis resources of the definition under its heading.
func CrisisStrip(def *questionnaire.Definition, lang string) fyne.CanvasObject {
	heading := largeLabel(def.Texts["crisis_heading"].In(lang))
	heading.TextStyle = fyne.TextStyle{Bold: true}
	box := container.NewVBox(heading)
	for _, r := range def.Resources {
		box.Add(largeLabel(r.Text.In(lang)))
	}
	return box
}

func largeLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}
