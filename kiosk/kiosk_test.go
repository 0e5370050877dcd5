package kiosk

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var langs = []string{"en"}

func TestParseConfigAppliesDefaults(t *testing.T) {
	c, err := ParseConfig("k.yaml", []byte("kiosk: true\nclinic_name: Riverside Clinic\n"), langs)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Kiosk || c.ClinicName != "Riverside Clinic" || c.Idle() != 90*time.Second || c.Countdown() != 30*time.Second || c.SafetyIdle() != 10*time.Minute {
		t.Errorf("config %+v idle %s countdown %s safety %s", c, c.Idle(), c.Countdown(), c.SafetyIdle())
	}
}

// The record is in record_language, else the kiosk's first language, else
// the questionnaire's first.
func TestRecordLanguage(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"kiosk: true\n", "en"},
		{"languages: [es, en]\n", "es"},
		{"languages: [es, en]\nrecord_language: en\n", "en"},
	} {
		both := []string{"en", "es"}
		cfg, err := ParseConfig("k.yaml", []byte(c.src), both)
		if err != nil {
			t.Fatal(err)
		}
		if got := cfg.RecordLang(both); got != c.want {
			t.Errorf("%q: record language %q, want %q", c.src, got, c.want)
		}
	}
}

func TestParseConfigErrorsNameTheLine(t *testing.T) {
	cases := []struct{ src, want string }{
		{"kiosk: true\nidle_secs: 60\n", "k.yaml:2:1: unknown field \"idle_secs\""},
		{"kiosk: true\nidle_seconds: ten\n", "k.yaml:2:15: "},
		{"kiosk: true\n\nidle_seconds: 5\n", "k.yaml:3: idle_seconds: 5 is too short"},
		{"countdown_seconds: 2\n", "k.yaml:1: countdown_seconds: 2 is too short"},
		{"idle_seconds: 120\nsafety_idle_seconds: 60\n", "k.yaml:2: safety_idle_seconds: 60 is shorter than idle_seconds"},
		{"languages: [en, fr]\n", "k.yaml:1: languages: \"fr\" is not a language of the questionnaire"},
		{"kiosk: true\nrecord_language: de\n", "k.yaml:2: record_language: \"de\" is not a language of the questionnaire"},
		{"logo: /no/such/logo.png\n", "k.yaml:1: logo: cannot read /no/such/logo.png"},
		{"pin_hash: \"1234\"\n", "k.yaml:1: pin_hash: not an argon2id hash"},
		{"crisis_lines:\n  - {number: \"116 123\"}\n", "k.yaml:1: crisis_lines: entry 1 needs both a number and a text"},
		{"kiosk: [true\n", "k.yaml:1:8: "},
		// Numbers have an upper bound too: 18446744074 s once overflowed to 0.29 s.
		{"idle_seconds: 18446744074\n", "k.yaml:1: idle_seconds: 18446744074 would leave a person's answers on the screen too long after they left (at most 600)"},
		{"idle_seconds: -20\n", "k.yaml:1: idle_seconds: -20 is too short"},
		{"countdown_seconds: 1000\n", "k.yaml:1: countdown_seconds: 1000 is longer than anyone waits for the question (at most 120)"},
		{"safety_idle_seconds: 100000\n", "k.yaml:1: safety_idle_seconds: 100000 is more than the kiosk keeps a crisis screen (at most 3600, 1h0m0s)"},
		{"alert_command: [/no/such/alert-program, --now]\n", "k.yaml:1: alert_command: /no/such/alert-program is not a program that can be run"},
		// The YAML itself is bounded before it is parsed.
		{"languages: &l [en]\nrecord_language: *l\n", "k.yaml:1:12: anchors and aliases (&name, *name) are not allowed here"},
		{"crisis_lines: " + strings.Repeat("[", 200000) + strings.Repeat("]", 200000) + "\n", "k.yaml:1:18: nested more than 4 levels deep"},
		{"logo: /dev/zero\n", "k.yaml:1: logo: cannot read /dev/zero: /dev/zero is not a regular file"},
		{"logo: /\n", "k.yaml:1: logo: cannot read /: / is not a regular file"},
		{"logo: config.go\n", "k.yaml:1: logo: config.go is not a PNG, JPEG or SVG image"},
		// A records folder without a key would save nothing, silently.
		{"kiosk: true\nrecords_folder: /tmp\n", "k.yaml:2: records_folder: without age_recipient no record is saved in /tmp"},
	}
	for _, c := range cases {
		_, err := ParseConfig("k.yaml", []byte(c.src), langs)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want it to contain %q", c.src, err, c.want)
		}
	}
}

