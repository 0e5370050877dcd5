//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"filippo.io/age"
	"filippo.io/age/armor"

	"ketascreen/questionnaire"
	"ketascreen/records"
)

// The real-window tests of the kiosk's promises to the next person
// (TestRealBinary runs them): the shipped session without a window manager,
// and nothing of a person left in the kiosk's memory or clipboard.

// kioskConfig writes a kiosk config with the staff PIN 246813, an alert
// that always succeeds and the extra lines, and returns its path.
func kioskConfig(t *testing.T, bin string, lines ...string) string {
	t.Helper()
	config := filepath.Join(t.TempDir(), "kiosk.yaml")
	setKioskPIN(t, bin, config)
	f, err := os.OpenFile(config, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, line := range append([]string{`alert_command: ["true"]`}, lines...) {
		fmt.Fprintln(f, line)
	}
	return config
}

// freeDisplay is an X display number nobody uses.
func freeDisplay(t *testing.T) int {
	t.Helper()
	for n := 40; n < 100; n++ {
		_, lock := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n))
		_, socket := os.Stat(fmt.Sprintf("/tmp/.X11-unix/X%d", n))
		if os.IsNotExist(lock) && os.IsNotExist(socket) {
			return n
		}
	}
	t.Fatal("no free X display between :40 and :99")
	return 0
}

