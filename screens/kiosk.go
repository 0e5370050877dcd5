package screens

import (
	"errors"
	"log"
	"time"

	"fyne.io/fyne/v2"
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
}

// AlertSender sends staff alerts; *kiosk.Alerter is the real one.
type AlertSender interface {
	Send(kiosk.Event) <-chan error
}

// Staff gesture and PIN pad limits.
const (
	longPress     = 3 * time.Second
	pinAttempts   = 5
	pinLockout    = 5 * time.Minute
	cornerSize    = 90
	countdownTick = time.Second
)

// kioskState is the kiosk's side of the UI: the idle timer and its
// countdown, the staff gesture and PIN pad, and which alerts have been sent
// for the current person.
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

	// alerts are the staff alerts of the current person, by outcome id.
	alerts map[string]*staffAlert
	// alertsAcknowledged: staff entered their PIN, so alerts stop repeating.
	alertsAcknowledged bool
	recordSaved        string // the record saved for this person, if any
	wrongPINs          int
	lockedUntil        time.Time
}

func newKioskState(ui *UI, opts KioskOptions) *kioskState {
	k := &kioskState{ui: ui, opts: opts, clock: opts.Clock, alerts: map[string]*staffAlert{}}
	if k.clock == nil {
		k.clock = kiosk.RealClock{}
	}
	if k.opts.Release == nil {
		k.opts.Release = kiosk.ReleaseMemory
	}
	return k
}

// after runs f on the UI goroutine once d has passed on the kiosk's clock.
func (k *kioskState) after(d time.Duration, f func()) kiosk.Timer {
	return k.clock.AfterFunc(d, func() { fyne.Do(f) })
}

func stop(t kiosk.Timer) {
	if t != nil {
		t.Stop()
	}
}

// touched starts the idle timer again. On the attract screen nothing runs:
// there is nobody's session to protect, and an idle kiosk uses no CPU.
func (k *kioskState) touched() {
	stop(k.idle)
	k.idle = nil
	if k.overlay != nil {
		k.dismissCountdown()
	}
	if k.ui.screen == screenAttract {
		return
	}
	wait := k.opts.Config.Idle()
	if k.ui.screen == screenCrisis || k.ui.screen == screenUrgent {
		wait = k.opts.Config.SafetyIdle() // staff are on their way
	}
	k.idle = k.after(wait, k.askStillThere)
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
	stop(k.tick)
	k.tick = nil
	k.ui.win.Canvas().Overlays().Remove(k.overlay.Container)
	k.overlay = nil
}

// wipe forgets the person completely and shows the attract screen: the
// session, every screen built from it (they are rebuilt from the empty
// session), overlays, timers, and which alerts were sent.
func (k *kioskState) wipe() {
	stop(k.idle)
	stop(k.tick)
	stop(k.press)
	k.idle, k.tick, k.press, k.overlay = nil, nil, nil, nil
	for _, o := range k.ui.win.Canvas().Overlays().List() {
		k.ui.win.Canvas().Overlays().Remove(o)
	}
	k.alertIfUnfinished()
	for _, a := range k.alerts {
		stop(a.repeat)
	}
	clear(k.alerts)
	k.alertsAcknowledged = false
	k.recordSaved = ""
	k.ui.session.Reset()
	k.ui.forgetSummary()
	k.ui.redraw = nil
	k.ui.resetAccess()
	k.ui.returnToReview = false
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
	stop(k.tidy)
	k.tidy = k.after(tidyAfter, k.tidyUp)
}

// tidyAfter is how long after a wipe the kiosk lets Fyne forget the last
// person's screens: Fyne keeps a screen's widgets and textures for a minute
// after it was last drawn and drops them only when it paints, at most every
// 10 s, and an attract screen that nobody touches never paints.
const tidyAfter = 75 * time.Second