// A logo's size and its image's dimensions are checked before it is
// decoded: a 40000×40000 PNG (a few bytes of header) crashed the kiosk.
func TestLogoIsCheckedBeforeItIsLoaded(t *testing.T) {
	dir := t.TempDir()
	png := func(w, h uint32) []byte {
		ihdr := binary.BigEndian.AppendUint32(binary.BigEndian.AppendUint32([]byte("IHDR"), w), h)
		ihdr = append(ihdr, 8, 6, 0, 0, 0)
		out := append([]byte("\x89PNG\r\n\x1a\n"), binary.BigEndian.AppendUint32(nil, 13)...)
		out = append(out, ihdr...)
		return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(ihdr))
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("huge.png", png(40000, 40000))
	write("fine.png", png(800, 200))
	write("big.svg", bytes.Repeat([]byte(" "), 3<<20))
	cfg := filepath.Join(dir, "kiosk.yaml")
	for _, c := range []struct{ logo, want string }{
		{"huge.png", "huge.png is a 40000×40000 png; a logo is at most 4096 pixels each way"},
		{"big.svg", "big.svg is 3145728 bytes; at most 2097152 are read"},
		{"fine.png", ""},
	} {
		write("kiosk.yaml", []byte("logo: "+c.logo+"\n"))
		_, err := LoadConfig(cfg, langs)
		if c.want == "" && err != nil || c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)) {
			t.Errorf("logo %s: %v, want %q", c.logo, err, c.want)
		}
	}
}

// A config that is too large, or not a regular file, is refused before it
// is read.
func TestConfigFileIsBoundedBeforeItIsRead(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	os.WriteFile(big, append([]byte("kiosk: true\n#"), bytes.Repeat([]byte("x"), 100<<10)...), 0o600)
	if _, err := LoadConfig(big, langs); err == nil || !strings.Contains(err.Error(), "at most 65536 are read") {
		t.Errorf("a 100 KB config: %v", err)
	}
	if _, err := LoadConfig(dir, langs); err == nil || !strings.Contains(err.Error(), "is not a regular file") {
		t.Errorf("a folder as the config: %v", err)
	}
}

func TestPINHashRoundTripAndFileUpdate(t *testing.T) {
	for pin, want := range map[string]string{
		"12a456": "only hold digits", "4827": "6 to 12 digits", "1234567890123": "6 to 12 digits",
		"111111": "one digit repeated", "123456": "a run of digits", "987654": "a run of digits", "890123": "a run of digits",
	} {
		if err := CheckNewPIN(pin); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("the PIN %s: %v, want %q", pin, err, want)
		}
	}
	for _, pin := range []string{"482716", "112233", "135791", "000001"} {
		if err := CheckNewPIN(pin); err != nil {
			t.Errorf("the PIN %s refused: %v", pin, err)
		}
	}
	hash, err := HashPIN("482716")
	if err != nil {
		t.Fatal(err)
	}
	// The cost of a try is deliberate (README): 64 MiB, 22 passes.
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=65536,t=22,p=2$") || !ValidHash(hash) {
		t.Fatalf("hash %q", hash)
	}
	if !PINMatches("482716", hash) || PINMatches("482717", hash) || PINMatches("482716", "garbage") {
		t.Error("PIN comparison is wrong")
	}
	path := filepath.Join(t.TempDir(), "sub", "kiosk.yaml")
	if err := SavePINHash(path, hash); err != nil {
		t.Fatal(err)
	}
	c, err := LoadConfig(path, langs)
	if err != nil || c.PINHash != hash || !c.Kiosk {
		t.Fatalf("created config: %+v %v", c, err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("config mode %v, want 0600", fi.Mode().Perm())
	}
	os.WriteFile(path, []byte("clinic_name: Riverside\npin_hash: \"old\"\nidle_seconds: 60\n"), 0o600)
	if err := SavePINHash(path, hash); err != nil {
		t.Fatal(err)
	}
	c, err = LoadConfig(path, langs)
	if err != nil || c.PINHash != hash || c.ClinicName != "Riverside" || c.IdleSeconds != 60 {
		t.Errorf("updated config lost something: %+v %v", c, err)
	}
	if _, err := ReadNewPIN("1234", "1235"); err == nil {
		t.Error("two different PINs accepted")
	}
}

