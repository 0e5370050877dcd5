package screens

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// keyButton is the app's button. Unlike Fyne's, its text wraps to the width
// it is given (a long answer at 200% never runs off the screen), it can show
// the number key that presses it, and the keyboard focus draws a thick
// outline around it that no theme confuses with a chosen answer. Space or
// Enter presses it when it has focus; other keys (answer numbers,
// Backspace) go on to the screen, so they work whatever has focus.
type keyButton struct {
	widget.DisableableWidget

	Text          string
	Icon          fyne.Resource
	Importance    widget.Importance
	Alignment     widget.ButtonAlign
	IconPlacement widget.ButtonIconPlacement
	OnTapped      func()
	// Key is the number key that chooses this answer ("1"), shown on the
	// button's leading edge; empty shows none.
	Key string

	onOtherKey func(*fyne.KeyEvent)
	// onSpace runs before Space presses the button (see UI.typedKey).
	onSpace func()
	// onFocus runs when the button gets the keyboard focus, so the screen
	// can scroll it into view.
	onFocus func(fyne.CanvasObject)
	// spoken is what screen readers say when the text alone does not tell
	// (A– and A+); empty means the text.
	spoken string

	hovered, focused bool
}

// The parts of a keyButton's frame, in Fyne units.
const (
	focusRingWidth = 3
	focusRingGap   = 2
	// frameInset keeps the focus ring inside the button's own area, so no
	// neighbour or scroll edge can paint over it.
	frameInset = focusRingWidth + focusRingGap
	// minButtonHeight is larger than the 48 px a fingertip needs.
	minButtonHeight = 56
)

func newKeyButton(text string, importance widget.Importance, tapped func(), other func(*fyne.KeyEvent)) *keyButton {
	b := &keyButton{Text: text, Importance: importance, OnTapped: tapped, onOtherKey: other}
	b.ExtendBaseWidget(b)
	return b
}

// SetText changes the button's text.
func (b *keyButton) SetText(text string) {
	b.Text = text
	b.Refresh()
}

// SetIcon changes the button's icon; nil removes it.
func (b *keyButton) SetIcon(icon fyne.Resource) {
	b.Icon = icon
	b.Refresh()
}

// AccessibilityLabel is what a screen reader says for the button (with the
// accessibility build tag on Windows and macOS).
func (b *keyButton) AccessibilityLabel() string {
	if b.spoken != "" {
		return b.spoken
	}
	return b.Text
}

// AccessibilityRole tells screen readers that this is a button.
func (b *keyButton) AccessibilityRole() fyne.AccessibleRole { return fyne.AccessibleRoleButton }

// Tapped presses the button.
func (b *keyButton) Tapped(*fyne.PointEvent) { b.press() }

func (b *keyButton) press() {
	if !b.Disabled() && b.OnTapped != nil {
		b.OnTapped()
	}
}

// TypedKey presses the button on Space or Enter and passes other keys on.
func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace, fyne.KeyReturn, fyne.KeyEnter:
		if ev.Name == fyne.KeySpace && b.onSpace != nil {
			b.onSpace()
		}
		b.press()
	default:
		if b.onOtherKey != nil {
			b.onOtherKey(ev)
		}
	}
}

// TypedRune does nothing: keys arrive through TypedKey.
func (b *keyButton) TypedRune(rune) {}

// FocusGained draws the focus ring and lets the screen bring the button into view.
func (b *keyButton) FocusGained() {
	b.focused = true
	b.Refresh()
	if b.onFocus != nil {
		b.onFocus(b)
	}
}

// FocusLost removes the focus ring.
func (b *keyButton) FocusLost() {
	b.focused = false
	b.Refresh()
}

// MouseIn shows that the button can be pressed.
func (b *keyButton) MouseIn(*desktop.MouseEvent) {
	b.hovered = true
	b.Refresh()
}

// MouseMoved does nothing.
func (b *keyButton) MouseMoved(*desktop.MouseEvent) {}

