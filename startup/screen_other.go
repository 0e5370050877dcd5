//go:build ci || android || ios || js || wasm

package startup

// ScreenSize knows no screen without the desktop graphics driver (tests use
// Fyne's software driver).
func ScreenSize() (width, height int, ok bool) { return 0, 0, false }
