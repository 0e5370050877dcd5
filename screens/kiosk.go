package screens

import (
	"fmt"
	"image/color"
	"log"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"ketascreen/kiosk"
	"ketascreen/questionnaire"
)

// KioskOptions turn the UI into a waiting-room kiosk.
type KioskOptions struct {
	Config  *kiosk.Config
	Clock   kiosk.Clock   // the idle timer's clock; nil means the wall clock
	Alerter AlertSender   // runs the staff alert command; nil sends none
	Logo    fyne.Resource // the clinic's logo, or nil
	Quit    func()        // ends the app (staff exit)
	// Release runs after every wipe, off the UI goroutine, to give the
	// memory the person used back to the system; nil means
	// kiosk.ReleaseMemory.
	Release func()
	// CacheLifetime is how long Fyne keeps a screen's renderers after it
	// was last drawn in this process; zero means kiosk.FyneCacheLifetime.
	// The tidy-up after a wipe waits for it.
	CacheLifetime time.Duration
	// Replace, when set, is called after each wipe: a fresh process is to
	// take this one's place (kiosk.Supervisor). Until then the kiosk shows
	// its attract screen and ignores every touch and key; if the process
	// is not ended, the supervisor calls stay (from any goroutine) and the
	// kiosk serves the next person itself.
	Replace func(stay func())
	// Report, when set, takes the events of the kiosk's status file
	// (kiosk.StatusFile): a person started, finished, an alert's result,
	// an error. None holds an answer.
	Report func(event string)
}

// AlertSender sends staff alerts; *kiosk.Alerter is the real one.
type AlertSender = kiosk.Sender

// The staff gesture and the countdown.
const (
	longPress     = 3 * time.Second
	cornerSize    = 90
	countdownTick = time.Second
)

// kioskState is the kiosk's side of the UI: the idle timer and its
// countdown, the staff gesture, and what the kiosk keeps of the current
// person (their staff alerts and record). The rules themselves (PIN
// lockout, alerts, idle times) are kiosk's.
type kioskState struct {
	ui    *UI
	opts  KioskOptions
	clock kiosk.Clock

	idle      kiosk.Timer // runs while someone is using the kiosk
	tick      kiosk.Timer // the countdown's next second
	press     kiosk.Timer // the staff corner being held
	tidy      kiosk.Timer // once after a wipe: lets Fyne drop the last person's screens
	overlay   *countdown
	remaining int

	alerts *kiosk.Alerts
	pin    *kiosk.PINGuard
	pad    *pinPad // the staff PIN pad or menu while it is open

	// The window taken away (iconified, another window in front, out of
	// full screen) by the window manager: see lostForeground.
	focused   bool        // a window of the app has the focus
	reclaim   kiosk.Timer // while no window of the app has the focus
	awaySince time.Time
	refull    kiosk.Timer // after the window became smaller than full screen
	fullSize  fyne.Size   // the largest the window has been: its full screen
	// cover lies over the window from a wipe until the process ends or is
	// told to stay (KioskOptions.Replace), keeping every touch away; the
	// kiosk is handing over while it is set.
	cover *handoverCover
	// recordSaved is the name the current person's encrypted record was
	// saved under, once saved.
	recordSaved string
	resultSaved bool // the record was saved at the result, not only at a safety screen
	finished    bool // the person reached the result (counted once)
}

func newKioskState(ui *UI, opts KioskOptions) *kioskState {
	k := &kioskState{ui: ui, opts: opts, clock: opts.Clock}
	if k.clock == nil {
		k.clock = kiosk.RealClock{}
	}
	if k.opts.Release == nil {
		k.opts.Release = kiosk.ReleaseMemory
	}
	if k.opts.CacheLifetime == 0 {
		k.opts.CacheLifetime = kiosk.FyneCacheLifetime()
	}
	k.useAlerter(opts.Alerter)
	k.pin = kiosk.NewPINGuard(k.clock, opts.Config.PINHash, opts.Config.PINStatePath())
	lc := fyne.CurrentApp().Lifecycle()
	lc.SetOnExitedForeground(k.lostForeground)
	lc.SetOnEnteredForeground(k.gotForeground)
	return k
}

// How the kiosk takes its window back from the window manager: it asks for
// full screen and the focus again every reclaimEvery, and wipes the session
// once the window has been away for wipeWhenAway, since whoever is at the
// screen now may not be the person whose answers it holds.
const (
	reclaimEvery = 500 * time.Millisecond
	wipeWhenAway = 3 * time.Second
)

