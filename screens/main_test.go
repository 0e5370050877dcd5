package screens

import (
	"errors"
	"os"
	"os/exec"
	"testing"
)

// cacheSet marks a test process whose Fyne cache lifetime was chosen for it.
const cacheSet = "KETASCREEN_TEST_FYNE_CACHE_SET"

// TestMain runs the screen tests with a Fyne cache that outlives them.
//
// Fyne frees a widget's renderer once it has not been drawn for FYNE_CACHE
// (one minute by default), and reads that setting once, before any test
// runs. The screen tests take about a minute, longer on a busy machine: past
// the minute, a golden image captured a half-drawn screen. So the test
// binary runs itself again with FYNE_CACHE set, unless it was already chosen
// (the soak test chooses a short one for itself).
func TestMain(m *testing.M) {
	if os.Getenv(cacheSet) != "" {
		os.Exit(m.Run())
	}
	cmd := exec.Command(os.Args[0], os.Args[1:]...)
	cmd.Env = append(os.Environ(), "FYNE_CACHE=24h", cacheSet+"=1")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		os.Exit(exit.ExitCode())
	case err != nil:
		os.Stderr.WriteString("running the screen tests with FYNE_CACHE set: " + err.Error() + "\n")
		os.Exit(2)
	}
}
