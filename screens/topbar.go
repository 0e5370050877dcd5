package screens

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// topBar builds the bar at the top of every screen: in a small window a
// Back arrow, the progress, the display controls (text size, contrast,
// language) and "I need help now". When the controls do not fit on the row
// beside the help button, they fold into one "Aa" button that opens them in
// a panel, so that the help button is always on the top row, whole, and
// the questions keep the room. The progress goes on a row of its own when
// it does not fit beside them.
func (ui *UI) topBar(controls []fyne.CanvasObject) fyne.CanvasObject {
	// "Aa" is short enough to sit beside the help button at any size; a
	// screen reader says what it is for.
	ui.display = ui.button("Aa", widget.MediumImportance, ui.showDisplayPanel)
	ui.display.spoken = tr(ui.lang, "access.display")
	ui.topBack = ui.button("", widget.MediumImportance, func() { ui.goBack() })
	ui.topBack.SetIcon(theme.NavigateBackIcon())
	ui.topBack.spoken = tr(ui.lang, "nav.back")
	ui.topBack.Hide()
	objects := []fyne.CanvasObject{ui.topBack, ui.progress}
	objects = append(append(objects, controls...), ui.display, ui.help)
	return &fyne.Container{Layout: &topBarLayout{controls: len(controls), ui: ui}, Objects: objects}
}

// topBarLayout lays out, in this order, the Back arrow, the progress, the
// display controls, the Display button and the help button.
type topBarLayout struct {
	controls int
	ui       *UI     // whose progress texts, long and short, it shows
	width    float32 // of the last layout, for MinSize
}

// topBarParts names the objects of a top bar.
type topBarParts struct {
	back, progress fyne.CanvasObject
	controls       []fyne.CanvasObject
	display, help  fyne.CanvasObject
}

func (l *topBarLayout) parts(objects []fyne.CanvasObject) topBarParts {
	n := len(objects)
	return topBarParts{back: objects[0], progress: objects[1], controls: objects[2 : 2+l.controls], display: objects[n-2], help: objects[n-1]}
}

// plan is where everything goes at a width: the buttons of the top row
// (back, then the right-hand ones), and whether the progress fits beside
// them or needs a row of its own.
type topBarPlan struct {
	left, right   []fyne.CanvasObject
	progressInRow bool
	progressShown bool
	progressText  string
}

func widthOf(objects []fyne.CanvasObject) float32 {
	var w float32
	for i, o := range objects {
		if i > 0 {
			w += theme.Padding()
		}
		w += naturalOf(o).Width
	}
	return w
}

func (l *topBarLayout) plan(objects []fyne.CanvasObject, width float32) topBarPlan {
	p := l.parts(objects)
	gap := theme.Padding()
	var plan topBarPlan
	if p.back.Visible() {
		plan.left = []fyne.CanvasObject{p.back}
	}
	leftW := widthOf(plan.left)
	if leftW > 0 {
		leftW += gap
	}
	plan.right = append(append([]fyne.CanvasObject{}, p.controls...), p.help)
	if leftW+widthOf(plan.right) > width {
		plan.right = []fyne.CanvasObject{p.display, p.help}
	}
	label, _ := p.progress.(*widget.Label)
	plan.progressShown = p.progress.Visible() && label != nil && l.ui.progressLong != ""
	plan.progressText = l.ui.progressLong
	if plan.progressShown {
		room := width - leftW - gap - widthOf(plan.right)
		switch {
		case lineWidth(label, l.ui.progressLong) <= room:
			plan.progressInRow = true
		case lineWidth(label, l.ui.progressShort) <= room:
			// beside the buttons, without the part of the questionnaire
			plan.progressInRow, plan.progressText = true, l.ui.progressShort
		}
	}
	return plan
}

// lineWidth is the width of a label holding a text on one line.
func lineWidth(l *widget.Label, text string) float32 {
	size := l.Theme().Size(l.SizeName)
	return fyne.MeasureText(text, size, l.TextStyle).Width + 2*l.Theme().Size(theme.SizeNameInnerPadding)
}