// MouseOut ends the hover look.
func (b *keyButton) MouseOut() {
	b.hovered = false
	b.Refresh()
}

// Cursor is the pointing hand.
func (b *keyButton) Cursor() desktop.Cursor { return desktop.PointerCursor }

// MinSize is the smallest the button can be: as wide as its longest word,
// and as tall as its text needs at its present width (at least 56 px).
func (b *keyButton) MinSize() fyne.Size {
	b.ExtendBaseWidget(b)
	m := b.metrics()
	width := m.fixedWidth() + m.longestWord()
	textWidth := m.naturalText()
	if w := b.Size().Width; w > 0 {
		textWidth = w - m.fixedWidth()
	}
	return fyne.NewSize(width, m.heightFor(textWidth))
}

// naturalSize is the button with its text on one line, the size a row of
// buttons gives it when there is room.
func (b *keyButton) naturalSize() fyne.Size {
	m := b.metrics()
	return fyne.NewSize(m.fixedWidth()+m.naturalText(), m.heightFor(m.naturalText()))
}

// sizeAt is the button's height when it is given a width.
func (b *keyButton) sizeAt(width float32) fyne.Size {
	m := b.metrics()
	width = max(width, m.fixedWidth()+m.longestWord())
	return fyne.NewSize(width, m.heightFor(width-m.fixedWidth()))
}

// CreateRenderer builds the button's frame, icon, key and text.
func (b *keyButton) CreateRenderer() fyne.WidgetRenderer {
	b.ExtendBaseWidget(b)
	r := &keyButtonRenderer{
		b:     b,
		ring:  &canvas.Rectangle{StrokeWidth: focusRingWidth},
		bg:    &canvas.Rectangle{},
		badge: &canvas.Rectangle{StrokeWidth: 2},
		key:   &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}, Alignment: fyne.TextAlignCenter},
		icon:  &canvas.Image{FillMode: canvas.ImageFillContain},
	}
	r.Refresh()
	return r
}

// buttonMetrics measures a button's parts in the current theme.
type buttonMetrics struct {
	b        *keyButton
	pad      float32 // inside the frame, around the content
	gap      float32 // between key, icon and text
	textSize float32
	lineH    float32
	iconSize float32
	keyWidth float32 // 0 when there is no key
}

func (b *keyButton) metrics() buttonMetrics {
	th := b.Theme()
	m := buttonMetrics{b: b, pad: th.Size(theme.SizeNameInnerPadding), textSize: th.Size(theme.SizeNameText), iconSize: th.Size(theme.SizeNameInlineIcon)}
	m.gap = m.pad * 0.8
	m.lineH = fyne.MeasureText("Mg", m.textSize, m.style()).Height
	if b.Key != "" {
		m.keyWidth = m.lineH + 4
	}
	return m
}

func (m buttonMetrics) style() fyne.TextStyle { return fyne.TextStyle{Bold: true} }

// fixedWidth is everything across the button but the text.
func (m buttonMetrics) fixedWidth() float32 {
	w := 2*frameInset + 2*m.pad
	if m.keyWidth > 0 {
		w += m.keyWidth + m.gap
	}
	if m.b.Icon != nil {
		w += m.iconSize
		if m.b.Text != "" {
			w += m.gap
		}
	}
	return w
}

func (m buttonMetrics) naturalText() float32 {
	return fyne.MeasureText(m.b.Text, m.textSize, m.style()).Width
}

func (m buttonMetrics) longestWord() float32 {
	var w float32
	for _, word := range strings.Fields(m.b.Text) {
		w = max(w, fyne.MeasureText(word, m.textSize, m.style()).Width)
	}
	return w
}

func (m buttonMetrics) heightFor(textWidth float32) float32 {
	lines := len(wrapText(m.b.Text, textWidth, m.textSize, m.style()))
	content := max(float32(lines)*m.lineH, m.iconSize, m.lineH)
	return max(minButtonHeight, content+2*frameInset+0.8*m.pad)
}

