// Package screens holds KetaScreen's Fyne user interface, one file per
// screen. Screens render a questionnaire session and report the person's
// actions back to it; every clinical decision (what is asked next, what the
// answers mean) is the session's.
package screens

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// Options tune the UI.
type Options struct {
	// ConfirmDelay is how long a chosen answer stays highlighted before the
	// next question shows. Tests use 0, which moves on at once.
	ConfirmDelay time.Duration
	// Printer prints the summary; nil means the app has no printing.
	Printer Printer
	// Speaker reads questions aloud; nil, or one not Available, hides the button.
	Speaker Speaker
	// Kiosk, when set, runs the UI as a waiting-room kiosk.
	Kiosk *KioskOptions
}

// DefaultOptions are the options of the desktop app.
func DefaultOptions() Options {
	return Options{ConfirmDelay: 350 * time.Millisecond, Printer: DefaultPrinter(""), Speaker: &SystemSpeaker{}}
}

// keyHandlers say what keys do on the current screen; nil means nothing.
type keyHandlers struct {
	digit func(n int) // 1–9 pick the matching answer
	enter func()      // continue
	back  func()      // Backspace or Alt+Left
}

// UI is the app window's content: a top bar with the progress and the
// "I need help now" button, and the current screen below it.
type UI struct {
	win     fyne.Window
	def     *questionnaire.Definition
	session *questionnaire.Session
	lang    string
	opts    Options

	root     *fyne.Container
	body     *fyne.Container
	progress *widget.Label
	help     *keyButton

	screen         string              // the screen shown, for the title and tests
	keys           keyHandlers         // what keys do on it
	current        *questionnaire.Item // the item shown, if any
	asking         *questionnaire.Item // the item or list field a question screen asks
	returnToReview bool                // an answer is being changed from the review
	confirming     bool                // a chosen answer is being shown before moving on
	shown          int                 // counts screens shown, so a late timer knows it is stale
	// later runs f on the UI goroutine after a delay; tests replace it.
	later func(delay time.Duration, f func())
	// kiosk is set in kiosk mode; keysOverride takes the keys while the staff PIN pad is open.
	kiosk        *kioskState
	keysOverride *keyHandlers

	// redraw builds the current screen again (after a text size change).
	redraw func()
	// scale and highContrast are the person's text size and contrast.
	scale        float32
	highContrast bool
	textSmaller  *keyButton
	textLarger   *keyButton
	contrast     *keyButton
	language     *keyButton // switches to the next language of the definition

	// The summary of the current screening: its random id, when it was
	// finished, and the initials the person may type. Cleared with the session.
	responseID string
	finished   time.Time
	initials   string
}

// Screen names, also used in the window title.
const (
	screenWelcome     = "welcome"
	screenEducation   = "education"
	screenQuestion    = "question"
	screenMedications = "medications"
	screenPicker      = "picker"
	screenCrisis      = "crisis"
	screenUrgent      = "urgent"
	screenEnded       = "ended"
	screenReview      = "review"
	screenResult      = "result"
	screenAttract     = "attract"
)

// New builds the UI for a session of def in the window and shows the welcome screen.
func New(w fyne.Window, def *questionnaire.Definition, lang string, opts Options) *UI {
	ui := &UI{win: w, def: def, session: questionnaire.NewSession(def), lang: lang, opts: opts}
	ui.later = func(delay time.Duration, f func()) {
		time.AfterFunc(delay, func() { fyne.Do(f) })
	}
	ui.progress = small("")
	ui.progress.TextStyle = fyne.TextStyle{Bold: true}
	ui.help = ui.button(tr(lang, "help.now"), widget.DangerImportance, ui.onHelpNow)
	ui.help.SetIcon(theme.WarningIcon())
	ui.scale = 1
	ui.textSmaller = ui.button("A–", widget.MediumImportance, func() { ui.setTextSize(-1) })
	ui.textLarger = ui.button("A+", widget.MediumImportance, func() { ui.setTextSize(+1) })
	ui.textSmaller.Disable() // already the smallest
	ui.contrast = ui.button(tr(lang, "access.contrast"), widget.MediumImportance, ui.toggleContrast)
	access := container.NewHBox(ui.textSmaller, ui.textLarger, ui.contrast)
	if len(def.Languages) > 1 {
		ui.language = ui.button("", widget.MediumImportance, ui.nextLanguage)
		access.Add(ui.language)
	}
	access.Add(ui.help)
	// The controls get their own row and the progress the full width below,
	// so neither is squeezed at 200%.
	top := container.NewVBox(container.NewBorder(nil, nil, nil, access), ui.progress)
	ui.body = container.NewStack()
	ui.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewPadded(ui.body))
	ui.setLanguage(lang)
	w.Canvas().SetOnTypedKey(ui.onKey)
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyLeft, Modifier: fyne.KeyModifierAlt}, func(fyne.Shortcut) { ui.goBack() })
	if opts.Kiosk == nil {
		w.SetContent(ui.root)
		ui.showWelcome()
		return ui
	}
	ui.kiosk = newKioskState(ui, *opts.Kiosk)
	if langs := opts.Kiosk.Config.Languages; len(langs) > 0 {
		ui.setLanguage(langs[0])
	}
	corner := newStaffCorner(ui.kiosk)
	corner.Resize(corner.MinSize())
	w.SetContent(container.NewStack(ui.root, container.NewWithoutLayout(corner)))
	ui.showAttract()
	return ui
}

