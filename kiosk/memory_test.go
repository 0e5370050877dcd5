package kiosk

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

var sink [][]byte

func TestReleaseMemoryGivesTheFreedHeapBack(t *testing.T) {
	for range 64 {
		sink = append(sink, make([]byte, 1<<20))
	}
	sink = nil // a person's screens, now garbage
	ReleaseMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if kept := m.HeapIdle - m.HeapReleased; kept > 16<<20 {
		t.Errorf("%.1f MB of free heap still held after ReleaseMemory", float64(kept)/1e6)
	}
}

func TestTheKioskCacheLifetimeIsReadFromFyneCache(t *testing.T) {
	t.Setenv(FyneCacheVar, "")
	if FyneCacheLifetime() != time.Minute {
		t.Errorf("unset: %v, want Fyne's minute", FyneCacheLifetime())
	}
	t.Setenv(FyneCacheVar, "soon")
	if FyneCacheLifetime() != time.Minute {
		t.Errorf("unreadable: %v, want Fyne's minute", FyneCacheLifetime())
	}
	key, value, _ := strings.Cut(CacheEnv(), "=")
	t.Setenv(key, value)
	if FyneCacheLifetime() != CacheLifetime || CacheLifetime <= 10*time.Second {
		t.Errorf("%s: lifetime %v; a lifetime of %v must stay above Fyne's 10 s clean interval", CacheEnv(), FyneCacheLifetime(), CacheLifetime)
	}
}
