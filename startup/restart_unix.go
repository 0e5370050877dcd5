//go:build !windows

package startup

import (
	"os"
	"syscall"
)

// Restart replaces the running program with a fresh start of itself, with
// the same arguments and env added to its environment. The process keeps
// its id, so a service manager watching it sees no change. It returns only
// if the restart failed.
func Restart(env ...string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	return syscall.Exec(exe, os.Args, environWith(env))
}
