//go:build unix

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ketascreen/internal/testrecords"
)

// testDesk opens the front desk's real window on a records folder at
// 1280×800, 800×600 and 800×600 at 200% (FYNE_SCALE), writes a crisis record while it watches, and checks
// that the window's title counts it within seconds, that the window fits
// the screen, and that the desk left nothing readable in its home.
func testDesk(t *testing.T, bin string) {
	for _, size := range [][3]int{{1280, 800, 1}, {800, 600, 1}, {800, 600, 2}} {
		name := fmt.Sprintf("%dx%d-%d00%%", size[0], size[1], size[2])
		t.Run(name, func(t *testing.T) {
			t.Setenv("FYNE_SCALE", fmt.Sprint(size[2]))
			k := testrecords.New(t)
			routine := k.Save(k.Example("discuss_ketamine"), "front-desk-1", time.Now().Add(-time.Hour), nil)
			key := filepath.Join(t.TempDir(), "clinic-key.txt")
			if err := os.WriteFile(key, []byte(k.Staff.String()+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
			d := startDesktop(t, size[0], size[1])
			d.waitForWindowManager()
			home := t.TempDir()
			done, stderr := startAppAt(t, d.display, home, bin, "desk", "--records", k.Dir, "--identity", key, "--quiet")
			win := appWindow(t, done, stderr, func() string { return d.xdotool("search", "--onlyvisible", "--name", "KetaScreen front desk") })
			d.settle(500*time.Millisecond, 500*time.Millisecond, 60*time.Second)
			if got := d.xdotool("getwindowname", win); got != "KetaScreen front desk" {
				t.Errorf("with one routine record the title is %q", got)
			}

			crisis := k.Save(k.Example("crisis"), "waiting-room-2", time.Now(), nil)
			waitFor(t, 30*time.Second, "the crisis record counted in the title", func() bool {
				return strings.HasPrefix(d.xdotool("getwindowname", win), "(1) ")
			})
			d.settle(300*time.Millisecond, 500*time.Millisecond, 30*time.Second)
			g := d.geometry(win)
			if g.x < 0 || g.y < 0 || g.x+g.w > size[0] || g.y+g.h > size[1] {
				t.Errorf("the desk's window %+v does not fit the %dx%d screen (%s)", g, size[0], size[1], d.save("desk-too-big"))
			}
			d.save("desk-" + name + "-crisis")
			// The search field has the focus: the code the person reads out
			// finds their record.
			d.xdotool("type", "--delay", "60", strings.ReplaceAll(routine.ClaimCode, "-", ""))
			d.settle(300*time.Millisecond, 500*time.Millisecond, 30*time.Second)
			d.save("desk-" + name + "-found")

			testrecords.NothingReadable(t, []string{home}, "%PDF", "QuestionnaireResponse", crisis.ClaimCode, routine.ClaimCode)
			select {
			case err := <-done:
				t.Fatalf("the desk exited: %v\n%s", err, stderr.String())
			default:
			}
		})
	}
}
