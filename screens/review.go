package screens

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// reviewScreen lists every answer by section before the result, one
// section at a time. Tapping Change on one goes to that question and comes
// back here.
type reviewScreen struct {
	ui       *UI
	selected *questionnaire.Section // nil: the first
}

func (s *reviewScreen) draw() drawn {
	ui, selected := s.ui, s.selected
	l := ui.lang
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
		b := ui.button(sec.Title.In(l), widget.MediumImportance, func() { s.showSection(sec) })
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
			rows.Add(s.row(it))
		}
	}
	result := ui.button(tr(l, "review.result"), widget.HighImportance, s.onResult)
	result.SetIcon(theme.NavigateNextIcon())
	result.IconPlacement = widget.ButtonIconTrailingText
	complete := ui.session.Complete()
	if !complete {
		result.Disable()
	}
	back := ui.button(tr(l, "nav.back"), widget.MediumImportance, s.onBack)
	back.SetIcon(theme.NavigateBackIcon())
	// One scrolling column (sections, then the chosen section's answers), so
	// nothing overlaps at any text size; only Back and See my result stay fixed.
	column := container.NewVBox(heading(tr(l, "review.heading")), body(tr(l, "review.hint")), tabs, widget.NewSeparator(), rows)
	content := container.NewBorder(nil, ui.footer(back, result), nil, nil, ui.scrolled(column))
	keys := keyHandlers{
		back: s.onBack,
		digit: func(n int) {
			if n <= len(sections) {
				s.showSection(sections[n-1])
			}
		},
		enter: func() {
			if ui.session.Complete() {
				s.onResult()
			}
		},
	}
	return drawn{name: screenReview, title: tr(l, "review.heading"), content: content, keys: keys}
}

func (s *reviewScreen) showSection(sec *questionnaire.Section) {
	s.ui.nav.show(&reviewScreen{ui: s.ui, selected: sec})
}

// onBack returns to the last question of the flow.
func (s *reviewScreen) onBack() { s.ui.nav.enter(s.ui.session.BackFromReview()) }

func (s *reviewScreen) onResult() { s.ui.nav.enter(s.ui.session.ToResult()) }

func (s *reviewScreen) row(it *questionnaire.Item) fyne.CanvasObject {
	ui := s.ui
	l := ui.lang
	answer := tr(l, "review.unanswered")
	if a, ok := ui.session.Answer(it.ID); ok {
		answer = questionnaire.AnswerText(it, a, l)
	}
	change := ui.button(tr(l, "meds.change"), widget.MediumImportance, func() { ui.nav.enter(ui.session.Change(it.ID)) })
	change.SetIcon(theme.DocumentCreateIcon())
	text := container.NewVBox(body(it.Text.In(l)), wrapped(answer, theme.SizeNameText, true))
	return container.NewBorder(nil, widget.NewSeparator(), nil, container.NewCenter(change), text)
}
