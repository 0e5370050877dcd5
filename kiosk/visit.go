package kiosk

import (
	"errors"
	"log"
	"slices"
	"strings"
	"time"

	"ketascreen/questionnaire"
)

// The staff PIN pad's limits.
const (
	PINAttempts = 5               // wrong PINs in a row before the pad locks
	PINLockout  = 5 * time.Minute // how long it stays locked
)

// PINGuard counts tries at the staff PIN: PINAttempts wrong ones in a row
// lock the pad for PINLockout, during which even the right PIN is refused.
type PINGuard struct {
	clock       Clock
	hash        string
	wrong       int
	lockedUntil time.Time
}

// NewPINGuard guards the PIN whose hash is given (Config.PINHash).
func NewPINGuard(clock Clock, hash string) *PINGuard {
	return &PINGuard{clock: clock, hash: hash}
}

// Locked tells whether too many wrong PINs have locked the pad.
func (g *PINGuard) Locked() bool { return g.clock.Now().Before(g.lockedUntil) }

// Check counts a try and tells whether it was the staff PIN.
func (g *PINGuard) Check(pin string) bool {
	if g.Locked() {
		return false
	}
	if PINMatches(pin, g.hash) {
		g.wrong = 0
		return true
	}
	g.wrong++
	if g.wrong >= PINAttempts {
		g.wrong = 0
		g.lockedUntil = g.clock.Now().Add(PINLockout)
		log.Printf("kiosk: %d wrong staff PINs; the PIN pad is locked until %s", PINAttempts, g.lockedUntil.Format(time.Kitchen))
	}
	return false
}

// IdleTime is how long the kiosk waits for a touch before it asks "Are you
// still there?" on a step; on the crisis and urgent screens it waits
// longer, since staff are on their way. On the attract screen (attract
// true) no timer runs: there is nobody's session to protect.
func (c *Config) IdleTime(st questionnaire.Step, attract bool) (wait time.Duration, runs bool) {
	switch {
	case attract:
		return 0, false
	case st.IsSafety():
		return c.SafetyIdle(), true
	}
	return c.Idle(), true
}

// AlertRepeat is how often a staff alert is sent again until staff
// acknowledge it with their PIN on the kiosk (spec section 4).
const AlertRepeat = 60 * time.Second

// Sender sends staff alerts; *Alerter is the real one.
type Sender interface {
	Send(Event) <-chan error
}

// AlertState is what became of a staff alert, for the screen to say.
type AlertState int

// The states of a staff alert.
const (
	AlertNone    AlertState = iota // not raised for this person
	AlertSending                   // the first sending has not finished
	AlertSent                      // the command exited 0 in time
	AlertFailed                    // it failed, timed out, or no alert is set up
)

// ErrNoSender is the error of an alert raised on a kiosk without an alert command.
var ErrNoSender = errors.New("no staff alert is set up")

// Alerts are the staff alerts of the person at the kiosk: each outcome's
// alert is sent once, then again every AlertRepeat until staff acknowledge
// it with their PIN, and everything is forgotten when the kiosk wipes.
type Alerts struct {
	clock  Clock
	sender Sender
	kiosk  string
	// onOwner runs f on the goroutine that owns the alerts (the UI's), for
	// timers and answers that arrive on other goroutines.
	onOwner func(f func())
	// Changed, when set, is called on that goroutine when an alert's state
	// changes, so that the screen showing it can say so.
	Changed func(outcomeID string)

	alerts       map[string]*alert
	acknowledged bool
}

type alert struct {
	state  AlertState
	err    error
	repeat Timer
}

// NewAlerts keeps the alerts of kiosk name. sender may be nil (no alert
// command: every alert fails); onOwner runs a function on the owner's
// goroutine (fyne.Do in the app; tests run it at once).
func NewAlerts(clock Clock, sender Sender, name string, onOwner func(func())) *Alerts {
	return &Alerts{clock: clock, sender: sender, kiosk: name, onOwner: onOwner, alerts: map[string]*alert{}}
}

// Event is a staff alert event of this kiosk, now.
func (a *Alerts) Event(kind string) Event {
	return Event{Kind: kind, Time: a.clock.Now().UTC().Format(time.RFC3339), Kiosk: a.kiosk}
}

