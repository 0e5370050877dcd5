//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestRealBinary builds the real ketascreen binary (cgo, the GLFW driver, no
// ci tag) and drives it as a user would: the headless commands, and the app
// window in a real X server (Xvfb) with a D-Bus session, as on a desktop.
// make test runs it; plain go test skips it.
func TestRealBinary(t *testing.T) {
	if os.Getenv("KETASCREEN_REAL_WINDOW") != "1" {
		t.Skip("run by make test: builds the real binary and opens it under Xvfb (set KETASCREEN_REAL_WINDOW=1)")
	}
	bin := filepath.Join(t.TempDir(), "ketascreen")
	build := exec.Command(goTool(), "build", "-tags", "no_animations", "-o", bin, ".") // as the release builds
	build.Env = append(os.Environ(), "CGO_ENABLED=1", "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the real binary: %v\n%s", err, out)
	}

	t.Run("check", func(t *testing.T) {
		out, err := exec.Command(bin, "check").CombinedOutput()
		if err != nil || !strings.Contains(string(out), "valid, 80 of 80 examples pass") {
			t.Errorf("ketascreen check: %v\n%s", err, out)
		}
	})
	t.Run("score", func(t *testing.T) {
		out, err := exec.Command(bin, "score", filepath.Join("headless", "testdata", "trd-severe.json")).Output()
		if err != nil || !strings.Contains(string(out), `"outcome": "provider_review"`) {
			t.Errorf("ketascreen score: %v\n%s", err, out)
		}
		cmd := exec.Command(bin, "score", filepath.Join("headless", "testdata", "unanswered.json"))
		out, _ = cmd.CombinedOutput()
		if cmd.ProcessState.ExitCode() != 2 || !strings.Contains(string(out), `item "phq9_2"`) {
			t.Errorf("unanswered items: exit %d\n%s", cmd.ProcessState.ExitCode(), out)
		}
	})
	t.Run("version", func(t *testing.T) {
		out, err := exec.Command(bin, "--version").CombinedOutput()
		if err != nil || !strings.HasPrefix(string(out), "ketascreen "+fyneAppVersion(t)) {
			t.Errorf("ketascreen --version: %v %q", err, out)
		}
	})
	t.Run("no display", func(t *testing.T) {
		cmd := exec.Command(bin)
		for _, kv := range os.Environ() {
			if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
				cmd.Env = append(cmd.Env, kv)
			}
		}
		out, _ := cmd.CombinedOutput()
		lines := strings.Split(strings.TrimSpace(string(out)), "\n")
		if cmd.ProcessState.ExitCode() != 1 || len(lines) != 1 || !strings.Contains(lines[0], "cannot open the app window") {
			t.Errorf("without a display: exit %d, said %q", cmd.ProcessState.ExitCode(), out)
		}
	})
	t.Run("hostile-files", func(t *testing.T) { testHostileFiles(t, bin) })
	t.Run("window", func(t *testing.T) { testWindow(t, bin) })
	t.Run("kiosk", func(t *testing.T) { testKiosk(t, bin) })
	t.Run("kiosk-escapes", func(t *testing.T) { testKioskEscapes(t, bin) })
	t.Run("kiosk-session", func(t *testing.T) { testKioskSession(t, bin) })
	t.Run("kiosk-memory", func(t *testing.T) { testKioskMemory(t, bin) })
	t.Run("desk", func(t *testing.T) { testDesk(t, bin) })
	t.Run("walk", func(t *testing.T) { testWalks(t, bin) })
}

// fyneAppVersion is the Version of FyneApp.toml.
func fyneAppVersion(t *testing.T) string {
	data, err := os.ReadFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "Version = "); ok {
			return strings.Trim(v, `"`)
		}
	}
	t.Fatal("FyneApp.toml has no Version")
	return ""
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	if out, err := exec.Command("go", "env", "GOROOT").Output(); err == nil {
		return filepath.Join(strings.TrimSpace(string(out)), "bin", "go")
	}
	return "go"
}

// startXvfb starts a virtual X server with a 1280×800 screen on a free
// display and returns its name.
func startXvfb(t *testing.T) string { return startXvfbSized(t, 1280, 800) }