// lostForeground runs when no window of the app has the focus any more (a
// window manager's key or menu iconified it, showed the desktop, switched
// workspace or raised another program).
func (k *kioskState) lostForeground() {
	k.focused = false
	if k.handingOver() {
		return // the fresh process's window took it, as it should
	}
	if k.reclaim == nil {
		k.awaySince = k.clock.Now()
		k.reclaim = k.after(reclaimEvery, k.takeBack)
	}
}

// takeBack asks for full screen and the focus again (the focus request
// also brings an iconified window back), and keeps asking, wiping the
// session once the window has been away too long, until the focus is back.
// It asks at least once even when the focus came back by itself: iconifying
// under openbox takes the focus away and gives it back to the hidden window.
func (k *kioskState) takeBack() {
	k.reclaim = nil
	if k.handingOver() {
		return // the fresh process's window is to have the screen
	}
	k.ui.win.SetFullScreen(true)
	k.ui.win.RequestFocus()
	if k.focused {
		return
	}
	if k.clock.Now().Sub(k.awaySince) >= wipeWhenAway && !(k.ui.nav.name == screenAttract && k.ui.session.IsEmpty()) {
		log.Printf("kiosk: the window has been out of sight for %s; the session is wiped", wipeWhenAway)
		k.wipe()
	}
	k.reclaim = k.after(reclaimEvery, k.takeBack)
}

// started runs once the app is up. A window manager may map a new window
// without the focus, even iconified (openbox, for a kiosk process started
// while another desktop was shown): until the focus comes, the kiosk asks
// for it as it does when it loses it.
func (k *kioskState) started() {
	if !k.focused {
		k.lostForeground()
	}
}

// gotForeground runs when a window of the app has the focus again.
func (k *kioskState) gotForeground() { k.focused = true }

// windowResized asks for full screen again when the window became smaller
// than it has been (full screen taken away, with the focus kept).
func (k *kioskState) windowResized(size fyne.Size) {
	if size.Width >= k.fullSize.Width && size.Height >= k.fullSize.Height {
		k.fullSize = size
		return
	}
	if k.refull == nil {
		k.refull = k.after(reclaimEvery, func() {
			k.refull = nil
			// GLFW still counts the window as full screen and would do
			// nothing: leave it, then enter it again.
			k.ui.win.SetFullScreen(false)
			k.ui.win.SetFullScreen(true)
		})
	}
}

// report passes a status event on (KioskOptions.Report).
func (k *kioskState) report(kind string, details ...string) {
	if k.opts.Report != nil {
		k.opts.Report(kiosk.StatusEvent(kind, details...))
	}
}

// useAlerter sends the staff alerts with a; nil sends none (they fail).
func (k *kioskState) useAlerter(a AlertSender) {
	k.opts.Alerter = a
	k.alerts = kiosk.NewAlerts(k.clock, a, k.opts.Config.Name, fyne.Do)
	k.alerts.Changed = func(outcomeID string) {
		switch state, err := k.alerts.State(outcomeID); state {
		case kiosk.AlertSent:
			k.report(kiosk.StatusAlerted, outcomeID, "sent")
		case kiosk.AlertFailed:
			k.report(kiosk.StatusAlerted, outcomeID, "failed")
			k.report(kiosk.StatusError, "staff alert", outcomeID, "failed:", fmt.Sprint(err))
		}
		if k.ui.nav.step.IsSafety() {
			k.ui.redrawKeepingFocus() // it says what became of the alert
		}
	}
}

// entered runs the kiosk's side effects of a step, once per person however
// often its screen is drawn: the staff alert of a safety outcome, and the
// encrypted record when the result is reached. A safety outcome saves the
// record at once too, answers so far and all, so that the front desk's
// window shows it within seconds and a person in crisis who never reaches
// the result is still on record; the result's record replaces it (the same
// file names).
func (k *kioskState) entered(step questionnaire.Step) {
	switch {
	case step.IsSafety():
		// The record first, so that the alert carries its claim code; the
		// alert is sent whatever became of the record.
		k.saveRecord("at the " + step.Outcome.ID + " screen")
		k.alerts.Raise(step.Outcome.ID)
	case step.Kind == questionnaire.StepResult && !k.resultSaved:
		if !k.finished {
			k.finished = true
			k.report(kiosk.StatusFinished)
		}
		k.resultSaved = k.saveRecord("at the result")
	}
}

// saveRecord saves the person's encrypted record as it is now and gives
// its claim code to their staff alerts; a failure is logged and reported.
// It tells whether the record was saved.
func (k *kioskState) saveRecord(when string) bool {
	err := k.ui.saveKioskRecord()
	k.alerts.Code = k.ui.summary.claimCode
	if err != nil {
		log.Printf("kiosk: saving the record %s: %v", when, err)
		k.report(kiosk.StatusError, "saving the record:", err.Error())
	}
	return err == nil
}

