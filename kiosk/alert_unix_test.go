//go:build unix

package kiosk

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// An alert program that writes without end does not fill the kiosk's memory:
// only the start of its output is kept, for the log.
func TestAlertOutputIsCapped(t *testing.T) {
	a := &Alerter{Command: []string{"sh", "-c", "yes 'paging failed' | head -c 50000000; exit 3"}, Timeout: 20 * time.Second}
	err := <-a.Send(Event{Kind: "crisis"})
	if err == nil || !strings.Contains(err.Error(), "paging failed") || len(err.Error()) > alertOutputLimit+100 {
		t.Errorf("an alert that writes 50 MB: error of %d bytes", len(err.Error()))
	}
}

// A program that starts a child in the background and exits 0 has worked,
// and the child ends with it.
func TestAlertThatLeavesAChildSucceedsAndTheChildEnds(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "child.pid")
	a := &Alerter{Command: []string{"sh", "-c", "sleep 60 & echo $! > " + pidFile + "; exit 0"}, Timeout: 20 * time.Second}
	if err := <-a.Send(Event{Kind: "urgent"}); err != nil {
		t.Errorf("the alert exited 0 but was taken as failed: %v", err)
	}
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	stat := "/proc/" + strings.TrimSpace(string(data)) + "/stat"
	for range 100 {
		s, err := os.ReadFile(stat)
		if err != nil || strings.Contains(string(s), ") Z ") {
			return // gone, or dead and waiting for its parent to be reaped
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Error("the alert's background child is still running")
}
