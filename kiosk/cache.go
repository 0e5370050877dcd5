package kiosk

import (
	"os"
	"time"
)

// FyneCacheVar is the environment variable Fyne reads, once while the
// program initialises, for how long it keeps a screen's renderers and
// textures after the screen was last drawn (fyne.io/fyne/v2/internal/cache).
const FyneCacheVar = "FYNE_CACHE"

// CacheLifetime is the lifetime a kiosk runs with. Fyne's own is a minute, so
// the last person's screens stayed in memory for a minute after they left
// (+34.5 MB 3 s after 200 visits); at 20 s they are gone before the next
// person has read the attract screen. It must stay well above 10 s: Fyne
// cleans its cache at most every 10 s and, below that, would walk every
// object at each clean (docs/benchmarks.md).
const CacheLifetime = 20 * time.Second

// CacheEnv is the FYNE_CACHE setting a kiosk process needs before Fyne
// starts: its supervisor starts it with it.
func CacheEnv() string { return FyneCacheVar + "=" + CacheLifetime.String() }

// FyneCacheLifetime is the cache lifetime Fyne uses in this process: what
// FYNE_CACHE said at start, or Fyne's minute when it is unset or unreadable.
func FyneCacheLifetime() time.Duration {
	if d, err := time.ParseDuration(os.Getenv(FyneCacheVar)); err == nil {
		return d
	}
	return time.Minute
}
