package screens

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// appDialog is one of the app's own dialogs: a question or a message in a
// card over the dimmed screen, in the person's language and text size, with
// the app's large buttons. While it is open, keys do not reach the screen
// behind it, and a tap beside it does nothing.
type appDialog struct {
	ui      *UI
	overlay *fyne.Container
	focused fyne.Focusable // what had the focus before, given back on close
	closed  bool
}

// openDialog shows a title, a message and buttons, and puts the keyboard
// focus on the first button, which must be the safe choice.
func (ui *UI) openDialog(title, message string, danger bool, buttons ...*keyButton) *appDialog {
	d := &appDialog{ui: ui, focused: ui.win.Canvas().Focused()}
	head := heading(title)
	if danger {
		head.Importance = widget.DangerImportance
	}
	row := make([]fyne.CanvasObject, len(buttons))
	for i, b := range buttons {
		row[i] = b
	}
	// The crisis route stays one tap away while a dialog covers the screen.
	help := ui.button(tr(ui.lang, "help.now"), widget.DangerImportance, func() {
		d.close()
		ui.onHelpNow()
	})
	help.SetIcon(theme.WarningIcon())
	top := container.NewVBox(buttonRow(fyne.TextAlignTrailing, help), head)
	text := body(message)
	foot := buttonRow(fyne.TextAlignTrailing, row...)
	// A long message scrolls between the title and the buttons, so that the
	// buttons are in the window however large the text.
	panel := container.NewBorder(top, foot, nil, nil, container.NewVScroll(text))
	sized := &fyne.Container{Layout: &dialogSize{win: ui.win, parts: []fyne.CanvasObject{top, text, foot}}, Objects: []fyne.CanvasObject{card(panel)}}
	d.overlay = container.NewStack(newTapCatcher(ui.touched), container.NewCenter(sized))
	d.overlay.Resize(ui.win.Canvas().Size())
	ui.dialogOpen++
	ui.win.Canvas().Overlays().Add(d.overlay)
	if len(buttons) > 0 {
		ui.win.Canvas().Focus(buttons[0])
	}
	return d
}

// close removes the dialog and gives the focus back.
func (d *appDialog) close() {
	if d.closed {
		return
	}
	d.closed = true
	d.ui.dialogOpen = max(d.ui.dialogOpen-1, 0)
	c := d.ui.win.Canvas()
	c.Overlays().Remove(d.overlay)
	if o, ok := d.focused.(fyne.CanvasObject); ok && slices.Contains(focusables(c.Content()), o) {
		c.Focus(d.focused)
	}
}

// showMessage tells the person something (a file was saved, or could not
// be) with one OK button.
func (ui *UI) showMessage(title, message string, isError bool) {
	var d *appDialog
	ok := ui.button(tr(ui.lang, "dialog.ok"), widget.HighImportance, func() { d.close() })
	d = ui.openDialog(title, message, isError, ok)
}

// confirm asks before something that loses work. The first button keeps
// everything as it is and has the focus; only the second does it.
func (ui *UI) confirm(title, message, keep, proceed string, onProceed func()) {
	var d *appDialog
	stay := ui.button(keep, widget.HighImportance, func() { d.close() })
	// Red is the help button's alone: the step that loses work is plain.
	do := ui.button(proceed, widget.MediumImportance, func() {
		d.close()
		onProceed()
	})
	d = ui.openDialog(title, message, false, stay, do)
}

// dialogSize gives a dialog a comfortable reading width and the height of
// its parts (title, message, buttons), neither more than the window has.
type dialogSize struct {
	win   fyne.Window
	parts []fyne.CanvasObject
}

func (l *dialogSize) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

func (l *dialogSize) MinSize([]fyne.CanvasObject) fyne.Size {
	win := l.win.Canvas().Size()
	pad := theme.Padding()
	inner := 4 * theme.Padding() // the card's own padding, both sides
	w := max(min(720, win.Width-4*pad), 200)
	h := inner + 2*pad
	for _, o := range l.parts {
		o.Resize(fyne.NewSize(w-inner, o.MinSize().Height)) // let wrapped text settle at this width
		h += o.MinSize().Height + pad
	}
	return fyne.NewSize(w, min(h, win.Height-2*pad))
}
