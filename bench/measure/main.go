//go:build linux

// Command measure is `make bench`: it measures KetaScreen as people meet it
// (launch to first frame, memory, idle cost, response, size) against a
// minimal Fyne program and against the PHQ-9 as a SurveyJS page in Chromium's
// kiosk mode, all under one Xvfb, and writes the table to docs/benchmarks.md.
//
// Every figure is taken from outside the programs: the screen is read from
// Xvfb's framebuffer file, memory from /proc/PID/smaps_rollup, CPU time from
// /proc/PID/stat, and the kiosk is driven through its real window by xdotool.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

type options struct {
	runs     int
	sessions int
	idle     time.Duration
	out      string
	browser  bool
	gobench  bool
	launch   bool
	kiosk    bool
}

func main() {
	var o options
	flag.IntVar(&o.runs, "runs", 5, "launches of each program (the median, min and max are reported)")
	flag.IntVar(&o.sessions, "sessions", 200, "kiosk sessions driven through the real window")
	flag.DurationVar(&o.idle, "idle", 30*time.Second, "length of each idle CPU measurement")
	flag.StringVar(&o.out, "out", "docs/benchmarks.md", "Markdown file whose measured part is rewritten")
	flag.BoolVar(&o.browser, "browser", true, "measure the SurveyJS page in Chromium when Chromium is installed")
	flag.BoolVar(&o.gobench, "gobench", true, "run the Go benchmarks")
	flag.BoolVar(&o.launch, "launch", true, "measure launch and memory of the programs (the targets need it)")
	flag.BoolVar(&o.kiosk, "kiosk", true, "measure the kiosk: idle CPU and memory over the sessions")
	flag.Parse()
	if o.runs < 1 || o.sessions < 0 || o.idle <= 0 {
		fmt.Fprintln(os.Stderr, "measure: -runs must be at least 1, -sessions at least 0, -idle positive")
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, "measure:", err)
		os.Exit(1)
	}
}

// bench holds what every measurement shares: the X server, the environment
// the programs run in, and the binaries.
type bench struct {
	opts  options
	x     *xserver
	blank uint64
	env   []string
	dir   string
	app   string // the KetaScreen binary
	min   string // the minimal Fyne program
	log   func(format string, args ...any)
}

func run(o options) error {
	dir, err := os.MkdirTemp("", "ketascreen-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	b := &bench{opts: o, dir: dir, log: func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	}}
	r := &report{Started: time.Now().UTC(), Runs: o.runs, Sessions: o.sessions, Idle: o.idle}
	r.machine()

	if err := b.build(); err != nil {
		return err
	}

	if err := b.startX(); err != nil {
		return err
	}
	defer b.x.stop()
	stopBus, err := b.startBus()
	if err != nil {
		return err
	}
	defer stopBus()

	programs, browser := b.programs(r)
	if o.launch {
		if err := b.launches(programs); err != nil {
			return err
		}
		r.App, r.Min, r.Browser = programs[0], programs[1], browser
	}

	if err := b.measure(r, browser); err != nil {
		return err
	}
	r.Sizes, r.SizesMissing = distSizes()
	r.Finished = time.Now().UTC()

	table := r.markdown()
	fmt.Println(table)
	if o.out != "" {
		if err := writeReport(o.out, table); err != nil {
			return err
		}
		b.log("wrote %s", o.out)
	}
	return nil
}

// measure takes the idle, kiosk and Go benchmark figures asked for.
func (b *bench) measure(r *report, browser *program) error {
	o := b.opts
	for _, p := range []*program{r.Min, browser} {
		if p != nil {
			b.log("idle CPU of %s, %d × %s", p.name, o.runs, o.idle)
			if err := b.idleOf(p); err != nil {
				return err
			}
		}
	}
	if o.kiosk && r.Min != nil {
		b.log("response of %s, %d taps", r.Min.name, minimalTaps)
		if err := b.responseOf(r.Min); err != nil {
			return err
		}
	}
	var err error
	if o.kiosk {
		if r.Kiosk, err = b.kiosk(); err != nil {
			return err
		}
	}
	if o.gobench {
		b.log("Go benchmarks (go test -bench, %d counts)", o.runs)
		if r.GoBench, err = goBenchmarks(o.runs); err != nil {
			return err
		}
	}
	return nil
}

// build builds KetaScreen and the minimal Fyne program with the same flags
// as make dist.
func (b *bench) build() error {
	b.log("building KetaScreen and the minimal Fyne program (the same flags as make dist)")
	b.app, b.min = filepath.Join(b.dir, "ketascreen"), filepath.Join(b.dir, "minimal")
	for _, p := range [][2]string{{b.app, "."}, {b.min, "./bench/minimal"}} {
		cmd := exec.Command("go", "build", "-tags", "accessibility,no_animations", "-trimpath", "-ldflags", "-s -w", "-o", p[0], p[1])
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", p[1], err)
		}
	}
	return nil
}

// programs are the programs to launch: KetaScreen, the minimal Fyne
// program and, when asked for and installed, the browser kiosk.
func (b *bench) programs(r *report) ([]*program, *program) {
	programs := []*program{
		{name: "KetaScreen", title: "^KetaScreen$", argv: []string{b.app}},
		{name: "minimal Fyne", title: "^Minimal$", argv: []string{b.min}},
	}
	if !b.opts.browser {
		r.BrowserSkipped = "not asked for (-browser=false)"
		return programs, nil
	}
	browser, err := b.browserProgram()
	if err != nil {
		r.BrowserSkipped = err.Error()
		b.log("the browser kiosk is skipped: %v", err)
		return programs, nil
	}
	r.Chromium, r.SurveyJS = browser.version, surveyJSVersion()
	return append(programs, browser), browser
}

func (b *bench) startX() error {
	fbdir := filepath.Join(b.dir, "fb")
	if err := os.Mkdir(fbdir, 0o755); err != nil {
		return err
	}
	x, err := startX(fbdir)
	if err != nil {
		return err
	}
	b.x = x
	time.Sleep(300 * time.Millisecond)
	if b.blank, err = x.frame(); err != nil {
		return err
	}
	home := filepath.Join(b.dir, "home")
	runtime := filepath.Join(b.dir, "run")
	for _, d := range []string{home, runtime} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return err
		}
	}
	// Every program gets the same account: a fresh home, no locale, scale 1
	// (so the recorded kiosk taps land where the test driver put the buttons).
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "DISPLAY", "HOME", "XDG_RUNTIME_DIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "LANG", "LC_ALL", "LANGUAGE", "FYNE_SCALE", "DBUS_SESSION_BUS_ADDRESS", "WAYLAND_DISPLAY":
			continue
		}
		b.env = append(b.env, kv)
	}
	b.env = append(b.env, "DISPLAY="+x.display, "HOME="+home, "XDG_RUNTIME_DIR="+runtime, "LANG=C", "FYNE_SCALE=1")
	return nil
}

// startBus starts one D-Bus session for every program, as a desktop has.
func (b *bench) startBus() (func(), error) {
	cmd := exec.Command("dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1", "--nosyslog")
	cmd.Env = b.env
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("starting a D-Bus session (dbus-daemon, make bench installs dbus-x11): %w", err)
	}
	lines := strings.Fields(string(out))
	if len(lines) < 2 {
		return nil, fmt.Errorf("dbus-daemon printed %q", out)
	}
	b.env = append(b.env, "DBUS_SESSION_BUS_ADDRESS="+lines[0])
	pid := lines[1]
	return func() { _ = exec.Command("kill", pid).Run() }, nil
}
