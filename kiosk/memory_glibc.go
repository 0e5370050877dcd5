//go:build linux && cgo

package kiosk

/*
#include <malloc.h>
*/
import "C"

// trimCHeap returns the free memory at the top and in the middle of glibc's
// heaps to the system.
func trimCHeap() { C.malloc_trim(0) }