// startXvfbSized starts a virtual X server with a screen of the given size
// (and any further Xvfb arguments) on a free display, stops it when the
// test ends, and returns the display's name.
func startXvfbSized(t *testing.T, width, height int, args ...string) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	args = append([]string{"-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", width, height), "-nolisten", "tcp"}, args...)
	xvfb := exec.Command("Xvfb", args...)
	xvfb.ExtraFiles = []*os.File{w}
	if err := xvfb.Start(); err != nil {
		t.Fatalf("starting Xvfb (make test installs it): %v", err)
	}
	w.Close()
	t.Cleanup(func() { _ = xvfb.Process.Kill(); _ = xvfb.Wait() })
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		t.Fatalf("Xvfb did not report its display: %v", err)
	}
	return ":" + strings.TrimSpace(line)
}

func testWindow(t *testing.T, bin string) {
	display := startXvfb(t)
	home := t.TempDir() // a fresh account: no ~/.cache yet, the app makes it
	runtimeDir := filepath.Join(t.TempDir(), "run")
	if err := os.MkdirAll(runtimeDir, 0o700); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	app := exec.CommandContext(ctx, "dbus-run-session", "--", bin)
	// Stop the D-Bus session and the app together, and do not wait forever
	// for a child that still holds the output pipe.
	app.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	app.Cancel = func() error { return syscall.Kill(-app.Process.Pid, syscall.SIGKILL) }
	app.WaitDelay = 5 * time.Second
	app.Env = append(os.Environ(), "DISPLAY="+display, "HOME="+home, "XDG_RUNTIME_DIR="+runtimeDir, "LANG=C", "XDG_CACHE_HOME=")
	stderr := &lockedBuffer{}
	app.Stderr = stderr
	if err := app.Start(); err != nil {
		t.Fatalf("starting the app: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- app.Wait() }()
	x := func(args ...string) string {
		out, _ := exec.Command("xdotool", args...).Output()
		return strings.TrimSpace(string(out))
	}
	exited := func() bool {
		select {
		case err := <-done:
			t.Fatalf("the app exited: %v\n%s", err, stderr.String())
			return true
		default:
			return false
		}
	}
	t.Setenv("DISPLAY", display)

	var win string
	waitFor(t, 90*time.Second, "the KetaScreen window", func() bool {
		exited()
		win = x("search", "--name", "^KetaScreen$")
		return win != ""
	})
	win = strings.Fields(win)[0]
	x("windowmove", win, "0", "0")
	x("mousemove", "--window", win, "200", "200")
	waitFor(t, 20*time.Second, "a drawn welcome screen", func() bool { return colours(t, display) > 50 })
	if name := x("getwindowname", win); name != "KetaScreen" {
		t.Errorf("the first screen is titled %q, want the welcome screen, \"KetaScreen\"", name)
	}

	// Start, then answer "No" to "Are you 18 or older?" and "No" to the four
	// ASQ questions (a young person is asked them first): the adult-only
	// result. Every answer is "No" (key 2), so the key is pressed until that
	// screen shows: a press during an answer's confirmation, which a loaded
	// machine can stretch, is ignored by the app and simply comes again.
	waitFor(t, 60*time.Second, "the adult-only result", func() bool {
		switch name := x("getwindowname", win); {
		case strings.Contains(name, "This screening is for adults"):
			return true
		case name == "KetaScreen": // still the welcome screen: Start
			x("key", "Return")
		default:
			x("key", "2")
		}
		time.Sleep(1200 * time.Millisecond)
		return false
	})

	startLog := stderr.String() // everything a normal start and use printed
	// Ctrl+Q asks first, since an answer would be lost; Tab and Enter choose
	// "Close and clear my answers".
	x("key", "ctrl+q")
	time.Sleep(time.Second)
	select {
	case err := <-done:
		t.Fatalf("Ctrl+Q closed the app without asking: %v", err)
	default:
	}
	x("key", "Tab", "Return")
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("the app did not exit cleanly: %v", err)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the app did not exit within 2 s of Ctrl+Q")
	}
	for _, line := range logLines(startLog) {
		t.Errorf("the app logged on a normal start: %s", line)
	}
	// On exit Fyne always rewrites its preferences file, and its own file
	// watcher can read it half-written and log "Preferences load error"
	// (fyne-io/fyne#2936). KetaScreen stores no preferences; only that
	// known line is tolerated after Ctrl+Q.
	for _, line := range logLines(strings.TrimPrefix(stderr.String(), startLog)) {
		if !strings.Contains(line, "Preferences load error") && !strings.Contains(line, "Cause:") && !strings.Contains(line, "At:") {
			t.Errorf("the app logged on exit: %s", line)
		}
	}
}

// logLines returns the lines of a log that report an error, warning or panic,
// leaving out the D-Bus daemon's own notice about fd limits under a sandbox.
func logLines(log string) []string {
	var out []string
	for _, line := range strings.Split(log, "\n") {
		lower := strings.ToLower(line)
		if strings.HasPrefix(line, "dbus-daemon[") {
			continue
		}
		if strings.Contains(lower, "error") || strings.Contains(lower, "warn") || strings.Contains(lower, "panic") ||
			strings.Contains(line, "Cause:") || strings.Contains(line, "At:") {
			out = append(out, line)
		}
	}
	return out
}

func waitFor(t *testing.T, limit time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("no %s after %s", what, limit)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// colours takes a screenshot of the display and counts its distinct colours:
// a blank or unpainted window has one or two.
func colours(t *testing.T, display string) int {
	t.Helper()
	out, err := exec.Command("import", "-display", display, "-window", "root", "png:-").Output()
	if err != nil {
		t.Fatalf("taking a screenshot (imagemagick): %v", err)
	}
	img, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("reading the screenshot: %v", err)
	}
	seen := map[color.Color]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			seen[img.At(x, y)] = true
		}
	}
	return len(seen)
}

