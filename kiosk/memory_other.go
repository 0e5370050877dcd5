//go:build !linux || !cgo

package kiosk

// trimCHeap does nothing where there is no glibc heap to trim.
func trimCHeap() {}
