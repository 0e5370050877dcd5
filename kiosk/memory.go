package kiosk

import "runtime/debug"

// ReleaseMemory gives the memory freed since the last person back to the
// system: Go's heap (a full collection, then every free page returned) and,
// on Linux with glibc, the C heap where the OpenGL driver keeps its textures
// (malloc_trim). A kiosk calls it after each wipe. Pages given back are
// cleared by the kernel before any reuse, so the freed answers do not linger
// in the process either. Every start also calls it once, a second after the
// first frame (main.go). Without it a kiosk grows by some 30 MB after its
// first complete screening and stays there (docs/benchmarks.md).
func ReleaseMemory() {
	debug.FreeOSMemory()
	trimCHeap()
}
