package screens

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ketascreen/questionnaire"
)

// BenchmarkAnswerAndRender answers a question through the session and draws
// the next screen in the test driver at 1280×800 (the aim: under
// 16 ms, one frame at 60 Hz).
func BenchmarkAnswerAndRender(b *testing.B) {
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
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		code := []string{"0", "1", "2"}[i%3]
		_ = ui.session.Choose("phq9_1", code)
		ui.showQuestion(def.Item("phq9_2"))
		w.Canvas().Capture()
	}
}
