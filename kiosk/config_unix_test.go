//go:build unix

package kiosk

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A named pipe as the config once made the kiosk wait for ever.
func TestConfigThatIsAPipeIsRefusedAtOnce(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "kiosk.yaml")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no named pipes here:", err)
	}
	if _, err := LoadConfig(fifo, langs); err == nil || !strings.Contains(err.Error(), "is not a regular file") {
		t.Errorf("a named pipe: %v", err)
	}
}