// startApp runs the binary in a D-Bus session on the display, on a fresh
// account, and stops it (and the bus) when the test ends.
func startApp(t *testing.T, display string, bin string, args ...string) (done chan error, stderr *lockedBuffer) {
	t.Helper()
	return startAppAt(t, display, t.TempDir(), bin, args...)
}

// testKiosk starts the kiosk full screen and tries to leave it the usual ways.
func testKiosk(t *testing.T, bin string) {
	dir := t.TempDir()
	config := filepath.Join(dir, "kiosk.yaml")

	out, err := exec.Command(bin, "--kiosk", "--config", config).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "ketascreen kiosk-pin --config "+config) {
		t.Fatalf("kiosk mode without a PIN: %v\n%s", err, out)
	}
	setKioskPIN(t, bin, config)
	if data, _ := os.ReadFile(config); !strings.Contains(string(data), "$argon2id$") || strings.Contains(string(data), "246813") {
		t.Fatalf("the config holds %q", data)
	}
	appendConfig := func(line string) {
		f, err := os.OpenFile(config, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(line + "\n")
		f.Close()
	}
	// No staff alert, then one that fails its start-up test: no kiosk.
	if out, err := exec.Command(bin, "--kiosk", "--config", config).CombinedOutput(); err == nil || !strings.Contains(string(out), "no alert_command") {
		t.Fatalf("kiosk mode without alert_command: %v\n%s", err, out)
	}
	failing := strings.Replace(config, "kiosk.yaml", "failing.yaml", 1)
	data, _ := os.ReadFile(config)
	os.WriteFile(failing, append(data, []byte("alert_command: [sh, -c, \"exit 3\"]\n")...), 0o600)
	if out, err := exec.Command(bin, "--kiosk", "--config", failing).CombinedOutput(); err == nil || !strings.Contains(string(out), "failed its start-up test") {
		t.Fatalf("kiosk mode with a failing alert: %v\n%s", err, out)
	}
	alerts := filepath.Join(dir, "alerts.log")
	appendConfig(fmt.Sprintf("alert_command: [sh, -c, \"cat >> %s\"]", alerts))

	display := startXvfb(t)
	t.Setenv("DISPLAY", display)
	done, stderr := startApp(t, display, bin, "--kiosk", "--config", config)
	x := func(args ...string) string {
		out, _ := exec.Command("xdotool", args...).Output()
		return strings.TrimSpace(string(out))
	}
	win := appWindow(t, done, stderr, func() string { return x("search", "--name", "^KetaScreen$") })
	waitFor(t, 20*time.Second, "the window to cover the screen", func() bool {
		geometry := x("getwindowgeometry", win)
		return strings.Contains(geometry, "Geometry: 1280x800") && strings.Contains(geometry, "Position: 0,0")
	})
	x("mousemove", "640", "400")
	for _, keys := range []string{"alt+F4", "ctrl+w", "ctrl+q", "Escape"} {
		x("key", keys)
		time.Sleep(700 * time.Millisecond)
		select {
		case err := <-done:
			t.Fatalf("%s ended the kiosk: %v", keys, err)
		default:
		}
	}
	if name := x("getwindowname", win); name != "KetaScreen" {
		t.Errorf("after the keys the kiosk shows %q", name)
	}
	if colours(t, display) < 50 {
		t.Error("the kiosk window is blank")
	}
	if data, _ := os.ReadFile(alerts); strings.Count(string(data), `"kind":"test"`) != 1 {
		t.Errorf("the kiosk should send one start-up test alert, from its supervisor: %q", data)
	}
	// The window belongs to a kiosk process that the process started
	// (its supervisor), which runs with Fyne's cache lifetime at 20 s.
	pid := x("getwindowpid", win)
	if parent := parentPID(pid); parent == "" || !sameFile("/proc/"+parent+"/exe", bin) {
		t.Errorf("the kiosk window's process %s was not started by a supervisor running %s (its parent: %q)", pid, bin, parent)
	}
	environ, err := os.ReadFile("/proc/" + pid + "/environ")
	if err != nil {
		t.Fatalf("reading the kiosk's environment (pid %q): %v", pid, err)
	}
	if vars := strings.Split(string(environ), "\x00"); !slices.Contains(vars, "FYNE_CACHE=20s") || !slices.Contains(vars, "KETASCREEN_KIOSK_CHILD=1") {
		t.Errorf("the kiosk process runs without FYNE_CACHE=20s and KETASCREEN_KIOSK_CHILD=1: %q", vars)
	}
	// Staff exit: the corner held 3 s, the PIN, "Exit kiosk" (drawn in
	// the middle of the staff menu at 1280×800): the whole kiosk ends, its
	// supervisor with exit status 0.
	x("mousemove", "30", "30")
	x("mousedown", "1")
	time.Sleep(4 * time.Second)
	x("mouseup", "1")
	time.Sleep(time.Second)
	x("type", "--delay", "50", "246813")
	x("key", "Return")
	time.Sleep(2 * time.Second)
	x("mousemove", "640", "440")
	x("click", "1")
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("staff exit: the kiosk ended with %v\n%s", err, stderr.String())
		}
	case <-time.After(60 * time.Second):
		t.Errorf("60 s after staff chose Exit kiosk it still runs\n%s", stderr.String())
	}
}

