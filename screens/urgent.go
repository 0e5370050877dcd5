package screens

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// urgentScreen shows an outcome that interrupts the flow (talk with a
// clinician today) as soon as it is known, with the resources first, then
// lets the person continue from the item they just answered.
type urgentScreen struct {
	ui   *UI
	step questionnaire.Step
}

func (s *urgentScreen) draw() drawn {
	ui, outcome := s.ui, s.step.Outcome
	l := ui.lang
	box := ui.outcomeHeading(outcome)
	box.Add(ui.crisisStrip())
	box.Add(widget.NewSeparator())
	ui.addSteps(box, outcome)
	cont := ui.button(tr(l, "urgent.continue"), widget.HighImportance, s.onContinue)
	cont.SetIcon(theme.NavigateNextIcon())
	cont.IconPlacement = widget.ButtonIconTrailingText
	content := container.NewBorder(nil, bottomBar(nil, cont), nil, nil, ui.scrolled(box))
	return drawn{name: screenUrgent, title: outcome.Headline.In(l), content: content, keys: keyHandlers{enter: s.onContinue}}
}

// onContinue: the person has seen the outcome; the flow goes on.
func (s *urgentScreen) onContinue() { s.ui.nav.enter(s.ui.session.Continue(s.step)) }
