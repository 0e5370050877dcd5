//go:build unix

package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"ketascreen/questionnaire"
)

// desktop is a real X display for the app: an Xvfb whose screen is also a
// file (so a screenshot is a read of memory), with the openbox window
// manager, as on a desktop.
type desktop struct {
	t             *testing.T
	display       string
	width, height int
	fb            *os.File
	offset        int64 // where the pixels start in the XWD file
	bytesPerLine  int
	pixels        []byte
	shots         string // where screenshots of every step go, if set
}

// startDesktop starts Xvfb at a screen size with openbox on it.
func startDesktop(t *testing.T, width, height int) *desktop {
	t.Helper()
	dir := t.TempDir()
	d := &desktop{t: t, display: startXvfbSized(t, width, height, "-fbdir", dir), width: width, height: height, shots: os.Getenv("KETASCREEN_WINDOW_SHOTS")}
	var err error
	if d.fb, err = os.Open(filepath.Join(dir, "Xvfb_screen0")); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.fb.Close() })
	// The file is an XWD image: a header of 32-bit big-endian fields, the
	// colour map (12 bytes an entry), then the pixels, 32 bits each.
	header := make([]byte, 100)
	if _, err := d.fb.ReadAt(header, 0); err != nil {
		t.Fatalf("reading Xvfb's screen file: %v", err)
	}
	field := func(i int) int { return int(binary.BigEndian.Uint32(header[4*i:])) }
	if field(11) != 32 {
		t.Fatalf("Xvfb's screen has %d bits a pixel, want 32", field(11))
	}
	d.offset = int64(field(0) + 12*field(19))
	d.bytesPerLine = field(12)
	d.pixels = make([]byte, d.bytesPerLine*height)

	wm := exec.Command("openbox")
	wm.Env = append(os.Environ(), "DISPLAY="+d.display)
	if err := wm.Start(); err != nil {
		t.Fatalf("starting the openbox window manager (make test installs it): %v", err)
	}
	t.Cleanup(func() { _ = wm.Process.Kill(); _ = wm.Wait() })
	return d
}

// waitForWindowManager waits until openbox manages the screen. A kiosk
// starts after its session's window manager: a window mapped before it is
// adopted as a normal one.
func (d *desktop) waitForWindowManager() {
	d.t.Helper()
	waitFor(d.t, 30*time.Second, "openbox to manage the screen", func() bool {
		out, _ := exec.Command("xprop", "-display", d.display, "-root", "_NET_SUPPORTING_WM_CHECK").Output()
		return strings.Contains(string(out), "window id")
	})
}

// screen reads what the display shows.
func (d *desktop) screen() *image.RGBA {
	d.t.Helper()
	if _, err := d.fb.ReadAt(d.pixels, d.offset); err != nil {
		d.t.Fatalf("reading the screen: %v", err)
	}
	img := image.NewRGBA(image.Rect(0, 0, d.width, d.height))
	for y := 0; y < d.height; y++ {
		row := d.pixels[y*d.bytesPerLine:]
		for x := 0; x < d.width; x++ {
			p := row[4*x:]
			img.Pix[img.PixOffset(x, y)+0] = p[2]
			img.Pix[img.PixOffset(x, y)+1] = p[1]
			img.Pix[img.PixOffset(x, y)+2] = p[0]
			img.Pix[img.PixOffset(x, y)+3] = 0xff
		}
	}
	return img
}

// settle waits at least wait, then until the screen has not changed for
// quiet: an answer shows its tick for a moment before the next question.
// A text field's cursor, which fades in and out for as long as the field has
// the focus, is too small a change to count.
func (d *desktop) settle(wait, quiet, limit time.Duration) {
	d.t.Helper()
	time.Sleep(wait)
	deadline := time.Now().Add(limit)
	last := append([]byte(nil), d.read()...)
	stable := time.Now()
	for time.Since(stable) < quiet {
		if time.Now().After(deadline) {
			d.t.Fatalf("the screen did not settle within %s (%s)", limit, d.save("failed-settle"))
		}
		time.Sleep(40 * time.Millisecond)
		if now := d.read(); changedPixels(now, last) > cursorPixels {
			last = append(last[:0], now...)
			stable = time.Now()
		}
	}
}