// parentPID is the id of a process's parent, or "" if it cannot be read.
func parentPID(pid string) string {
	stat, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return ""
	}
	// pid (name) state ppid ...; the name may hold spaces and parentheses.
	i := strings.LastIndexByte(string(stat), ')')
	if i < 0 {
		return ""
	}
	if fields := strings.Fields(string(stat[i+1:])); len(fields) >= 2 {
		return fields[1]
	}
	return ""
}

// sameFile tells whether two paths name the same file.
func sameFile(a, b string) bool {
	ai, err1 := os.Stat(a)
	bi, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(ai, bi)
}

// setKioskPIN sets the staff PIN 246813 in a kiosk config with kiosk-pin,
// creating the file.
func setKioskPIN(t *testing.T, bin, config string) {
	t.Helper()
	setPIN := exec.Command(bin, "kiosk-pin", "--config", config)
	setPIN.Stdin = strings.NewReader("246813\n246813\n")
	if out, err := setPIN.CombinedOutput(); err != nil {
		t.Fatalf("kiosk-pin: %v\n%s", err, out)
	}
}

// appWindow waits for the app's window (find returns what xdotool found)
// and returns its id, failing the test if the app exits first.
func appWindow(t *testing.T, done chan error, stderr *lockedBuffer, find func() string) string {
	t.Helper()
	var win string
	waitFor(t, 90*time.Second, "the app window", func() bool {
		select {
		case err := <-done:
			t.Fatalf("the app exited: %v\n%s", err, stderr.String())
		default:
		}
		win = find()
		return win != ""
	})
	return strings.Fields(win)[0]
}