func TestAlertCommandGetsTheEventAsJSON(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "event.json")
	a := &Alerter{Command: []string{"sh", "-c", "cat > " + out}, Timeout: 5 * time.Second}
	ev := Event{Kind: "crisis", Time: "2026-01-01T09:00:00Z", Kiosk: "waiting-room-1"}
	if err := <-a.Send(ev); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(out)
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("not JSON: %q", data)
	}
	if got["kind"] != "crisis" || got["kiosk"] != "waiting-room-1" || got["time"] != "2026-01-01T09:00:00Z" || len(got) != 3 {
		t.Errorf("event %v", got)
	}
}

func TestAHangingAlertIsKilledAndLogged(t *testing.T) {
	var logged []string
	a := &Alerter{Command: []string{"sh", "-c", "sleep 30 & sleep 30"}, Timeout: 300 * time.Millisecond, Log: func(s string) { logged = append(logged, s) }}
	start := time.Now()
	done := a.Send(Event{Kind: "urgent"})
	err := <-done
	if err == nil || !strings.Contains(err.Error(), "no answer within") {
		t.Errorf("err %v", err)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the hanging command held the alert for %s", took)
	}
	if len(logged) != 1 {
		t.Errorf("logged %v", logged)
	}
	failing := &Alerter{Command: []string{"sh", "-c", "echo paging failed >&2; exit 3"}}
	if err := <-failing.Send(Event{Kind: "crisis"}); err == nil || !strings.Contains(err.Error(), "paging failed") {
		t.Errorf("a failing command: %v", err)
	}
	missing := &Alerter{Command: []string{"/no/such/pager"}}
	if err := <-missing.Send(Event{Kind: "crisis"}); err == nil {
		t.Error("a missing command gave no error")
	}
}

func TestManualClockRunsTimersInOrder(t *testing.T) {
	c := NewManualClock()
	var fired []string
	c.AfterFunc(2*time.Second, func() { fired = append(fired, "b") })
	c.AfterFunc(time.Second, func() {
		fired = append(fired, "a")
		c.AfterFunc(500*time.Millisecond, func() { fired = append(fired, "a2") })
	})
	stopped := c.AfterFunc(1500*time.Millisecond, func() { fired = append(fired, "never") })
	stopped.Stop()
	c.Advance(1600 * time.Millisecond)
	if strings.Join(fired, ",") != "a,a2" || c.Pending() != 1 {
		t.Errorf("fired %v pending %d", fired, c.Pending())
	}
	c.Advance(time.Second)
	if strings.Join(fired, ",") != "a,a2,b" || c.Pending() != 0 {
		t.Errorf("fired %v pending %d", fired, c.Pending())
	}
}

