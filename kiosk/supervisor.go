package kiosk

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

// A kiosk runs as a supervisor and one kiosk process per person. The
// supervisor opens no window: it starts a kiosk process, and when that
// process has wiped its person it starts a fresh one, waits for it to be
// on screen, and only then tells the old one to end. Nothing of one person
// is then left in the memory of the process the next person uses, and the
// memory of the kiosk cannot grow from person to person (issues 16 and 18).
//
// The two talk over the kiosk process's standard input and output, one
// line per message: the kiosk process writes the lines below to its
// output, the supervisor writes "end" or "stay" to its input.
const (
	// ChildVar, set to "1", tells a kiosk process that a supervisor started it.
	ChildVar = "KETASCREEN_KIOSK_CHILD"

	msgPrefix = "ketascreen-kiosk: "
	msgReady  = "ready"   // the window is up, full screen, on the attract screen
	msgWiped  = "wiped"   // the person is wiped: replace this process
	msgExit   = "exit"    // staff chose "Exit kiosk": the kiosk ends
	msgStatus = "status " // an event for the status file, as "status started"
	cmdEnd    = "end"     // the next process is on screen: end now
	cmdStay   = "stay"    // no next process could start: carry on
)

// IsChild tells whether this process is a kiosk process that a supervisor
// started.
func IsChild() bool { return os.Getenv(ChildVar) == "1" }

// Supervisor starts and replaces the kiosk processes. See Run.
type Supervisor struct {
	// Command returns a kiosk process to start (not yet started): the same
	// program with the same arguments, ChildVar and the kiosk's Fyne cache
	// lifetime in its environment. Its Stdin and Stdout are set by Run.
	Command func() *exec.Cmd
	// Output gets the kiosk processes' output that is not a message.
	Output io.Writer
	// Status, when set, takes the kiosk processes' status events and the
	// supervisor's own faults.
	Status *StatusFile
	Log    func(string)
	// Sleep, when set, replaces the wait before a kiosk process that failed
	// soon after its start is started again (tests); the default wait ends
	// early when Run is stopped.
	Sleep func(time.Duration)
	// ReadyWithin is how long a replacement may take to be on screen before
	// the current process is told to stay; zero means ReadyWithin.
	ReadyWithin time.Duration
	// EndWithin is how long a process told to end has before it is killed;
	// zero means EndWithin.
	EndWithin time.Duration
}

// Default limits of a Supervisor. A start takes about 0.2 s on an idle
// machine, but several seconds on a busy one.
const (
	ReadyWithin = time.Minute
	EndWithin   = 30 * time.Second
)

// How a kiosk process that fails within failedEarly of its start is
// started again: after firstBackoff, doubling each time up to maxBackoff,
// so that a kiosk whose display has gone does not spin.
const (
	failedEarly  = 10 * time.Second
	firstBackoff = time.Second
	maxBackoff   = 30 * time.Second
)

// child is one running kiosk process.
type child struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	msgs    chan string
	done    chan error // gets the process's end once its output is read
	started time.Time
	exiting bool // it said staff chose to exit
	ending  bool // it was told to end
}

// log says what went wrong, to Log and as the status file's last error.
func (s *Supervisor) log(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.note("%s", msg)
	s.Status.Error(msg)
}

// note says what happened that is no fault, to Log only.
func (s *Supervisor) note(format string, args ...any) {
	if s.Log != nil {
		s.Log(fmt.Sprintf(format, args...))
	}
}

// sleep waits d, or until stop is closed; it tells whether stop was.
func (s *Supervisor) sleep(d time.Duration, stop <-chan struct{}) (stopped bool) {
	if s.Sleep != nil {
		s.Sleep(d)
		return false
	}
	select {
	case <-time.After(d):
		return false
	case <-stop:
		return true
	}
}

// start starts a kiosk process.
func (s *Supervisor) start() (*child, error) {
	cmd := s.Command()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	endWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	c := &child{cmd: cmd, stdin: stdin, msgs: make(chan string, 8), done: make(chan error, 1), started: time.Now()}
	go func() {
		s.read(stdout, c.msgs)
		c.done <- cmd.Wait()
	}()
	return c, nil
}

// read passes the messages of a kiosk process's output to msgs and the
// other lines to s.Output.
func (s *Supervisor) read(out io.Reader, msgs chan<- string) {
	r := bufio.NewReader(out)
	for {
		line, err := r.ReadString('\n')
		msg, ok := strings.CutPrefix(strings.TrimRight(line, "\r\n"), msgPrefix)
		if event, isStatus := strings.CutPrefix(msg, msgStatus); ok && err == nil && isStatus {
			s.Status.Apply(event)
		} else if ok && err == nil {
			msgs <- msg
		} else if line != "" && s.Output != nil {
			io.WriteString(s.Output, line)
		}
		if err != nil {
			return
		}
	}
}

// tell writes a command to a kiosk process; one that has gone cannot read it.
func (c *child) tell(cmd string) { io.WriteString(c.stdin, cmd+"\n") }

// stop ends a kiosk process: asked first (see stopProcess), killed if it
// has not ended within limit.
func (c *child) stop(limit time.Duration) {
	stopProcess(c.cmd.Process)
	select {
	case <-c.done:
	case <-time.After(limit):
		c.cmd.Process.Kill()
		<-c.done
	}
}