func (l *topBarLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	p := l.parts(objects)
	plan := l.plan(objects, size.Width)
	for _, o := range append(append([]fyne.CanvasObject{}, p.controls...), p.display) {
		setVisible(o, slices.Contains(plan.right, o))
	}
	row := append(append([]fyne.CanvasObject{}, plan.left...), plan.right...)
	rows := &rowsLayout{align: fyne.TextAlignTrailing, fromEnd: true, lead: len(plan.left) > 0, width: size.Width}
	rowHeight := rows.MinSize(visibleAll(row)).Height
	rows.Layout(row, fyne.NewSize(size.Width, rowHeight))
	if !plan.progressShown {
		return
	}
	if label := p.progress.(*widget.Label); label.Text != plan.progressText {
		label.SetText(plan.progressText)
	}
	if plan.progressInRow {
		x := widthOf(plan.left)
		if x > 0 {
			x += theme.Padding()
		}
		w := lineWidth(p.progress.(*widget.Label), plan.progressText)
		p.progress.Resize(fyne.NewSize(w, p.progress.MinSize().Height))
		h := p.progress.MinSize().Height
		p.progress.Move(fyne.NewPos(x, (rowHeight-h)/2))
		p.progress.Resize(fyne.NewSize(w, h))
		return
	}
	p.progress.Move(fyne.NewPos(0, rowHeight+theme.Padding()))
	p.progress.Resize(fyne.NewSize(size.Width, p.progress.MinSize().Height))
}

func (l *topBarLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	width := l.width
	if width <= 0 {
		width = 1 << 20
	}
	p := l.parts(objects)
	plan := l.plan(objects, width)
	row := append(append([]fyne.CanvasObject{}, plan.left...), plan.right...)
	rows := &rowsLayout{align: fyne.TextAlignTrailing, fromEnd: true, lead: len(plan.left) > 0, width: l.width}
	s := rows.MinSize(visibleAll(row))
	if plan.progressShown && !plan.progressInRow {
		s.Height += theme.Padding() + p.progress.MinSize().Height
	}
	s.Width = max(s.Width, p.help.MinSize().Width)
	return s
}

// visibleAll is the objects as the row will show them: rowsLayout leaves
// out hidden objects, and these are about to be shown.
func visibleAll(objects []fyne.CanvasObject) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(objects))
	for i, o := range objects {
		out[i] = alwaysVisible{o}
	}
	return out
}

// alwaysVisible measures an object as if it were shown.
type alwaysVisible struct{ fyne.CanvasObject }

func (alwaysVisible) Visible() bool { return true }

func (a alwaysVisible) naturalSize() fyne.Size { return naturalOf(a.CanvasObject) }

func (a alwaysVisible) sizeAt(width float32) fyne.Size { return sizeAt(a.CanvasObject, width) }

// footer is a screen's fixed foot: Back at the leading edge and the ways on
// at the trailing one. In a small window (see compact) Back becomes an
// arrow in the top bar instead, and a foot left empty takes no room.
func (ui *UI) footer(back *keyButton, right ...fyne.CanvasObject) fyne.CanvasObject {
	var ways []fyne.CanvasObject
	for _, o := range right {
		if o != nil {
			ways = append(ways, o)
		}
	}
	if back != nil && ui.compact() {
		ui.topBackWanted = true
		back = nil
	}
	if back == nil && len(ways) == 0 {
		return nil
	}
	if back == nil {
		return bottomBar(nil, ways...)
	}
	return bottomBar(back, ways...)
}

// showDisplayPanel opens the display controls in a panel over the screen;
// each keeps the panel open, so the person sees what it changed.
func (ui *UI) showDisplayPanel() { ui.openDisplayPanel(0) }

func (ui *UI) openDisplayPanel(focus int) {
	l := ui.lang
	var d *appDialog
	again := func(i int, f func()) func() {
		return func() {
			d.close()
			f()
			ui.openDisplayPanel(i)
		}
	}
	smaller := ui.button("A–", widget.MediumImportance, again(0, func() { ui.setTextSize(-1) }))
	smaller.spoken = tr(l, "access.smaller")
	larger := ui.button("A+", widget.MediumImportance, again(1, func() { ui.setTextSize(+1) }))
	larger.spoken = tr(l, "access.larger")
	if ui.scale == textScales[0] {
		smaller.Disable()
	}
	if ui.scale == textScales[len(textScales)-1] {
		larger.Disable()
	}
	contrast := ui.button(tr(l, "access.contrast"), widget.MediumImportance, again(2, ui.toggleContrast))
	buttons := []*keyButton{smaller, larger, contrast}
	if ui.language != nil {
		buttons = append(buttons, ui.button(languageName(ui.otherLanguage()), widget.MediumImportance, again(3, ui.nextLanguage)))
	}
	done := ui.button(tr(l, "access.done"), widget.HighImportance, func() { d.close() })
	buttons = append(buttons, done)
	d = ui.openDialog(tr(l, "access.display"), tr(l, "access.display_text"), false, buttons...)
	for focus < len(buttons) && buttons[focus].Disabled() {
		focus++
	}
	if focus < len(buttons) {
		ui.win.Canvas().Focus(buttons[focus])
	}
}
