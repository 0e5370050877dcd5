package screens

import (
	"image/color"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// button makes a keyButton that tells the UI about the activity (for the
// kiosk's idle timer) before doing what it does.
func (ui *UI) button(text string, importance widget.Importance, tapped func()) *keyButton {
	b := newKeyButton(text, importance, func() {
		ui.touched()
		if tapped != nil {
			ui.safely(tapped)
		}
	}, func(ev *fyne.KeyEvent) { ui.safely(func() { ui.onKey(ev) }) })
	b.onFocus = ui.onFocused
	b.onSpace = func() { ui.typedKey(' ') }
	return b
}

func wrapped(text string, size fyne.ThemeSizeName, bold bool) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = size
	l.TextStyle = fyne.TextStyle{Bold: bold}
	return l
}

func heading(text string) *widget.Label { return wrapped(text, theme.SizeNameHeadingText, true) }

func subheading(text string) *widget.Label {
	return wrapped(text, theme.SizeNameSubHeadingText, true)
}

func body(text string) *widget.Label { return wrapped(text, theme.SizeNameText, false) }

func small(text string) *widget.Label { return wrapped(text, theme.SizeNameCaptionText, false) }

// outcomeHeading is an outcome's headline and, in a kiosk, what became of
// its staff alert ("we have told the staff", or go to the front desk).
func (ui *UI) outcomeHeading(outcome *questionnaire.Outcome) *fyne.Container {
	box := container.NewVBox(heading(outcome.Headline.In(ui.lang)))
	if ui.kiosk != nil {
		if text := ui.kiosk.alertText(outcome, ui.lang); text != "" {
			box.Add(wrapped(text, theme.SizeNameSubHeadingText, true))
		}
	}
	return box
}

// addSteps adds an outcome's explanation and its next steps, as bullets.
func (ui *UI) addSteps(box *fyne.Container, outcome *questionnaire.Outcome) {
	box.Add(body(outcome.Explanation.In(ui.lang)))
	for _, step := range ui.steps(outcome) {
		box.Add(body("• " + step.In(ui.lang)))
	}
}

// crisisStrip lists the crisis lines under their heading. Every screen that
// gives a result shows it.
func (ui *UI) crisisStrip() fyne.CanvasObject {
	lang := ui.lang
	text := widget.NewRichText(&widget.TextSegment{
		Text:  ui.def.Text(questionnaire.TextCrisisHeading).In(lang),
		Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}, SizeName: theme.SizeNameText, ColorName: theme.ColorNameForeground},
	})
	for _, r := range ui.resources() {
		text.Segments = append(text.Segments, &widget.TextSegment{
			Text:  r.Text.In(lang),
			Style: widget.RichTextStyle{SizeName: theme.SizeNameText, ColorName: theme.ColorNameForeground},
		})
	}
	text.Wrapping = fyne.TextWrapWord
	return text
}

// keyEntry is a text field that draws the app's focus ring around itself
// when it has the keyboard focus, and scrolls into view then.
type keyEntry struct {
	widget.Entry
	ring    *canvas.Rectangle
	onFocus func(fyne.CanvasObject)
	// echo tells whether a character is the echo of the key that opened
	// the field's screen, which must not be typed into it.
	echo func(rune) bool
	// private is set in a kiosk: the field neither copies, cuts nor pastes,
	// and has no right-click menu, so that no text passes from one person
	// to the next through the clipboard.
	private bool
	// word gives the right-click menu's words in the app's language
	// (Fyne's own menu follows the system's).
	word func(key string) string
}

// TypedShortcut handles the field's shortcuts, without the clipboard ones
// in a kiosk; a paste takes only as much as the field has room for.
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *fyne.ShortcutCopy, *fyne.ShortcutCut:
		if e.private {
			return
		}
	case *fyne.ShortcutPaste:
		if e.private || sc.Clipboard == nil {
			return
		}
		room := maxFieldRunes - utf8.RuneCountInString(e.Text) + utf8.RuneCountInString(e.SelectedText())
		s = &fyne.ShortcutPaste{Clipboard: cutClipboard{sc.Clipboard, max(0, room)}}
	}
	e.Entry.TypedShortcut(s)
}

