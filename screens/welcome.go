package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// showWelcome shows what the app is, how long it takes, that it is not a
// diagnosis, what happens to the answers, and the Start button.
func (ui *UI) showWelcome() {
	ui.redraw = ui.showWelcome
	l := ui.lang
	start := ui.button(tr(l, "welcome.start"), widget.HighImportance, ui.onStart)
	start.SetIcon(theme.NavigateNextIcon())
	about := ui.button(tr(l, "welcome.about"), widget.MediumImportance, ui.showEducation)
	about.SetIcon(theme.InfoIcon())
	content := container.NewVBox()
	if len(ui.def.Languages) > 1 { // two large buttons, each in its own language
		langs := container.NewGridWithColumns(len(ui.def.Languages))
		for _, code := range ui.def.Languages {
			code := code
			b := ui.button(languageName(code), widget.MediumImportance, func() { ui.setLanguage(code) })
			if code == l {
				b.Importance = widget.HighImportance
			}
			langs.Add(b)
		}
		content.Add(langs)
	}
	content.Add(container.NewVBox(
		heading(tr(l, "welcome.heading")),
		body(tr(l, "welcome.what")+" "+tr(l, "welcome.why")),
		body(tr(l, "welcome.time")),
		wrapped(ui.def.Texts["not_a_diagnosis"].In(l), theme.SizeNameText, true),
		body(ui.privacyText()),
		container.NewGridWithColumns(2, start, about),
		widget.NewSeparator(),
		ui.crisisStrip(),
	))
	ui.show(screenWelcome, "", scrolled(content), keyHandlers{enter: ui.onStart})
}

func (ui *UI) privacyText() string {
	if ui.kiosk != nil {
		return tr(ui.lang, "welcome.privacy.kiosk")
	}
	return tr(ui.lang, "welcome.privacy")
}

// showEducation shows what ketamine therapy involves, from the definition.
func (ui *UI) showEducation() {
	ui.redraw = ui.showEducation
	l := ui.lang
	box := container.NewVBox(heading(tr(l, "education.heading")))
	for _, t := range ui.def.Education {
		box.Add(subheading(t.Heading.In(l)))
		box.Add(body(t.Body.In(l)))
	}
	for _, key := range []string{"esketamine", "iv_ketamine", "at_home_ketamine"} {
		box.Add(body(ui.def.Texts[key].In(l)))
	}
	box.Add(widget.NewSeparator())
	box.Add(wrapped(tr(l, "education.sources"), theme.SizeNameCaptionText, true))
	seen := map[string]bool{}
	for _, t := range ui.def.Education {
		if t.Source != nil && !seen[t.Source.ID] {
			seen[t.Source.ID] = true
			box.Add(small(t.Source.Citation))
		}
	}
	back := ui.button(tr(l, "nav.back"), widget.MediumImportance, ui.showWelcome)
	back.SetIcon(theme.NavigateBackIcon())
	content := container.NewBorder(nil, container.NewHBox(back), nil, nil, scrolled(box))
	ui.show(screenEducation, tr(l, "education.heading"), content, keyHandlers{back: ui.showWelcome, enter: ui.showWelcome})
}

// bottomBar lays out Back on the left and the other buttons on the right.
func bottomBar(back fyne.CanvasObject, right ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, back, container.NewHBox(right...))
}
