package kiosk

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/argon2id"

	"ketascreen/questionnaire"
)

// quickHash hashes a PIN with cheap argon2id parameters, for tests that
// check many PINs (HashPIN's take half a second a try, on purpose).
func quickHash(t testing.TB, pin string) string {
	t.Helper()
	h, err := argon2id.CreateHash(pin, &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// The wrong tries and the lockout survive a restart (a new guard on the same
// file), each lockout is twice as long as the one before, and the right PIN
// starts again from nothing.
func TestPINLockoutSurvivesARestartAndGrows(t *testing.T) {
	clock := NewManualClock()
	hash := quickHash(t, "482716")
	file := filepath.Join(t.TempDir(), "kiosk.pin-state")
	wrong := func(n int) {
		for range n {
			NewPINGuard(clock, hash, file).Check("000000") // a restart before every try
		}
	}
	wrong(PINAttempts)
	g := NewPINGuard(clock, hash, file)
	if !g.Locked() || g.LockedUntil() != clock.Now().Add(PINLockout) {
		t.Fatalf("after %d wrong tries, each in a fresh process: locked %v until %s", PINAttempts, g.Locked(), g.LockedUntil())
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the state file: %v %v", fi, err)
	}
	if data, _ := os.ReadFile(file); strings.Contains(string(data), "482716") || strings.Contains(string(data), "argon2") {
		t.Errorf("the state file holds more than counts: %s", data)
	}
	clock.Advance(PINLockout)
	wrong(PINAttempts)
	if g := NewPINGuard(clock, hash, file); g.LockedUntil() != clock.Now().Add(2*PINLockout) {
		t.Errorf("the second lockout ends %s after it began, want %s", g.LockedUntil().Sub(clock.Now()), 2*PINLockout)
	}
	clock.Advance(2 * PINLockout)
	if g := NewPINGuard(clock, hash, file); !g.Check("482716") {
		t.Fatal("the right PIN after the lockout was refused")
	}
	wrong(PINAttempts)
	if g := NewPINGuard(clock, hash, file); g.LockedUntil() != clock.Now().Add(PINLockout) {
		t.Errorf("after the right PIN a lockout should be %s again, is %s", PINLockout, g.LockedUntil().Sub(clock.Now()))
	}
	clock.Advance(time.Hour)
	for range 25 { // lockouts do not grow past a day, nor overflow
		wrong(PINAttempts)
		clock.Advance(MaxPINLockout)
	}
	wrong(PINAttempts)
	if g := NewPINGuard(clock, hash, file); g.LockedUntil() != clock.Now().Add(MaxPINLockout) {
		t.Errorf("after 27 lockouts the lockout is %s, want %s", g.LockedUntil().Sub(clock.Now()), MaxPINLockout)
	}
	// A state file that cannot be read locks the pad rather than opening it.
	os.WriteFile(file, []byte("not json"), 0o600)
	if g := NewPINGuard(clock, hash, file); !g.Locked() {
		t.Error("a broken state file left the pad open")
	}
}

func TestPINGuardLocksAfterFiveWrongTriesAndOpensAgain(t *testing.T) {
	clock := NewManualClock()
	hash := quickHash(t, "4827")
	g := NewPINGuard(clock, hash, "")
	for i := 1; i < PINAttempts; i++ {
		if g.Check("0000") || g.Locked() {
			t.Fatalf("try %d: a wrong PIN passed or locked the pad too soon", i)
		}
	}
	if !g.Check("4827") {
		t.Fatal("the right PIN after four wrong ones was refused")
	}
	for i := 0; i < PINAttempts; i++ {
		g.Check("1111")
	}
	if !g.Locked() {
		t.Fatal("five wrong PINs in a row did not lock the pad")
	}
	if g.Check("4827") {
		t.Fatal("the right PIN opened a locked pad")
	}
	clock.Advance(PINLockout - time.Second)
	if !g.Locked() {
		t.Fatal("the pad opened before the lockout ended")
	}
	clock.Advance(time.Second)
	if g.Locked() || !g.Check("4827") {
		t.Fatal("the right PIN was refused after the lockout")
	}
}

func TestIdleTimePerStep(t *testing.T) {
	c := &Config{IdleSeconds: 60, SafetyIdleSeconds: 600}
	cases := []struct {
		step    questionnaire.Step
		attract bool
		wait    time.Duration
		runs    bool
	}{
		{questionnaire.Step{}, true, 0, false},
		{questionnaire.Step{Kind: questionnaire.StepQuestion}, false, time.Minute, true},
		{questionnaire.Step{Kind: questionnaire.StepResult}, false, time.Minute, true},
		{questionnaire.Step{Kind: questionnaire.StepCrisis}, false, 10 * time.Minute, true},
		{questionnaire.Step{Kind: questionnaire.StepUrgent}, false, 10 * time.Minute, true},
		{questionnaire.Step{Kind: questionnaire.StepEnded}, false, time.Minute, true},
	}
	for _, tc := range cases {
		wait, runs := c.IdleTime(tc.step, tc.attract)
		if wait != tc.wait || runs != tc.runs {
			t.Errorf("%s (attract %v): %s %v, want %s %v", tc.step.Kind, tc.attract, wait, runs, tc.wait, tc.runs)
		}
	}
}

// fakeSender answers each alert with the next of its errors; while held, it
// answers nothing until released.
type fakeSender struct {
	sent    []Event
	results []error
	held    []chan error
	hold    bool
}

func (f *fakeSender) Send(ev Event) <-chan error {
	f.sent = append(f.sent, ev)
	ch := make(chan error, 1)
	if f.hold {
		f.held = append(f.held, ch)
		return ch
	}
	var err error
	if len(f.results) > 0 {
		err, f.results = f.results[0], f.results[1:]
	}
	ch <- err
	return ch
}

func TestAlertsAreSentOnceAndRepeatUntilAcknowledged(t *testing.T) {
	clock := NewManualClock()
	sender := &fakeSender{}
	a := NewAlerts(clock, sender, "front-desk", func(f func()) { f() })
	var changed []string
	a.Changed = func(id string) { changed = append(changed, id) }
	a.Raise("crisis")
	a.Raise("crisis") // drawn again, entered again: still once
	if len(sender.sent) != 1 || sender.sent[0].Kind != "crisis" || sender.sent[0].Kiosk != "front-desk" {
		t.Fatalf("sent %+v, want one crisis alert from front-desk", sender.sent)
	}
	if st, _ := a.State("crisis"); st != AlertSent || len(changed) != 1 {
		t.Fatalf("state %v, changes %v: want sent, one change", st, changed)
	}
	clock.Advance(AlertRepeat)
	clock.Advance(AlertRepeat)
	if len(sender.sent) != 3 {
		t.Fatalf("after two minutes %d alerts, want 3 (repeated every minute)", len(sender.sent))
	}
	if len(changed) != 1 {
		t.Errorf("a repeat that went as before changed the screen: %v", changed)
	}
	a.Acknowledge()
	clock.Advance(10 * AlertRepeat)
	if len(sender.sent) != 3 {
		t.Fatalf("alerts went on after staff acknowledged: %d", len(sender.sent))
	}
	a.Wipe(nil)
	if st, _ := a.State("crisis"); st != AlertNone {
		t.Fatal("the wipe kept the last person's alert")
	}
	a.Raise("crisis")
	if len(sender.sent) != 4 {
		t.Fatal("the next person's crisis sent no alert")
	}
	clock.Advance(AlertRepeat)
	if len(sender.sent) != 5 {
		t.Fatal("the next person's alert did not repeat: the acknowledgement outlived the wipe")
	}
}

func TestAFailedAlertSaysSoAndARepeatThatWorksSaysThat(t *testing.T) {
	clock := NewManualClock()
	sender := &fakeSender{results: []error{errors.New("exit status 1")}}
	a := NewAlerts(clock, sender, "k", func(f func()) { f() })
	a.Raise("urgent")
	if st, err := a.State("urgent"); st != AlertFailed || err == nil {
		t.Fatalf("state %v %v, want failed", st, err)
	}
	clock.Advance(AlertRepeat)
	if st, _ := a.State("urgent"); st != AlertSent {
		t.Fatalf("after a repeat that worked: %v, want sent", st)
	}
	none := NewAlerts(clock, nil, "k", func(f func()) { f() })
	none.Raise("crisis")
	if st, err := none.State("crisis"); st != AlertFailed || !errors.Is(err, ErrNoSender) {
		t.Fatalf("no alert command: %v %v, want failed", st, err)
	}
}

func TestAnAnswerForAWipedPersonChangesNothing(t *testing.T) {
	clock := NewManualClock()
	sender := &fakeSender{hold: true}
	queued := make(chan func(), 4)
	a := NewAlerts(clock, sender, "k", func(f func()) { queued <- f })
	a.Raise("crisis")
	if st, _ := a.State("crisis"); st != AlertSending {
		t.Fatalf("state %v while the command runs, want sending", st)
	}
	a.Wipe(nil)
	a.Raise("crisis") // the next person
	sender.held[0] <- nil
	(<-queued)() // handed over by the goroutine that waits for the first answer
	if st, _ := a.State("crisis"); st != AlertSending {
		t.Fatalf("the last person's answer settled the next person's alert: %v", st)
	}
}

func TestAPersonWhoLeftTheASQUnfinishedIsReportedOnWipe(t *testing.T) {
	def, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	clock := NewManualClock()
	sender := &fakeSender{}
	a := NewAlerts(clock, sender, "k", func(f func()) { f() })
	s := questionnaire.NewSession(def)
	for id, code := range map[string]string{"age_18_plus": "yes", "age_65_plus": "no"} {
		if err := s.Choose(id, code); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i <= 9; i++ {
		if err := s.Choose("phq9_"+string(rune('0'+i)), "0"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Choose("asq_1", "no"); err != nil {
		t.Fatal(err)
	}
	s.End("asq_2")
	a.Wipe(s.Result())
	if len(sender.sent) != 1 || sender.sent[0].Kind != "urgent" {
		t.Fatalf("sent %+v, want one urgent alert for the unfinished ASQ", sender.sent)
	}
	a.Raise("urgent")
	a.Wipe(s.Result()) // already told: not again
	if len(sender.sent) != 2 {
		t.Fatalf("sent %d alerts, want the raised one and no other", len(sender.sent))
	}
}

// TestAKioskAbroadGivesOnlyNumbersThatWorkThere: with its own crisis lines
// the kiosk shows those, and leaves out the next steps that name 911, 988 or
// 741741; without, the definition's lines and every step.
func TestAKioskAbroadGivesOnlyNumbersThatWorkThere(t *testing.T) {
	def, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	crisis := def.Crisis
	home := &Config{}
	if got := home.CrisisResources(def, "en"); len(got) != len(def.Resources) {
		t.Errorf("a kiosk without its own lines shows %d, want the definition's %d", len(got), len(def.Resources))
	}
	if got := home.NextSteps(def, crisis, "en"); len(got) != len(crisis.NextSteps) {
		t.Errorf("a kiosk without its own lines gives %d steps, want all %d", len(got), len(crisis.NextSteps))
	}
	abroad := &Config{CrisisLines: []CrisisLine{{Number: "116 123", Text: "Samaritans: call 116 123"}}}
	lines := abroad.CrisisResources(def, "en")
	if len(lines) != 1 || lines[0].Number != "116 123" || lines[0].Text.In("en") != "Samaritans: call 116 123" {
		t.Errorf("lines abroad: %+v", lines)
	}
	steps := abroad.NextSteps(def, crisis, "en")
	if len(steps) == 0 || len(steps) >= len(crisis.NextSteps) {
		t.Fatalf("%d of %d steps abroad, want the ones without a US number", len(steps), len(crisis.NextSteps))
	}
	for _, s := range steps {
		for _, r := range def.Resources {
			if strings.Contains(s.In("en"), r.Number) {
				t.Errorf("a step abroad names %s: %q", r.Number, s.In("en"))
			}
		}
	}
}
