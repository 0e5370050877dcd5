package screens

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// benchUI is the desktop app on its first PHQ-9 screen in a 1280×800 test
// window.
func benchUI(b *testing.B) (*UI, *questionnaire.Definition, fyne.Window) {
	a := test.NewTempApp(b)
	a.Settings().SetTheme(Theme())
	def, err := questionnaire.Default()
	if err != nil {
		b.Fatal(err)
	}
	w := test.NewTempWindow(b, nil)
	w.Resize(fyne.NewSize(1280, 800))
	ui := New(w, def, "en", Options{})
	ui.onStart()
	return ui, def, w
}

// answerNext answers phq9_1 through the session and builds the screen of
// phq9_2, as a tap on an answer does once its confirmation delay is over.
func answerNext(b *testing.B, ui *UI, def *questionnaire.Definition, i int) {
	if err := ui.session.Choose("phq9_1", []string{"0", "1", "2"}[i%3]); err != nil {
		b.Fatal(err)
	}
	ui.nav.enter(questionnaire.Step{Kind: questionnaire.StepQuestion, Item: def.Item("phq9_2")})
}

// BenchmarkAnswerAndRender answers a question through the session and paints
// the next screen in the test driver at 1280×800: the reading of one
// frame. Most of its time is the software paint; see BenchmarkCaptureFloor.
func BenchmarkAnswerAndRender(b *testing.B) {
	ui, def, w := benchUI(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		answerNext(b, ui, def, i)
		w.Canvas().Capture()
	}
}

// BenchmarkAnswerAndLayout does everything the app does for the next screen
// before pixels are drawn: answer, build, lay out, and create every widget's
// renderer (which Fyne's GL driver then paints on the GPU).
func BenchmarkAnswerAndLayout(b *testing.B) {
	ui, def, w := benchUI(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		answerNext(b, ui, def, i)
		renderAll(w.Canvas().Content())
	}
}

// renderAll lays out a tree and makes sure every visible widget has its
// renderer, as a paint would.
func renderAll(o fyne.CanvasObject) {
	if !o.Visible() {
		return
	}
	switch v := o.(type) {
	case *fyne.Container:
		if v.Layout != nil {
			v.Layout.Layout(v.Objects, v.Size())
		}
		for _, child := range v.Objects {
			renderAll(child)
		}
	case fyne.Widget:
		r := test.WidgetRenderer(v)
		r.Layout(v.Size())
		for _, child := range r.Objects() {
			renderAll(child)
		}
	}
}

// BenchmarkCaptureFloor paints a window holding only a label and a button at
// 1280×800 in the test driver: the cost of Fyne's software paint itself,
// which every window of this size pays whatever it shows.
func BenchmarkCaptureFloor(b *testing.B) {
	a := test.NewTempApp(b)
	a.Settings().SetTheme(Theme())
	w := test.NewTempWindow(b, container.NewVBox(widget.NewLabel("Hello"), widget.NewButton("Start", func() {})))
	w.Resize(fyne.NewSize(1280, 800))
	b.ReportAllocs()
	for b.Loop() {
		w.Canvas().Capture()
	}
}

// BenchmarkMedicineList builds the medicine list with 1, 10 and 50 entries,
// each card with its Change and Remove buttons, lays it out and creates
// every renderer: the app's share of showing the list after a change.
func BenchmarkMedicineList(b *testing.B) {
	for _, n := range []int{1, 10, 50} {
		b.Run(fmt.Sprintf("entries=%d", n), func(b *testing.B) {
			ui, def, w := benchUI(b)
			list := def.Item("meds")
			for i := range n {
				e := questionnaire.Entry{"med_name": []string{"sertraline", "bupropion", "escitalopram"}[i%3], "med_weeks": "8_plus", "med_full_dose": "yes", "med_adherence": "yes", "med_improvement": "under_25"}
				if _, err := ui.session.AddEntry(list.ID, e); err != nil {
					b.Fatal(err)
				}
			}
			screen := &listScreen{ui: ui, step: questionnaire.Step{Kind: questionnaire.StepQuestion, Item: list}, focus: -1}
			b.ReportAllocs()
			for b.Loop() {
				ui.nav.show(screen)
				renderAll(w.Canvas().Content())
			}
		})
	}
}
