package screens

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// endedScreen shows an outcome that ended the questions early other than
// crisis (adult_only): its words, the flags the outcome allows (youth_safety
// after a positive ASQ), the crisis lines, and no treatment content.
type endedScreen struct {
	ui      *UI
	outcome *questionnaire.Outcome
}

func (s *endedScreen) draw() drawn {
	ui, outcome := s.ui, s.outcome
	l := ui.lang
	box := container.NewVBox(heading(outcome.Headline.In(l)))
	for _, f := range ui.session.Result().Flags {
		box.Add(wrapped(f.Flag.Text.In(l), theme.SizeNameSubHeadingText, true))
	}
	ui.addSteps(box, outcome)
	box.Add(widget.NewSeparator())
	box.Add(ui.crisisStrip())
	back := ui.button(tr(l, "ended.start_over"), widget.HighImportance, ui.onStartOver)
	content := container.NewBorder(nil, bottomBar(back), nil, nil, ui.scrolled(box))
	return drawn{name: screenEnded, title: outcome.Headline.In(l), content: content}
}
