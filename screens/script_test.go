package screens

import (
	"encoding/json"
	"os"
	"testing"

	"fyne.io/fyne/v2"
)

// scriptStep is one action of a person in a recorded kiosk session: a key,
// or a tap at the centre of a button in a 1280×800 window. Title is the
// window's title once the action has taken effect.
type scriptStep struct {
	Key    string  `json:"key,omitempty"`
	Tap    *[2]int `json:"tap,omitempty"`
	Label  string  `json:"label,omitempty"`
	Answer bool    `json:"answer,omitempty"` // a question's answer: it waits for the confirmation delay
	Title  string  `json:"title"`
}

func (d *driver) recordTap(b fyne.CanvasObject, label string) {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
	size := b.Size()
	x, y := int(pos.X+size.Width/2), int(pos.Y+size.Height/2)
	if x < 0 || y < 0 || x >= 1280 || y >= 800 {
		d.t.Fatalf("%q is off screen at %d,%d", label, x, y)
	}
	*d.script = append(*d.script, scriptStep{Tap: &[2]int{x, y}, Label: label, Answer: d.ui.nav.name == screenQuestion})
}

// recorded notes the window title after the last recorded action.
func (d *driver) recorded() {
	if d.script != nil && len(*d.script) > 0 {
		(*d.script)[len(*d.script)-1].Title = d.w.Title()
	}
}

// TestWriteKioskScript records three kinds of kiosk session, as taps and keys
// on a full-screen 1280×800 window, for `make bench` to replay in the real
// kiosk with xdotool: a full screening to its result, a person who asks for
// help at the first question, and a person under 18. Each ends back on the
// attract screen. It runs when KETASCREEN_KIOSK_SCRIPT names the file to write.
func TestWriteKioskScript(t *testing.T) {
	out := os.Getenv("KETASCREEN_KIOSK_SCRIPT")
	if out == "" {
		t.Skip("set KETASCREEN_KIOSK_SCRIPT to write the kiosk session script for make bench")
	}
	scripts := map[string][]scriptStep{}
	record := func(kind string, session func(k *kioskDriver)) {
		k := newKioskDriver(t)
		attract := k.w.Title()
		steps := []scriptStep{}
		k.script = &steps
		session(k)
		if k.ui.nav.name != screenAttract || !k.ui.session.IsEmpty() {
			t.Fatalf("%s session ends on the %s screen", kind, k.ui.nav.name)
		}
		if last := steps[len(steps)-1]; last.Title != attract {
			t.Fatalf("%s session ends titled %q, want %q", kind, last.Title, attract)
		}
		scripts[kind] = steps
	}
	record("full", func(k *kioskDriver) {
		k.key(fyne.KeyReturn) // touch to start
		k.key(fyne.KeyReturn) // start
		k.keyboardAnswers(nil)
		k.key(fyne.KeyReturn) // review: see my result
		if k.ui.nav.name != screenResult {
			t.Fatalf("full session: %s screen, want the result", k.ui.nav.name)
		}
		k.tap("Start over")
	})
	record("help", func(k *kioskDriver) {
		k.key(fyne.KeyReturn)
		k.key(fyne.KeyReturn)
		k.digit("yes")
		k.tap("I need help now")
		k.tap("Back to start")
	})
	record("under18", func(k *kioskDriver) {
		k.key(fyne.KeyReturn)
		k.key(fyne.KeyReturn)
		k.digit("no")
		k.tap("Back to start")
	})
	data, err := json.MarshalIndent(scripts, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