// testKioskSession runs the kiosk session the Debian package ships
// (packaging/linux/kiosk-session, started by xinit as its unit does) with
// Xvfb in place of the real X server, and so with no window manager: the
// kiosk must cover the screen, have the keyboard, stay the same process
// (not take the missing window manager for an escape and wipe itself over
// and over), have the X server's virtual-terminal keys turned off, and end
// the session when it ends.
func testKioskSession(t *testing.T, bin string) {
	config := kioskConfig(t, bin)
	session, err := filepath.Abs(filepath.Join("packaging", "linux", "kiosk-session"))
	if err != nil {
		t.Fatal(err)
	}
	xvfb, err := exec.LookPath("Xvfb")
	if err != nil {
		t.Fatalf("Xvfb (make test installs it): %v", err)
	}
	n := freeDisplay(t)
	display := fmt.Sprintf(":%d", n)
	home := t.TempDir()
	xinit := exec.Command("xinit", session, "--", xvfb, display, "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-s", "0", "-dpms")
	xinit.Env = append(os.Environ(), "KETASCREEN="+bin, "KETASCREEN_CONFIG="+config, "HOME="+home,
		"XDG_RUNTIME_DIR="+t.TempDir(), "XDG_CACHE_HOME=", "XDG_CONFIG_HOME=", "LANG=C", "DBUS_SESSION_BUS_ADDRESS=")
	xinit.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	log := &lockedBuffer{}
	xinit.Stdout, xinit.Stderr = log, log
	if err := xinit.Start(); err != nil {
		t.Fatalf("starting xinit (make test installs it): %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- xinit.Wait(); close(done) }()
	t.Cleanup(func() {
		_ = syscall.Kill(-xinit.Process.Pid, syscall.SIGKILL)
		<-done
	})
	x := func(args ...string) string {
		cmd := exec.Command("xdotool", args...)
		cmd.Env = append(os.Environ(), "DISPLAY="+display)
		out, _ := cmd.Output()
		return strings.TrimSpace(string(out))
	}
	win := appWindow(t, done, log, func() string { return x("search", "--onlyvisible", "--name", "^KetaScreen$") })
	waitFor(t, 30*time.Second, "the kiosk to cover the screen", func() bool {
		g := x("getwindowgeometry", win)
		return strings.Contains(g, "Geometry: 1280x800") && strings.Contains(g, "Position: 0,0")
	})
	query := exec.Command("setxkbmap", "-display", display, "-query")
	if out, err := query.Output(); err != nil || !strings.Contains(string(out), "srvrkeys:none") {
		t.Errorf("the session leaves the X server's keys (Ctrl+Alt+F1…F12) on: setxkbmap -query: %v\n%s", err, out)
	}
	pid := x("getwindowpid", win)
	// No window manager gives the focus: the pointer somewhere on the
	// screen and the keys must reach the kiosk all the same.
	x("mousemove", "640", "400")
	x("key", "Return") // Touch to start
	time.Sleep(time.Second)
	x("key", "Return") // Start
	waitFor(t, 30*time.Second, "the first question after Return, Return", func() bool { return x("getwindowname", win) == "KetaScreen · About you" })
	for _, keys := range []string{"alt+F4", "super+d", "alt+Tab", "ctrl+alt+F2", "ctrl+alt+BackSpace", "Escape"} {
		x("key", keys)
	}
	// Five seconds is longer than the kiosk stays away before it wipes:
	// had it taken the missing window manager for an escape, the screening
	// would be gone, and with it the process.
	time.Sleep(5 * time.Second)
	if got := x("getwindowname", win); got != "KetaScreen · About you" {
		t.Errorf("with no window manager, after the keys, the kiosk shows %q; want the screening kept\n%s", got, log.String())
	}
	if now := x("getwindowpid", x("search", "--onlyvisible", "--name", "^KetaScreen")); now != pid {
		t.Errorf("the kiosk's process changed from %s to %q without a wipe\n%s", pid, now, log.String())
	}
	if focus := x("getwindowfocus"); focus != win {
		t.Errorf("the keyboard's focus is on window %q, not the kiosk's %s", focus, win)
	}
	// When the kiosk ends, so does the session (systemd then starts it
	// again).
	supervisor := parentPID(pid)
	if supervisor == "" {
		t.Fatalf("the kiosk process %s has no supervisor", pid)
	}
	s, _ := strconv.Atoi(supervisor)
	_ = syscall.Kill(s, syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Errorf("60 s after the kiosk was stopped its X session still runs\n%s", log.String())
	}
}

// testKioskMemory finishes a screening in the real kiosk with a medicine
// name nobody else would type, lets the kiosk wipe itself for being left,
// and then searches every process of the kiosk (its supervisor and the next
// person's process) for that name, the record's response id, and pieces of
// the FHIR and PDF record it saved; and the clipboard for text put there
// before the wipe. None may be found. Before the wipe the same search must
// find the name and the id in the person's own process, or it proves
// nothing.
func testKioskMemory(t *testing.T, bin string) {
	def, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	staff, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	recordsDir := t.TempDir()
	statusFile := filepath.Join(t.TempDir(), "kiosk-status.json")
	config := kioskConfig(t, bin, "idle_seconds: 30", "countdown_seconds: 5", "kiosk_name: Test kiosk",
		"age_recipient: "+staff.Recipient().String(), "records_folder: "+recordsDir, "status_file: "+statusFile)

	const marker = "Qzvkestramelid" // the person's medicine, typed
	const pasted = "Wyrtplommask"   // text on the clipboard at the wipe
	steps, _ := walkSteps(t, def, "en")
	var planned []step
	for _, s := range steps {
		if s.typed == "agomelatine" {
			s.typed = marker
			// A copy, which a kiosk does not make, and the paste flood
			// that once grew a field until the kiosk ran out of memory.
			s.keys = []string{"ctrl+a", "ctrl+c"}
			for range 5 {
				s.keys = append(s.keys, "ctrl+a", "ctrl+c", "End", "ctrl+v")
			}
		}
		planned = append(planned, s)
	}

	d := startDesktop(t, 1280, 800)
	d.waitForWindowManager()
	done, stderr := startApp(t, d.display, bin, "--kiosk", "--config", config)
	win := appWindow(t, done, stderr, func() string { return d.xdotool("search", "--onlyvisible", "--name", "^KetaScreen$") })

	// A second kiosk on the same machine is refused before it opens a window.
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	second := exec.CommandContext(ctx, bin, "--kiosk", "--config", config)
	second.Env = append(os.Environ(), "DISPLAY="+d.display)
	out, _ := second.CombinedOutput()
	if second.ProcessState.ExitCode() != 1 || !strings.Contains(string(out), "another KetaScreen kiosk is already running on this machine") {
		t.Errorf("a second kiosk: exit %d, said %q", second.ProcessState.ExitCode(), out)
	}

	d.xdotool("mousemove", "0", "799")
	d.settle(500*time.Millisecond, 500*time.Millisecond, 60*time.Second)
	d.xdotool("key", "Return") // Touch to start
	d.settle(300*time.Millisecond, 300*time.Millisecond, 30*time.Second)
	for _, s := range planned {
		if s.typed != "" {
			d.xdotool("type", "--delay", "60", s.typed)
			d.settle(300*time.Millisecond, 250*time.Millisecond, 30*time.Second)
		}
		for _, k := range s.keys {
			d.xdotool("key", k)
			d.settle(450*time.Millisecond, 250*time.Millisecond, 30*time.Second)
		}
		if got := d.xdotool("getwindowname", win); s.title != "" && got != s.title {
			t.Fatalf("after %q the kiosk shows %q, want %q (%s)\n%s", s.what, got, s.title, d.save("failed-memory"), stderr.String())
		}
		if s.typed == marker && strings.Contains(clipboard(t, d.display), marker) {
			t.Errorf("Ctrl+A, Ctrl+C in a kiosk's field put the typed text on the clipboard")
		}
	}

	// The record the kiosk saved for the clinic, and what to search for.
	var fhir, pdf []byte
	waitFor(t, 30*time.Second, "the kiosk's encrypted record", func() bool {
		fhir, pdf = readRecord(t, recordsDir, staff, ".fhir.json.age"), readRecord(t, recordsDir, staff, ".pdf.age")
		return fhir != nil && pdf != nil
	})
	names, _ := filepath.Glob(filepath.Join(recordsDir, "*.fhir.json.age"))
	name, ok := records.ParseRecordName(filepath.Base(names[0]))
	if !ok || name.Kiosk != "test-kiosk" {
		t.Fatalf("the record's name %s is not DATE-TIME-KIOSK-CODE-ID", filepath.Base(names[0]))
	}
	id, code := name.ID, name.Code
	if !bytes.Contains(fhir, []byte(code)) {
		t.Errorf("the FHIR record lacks the claim code %s of its name", code)
	}
	d.save("kiosk-result-claim-code") // the code, large, on the result screen
	at := bytes.Index(fhir, []byte(marker))
	if at < 0 {
		t.Fatalf("the FHIR record does not name the typed medicine %q:\n%s", marker, fhir)
	}
	if bytes.Contains(fhir, []byte(marker+marker)) {
		t.Errorf("Ctrl+V in a kiosk's field pasted: the record names %q", fhir[at:min(len(fhir), at+4*len(marker))])
	}
	needles := map[string][]byte{"the response id " + id: []byte(id), "the claim code " + code: []byte(code)}
	for _, form := range []string{marker, strings.ToLower(marker), strings.ToUpper(marker)} {
		for enc, b := range encodings(form) {
			needles[fmt.Sprintf("the typed %q in %s", form, enc)] = b
		}
	}
	needles["the FHIR record around the name"] = fhir[max(0, at-40) : at+len(marker)]
	needles["the PDF record's middle 64 bytes"] = pdf[len(pdf)/2 : len(pdf)/2+64]
	for enc, b := range encodings(pasted) {
		needles[fmt.Sprintf("the clipboard's %q in %s", pasted, enc)] = b
	}

	person, _ := strconv.Atoi(d.xdotool("getwindowpid", win))
	supervisor, _ := strconv.Atoi(parentPID(strconv.Itoa(person)))
	found := searchMemory(t, person, needles)
	for _, want := range []string{"the response id " + id, fmt.Sprintf("the typed %q in UTF-8", marker)} {
		if !found[want] {
			t.Fatalf("before the wipe the search did not find %s in the person's process %d: it would prove nothing (found: %v)", want, person, found)
		}
	}
	// Text that reached the clipboard another way, at the moment of the wipe.
	setClipboard(t, d.display, pasted)

	// The person walks away: 30 s, then 5 s of "Are you still there?", then
	// the wipe, and the next person's process takes the screen.
	waitFor(t, 120*time.Second, "the next person's kiosk process after the idle wipe", func() bool {
		if _, err := os.Stat(fmt.Sprintf("/proc/%d", person)); err == nil {
			return false
		}
		return len(childrenOf(supervisor)) == 1
	})
	if got := clipboard(t, d.display); strings.Contains(got, pasted) {
		t.Errorf("after the wipe the clipboard still holds %q", got)
	}
	// The status file counted the person, and holds nothing of them.
	status, _ := os.ReadFile(statusFile)
	if !bytes.Contains(status, []byte(`"sessions_started": 1`)) || !bytes.Contains(status, []byte(`"sessions_finished": 1`)) {
		t.Errorf("the kiosk's status file after one person:\n%s", status)
	}
	for what, b := range needles {
		if bytes.Contains(status, b) {
			t.Errorf("the status file holds %s", what)
		}
	}
	pids := append([]int{supervisor}, childrenOf(supervisor)...)
	for _, pid := range pids {
		for what, hit := range searchMemory(t, pid, needles) {
			if hit {
				t.Errorf("after the wipe, process %d (%s) holds %s", pid, command(pid), what)
			}
		}
	}
	t.Logf("searched processes %v after the wipe for %d needles", pids, len(needles))
}

// encodings are the ways a program can hold text in memory: UTF-8 (Go's
// strings), UTF-16 and UTF-32 little-endian ([]rune, C libraries).
func encodings(s string) map[string][]byte {
	u16 := make([]byte, 0, 2*len(s))
	for _, c := range utf16.Encode([]rune(s)) {
		u16 = binary.LittleEndian.AppendUint16(u16, c)
	}
	u32 := make([]byte, 0, 4*len(s))
	for _, r := range s {
		u32 = binary.LittleEndian.AppendUint32(u32, uint32(r))
	}
	return map[string][]byte{"UTF-8": []byte(s), "UTF-16": u16, "UTF-32": u32}
}

// readRecord decrypts the one record in dir whose name ends in suffix, or
// returns nil while there is none.
func readRecord(t *testing.T, dir string, staff *age.X25519Identity, suffix string) []byte {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(dir, "*"+suffix))
	if len(names) != 1 {
		return nil
	}
	f, err := os.Open(names[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := age.Decrypt(armor.NewReader(f), staff) // the kiosk writes armored records
	if err != nil {
		t.Fatalf("decrypting %s: %v", names[0], err)
	}
	var out bytes.Buffer
	if _, err := out.ReadFrom(r); err != nil {
		t.Fatalf("decrypting %s: %v", names[0], err)
	}
	return out.Bytes()
}

// searchMemory reads every readable mapping of a process through
// /proc/PID/mem (the test may: the process is its descendant) and tells
// which needles occur in it.
func searchMemory(t *testing.T, pid int, needles map[string][]byte) map[string]bool {
	t.Helper()
	maps, err := os.Open(fmt.Sprintf("/proc/%d/maps", pid))
	if err != nil {
		t.Fatalf("process %d: %v", pid, err)
	}
	defer maps.Close()
	mem, err := os.Open(fmt.Sprintf("/proc/%d/mem", pid))
	if err != nil {
		t.Fatalf("reading the memory of process %d: %v", pid, err)
	}
	defer mem.Close()
	longest := 0
	for _, n := range needles {
		longest = max(longest, len(n))
	}
	const chunk = 1 << 20
	buf := make([]byte, chunk+longest)
	found := map[string]bool{}
	read := 0
	lines := bufio.NewScanner(maps)
	for lines.Scan() {
		f := strings.Fields(lines.Text())
		if len(f) < 2 || f[1][0] != 'r' || (len(f) >= 6 && (f[5] == "[vvar]" || f[5] == "[vsyscall]")) {
			continue
		}
		lo, hi, ok := strings.Cut(f[0], "-")
		start, err1 := strconv.ParseUint(lo, 16, 64)
		end, err2 := strconv.ParseUint(hi, 16, 64)
		if !ok || err1 != nil || err2 != nil {
			continue
		}
		for at := start; at < end; at += chunk {
			n, _ := mem.ReadAt(buf[:min(uint64(len(buf)), end-at)], int64(at))
			read += n
			for what, needle := range needles {
				if !found[what] && bytes.Contains(buf[:n], needle) {
					found[what] = true
				}
			}
		}
	}
	if read == 0 {
		t.Fatalf("could read none of process %d's memory", pid)
	}
	return found
}

// childrenOf lists the processes whose parent is pid.
func childrenOf(pid int) []int {
	var kids []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		if p, err := strconv.Atoi(e.Name()); err == nil && parentPID(e.Name()) == strconv.Itoa(pid) {
			kids = append(kids, p)
		}
	}
	return kids
}

// command is a process's command line, for messages.
func command(pid int) string {
	data, _ := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	return strings.TrimSpace(strings.ReplaceAll(string(data), "\x00", " "))
}

// clipboard is the text on the display's clipboard ("" when it has none).
func clipboard(t *testing.T, display string) string {
	t.Helper()
	out, _ := exec.Command("xclip", "-display", display, "-selection", "clipboard", "-o").Output()
	return string(out)
}

// setClipboard puts text on the display's clipboard with xclip, which keeps
// it there until another program takes the clipboard, and checks that it
// reads back.
func setClipboard(t *testing.T, display, text string) {
	t.Helper()
	cmd := exec.Command("xclip", "-display", display, "-selection", "clipboard", "-i")
	cmd.Stdin = strings.NewReader(text)
	// No pipes for its output: the copy that stays to serve the clipboard
	// would hold them open.
	if err := cmd.Run(); err != nil {
		t.Fatalf("xclip (make test installs it): %v", err)
	}
	waitFor(t, 10*time.Second, "the clipboard to hold the text", func() bool { return clipboard(t, display) == text })
}
