//go:build !windows

package startup

// AttachParentConsole does nothing outside Windows: programs keep the
// terminal they were started from.
func AttachParentConsole() {}
