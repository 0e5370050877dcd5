package kiosk

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"sync"
)

// Handover is a kiosk process's side of its supervisor's protocol (see
// Supervisor): it says when its window is up, when its person is wiped and
// when staff exit, and hears whether to end or to stay. Its methods do
// nothing on a nil Handover, which is what a kiosk without a supervisor has.
type Handover struct {
	mu    sync.Mutex
	out   io.Writer
	alone bool   // the supervisor has gone: nobody will replace this process
	end   func() // while a replacement is awaited
	stay  func() // likewise
}

// NewHandover talks with a supervisor over in (its commands) and out (this
// process's messages). It reads in until it ends; when it ends (the
// supervisor has gone) the process serves every next person itself.
func NewHandover(in io.Reader, out io.Writer) *Handover {
	h := &Handover{out: out}
	go h.listen(in)
	return h
}

func (h *Handover) listen(in io.Reader) {
	lines := bufio.NewScanner(in)
	for lines.Scan() {
		h.heard(strings.TrimSpace(lines.Text()))
	}
	h.mu.Lock()
	h.alone = true
	stay := h.takeWaiting()
	h.mu.Unlock()
	if stay != nil {
		stay()
	}
}

// heard acts on a command of the supervisor; one that comes when no
// replacement is awaited, or that is not a command, is ignored.
func (h *Handover) heard(cmd string) {
	if cmd != cmdEnd && cmd != cmdStay {
		return
	}
	h.mu.Lock()
	end := h.end // read before takeWaiting clears it
	stay := h.takeWaiting()
	h.mu.Unlock()
	switch {
	case stay == nil:
	case cmd == cmdEnd:
		end()
	default:
		stay()
	}
}

// takeWaiting returns the stay of an awaited replacement and stops awaiting
// it; h.mu is held.
func (h *Handover) takeWaiting() (stay func()) {
	stay = h.stay
	h.end, h.stay = nil, nil
	return stay
}

func (h *Handover) say(msg string) {
	fmt.Fprintln(h.out, msgPrefix+msg)
}

// Ready tells the supervisor that the kiosk is on screen.
func (h *Handover) Ready() {
	if h != nil {
		h.say(msgReady)
	}
}

// Status reports an event for the kiosk's status file (StatusFile) to the
// supervisor, which writes it down.
func (h *Handover) Status(event string) {
	if h != nil {
		h.say(msgStatus + StatusEvent(event))
	}
}

// Exiting tells the supervisor that staff chose to exit the kiosk, before
// the process ends.
func (h *Handover) Exiting() {
	if h != nil {
		h.say(msgExit)
	}
}

// Replace asks the supervisor for a fresh process in this one's place, the
// person being wiped. Later, from another goroutine, end is called when
// the fresh one is on screen (this process is to end), or stay when none
// could start (this process carries on). Without a supervisor it calls
// stay at once.
func (h *Handover) Replace(end, stay func()) {
	if h == nil {
		stay()
		return
	}
	h.mu.Lock()
	if h.alone {
		h.mu.Unlock()
		stay()
		return
	}
	h.end, h.stay = end, stay
	h.mu.Unlock()
	h.say(msgWiped)
}
