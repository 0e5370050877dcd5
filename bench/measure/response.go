//go:build linux

package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ms is a duration in milliseconds, as the report's readings are kept.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// addResponses keeps the timings of one replayed session: for every tap and
// key, the first change on the screen (an answer's tick, or the next
// screen); for taps that are not an answer, the next screen drawn.
func (f *kioskFigures) addResponses(times []stepTime) {
	for _, st := range times {
		if st.step.Type != "" {
			continue
		}
		f.firstResponse = append(f.firstResponse, ms(st.first))
		if st.step.Tap != nil && !st.step.Answer {
			f.nextScreen = append(f.nextScreen, ms(st.last))
		}
	}
}

// listTimes gathers the timed steps of a session by what they measure
// ("list=50": ms to the list drawn).
func listTimes(times []stepTime) map[string][]float64 {
	lists := map[string][]float64{}
	for _, st := range times {
		if m := st.step.Measure; m != "" {
			lists[m] = append(lists[m], ms(st.last))
		}
	}
	return lists
}

// listSizes are the medicine list's sizes the medicines script times.
var listSizes = []int{1, 10, 50}

// medicines replays the recorded medicine session in the kiosk: 50
// medicines added one by one, and at 1, 10 and 50 the search opened and left
// three times, timing the list drawn after Back.
func (b *bench) medicines(win string, script []step, f *kioskFigures) error {
	b.log("kiosk: the medicine list, 50 medicines added through the real window")
	times, err := b.replay(win, script)
	if err != nil {
		return fmt.Errorf("medicine session: %w", err)
	}
	f.lists = listTimes(times)
	for _, n := range listSizes {
		if len(f.lists[fmt.Sprintf("list=%d", n)]) == 0 {
			return fmt.Errorf("medicine session: no timing of the list with %d entries", n)
		}
	}
	return nil
}

// minimalTaps is how many times the minimal program's button is tapped.
const minimalTaps = 15

// responseOf taps the minimal program's button, which swaps its label's
// text, and times each tap to the changed frame: Fyne's floor for a tap that
// changes what a window shows.
func (b *bench) responseOf(p *program) error {
	r, _, _, err := b.startDrawn(p.command())
	if err != nil {
		return err
	}
	defer r.stop()
	win, err := b.x.window(p.title)
	if err != nil {
		return err
	}
	geometry, err := b.x.xdotool("getwindowgeometry", "--shell", win)
	if err != nil {
		return err
	}
	x, y := 0, 0
	for _, line := range strings.Split(geometry, "\n") {
		if v, ok := strings.CutPrefix(line, "X="); ok {
			x, _ = strconv.Atoi(v)
		}
		if v, ok := strings.CutPrefix(line, "Y="); ok {
			y, _ = strconv.Atoi(v)
		}
	}
	// The button is the second row of the window's column, under the label.
	bx, by := strconv.Itoa(x+200), strconv.Itoa(y+58)
	if _, err := b.x.xdotool("mousemove", bx, by); err != nil {
		return err
	}
	if err := b.x.still(100 * time.Millisecond); err != nil {
		return err
	}
	for i := range minimalTaps {
		// Pressed, then timed from the release, as the kiosk's taps are.
		if err := b.press(100 * time.Millisecond); err != nil {
			return err
		}
		before, err := b.x.frame()
		if err != nil {
			return err
		}
		acted := time.Now()
		if _, err := b.x.xdotool("mouseup", "1"); err != nil {
			return err
		}
		first, _, err := b.x.changes(acted, before, 1, stepQuiet, 5*time.Second)
		if err != nil {
			return fmt.Errorf("%s, tap %d on its button at %s,%s: %w", p.name, i+1, bx, by, err)
		}
		p.response = append(p.response, ms(first))
	}
	return nil
}
