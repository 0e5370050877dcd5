package screens

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"

	"ketascreen/internal/testanswers"
)

// driver drives the UI through Fyne's test window as a person would: by
// tapping what is on screen and typing keys.
type driver struct {
	t  *testing.T
	ui *UI
	w  fyne.Window
	// script, when set, records every tap and key for replay in a real
	// window (see TestWriteKioskScript).
	script *[]scriptStep
}

func newDriver(t *testing.T) *driver {
	t.Helper()
	return newDriverWith(t, Options{})
}

// newDriverWith starts the app with options in a 1280×800 test window.
func newDriverWith(t *testing.T, opts Options) *driver {
	t.Helper()
	return newSizedDriver(t, fyne.NewSize(1280, 800), opts)
}

// newSizedDriver starts the app with options in a test window of a size.
func newSizedDriver(t *testing.T, size fyne.Size, opts Options) *driver {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(Theme())
	def, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, nil)
	w.Resize(size)
	if opts.Background == nil {
		opts.Background = func(work func()) { work() } // printing and printer checks at once
	}
	ui := New(w, def, "en", opts)
	return &driver{t: t, ui: ui, w: w}
}

// objects lists every visible object on screen.
func objects(o fyne.CanvasObject) []fyne.CanvasObject {
	if o == nil || !o.Visible() {
		return nil
	}
	out := []fyne.CanvasObject{o}
	switch v := o.(type) {
	case *keyButton, *moreCue, *widget.Label:
		// their texts are their own fields; the drawn lines would repeat them
	case *fyne.Container:
		for _, c := range v.Objects {
			out = append(out, objects(c)...)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			out = append(out, objects(c)...)
		}
	}
	return out
}

// all lists every visible object: the screen and any overlay on it.
func (d *driver) all() []fyne.CanvasObject {
	out := objects(d.w.Content())
	for _, o := range d.w.Canvas().Overlays().List() {
		out = append(out, objects(o)...)
	}
	return out
}

// texts is everything a person can read on screen, one string per label,
// button or text.
func (d *driver) texts() []string {
	var out []string
	for _, o := range d.all() {
		switch v := o.(type) {
		case *widget.Label:
			out = append(out, v.Text)
		case *widget.Button:
			out = append(out, v.Text)
		case *keyButton:
			out = append(out, unwrap(v.Text))
		case *canvas.Text:
			out = append(out, v.Text)
		}
	}
	return out
}

func (d *driver) screenText() string { return strings.Join(d.texts(), "\n") }

func (d *driver) sees(want string) bool { return strings.Contains(d.screenText(), want) }

// button finds a visible, enabled button by its text.
func (d *driver) button(text string) *keyButton {
	d.t.Helper()
	// An open overlay is on top of the screen and takes the touch: look there first.
	overlays := d.w.Canvas().Overlays().List()
	var layers []fyne.CanvasObject
	for i := len(overlays) - 1; i >= 0; i-- {
		layers = append(layers, overlays[i])
	}
	for _, layer := range append(layers, d.w.Content()) {
		for _, o := range objects(layer) {
			if b, ok := o.(*keyButton); ok && named(b, text) && !b.Disabled() {
				return b
			}
		}
		if len(layers) > 0 {
			break // under an overlay, the screen cannot be touched
		}
	}
	d.t.Fatalf("no enabled button %q on the %s screen; it shows:\n%s", text, d.ui.nav.name, d.screenText())
	return nil
}

