package startup

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
)

// DisplayProblem tells, before any window is opened, why none could be: on
// Linux and the BSDs a window needs an X or Wayland display, named by
// DISPLAY or WAYLAND_DISPLAY. It returns "" when there may be one.
func DisplayProblem() string {
	return displayProblem(runtime.GOOS, os.Getenv)
}

func displayProblem(goos string, getenv func(string) string) string {
	switch goos {
	case "windows", "darwin", "android", "ios", "js":
		return ""
	}
	if getenv("DISPLAY") == "" && getenv("WAYLAND_DISPLAY") == "" {
		return "there is no display to open the window on (neither DISPLAY nor WAYLAND_DISPLAY is set)"
	}
	return ""
}

// NoWindowMessage is the one line printed when the app cannot open its
// window, saying what is wrong and what still works.
func NoWindowMessage(problem string) string {
	return fmt.Sprintf("ketascreen: cannot open the app window: %s. Start it from a desktop session; "+
		"the commands check, score, kiosk-pin, export-fhir-questionnaire and decrypt need no display.", problem)
}

// HeldLog keeps what is logged while the window is being opened, so that a
// failure to open it can be reported in one line instead of the graphics
// library's own messages. Release writes what it held and lets everything
// after it through.
type HeldLog struct {
	mu       sync.Mutex
	out      io.Writer
	held     bytes.Buffer
	released bool
}

// HoldLog starts holding what is written to it; out is where it goes.
func HoldLog(out io.Writer) *HeldLog { return &HeldLog{out: out} }

// Write holds p until Release, and writes it at once after.
func (h *HeldLog) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.released {
		return h.out.Write(p)
	}
	return h.held.Write(p)
}

// Release writes what was held and passes on everything written later.
func (h *HeldLog) Release() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.released {
		return
	}
	h.released = true
	_, _ = h.out.Write(h.held.Bytes())
	h.held.Reset()
}

// Discard forgets what was held (it has been said in one line instead) and
// passes on everything written later.
func (h *HeldLog) Discard() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.released = true
	h.held.Reset()
}

// WindowSize is the size the app window opens at: the size it is designed
// for, made smaller to fit a smaller screen, with room left for the window's
// title bar and the desktop's panels. Sizes are in the app's units, screen
// sizes in pixels at scale pixels per unit.
func WindowSize(wantWidth, wantHeight float32, screenWidth, screenHeight int, scale float32) (width, height float32) {
	if screenWidth <= 0 || screenHeight <= 0 || scale <= 0 {
		return wantWidth, wantHeight
	}
	const marginX, marginY = 16, 72 // window border; title bar and a panel
	fitW := (float32(screenWidth) - marginX) / scale
	fitH := (float32(screenHeight) - marginY) / scale
	return max(min(wantWidth, fitW), 320), max(min(wantHeight, fitH), 240)
}