// after runs f on the UI goroutine once d has passed on the kiosk's clock.
func (k *kioskState) after(d time.Duration, f func()) kiosk.Timer {
	return k.clock.AfterFunc(d, func() { fyne.Do(f) })
}

// touched starts the idle timer again. On the attract screen nothing runs:
// there is nobody's session to protect, and an idle kiosk uses no CPU.
func (k *kioskState) touched() {
	kiosk.Stop(k.idle)
	k.idle = nil
	if k.overlay != nil {
		k.dismissCountdown()
	}
	wait, runs := k.opts.Config.IdleTime(k.ui.nav.step, k.ui.nav.name == screenAttract)
	if runs {
		k.idle = k.after(wait, k.askStillThere)
	}
}

// askStillThere shows the countdown over the screen; touching it keeps the
// session, letting it run out wipes it.
func (k *kioskState) askStillThere() {
	k.idle = nil
	k.remaining = int(k.opts.Config.Countdown() / time.Second)
	k.overlay = k.ui.countdownOverlay(k.remaining, func() { k.ui.touched() })
	k.ui.win.Canvas().Overlays().Add(k.overlay.Container)
	k.tick = k.after(countdownTick, k.countDown)
}

func (k *kioskState) countDown() {
	k.remaining--
	if k.remaining <= 0 {
		k.wipe()
		return
	}
	k.ui.updateCountdown(k.overlay, k.remaining)
	k.tick = k.after(countdownTick, k.countDown)
}

func (k *kioskState) dismissCountdown() {
	kiosk.Stop(k.tick)
	k.tick = nil
	k.ui.win.Canvas().Overlays().Remove(k.overlay.Container)
	k.overlay = nil
}

// wipe forgets the person completely and shows the attract screen: the
// session, every screen built from it (they are rebuilt from the empty
// session), overlays, timers, and which alerts were sent.
func (k *kioskState) wipe() {
	kiosk.Stop(k.idle)
	kiosk.Stop(k.tick)
	kiosk.Stop(k.press)
	k.idle, k.tick, k.press, k.overlay = nil, nil, nil, nil
	k.closePad() // its keys go back too: the next person's Enter is not a PIN
	// The kiosk's fields do not use the clipboard; this clears whatever
	// reached it another way.
	fyne.CurrentApp().Clipboard().SetContent("")
	for _, o := range k.ui.win.Canvas().Overlays().List() {
		k.ui.win.Canvas().Overlays().Remove(o)
	}
	res := k.leaving()
	if res != nil && res.LeftDuringSafetyScreen() {
		// The staff are alerted (Alerts.Wipe), and the front desk gets
		// the record of what the person answered, with its code.
		k.saveRecord("of the person who left")
	}
	k.alerts.Wipe(res)
	k.recordSaved, k.resultSaved, k.finished = "", false, false
	k.ui.session.Reset()
	k.ui.summary = summaryState{}
	k.ui.nav.forget()
	k.ui.resetAccess()
	lang := k.ui.def.Languages[0]
	if langs := k.opts.Config.Languages; len(langs) > 0 {
		lang = langs[0]
	}
	k.ui.setLanguage(lang) // each person starts in the kiosk's first language
	k.ui.showAttract()
	// Without this the Go heap stays at the high-water mark of the longest
	// screening (docs/benchmarks.md); the pages go back to the system, which
	// clears them before any reuse.
	go k.opts.Release()
	kiosk.Stop(k.tidy)
	k.tidy = k.after(k.tidyAfter(), k.tidyUp)
	k.handOver()
}

// handOver lets a fresh process take the kiosk's place, when it runs under
// a supervisor: the attract screen stays in sight but takes no touch or key
// until the process ends or is told to stay.
func (k *kioskState) handOver() {
	if k.opts.Replace == nil || k.handingOver() {
		return
	}
	k.cover = newHandoverCover()
	c := k.ui.win.Canvas()
	k.cover.Resize(c.Size())
	c.Overlays().Add(k.cover)
	c.Unfocus()
	k.opts.Replace(func() { fyne.Do(k.stay) })
}

// stay ends the hand-over: no fresh process could take the kiosk's place,
// so it takes the next person itself, and takes the screen back in case
// the one that failed had it for a moment.
func (k *kioskState) stay() {
	if !k.handingOver() {
		return
	}
	k.ui.win.Canvas().Overlays().Remove(k.cover)
	k.cover = nil
	k.ui.win.SetFullScreen(true)
	k.ui.win.RequestFocus()
	k.started() // and keeps asking until the focus is back
}