// Session returns the session the UI renders.
func (ui *UI) Session() *questionnaire.Session { return ui.session }

// show puts a screen in the window.
func (ui *UI) show(name, title string, content fyne.CanvasObject, keys keyHandlers) {
	ui.screen, ui.keys, ui.confirming = name, keys, false
	ui.shown++
	if name != screenQuestion {
		ui.asking = nil
	}
	if name != screenQuestion && name != screenMedications && name != screenPicker {
		ui.current = nil
		ui.progress.SetText("")
		ui.progress.Hide() // no empty band where there is no progress to show
	}
	ui.body.Objects = []fyne.CanvasObject{content}
	ui.body.Refresh()
	if title == "" {
		ui.win.SetTitle(tr(ui.lang, "app.title"))
	} else {
		ui.win.SetTitle(tr(ui.lang, "app.title") + " · " + title)
	}
	ui.win.Canvas().Unfocus()
	ui.touched() // a new screen starts the idle time again
}

func (ui *UI) goBack() {
	if ui.keysOverride != nil {
		return // the staff PIN pad is open
	}
	if ui.keys.back != nil {
		ui.keys.back()
	}
}

// onKey handles keys that reach the screen: answer numbers, Enter, Backspace.
// Escape does nothing anywhere, so it cannot leave the crisis screen.
func (ui *UI) onKey(ev *fyne.KeyEvent) {
	ui.touched()
	keys := ui.keys
	if ui.keysOverride != nil {
		keys = *ui.keysOverride
	}
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if keys.enter != nil {
			keys.enter()
		}
	case fyne.KeyBackspace:
		if keys.back != nil {
			keys.back()
		}
	case fyne.Key0, fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9:
		if n := int(ev.Name[0] - '0'); keys.digit != nil && (n > 0 || ui.keysOverride != nil) {
			keys.digit(n)
		}
	}
}

// setLanguage changes the language of every word on screen and of the
// session (which sections are asked), keeping every answer.
func (ui *UI) setLanguage(lang string) {
	if !slices.Contains(ui.def.Languages, lang) {
		lang = ui.def.Languages[0]
	}
	ui.lang = lang
	ui.session.SetLanguage(lang)
	ui.help.SetText(tr(lang, "help.now"))
	ui.contrast.SetText(tr(lang, "access.contrast"))
	ui.textSmaller.spoken, ui.textLarger.spoken = tr(lang, "access.smaller"), tr(lang, "access.larger")
	if ui.language != nil {
		ui.language.SetText(languageName(ui.otherLanguage()))
	}
	if ui.redraw != nil {
		ui.redraw()
	}
}

// otherLanguage is the language the language button switches to.
func (ui *UI) otherLanguage() string {
	i := slices.Index(ui.def.Languages, ui.lang)
	return ui.def.Languages[(i+1)%len(ui.def.Languages)]
}

func (ui *UI) nextLanguage() { ui.setLanguage(ui.otherLanguage()) }

// languageName is a language's name in itself.
func languageName(code string) string {
	if name, ok := languageNames[code]; ok {
		return name
	}
	return code
}

// setTextSize moves the text size one step (100% to 200%) and builds the
// screen again so that every line wraps to the new size.
func (ui *UI) setTextSize(step int) {
	i := 0
	for j, s := range textScales {
		if s == ui.scale {
			i = j
		}
	}
	i = min(max(i+step, 0), len(textScales)-1)
	ui.scale = textScales[i]
	ui.applyTheme()
}

// toggleContrast switches the high-contrast colours on or off.
func (ui *UI) toggleContrast() {
	ui.highContrast = !ui.highContrast
	ui.applyTheme()
}

func (ui *UI) applyTheme() {
	fyne.CurrentApp().Settings().SetTheme(readableTheme{Scale: ui.scale, HighContrast: ui.highContrast})
	if ui.scale == textScales[0] {
		ui.textSmaller.Disable()
	} else {
		ui.textSmaller.Enable()
	}
	if ui.scale == textScales[len(textScales)-1] {
		ui.textLarger.Disable()
	} else {
		ui.textLarger.Enable()
	}
	if ui.redraw != nil {
		ui.redraw()
	}
}

// resetAccess goes back to normal text size and contrast (a kiosk's next person).
func (ui *UI) resetAccess() {
	if ui.scale != 1 || ui.highContrast {
		ui.scale, ui.highContrast = 1, false
		ui.applyTheme()
	}
}

