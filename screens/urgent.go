package screens

import (
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// showUrgent shows an outcome that interrupts the flow (talk with a clinician
// today) as soon as it is known, with the resources first, then lets the
// person continue from the item they just answered.
func (ui *UI) showUrgent(outcome *questionnaire.Outcome, from *questionnaire.Item) {
	ui.redraw = func() { ui.showUrgent(outcome, from) }
	l := ui.lang
	box := container.NewVBox(heading(outcome.Headline.In(l)))
	ui.session.Shown(outcome.ID) // from now on a changed answer never withdraws it
	if ui.kiosk != nil {
		ui.kiosk.alert(outcome)
		if text := ui.kiosk.alertText(outcome, l); text != "" {
			box.Add(wrapped(text, theme.SizeNameSubHeadingText, true))
		}
	}
	box.Add(ui.crisisStrip())
	box.Add(widget.NewSeparator())
	box.Add(body(outcome.Explanation.In(l)))
	for _, s := range ui.steps(outcome) {
		box.Add(body("• " + s.In(l)))
	}
	onContinue := func() {
		ui.session.Acknowledge(outcome.ID)
		ui.continueAfter(from)
	}
	cont := ui.button(tr(l, "urgent.continue"), widget.HighImportance, onContinue)
	cont.SetIcon(theme.NavigateNextIcon())
	cont.IconPlacement = widget.ButtonIconTrailingText
	content := container.NewBorder(nil, bottomBar(nil, cont), nil, nil, ui.scrolled(box))
	ui.show(screenUrgent, outcome.Headline.In(l), content, keyHandlers{enter: onContinue})
}
