package kiosk

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"sync"
	"time"
)

// Event is what the alert command receives on standard input: what
// happened, when, and on which kiosk. It never holds an answer.
type Event struct {
	Kind  string `json:"kind"` // "crisis", "urgent", or "test" at start-up
	Time  string `json:"time"` // RFC 3339
	Kiosk string `json:"kiosk"`
	// Code is the claim code of the person's record, when the kiosk keeps
	// records: staff find the record at the front desk by it.
	Code string `json:"code,omitempty"`
}

// Alerter runs the staff alert command. A failing or hanging command is
// logged and killed after the time limit; it never blocks the caller.
type Alerter struct {
	Command []string
	Timeout time.Duration
	Log     func(string)

	running sync.WaitGroup // the commands not done yet
}

// Send runs the command in the background with the event as JSON on
// standard input. The returned channel gets the outcome (nil when the command
// ran and exited 0) once the command is done or killed; callers may ignore it.
func (a *Alerter) Send(ev Event) <-chan error {
	done := make(chan error, 1)
	if a == nil || len(a.Command) == 0 {
		done <- nil
		return done
	}
	a.running.Add(1)
	go func() {
		defer a.running.Done()
		err := a.run(ev)
		if err != nil && a.Log != nil {
			a.Log(fmt.Sprintf("staff alert %q for %s failed: %v", a.Command[0], ev.Kind, err))
		}
		done <- err
	}()
	return done
}

// Wait waits for every alert command still running to be done (or killed
// at its time limit): a kiosk process waits for them before it ends.
func (a *Alerter) Wait() {
	if a != nil {
		a.running.Wait()
	}
}

func (a *Alerter) run(ev Event) error {
	payload, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	timeout := a.Timeout
	if timeout <= 0 {
		timeout = DefaultAlertTimeout
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, a.Command[0], a.Command[1:]...)
	cmd.Stdin = bytes.NewReader(append(payload, '\n'))
	output := &cappedBuffer{limit: alertOutputLimit}
	cmd.Stdout, cmd.Stderr = output, output
	killGroup(cmd)
	// A program that leaves a child holding its output open is not waited
	// for longer than this once it has exited itself.
	cmd.WaitDelay = time.Second
	err = cmd.Run()
	endGroup(cmd) // whatever it started in the background ends with it
	if ctx.Err() == context.DeadlineExceeded {
		return fmt.Errorf("no answer within %s; stopped it", timeout)
	}
	if errors.Is(err, exec.ErrWaitDelay) && cmd.ProcessState != nil && cmd.ProcessState.Success() {
		err = nil // it succeeded; only a child of it kept the output open
	}
	if err != nil {
		return fmt.Errorf("%w: %s", err, bytes.TrimSpace(output.buf.Bytes()))
	}
	return nil
}

// alertOutputLimit is how much of the alert command's output is kept for
// the log; the rest is read and dropped (a program that writes without end
// once filled the kiosk's memory).
const alertOutputLimit = 4 << 10

// cappedBuffer keeps the first limit bytes written to it and drops the rest.
type cappedBuffer struct {
	mu    sync.Mutex // stdout and stderr are copied by two goroutines
	buf   bytes.Buffer
	limit int
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if room := c.limit - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

// TestAlert sends the start-up test event ({"kind":"test"}) with the
// config's alert command and waits for it: a kiosk whose staff alert does not
// work must not start, because a person with an acute positive ASQ must not
// be left alone.
func TestAlert(c *Config, now time.Time) error {
	a := &Alerter{Command: c.AlertCommand, Timeout: c.AlertTimeout()}
	if len(a.Command) == 0 {
		return fmt.Errorf("%s has no alert_command", c.File)
	}
	err := <-a.Send(Event{Kind: "test", Time: now.UTC().Format(time.RFC3339), Kiosk: c.Name})
	if err != nil {
		return fmt.Errorf("the staff alert command %q failed its start-up test: %v; "+
			"the kiosk does not start until the staff alert works: fix alert_command in %s, or the program it runs", a.Command[0], err, c.File)
	}
	return nil
}
