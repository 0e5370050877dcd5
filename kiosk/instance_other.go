//go:build !unix && !windows

package kiosk

// lockInstance has nothing to lock with here: a second kiosk is not refused.
func lockInstance() (any, string, error) { return nil, "", nil }
