// Package screens holds KetaScreen's Fyne user interface, one file per
// screen. Screens render a questionnaire session and report the person's
// actions back to it; every clinical decision (what is asked next, what the
// answers mean) is the session's.
package screens

import (
	"log"
	"runtime/debug"
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
	// Quit ends the app. On a desktop, closing the window or Ctrl+Q asks
	// first when answers would be lost; in a kiosk only the staff menu quits.
	Quit func()
	// Version is the app's version, shown on the education screen.
	Version string
	// SaveFolder is where the save dialog opens; empty means the person's
	// Documents folder, or their home folder.
	SaveFolder string
	// Background runs slow work (printing, looking for a printer) off the
	// UI goroutine; nil means a new goroutine. Tests run it at once.
	Background func(work func())
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
	// page is the current screen's scrolling part, if it has one.
	page *page
	// dialogOpen counts the app's own dialogs on screen: while one is open,
	// keys do not reach the screen behind it.
	dialogOpen int

	// nav turns the session's steps into screens and draws them again.
	nav *navigator

	// later runs f on the UI goroutine after a delay; tests replace it.
	later func(delay time.Duration, f func())
	// kiosk is set in kiosk mode; keysOverride takes the keys while the staff PIN pad is open.
	kiosk        *kioskState
	keysOverride *keyHandlers

	// scale and highContrast are the person's text size and contrast.
	scale        float32
	highContrast bool
	textSmaller  *keyButton
	textLarger   *keyButton
	contrast     *keyButton
	language     *keyButton // switches to the next language of the definition
	display      *keyButton // opens the controls above when they do not fit
	// topBack is Back as an arrow in the top bar, in a small window (see
	// footer); topBackWanted is set while a screen that has it is built.
	topBack       *keyButton
	topBackWanted bool
	// progressLong and progressShort say where the person is, with and
	// without the part of the questionnaire; empty where there is none.
	progressLong, progressShort string

	// summary is the current person's summary; cleared with the session.
	summary summaryState
	// builtCompact tells whether the screen shown was built for a window
	// that is small for its text size (see compact).
	builtCompact bool
	builtSize    fyne.Size
	redrawQueued bool
	// pendingRune is the character of the key just pressed (see typedKey).
	pendingRune   rune
	pendingRuneAt time.Time
}

// compact tells whether the window is small for the text size: then a
// screen keeps only its main actions fixed at its foot (Back, Continue) and
// puts the others (About, Read aloud, Add another) in its scrolling part, so
// the question and its answers keep the room.
func (ui *UI) compact() bool {
	h := ui.win.Canvas().Size().Height
	return h > 0 && h < 640*ui.scale
}

// onWindowLayout builds the screen again when the window becomes small or
// large for the text size (resized, or made full screen), so that its
// layout suits the new size.
func (ui *UI) onWindowLayout() {
	if ui.kiosk != nil {
		ui.kiosk.windowResized(ui.win.Canvas().Size())
	}
	// Only a new window size counts here: a new text size redraws at once.
	resized := func() bool { return ui.win.Canvas().Size() != ui.builtSize && ui.compact() != ui.builtCompact }
	if ui.nav.screen == nil || ui.redrawQueued || !resized() {
		return
	}
	ui.redrawQueued = true
	ui.later(0, func() {
		ui.redrawQueued = false
		if resized() {
			ui.redrawKeepingFocus()
		}
	})
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
	ui.nav = &navigator{ui: ui}
	ui.later = func(delay time.Duration, f func()) {
		time.AfterFunc(delay, func() { fyne.Do(func() { ui.safely(f) }) })
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
	controls := []fyne.CanvasObject{ui.textSmaller, ui.textLarger, ui.contrast}
	if len(def.Languages) > 1 {
		ui.language = ui.button("", widget.MediumImportance, ui.nextLanguage)
		controls = append(controls, ui.language)
	}
	top := ui.topBar(controls)
	ui.body = container.NewStack()
	watched := &fyne.Container{Layout: &notifyLayout{onLayout: ui.onWindowLayout}, Objects: []fyne.CanvasObject{ui.body}}
	ui.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewPadded(watched))
	ui.setLanguage(lang)
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { ui.safely(func() { ui.onKey(ev) }) })
	ui.addShortcuts()
	if opts.Kiosk == nil {
		// Closing the window (its button, Alt+F4, the window manager) or
		// Ctrl+Q asks first when answers would be lost.
		w.SetCloseIntercept(func() { ui.safely(ui.onQuitRequest) })
		w.SetContent(ui.root)
		ui.showWelcome()
		return ui
	}
	w.SetCloseIntercept(func() {}) // only the staff menu ends a kiosk
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

