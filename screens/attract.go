package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/kiosk"
)

// languageNames are the names of languages in themselves, for the language
// buttons.
var languageNames = map[string]string{"en": "English", "es": "Español"}

// attractScreen is the kiosk's screen between people: the clinic, one inviting
// line, a large "Touch to start", and the languages when there are several.
// It shows nothing of anyone's answers.
type attractScreen struct{ ui *UI }

func (s *attractScreen) draw() drawn {
	ui := s.ui
	l := ui.lang
	cfg := ui.kiosk.opts.Config
	box := container.NewVBox()
	if ui.kiosk.opts.Logo != nil {
		logo := canvas.NewImageFromResource(ui.kiosk.opts.Logo)
		logo.FillMode = canvas.ImageFillContain
		logo.SetMinSize(fyne.NewSize(240, 160))
		box.Add(logo)
	}
	if cfg.ClinicName != "" {
		name := heading(cfg.ClinicName)
		name.Alignment = fyne.TextAlignCenter
		box.Add(name)
	}
	invite := wrapped(tr(l, "attract.invite"), theme.SizeNameSubHeadingText, false)
	invite.Alignment = fyne.TextAlignCenter
	box.Add(invite)
	start := ui.button(tr(l, "attract.start"), widget.HighImportance, s.begin)
	start.SetIcon(theme.NavigateNextIcon())
	start.Alignment = widget.ButtonAlignCenter
	box.Add(container.NewCenter(atLeast(fyne.NewSize(520, 140), start)))
	if len(cfg.Languages) > 1 {
		langs := buttonRow(fyne.TextAlignCenter)
		for _, code := range cfg.Languages {
			code := code
			name := languageNames[code]
			if name == "" {
				name = code
			}
			b := ui.button(name, widget.MediumImportance, func() { ui.setLanguage(code) })
			if code == l {
				b.Importance = widget.HighImportance
			}
			langs.Add(b)
		}
		box.Add(langs)
	}
	// Centred in the window; at 200% in a small window it scrolls instead.
	return drawn{name: screenAttract, content: ui.scrolled(container.NewCenter(box)), keys: keyHandlers{enter: s.begin}}
}

// begin starts a person's screening: the welcome, counted in the kiosk's
// status file.
func (s *attractScreen) begin() {
	s.ui.kiosk.report(kiosk.StatusStarted)
	s.ui.showWelcome()
}

// showAttract shows the attract screen, between people.
func (ui *UI) showAttract() { ui.nav.showOutside(&attractScreen{ui: ui}) }
