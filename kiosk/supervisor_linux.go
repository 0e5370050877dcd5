package kiosk

import (
	"os/exec"
	"syscall"
)

// endWithParent makes the kernel stop a kiosk process if its supervisor
// dies (killed, out of memory): the service manager then starts a new
// supervisor, and there must not be two kiosks on screen.
func endWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
