// Package startup prepares the process before the Fyne app starts, so that a
// normal start prints no errors on a fresh or unusual account: a locale that
// Fyne cannot parse, or a missing cache folder.
package startup

import (
	"os"
	"strings"

	"golang.org/x/text/language"
)

// localeVars are the variables Fyne reads the user's locale from, in order.
var localeVars = []string{"LC_ALL", "LC_MESSAGES", "LANG"}

// SanitizeLocale removes locale settings that Fyne would fail to parse (an
// unknown language such as xx_YY) and the LANGUAGE list when it holds one.
// KetaScreen takes its language from its own catalogue, never from the
// process locale, so nothing is lost. It returns the variables it removed.
//
// Fyne's lang package also reads the locale once while the program
// initialises, before main runs; that one reading still logs a line for an
// unknown locale, and nothing in the program can run earlier to prevent it.
func SanitizeLocale() []string {
	var removed []string
	for _, name := range localeVars {
		if v, ok := os.LookupEnv(name); ok && !parsable(v) {
			os.Unsetenv(name)
			removed = append(removed, name)
		}
	}
	if v := os.Getenv("LANGUAGE"); v != "" {
		for _, part := range strings.Split(v, ":") {
			if part != "" && !parsable(part) {
				os.Unsetenv("LANGUAGE")
				removed = append(removed, "LANGUAGE")
				break
			}
		}
	}
	return removed
}

// parsable tells whether a POSIX locale (en_US.UTF-8, C, POSIX, empty) names
// a language Fyne can use, or is one Fyne ignores.
func parsable(posix string) bool {
	tag, _, _ := strings.Cut(posix, ".")
	tag, _, _ = strings.Cut(tag, "@")
	if tag == "" || tag == "C" || tag == "POSIX" {
		return true
	}
	_, err := language.Parse(strings.ReplaceAll(tag, "_", "-"))
	return err == nil
}

// EnsureCacheDir creates the user's cache folder (~/.cache on Linux) when it
// does not exist yet, as on a new kiosk account; Fyne logs errors without it.
func EnsureCacheDir() error {
	dir, err := os.UserCacheDir()
	if err != nil {
		return nil // no home at all: nothing to create, Fyne copes
	}
	return os.MkdirAll(dir, 0o700)
}

// SystemLanguage is the two-letter language of the user's locale
// (LC_ALL, LC_MESSAGES, LANG), or "en". The app falls back to the
// questionnaire's first language when it lacks this one.
func SystemLanguage() string {
	for _, name := range localeVars {
		v := os.Getenv(name)
		if len(v) >= 2 && v != "C" && v != "POSIX" && !strings.HasPrefix(v, "C.") {
			return strings.ToLower(v[:2])
		}
	}
	return "en"
}
