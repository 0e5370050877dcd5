package screens

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"ketascreen/kiosk"
)

// pinPad is the staff PIN pad over the kiosk, and the staff menu it opens.
type pinPad struct {
	ui      *UI
	overlay *fyne.Container
	digits  string
	shown   *widget.Label
	message *widget.Label
	unused  kiosk.Timer // closes the pad when nobody has pressed it for padUnused
}

// padUnused is how long the PIN pad or the staff menu stays open without a
// press: then it closes itself and gives the keys back, so that a pad left
// open on the attract screen does not take the next person's keys.
const padUnused = time.Minute

// showPINPad opens the staff PIN pad (after the corner is held for 3 s).
func (ui *UI) showPINPad() {
	ui.kiosk.closePad()
	p := &pinPad{ui: ui, shown: heading(""), message: body("")}
	ui.kiosk.pad = p
	p.shown.Alignment = fyne.TextAlignCenter
	p.message.Alignment = fyne.TextAlignCenter
	keys := container.NewGridWithColumns(3)
	for _, d := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9"} {
		keys.Add(p.digitButton(d))
	}
	keys.Add(ui.button(tr(ui.lang, "pin.clear"), widget.MediumImportance, p.clear))
	keys.Add(p.digitButton("0"))
	keys.Add(ui.button(tr(ui.lang, "pin.ok"), widget.HighImportance, p.submit))
	cancel := ui.button(tr(ui.lang, "pin.cancel"), widget.MediumImportance, p.close)
	panel := container.NewVBox(subheading(tr(ui.lang, "pin.heading")), p.shown, p.message,
		keys, cancel)
	p.open(panel)
	if ui.kiosk.pin.Locked() {
		p.showLocked()
	}
	ui.keysOverride = &keyHandlers{
		digit: func(n int) { p.add(string(rune('0' + n))) },
		enter: p.submit,
		back:  p.clear,
	}
}

func (p *pinPad) digitButton(d string) fyne.CanvasObject {
	return p.ui.button(d, widget.MediumImportance, func() { p.add(d) })
}

// pressed starts the pad's unused time again.
func (p *pinPad) pressed() {
	kiosk.Stop(p.unused)
	p.unused = p.ui.kiosk.after(padUnused, p.close)
}

// open shows a panel over everything, on a dimmed, tap-absorbing backdrop.
func (p *pinPad) open(panel fyne.CanvasObject) {
	c := p.ui.win.Canvas()
	if p.overlay != nil {
		c.Overlays().Remove(p.overlay)
	}
	p.overlay = container.NewStack(newTapCatcher(p.ui.touched), container.NewCenter(card(capped(p.ui.win, panel))))
	p.overlay.Resize(c.Size())
	c.Overlays().Add(p.overlay)
	p.pressed()
}

func (p *pinPad) add(d string) {
	p.pressed()
	if len(p.digits) < 12 {
		p.digits += d
	}
	p.shown.SetText(strings.TrimSpace(strings.Repeat("• ", len(p.digits))))
}

func (p *pinPad) clear() {
	p.pressed()
	p.digits = ""
	p.shown.SetText("")
}

// close closes the pad or the staff menu and gives the keys back.
func (p *pinPad) close() {
	kiosk.Stop(p.unused)
	p.unused = nil
	p.digits = ""
	p.ui.win.Canvas().Overlays().Remove(p.overlay)
	p.ui.keysOverride = nil
	if p.ui.kiosk.pad == p {
		p.ui.kiosk.pad = nil
	}
}

func (p *pinPad) submit() {
	p.pressed()
	k := p.ui.kiosk
	if k.pin.Locked() {
		p.clear()
		p.showLocked()
		return
	}
	ok := k.pin.Check(p.digits)
	p.clear()
	if !ok {
		if k.pin.Locked() {
			p.showLocked()
		} else {
			p.message.SetText(tr(p.ui.lang, "pin.wrong"))
		}
		return
	}
	k.alerts.Acknowledge() // staff are here: the alert stops repeating
	p.showStaffMenu()
}

// showLocked says that the pad is locked, and until when (clinic time).
func (p *pinPad) showLocked() {
	p.message.SetText(trf(p.ui.lang, "pin.locked", p.ui.kiosk.pin.LockedUntil().Format("15:04")))
}

// showStaffMenu offers staff what the PIN unlocks.
func (p *pinPad) showStaffMenu() {
	l := p.ui.lang
	reset := p.ui.button(tr(l, "staff.reset"), widget.HighImportance, func() {
		p.close()
		p.ui.kiosk.wipe()
	})
	exit := p.ui.button(tr(l, "staff.exit"), widget.DangerImportance, func() {
		p.close()
		if p.ui.kiosk.opts.Quit != nil {
			p.ui.kiosk.opts.Quit()
		}
	})
	back := p.ui.button(tr(l, "pin.cancel"), widget.MediumImportance, p.close)
	menu := container.NewVBox(subheading(tr(l, "staff.heading")))
	if p.ui.kiosk.alerts.Any() {
		menu.Add(body(tr(l, "staff.acknowledged")))
	}
	menu.Add(reset)
	menu.Add(exit)
	menu.Add(back)
	p.open(menu)
	p.ui.keysOverride = &keyHandlers{}
}
