//go:build windows

package startup

import (
	"os"
	"syscall"
)

// AttachParentConsole lets the headless commands print when the app (a
// Windows GUI program, without a console of its own) is started from a
// console: it attaches to the parent's console and writes there.
func AttachParentConsole() {
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	const parent = ^uintptr(0) // ATTACH_PARENT_PROCESS
	if r, _, _ := attach.Call(parent); r == 0 {
		return // started by a double-click: there is no console to write to
	}
	if out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
		os.Stdout, os.Stderr = out, out
	}
	if in, err := os.OpenFile("CONIN$", os.O_RDONLY, 0); err == nil {
		os.Stdin = in
	}
}
