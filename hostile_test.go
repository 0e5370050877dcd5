//go:build unix

package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"filippo.io/age"

	"ketascreen/assets"
)

// hostileLimit is the memory a refusal may take: the data segment the real
// binary runs under (prlimit --data). The files below once took 12.7 GB and
// 15 GB; a refusal needs a few MB.
const hostileLimit = 512 << 20

// testHostileFiles gives the real binary the files a careless admin or an
// attacker could give it, config, definition and answers (issue 18, points
// 6, 8 and 9), each under a memory limit and a time limit far above what a
// refusal needs: each must be refused, by the program and not by the limit,
// with a short message that names the file and what is wrong.
func testHostileFiles(t *testing.T, bin string) {
	if _, err := exec.LookPath("prlimit"); err != nil {
		t.Fatalf("prlimit (util-linux) limits the memory of these runs: %v", err)
	}
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	big := func(name string, head []byte, size int) string {
		t.Helper()
		path := write(name, head)
		if err := os.Truncate(path, int64(size)); err != nil { // the rest reads as zero bytes
			t.Fatal(err)
		}
		return path
	}

	// Definitions: ketascreen check FILE.
	def := string(assets.Questionnaire)
	condition := "show_if: age_18_plus = yes # under 18"
	if !strings.Contains(def, condition) {
		t.Fatalf("the default definition no longer has %q to change", condition)
	}
	withCondition := func(c string) []byte { return []byte(strings.Replace(def, condition, "show_if: "+c+" #", 1)) }
	var bomb strings.Builder // every anchor holds 80 aliases of the one before: 80^7 copies
	bomb.WriteString("x0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n")
	for i := 1; i < 8; i++ {
		fmt.Fprintf(&bomb, "x%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 80), ", "))
	}
	// Answers: ketascreen score FILE.
	entries := func(n int) []byte {
		var b bytes.Buffer
		b.WriteString(`{"answers": {"age_18_plus": "yes", "ad_any": "yes", "meds": [`)
		for i := range n {
			if i > 0 {
				b.WriteString(",")
			}
			b.WriteString(`{"med_name": "sertraline"}`)
		}
		b.WriteString("]}}")
		return b.Bytes()
	}
	definitions := []struct{ name, file, want string }{
		{"3 million nested parentheses", write("parens.yaml", withCondition(strings.Repeat("(", 3_000_000)+"age_18_plus = yes"+strings.Repeat(")", 3_000_000))), "nests more than 50 levels deep"},
		{"100,000 nots", write("nots.yaml", withCondition(strings.Repeat("not ", 100_000)+"age_18_plus = yes")), "more than 1000 words, names and signs"},
		{"aliases of aliases", write("bomb.yaml", []byte(strings.Replace(def, "settings:", bomb.String()+"settings:", 1))), "more than 500 aliases"},
		{"100 MB", big("huge.yaml", []byte(def), 100<<20), "at most 8388608"},
		{"/dev/zero", "/dev/zero", "not a regular file"},
	}
	for _, c := range definitions {
		refused(t, "definition: "+c.name, c.file, c.want, bin, "check", c.file)
	}
	answers := []struct{ name, file, want string }{
		{"a key given twice", write("twice.json", []byte("{\"answers\": {\"age_18_plus\": \"yes\",\n \"phq9_9\": \"0\", \"phq9_9\": \"3\"}}")), "twice.json:2:17: the key \"phq9_9\" is given twice"},
		{"40,000 medicines", write("meds40k.json", entries(40_000)), "a list keeps at most 60"},
		{"a million medicines (27 MB)", write("meds1m.json", entries(1_000_000)), "at most 2097152 are read"},
		{"a 1 MB key", write("longkey.json", []byte(`{"answers": {"`+strings.Repeat("k", 1<<20)+`": "1"}}`)), `unknown item "` + strings.Repeat("k", 40) + `"…`},
		{"a 10 MB key", write("longerkey.json", []byte(`{"answers": {"`+strings.Repeat("k", 10<<20)+`": "1"}}`)), "at most 2097152 are read"},
	}
	for _, c := range answers {
		refused(t, "answers: "+c.name, c.file, c.want, bin, "score", c.file)
	}

	// Kiosk configs: ketascreen --kiosk --config FILE, without a display,
	// so a config that got through would end on the display instead.
	pinned := filepath.Join(dir, "pin.yaml")
	setKioskPIN(t, bin, pinned)
	pin, _ := os.ReadFile(pinned)
	config := func(name string, lines ...string) string {
		return write(name, []byte(string(pin)+strings.Join(lines, "\n")+"\n"))
	}
	alert := `alert_command: ["true"]`
	fifo := filepath.Join(dir, "logo.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	huge := write("huge.png", pngHeader(40000, 40000))
	key, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	notWritable := write("a-file", []byte("not a folder"))
	var deep strings.Builder
	deep.WriteString("crisis_lines: ")
	deep.WriteString(strings.Repeat("[", 30_000)) // within the 64 KB a config may have
	deep.WriteString(strings.Repeat("]", 30_000))
	configs := []struct{ name, file, want string }{
		{"an alias bomb in languages", config("aliases.yaml", alert, "x: &a [en, en, en, en, en, en, en, en, en]", "languages: [*a, *a, *a, *a, *a, *a, *a, *a, *a]"), "aliases"},
		{"crisis_lines 30,000 deep", config("deep.yaml", alert, deep.String()), "nested more than 4 levels deep"},
		{"crisis_lines 200 KB deep", config("deeper.yaml", alert, "crisis_lines: "+strings.Repeat("[", 100_000)+strings.Repeat("]", 100_000)), "at most 65536"},
		{"100 MB", big("huge-config.yaml", []byte(string(pin)+alert+"\n#"), 100<<20), "at most"},
		{"logo: /dev/zero", config("zero.yaml", alert, "logo: /dev/zero"), "logo"},
		{"logo: a FIFO", config("fifo.yaml", alert, "logo: "+fifo), "logo"},
		{"logo: /etc/passwd", config("passwd.yaml", alert, "logo: /etc/passwd"), "not a PNG, JPEG or SVG"},
		{"logo: a folder", config("folder.yaml", alert, "logo: "+dir), "logo"},
		{"logo: 40000×40000 pixels", config("bigpng.yaml", alert, "logo: "+huge), "40000×40000"},
		{"idle_seconds: 18446744074", config("idle.yaml", alert, "idle_seconds: 18446744074"), "at most 600"},
		{"an alert program that is not there", config("noalert.yaml", `alert_command: ["/nonexistent/ketascreen-alert"]`), "/nonexistent/ketascreen-alert"},
		{"a records folder that is a file", config("records.yaml", alert, "age_recipient: "+key.Recipient().String(), "records_folder: "+notWritable), "records_folder: " + notWritable + " is not a folder"},
		{"a records folder it cannot write to", config("proc.yaml", alert, "age_recipient: "+key.Recipient().String(), "records_folder: /proc"), "cannot save records in /proc"},
		{"a records folder without a key", config("nokey.yaml", alert, "records_folder: "+dir), "without age_recipient no record is saved"},
	}
	for _, c := range configs {
		refused(t, "config: "+c.name, c.file, c.want, bin, "--kiosk", "--config", c.file)
	}
}

// refused runs the binary under the memory limit, with 60 s to answer, and
// checks that it refused the file itself: a non-zero exit (not a signal),
// and a message of under 2,000 bytes with the file's name and want in it.
func refused(t *testing.T, what, file, want, bin string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "prlimit", append([]string{fmt.Sprintf("--data=%d", hostileLimit), "--", bin}, args...)...)
	cmd.Env = append(os.Environ(), "DISPLAY=", "WAYLAND_DISPLAY=", "GOTRACEBACK=single")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	started := time.Now()
	err := cmd.Run()
	msg := out.String()
	var exit *exec.ExitError
	switch {
	case ctx.Err() != nil:
		t.Errorf("%s: no answer within 60 s", what)
	case err == nil:
		t.Errorf("%s: accepted\n%.500s", what, msg)
	case !errors.As(err, &exit) || exit.ExitCode() <= 0:
		t.Errorf("%s: ended by %v, not refused\n%.500s", what, err, msg)
	case strings.Contains(msg, "out of memory") || strings.Contains(msg, "goroutine "):
		t.Errorf("%s: crashed under the %d MB limit\n%.500s", what, hostileLimit>>20, msg)
	case len(msg) > 2000:
		t.Errorf("%s: the message is %d bytes long:\n%.500s…", what, len(msg), msg)
	case !strings.Contains(msg, filepath.Base(file)) || !strings.Contains(msg, want):
		t.Errorf("%s: the message does not name %s and %q:\n%s", what, filepath.Base(file), want, msg)
	default:
		t.Logf("%s: refused in %s: %s", what, time.Since(started).Round(time.Millisecond), strings.TrimSpace(msg))
	}
}

// pngHeader is the start of a PNG file that says it is width×height pixels.
func pngHeader(width, height uint32) []byte {
	chunk := binary.BigEndian.AppendUint32(nil, width)
	chunk = binary.BigEndian.AppendUint32(chunk, height)
	chunk = append(chunk, 8, 6, 0, 0, 0) // 8-bit RGBA
	data := append([]byte("IHDR"), chunk...)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = binary.BigEndian.AppendUint32(out, uint32(len(chunk)))
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(data))
}
