//go:build linux

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"ketascreen/kiosk"
)

// step is one recorded action of a kiosk session (written by the screens
// package's TestWriteKioskScript from its test driver at 1280×800).
type step struct {
	Key     string  `json:"key"`
	Tap     *[2]int `json:"tap"`
	Label   string  `json:"label"`
	Type    string  `json:"type"`
	Answer  bool    `json:"answer"`
	Measure string  `json:"measure"`
	Title   string  `json:"title"`
}

// stepTime is how long a replayed step took to show on the screen: its first
// change (an answer's tick, a button's next screen) and its last.
type stepTime struct {
	step        step
	first, last time.Duration
}

// kioskFigures are the kiosk's memory before and after the sessions, and its
// CPU use on the attract screen.
type kioskFigures struct {
	startPSS, firstPSS, endPSS, restedPSS []float64
	idle                                  []float64
	kinds                                 map[string]int
	took                                  time.Duration

	// handovers is ms from each session's last step to the next person's
	// process alone on screen (the kiosk takes no input meanwhile).
	handovers []float64

	// firstResponse is ms from each tap or key to the first change on the
	// screen; nextScreen from each tap that is not an answer to its next
	// screen; lists the medicine list drawn after Back, by "list=N".
	firstResponse, nextScreen []float64
	lists                     map[string][]float64
}

// stepQuiet is how long the screen must stay the same after a step before
// the next one: longer than a frame under load.
const stepQuiet = 120 * time.Millisecond

// answerQuiet is how long it must stay the same after an answer. An answer's
// tick may take more than one frame to draw (the tick's image comes a frame
// later), and the screen then stands still until the confirmation (350 ms
// from the tap) brings the next screen; waiting for longer than that
// stillness is what tells the tick from the next screen.
const answerQuiet = 600 * time.Millisecond

// rest is how long the kiosk stands unused after the sessions before the last
// reading, as between two people. Each person has a fresh process, so there
// should be nothing left to tidy; the reading after the rest shows whether
// anything still settles (it covers the tidy-up a kiosk process runs 25 s
// after a wipe when it serves the next person itself).
const rest = 45 * time.Second

// handoverLimit is how long a hand-over to the next person's process may
// take before the bench gives up: longer than the supervisor waits for a
// fresh process (kiosk.ReadyWithin) and then for the old one to end
// (kiosk.EndWithin), so that a slow hand-over is measured and reported
// rather than ending the run.
const handoverLimit = kiosk.ReadyWithin + kiosk.EndWithin + 10*time.Second

// slowHandover is a hand-over the bench logs as it happens.
const slowHandover = 5 * time.Second

func (b *bench) kiosk() (*kioskFigures, error) {
	f := &kioskFigures{kinds: map[string]int{}}
	scripts, err := b.kioskScripts()
	if err != nil {
		return nil, err
	}
	config, err := b.kioskConfig()
	if err != nil {
		return nil, err
	}

	b.log("kiosk: starting on its attract screen")
	r, _, _, err := b.startDrawn([]string{b.app, "--kiosk", "--config", config})
	if err != nil {
		return nil, fmt.Errorf("kiosk: %w", err)
	}
	defer r.stop()
	win, err := b.x.window("^KetaScreen$")
	if err != nil {
		return nil, err
	}
	if _, err := b.kioskProcess(r, win); err != nil {
		return nil, err
	}
	time.Sleep(idleAfterFrame)
	if f.startPSS, err = b.pssSamples(r); err != nil {
		return nil, err
	}
	b.log("kiosk: idle CPU on the attract screen, %d × %s", b.opts.runs, b.opts.idle)
	if f.idle, err = b.idleCPU(r); err != nil {
		return nil, err
	}

	b.log("kiosk: %d sessions through the real window", b.opts.sessions)
	if _, err := b.x.xdotool("mousemove", "640", "400"); err != nil {
		return nil, err
	}
	t0 := time.Now()
	if win, err = b.sessions(r, win, scripts, f); err != nil {
		return nil, err
	}
	f.took = time.Since(t0)
	time.Sleep(idleAfterFrame)
	if f.endPSS, err = b.pssSamples(r); err != nil {
		return nil, err
	}
	b.log("kiosk: resting %s", rest)
	time.Sleep(rest)
	if f.restedPSS, err = b.pssSamples(r); err != nil {
		return nil, err
	}
	if err := b.medicines(win, scripts["medicines"], f); err != nil {
		return nil, err
	}
	return f, nil
}