// maxFieldRunes is the most characters a text field takes, typed or
// pasted: a text answer keeps no more (questionnaire.MaxTextLength), and a
// medicine's name is shorter.
const maxFieldRunes = questionnaire.MaxTextLength

// cutClipboard gives at most room characters of a clipboard's text.
type cutClipboard struct {
	fyne.Clipboard
	room int
}

func (c cutClipboard) Content() string {
	text := c.Clipboard.Content()
	if utf8.RuneCountInString(text) <= c.room {
		return text
	}
	return string([]rune(text)[:c.room])
}

// TappedSecondary opens the field's menu (Cut, Copy, Paste, Select all) in
// the app's language, except in a kiosk.
func (e *keyEntry) TappedSecondary(pe *fyne.PointEvent) {
	if e.private {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(e)
	if c == nil {
		return // not on screen
	}
	c.Focus(e)
	clip := fyne.CurrentApp().Clipboard()
	item := func(key string, s fyne.Shortcut) *fyne.MenuItem {
		return fyne.NewMenuItem(e.word(key), func() { e.TypedShortcut(s) })
	}
	menu := fyne.NewMenu("",
		item("field.cut", &fyne.ShortcutCut{Clipboard: clip}),
		item("field.copy", &fyne.ShortcutCopy{Clipboard: clip}),
		item("field.paste", &fyne.ShortcutPaste{Clipboard: clip}),
		item("field.select_all", &fyne.ShortcutSelectAll{}))
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(e).Add(pe.Position)
	widget.ShowPopUpMenuAtPosition(menu, c, at)
}

// TypedRune types a character, unless it is the echo of the key that
// brought the field up.
func (e *keyEntry) TypedRune(r rune) {
	if e.echo != nil && e.echo(r) {
		return
	}
	if utf8.RuneCountInString(e.Text)-utf8.RuneCountInString(e.SelectedText()) >= maxFieldRunes {
		return // full: the field stops at its limit
	}
	e.Entry.TypedRune(r)
}

// entry makes a one-line text field and the frame that holds it (with its
// focus ring); put the frame on screen.
func (ui *UI) entry(placeholder string) (*keyEntry, fyne.CanvasObject) {
	e := &keyEntry{ring: &canvas.Rectangle{StrokeWidth: focusRingWidth}}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder(placeholder)
	e.onFocus = ui.onFocused
	e.echo = ui.swallowRune
	e.private = ui.kiosk != nil
	e.word = func(key string) string { return tr(ui.lang, key) }
	e.ring.Hide()
	frame := &fyne.Container{Layout: &insetLayout{inset: frameInset}, Objects: []fyne.CanvasObject{e.ring, e}}
	e.refreshRing()
	return e, frame
}

func (e *keyEntry) refreshRing() {
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := fyne.CurrentApp().Settings().Theme()
	e.ring.StrokeColor = th.Color(colorNameFocusRing, v)
	e.ring.FillColor = color.Transparent
	e.ring.CornerRadius = th.Size(theme.SizeNameInputRadius) + focusRingGap
	e.ring.Refresh()
}

// FocusGained shows the focus ring and brings the field into view.
func (e *keyEntry) FocusGained() {
	e.Entry.FocusGained()
	e.refreshRing()
	e.ring.Show()
	if e.onFocus != nil {
		e.onFocus(e)
	}
}

// FocusLost hides the focus ring.
func (e *keyEntry) FocusLost() {
	e.Entry.FocusLost()
	e.ring.Hide()
}

// insetLayout draws its first object (a focus ring) over the whole area and
// the others inset within it.
type insetLayout struct{ inset float32 }

func (l *insetLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for i, o := range objects {
		if i == 0 {
			o.Move(fyne.NewPos(focusRingWidth/2, focusRingWidth/2))
			o.Resize(fyne.NewSize(size.Width-focusRingWidth, size.Height-focusRingWidth))
			continue
		}
		o.Move(fyne.NewPos(l.inset, l.inset))
		o.Resize(fyne.NewSize(size.Width-2*l.inset, size.Height-2*l.inset))
	}
}

func (l *insetLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects[min(1, len(objects)):] {
		s = s.Max(o.MinSize())
	}
	return s.AddWidthHeight(2*l.inset, 2*l.inset)
}
