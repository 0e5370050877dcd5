package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// visibleTexts collects the text of every label and canvas text in a tree.
func visibleTexts(t *testing.T, o fyne.CanvasObject) []string {
	var out []string
	switch v := o.(type) {
	case *widget.Label:
		out = append(out, v.Text)
	case *canvas.Text:
		out = append(out, v.Text)
	case fyne.Widget:
		for _, child := range test.TempWidgetRenderer(t, v).Objects() {
			out = append(out, visibleTexts(t, child)...)
		}
	case *fyne.Container:
		for _, child := range v.Objects {
			out = append(out, visibleTexts(t, child)...)
		}
	}
	return out
}

func TestPlaceholderShowsCrisisResourcesAndNotADiagnosis(t *testing.T) {
	test.NewTempApp(t)
	def, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, Placeholder(def, "en"))
	w.Resize(fyne.NewSize(1024, 700))
	all := strings.Join(visibleTexts(t, w.Content()), "\n")
	for _, want := range []string{"call or text 988", "text HOME to 741741", "call 911", "This is a screening, not a diagnosis"} {
		if !strings.Contains(all, want) {
			t.Errorf("the window does not show %q; it shows:\n%s", want, all)
		}
	}
}
