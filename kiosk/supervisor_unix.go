//go:build unix

package kiosk

import (
	"os"
	"syscall"
)

// stopProcess asks a kiosk process to end, as a service manager would.
func stopProcess(p *os.Process) { p.Signal(syscall.SIGTERM) }
