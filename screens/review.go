package screens

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// showReview lists every answer by section before the result. Tapping
// Change on one goes to that question and comes back here.
func (ui *UI) showReview() { ui.showReviewSection(nil) }

func (ui *UI) showReviewSection(selected *questionnaire.Section) {
	ui.redraw = func() { ui.showReviewSection(selected) }
	l := ui.lang
	ui.returnToReview = false
	flow := ui.session.Flow()
	var sections []*questionnaire.Section
	for _, it := range flow {
		if len(sections) == 0 || sections[len(sections)-1] != it.Section {
			sections = append(sections, it.Section)
		}
	}
	if selected == nil && len(sections) > 0 {
		selected = sections[0]
	}
	var tabButtons []fyne.CanvasObject
	for i, sec := range sections {
		sec := sec
		b := ui.button(sec.Title.In(l), widget.MediumImportance, func() { ui.showReviewSection(sec) })
		b.Alignment = widget.ButtonAlignLeading
		if i < 9 {
			b.Key = fmt.Sprint(i + 1)
		}
		if sec == selected {
			b.Importance = widget.HighImportance
			b.SetIcon(theme.ConfirmIcon())
		}
		tabButtons = append(tabButtons, b)
	}
	tabs := buttonRow(fyne.TextAlignLeading, tabButtons...)
	rows := container.NewVBox()
	for _, it := range flow {
		if it.Section == selected {
			rows.Add(ui.reviewRow(it))
		}
	}
	result := ui.button(tr(l, "review.result"), widget.HighImportance, ui.showResult)
	result.SetIcon(theme.NavigateNextIcon())
	result.IconPlacement = widget.ButtonIconTrailingText
	complete := ui.session.Complete()
	if !complete {
		result.Disable()
	}
	back := ui.button(tr(l, "nav.back"), widget.MediumImportance, ui.reviewBack)
	back.SetIcon(theme.NavigateBackIcon())
	// One scrolling column (sections, then the chosen section's answers), so
	// nothing overlaps at any text size; only Back and See my result stay fixed.
	column := container.NewVBox(heading(tr(l, "review.heading")), body(tr(l, "review.hint")), tabs, widget.NewSeparator(), rows)
	content := container.NewBorder(nil, ui.footer(back, result), nil, nil, ui.scrolled(column))
	keys := keyHandlers{
		back: ui.reviewBack,
		digit: func(n int) {
			if n <= len(sections) {
				ui.showReviewSection(sections[n-1])
			}
		},
		enter: func() {
			if ui.session.Complete() {
				ui.showResult()
			}
		},
	}
	ui.show(screenReview, tr(l, "review.heading"), content, keys)
}

// reviewBack returns to the last question of the flow.
func (ui *UI) reviewBack() {
	flow := ui.session.Flow()
	if len(flow) == 0 {
		ui.showWelcome()
		return
	}
	ui.showItem(flow[len(flow)-1])
}

func (ui *UI) reviewRow(it *questionnaire.Item) fyne.CanvasObject {
	l := ui.lang
	answer := tr(l, "review.unanswered")
	if a, ok := ui.session.Answer(it.ID); ok {
		answer = questionnaire.AnswerText(it, a, l)
	}
	change := ui.button(tr(l, "meds.change"), widget.MediumImportance, func() {
		ui.returnToReview = true
		ui.showItem(it)
	})
	change.SetIcon(theme.DocumentCreateIcon())
	text := container.NewVBox(body(it.Text.In(l)), wrapped(answer, theme.SizeNameText, true))
	return container.NewBorder(nil, widget.NewSeparator(), nil, container.NewCenter(change), text)
}
