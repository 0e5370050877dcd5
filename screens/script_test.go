package screens

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"ketascreen/questionnaire"
)

// scriptStep is one action of a person in a recorded kiosk session: a key,
// or a tap at the centre of a button in a 1280×800 window. Title is the
// window's title once the action has taken effect.
type scriptStep struct {
	Key    string  `json:"key,omitempty"`
	Tap    *[2]int `json:"tap,omitempty"`
	Label  string  `json:"label,omitempty"`
	Type   string  `json:"type,omitempty"`   // text typed into the focused field
	Answer bool    `json:"answer,omitempty"` // a question's answer: it waits for the confirmation delay
	// Measure names a step whose time the bench reports ("list=50": the
	// medicine list with 50 entries drawn after Back on the search).
	Measure string `json:"measure,omitempty"`
	Title   string `json:"title"`
}

// typeText types text into the focused field, recording it.
func (d *driver) typeText(text string) {
	d.t.Helper()
	f := d.w.Canvas().Focused()
	if f == nil {
		d.t.Fatalf("nothing has focus to type %q into on the %s screen", text, d.ui.nav.name)
	}
	if d.script != nil {
		*d.script = append(*d.script, scriptStep{Type: text})
	}
	test.Type(f, text)
	d.recorded()
}

// addMedicineByName adds a medicine by typing its whole name in the search
// and pressing Enter on the one match, then answers its questions by number
// keys as someone whose trial failed, skipping the optional reason.
func (d *driver) addMedicineByName(name string) {
	d.t.Helper()
	if d.hasButton("Add a medicine") {
		d.tap("Add a medicine")
	} else {
		d.tap("Add another medicine")
	}
	d.typeText(name)
	d.key(fyne.KeyReturn)
	answers := map[string]string{"med_weeks": "8_plus", "med_improvement": "under_25"}
	for range 10 {
		if d.ui.nav.name != screenQuestion {
			break
		}
		it := d.ui.nav.asking()
		switch code, ok := answers[it.ID]; {
		case ok:
			d.digit(code)
		case it.Optional:
			d.key(fyne.KeyReturn) // skip
		default:
			d.digit("yes")
		}
	}
	if d.ui.nav.name != screenMedications {
		d.t.Fatalf("after adding %q: %s screen", name, d.ui.nav.name)
	}
}

func (d *driver) recordTap(b fyne.CanvasObject, label string) {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
	size := b.Size()
	x, y := int(pos.X+size.Width/2), int(pos.Y+size.Height/2)
	if x < 0 || y < 0 || x >= 1280 || y >= 800 {
		d.t.Fatalf("%q is off screen at %d,%d", label, x, y)
	}
	*d.script = append(*d.script, scriptStep{Tap: &[2]int{x, y}, Label: label, Answer: d.answering(label, "")})
}

// answering reports whether a tap on the button labelled label, or the key,
// answers a one-answer question: the answer shows its tick, and the next
// screen follows after the confirmation delay. A multiple-choice answer only
// ticks; Continue, Skip and "I need help now" move on at once.
func (d *driver) answering(label string, key fyne.KeyName) bool {
	it := d.ui.nav.asking()
	if d.ui.nav.name != screenQuestion || it == nil || it.Type == questionnaire.Multi {
		return false
	}
	if key != "" {
		n := int(key[0] - '1')
		return len(key) == 1 && n >= 0 && n < len(it.Options)
	}
	return slices.ContainsFunc(it.Options, func(o *questionnaire.Option) bool { return o.Text.In("en") == label })
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
		k.keyboardAnswers(nil) // the ASQ, asked of everyone
		k.tap("Back to start")
	})
	// The medicine list, with 1, 10 and 50 entries: each time the search is
	// opened and left with Back three times, and the list drawn after Back
	// is the step the bench times. It ends on the list; the bench stops
	// the app after it.
	{
		k := newKioskDriver(t)
		steps := []scriptStep{}
		k.script = &steps
		k.key(fyne.KeyReturn)
		k.key(fyne.KeyReturn)
		k.keyboardAnswers(map[string]any{"ad_any": "yes"})
		if k.ui.nav.name != screenMedications {
			t.Fatalf("medicine session: %s screen, want the medicine list", k.ui.nav.name)
		}
		var names []string // the medicines the search finds, not "not listed"
		name := k.ui.def.Item("meds").Fields[0]
		for _, o := range name.Options {
			if !slices.Contains(name.AlwaysOffer, o.Code) {
				names = append(names, o.Text.In("en"))
			}
		}
		for n := 1; n <= 50; n++ {
			k.addMedicineByName(names[(n-1)%len(names)])
			if n == 1 || n == 10 || n == 50 {
				for range 3 {
					k.tap("Add another medicine")
					k.tap("Back")
					steps[len(steps)-1].Measure = fmt.Sprintf("list=%d", n)
				}
			}
		}
		scripts["medicines"] = steps
	}
	data, err := json.MarshalIndent(scripts, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
