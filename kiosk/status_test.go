package kiosk

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStatusFileCountsAndKeepsNoAnswers: the supervisor writes what the
// kiosk processes report, and nothing else reaches the file.
func TestStatusFileCountsAndKeepsNoAnswers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "status", "kiosk-status.json")
	f := NewStatusFile(path, "0.1.0 (build 1)", "waiting-room-1")
	read := func() Status {
		t.Helper()
		var s Status
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := read(); s.Version != "0.1.0 (build 1)" || s.Kiosk != "waiting-room-1" || s.PID != os.Getpid() || s.Started.IsZero() || s.SessionsStarted != 0 {
		t.Fatalf("at start: %+v", s)
	}
	for _, e := range []string{"started", "finished", "started", "alert crisis sent", "alert urgent failed", "error staff alert urgent failed: exit status 3", "phq9_9 3", "alert crisis maybe"} {
		f.Apply(e)
	}
	s := read()
	if s.SessionsStarted != 2 || s.SessionsFinished != 1 {
		t.Errorf("sessions: %d started, %d finished", s.SessionsStarted, s.SessionsFinished)
	}
	if len(s.Alerts) != 2 || s.Alerts[0].Kind != "crisis" || s.Alerts[0].Result != "sent" || s.Alerts[1].Result != "failed" {
		t.Errorf("alerts: %+v", s.Alerts)
	}
	if s.LastError != "staff alert urgent failed: exit status 3" || s.LastErrorTime == nil {
		t.Errorf("last error: %q %v", s.LastError, s.LastErrorTime)
	}
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), "phq9") || strings.Contains(string(data), "maybe") {
		t.Errorf("an unknown event reached the status file:\n%s", data)
	}
	for range 60 {
		f.Apply("alert urgent sent")
	}
	f.Error(strings.Repeat("x", 1000))
	if s := read(); len(s.Alerts) != statusAlerts || len(s.LastError) > maxStatusError+3 {
		t.Errorf("the file keeps %d alerts and an error of %d bytes", len(s.Alerts), len(s.LastError))
	}
}

// TestSupervisorWritesTheKioskProcessesStatus: status lines of a kiosk
// process go to the status file, not to the supervisor's output.
func TestSupervisorWritesTheKioskProcessesStatus(t *testing.T) {
	s := newSupervised(t, "status then exit")
	path := filepath.Join(t.TempDir(), "kiosk-status.json")
	s.Status = NewStatusFile(path, "test", "k")
	if code := s.run(t, nil); code != 0 {
		t.Fatalf("exit %d", code)
	}
	got := s.Status.Snapshot()
	if got.SessionsStarted != 1 || got.SessionsFinished != 1 || len(got.Alerts) != 1 {
		t.Errorf("status after the process reported: %+v", got)
	}
	if strings.Contains(s.output.String(), "status") {
		t.Errorf("status lines reached the output: %q", s.output.String())
	}
}
