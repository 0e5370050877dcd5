package kiosk

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeKioskVar makes the test binary act as a kiosk process (see
// TestMain): its value is what the process does.
const fakeKioskVar = "KETASCREEN_TEST_FAKE_KIOSK"

func TestMain(m *testing.M) {
	if how := os.Getenv(fakeKioskVar); how != "" {
		os.Exit(fakeKiosk(how, os.Getenv("KETASCREEN_TEST_FAKE_LOG")))
	}
	os.Exit(m.Run())
}

// fakeKiosk is a kiosk process of the supervisor tests. It notes what it
// does in the file logPath, one line each, named by its KETASCREEN_TEST_N:
//   - serve: on screen, then its person is wiped; told to end, it ends
//     ("serve, slow to end": a second later); told to stay, it serves the
//     next person, whom staff then exit;
//   - exit: on screen, then staff exit; "exit after end 1" waits until
//     process 1 has ended;
//   - crash: exits 2 at once;
//   - hang: never on screen.
func fakeKiosk(how, logPath string) int {
	n := os.Getenv("KETASCREEN_TEST_N")
	note := func(what string) {
		f, err := os.OpenFile(logPath, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o600)
		if err == nil {
			fmt.Fprintf(f, "%s %s\n", what, n)
			f.Close()
		}
	}
	say := func(msg string) { fmt.Println(msgPrefix + msg) }
	switch how {
	case "crash":
		note("crash")
		return 2
	case "hang":
		note("hang")
		io.Copy(io.Discard, os.Stdin)
		return 0
	case "status then exit":
		say(msgReady)
		for _, e := range []string{StatusStarted, StatusFinished, "alert crisis sent"} {
			say(msgStatus + e)
		}
		say(msgExit)
		return 0
	case "exit", "exit after end 1":
		note("ready")
		fmt.Println("an ordinary line of output")
		say(msgReady)
		if how != "exit" {
			// Staff exit only once the process before has ended.
			for i := 0; i < 600 && !strings.Contains(readFile(logPath), "end 1\n"); i++ {
				time.Sleep(100 * time.Millisecond)
			}
		}
		note("exit")
		say(msgExit)
		return 0
	}
	note("ready")
	say(msgReady)
	say(msgWiped)
	lines := bufio.NewScanner(os.Stdin)
	for lines.Scan() {
		switch lines.Text() {
		case cmdEnd:
			if how == "serve, slow to end" {
				time.Sleep(time.Second)
			}
			note("end")
			return 0
		case cmdStay:
			note("stay")
			say(msgExit)
			return 0
		}
	}
	note("eof")
	return 0
}

func readFile(name string) string {
	data, _ := os.ReadFile(name)
	return string(data)
}

// supervised is a Supervisor whose kiosk processes do, one after the other,
// what hows says (the last one again when there are more).
type supervised struct {
	*Supervisor
	log    string
	output strings.Builder
	mu     sync.Mutex
	logged []string
	slept  []time.Duration
}

func newSupervised(t *testing.T, hows ...string) *supervised {
	s := &supervised{log: filepath.Join(t.TempDir(), "kiosks.log")}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	started := 0
	s.Supervisor = &Supervisor{
		Command: func() *exec.Cmd {
			how := hows[min(started, len(hows)-1)]
			started++
			cmd := exec.Command(exe, "-test.run=^$")
			cmd.Env = append(os.Environ(), fakeKioskVar+"="+how, "KETASCREEN_TEST_FAKE_LOG="+s.log, fmt.Sprintf("KETASCREEN_TEST_N=%d", started))
			return cmd
		},
		Output: &s.output,
		Log: func(line string) {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.logged = append(s.logged, line)
		},
		Sleep: func(d time.Duration) { s.slept = append(s.slept, d) },
	}
	return s
}

// run runs the supervisor, failing the test if it does not return.
func (s *supervised) run(t *testing.T, stop <-chan struct{}) int {
	t.Helper()
	code := make(chan int, 1)
	go func() { code <- s.Run(stop) }()
	select {
	case c := <-code:
		return c
	case <-time.After(2 * time.Minute):
		t.Fatalf("the supervisor did not return; it logged %q", s.logged)
		return -1
	}
}

// kiosks is what the kiosk processes noted, in order.
func (s *supervised) kiosks() []string {
	return strings.Split(strings.TrimSpace(readFile(s.log)), "\n")
}

// Staff may exit on the next person's process before the wiped one has
// ended: that is an exit, not a replacement that failed (it once started a
// third process).
func TestStaffExitBeforeTheWipedProcessHasEnded(t *testing.T) {
	s := newSupervised(t, "serve, slow to end", "exit")
	if code := s.run(t, nil); code != 0 {
		t.Errorf("staff exit: Run returned %d; log %q", code, s.logged)
	}
	// The wiped process is ended (by a signal: it may not note its end).
	got := slices.DeleteFunc(s.kiosks(), func(n string) bool { return n == "end 1" })
	if want := []string{"ready 1", "ready 2", "exit 2"}; !slices.Equal(got, want) {
		t.Errorf("the kiosk processes did %q, want %q (and maybe end 1); log %q", s.kiosks(), want, s.logged)
	}
}

func TestSupervisorEndsTheWipedProcessOnlyOnceTheNextIsOnScreen(t *testing.T) {
	s := newSupervised(t, "serve", "exit after end 1")
	if code := s.run(t, nil); code != 0 {
		t.Errorf("staff exit: Run returned %d; log %q", code, s.logged)
	}
	want := []string{"ready 1", "ready 2", "end 1", "exit 2"}
	if got := s.kiosks(); !slices.Equal(got, want) {
		t.Errorf("the kiosk processes did %q, want %q", got, want)
	}
	if out := s.output.String(); out != "an ordinary line of output\n" {
		t.Errorf("output passed on: %q", out)
	}
}

func TestSupervisorKeepsTheWipedProcessWhenTheNextCannotStart(t *testing.T) {
	s := newSupervised(t, "serve", "crash")
	if code := s.run(t, nil); code != 0 {
		t.Errorf("Run returned %d; log %q", code, s.logged)
	}
	want := []string{"ready 1", "crash 2", "stay 1"}
	if got := s.kiosks(); !slices.Equal(got, want) {
		t.Errorf("the kiosk processes did %q, want %q", got, want)
	}
	if !slices.ContainsFunc(s.logged, func(l string) bool { return strings.Contains(l, "ended before it took over") }) {
		t.Errorf("the failed start is not logged: %q", s.logged)
	}
}

func TestSupervisorKeepsTheWipedProcessWhenTheNextIsTooSlow(t *testing.T) {
	s := newSupervised(t, "serve", "hang")
	s.ReadyWithin = 300 * time.Millisecond
	if code := s.run(t, nil); code != 0 {
		t.Errorf("Run returned %d; log %q", code, s.logged)
	}
	want := []string{"ready 1", "hang 2", "stay 1"}
	if got := s.kiosks(); !slices.Equal(got, want) {
		t.Errorf("the kiosk processes did %q, want %q", got, want)
	}
}

func TestSupervisorStartsACrashedProcessAgainLaterEachTime(t *testing.T) {
	s := newSupervised(t, "crash", "crash", "crash", "exit")
	if code := s.run(t, nil); code != 0 {
		t.Errorf("Run returned %d; log %q", code, s.logged)
	}
	if want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}; !slices.Equal(s.slept, want) {
		t.Errorf("waited %v before the new starts, want %v", s.slept, want)
	}
	if got, want := s.kiosks(), []string{"crash 1", "crash 2", "crash 3", "ready 4", "exit 4"}; !slices.Equal(got, want) {
		t.Errorf("the kiosk processes did %q, want %q", got, want)
	}
}

