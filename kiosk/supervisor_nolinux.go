//go:build !linux

package kiosk

import "os/exec"

// endWithParent does nothing here: only Linux lets a process ask the kernel
// to end it when its parent dies. Elsewhere a kiosk process whose
// supervisor was killed carries on alone (its Handover hears its input
// close) and serves each next person itself until it is closed.
func endWithParent(*exec.Cmd) {}
