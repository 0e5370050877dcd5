package screens

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// questionView is one question on the screen: an item, or a field of a
// medicine entry. It knows how to draw itself; what an answer does is given
// by its handlers.
type questionView struct {
	ui       *UI
	item     *questionnaire.Item
	stem     string
	selected []string // codes chosen so far
	buttons  []*keyButton
	cont     *keyButton
	// siblings are the questions asked with the same answers around this one
	// (the nine PHQ-9 items): the question area is as tall as the tallest of
	// them, so the answers stay in the same place from one to the next and a
	// second tap where the first one was lands on the same answer.
	siblings []*questionnaire.Item
	// typed is a text field's words; entry is its field on screen.
	typed string
	entry *keyEntry

	onChoose   func(code string) // single choice: the answer is chosen
	onToggle   func(codes []string)
	onType     func(text string) // a text field changed
	onContinue func()            // multi choice, or keeping an earlier answer
	onBack     func()
	onSkip     func() // optional questions
}

// questionScreen asks an item of the flow.
type questionScreen struct {
	ui   *UI
	step questionnaire.Step
}

func (s *questionScreen) draw() drawn {
	ui, it := s.ui, s.step.Item
	q := &questionView{ui: ui, item: it, onBack: s.onBack, siblings: sameAnswersAround(it)}
	q.stem = it.Stem().In(ui.lang)
	if a, ok := ui.session.Answer(it.ID); ok {
		q.selected = append(slices.Clone(a.Codes), a.Code)
	}
	if it.Type == questionnaire.Multi {
		q.onToggle = func(codes []string) { ui.check(ui.session.ChooseMany(it.ID, codes)) }
		q.onContinue = s.onAnswered
	} else {
		q.onChoose = func(code string) {
			if ui.check(ui.session.Choose(it.ID, code)) {
				ui.nav.after(s.onAnswered)
			}
		}
		if len(q.selected) > 0 {
			q.onContinue = s.onAnswered
		}
	}
	ui.setProgress(it)
	content, keys := q.build()
	return drawn{name: screenQuestion, title: it.Section.Title.In(ui.lang), content: content, keys: keys}
}

// onAnswered goes on to what the session says comes after the answer.
func (s *questionScreen) onAnswered() { s.ui.nav.enter(s.ui.session.After(s.step.Item.ID)) }

func (s *questionScreen) onBack() { s.ui.nav.enter(s.ui.session.Back(s.step.Item.ID)) }

// sameAnswersAround lists the items of an item's section that take the very
// same answers (the PHQ-9's nine, the yes/no/unsure health questions).
func sameAnswersAround(it *questionnaire.Item) []*questionnaire.Item {
	if it.Section == nil || len(it.Options) == 0 {
		return nil
	}
	var out []*questionnaire.Item
	for _, o := range it.Section.Items {
		if o.Type == it.Type && slices.Equal(o.Options, it.Options) && o.Stem().In("en") == it.Stem().In("en") {
			out = append(out, o)
		}
	}
	return out
}

func (q *questionView) build() (fyne.CanvasObject, keyHandlers) {
	l := q.ui.lang
	top := container.NewVBox(q.questionArea())
	if q.item.Type == questionnaire.Multi {
		top.Add(small(tr(l, "multi.hint")))
	}
	answers := q.answers()
	back := q.ui.button(tr(l, "nav.back"), widget.MediumImportance, q.onBack)
	back.SetIcon(theme.NavigateBackIcon())
	right := q.actions()
	// Read aloud waits in the foot when the foot has room for it, and sits
	// above the answers when not, or when it would be alone there (in a
	// small window Back moves to the top bar).
	if read := q.readAloud(); read != nil {
		if fitsOneRow(q.ui.win, back, append([]fyne.CanvasObject{read}, right...)...) && (!q.ui.compact() || len(right) > 0) {
			right = append([]fyne.CanvasObject{read}, right...)
		} else {
			// a speaker beside the question, where it takes no row of its own
			read.SetText("")
			read.spoken = tr(l, "access.read")
			top.Objects[0] = container.NewBorder(nil, nil, nil, container.NewVBox(read), top.Objects[0])
		}
	}
	// The question and its answers scroll together; only Back and Continue
	// stay fixed, so nothing overlaps at any text size.
	content := container.NewBorder(nil, q.ui.footer(back, right...), nil, nil, q.ui.scrolled(container.NewVBox(top, answers)))
	keys := keyHandlers{
		digit: func(n int) {
			if n <= len(q.item.Options) {
				q.tap(q.item.Options[n-1].Code)
			}
		},
		enter: q.onEnter,
		back:  q.onBack,
	}
	return content, keys
}

