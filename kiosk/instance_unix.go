//go:build unix

package kiosk

import (
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// InstanceLockPath is the file every account's kiosk locks (flock); it
// holds the process id of the kiosk that has it. In /tmp, which every
// account can write to; a variable so tests can move it.
var InstanceLockPath = "/tmp/ketascreen-kiosk.lock"

func lockInstance() (any, string, error) {
	// Another account's file in a sticky folder may not be opened with
	// O_CREATE (fs.protected_regular), nor for writing: open it as it is
	// first, and make it only when there is none.
	f, err := os.OpenFile(InstanceLockPath, os.O_RDWR, 0)
	if errors.Is(err, fs.ErrPermission) {
		f, err = os.Open(InstanceLockPath)
	}
	if errors.Is(err, fs.ErrNotExist) {
		f, err = os.OpenFile(InstanceLockPath, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			f.Chmod(0o644) // readable by the other accounts' kiosks, whatever the umask
		} else if errors.Is(err, fs.ErrExist) {
			f, err = os.Open(InstanceLockPath) // made by another kiosk just now
		}
	}
	if err != nil {
		return nil, "", err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		data := make([]byte, 32)
		n, _ := f.ReadAt(data, 0)
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			pid := strings.TrimSpace(string(data[:n]))
			if _, err := strconv.Atoi(pid); err != nil {
				pid = ""
			}
			return nil, pid, ErrAnotherKiosk
		}
		return nil, "", err
	}
	if f.Truncate(0) == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return f, "", nil
}