// cursorPixels is more than a blinking text cursor covers (3 px by 60 at 200%).
const cursorPixels = 400

// changedPixels counts the 32-bit pixels that differ between two screens.
func changedPixels(a, b []byte) int {
	n := 0
	for i := 0; i+4 <= len(a) && i+4 <= len(b); i += 4 {
		if a[i] != b[i] || a[i+1] != b[i+1] || a[i+2] != b[i+2] {
			n++
		}
	}
	return n
}

func (d *desktop) read() []byte {
	if _, err := d.fb.ReadAt(d.pixels, d.offset); err != nil {
		d.t.Fatalf("reading the screen: %v", err)
	}
	return d.pixels
}

func (d *desktop) xdotool(args ...string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+d.display)
	out, _ := cmd.Output()
	return strings.TrimSpace(string(out))
}

// save writes the screen to the shots folder, when one is set, or to the
// test's folder for a failure, and returns the file.
func (d *desktop) save(name string) string {
	dir := d.shots
	if dir == "" {
		dir = d.t.TempDir()
	}
	_ = os.MkdirAll(dir, 0o755)
	path := filepath.Join(dir, name+".png")
	f, err := os.Create(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	_ = png.Encode(f, d.screen())
	return path
}

// geometry is the app window's place and size on the screen.
type geometry struct{ x, y, w, h int }

// geometry reads xwininfo's absolute position: xdotool's getwindowgeometry
// adds the window manager's frame offset twice under openbox (it says 9,58
// for a window whose top-left pixel is at 8,36), which made the top of the
// help button look cut off.
func (d *desktop) geometry(win string) geometry {
	var g geometry
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xwininfo", "-id", win)
	cmd.Env = append(os.Environ(), "DISPLAY="+d.display)
	out, err := cmd.Output()
	if err != nil {
		d.t.Fatalf("xwininfo -id %s: %v", win, err)
	}
	for _, line := range strings.Split(string(out), "\n") {
		key, value, ok := strings.Cut(strings.TrimSpace(line), ":")
		if !ok {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil {
			continue
		}
		switch key {
		case "Absolute upper-left X":
			g.x = n
		case "Absolute upper-left Y":
			g.y = n
		case "Width":
			g.w = n
		case "Height":
			g.h = n
		}
	}
	return g
}

// helpButton finds the "I need help now" button on the screen by its red,
// and returns its bounds (empty when none is seen).
func helpButton(img *image.RGBA, within image.Rectangle, isRed func(color.RGBA) bool) image.Rectangle {
	var box image.Rectangle
	found := false
	for y := within.Min.Y; y < within.Max.Y; y++ {
		for x := within.Min.X; x < within.Max.X; x++ {
			c := img.RGBAAt(x, y)
			if isRed(c) {
				p := image.Rect(x, y, x+1, y+1)
				if !found {
					box, found = p, true
				} else {
					box = box.Union(p)
				}
			}
		}
	}
	return box
}

// isHelpRed is the face of the help button in the normal dark and light
// palettes (Fyne's error red, #F44336).
func isHelpRed(c color.RGBA) bool {
	return c.R >= 0xE8 && c.G >= 0x38 && c.G <= 0x4E && c.B >= 0x2A && c.B <= 0x40
}

// isHelpRedHighContrast is its face in the dark high-contrast palette (#FF8A80).
func isHelpRedHighContrast(c color.RGBA) bool {
	return c.R >= 0xF8 && c.G >= 0x80 && c.G <= 0x94 && c.B >= 0x76 && c.B <= 0x8A
}

// testWalks is run by TestRealBinary: a whole screening by keys in the real
// window, at two screen sizes, two text sizes and two languages.
func testWalks(t *testing.T, bin string) {
	def, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, screen := range [][2]int{{1280, 800}, {800, 600}} {
		for _, scale := range []int{100, 200} {
			for _, lang := range []string{"en", "es"} {
				name := fmt.Sprintf("%dx%d-%d%%-%s", screen[0], screen[1], scale, lang)
				t.Run(name, func(t *testing.T) { walk(t, bin, def, screen[0], screen[1], scale, lang, false) })
			}
		}
	}
	// The person the issue names: low vision, Spanish, 200% in high
	// contrast, keyboard only, on a 1280×800 screen.
	t.Run("1280x800-200%-es-contrast", func(t *testing.T) { walk(t, bin, def, 1280, 800, 200, "es", true) })
}

// step is one thing the person does: keys pressed one after another, or
// words typed, and the window title expected afterwards.
type step struct {
	what  string
	keys  []string
	typed string
	title string
	// inDialog: a dialog covers the screen, and the window's own help
	// button is dimmed behind it (the app's dialogs carry their own).
	inDialog bool
}

// walkSteps plans a screening by keys: calm answers, a PHQ-9 of 12, two
// antidepressants (Zoloft found by its brand name, and one not in the list,
// named by typing), which gives the provider_review result: one failed
// trial, and one uncertain, because a medicine not on the list must be
// checked by a provider (version 2 of the specification).
func walkSteps(t *testing.T, def *questionnaire.Definition, lang string) ([]step, *questionnaire.Session) {
	answers := map[string]string{
		"age_18_plus": "yes", "phq9_1": "3", "phq9_2": "3", "phq9_3": "3", "phq9_4": "3", "phq9_difficulty": "2",
		"pcptsd5_trauma": "no", "episode_length": "1_2y", "ad_any": "yes", "augmentation": "no", "psychotherapy": "past",
		"ect": "never", "tms": "never", "ketamine_prior": "never", "high_bp": "no", "substance_use": "no",
		"pregnancy": "not_applicable", "interacting_meds": "none", "goals": "learn_options", "ride_home": "yes", "twice_weekly": "yes",
	}
	title := func(s string) string { return "KetaScreen · " + s }
	s := questionnaire.NewSession(def)
	s.SetLanguage(lang)
	next := func() string {
		if open := s.Unanswered(); len(open) > 0 {
			return title(open[0].Section.Title.In(lang))
		}
		return title(map[string]string{"en": "Check your answers", "es": "Revise sus respuestas"}[lang])
	}
	digit := func(it *questionnaire.Item, code string) string {
		for i, o := range it.Options {
			if o.Code == code {
				return strconv.Itoa(i + 1)
			}
		}
		t.Fatalf("%s has no answer %s", it.ID, code)
		return ""
	}
	steps := []step{{what: "Start", keys: []string{"Return"}, title: next()}}
	for range 200 {
		open := s.Unanswered()
		if len(open) == 0 {
			break
		}
		it := open[0]
		code, ok := answers[it.ID]
		if !ok {
			code = "0"
			if it.Option("0") == nil {
				code = "no"
			}
		}
		switch it.Type {
		case questionnaire.Choice:
			if err := s.Choose(it.ID, code); err != nil {
				t.Fatal(err)
			}
			steps = append(steps, step{what: it.ID + " = " + code, keys: []string{digit(it, code)}, title: next()})
		case questionnaire.Multi:
			if err := s.ChooseMany(it.ID, []string{code}); err != nil {
				t.Fatal(err)
			}
			steps = append(steps, step{what: it.ID + " = " + code, keys: []string{digit(it, code), "Return"}, title: next()})
		case questionnaire.List:
			steps = append(steps, medicineSteps(t, s, it, title(it.Section.Title.In(lang)), digit)...)
			steps = append(steps, step{what: "Continue after the medicines", keys: []string{"Return"}, title: next()})
		}
	}
	res := s.Result()
	if res.OutcomeID() != "provider_review" {
		t.Fatalf("the planned answers give %s", res.OutcomeID())
	}
	steps = append(steps, step{what: "See my result", keys: []string{"Return"}, title: title(res.Outcome.Headline.In(lang))})
	return steps, s
}

// medicineSteps adds the two antidepressants by keys, and to the session.
func medicineSteps(t *testing.T, s *questionnaire.Session, list *questionnaire.Item, title string, digit func(*questionnaire.Item, string) string) []step {
	fields := func(it *questionnaire.Item) []string {
		var keys []string
		for _, f := range []string{"med_weeks", "med_full_dose", "med_adherence", "med_improvement"} {
			keys = append(keys, digit(it.Field(f), map[string]string{"med_weeks": "8_plus", "med_full_dose": "yes", "med_adherence": "yes", "med_improvement": "under_25"}[f]))
		}
		return append(keys, "Return") // skip why it was stopped
	}
	entry := questionnaire.Entry{"med_weeks": "8_plus", "med_full_dose": "yes", "med_adherence": "yes", "med_improvement": "under_25"}
	for _, name := range []string{"sertraline", "other"} {
		e := questionnaire.Entry{"med_name": name}
		for k, v := range entry {
			e[k] = v
		}
		if name == "other" {
			e["med_other_name"] = "agomelatine"
		}
		if _, err := s.AddEntry(list.ID, e); err != nil {
			t.Fatal(err)
		}
	}
	return []step{
		{what: "Add a medicine", keys: []string{"1"}, title: title},
		{what: "search by a brand name", typed: "zoloft", title: title},
		{what: "the only match", keys: []string{"Return"}, title: title},
		{what: "Sertraline's answers", keys: fields(list), title: title},
		{what: "Add another medicine", keys: []string{"1"}, title: title},
		{what: "Another antidepressant, from the search field", keys: []string{"Tab", "space"}, title: title},
		{what: "its name", typed: "agomelatine", title: title},
		{what: "the name's Continue", keys: []string{"Return"}, title: title},
		{what: "the other medicine's answers", keys: fields(list), title: title},
	}
}

// walk starts the app on a screen of the given size, sets the text size,
// answers a whole screening by keys, checking the window after every step,
// then saves the summary as a PDF and for a provider's system through the
// real save dialog, and quits.
func walk(t *testing.T, bin string, def *questionnaire.Definition, width, height, scale int, lang string, contrast bool) {
	steps, session := walkSteps(t, def, lang)
	d := startDesktop(t, width, height)
	home := t.TempDir()
	docs := filepath.Join(home, "Documents")
	if err := os.MkdirAll(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	done, stderr := startAppAt(t, d.display, home, bin, "--lang", lang)
	win := appWindow(t, done, stderr, func() string { return d.xdotool("search", "--onlyvisible", "--name", "^KetaScreen$") })
	d.xdotool("mousemove", "0", strconv.Itoa(height-1)) // away from every button: no hover colours
	d.settle(500*time.Millisecond, 500*time.Millisecond, 60*time.Second)
	for range (scale - 100) / 25 {
		d.xdotool("key", "ctrl+equal")
		d.settle(200*time.Millisecond, 300*time.Millisecond, 30*time.Second)
	}
	if contrast {
		d.xdotool("key", "ctrl+shift+h")
		d.settle(250*time.Millisecond, 250*time.Millisecond, 30*time.Second)
		g := d.geometry(win)
		if c := d.screen().RGBAAt(g.x+3, g.y+g.h/2); c.R|c.G|c.B != 0 { // the page's edge
			t.Fatalf("Ctrl+Shift+H: the page is %v, want the black of high contrast (%s)", c, d.save("failed-contrast"))
		}
	}
	red := isHelpRed
	if contrast {
		red = isHelpRedHighContrast
	}
	check := func(n int, s step) {
		t.Helper()
		g := d.geometry(win)
		img := d.screen()
		name := fmt.Sprintf("%02d", n)
		if d.shots != "" {
			d.save(filepath.Base(t.Name()) + "-" + name)
		}
		if g.w == 0 || g.x < 0 || g.y < 0 || g.x+g.w > width || g.y+g.h > height {
			t.Errorf("after %q the window is at %d,%d sized %dx%d: beyond the %dx%d screen (%s)", s.what, g.x, g.y, g.w, g.h, width, height, d.save("failed-"+name))
		}
		inWindow := image.Rect(g.x, g.y, g.x+g.w, g.y+g.h).Intersect(img.Bounds())
		help := helpButton(img, inWindow, red)
		if s.inDialog && help.Empty() {
			return // the file dialog: only the window's size counts
		}
		if help.Dx() < 100 || help.Dy() < 40 || help.Max.X >= g.x+g.w-2 || help.Max.X >= width {
			t.Errorf("after %q the help button is not whole on screen: %v in the window %v (%s)", s.what, help, inWindow, d.save("failed-"+name))
		}
		if s.title != "" {
			if got := d.xdotool("getwindowname", win); got != s.title {
				t.Fatalf("after %q the window shows %q, want %q (%s)\n%s", s.what, got, s.title, d.save("failed-"+name), stderr.String())
			}
		}
	}
	check(0, step{what: "the text size"})
	for i, s := range steps {
		if s.typed != "" {
			d.xdotool("type", "--delay", "60", s.typed)
			d.settle(300*time.Millisecond, 250*time.Millisecond, 30*time.Second)
		}
		for _, k := range s.keys {
			// Each key waits out the moment a chosen answer is shown
			// before the next question: keys in it are not taken.
			d.xdotool("key", k)
			d.settle(450*time.Millisecond, 250*time.Millisecond, 30*time.Second)
		}
		check(i+1, s)
	}
	saveThroughTheDialog(t, d, win, check, len(steps)+1)
	checkSavedFiles(t, docs, session, lang)
	quitAskingFirst(t, d, done, stderr)
}

// saveThroughTheDialog saves the PDF (Ctrl+S) and the FHIR file
// (Ctrl+Shift+S) with the real file dialog: Enter accepts the name it
// offers, in the Documents folder, and Enter closes the "Saved" message.
func saveThroughTheDialog(t *testing.T, d *desktop, win string, check func(int, step), n int) {
	t.Helper()
	for i, keys := range []string{"ctrl+s", "ctrl+shift+s"} {
		d.xdotool("key", keys)
		d.settle(600*time.Millisecond, 400*time.Millisecond, 30*time.Second)
		check(n+3*i, step{what: keys + ": the save dialog", inDialog: true})
		d.xdotool("key", "Return")
		d.settle(600*time.Millisecond, 400*time.Millisecond, 30*time.Second)
		check(n+3*i+1, step{what: keys + ": saved", inDialog: true})
		d.xdotool("key", "Return")
		d.settle(400*time.Millisecond, 300*time.Millisecond, 30*time.Second)
		check(n+3*i+2, step{what: keys + ": back on the result"})
	}
}

// checkSavedFiles opens what the dialog saved: a PDF, and a FHIR Bundle
// whose completed QuestionnaireResponse holds the typed medicine name and
// whose outcome Observation is the screen's.
func checkSavedFiles(t *testing.T, docs string, s *questionnaire.Session, lang string) {
	t.Helper()
	pdfs, _ := filepath.Glob(filepath.Join(docs, "ketascreen-summary-*.pdf"))
	jsons, _ := filepath.Glob(filepath.Join(docs, "ketascreen-fhir-*.json"))
	if len(pdfs) != 1 || len(jsons) != 1 {
		entries, _ := os.ReadDir(docs)
		t.Fatalf("saved in %s: %v", docs, entries)
	}
	if data, _ := os.ReadFile(pdfs[0]); !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Errorf("%s is not a PDF: %.20q", pdfs[0], data)
	}
	if out, err := exec.Command("pdftotext", pdfs[0], "-").Output(); err == nil {
		headline := s.Result().Outcome.Headline.In(lang)
		if !strings.Contains(strings.Join(strings.Fields(string(out)), " "), headline) || !strings.Contains(string(out), "agomelatine") {
			t.Errorf("the saved PDF lacks the headline %q or the typed medicine name", headline)
		}
	}
	data, _ := os.ReadFile(jsons[0])
	var bundle struct {
		ResourceType string `json:"resourceType"`
		Entry        []struct {
			Resource struct {
				ResourceType         string `json:"resourceType"`
				Status               string `json:"status"`
				ValueCodeableConcept struct {
					Text string `json:"text"`
				} `json:"valueCodeableConcept"`
				Code struct {
					Text string `json:"text"`
				} `json:"code"`
			} `json:"resource"`
		} `json:"entry"`
	}
	err := json.Unmarshal(data, &bundle)
	var qrStatus, outcome string
	for _, e := range bundle.Entry {
		switch r := e.Resource; {
		case r.ResourceType == "QuestionnaireResponse":
			qrStatus = r.Status
		case r.ResourceType == "Observation" && r.Code.Text == "Outcome":
			outcome = r.ValueCodeableConcept.Text
		}
	}
	if err != nil || bundle.ResourceType != "Bundle" || qrStatus != "completed" || outcome != s.Result().OutcomeID() {
		t.Errorf("the saved FHIR file: %v, a %s whose response is %q and outcome %q (the screen's: %s)", err, bundle.ResourceType, qrStatus, outcome, s.Result().OutcomeID())
	}
	if !strings.Contains(string(data), `"valueString": "agomelatine"`) {
		t.Error("the FHIR file lacks the typed medicine name")
	}
}

// quitAskingFirst presses Ctrl+Q: with answers in the app it asks first;
// Enter keeps it open, then the second button closes it.
func quitAskingFirst(t *testing.T, d *desktop, done chan error, stderr *lockedBuffer) {
	t.Helper()
	d.pressAndWaitForChange("ctrl+q") // the question must be up before its keys
	d.pressAndWaitForChange("Return") // "Keep going" has the focus: the question goes
	select {
	case err := <-done:
		t.Fatalf("the app closed without asking: %v", err)
	default:
	}
	d.pressAndWaitForChange("ctrl+q")
	// The focus ring moving from "Keep going" to "Quit" shows that Tab was
	// taken before Return is pressed.
	d.pressAndWaitForChange("Tab")
	d.xdotool("key", "Return")
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("the app did not exit cleanly: %v\n%s", err, stderr.String())
		}
	case <-time.After(60 * time.Second): // a loaded machine is slow to end a process
		t.Fatalf("the app did not close after its second chance (%s)\n%s", d.save("failed-quit"), stderr.String())
	}
}

