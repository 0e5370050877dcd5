package screens

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

type fakeSpeaker struct{ said []string }

func (f *fakeSpeaker) Available() bool         { return true }
func (f *fakeSpeaker) Speak(lang, text string) { f.said = append(f.said, lang+": "+text) }

func TestReadAloudReadsStemQuestionAndAnswers(t *testing.T) {
	d := newDriver(t)
	sp := &fakeSpeaker{}
	d.ui.opts.Speaker = sp
	d.tap("Start")
	d.choose("yes")
	d.choose("no") // 65 or older
	d.tap("Read aloud")
	want := "en: Over the last 2 weeks, how often have you been bothered by any of the following problems? Little interest or pleasure in doing things. 1: Not at all. 2: Several days. 3: More than half the days. 4: Nearly every day."
	if len(sp.said) != 1 || sp.said[0] != want {
		t.Errorf("read aloud %q,\nwant %q", sp.said, want)
	}
}

func TestReadAloudIsHiddenWithoutASpeechEngine(t *testing.T) {
	d := newDriver(t) // no speaker
	d.tap("Start")
	if d.hasButton("Read aloud") {
		t.Error("a Read aloud button without a speech engine")
	}
}

func TestSpeechCommands(t *testing.T) {
	cases := []struct {
		goos, lang string
		name       string
		args       []string
		stdin      string
	}{
		{"linux", "en", "espeak-ng", []string{"-v", "en-us", "--", "Hello"}, ""},
		{"linux", "es", "espeak-ng", []string{"-v", "es-419", "--", "Hello"}, ""},
		{"darwin", "en", "say", []string{"Hello"}, ""},
		{"darwin", "es", "say", []string{"-v", "Paulina", "Hello"}, ""},
	}
	for _, c := range cases {
		name, args, stdin := speechCommand(c.goos, c.lang, "Hello")
		if name != c.name || !slices.Equal(args, c.args) || stdin != c.stdin {
			t.Errorf("%s/%s: %s %v %q", c.goos, c.lang, name, args, stdin)
		}
	}
	name, args, stdin := speechCommand("windows", "es", "Hola")
	if name != "powershell" || stdin != "Hola" || !strings.Contains(strings.Join(args, " "), "es-US") {
		t.Errorf("windows: %s %v %q (the text goes on standard input, never on a command line)", name, args, stdin)
	}
}

// TestEspeakWritesSpeech runs the real engine into a WAV file (make test
// installs espeak-ng).
func TestEspeakWritesSpeech(t *testing.T) {
	if _, err := exec.LookPath("espeak-ng"); err != nil {
		t.Skip("espeak-ng is not installed")
	}
	_, args, _ := speechCommand("linux", "en", "Are you 18 or older?")
	out := filepath.Join(t.TempDir(), "speech.wav")
	if err := exec.Command("espeak-ng", append([]string{"-w", out}, args...)...).Run(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() < 10000 {
		t.Errorf("the WAV file: %v", err)
	}
}