// handingOver tells whether the kiosk is waiting for a fresh process to take
// its place.
func (k *kioskState) handingOver() bool { return k.cover != nil }

// handoverCover lies over the whole window while the kiosk is handing over:
// clear, it takes every tap and press (the staff corner's too).
type handoverCover struct{ widget.BaseWidget }

func newHandoverCover() *handoverCover {
	c := &handoverCover{}
	c.ExtendBaseWidget(c)
	return c
}

func (c *handoverCover) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

func (c *handoverCover) Tapped(*fyne.PointEvent)       {}
func (c *handoverCover) MouseDown(*desktop.MouseEvent) {}
func (c *handoverCover) MouseUp(*desktop.MouseEvent)   {}

// closePad closes the staff PIN pad or menu if it is open.
func (k *kioskState) closePad() {
	if k.pad != nil {
		k.pad.close()
	}
}

// tidyAfter is how long after a wipe the kiosk lets Fyne forget the last
// person's screens: Fyne keeps a screen's widgets and textures for its cache
// lifetime after it was last drawn (20 s in a kiosk, kiosk.CacheLifetime)
// and drops them only when it paints, at most every 10 s, and an attract
// screen that nobody touches never paints. The margin lets the last frames
// of the wipe age past the lifetime too.
func (k *kioskState) tidyAfter() time.Duration { return k.opts.CacheLifetime + 5*time.Second }

// tidyUp repaints the attract screen once, if it is still showing, so that
// Fyne frees the previous person's screens (widgets holding their answers,
// and the textures of their text), then gives the memory back.
func (k *kioskState) tidyUp() {
	k.tidy = nil
	if k.ui.nav.name != screenAttract || !k.ui.session.IsEmpty() {
		return // someone is here; the next wipe tidies
	}
	k.ui.win.Content().Refresh()
	k.tidy = k.after(releaseAfterTidy, func() {
		k.tidy = nil
		go k.opts.Release()
	})
}

// releaseAfterTidy leaves time for Fyne's clean-up after the repaint: it runs
// at most every 10 s, and a repaint within 10 s of the last one is put off.
const releaseAfterTidy = 12 * time.Second

// leaving ends the session of the person who is leaving, on the item they
// were on, and returns its result; nil when they answered nothing.
func (k *kioskState) leaving() *questionnaire.Result {
	s := k.ui.session
	if s.IsEmpty() {
		return nil
	}
	at := ""
	if it := k.ui.nav.current(); it != nil {
		at = it.ID
	}
	s.End(at)
	return s.Result()
}

// alertText is what the screen of an outcome says about its staff alert:
// "we have told the staff" only once the alert command has succeeded, the
// front-desk, 988 and 911 words if it failed, and nothing while it runs.
func (k *kioskState) alertText(outcome *questionnaire.Outcome, lang string) string {
	state, _ := k.alerts.State(outcome.ID)
	switch {
	case state == kiosk.AlertSent:
		return tr(lang, "kiosk.told_staff")
	case state == kiosk.AlertFailed && len(k.opts.Config.CrisisLines) > 0:
		return tr(lang, "kiosk.alert_failed_local") // the numbers on screen are the clinic's own
	case state == kiosk.AlertFailed:
		return tr(lang, "kiosk.alert_failed")
	}
	return ""
}

// staffCorner is an invisible square in the top-left corner: holding it for
// three seconds opens the staff PIN pad. A tap does nothing.
type staffCorner struct {
	widget.BaseWidget
	k *kioskState
}

func newStaffCorner(k *kioskState) *staffCorner {
	c := &staffCorner{k: k}
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer draws nothing: the corner is invisible.
func (c *staffCorner) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(&fyne.Container{})
}

// MinSize is the corner's size.
func (c *staffCorner) MinSize() fyne.Size { return fyne.NewSize(cornerSize, cornerSize) }

// MouseDown starts timing the press (a finger on a touch screen arrives as a mouse press).
func (c *staffCorner) MouseDown(*desktop.MouseEvent) {
	kiosk.Stop(c.k.press)
	c.k.press = c.k.after(longPress, func() {
		c.k.press = nil
		c.k.ui.showPINPad()
	})
}

// MouseUp before three seconds cancels the press.
func (c *staffCorner) MouseUp(*desktop.MouseEvent) {
	kiosk.Stop(c.k.press)
	c.k.press = nil
}
