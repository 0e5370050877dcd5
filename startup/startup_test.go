package startup

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestSanitizeLocaleDropsOnlyUnknownLanguages(t *testing.T) {
	cases := []struct {
		lang, language string
		removed        []string
	}{
		{"en_US.UTF-8", "", nil},
		{"C", "", nil},
		{"C.UTF-8", "", nil},
		{"es_US.UTF-8", "es_US:en", nil},
		{"xx_YY.UTF-8", "", []string{"LANG"}},
		{"en_US.UTF-8", "en:zz_QQ", []string{"LANGUAGE"}},
	}
	for _, c := range cases {
		t.Setenv("LC_ALL", "")
		os.Unsetenv("LC_ALL")
		t.Setenv("LC_MESSAGES", "")
		os.Unsetenv("LC_MESSAGES")
		t.Setenv("LANG", c.lang)
		t.Setenv("LANGUAGE", c.language)
		got := SanitizeLocale()
		if !slices.Equal(got, c.removed) {
			t.Errorf("LANG=%s LANGUAGE=%s: removed %v, want %v", c.lang, c.language, got, c.removed)
		}
		if _, still := os.LookupEnv("LANG"); still == slices.Contains(c.removed, "LANG") {
			t.Errorf("LANG=%s: still set %v", c.lang, still)
		}
	}
}

func TestEnsureCacheDirCreatesIt(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CACHE_HOME", "")
	if err := EnsureCacheDir(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(home, ".cache")); err != nil || !fi.IsDir() {
		t.Errorf("~/.cache not created: %v", err)
	}
}
