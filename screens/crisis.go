package screens

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// crisisScreen shows where to get help now, before anything else: the
// crisis lines in large type, a few calm words, and no treatment content.
// The only way on is "Back to start", which clears the session; Escape
// does nothing.
type crisisScreen struct {
	ui      *UI
	outcome *questionnaire.Outcome
}

func (s *crisisScreen) draw() drawn {
	ui, outcome := s.ui, s.outcome
	l := ui.lang
	lines := container.NewVBox()
	for _, r := range ui.resources() {
		number := canvas.NewText(r.Number, theme.Color(theme.ColorNameError))
		number.TextSize = 48 * min(ui.scale, 1.5)
		number.TextStyle = fyne.TextStyle{Bold: true}
		lines.Add(container.NewBorder(nil, nil, container.NewPadded(number), nil, wrapped(r.Text.In(l), theme.SizeNameSubHeadingText, false)))
	}
	words := ui.outcomeHeading(outcome)
	// The crisis outcome's own next steps, in their order: 911 first.
	for i, step := range ui.steps(outcome) {
		words.Add(wrapped(fmt.Sprintf("%d. %s", i+1, step.In(l)), theme.SizeNameSubHeadingText, i == 0))
	}
	words.Add(body(outcome.Explanation.In(l)))
	words.Add(body(tr(l, "crisis.calm")))
	back := ui.button(tr(l, "crisis.back"), widget.MediumImportance, ui.onStartOver)
	content := container.NewBorder(nil, bottomBar(back), nil, nil,
		ui.scrolled(container.NewVBox(lines, widget.NewSeparator(), words)))
	// No key leaves this screen by accident: only the button does.
	return drawn{name: screenCrisis, title: outcome.Headline.In(l), content: content}
}