// pressAndWaitForChange presses a key and waits until the screen has
// changed and then stood still: on a loaded machine a fixed wait can end
// before a dialog is drawn, and the keys meant for it go to the screen below.
func (d *desktop) pressAndWaitForChange(key string) {
	d.t.Helper()
	before := append([]byte(nil), d.read()...)
	d.xdotool("key", key)
	deadline := time.Now().Add(30 * time.Second)
	for changedPixels(d.read(), before) <= cursorPixels {
		if time.Now().After(deadline) {
			d.t.Fatalf("nothing changed on the screen within 30 s of %s (%s)", key, d.save("failed-"+key))
		}
		time.Sleep(40 * time.Millisecond)
	}
	d.settle(200*time.Millisecond, 300*time.Millisecond, 30*time.Second)
}

// startAppAt runs the binary in a D-Bus session on the display with the
// given home folder, and stops it (and the bus) when the test ends.
func startAppAt(t *testing.T, display, home, bin string, args ...string) (done chan error, stderr *lockedBuffer) {
	t.Helper()
	runtimeDir := filepath.Join(t.TempDir(), "run")
	if err := os.MkdirAll(runtimeDir, 0o700); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	app := exec.CommandContext(ctx, "dbus-run-session", append([]string{"--", bin}, args...)...)
	app.Dir = home
	app.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	app.Cancel = func() error { return syscall.Kill(-app.Process.Pid, syscall.SIGKILL) }
	app.WaitDelay = 5 * time.Second
	app.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+home, "XDG_RUNTIME_DIR="+runtimeDir, "LANG=C", "XDG_CACHE_HOME=", "XDG_CONFIG_HOME=")
	stderr = &lockedBuffer{}
	app.Stderr = stderr
	if err := app.Start(); err != nil {
		t.Fatalf("starting the app: %v", err)
	}
	done = make(chan error, 1)
	go func() {
		done <- app.Wait()
		close(done) // later receives (the clean-up's) return at once
	}()
	t.Cleanup(func() { cancel(); <-done })
	return done, stderr
}
