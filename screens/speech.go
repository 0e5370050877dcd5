package screens

import (
	"os/exec"
	"runtime"
	"strings"
	"sync"
)

// Speaker reads text aloud through the system's speech engine, on this
// machine only: no text ever leaves it.
type Speaker interface {
	Available() bool
	Speak(lang, text string)
}

// speechCommand is the command that reads text aloud on an operating
// system in a language: espeak-ng on Linux, say on macOS, and the built-in
// speech of Windows through PowerShell (the text goes on standard input).
func speechCommand(goos, lang, text string) (name string, args []string, stdin string) {
	switch goos {
	case "darwin":
		if lang == "es" {
			return "say", []string{"-v", "Paulina", text}, ""
		}
		return "say", []string{text}, ""
	case "windows":
		script := "Add-Type -AssemblyName System.Speech; $s = New-Object System.Speech.Synthesis.SpeechSynthesizer; " +
			"try { $s.SelectVoiceByHints('NotSet', 'NotSet', 0, [Globalization.CultureInfo]'" + windowsCulture(lang) + "') } catch {}; $s.Speak([Console]::In.ReadToEnd())"
		return "powershell", []string{"-NoProfile", "-Command", script}, text
	}
	voice := "en-us"
	if lang == "es" {
		voice = "es-419"
	}
	return "espeak-ng", []string{"-v", voice, "--", text}, ""
}

func windowsCulture(lang string) string {
	if lang == "es" {
		return "es-US"
	}
	return "en-US"
}

// SystemSpeaker speaks with the engine of the running operating system and
// stops what it was saying before it starts again.
type SystemSpeaker struct {
	mu      sync.Mutex
	current *exec.Cmd
}

// Available tells whether the speech engine is installed.
func (s *SystemSpeaker) Available() bool {
	name, _, _ := speechCommand(runtime.GOOS, "en", "")
	_, err := exec.LookPath(name)
	return err == nil
}

// Speak starts reading text aloud in the background.
func (s *SystemSpeaker) Speak(lang, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current != nil && s.current.Process != nil {
		s.current.Process.Kill()
	}
	name, args, stdin := speechCommand(runtime.GOOS, lang, text)
	cmd := exec.Command(name, args...)
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	if cmd.Start() != nil {
		s.current = nil
		return
	}
	s.current = cmd
	go cmd.Wait() // reap it; audio goes to the default output
}

// readAloudText is what the speaker button reads: the stem, the question,
// and each answer with its number key.
func readAloudText(stem, question string, answers []string) string {
	var b strings.Builder
	if stem != "" {
		b.WriteString(stem + " ")
	}
	b.WriteString(question)
	for i, a := range answers {
		b.WriteString(". ")
		if i < 9 {
			b.WriteString(string(rune('1'+i)) + ": ")
		}
		b.WriteString(a)
	}
	return b.String() + "."
}