// kioskConfig writes the kiosk's config, with a staff PIN set through
// kiosk-pin and the same clinic as the recorded sessions, so every button is
// where it was.
func (b *bench) kioskConfig() (string, error) {
	config := filepath.Join(b.dir, "kiosk.yaml")
	pin := exec.Command(b.app, "kiosk-pin", "--config", config)
	pin.Env = b.env
	pin.Stdin = strings.NewReader("246813\n246813\n")
	if out, err := pin.CombinedOutput(); err != nil {
		return "", fmt.Errorf("kiosk-pin: %v\n%s", err, out)
	}
	cf, err := os.OpenFile(config, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return "", err
	}
	_, err = cf.WriteString("clinic_name: Riverside Clinic\nkiosk_name: waiting-room-1\nalert_command: [\"true\"]\n")
	if cerr := cf.Close(); err == nil {
		err = cerr
	}
	return config, err
}

// sessions replays the recorded sessions in the kiosk's window, reading its
// memory once the first person has gone. Each session ends with a wipe,
// after which the next person's process takes the screen: the next session
// waits for it and plays in its window, which it returns at the end.
func (b *bench) sessions(r *running, win string, scripts map[string][]step, f *kioskFigures) (string, error) {
	pid, err := b.kioskProcess(r, win)
	if err != nil {
		return "", err
	}
	for i := range b.opts.sessions {
		kind := sessionKind(i)
		times, err := b.replay(win, scripts[kind])
		if err != nil {
			return "", fmt.Errorf("kiosk session %d (%s): %w", i+1, kind, err)
		}
		f.addResponses(times)
		ended := time.Now()
		if win, pid, err = b.handedOver(r, pid); err != nil {
			return "", fmt.Errorf("after kiosk session %d (%s): %w", i+1, kind, err)
		}
		took := time.Since(ended)
		f.handovers = append(f.handovers, float64(took)/float64(time.Millisecond))
		if took > slowHandover {
			b.log("kiosk: the hand-over after session %d (%s) took %.1f s", i+1, kind, took.Seconds())
		}
		f.kinds[kind]++
		if i == 0 {
			// The first person (a complete screening) is the first
			// hand-over. Read the memory after a rest, to tell a one-time
			// cost from growth over the next people.
			time.Sleep(rest)
			if f.firstPSS, err = b.pssSamples(r); err != nil {
				return "", err
			}
		}
		if (i+1)%20 == 0 {
			pss, _ := r.pss()
			b.log("kiosk: %d sessions, PSS %.1f MB", i+1, float64(pss)/1e6)
		}
	}
	return win, nil
}

// kioskProcess checks that the window belongs to the supervisor's only
// kiosk process and returns that process.
func (b *bench) kioskProcess(r *running, win string) (int, error) {
	out, err := b.x.xdotool("getwindowpid", win)
	if err != nil {
		return 0, fmt.Errorf("the pid of window %s: %w", win, err)
	}
	pid, _ := strconv.Atoi(out)
	kids := r.children()
	if len(kids) != 1 || kids[0] != pid {
		return 0, fmt.Errorf("the kiosk window belongs to process %s, but the supervisor's kiosk processes are %v", out, kids)
	}
	return pid, nil
}