// addShortcuts adds the window's keyboard shortcuts: Alt+Left goes back;
// Ctrl and + or - change the text size and Ctrl+0 resets it; Ctrl+Shift+H
// turns high contrast on or off; on a desktop
// Ctrl+Q quits (asking first), Ctrl+S saves the summary as a PDF and
// Ctrl+Shift+S for a provider's system on the result screen.
func (ui *UI) addShortcuts() {
	c := ui.win.Canvas()
	add := func(key fyne.KeyName, mod fyne.KeyModifier, f func()) {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: mod}, func(fyne.Shortcut) {
			if ui.handingOver() {
				return
			}
			ui.touched()
			ui.safely(f)
		})
	}
	ctrl := fyne.KeyModifierShortcutDefault
	add(fyne.KeyLeft, fyne.KeyModifierAlt, ui.goBack)
	larger, smaller := func() { ui.setTextSize(+1) }, func() { ui.setTextSize(-1) }
	add(fyne.KeyEqual, ctrl, larger)
	add(fyne.KeyEqual, ctrl|fyne.KeyModifierShift, larger)
	add(fyne.KeyPlus, ctrl, larger)
	add(fyne.KeyMinus, ctrl, smaller)
	add(fyne.Key0, ctrl, func() { ui.setTextSize(-len(textScales)) })
	add(fyne.KeyH, ctrl|fyne.KeyModifierShift, ui.toggleContrast)
	if ui.opts.Kiosk != nil {
		return
	}
	add(fyne.KeyQ, ctrl, ui.onQuitRequest)
	add(fyne.KeyS, ctrl, func() { ui.onSaveShortcut(false) })
	add(fyne.KeyS, ctrl|fyne.KeyModifierShift, func() { ui.onSaveShortcut(true) })
}

// onQuitRequest ends the app, first asking when it holds answers that would
// be lost: a screening half done, or a result not yet saved.
func (ui *UI) onQuitRequest() {
	quit := func() {
		if ui.opts.Quit != nil {
			ui.opts.Quit()
		}
	}
	if ui.session.IsEmpty() {
		quit()
		return
	}
	l := ui.lang
	ui.confirm(tr(l, "quit.title"), tr(l, "quit.text"), tr(l, "quit.keep"), tr(l, "quit.go"), quit)
}

// safely runs one of the person's actions. Should anything in it fail
// unexpectedly, the app says so and stays where it is, with every answer
// kept, rather than closing.
func (ui *UI) safely(f func()) {
	defer func() {
		if r := recover(); r != nil {
			log.Printf("ketascreen: an action failed: %v\n%s", r, debug.Stack())
			ui.showMessage(tr(ui.lang, "error.title"), tr(ui.lang, "error.unexpected"), true)
		}
	}()
	f()
}

// Started tells the UI that the app is running and its window shown: a
// kiosk then makes sure its window has the focus.
func (ui *UI) Started() {
	if ui.kiosk != nil {
		ui.kiosk.started()
	}
}

// handingOver tells whether the kiosk is waiting for a fresh process to take
// its place: it then takes no key.
func (ui *UI) handingOver() bool { return ui.kiosk != nil && ui.kiosk.handingOver() }

// Session returns the session the UI renders.
func (ui *UI) Session() *questionnaire.Session { return ui.session }

