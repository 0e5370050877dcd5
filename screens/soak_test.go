//go:build !race

package screens

import (
	"os"
	"os/exec"
	"runtime"
	"testing"
	"time"
)

// TestSoakAThousandKioskSessions runs 1,000 people through the kiosk: every
// tenth answers everything and reads the result, the others leave by the
// help button, by the age question, or by walking away. Memory in use after
// them must be within 5 MB of after the first 10, with no goroutine or
// timer left over. (Built without -race, which slows it tenfold.)
//
// Fyne keeps the renderers of widgets no longer on screen for FYNE_CACHE
// (one minute by default) and frees them when it paints, at most every 10 s.
// A real kiosk spends minutes on each person; this test does a thousand in
// seconds. So it runs itself again with FYNE_CACHE=200ms and, before each
// measurement, lets Fyne's cleaning pass run as the real driver's paint
// loop does, so that what it measures is what a kiosk would hold.
func TestSoakAThousandKioskSessions(t *testing.T) {
	if testing.Short() {
		t.Skip("soak test")
	}
	if os.Getenv("FYNE_CACHE") != "200ms" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSoakAThousandKioskSessions$", "-test.v")
		cmd.Env = append(os.Environ(), "FYNE_CACHE=200ms", cacheSet+"=1")
		out, err := cmd.CombinedOutput()
		t.Logf("%s", out)
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	k := newKioskDriver(t)
	session := func(i int) {
		k.tap("Touch to start")
		k.tap("Start")
		switch {
		case i%10 == 0:
			k.answerUntil(nil)
			k.finish()
			k.tap("Start over")
		case i%3 == 0:
			k.choose("yes")
			k.choose("no") // 65 or older
			k.choose("2")
			k.tap("I need help now")
			k.tap("Back to start")
		case i%3 == 1:
			k.choose("no")
			k.answerUntil(nil) // under 18: the ASQ, then the adults-only screen
			k.tap("Back to start")
		default:
			k.choose("yes")
			k.clock.Advance(2 * time.Minute) // walks away
		}
		if k.ui.nav.name != screenAttract || !k.ui.session.IsEmpty() || !k.onlyTidyLeft() {
			t.Fatalf("session %d did not end clean: %s screen, empty %v, %d timers", i, k.ui.nav.name, k.ui.session.IsEmpty(), k.clock.Pending())
		}
	}
	measure := func() (heap uint64, goroutines int) {
		time.Sleep(10*time.Second + 300*time.Millisecond) // past Fyne's clean throttle and FYNE_CACHE
		k.w.Canvas().Capture()                            // a paint: Fyne frees expired renderers
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapInuse, runtime.NumGoroutine()
	}
	for i := range 10 {
		session(i)
	}
	heap10, g10 := measure()
	for i := 10; i < 1000; i++ {
		session(i)
	}
	heap1000, g1000 := measure()
	t.Logf("heap in use: %.1f MB after 10 sessions, %.1f MB after 1000; goroutines %d and %d",
		float64(heap10)/1e6, float64(heap1000)/1e6, g10, g1000)
	if heap1000 > heap10+5<<20 {
		t.Errorf("heap in use grew by %.1f MB over 990 sessions", float64(heap1000-heap10)/1e6)
	}
	if g1000 != g10 {
		t.Errorf("goroutines went from %d to %d", g10, g1000)
	}
}