// handedOver waits until the process old has ended and a new one is alone
// on screen under the supervisor, then until the screen stands still; it
// returns the new window and process.
func (b *bench) handedOver(r *running, old int) (string, int, error) {
	deadline := time.Now().Add(handoverLimit)
	for time.Now().Before(deadline) {
		if err := r.exited(); err != nil {
			return "", 0, err
		}
		if kids := r.children(); len(kids) == 1 && kids[0] != old {
			if win, err := b.x.window("^KetaScreen$"); err == nil {
				if pid, err := b.kioskProcess(r, win); err == nil {
					return win, pid, b.x.still(stepQuiet)
				}
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	return "", 0, fmt.Errorf("no new kiosk process alone on screen within %s (the supervisor's processes: %v)%s", handoverLimit, r.children(), r.dump())
}

// dump asks each of the supervisor's kiosk processes for its goroutines
// (SIGQUIT: a Go program prints them and ends) and returns what they are
// doing and the end of the kiosk's log, for a hand-over that hung.
func (r *running) dump() string {
	var b strings.Builder
	for _, pid := range r.children() {
		stat, _ := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		wchan, _ := os.ReadFile(fmt.Sprintf("/proc/%d/wchan", pid))
		fmt.Fprintf(&b, "\nprocess %d: %s (waiting in %s)", pid, strings.TrimSpace(string(stat)), wchan)
		_ = syscall.Kill(pid, syscall.SIGQUIT)
	}
	time.Sleep(2 * time.Second)
	log := r.log.String()
	file := filepath.Join(os.TempDir(), fmt.Sprintf("ketascreen-bench-handover-%d.log", time.Now().Unix()))
	if os.WriteFile(file, []byte(log), 0o644) == nil {
		fmt.Fprintf(&b, "\nthe kiosk's whole log, with the goroutines of its processes: %s", file)
	}
	fmt.Fprintf(&b, "\nits last 4,000 bytes:\n%s", log[max(0, len(log)-4000):])
	return b.String()
}

// sessionKind mixes the sessions as the soak test does: every tenth person
// completes the whole screening; the others ask for help at once or are
// under 18. Each ends back on the attract screen.
func sessionKind(i int) string {
	switch {
	case i%10 == 0:
		return "full"
	case i%2 == 1:
		return "help"
	default:
		return "under18"
	}
}

// pssSamples reads the memory runs times, a second apart.
func (b *bench) pssSamples(r *running) ([]float64, error) {
	var out []float64
	for i := range b.opts.runs {
		if i > 0 {
			time.Sleep(time.Second)
		}
		pss, err := r.pss()
		if err != nil {
			return nil, err
		}
		out = append(out, float64(pss))
	}
	return out, nil
}

// kioskScripts records the sessions in Fyne's test driver.
func (b *bench) kioskScripts() (map[string][]step, error) {
	file := filepath.Join(b.dir, "kiosk-script.json")
	cmd := exec.Command("go", "test", "-tags", "ci", "-count=1", "-run", "^TestWriteKioskScript$", "./screens")
	cmd.Env = append(os.Environ(), "KETASCREEN_KIOSK_SCRIPT="+file)
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("recording the kiosk sessions: %v\n%s", err, out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var scripts map[string][]step
	if err := json.Unmarshal(data, &scripts); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	for _, kind := range []string{"full", "help", "under18", "medicines"} {
		if len(scripts[kind]) == 0 {
			return nil, fmt.Errorf("%s holds no %q session", file, kind)
		}
	}
	return scripts, nil
}

// replay performs the steps on the real window, each once the last has taken
// effect, and returns how long each took to show. It waits for the screen,
// not for a time: a tap on a one-answer question first shows its tick, then,
// after the confirmation, the next screen, so the screen must change at
// least twice and then stand still for longer than the confirmation; any
// other step must change it once and then stand still briefly. Then the
// window's title must be the recorded one.
func (b *bench) replay(win string, steps []step) ([]stepTime, error) {
	var times []stepTime
	for k, s := range steps {
		what := s.describe()
		var err error
		if s.Tap != nil {
			// The pointer first, so that a hover is not taken for the step's effect.
			if _, err = b.x.xdotool("mousemove", strconv.Itoa(s.Tap[0]), strconv.Itoa(s.Tap[1])); err == nil {
				err = b.x.still(40 * time.Millisecond)
			}
		}
		if err != nil {
			return nil, err
		}
		if s.Tap != nil {
			if err := b.press(40 * time.Millisecond); err != nil {
				return nil, err
			}
		}
		before, err := b.x.frame()
		if err != nil {
			return nil, err
		}
		acted := time.Now()
		if err := b.act(s); err != nil {
			return nil, fmt.Errorf("step %d (%s): %w", k+1, what, err)
		}
		n, quiet := 1, stepQuiet
		if s.Answer {
			n, quiet = 2, answerQuiet
		}
		first, last, err := b.x.changes(acted, before, n, quiet, 10*time.Second)
		if err != nil {
			return nil, fmt.Errorf("step %d (%s): %w", k+1, what, err)
		}
		times = append(times, stepTime{s, first, last})
		title, err := b.x.xdotool("getwindowname", win)
		if err != nil {
			return nil, err
		}
		if title != s.Title {
			return nil, fmt.Errorf("step %d (%s): the window is titled %q, want %q", k+1, what, title, s.Title)
		}
	}
	return times, nil
}

// describe names a step in messages.
func (s step) describe() string {
	switch {
	case s.Tap != nil:
		return fmt.Sprintf("a tap on %q", s.Label)
	case s.Type != "":
		return fmt.Sprintf("typing %q", s.Type)
	}
	return s.Key
}

// press holds the mouse button down and waits until the screen is still
// for quiet. A tap takes effect when the button is let go, as on a touch
// screen, so it is timed from the release; xdotool's click holds the button
// for about 100 ms, which every tap's time would include.
func (b *bench) press(quiet time.Duration) error {
	if _, err := b.x.xdotool("mousedown", "1"); err != nil {
		return err
	}
	return b.x.still(quiet)
}

// act performs a step: the key, the release of the pressed button (the
// pointer is already there), or the typing.
func (b *bench) act(s step) error {
	var err error
	switch {
	case s.Key != "":
		_, err = b.x.xdotool("key", s.Key)
	case s.Tap != nil:
		_, err = b.x.xdotool("mouseup", "1")
	case s.Type != "":
		_, err = b.x.xdotool("type", "--delay", "30", s.Type)
	default:
		err = errors.New("neither a key, a tap nor typing")
	}
	return err
}