// Raise sends the alert of an outcome, once per person; it then repeats by
// itself until acknowledged.
func (a *Alerts) Raise(outcomeID string) {
	if a.alerts[outcomeID] != nil {
		return
	}
	al := &alert{state: AlertSending}
	a.alerts[outcomeID] = al
	a.send(outcomeID, al)
}

// State tells what became of an outcome's alert.
func (a *Alerts) State(outcomeID string) (AlertState, error) {
	al := a.alerts[outcomeID]
	if al == nil {
		return AlertNone, nil
	}
	return al.state, al.err
}

func (a *Alerts) send(outcomeID string, al *alert) {
	if a.sender == nil {
		a.settle(outcomeID, al, ErrNoSender)
		return
	}
	result := a.sender.Send(a.Event(outcomeID))
	select {
	case err := <-result:
		a.settle(outcomeID, al, err)
	default:
		go func() {
			err := <-result
			a.onOwner(func() { a.settle(outcomeID, al, err) })
		}()
	}
	al.repeat = a.clock.AfterFunc(AlertRepeat, func() {
		a.onOwner(func() {
			if a.alerts[outcomeID] == al && !a.acknowledged {
				a.send(outcomeID, al)
			}
		})
	})
}

// settle records how a sending went; a sending for a person wiped meanwhile
// is not theirs to change.
func (a *Alerts) settle(outcomeID string, al *alert, err error) {
	if a.alerts[outcomeID] != al {
		return
	}
	state := AlertSent
	if err != nil {
		state = AlertFailed
	}
	changed := al.state != state
	al.state, al.err = state, err
	if changed && a.Changed != nil {
		a.Changed(outcomeID)
	}
}

// Any tells whether an alert was raised for the person.
func (a *Alerts) Any() bool { return len(a.alerts) > 0 }

// Acknowledge stops the person's alerts from repeating: staff have come and
// entered their PIN.
func (a *Alerts) Acknowledge() {
	a.acknowledged = true
	for _, al := range a.alerts {
		Stop(al.repeat)
		al.repeat = nil
	}
}

// Wipe forgets the person's alerts. When the person left with a screen
// started but not finished that counts as a safety outcome (the ASQ:
// positive), res says so and the staff are told, unless they already were.
func (a *Alerts) Wipe(res *questionnaire.Result) {
	if res != nil && res.LeftUnfinished() && res.Outcome != nil && res.Outcome.Interrupts && a.alerts[res.Outcome.ID] == nil && a.sender != nil {
		a.sender.Send(a.Event(res.Outcome.ID)) // the person has gone; failures are logged
		log.Printf("kiosk: the person left with a screen started but not finished; staff alert %q sent", res.Outcome.ID)
	}
	for _, al := range a.alerts {
		Stop(al.repeat)
	}
	clear(a.alerts)
	a.acknowledged = false
}

// CrisisResources are the crisis lines the kiosk shows: its own (another
// country's), in lang, or else the definition's.
func (c *Config) CrisisResources(def *questionnaire.Definition, lang string) []*questionnaire.Resource {
	if len(c.CrisisLines) == 0 {
		return def.Resources
	}
	var out []*questionnaire.Resource
	for _, l := range c.CrisisLines {
		out = append(out, &questionnaire.Resource{Number: l.Number, Text: questionnaire.Text{lang: l.Text}})
	}
	return out
}

// NextSteps are an outcome's next steps on the kiosk: when it has its own
// crisis lines, the steps that name one of the definition's numbers (911,
// 988, 741741) are left out, so that nobody in crisis is given a number
// that does not work where they are.
func (c *Config) NextSteps(def *questionnaire.Definition, outcome *questionnaire.Outcome, lang string) []questionnaire.Text {
	if len(c.CrisisLines) == 0 {
		return outcome.NextSteps
	}
	var out []questionnaire.Text
	for _, step := range outcome.NextSteps {
		if !slices.ContainsFunc(def.Resources, func(r *questionnaire.Resource) bool { return strings.Contains(step.In(lang), r.Number) }) {
			out = append(out, step)
		}
	}
	return out
}