// lockedBuffer collects a process's output while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testKioskEscapes tries openbox's default ways out of a full-screen window
// on a kiosk in the middle of a screening: each time the kiosk must be back,
// full screen and focused, and when the window was kept away (another
// desktop) for longer than 3 s, the screening must be wiped.
func testKioskEscapes(t *testing.T, bin string) {
	config := kioskConfig(t, bin)
	d := startDesktop(t, 1280, 800)
	d.waitForWindowManager()
	done, stderr := startApp(t, d.display, bin, "--kiosk", "--config", config)
	win := appWindow(t, done, stderr, func() string { return d.xdotool("search", "--onlyvisible", "--name", "^KetaScreen") })
	xprop := func(props ...string) string {
		out, _ := exec.Command("xprop", append([]string{"-display", d.display, "-id", win}, props...)...).Output()
		return string(out)
	}
	back := func(after string) {
		t.Helper()
		var state string
		deadline := time.Now().Add(20 * time.Second)
		for {
			geometry := d.xdotool("getwindowgeometry", win)
			state = xprop("WM_STATE", "_NET_WM_STATE") + geometry
			if strings.Contains(state, "window state: Normal") && strings.Contains(state, "_NET_WM_STATE_FULLSCREEN") &&
				strings.Contains(geometry, "Geometry: 1280x800") && strings.Contains(geometry, "Position: 0,0") {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("20 s after %s the kiosk is not shown full screen:\n%s\n(screenshot: %s)", after, state, d.save("escape"))
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	back("start-up")
	d.xdotool("mousemove", "640", "400")
	d.xdotool("key", "Return") // Touch to start
	d.settle(300*time.Millisecond, 300*time.Millisecond, 30*time.Second)
	d.xdotool("key", "Return") // Start: the first question
	waitFor(t, 20*time.Second, "the first question", func() bool { return d.xdotool("getwindowname", win) == "KetaScreen · About you" })
	for _, escape := range []struct {
		what string
		keys [][]string
	}{
		{"iconify (what Alt+Space, Iconify does)", [][]string{{"windowminimize", win}}},
		{"Super+D (show the desktop)", [][]string{{"key", "super+d"}}},
		{"Alt+Space, I (the window menu's Iconify)", [][]string{{"key", "alt+space"}, {"key", "i"}}},
		// A client message that takes _NET_WM_STATE_FULLSCREEN away, as
		// any program on the display may send: openbox then decorates the
		// window, and a double-click on its title would shrink it.
		{"full screen removed by a client message (wmctrl -b remove,fullscreen)", [][]string{{"wmctrl", "-i", "-r", win, "-b", "remove,fullscreen"}}},
	} {
		for _, keys := range escape.keys {
			if keys[0] == "wmctrl" {
				cmd := exec.Command("wmctrl", keys[1:]...)
				cmd.Env = append(os.Environ(), "DISPLAY="+d.display)
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("wmctrl (make test installs it): %v %s", err, out)
				}
			} else {
				d.xdotool(keys...)
			}
			time.Sleep(300 * time.Millisecond) // a menu opens between the keys
		}
		back(escape.what)
		if name := d.xdotool("getwindowname", win); name != "KetaScreen · About you" {
			t.Errorf("after %s the kiosk shows %q; the screening should have been kept", escape.what, name)
		}
	}
	// Another desktop keeps the window away: after 3 s the screening is
	// gone, and with it the process that held it; a fresh one takes its
	// place, on the desktop shown.
	first := d.xdotool("getwindowpid", win)
	d.xdotool("key", "ctrl+alt+Right")
	waitFor(t, 60*time.Second, "a fresh kiosk process after the wipe while the kiosk is on another desktop", func() bool {
		if _, err := os.Stat("/proc/" + first); err == nil {
			return false // the wiped process has not ended yet
		}
		for _, w := range strings.Fields(d.xdotool("search", "--name", "^KetaScreen$")) {
			if pid := d.xdotool("getwindowpid", w); pid != "" && pid != first {
				win = w
				return true
			}
		}
		return false
	})
	// The fresh process's window opens where the person is now.
	back("the wipe on another desktop")
	if name := d.xdotool("getwindowname", win); name != "KetaScreen" {
		t.Errorf("the fresh kiosk process shows %q, want the attract screen", name)
	}
	select {
	case err := <-done:
		t.Fatalf("the kiosk exited: %v\n%s", err, stderr.String())
	default:
	}
}
