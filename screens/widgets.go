package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// keyButton is a large button that works from the keyboard as well as by
// touch: Space or Enter presses it when it has focus, and other keys (answer
// numbers, Backspace) go on to the screen, so they work whatever has focus.
type keyButton struct {
	widget.Button
	onOtherKey func(*fyne.KeyEvent)
	// spoken is what screen readers say when the text alone does not tell
	// (A– and A+); empty means the text.
	spoken string
}

// AccessibilityLabel is what a screen reader says for the button (with the
// accessibility build tag on Windows and macOS).
func (b *keyButton) AccessibilityLabel() string {
	if b.spoken != "" {
		return b.spoken
	}
	return strings.ReplaceAll(b.Text, "\n", " ")
}

func newKeyButton(text string, importance widget.Importance, tapped func(), other func(*fyne.KeyEvent)) *keyButton {
	b := &keyButton{onOtherKey: other}
	b.Text = text
	b.Importance = importance
	b.OnTapped = tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Space or Enter and passes other keys on.
func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		if !b.Disabled() && b.OnTapped != nil {
			b.OnTapped()
		}
	default:
		if b.onOtherKey != nil {
			b.onOtherKey(ev)
		}
	}
}

// MinSize keeps every button at least 56 px tall, larger than the 48 px a
// fingertip needs.
func (b *keyButton) MinSize() fyne.Size {
	s := b.Button.MinSize()
	return fyne.NewSize(s.Width, max(s.Height, 56))
}

// button makes a keyButton that tells the UI about the activity (for the
// kiosk's idle timer) before doing what it does.
func (ui *UI) button(text string, importance widget.Importance, tapped func()) *keyButton {
	return newKeyButton(text, importance, func() {
		ui.touched()
		if tapped != nil {
			tapped()
		}
	}, ui.onKey)
}

// fitWidth breaks a button's text into lines that fit the window, since a
// button does not wrap its text: at 200% a long answer would otherwise run
// off the screen.
func (ui *UI) fitWidth(text string, bold bool) string {
	size := fyne.CurrentApp().Settings().Theme().Size(theme.SizeNameText)
	width := ui.win.Canvas().Size().Width - 8*fyne.CurrentApp().Settings().Theme().Size(theme.SizeNameInnerPadding) - 3*size
	if width < 200 {
		return text
	}
	style := fyne.TextStyle{Bold: bold}
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		try := strings.TrimSpace(line + " " + word)
		if line != "" && fyne.MeasureText(try, size, style).Width > width {
			lines = append(lines, line)
			line = word
			continue
		}
		line = try
	}
	return strings.Join(append(lines, line), "\n")
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

// crisisStrip lists the crisis lines under their heading. Every screen that
// gives a result shows it.
func (ui *UI) crisisStrip() fyne.CanvasObject {
	lang := ui.lang
	text := widget.NewRichText(&widget.TextSegment{
		Text:  ui.def.Texts["crisis_heading"].In(lang),
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
