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

// A config the kiosk cannot write beside (in /etc, owned by root) keeps the
// PIN's state in the user's config folder instead.
func TestPINStateGoesToTheUserFolderWhenTheConfigsIsReadOnly(t *testing.T) {
	home := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", home)
	dir := t.TempDir()
	c := &Config{File: filepath.Join(dir, "kiosk.yaml")}
	if got := c.PINStatePath(); got != filepath.Join(dir, "kiosk.pin-state") {
		t.Errorf("a writable folder: %s", got)
	}
	c.File = "/proc/kiosk.yaml" // nobody can make a file in /proc
	if got := c.PINStatePath(); got != filepath.Join(home, "ketascreen", "kiosk.pin-state") {
		t.Errorf("a read-only folder: %s", got)
	}
}