// frame puts a drawn screen in the window, under the top bar: its content,
// its progress (only questions have one) and its title.
func (ui *UI) frame(d drawn) {
	name, title, content := d.name, d.title, d.content
	ui.builtCompact, ui.builtSize = ui.compact(), ui.win.Canvas().Size()
	setVisible(ui.topBack, ui.topBackWanted)
	ui.topBackWanted = false
	if name != screenQuestion && name != screenMedications && name != screenPicker {
		ui.progressLong, ui.progressShort = "", ""
		ui.progress.SetText("")
		ui.progress.Hide() // no empty band where there is no progress to show
	}
	if ui.page != nil {
		if _, in := positionIn(content, ui.page.Container); !in {
			ui.page = nil // this screen does not scroll
		}
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
	if ui.keysOverride != nil || ui.dialogOpen > 0 {
		return // the staff PIN pad or a dialog is open
	}
	if ui.nav.keys.back != nil {
		ui.nav.keys.back()
	}
}

// onKey handles keys that reach the screen: answer numbers, Enter, Backspace.
// Escape does nothing anywhere, so it cannot leave the crisis screen.
func (ui *UI) onKey(ev *fyne.KeyEvent) {
	if ui.handingOver() {
		return
	}
	ui.touched()
	keys := ui.nav.keys
	if ui.keysOverride != nil {
		keys = *ui.keysOverride
	} else if ui.dialogOpen > 0 {
		return // a dialog is open: nothing behind it may be answered
	}
	if r := keyRune(ev.Name); r != 0 {
		ui.typedKey(r)
	}
	switch ev.Name {
	case fyne.KeyEscape:
		// Escape only lets go of the focused control: it never leaves a
		// screen, so it cannot leave the crisis screen by accident.
		ui.win.Canvas().Unfocus()
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

// typedKey remembers the character of a key that was just pressed. A key
// arrives twice, as a key and then as a character: when the key opened a
// screen with a text field (1 opens the medicine search), the character
// must not be typed into that field.
func (ui *UI) typedKey(r rune) {
	ui.pendingRune, ui.pendingRuneAt = r, time.Now()
}

// swallowRune tells whether a character reaching a text field is the echo
// of the key that opened its screen, and forgets the key either way.
func (ui *UI) swallowRune(r rune) bool {
	echo := r == ui.pendingRune && time.Since(ui.pendingRuneAt) < 500*time.Millisecond
	ui.pendingRune = 0
	return echo
}

// keyRune is the character a key types, for the keys that move on.
func keyRune(k fyne.KeyName) rune {
	switch {
	case k == fyne.KeySpace:
		return ' '
	case len(k) == 1 && k[0] >= '0' && k[0] <= '9':
		return rune(k[0])
	}
	return 0
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
	ui.display.spoken = tr(lang, "access.display")
	ui.topBack.spoken = tr(lang, "nav.back")
	ui.textSmaller.spoken, ui.textLarger.spoken = tr(lang, "access.smaller"), tr(lang, "access.larger")
	if ui.language != nil {
		ui.language.SetText(languageName(ui.otherLanguage()))
	}
	ui.redrawKeepingFocus()
}

// redrawKeepingFocus builds the current screen again (new words, a new text
// size) and gives the keyboard focus back to where it was: the same button
// of the top bar, or the control in the same place on the screen.
func (ui *UI) redrawKeepingFocus() {
	if ui.nav.screen == nil {
		return
	}
	c := ui.win.Canvas()
	focused, _ := c.Focused().(fyne.CanvasObject)
	index := -1
	if focused != nil {
		index = slices.Index(focusables(ui.body), focused)
	}
	ui.nav.redraw()
	switch {
	case focused != nil && index < 0 && slices.Contains(focusables(ui.root), focused):
		c.Focus(focused.(fyne.Focusable)) // a top-bar button, which stays
	case index >= 0:
		if now := focusables(ui.body); index < len(now) {
			c.Focus(now[index].(fyne.Focusable))
		}
	}
}

// focusables lists the controls under o that take the keyboard focus, in
// the order Tab visits them.
func focusables(o fyne.CanvasObject) []fyne.CanvasObject {
	if o == nil || !o.Visible() {
		return nil
	}
	switch v := o.(type) {
	case *fyne.Container:
		var out []fyne.CanvasObject
		for _, child := range v.Objects {
			out = append(out, focusables(child)...)
		}
		return out
	case *container.Scroll:
		return focusables(v.Content)
	case fyne.Focusable:
		if d, ok := o.(fyne.Disableable); ok && d.Disabled() {
			return nil
		}
		return []fyne.CanvasObject{o}
	}
	return nil
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
	c := ui.win.Canvas()
	focused := c.Focused()
	setEnabled(ui.textSmaller, ui.scale != textScales[0])
	setEnabled(ui.textLarger, ui.scale != textScales[len(textScales)-1])
	// A– at the smallest size (A+ at the largest) cannot keep the focus: it
	// goes to the other one, not back to the start of the screen.
	switch {
	case focused == fyne.Focusable(ui.textSmaller) && ui.textSmaller.Disabled():
		c.Focus(ui.textLarger)
	case focused == fyne.Focusable(ui.textLarger) && ui.textLarger.Disabled():
		c.Focus(ui.textSmaller)
	}
	ui.redrawKeepingFocus()
}

func setEnabled(b *keyButton, enabled bool) {
	if enabled {
		b.Enable()
	} else {
		b.Disable()
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
func (ui *UI) onHelpNow() { ui.nav.enter(ui.session.HelpNow()) }

// onStart begins the questions, or picks up where the person left off.
func (ui *UI) onStart() { ui.nav.enter(ui.session.Start()) }

// showWelcome shows the welcome screen, before the questions.
func (ui *UI) showWelcome() { ui.nav.showOutside(&welcomeScreen{ui: ui}) }

// onStartOver forgets every answer and goes back to the welcome screen (in a
// kiosk, wipes everything and shows the attract screen).
func (ui *UI) onStartOver() {
	if ui.kiosk != nil {
		ui.kiosk.wipe()
		return
	}
	ui.session.Reset()
	ui.summary = summaryState{}
	ui.showWelcome()
}

// onStartOverAsked is the result screen's Start over. On a desktop it asks
// first, since the answers and the unsaved summary would be gone; in a
// kiosk the person is done and everything is wiped at once.
func (ui *UI) onStartOverAsked() {
	if ui.kiosk != nil {
		ui.onStartOver()
		return
	}
	l := ui.lang
	ui.confirm(tr(l, "start_over.title"), tr(l, "start_over.text"), tr(l, "start_over.keep"), tr(l, "start_over.go"), ui.onStartOver)
}

// check logs an error the session gave back for one of the person's
// actions: only a definition bug can cause one, and a tap that does nothing
// must at least leave a line in the log. It tells whether there was none.
func (ui *UI) check(err error) bool {
	if err != nil {
		log.Printf("ketascreen: the session refused an answer (a definition bug?): %v", err)
	}
	return err == nil
}

// background runs slow work off the UI goroutine (Options.Background).
func (ui *UI) background(work func()) {
	if ui.opts.Background != nil {
		ui.opts.Background(work)
		return
	}
	go work()
}

// resources are the crisis lines to show: a kiosk's own for its locale, or
// the definition's.
func (ui *UI) resources() []*questionnaire.Resource {
	if ui.kiosk == nil {
		return ui.def.Resources
	}
	return ui.kiosk.opts.Config.CrisisResources(ui.def, ui.lang)
}

// steps are an outcome's next steps here (a kiosk leaves out numbers that
// do not work where it is).
func (ui *UI) steps(outcome *questionnaire.Outcome) []questionnaire.Text {
	if ui.kiosk == nil {
		return outcome.NextSteps
	}
	return ui.kiosk.opts.Config.NextSteps(ui.def, outcome, ui.lang)
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
	ui.progressShort = trf(ui.lang, "progress.section", sec.Title.In(ui.lang), pos, n)
	ui.progressLong = ui.progressShort + "   " + trf(ui.lang, "progress.part", part, len(ui.def.Sections))
	ui.progress.SetText(ui.progressLong) // the top bar shortens it when room is short
	ui.progress.Show()
}

// scrolled puts a screen's long content in its page: a vertical scroller
// with a "More below" cue whenever part of it is hidden.
func (ui *UI) scrolled(content fyne.CanvasObject) fyne.CanvasObject {
	return ui.newPage(content).Container
}

// onFocused brings a control that got the keyboard focus into view.
func (ui *UI) onFocused(o fyne.CanvasObject) {
	if ui.page != nil {
		ui.page.reveal(o)
	}
}
