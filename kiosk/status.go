package kiosk

import (
	"encoding/json"
	"log"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"ketascreen/records"
)

// Status is what a running kiosk tells monitoring tools (Nagios, Zabbix,
// an MDM's script) in its status file, and nothing of anyone's answers:
// counts, the staff alerts' kinds, times and results, and the last error.
type Status struct {
	Version          string        `json:"version"`
	Kiosk            string        `json:"kiosk"`
	PID              int           `json:"pid"`
	Started          time.Time     `json:"started"`
	Updated          time.Time     `json:"updated"`
	SessionsStarted  int           `json:"sessions_started"`
	SessionsFinished int           `json:"sessions_finished"`
	Alerts           []StatusAlert `json:"alerts"`
	LastError        string        `json:"last_error,omitempty"`
	LastErrorTime    *time.Time    `json:"last_error_time,omitempty"`
}

// StatusAlert is one crisis or urgent staff alert: its kind, when it was
// settled and whether it was "sent" or "failed".
type StatusAlert struct {
	Kind   string    `json:"kind"`
	Time   time.Time `json:"time"`
	Result string    `json:"result"`
}

// statusAlerts is how many of the latest alerts the status file keeps.
const statusAlerts = 50

// maxStatusError is the longest error the status file keeps.
const maxStatusError = 300

// The events a kiosk process reports to its supervisor ("status …" lines
// of the supervisor's protocol), which the supervisor writes down.
const (
	StatusStarted  = "started"  // a person touched "Touch to start"
	StatusFinished = "finished" // a person reached the result
	StatusAlerted  = "alert"    // "alert KIND sent|failed"
	StatusError    = "error"    // "error TEXT"
)

// StatusFile keeps a kiosk's Status in a file, written atomically (0644:
// it holds no answers) each time it changes.
type StatusFile struct {
	mu   sync.Mutex
	path string
	now  func() time.Time
	s    Status
}

// NewStatusFile starts the status of a kiosk that starts now, and writes it.
func NewStatusFile(path, version, kiosk string) *StatusFile {
	f := &StatusFile{path: path, now: time.Now}
	now := f.now().UTC()
	f.s = Status{Version: version, Kiosk: kiosk, PID: os.Getpid(), Started: now, Updated: now, Alerts: []StatusAlert{}}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.write()
	return f
}

// Apply takes one event a kiosk process reported; an event it does not know
// is ignored.
func (f *StatusFile) Apply(event string) {
	if f == nil {
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now().UTC()
	kind, rest, _ := strings.Cut(event, " ")
	switch kind {
	case StatusStarted:
		f.s.SessionsStarted++
	case StatusFinished:
		f.s.SessionsFinished++
	case StatusAlerted:
		outcome, result, _ := strings.Cut(rest, " ")
		if outcome == "" || (result != "sent" && result != "failed") {
			return
		}
		f.s.Alerts = append(f.s.Alerts, StatusAlert{Kind: outcome, Time: now, Result: result})
		if over := len(f.s.Alerts) - statusAlerts; over > 0 {
			f.s.Alerts = append([]StatusAlert(nil), f.s.Alerts[over:]...)
		}
	case StatusError:
		f.setError(rest, now)
	default:
		return
	}
	f.s.Updated = now
	f.write()
}

// Error notes an error of the supervisor itself.
func (f *StatusFile) Error(text string) {
	if f == nil {
		return
	}
	f.Apply(StatusError + " " + text)
}

func (f *StatusFile) setError(text string, now time.Time) {
	text = strings.Join(strings.Fields(text), " ")
	if len(text) > maxStatusError {
		text = text[:maxStatusError] + "…"
	}
	f.s.LastError, f.s.LastErrorTime = text, &now
}

// Snapshot is the status as it is now.
func (f *StatusFile) Snapshot() Status {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.s
	s.Alerts = append([]StatusAlert(nil), f.s.Alerts...)
	return s
}

// write saves the status; f.mu is held. A status file that cannot be
// written is logged, once: the kiosk runs on without it.
func (f *StatusFile) write() {
	if f.path == "" {
		return
	}
	data, err := json.MarshalIndent(f.s, "", "  ")
	if err == nil {
		if err = os.MkdirAll(filepath.Dir(f.path), 0o755); err == nil {
			err = records.WriteFile(f.path, append(data, '\n'), 0o644)
		}
	}
	if err != nil {
		log.Printf("kiosk: the status file: %v", err)
		f.path = "" // said once
	}
}

// StatusEvent is a status event with its details, as a kiosk process
// reports it: one line, no longer than the status file keeps.
func StatusEvent(kind string, details ...string) string {
	line := strings.Join(strings.Fields(strings.Join(append([]string{kind}, details...), " ")), " ")
	if len(line) > maxStatusError+20 {
		line = line[:maxStatusError+20]
	}
	return line
}

// StatusPath is the kiosk's status file: status_file in the config
// (relative to the config file), or kiosk-status.json in the user's
// ketascreen config folder.
func (c *Config) StatusPath() string {
	if c.StatusFile != "" {
		return c.resolve(c.StatusFile)
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "ketascreen", "kiosk-status.json")
}