// unwrap reads a text as one line.
func unwrap(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// named tells whether a button shows a text or, when it shows an icon
// only, is read out as it by a screen reader.
func named(b *keyButton, text string) bool {
	return unwrap(b.Text) == text || b.Text == "" && b.AccessibilityLabel() == text
}

func (d *driver) hasButton(text string) bool {
	for _, o := range d.all() {
		if b, ok := o.(*keyButton); ok && named(b, text) && !b.Disabled() {
			return true
		}
	}
	return false
}

func (d *driver) tap(text string) {
	d.t.Helper()
	b := d.button(text)
	if d.script != nil {
		d.recordTap(b, text)
	}
	test.Tap(b)
	d.recorded()
}

// tab opens a result tab by its title, with the number key it shows.
func (d *driver) tab(title string) {
	d.t.Helper()
	for _, o := range objects(d.w.Content()) {
		if b, ok := o.(*keyButton); ok && b.Text == title && b.Key != "" {
			d.key(fyne.KeyName(b.Key))
			return
		}
	}
	d.t.Fatalf("no tab %q on the %s screen:\n%s", title, d.ui.nav.name, d.screenText())
}

// choose taps the answer with the given code on the current question.
func (d *driver) choose(code string) {
	d.t.Helper()
	if d.ui.nav.name != screenQuestion || d.ui.nav.asking() == nil {
		d.t.Fatalf("expected a question, on the %s screen:\n%s", d.ui.nav.name, d.screenText())
	}
	o := d.ui.nav.asking().Option(code)
	if o == nil {
		d.t.Fatalf("question %s has no answer %q", d.ui.nav.asking().ID, code)
	}
	d.tap(o.Text.In("en"))
}

// key sends a key as the real driver does: to the focused object if there
// is one, otherwise to the canvas.
func (d *driver) key(name fyne.KeyName) {
	c := d.w.Canvas()
	ev := &fyne.KeyEvent{Name: name}
	if d.script != nil {
		*d.script = append(*d.script, scriptStep{Key: string(name), Answer: d.answering("", name)})
	}
	defer d.recorded()
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// calm holds answers that raise nothing, for questions a test does not
// name (internal/testanswers).
var calm = testanswers.CalmAdult()

func calmAnswer(it *questionnaire.Item) any {
	if a, ok := calm[it.ID]; ok {
		return a
	}
	if it.Option("0") != nil {
		return "0"
	}
	return "no"
}

// answerUntil answers each question shown, from answers or else calmly, until
// a screen other than a question shows (medicines, urgent, review, crisis …)
// or a question whose answer is given as nil.
func (d *driver) answerUntil(answers map[string]any) {
	d.t.Helper()
	d.answerQuestions(answers, d.choose, func() { d.tap("Continue") })
}

// answerQuestions is the loop of answerUntil and keyboardAnswers: choose
// gives one answer, next continues after a multiple choice.
func (d *driver) answerQuestions(answers map[string]any, choose func(code string), next func()) {
	d.t.Helper()
	for range 200 {
		if d.ui.nav.name != screenQuestion || d.ui.nav.asking() == nil || d.ui.nav.current() == nil || d.ui.nav.current().Type == questionnaire.List {
			return
		}
		it := d.ui.nav.asking()
		a, ok := answers[it.ID]
		if !ok {
			a = calmAnswer(it)
		}
		switch v := a.(type) {
		case nil:
			return // the test takes over at this question
		case string:
			choose(v)
		case []string:
			for _, code := range v {
				choose(code)
			}
			next()
		}
	}
	d.t.Fatal("the questions never end")
}

// addMedicine adds one medicine through the search list and its questions.
func (d *driver) addMedicine(search, pick string, fields ...string) {
	d.t.Helper()
	if d.hasButton("Add a medicine") {
		d.tap("Add a medicine")
	} else {
		d.tap("Add another medicine")
	}
	entry, ok := d.w.Canvas().Focused().(*keyEntry)
	if !ok {
		d.t.Fatal("the search field does not have focus on the medicine list")
	}
	test.Type(entry, search)
	d.tap(pick)
	for _, code := range fields {
		if code == "skip" {
			d.tap("Skip this question")
			continue
		}
		d.choose(code)
	}
	if d.ui.nav.name != screenMedications {
		d.t.Fatalf("after the medicine's questions: %s screen", d.ui.nav.name)
	}
}

// finish goes from the review to the result.
func (d *driver) finish() *questionnaire.Result {
	d.t.Helper()
	if d.ui.nav.name != screenReview {
		d.t.Fatalf("expected the review, on the %s screen:\n%s", d.ui.nav.name, d.screenText())
	}
	d.tap("See my result")
	if d.ui.nav.name != screenResult {
		d.t.Fatalf("expected the result, on the %s screen:\n%s", d.ui.nav.name, d.screenText())
	}
	return d.ui.session.Result()
}

func (d *driver) expectHeadline(res *questionnaire.Result, outcome string) {
	d.t.Helper()
	if res.OutcomeID() != outcome {
		d.t.Errorf("outcome %s, want %s", res.OutcomeID(), outcome)
	}
	if o := d.ui.def.Outcome(outcome); o == nil || !d.sees(o.Headline.In("en")) {
		d.t.Errorf("the %s headline is not on screen:\n%s", outcome, d.screenText())
	}
}

func (d *driver) expectFlags(res *questionnaire.Result, flags ...string) {
	d.t.Helper()
	slices.Sort(flags)
	if got := res.FlagIDs(); !slices.Equal(got, flags) {
		d.t.Errorf("flags %v, want %v", got, flags)
	}
}

// tapDialog taps a button of a dialog (OK, Cancel) on top of the screen.
func (d *driver) tapDialog(text string) {
	d.t.Helper()
	for _, o := range d.w.Canvas().Overlays().List() {
		for _, x := range objects(o) {
			switch b := x.(type) {
			case *widget.Button:
				if b.Text == text {
					test.Tap(b)
					return
				}
			case *keyButton:
				if b.Text == text {
					test.Tap(b)
					return
				}
			}
		}
	}
	d.t.Fatalf("no dialog button %q; on screen:\n%s", text, d.screenText())
}

// asking is the item or list field the screen shown asks, if any.
func (n *navigator) asking() *questionnaire.Item {
	switch s := n.screen.(type) {
	case *questionScreen:
		return s.step.Item
	case *entryFieldScreen:
		return s.list.step.Item.Fields[s.field]
	}
	return nil
}
