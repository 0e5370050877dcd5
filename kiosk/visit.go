package kiosk

import (
	"encoding/json"
	"errors"
	"log"
	"os"
	"slices"
	"strings"
	"time"

	"ketascreen/questionnaire"
	"ketascreen/records"
)

// The staff PIN pad's limits.
const (
	PINAttempts = 5               // wrong PINs in a row before the pad locks
	PINLockout  = 5 * time.Minute // how long the first lockout lasts
)

// PINGuard counts tries at the staff PIN: PINAttempts wrong ones in a row
// lock the pad for PINLockout, during which even the right PIN is refused,
// and each lockout after that (without the right PIN between) is twice as
// long, up to MaxPINLockout. With a state file the count and the lockout
// survive a restart, so restarting the kiosk (or making it crash) does not
// give a stranger five more tries.
type PINGuard struct {
	clock Clock
	hash  string
	file  string // where the state is kept; "" keeps it in memory only
	state pinState
}

// pinState is what a PINGuard keeps between restarts: no PIN, only counts.
type pinState struct {
	Wrong       int       `json:"wrong"`    // wrong PINs since the last lockout or right PIN
	Lockouts    int       `json:"lockouts"` // lockouts since the last right PIN
	LockedUntil time.Time `json:"locked_until"`
}

// MaxPINLockout is the longest a lockout grows to.
const MaxPINLockout = 24 * time.Hour

// NewPINGuard guards the PIN whose hash is given (Config.PINHash), keeping
// its state in file (Config.PINStatePath) when file is not "". A state file
// that cannot be read counts as one lockout from now: the protective side.
func NewPINGuard(clock Clock, hash, file string) *PINGuard {
	g := &PINGuard{clock: clock, hash: hash, file: file}
	if file == "" {
		return g
	}
	data, err := os.ReadFile(file)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err == nil && json.Unmarshal(data, &g.state) == nil:
	default:
		log.Printf("kiosk: the staff PIN's state in %s cannot be read (%v); the pad is locked for %s", file, err, PINLockout)
		g.state = pinState{Lockouts: 1, LockedUntil: clock.Now().Add(PINLockout)}
		g.save()
	}
	return g
}

// Locked tells whether too many wrong PINs have locked the pad.
func (g *PINGuard) Locked() bool { return g.clock.Now().Before(g.state.LockedUntil) }

// LockedUntil is when the pad opens again, if it is locked.
func (g *PINGuard) LockedUntil() time.Time { return g.state.LockedUntil }

// Check counts a try and tells whether it was the staff PIN.
func (g *PINGuard) Check(pin string) bool {
	if g.Locked() {
		return false
	}
	if PINMatches(pin, g.hash) {
		if g.state != (pinState{}) {
			g.state = pinState{}
			g.save()
		}
		return true
	}
	g.state.Wrong++
	if g.state.Wrong >= PINAttempts {
		g.state.Wrong = 0
		g.state.Lockouts++
		lockout := MaxPINLockout
		if g.state.Lockouts <= 20 { // 5 minutes << 19 is already past the cap
			lockout = min(PINLockout<<(g.state.Lockouts-1), MaxPINLockout)
		}
		g.state.LockedUntil = g.clock.Now().Add(lockout)
		log.Printf("kiosk: %d wrong staff PINs; the PIN pad is locked for %s, until %s", PINAttempts, lockout, g.state.LockedUntil.Format(time.Kitchen))
	}
	g.save()
	return false
}

// save writes the state, readable by the kiosk's user only; a failure is
// logged and the state kept in memory.
func (g *PINGuard) save() {
	if g.file == "" {
		return
	}
	data, err := json.Marshal(g.state)
	if err == nil {
		err = records.WriteFile(g.file, data, 0o600)
	}
	if err != nil {
		log.Printf("kiosk: keeping the staff PIN's state: %v", err)
	}
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
	// Code is the claim code of the person's record, sent with their
	// alerts; the kiosk sets it when it saves the record.
	Code string
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
	return Event{Kind: kind, Time: a.clock.Now().UTC().Format(time.RFC3339), Kiosk: a.kiosk, Code: a.Code}
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
	if res != nil && res.LeftDuringSafetyScreen() && a.alerts[res.Outcome.ID] == nil && a.sender != nil {
		a.sender.Send(a.Event(res.Outcome.ID)) // the person has gone; failures are logged
		log.Printf("kiosk: the person left with a screen started but not finished; staff alert %q sent", res.Outcome.ID)
	}
	for _, al := range a.alerts {
		Stop(al.repeat)
	}
	clear(a.alerts)
	a.acknowledged = false
	a.Code = ""
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
