package kiosk

import (
	"strings"
	"testing"
)

func FuzzParseConfig(f *testing.F) {
	f.Add("kiosk: true\nclinic_name: Riverside\nidle_seconds: 60\nalert_command: [/usr/local/bin/page, --now]\n")
	f.Add("crisis_lines:\n  - {number: \"116 123\", text: Samaritans}\n")
	f.Add("languages: [en\n")
	f.Add("pin_hash: \"$argon2id$v=19$m=65536,t=1,p=2$c2FsdA$a2V5\"\n")
	f.Fuzz(func(t *testing.T, src string) {
		c, err := ParseConfig("fuzz.yaml", []byte(src), []string{"en"})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if c.Idle() <= 0 || c.Countdown() <= 0 || c.SafetyIdle() < c.Idle() {
			t.Fatalf("accepted durations that make no sense: %+v", c)
		}
	})
}
