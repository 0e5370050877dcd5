package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// welcomeScreen shows what the app is, how long it takes, that it is not a
// diagnosis, what happens to the answers, and the Start button, which stays
// in view at the foot of the screen however large the text.
type welcomeScreen struct{ ui *UI }

func (s *welcomeScreen) draw() drawn {
	ui := s.ui
	l := ui.lang
	start := ui.button(tr(l, "welcome.start"), widget.HighImportance, ui.onStart)
	start.SetIcon(theme.NavigateNextIcon())
	start.IconPlacement = widget.ButtonIconTrailingText
	about := ui.button(tr(l, "welcome.about"), widget.MediumImportance, s.onAbout)
	about.SetIcon(theme.InfoIcon())
	content := container.NewVBox()
	if len(ui.def.Languages) > 1 { // two large buttons, each in its own language
		langs := container.NewGridWithColumns(len(ui.def.Languages))
		for _, code := range ui.def.Languages {
			code := code
			b := ui.button(languageName(code), widget.MediumImportance, func() { ui.setLanguage(code) })
			b.Alignment = widget.ButtonAlignCenter
			if code == l {
				b.Importance = widget.HighImportance
				b.SetIcon(theme.ConfirmIcon())
			}
			langs.Add(b)
		}
		content.Add(langs)
	}
	content.Add(container.NewVBox(
		heading(tr(l, "welcome.heading")),
		body(tr(l, "welcome.what")+" "+tr(l, "welcome.why")),
		body(tr(l, "welcome.time")),
		// The intended use: for adults, to prepare a conversation with a
		// provider; not a diagnosis, a treatment or dose recommendation, or
		// for emergencies.
		wrapped(ui.def.Text(questionnaire.TextIntendedUse).In(l), theme.SizeNameText, true),
		body(s.privacyText()),
	))
	bar := bottomBar(about, start)
	if !fitsOneRow(ui.win, about, start) { // no room in the foot: only Start stays fixed
		content.Add(buttonRow(fyne.TextAlignLeading, about))
		bar = bottomBar(nil, start)
	}
	content.Add(widget.NewSeparator())
	content.Add(ui.crisisStrip())
	screen := container.NewBorder(nil, bar, nil, nil, ui.scrolled(content))
	return drawn{name: screenWelcome, content: screen, keys: keyHandlers{enter: ui.onStart}}
}

func (s *welcomeScreen) onAbout() { s.ui.nav.show(&educationScreen{ui: s.ui}) }

func (s *welcomeScreen) privacyText() string {
	ui := s.ui
	if ui.kiosk != nil {
		return tr(ui.lang, "welcome.privacy.kiosk")
	}
	return tr(ui.lang, "welcome.privacy")
}

// educationScreen shows what ketamine therapy involves, from the
// definition, its sources, and the app's version.
type educationScreen struct{ ui *UI }

func (s *educationScreen) draw() drawn {
	ui := s.ui
	l := ui.lang
	box := container.NewVBox(heading(tr(l, "education.heading")))
	box.Add(wrapped(ui.def.Text(questionnaire.TextIntendedUse).In(l), theme.SizeNameText, true))
	for _, t := range ui.def.Education {
		box.Add(subheading(t.Heading.In(l)))
		box.Add(body(t.Body.In(l)))
	}
	for _, key := range questionnaire.TreatmentTexts {
		box.Add(body(ui.def.Text(key).In(l)))
	}
	box.Add(widget.NewSeparator())
	box.Add(wrapped(tr(l, "education.sources"), theme.SizeNameCaptionText, true))
	seen := map[string]bool{}
	for _, t := range ui.def.Education {
		if t.Source != nil && !seen[t.Source.ID] {
			seen[t.Source.ID] = true
			box.Add(small(t.Source.Citation.In(l)))
		}
	}
	box.Add(widget.NewSeparator())
	box.Add(small(trf(l, "education.version", s.version(), ui.def.ID, ui.def.Version)))
	back := ui.button(tr(l, "nav.back"), widget.MediumImportance, s.onBack)
	back.SetIcon(theme.NavigateBackIcon())
	content := container.NewBorder(nil, ui.footer(back), nil, nil, ui.scrolled(box))
	return drawn{name: screenEducation, title: tr(l, "education.heading"), content: content, keys: keyHandlers{back: s.onBack, enter: s.onBack}}
}

func (s *educationScreen) onBack() { s.ui.showWelcome() }

// version is the app's version as stamped at build time.
func (s *educationScreen) version() string {
	ui := s.ui
	if ui.opts.Version == "" {
		return "dev"
	}
	return ui.opts.Version
}