// Run keeps a kiosk process on screen until staff exit the kiosk (Run then
// returns 0) or stop is closed (the service is being stopped: the kiosk
// processes are stopped, and Run returns 0). A kiosk process that ends any
// other way (it crashed, or was killed) is started again; when none can be
// started at all, Run returns 1 with the reason logged.
//
// The replacement after a wipe: the current process shows its attract
// screen and ignores input while a fresh one starts. Once the fresh one
// says it is on screen, the current one is told to end; if the fresh one
// fails or is not on screen within ReadyWithin, the current one is told to
// stay and serves the next person itself, and its next wipe tries again.
func (s *Supervisor) Run(stop <-chan struct{}) int {
	r := &supervision{Supervisor: s, readyWithin: s.ReadyWithin, endWithin: s.EndWithin, exit: -1, stop: stop}
	if r.readyWithin == 0 {
		r.readyWithin = ReadyWithin
	}
	if r.endWithin == 0 {
		r.endWithin = EndWithin
	}
	var err error
	if r.current, err = s.start(); err != nil {
		s.log("kiosk: starting the kiosk process: %v", err)
		return 1
	}
	for r.exit < 0 {
		var nextMsgs <-chan string
		var nextDone <-chan error
		if r.next != nil {
			nextMsgs, nextDone = r.next.msgs, r.next.done
		}
		select {
		case <-stop:
			r.stopAll()
			return 0
		case msg := <-r.current.msgs:
			r.currentSaid(msg)
		case err := <-r.current.done:
			r.currentEnded(err)
		case msg := <-nextMsgs:
			r.nextSaid(msg)
		case err := <-nextDone:
			r.nextEnded(err)
		case <-r.nextDeadline:
			r.dropNext(fmt.Sprintf("was not on screen within %s", r.readyWithin))
		case <-r.endDeadline:
			s.log("kiosk: the kiosk process did not end within %s of being told to; killed", r.endWithin)
			r.endDeadline = nil
			r.current.cmd.Process.Kill()
		}
	}
	return r.exit
}

// supervision is the state of one Run.
type supervision struct {
	*Supervisor
	readyWithin, endWithin time.Duration

	current      *child
	next         *child           // the replacement, until current has ended
	nextDeadline <-chan time.Time // for next to be on screen
	endDeadline  <-chan time.Time // for current to end once told to
	backoff      time.Duration
	exit         int // Run's exit code once it is to return; -1 until then
	stop         <-chan struct{}
}

func (r *supervision) stopAll() {
	if r.next != nil {
		r.next.stop(r.endWithin)
	}
	r.current.stop(r.endWithin)
}

// currentSaid handles a message of the process on screen.
func (r *supervision) currentSaid(msg string) {
	switch msg {
	case msgExit:
		r.current.exiting = true
	case msgWiped:
		if r.next != nil || r.current.ending {
			return
		}
		next, err := r.start()
		if err != nil {
			r.log("kiosk: starting the next kiosk process: %v; this one carries on", err)
			r.current.tell(cmdStay)
			return
		}
		r.next, r.nextDeadline = next, time.After(r.readyWithin)
	}
}

// nextSaid handles a message of the replacement.
func (r *supervision) nextSaid(msg string) {
	switch msg {
	case msgReady:
		if !r.current.ending {
			r.current.ending = true
			r.current.tell(cmdEnd)
			r.nextDeadline, r.endDeadline = nil, time.After(r.endWithin)
		}
	case msgExit:
		r.next.exiting = true
	}
}

// nextEnded handles the end of the replacement before it took the old
// process's place: staff may have exited on it already (the old one was
// told to end, and is ending); otherwise it failed.
func (r *supervision) nextEnded(err error) {
	for len(r.next.msgs) > 0 {
		if msg := <-r.next.msgs; msg == msgExit {
			r.next.exiting = true
		}
	}
	if r.next.exiting && err == nil {
		r.note("kiosk: staff ended the kiosk")
		r.current.stop(r.endWithin)
		r.exit = 0
		return
	}
	r.next.done <- err // for stop, which waits for it
	r.dropNext(fmt.Sprintf("ended before it took over: %v", processEnd(err)))
}

// dropNext gives up on the replacement.
func (r *supervision) dropNext(why string) {
	r.log("kiosk: the next kiosk process %s; this one carries on", why)
	r.next.stop(r.endWithin)
	r.next, r.nextDeadline = nil, nil
	if !r.current.ending {
		r.current.tell(cmdStay)
	}
}

// currentEnded handles the end of the process on screen: the replacement
// takes its place, or staff exited, or it is started again.
func (r *supervision) currentEnded(err error) {
	// Its last messages come before its end; read them first.
	for len(r.current.msgs) > 0 {
		if msg := <-r.current.msgs; msg == msgExit {
			r.current.exiting = true
		}
	}
	r.endDeadline = nil
	switch {
	case r.next != nil:
		if !r.current.ending {
			r.log("kiosk: the kiosk process ended while the next one was starting: %v", processEnd(err))
		}
		r.current, r.next, r.nextDeadline = r.next, nil, nil
		return
	case r.current.exiting && err == nil:
		r.note("kiosk: staff ended the kiosk")
		r.exit = 0
		return
	case r.current.ending:
		r.log("kiosk: the kiosk process ended with no process to take its place")
	default:
		r.log("kiosk: the kiosk process ended: %v", processEnd(err))
	}
	if time.Since(r.current.started) < failedEarly {
		r.backoff = min(max(2*r.backoff, firstBackoff), maxBackoff)
		r.note("kiosk: starting it again in %s", r.backoff)
		if r.sleep(r.backoff, r.stop) {
			r.exit = 0
			return
		}
	} else {
		r.backoff = 0
	}
	next, err := r.start()
	if err != nil {
		r.log("kiosk: starting the kiosk process: %v", err)
		r.exit = 1
		return
	}
	r.current = next
}

// processEnd says how a process ended.
func processEnd(err error) string {
	if err == nil {
		return "exit status 0"
	}
	return err.Error()
}
