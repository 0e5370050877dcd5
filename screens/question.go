package screens

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

	onChoose   func(code string) // single choice: the answer is chosen
	onToggle   func(codes []string)
	onContinue func() // multi choice, or keeping an earlier answer
	onBack     func()
	onSkip     func() // optional questions
}

// showQuestion shows an item of the flow.
func (ui *UI) showQuestion(it *questionnaire.Item) {
	ui.redraw = func() { ui.showQuestion(it) }
	q := &questionView{ui: ui, item: it, onBack: func() { ui.backFrom(it) }}
	if it.Instrument != nil {
		q.stem = it.Instrument.Stem.In(ui.lang)
	}
	if a, ok := ui.session.Answer(it.ID); ok {
		q.selected = append(slices.Clone(a.Codes), a.Code)
	}
	if it.Type == questionnaire.Multi {
		q.onToggle = func(codes []string) { _ = ui.session.ChooseMany(it.ID, codes) }
		q.onContinue = func() { ui.afterAnswer(it) }
	} else {
		q.onChoose = func(code string) {
			if err := ui.session.Choose(it.ID, code); err == nil {
				ui.after(func() { ui.afterAnswer(it) })
			}
		}
		if len(q.selected) > 0 {
			q.onContinue = func() { ui.afterAnswer(it) }
		}
	}
	ui.current = it
	ui.setProgress(it)
	content, keys := q.build()
	ui.show(screenQuestion, it.Section.Title.In(ui.lang), content, keys)
}

func (q *questionView) build() (fyne.CanvasObject, keyHandlers) {
	l := q.ui.lang
	q.ui.asking = q.item
	top := container.NewVBox()
	if q.stem != "" {
		top.Add(wrapped(q.stem, theme.SizeNameText, true))
	}
	top.Add(subheading(q.item.Text.In(l)))
	if len(q.item.Help) > 0 {
		top.Add(body(q.item.Help.In(l)))
	}
	if q.item.Type == questionnaire.Multi {
		top.Add(small(tr(l, "multi.hint")))
	}
	if sp := q.ui.opts.Speaker; sp != nil && sp.Available() {
		var answers []string
		for _, o := range q.item.Options {
			answers = append(answers, o.Text.In(l))
		}
		text := readAloudText(q.stem, q.item.Text.In(l), answers)
		read := q.ui.button(tr(l, "access.read"), widget.MediumImportance, func() { sp.Speak(l, text) })
		read.SetIcon(theme.VolumeUpIcon())
		top.Add(container.NewHBox(read))
	}
	answers := container.NewVBox()
	for _, o := range q.item.Options {
		code := o.Code
		b := q.ui.button(q.ui.fitWidth(o.Text.In(l), true), widget.MediumImportance, func() { q.tap(code) })
		b.Alignment = widget.ButtonAlignLeading
		q.buttons = append(q.buttons, b)
		answers.Add(b)
	}
	q.markSelected()

	back := q.ui.button(tr(l, "nav.back"), widget.MediumImportance, q.onBack)
	back.SetIcon(theme.NavigateBackIcon())
	var right []fyne.CanvasObject
	if q.onSkip != nil {
		right = append(right, q.ui.button(tr(l, "nav.skip"), widget.MediumImportance, q.onSkip))
	}
	if q.item.Type == questionnaire.Multi || q.onContinue != nil {
		q.cont = q.ui.button(tr(l, "nav.continue"), widget.HighImportance, q.continueIfReady)
		q.cont.SetIcon(theme.NavigateNextIcon())
		q.cont.IconPlacement = widget.ButtonIconTrailingText
		q.updateContinue()
		right = append(right, q.cont)
	}
	// The question and its answers scroll together; only Back and Continue
	// stay fixed, so nothing overlaps at any text size.
	content := container.NewBorder(nil, bottomBar(back, right...), nil, nil, scrolled(container.NewVBox(top, answers)))
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

// tap chooses an answer (single choice) or toggles it (multiple choice).
func (q *questionView) tap(code string) {
	if q.ui.confirming {
		return // an answer is already on its way; a second tap must not skip a question
	}
	if q.item.Type == questionnaire.Multi {
		q.selected = toggle(q.item, q.selected, code)
		q.onToggle(q.selected)
		q.markSelected()
		q.updateContinue()
		return
	}
	q.selected = []string{code}
	q.markSelected()
	q.ui.confirming = true
	q.onChoose(code)
}

// toggle adds or removes a code; an exclusive code ("none") clears the others
// and any other code clears it.
func toggle(it *questionnaire.Item, selected []string, code string) []string {
	if slices.Contains(selected, code) {
		return slices.DeleteFunc(slices.Clone(selected), func(c string) bool { return c == code })
	}
	if slices.Contains(it.Exclusive, code) {
		return []string{code}
	}
	out := slices.DeleteFunc(slices.Clone(selected), func(c string) bool { return slices.Contains(it.Exclusive, c) || c == "" })
	return append(out, code)
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
	if q.onContinue != nil && q.hasSelection() && !q.ui.confirming {
		q.onContinue()
	}
}