// tidyUp repaints the attract screen once, if it is still showing, so that
// Fyne frees the previous person's screens (widgets holding their answers,
// and the textures of their text), then gives the memory back.
func (k *kioskState) tidyUp() {
	k.tidy = nil
	if k.ui.screen != screenAttract || !k.ui.session.IsEmpty() {
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

// alertRepeat is how often a staff alert is sent again until staff
// acknowledge it with their PIN on the kiosk (spec section 4).
const alertRepeat = 60 * time.Second

// staffAlert is the staff alert of one outcome for the current person: sent
// at once, then every minute until staff acknowledge it or the kiosk wipes.
type staffAlert struct {
	outcome *questionnaire.Outcome
	done    bool  // the last sending has finished
	err     error // and how: nil when the command exited 0 in time
	repeat  kiosk.Timer
}

// alert sends the staff alert for an outcome, once per person; it then
// repeats by itself. The screen shows what became of it (alertText).
func (k *kioskState) alert(outcome *questionnaire.Outcome) {
	if k.alerts[outcome.ID] != nil {
		return
	}
	a := &staffAlert{outcome: outcome}
	k.alerts[outcome.ID] = a
	k.send(a)
}

// send runs the alert command once and schedules the next one. When the
// answer comes, the screen that shows the alert is drawn again.
func (k *kioskState) send(a *staffAlert) {
	if k.opts.Alerter == nil {
		a.done, a.err = true, errNoAlerter
		return
	}
	result := k.opts.Alerter.Send(k.event(a.outcome.ID))
	settle := func(err error) {
		if k.alerts[a.outcome.ID] != a {
			return // wiped meanwhile: another person's screen
		}
		changed := !a.done || (a.err == nil) != (err == nil)
		a.done, a.err = true, err
		if changed && (k.ui.screen == screenCrisis || k.ui.screen == screenUrgent) && k.ui.redraw != nil {
			k.ui.redrawKeepingFocus()
		}
	}
	select {
	case err := <-result:
		settle(err)
	default:
		go func() {
			err := <-result
			fyne.Do(func() { settle(err) })
		}()
	}
	a.repeat = k.after(alertRepeat, func() {
		if k.alerts[a.outcome.ID] == a && !k.alertsAcknowledged {
			k.send(a)
		}
	})
}

var errNoAlerter = errors.New("no staff alert is set up")

// acknowledgeAlerts stops the current person's alerts from repeating: staff
// have come and entered their PIN.
func (k *kioskState) acknowledgeAlerts() {
	k.alertsAcknowledged = true
	for _, a := range k.alerts {
		stop(a.repeat)
		a.repeat = nil
	}
}

// alertText is what the screen of an outcome says about its staff alert:
// "we have told the staff" only once the alert command has succeeded, the
// front-desk, 988 and 911 words if it failed, and nothing while it runs.
func (k *kioskState) alertText(outcome *questionnaire.Outcome, lang string) string {
	a := k.alerts[outcome.ID]
	switch {
	case a == nil || !a.done:
		return ""
	case a.err != nil && len(k.opts.Config.CrisisLines) > 0:
		return tr(lang, "kiosk.alert_failed_local") // the numbers on screen are the clinic's own
	case a.err != nil:
		return tr(lang, "kiosk.alert_failed")
	}
	return tr(lang, "kiosk.told_staff")
}

// alertIfUnfinished, as the kiosk wipes, tells the staff when the person
// left with the ASQ started but not finished: the ASQ toolkit treats that as
// a positive screen, so a clinician should look for them.
func (k *kioskState) alertIfUnfinished() {
	s := k.ui.session
	if s.IsEmpty() {
		return
	}
	at := ""
	if k.ui.current != nil {
		at = k.ui.current.ID
	}
	s.End(at)
	res := s.Result()
	if !res.LeftUnfinished() || res.Outcome == nil || !res.Outcome.Interrupts || k.alerts[res.Outcome.ID] != nil || k.opts.Alerter == nil {
		return
	}
	k.opts.Alerter.Send(k.event(res.Outcome.ID)) // the person has gone; failures are logged
	log.Printf("kiosk: the person left with a screen started but not finished; staff alert %q sent", res.Outcome.ID)
}

// event is a staff alert event of this kiosk, now.
func (k *kioskState) event(kind string) kiosk.Event {
	return kiosk.Event{Kind: kind, Time: k.clock.Now().UTC().Format(time.RFC3339), Kiosk: k.opts.Config.Name}
}

// pinLocked tells whether too many wrong PINs have locked the pad.
func (k *kioskState) pinLocked() bool { return k.clock.Now().Before(k.lockedUntil) }

// checkPIN counts a try; five wrong ones lock the pad for five minutes.
func (k *kioskState) checkPIN(pin string) bool {
	if k.pinLocked() {
		return false
	}
	if kiosk.PINMatches(pin, k.opts.Config.PINHash) {
		k.wrongPINs = 0
		return true
	}
	k.wrongPINs++
	if k.wrongPINs >= pinAttempts {
		k.wrongPINs = 0
		k.lockedUntil = k.clock.Now().Add(pinLockout)
		log.Printf("kiosk: %d wrong staff PINs; the PIN pad is locked until %s", pinAttempts, k.lockedUntil.Format(time.Kitchen))
	}
	return false
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
	stop(c.k.press)
	c.k.press = c.k.after(longPress, func() {
		c.k.press = nil
		c.k.ui.showPINPad()
	})
}

// MouseUp before three seconds cancels the press.
func (c *staffCorner) MouseUp(*desktop.MouseEvent) {
	stop(c.k.press)
	c.k.press = nil
}
