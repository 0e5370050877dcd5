//go:build unix

package kiosk

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSecondKioskIsRefused: while a kiosk holds the lock a second one is
// refused and told which process has it; once the first ends, the next
// starts. (flock locks belong to an open file, so a second open in this
// process is refused as another process would be.)
func TestSecondKioskIsRefused(t *testing.T) {
	old := InstanceLockPath
	InstanceLockPath = filepath.Join(t.TempDir(), "kiosk.lock")
	t.Cleanup(func() { InstanceLockPath = old })
	if err := LockInstance(); err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("flock"); err == nil {
		if exec.Command("flock", "-n", InstanceLockPath, "true").Run() == nil {
			t.Error("another process took the lock while the kiosk held it")
		}
	}
	err := LockInstance()
	if !errors.Is(err, ErrAnotherKiosk) || !strings.Contains(err.Error(), "process "+strconv.Itoa(os.Getpid())) {
		t.Fatalf("a second kiosk: %v, want ErrAnotherKiosk naming process %d", err, os.Getpid())
	}
	held.(*os.File).Close() // the first kiosk ends
	held = nil
	if err := LockInstance(); err != nil {
		t.Fatalf("once the first kiosk ended: %v", err)
	}
	held.(*os.File).Close()
	held = nil
}
