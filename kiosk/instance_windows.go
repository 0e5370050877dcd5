//go:build windows

package kiosk

import (
	"errors"

	"golang.org/x/sys/windows"
)

// instanceMutex is the named mutex of the machine's kiosk, in the global
// namespace so that every session's kiosk sees it.
const instanceMutex = `Global\KetaScreenKiosk`

func lockInstance() (any, string, error) {
	name, err := windows.UTF16PtrFromString(instanceMutex)
	if err != nil {
		return nil, "", err
	}
	h, err := windows.CreateMutex(nil, false, name)
	if errors.Is(err, windows.ERROR_ALREADY_EXISTS) {
		windows.CloseHandle(h)
		return nil, "", ErrAnotherKiosk
	}
	if err != nil {
		return nil, "", err
	}
	return h, "", nil
}