// questionArea is the question, as tall as the tallest of its siblings so
// that the answers below stay in place from one to the next.
func (q *questionView) questionArea() fyne.CanvasObject {
	question := q.questionBlock(q.item, q.stem)
	if len(q.siblings) <= 1 || q.ui.compact() { // a small window scrolls anyway: no room to reserve
		return question
	}
	blocks := []fyne.CanvasObject{question}
	for _, s := range q.siblings {
		if s != q.item {
			ghost := q.questionBlock(s, s.Stem().In(q.ui.lang))
			ghost.Hide()
			blocks = append(blocks, ghost)
		}
	}
	return &fyne.Container{Layout: &tallestLayout{}, Objects: blocks}
}

// answers are the answer buttons, each with its number key, or the text field.
func (q *questionView) answers() *fyne.Container {
	answers := container.NewVBox()
	if q.item.Type == questionnaire.TextField {
		answers.Add(q.textField())
	}
	for i, o := range q.item.Options {
		code := o.Code
		b := q.ui.button(o.Text.In(q.ui.lang), widget.MediumImportance, func() { q.tap(code) })
		b.Alignment = widget.ButtonAlignLeading
		if i < 9 {
			b.Key = string(rune('1' + i))
		}
		q.buttons = append(q.buttons, b)
		answers.Add(b)
	}
	q.markSelected()
	if q.ui.compact() && len(q.buttons) >= 3 && len(q.buttons) <= 6 && q.fitTwoAbreast() {
		// A small window: short answers two to a row, in reading order, so
		// that all of them are in view with the question (one under
		// another, the fourth PHQ-9 answer is out of view on an 800×600
		// screen, and at 200% on 1280×800). Every question with the same
		// answers is laid out alike, so the answers keep their places.
		answers.Layout = layout.NewGridLayoutWithColumns(2)
	}
	return answers
}

// actions are Skip (an optional question) and Continue (multiple choice,
// text, or keeping an earlier answer), for the foot of the screen.
func (q *questionView) actions() []fyne.CanvasObject {
	l := q.ui.lang
	var right []fyne.CanvasObject
	if q.onSkip != nil {
		right = append(right, q.ui.button(tr(l, "nav.skip"), widget.MediumImportance, q.onSkip))
	}
	if q.item.Type == questionnaire.Multi || q.item.Type == questionnaire.TextField || q.onContinue != nil {
		q.cont = q.ui.button(tr(l, "nav.continue"), widget.HighImportance, q.continueIfReady)
		q.cont.SetIcon(theme.NavigateNextIcon())
		q.cont.IconPlacement = widget.ButtonIconTrailingText
		q.updateContinue()
		right = append(right, q.cont)
	}
	return right
}

// readAloud is the Read aloud button, when the system can speak.
func (q *questionView) readAloud() *keyButton {
	sp := q.ui.opts.Speaker
	if sp == nil || !sp.Available() {
		return nil
	}
	l := q.ui.lang
	var spoken []string
	for _, o := range q.item.Options {
		spoken = append(spoken, o.Text.In(l))
	}
	text := readAloudText(q.stem, q.item.Text.In(l), spoken)
	read := q.ui.button(tr(l, "access.read"), widget.MediumImportance, func() { sp.Speak(l, text) })
	read.SetIcon(theme.VolumeUpIcon())
	return read
}

