//go:build !unix

package kiosk

import "os"

// stopProcess ends a kiosk process: Windows has no signal to ask with.
func stopProcess(p *os.Process) { p.Kill() }
