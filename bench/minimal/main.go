// Command minimal is the floor that `make bench` compares KetaScreen with:
// the smallest Fyne program of the same kind, one window with one label and
// one button, at the size of KetaScreen's desktop window on the bench's
// 1280×800 screen (1280×800 made to fit it: 1264×728).
package main

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("org.ketascreen.bench.minimal")
	w := a.NewWindow("Minimal")
	label := widget.NewLabel("Hello")
	w.SetContent(container.NewVBox(label, widget.NewButton("Start", func() {
		// Each tap changes the label, so the bench can time taps to frames.
		if label.Text == "Hello" {
			label.SetText("Started")
		} else {
			label.SetText("Hello")
		}
	})))
	w.Resize(fyne.NewSize(1264, 728))
	w.ShowAndRun()
}