func TestSupervisorStopsItsKioskWhenStopped(t *testing.T) {
	s := newSupervised(t, "hang")
	stop := make(chan struct{})
	time.AfterFunc(200*time.Millisecond, func() { close(stop) })
	if code := s.run(t, stop); code != 0 {
		t.Errorf("Run returned %d; log %q", code, s.logged)
	}
	if got := s.kiosks(); !slices.Equal(got, []string{"hang 1"}) {
		t.Errorf("the kiosk processes did %q", got)
	}
}

func TestSupervisorReturnsOneWhenNoKioskCanStart(t *testing.T) {
	s := newSupervised(t, "exit")
	s.Command = func() *exec.Cmd { return exec.Command(filepath.Join(t.TempDir(), "missing")) }
	if code := s.run(t, nil); code != 1 {
		t.Errorf("Run returned %d, want 1", code)
	}
	if len(s.logged) == 0 || !strings.Contains(s.logged[0], "starting the kiosk process") {
		t.Errorf("logged %q", s.logged)
	}
}

func TestHandoverTellsTheSupervisorAndHearsItsAnswer(t *testing.T) {
	in, toChild := io.Pipe()
	fromChild, out := io.Pipe()
	h := NewHandover(in, out)
	said := bufio.NewScanner(fromChild)
	next := func() string {
		said.Scan()
		return strings.TrimPrefix(said.Text(), msgPrefix)
	}
	heard := make(chan string, 4)
	replace := func() {
		go h.Replace(func() { heard <- "end" }, func() { heard <- "stay" })
		if got := next(); got != msgWiped {
			t.Fatalf("Replace said %q", got)
		}
	}
	replace()
	io.WriteString(toChild, "stay\n")
	if got := <-heard; got != "stay" {
		t.Errorf("after stay: %s", got)
	}
	io.WriteString(toChild, "end\n") // nothing awaited: ignored
	replace()
	io.WriteString(toChild, "what?\nend\n")
	if got := <-heard; got != "end" {
		t.Errorf("after end: %s", got)
	}
	replace()
	toChild.Close() // the supervisor has gone: the process carries on
	if got := <-heard; got != "stay" {
		t.Errorf("after the supervisor went: %s", got)
	}
	h.Replace(func() { heard <- "end" }, func() { heard <- "stay" })
	if got := <-heard; got != "stay" {
		t.Errorf("alone: %s", got)
	}
	var none *Handover
	none.Ready()
	none.Replace(func() { heard <- "end" }, func() { heard <- "stay" })
	if got := <-heard; got != "stay" {
		t.Errorf("without a supervisor: %s", got)
	}
}