// touched records that the person did something: the kiosk's idle timer
// starts again. Outside kiosk mode it does nothing.
func (ui *UI) touched() {
	if ui.kiosk != nil {
		ui.kiosk.touched()
	}
}

// onHelpNow records the request and shows the crisis screen at once.
func (ui *UI) onHelpNow() {
	ui.session.PressHelpNow()
	ui.showCrisis()
}

// onStartOver forgets every answer and goes back to the welcome screen (in a
// kiosk, wipes everything and shows the attract screen).
func (ui *UI) onStartOver() {
	if ui.kiosk != nil {
		ui.kiosk.wipe()
		return
	}
	ui.session.Reset()
	ui.forgetSummary()
	ui.returnToReview = false
	ui.showWelcome()
}

// forgetSummary clears the summary's id and initials with the session.
func (ui *UI) forgetSummary() {
	ui.responseID, ui.finished, ui.initials = "", time.Time{}, ""
}

// resources are the crisis lines to show: the kiosk's own for its locale,
// or the definition's.
func (ui *UI) resources() []*questionnaire.Resource {
	if ui.kiosk == nil || len(ui.kiosk.opts.Config.CrisisLines) == 0 {
		return ui.def.Resources
	}
	var out []*questionnaire.Resource
	for _, l := range ui.kiosk.opts.Config.CrisisLines {
		out = append(out, &questionnaire.Resource{Number: l.Number, Text: questionnaire.Text{ui.lang: l.Text}})
	}
	return out
}

// onStart begins the questions, or picks up where the person left off.
func (ui *UI) onStart() {
	if open := ui.session.Unanswered(); len(open) > 0 {
		ui.showItem(open[0])
		return
	}
	ui.advance()
}

// showItem shows the screen that asks an item.
func (ui *UI) showItem(it *questionnaire.Item) {
	if it.Type == questionnaire.List {
		ui.showMedications(it)
		return
	}
	ui.showQuestion(it)
}

// afterAnswer decides what follows an answer, by asking the session.
func (ui *UI) afterAnswer(it *questionnaire.Item) {
	if outcome, ended := ui.session.Ended(); ended {
		ui.showEnded(outcome)
		return
	}
	// An interrupting outcome (urgent) shows once the section that raised it is
	// finished: the ASQ's acuity question, which can turn it into crisis,
	// must be asked first.
	if notice := ui.session.Notice(); notice != nil {
		if next := ui.session.Next(it.ID); next == nil || next.Section != it.Section || ui.returnToReview {
			ui.showUrgent(notice, it)
			return
		}
	}
	ui.continueAfter(it)
}

// continueAfter shows the next item in the flow, the review, or the item a
// change from the review left unanswered.
func (ui *UI) continueAfter(it *questionnaire.Item) {
	if ui.returnToReview {
		ui.advance() // what the change left open, else back to the review
		return
	}
	if next := ui.session.Next(it.ID); next != nil {
		ui.showItem(next)
		return
	}
	ui.advance()
}

// advance goes to the first unanswered item, or to the review when there is none.
func (ui *UI) advance() {
	if outcome, ended := ui.session.Ended(); ended {
		ui.showEnded(outcome)
		return
	}
	if open := ui.session.Unanswered(); len(open) > 0 {
		ui.showItem(open[0])
		return
	}
	ui.showReview()
}

// backFrom shows the item before it, or the welcome screen before the first.
func (ui *UI) backFrom(it *questionnaire.Item) {
	if ui.returnToReview {
		ui.showReview()
		return
	}
	if prev := ui.session.Previous(it.ID); prev != nil {
		ui.showItem(prev)
		return
	}
	ui.showWelcome()
}

// showEnded shows the screen of an outcome that ended the flow.
func (ui *UI) showEnded(outcome *questionnaire.Outcome) {
	if outcome.ID == "crisis" {
		ui.showCrisis()
		return
	}
	ui.showEndedOutcome(outcome)
}

// after runs f once the confirmation delay has passed, on the UI goroutine.
func (ui *UI) after(f func()) {
	if ui.opts.ConfirmDelay <= 0 {
		f()
		return
	}
	shown := ui.shown
	ui.later(ui.opts.ConfirmDelay, func() {
		if ui.shown == shown && ui.confirming { // no other screen came meanwhile (help, back)
			f()
		}
	})
}

// setProgress shows the section and the position of an item in it, as the
// session counts them given the answers so far.
func (ui *UI) setProgress(it *questionnaire.Item) {
	sec, pos, n := ui.session.Progress(it.ID)
	if sec == nil {
		return
	}
	part := 0
	for i, s := range ui.def.Sections {
		if s == sec {
			part = i + 1
		}
	}
	ui.progress.SetText(trf(ui.lang, "progress.section", sec.Title.In(ui.lang), pos, n) + "   " +
		trf(ui.lang, "progress.part", part, len(ui.def.Sections)))
	ui.progress.Show()
}

// scrolled wraps long content in a vertical scroller.
func scrolled(content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVScroll(content)
}
