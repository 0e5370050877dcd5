//go:build windows

package startup

import (
	"os"

	"golang.org/x/sys/windows"
)

// AttachParentConsole lets the headless commands print when the app (a
// Windows GUI program, without a console of its own) is started from a
// console: it attaches to the parent's console and uses it for each
// standard handle the parent did not give the program. A handle redirected
// to a file or a pipe (KetaScreen.exe score a.json > out.json, or a PIN
// piped into kiosk-pin) is kept as it is.
func AttachParentConsole() {
	const parent = ^uintptr(0) // ATTACH_PARENT_PROCESS
	if r, _, _ := attachConsole.Call(parent); r == 0 {
		return // started by a double-click: there is no console to write to
	}
	if !given(os.Stdout) || !given(os.Stderr) {
		if out, err := os.OpenFile("CONOUT$", os.O_WRONLY, 0); err == nil {
			if !given(os.Stdout) {
				os.Stdout = out
			}
			if !given(os.Stderr) {
				os.Stderr = out
			}
		}
	}
	if !given(os.Stdin) {
		if in, err := os.OpenFile("CONIN$", os.O_RDONLY, 0); err == nil {
			os.Stdin = in
		}
	}
}

// attachConsole is kernel32's AttachConsole, which x/sys/windows lacks.
var attachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// given tells whether the parent gave this standard handle (a file, a pipe
// or a console of its own); a GUI program started without redirection has
// none.
func given(f *os.File) bool {
	if f == nil {
		return false
	}
	kind, err := windows.GetFileType(windows.Handle(f.Fd()))
	return err == nil && kind != windows.FILE_TYPE_UNKNOWN
}