func TestOpenAndReady(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	old := MachinePath
	MachinePath = filepath.Join(t.TempDir(), "kiosk.yaml") // none
	t.Cleanup(func() { MachinePath = old })
	if c, err := Open("", langs); c != nil || err != nil {
		t.Errorf("no default file: %v %v, want nothing and no error", c, err)
	}
	if err := Ready(nil, ""); err == nil || !strings.Contains(err.Error(), "ketascreen kiosk-pin --config") {
		t.Errorf("kiosk mode without a config: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "kiosk.yaml")
	if _, err := Open(missing, langs); err == nil {
		t.Error("a named config that does not exist gave no error")
	}
	def, _ := DefaultPath()
	os.MkdirAll(filepath.Dir(def), 0o700)
	os.WriteFile(def, []byte("kiosk: true\nidle_seconds: 3\n"), 0o600)
	if _, err := Open("", langs); err == nil || !strings.Contains(err.Error(), "idle_seconds") {
		t.Errorf("a faulty default config must stop the start, not be skipped: %v", err)
	}
	os.WriteFile(def, []byte("kiosk: true\n"), 0o600)
	c, err := Open("", langs)
	if err != nil || !c.Kiosk {
		t.Fatalf("%v %v", c, err)
	}
	if err := Ready(c, ""); err == nil || !strings.Contains(err.Error(), "has none") {
		t.Errorf("no PIN: %v", err)
	}
	c.PINHash = quickHash(t, "246813")
	if err := Ready(c, ""); err == nil || !strings.Contains(err.Error(), "no alert_command") {
		t.Errorf("no alert command: %v", err)
	}
	c.AlertCommand = []string{"true"}
	if err := Ready(c, ""); err != nil {
		t.Errorf("a PIN and an alert command: %v", err)
	}
}

// TestStartUpAlertTest: the kiosk sends {"kind":"test"} at start-up and
// refuses to start when the command fails or hangs.
func TestStartUpAlertTest(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "event.json")
	c := &Config{File: "kiosk.yaml", Name: "waiting-room-1", AlertCommand: []string{"sh", "-c", "cat > " + out}}
	if err := TestAlert(c, time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(out)
	if !strings.Contains(string(data), `"kind":"test"`) || !strings.Contains(string(data), `"kiosk":"waiting-room-1"`) {
		t.Errorf("the test event was %q", data)
	}
	c.AlertCommand = []string{"sh", "-c", "echo no pager >&2; exit 1"}
	if err := TestAlert(c, time.Now()); err == nil || !strings.Contains(err.Error(), "start-up test") || !strings.Contains(err.Error(), "no pager") {
		t.Errorf("a failing alert: %v", err)
	}
	c.AlertCommand, c.AlertTimeoutSeconds = []string{"sleep", "30"}, 1
	if err := TestAlert(c, time.Now()); err == nil || !strings.Contains(err.Error(), "no answer within") {
		t.Errorf("a hanging alert: %v", err)
	}
}

// TestConfigIsLookedForInTheUsersThenTheMachinesFolder: without --config
// the user's kiosk.yaml is used when it exists, else the machine's.
func TestConfigIsLookedForInTheUsersThenTheMachinesFolder(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	machine := filepath.Join(t.TempDir(), "etc", "ketascreen", "kiosk.yaml")
	old := MachinePath
	MachinePath = machine
	t.Cleanup(func() { MachinePath = old })

	if err := Ready(nil, ""); err == nil || !strings.Contains(err.Error(), machine) {
		t.Errorf("with no config the message does not name the machine's file: %v", err)
	}
	os.MkdirAll(filepath.Dir(machine), 0o755)
	os.WriteFile(machine, []byte("kiosk_name: machine\n"), 0o644)
	if c, err := Open("", langs); err != nil || c == nil || c.Name != "machine" || c.File != machine {
		t.Fatalf("the machine's config was not used: %+v %v", c, err)
	}
	user, _ := DefaultPath()
	os.MkdirAll(filepath.Dir(user), 0o700)
	os.WriteFile(user, []byte("kiosk_name: user\n"), 0o600)
	if c, err := Open("", langs); err != nil || c == nil || c.Name != "user" {
		t.Fatalf("the user's config did not come first: %+v %v", c, err)
	}
	if got := Find(); got != user {
		t.Errorf("Find() = %s, want %s", got, user)
	}
}
