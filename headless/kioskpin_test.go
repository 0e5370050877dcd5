package headless

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ketascreen/kiosk"
)

func TestKioskPINFromStandardInput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kiosk.yaml")
	var out, errOut bytes.Buffer
	if code := KioskPIN([]string{"--config", path}, strings.NewReader("864271\n864271\n"), &out, &errOut); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	c, err := kiosk.LoadConfig(path, []string{"en"})
	if err != nil || !kiosk.PINMatches("864271", c.PINHash) {
		t.Fatalf("config %+v: %v", c, err)
	}
	if data, _ := os.ReadFile(path); strings.Contains(string(data), "864271") {
		t.Error("the PIN itself is in the file")
	}
	cases := []struct{ input, words string }{
		{"864271\n864272\n", "the two PINs differ"},
		{"12\n12\n", "6 to 12 digits"},
		{"4827\n4827\n", "6 to 12 digits"},
		{"111111\n111111\n", "one digit repeated"},
		{"123456\n123456\n", "a run of digits"},
		{"864271\n", "expected the new PIN twice"},
	}
	for _, c := range cases {
		errOut.Reset()
		if code := KioskPIN([]string{"--config", path}, strings.NewReader(c.input), &out, &errOut); code != ExitInput || !strings.Contains(errOut.String(), c.words) {
			t.Errorf("input %q: exit %d, %q", c.input, code, errOut.String())
		}
	}
	after, _ := kiosk.LoadConfig(path, []string{"en"})
	if !kiosk.PINMatches("864271", after.PINHash) {
		t.Error("a refused PIN changed the stored one")
	}
}
