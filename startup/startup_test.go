package startup

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
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

func TestDisplayProblemNeedsXOrWaylandOnLinux(t *testing.T) {
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	for _, c := range []struct {
		goos string
		vars map[string]string
		want bool
	}{
		{"linux", nil, true},
		{"linux", map[string]string{"DISPLAY": ":0"}, false},
		{"linux", map[string]string{"WAYLAND_DISPLAY": "wayland-0"}, false},
		{"freebsd", nil, true},
		{"windows", nil, false},
		{"darwin", nil, false},
	} {
		if got := displayProblem(c.goos, env(c.vars)) != ""; got != c.want {
			t.Errorf("%s with %v: problem %v, want %v", c.goos, c.vars, got, c.want)
		}
	}
}

func TestHeldLogWritesOnlyOnRelease(t *testing.T) {
	var out strings.Builder
	h := HoldLog(&out)
	h.Write([]byte("first\n"))
	if out.Len() != 0 {
		t.Fatalf("written before release: %q", out.String())
	}
	h.Release()
	h.Write([]byte("second\n"))
	if out.String() != "first\nsecond\n" {
		t.Errorf("after release: %q", out.String())
	}
	out.Reset()
	d := HoldLog(&out)
	d.Write([]byte("noise\n"))
	d.Discard()
	d.Write([]byte("later\n"))
	if out.String() != "later\n" {
		t.Errorf("after discard: %q", out.String())
	}
}

func TestWindowSizeFitsTheScreen(t *testing.T) {
	for _, c := range []struct {
		screenW, screenH int
		scale            float32
		wantW, wantH     float32
	}{
		{1920, 1080, 1, 1280, 800},
		{1280, 800, 1, 1264, 728},
		{800, 600, 1, 784, 528},
		{1600, 1200, 2, 792, 564},
		{0, 0, 1, 1280, 800}, // no screen known
	} {
		w, h := WindowSize(1280, 800, c.screenW, c.screenH, c.scale)
		if w != c.wantW || h != c.wantH {
			t.Errorf("screen %dx%d at %v: window %vx%v, want %vx%v", c.screenW, c.screenH, c.scale, w, h, c.wantW, c.wantH)
		}
	}
}
