//go:build !ci && !android && !ios && !js && !wasm

package startup

import "github.com/go-gl/glfw/v3.4/glfw"

// ScreenSize is the size of the primary screen in pixels. It must be called
// on the main goroutine after the first window was made (Fyne has started
// the graphics library then); ok is false when no screen is known.
func ScreenSize() (width, height int, ok bool) {
	defer func() { _ = recover() }() // no screen: keep the default size
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return 0, 0, false
	}
	mode := m.GetVideoMode()
	if mode == nil {
		return 0, 0, false
	}
	return mode.Width, mode.Height, true
}