// wrapText breaks text into lines no wider than width, at spaces; a word
// wider than the whole width is broken between letters.
func wrapText(text string, width, size float32, style fyne.TextStyle) []string {
	words := strings.Fields(text)
	if len(words) == 0 {
		return []string{""}
	}
	fits := func(s string) bool { return fyne.MeasureText(s, size, style).Width <= width+0.5 }
	var lines []string
	line := ""
	for _, word := range words {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if fits(try) {
			line = try
			continue
		}
		if line != "" {
			lines = append(lines, line)
		}
		line = word
		for !fits(line) && len([]rune(line)) > 1 { // a very long word: break it
			runes := []rune(line)
			cut := len(runes) - 1
			for cut > 1 && !fits(string(runes[:cut])) {
				cut--
			}
			lines = append(lines, string(runes[:cut]))
			line = string(runes[cut:])
		}
	}
	return append(lines, line)
}

type keyButtonRenderer struct {
	b     *keyButton
	ring  *canvas.Rectangle
	bg    *canvas.Rectangle
	badge *canvas.Rectangle
	key   *canvas.Text
	icon  *canvas.Image
	lines []*canvas.Text
	// textColour is the colour of the text in the button's present state.
	textColour color.Color
}

func (r *keyButtonRenderer) Destroy() {}

func (r *keyButtonRenderer) MinSize() fyne.Size { return r.b.MinSize() }

func (r *keyButtonRenderer) Objects() []fyne.CanvasObject {
	objs := []fyne.CanvasObject{r.ring, r.bg, r.badge, r.key, r.icon}
	for _, l := range r.lines {
		objs = append(objs, l)
	}
	return objs
}

// colours picks the face, text and outline colours for the button's state.
func (r *keyButtonRenderer) colours(th fyne.Theme, v fyne.ThemeVariant) (face, text, outline color.Color, textName fyne.ThemeColorName) {
	b := r.b
	faceName, textName := theme.ColorNameButton, theme.ColorNameForeground
	switch {
	case b.Disabled():
		faceName, textName = theme.ColorNameDisabledButton, theme.ColorNameDisabled
	case b.Importance == widget.DangerImportance:
		faceName, textName = theme.ColorNameError, theme.ColorNameForegroundOnError
	case b.Importance == widget.HighImportance:
		faceName, textName = theme.ColorNamePrimary, theme.ColorNameForegroundOnPrimary
	}
	face = th.Color(faceName, v)
	if b.hovered && !b.Disabled() {
		face = blend(face, th.Color(theme.ColorNameHover, v))
	}
	outline = color.Transparent
	if faceName == theme.ColorNameButton {
		// A plain button is outlined, so it stands out from the page in the
		// light theme too, where its face is nearly the page's colour.
		outline = th.Color(theme.ColorNameInputBorder, v)
	}
	return face, th.Color(textName, v), outline, textName
}

func (r *keyButtonRenderer) Refresh() {
	b := r.b
	th := b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	face, text, outline, textName := r.colours(th, v)
	radius := th.Size(theme.SizeNameInputRadius)

	r.ring.StrokeColor = th.Color(colorNameFocusRing, v)
	r.ring.FillColor = color.Transparent
	r.ring.CornerRadius = radius + focusRingGap
	r.ring.Hidden = !b.focused
	r.bg.FillColor = face
	r.bg.StrokeColor = outline
	r.bg.StrokeWidth = 1
	r.bg.CornerRadius = radius

	r.badge.Hidden, r.key.Hidden = b.Key == "", b.Key == ""
	r.badge.FillColor = color.Transparent
	r.badge.StrokeColor = text
	r.badge.CornerRadius = radius
	r.key.Text = b.Key
	r.key.Color = text

	r.icon.Hidden = b.Icon == nil
	iconChanged := false
	if b.Icon != nil {
		icon := colouredIcon(b.Icon, textName, text)
		iconChanged = icon != r.icon.Resource
		r.icon.Resource = icon
	}
	r.textColour = text
	r.layout(b.Size())
	for _, o := range r.Objects() {
		// An image's refresh reads and parses its SVG again: only when
		// the icon or its colour changed (Fyne redraws it on a resize).
		if o != fyne.CanvasObject(r.icon) || iconChanged {
			o.Refresh()
		}
	}
}

