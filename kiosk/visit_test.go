package kiosk

import (
	"errors"
	"strings"
	"testing"
	"time"

	"ketascreen/questionnaire"
)

func TestPINGuardLocksAfterFiveWrongTriesAndOpensAgain(t *testing.T) {
	clock := NewManualClock()
	hash, err := HashPIN("4827")
	if err != nil {
		t.Fatal(err)
	}
	g := NewPINGuard(clock, hash)
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
