package headless

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/alexedwards/argon2id"
)

// checkKiosk runs kiosk-check with args and returns its exit code and what
// it printed.
func checkKiosk(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errs bytes.Buffer
	code := KioskCheck(args, &out, &errs)
	return code, out.String(), errs.String()
}

// goodKiosk writes a complete kiosk config in a folder of its own, with the
// extra lines, and returns its path.
func goodKiosk(t *testing.T, extra ...string) string {
	t.Helper()
	dir := t.TempDir()
	hash, err := argon2id.CreateHash("246813", &argon2id.Params{Memory: 1024, Iterations: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32})
	if err != nil {
		t.Fatal(err)
	}
	staff, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(dir, "records"), 0o700)
	alert := filepath.Join(dir, "alert.sh")
	os.WriteFile(alert, []byte("#!/bin/sh\ncat > \"$(dirname \"$0\")/alert.json\"\n"), 0o755)
	lines := []string{
		"kiosk: true",
		"kiosk_name: front-desk-1",
		`pin_hash: "` + hash + `"`,
		"alert_command: [" + alert + "]",
		"age_recipient: " + staff.Recipient().String(),
		"records_folder: records",
	}
	path := filepath.Join(dir, "kiosk.yaml")
	if err := os.WriteFile(path, []byte(strings.Join(append(lines, extra...), "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestKioskCheckPassesAGoodKiosk(t *testing.T) {
	path := goodKiosk(t)
	code, out, errs := checkKiosk(t, "--config", path)
	if code != ExitOK || !strings.Contains(out, "kiosk-check: this kiosk is ready") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	for _, want := range []string{"ok: config " + path, "ok: staff PIN set", "ok: records folder " + filepath.Join(filepath.Dir(path), "records"), "took its test event"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	event, err := os.ReadFile(filepath.Join(filepath.Dir(path), "alert.json"))
	if err != nil || !strings.Contains(string(event), `"kind":"test"`) || !strings.Contains(string(event), "front-desk-1") {
		t.Errorf("the alert program did not get the test event: %s %v", event, err)
	}
	if entries, _ := os.ReadDir(filepath.Join(filepath.Dir(path), "records")); len(entries) != 0 {
		t.Errorf("kiosk-check left files in the records folder: %v", entries)
	}
}

// TestKioskCheckRefusesEachWayAKioskCanBeWrong: each fault exits 1 with a
// message that names the file (and, for a value in the config, its line).
func TestKioskCheckRefusesEachWayAKioskCanBeWrong(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	without := func(key string) func(t *testing.T) []string {
		return func(t *testing.T) []string {
			path := goodKiosk(t)
			src, _ := os.ReadFile(path)
			var kept []string
			for _, l := range strings.Split(string(src), "\n") {
				if !strings.HasPrefix(l, key+":") {
					kept = append(kept, l)
				}
			}
			os.WriteFile(path, []byte(strings.Join(kept, "\n")), 0o600)
			return []string{"--config", path}
		}
	}
	// with replaces the good config's line of a key, or adds the line.
	with := func(line string) func(t *testing.T) []string {
		return func(t *testing.T) []string {
			path := goodKiosk(t)
			src, _ := os.ReadFile(path)
			key, _, _ := strings.Cut(line, ":")
			var kept []string
			for _, l := range strings.Split(strings.TrimSpace(string(src)), "\n") {
				if !strings.HasPrefix(l, key+":") {
					kept = append(kept, l)
				}
			}
			kept = append(kept, line) // line 6 or 7
			os.WriteFile(path, []byte(strings.Join(kept, "\n")+"\n"), 0o600)
			return []string{"--config", path}
		}
	}
	brokenDefinition := filepath.Join(t.TempDir(), "def.yaml")
	os.WriteFile(brokenDefinition, []byte("id: x\nversion: 1\nitems:\n  - id: a\n    type: nonsense\n"), 0o600)
	for _, c := range []struct {
		name  string
		args  func(t *testing.T) []string
		wants []string
	}{
		{"a named config that does not exist", func(t *testing.T) []string { return []string{"--config", filepath.Join(t.TempDir(), "kiosk.yaml")} }, []string{"kiosk.yaml does not exist"}},
		{"no config anywhere", func(t *testing.T) []string { return nil }, []string{"looked for", "kiosk.yaml"}},
		{"no staff PIN", without("pin_hash"), []string{"has none", "kiosk-pin --config"}},
		{"no staff alert", without("alert_command"), []string{"no alert_command"}},
		{"a value out of range", with("idle_seconds: 5"), []string{"kiosk.yaml:7: idle_seconds: 5 is too short"}},
		{"a key that is not known", with("idle_secs: 90"), []string{"kiosk.yaml:7:1: unknown field \"idle_secs\""}},
		{"a logo that does not exist", with("logo: missing.png"), []string{"kiosk.yaml:7: logo:", "missing.png"}},
		{"a logo that is a folder", with("logo: records"), []string{"kiosk.yaml:7: logo:"}},
		{"an alert program that does not exist", with("alert_command: [/nonexistent/alert]"), []string{"kiosk.yaml:6: alert_command: /nonexistent/alert is not a program"}},
		{"an alert that fails its test", with(`alert_command: [sh, -c, "echo pager down >&2; exit 3"]`), []string{"failed its start-up test", "pager down"}},
		{"a records folder that does not exist", with("records_folder: /nonexistent/records"), []string{"kiosk.yaml:6: records_folder: /nonexistent/records is not a folder"}},
		{"a records folder without a key", without("age_recipient"), []string{"records_folder: without age_recipient"}},
		{"a status file in a folder that does not exist", with("status_file: /nonexistent/status.json"), []string{"kiosk.yaml:7: status_file: the kiosk cannot write its status in /nonexistent"}},
		{"a language the definition lacks", with("languages: [en, fr]"), []string{`kiosk.yaml:7: languages: "fr" is not a language`}},
		{"an invalid definition", func(t *testing.T) []string {
			return []string{"--config", goodKiosk(t), "--definition", brokenDefinition}
		}, []string{"def.yaml:"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := checkKiosk(t, c.args(t)...)
			if code != ExitInvalid || !strings.Contains(out, "this kiosk would not start") {
				t.Errorf("exit %d, want %d\n%s\n%s", code, ExitInvalid, out, errs)
			}
			for _, want := range c.wants {
				if !strings.Contains(errs, want) {
					t.Errorf("the message lacks %q:\n%s", want, errs)
				}
			}
		})
	}
}