func (r *keyButtonRenderer) Layout(size fyne.Size) {
	r.layout(size)
}

// layout places the frame, then the key, icon and text lines inside it.
func (r *keyButtonRenderer) layout(size fyne.Size) {
	b := r.b
	m := b.metrics()
	r.ring.Move(fyne.NewPos(focusRingWidth/2, focusRingWidth/2))
	r.ring.Resize(fyne.NewSize(size.Width-focusRingWidth, size.Height-focusRingWidth))
	r.bg.Move(fyne.NewPos(frameInset, frameInset))
	r.bg.Resize(fyne.NewSize(size.Width-2*frameInset, size.Height-2*frameInset))

	textWidth := size.Width - m.fixedWidth()
	lines := wrapText(b.Text, textWidth, m.textSize, m.style())
	r.setLines(lines, m)
	var widest float32
	for _, l := range r.lines {
		widest = max(widest, l.MinSize().Width)
	}
	content := m.fixedWidth() - 2*frameInset - 2*m.pad + widest
	x := frameInset + m.pad
	if b.Alignment == widget.ButtonAlignCenter {
		x = max(x, (size.Width-content)/2)
	}
	mid := size.Height / 2
	if m.keyWidth > 0 {
		r.badge.Move(fyne.NewPos(x, mid-m.keyWidth/2))
		r.badge.Resize(fyne.NewSquareSize(m.keyWidth))
		r.key.TextSize = m.textSize
		r.key.Move(fyne.NewPos(x, mid-m.lineH/2))
		r.key.Resize(fyne.NewSize(m.keyWidth, m.lineH))
		x += m.keyWidth + m.gap
	}
	iconLeading := b.IconPlacement != widget.ButtonIconTrailingText
	if b.Icon != nil && iconLeading {
		r.icon.Move(fyne.NewPos(x, mid-m.iconSize/2))
		r.icon.Resize(fyne.NewSquareSize(m.iconSize))
		x += m.iconSize + m.gap
	}
	top := mid - float32(len(r.lines))*m.lineH/2
	for i, l := range r.lines {
		l.Move(fyne.NewPos(x, top+float32(i)*m.lineH))
		l.Resize(fyne.NewSize(widest, m.lineH))
	}
	if b.Icon != nil && !iconLeading {
		r.icon.Move(fyne.NewPos(x+widest+m.gap, mid-m.iconSize/2))
		r.icon.Resize(fyne.NewSquareSize(m.iconSize))
	}
}

// setLines keeps one canvas.Text per line of the wrapped text.
func (r *keyButtonRenderer) setLines(lines []string, m buttonMetrics) {
	for len(r.lines) < len(lines) {
		r.lines = append(r.lines, &canvas.Text{TextStyle: m.style()})
	}
	r.lines = r.lines[:len(lines)]
	for i, l := range r.lines {
		l.Text = lines[i]
		l.TextSize = m.textSize
		l.Color = r.textColour
		l.Alignment = fyne.TextAlignLeading
		if r.b.Alignment == widget.ButtonAlignCenter {
			l.Alignment = fyne.TextAlignCenter
		}
	}
}

// blend lays a translucent colour over another, as Fyne does for hover.
func blend(under, over color.Color) color.Color {
	ur, ug, ub, ua := under.RGBA()
	or, og, ob, oa := over.RGBA()
	mix := func(o, u uint32) uint16 { return uint16((o + u - u*oa/0xFFFF) & 0xFFFF) }
	return color.RGBA64{R: mix(or, ur), G: mix(og, ug), B: mix(ob, ub), A: mix(oa, ua)}
}