// fitTwoAbreast tells whether every answer fits in two lines in half the
// window's width.
func (q *questionView) fitTwoAbreast() bool {
	half := (q.ui.win.Canvas().Size().Width-4*theme.Padding())/2 - theme.Padding()
	for _, b := range q.buttons {
		m := b.metrics()
		if len(wrapText(b.Text, half-m.fixedWidth(), m.textSize, m.style())) > 2 || m.longestWord() > half-m.fixedWidth() {
			return false
		}
	}
	return true
}

// questionBlock is an item's stem, question and help.
func (q *questionView) questionBlock(it *questionnaire.Item, stem string) *fyne.Container {
	l := q.ui.lang
	box := container.NewVBox()
	stemSize, questionSize := theme.SizeNameText, theme.SizeNameSubHeadingText
	if q.ui.compact() { // a small window: large text still, a little less of it
		stemSize, questionSize = theme.SizeNameCaptionText, theme.SizeNameText
	}
	if stem != "" {
		box.Add(wrapped(stem, stemSize, !q.ui.compact()))
	}
	box.Add(wrapped(it.Text.In(l), questionSize, true))
	if len(it.Help) > 0 {
		box.Add(body(it.Help.In(l)))
	}
	return box
}

// textField is the field a text question is typed into; Enter continues.
func (q *questionView) textField() fyne.CanvasObject {
	e, frame := q.ui.entry(tr(q.ui.lang, "text.placeholder"))
	e.SetText(q.typed)
	e.OnChanged = func(s string) {
		q.ui.touched() // the field itself stops at questionnaire.MaxTextLength
		q.typed = s
		if q.onType != nil {
			q.onType(s)
		}
		q.updateContinue()
	}
	e.OnSubmitted = func(string) { q.ui.safely(q.onEnter) }
	q.entry = e
	return frame
}

// tap chooses an answer (single choice) or toggles it (multiple choice).
func (q *questionView) tap(code string) {
	if q.ui.nav.confirming {
		return // an answer is already on its way; a second tap must not skip a question
	}
	if q.item.Type == questionnaire.Multi {
		q.selected = q.item.Toggle(q.selected, code)
		q.onToggle(q.selected)
		q.markSelected()
		q.updateContinue()
		return
	}
	q.selected = []string{code}
	q.markSelected()
	q.ui.nav.confirming = true
	q.onChoose(code)
}

// markSelected highlights the chosen answers with a tick.
func (q *questionView) markSelected() {
	for i, o := range q.item.Options {
		b := q.buttons[i]
		if slices.Contains(q.selected, o.Code) {
			b.Importance = widget.HighImportance
			b.SetIcon(theme.ConfirmIcon())
		} else {
			b.Importance = widget.MediumImportance
			b.SetIcon(nil)
		}
		b.Refresh()
	}
}

func (q *questionView) hasSelection() bool {
	if q.item.Type == questionnaire.TextField {
		return true // a text field may be left empty; Continue keeps what is typed
	}
	return slices.ContainsFunc(q.selected, func(c string) bool { return c != "" })
}

func (q *questionView) updateContinue() {
	if q.cont == nil {
		return
	}
	if q.hasSelection() {
		q.cont.Enable()
	} else {
		q.cont.Disable()
	}
}

// onEnter continues, or skips an optional question left unanswered.
func (q *questionView) onEnter() {
	if q.onSkip != nil && !q.hasSelection() {
		q.onSkip()
		return
	}
	q.continueIfReady()
}

func (q *questionView) continueIfReady() {
	if q.onContinue != nil && q.hasSelection() && !q.ui.nav.confirming {
		q.onContinue()
	}
}

// tallestLayout shows its first object and reserves room for the tallest of
// all of them, the others being hidden stand-ins of the same width.
type tallestLayout struct{}

func (tallestLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.Position{})
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
	}
}

func (tallestLayout) MinSize(objects []fyne.CanvasObject) fyne.Size { return largestMin(objects) }
