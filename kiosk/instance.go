package kiosk

import (
	"errors"
	"fmt"
)

// ErrAnotherKiosk is LockInstance's error when a kiosk already runs on this
// machine.
var ErrAnotherKiosk = errors.New("another KetaScreen kiosk is already running on this machine")

// held keeps the lock of this process's kiosk until the process ends.
var held any

// LockInstance makes this process the machine's one kiosk, for as long as
// it runs: a kiosk started a second time (by a service and by a desktop's
// autostart, say) would fight the first for the screen. A second one gets
// ErrAnotherKiosk, with the first one's process id when it is known. The
// lock goes with the process, however it ends.
func LockInstance() error {
	lock, pid, err := lockInstance()
	if errors.Is(err, ErrAnotherKiosk) {
		if pid != "" {
			return fmt.Errorf("%w (process %s); this one does not start", err, pid)
		}
		return fmt.Errorf("%w; this one does not start", err)
	}
	if err != nil {
		return fmt.Errorf("checking for another kiosk on this machine: %w", err)
	}
	held = lock
	return nil
}
