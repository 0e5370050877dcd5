//go:build linux

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"time"
)

// report is everything one `make bench` measured.
type report struct {
	Started, Finished time.Time
	Runs, Sessions    int
	Idle              time.Duration
	Machine, Commit   string
	GoVersion, Fyne   string
	Chromium          string
	SurveyJS          string
	BrowserSkipped    string

	App, Min, Browser *program
	Kiosk             *kioskFigures
	GoBench           []*goBench
	Sizes             []distSize
	SizesMissing      string
}

// stat is the median, least and greatest of some readings.
type stat struct{ med, lo, hi float64 }

func stats(v []float64) stat {
	if len(v) == 0 {
		return stat{}
	}
	s := slices.Clone(v)
	slices.Sort(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return stat{med, s[0], s[len(s)-1]}
}

// fmtStat writes a median with its range, scaled and in a unit.
func fmtStat(v []float64, scale float64, unit string, decimals int) string {
	if len(v) == 0 {
		return "—"
	}
	s := stats(v)
	f := "%." + fmt.Sprint(decimals) + "f"
	if unit != "" {
		unit = " " + unit
	}
	return fmt.Sprintf(f+"%s (%s–%s)", s.med/scale, unit, fmt.Sprintf(f, s.lo/scale), fmt.Sprintf(f, s.hi/scale))
}

func (r *report) machine() {
	model := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := ""
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		if _, err := fmt.Sscanf(string(data), "MemTotal: %d kB", &kb); err == nil {
			mem = fmt.Sprintf(", %.1f GiB memory", float64(kb)/(1<<20))
		}
	}
	r.Machine = fmt.Sprintf("%s, %d cores%s, %s/%s", model, runtime.NumCPU(), mem, runtime.GOOS, runtime.GOARCH)
	if out, err := exec.Command("git", "rev-parse", "--short=12", "HEAD").Output(); err == nil {
		r.Commit = strings.TrimSpace(string(out))
		if st, err := exec.Command("git", "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(st) > 0 {
			r.Commit += " with uncommitted changes"
		}
	}
	if out, err := exec.Command("go", "env", "GOVERSION").Output(); err == nil {
		r.GoVersion = strings.TrimSpace(string(out))
	}
	if out, err := exec.Command("go", "list", "-m", "-f", "{{.Version}}", "fyne.io/fyne/v2").Output(); err == nil {
		r.Fyne = strings.TrimSpace(string(out))
	}
}

// target is one of the aims and whether this run met it.
type target struct {
	aim, measured string
	met           bool
	known         bool // false when the figures to judge it are missing
}

func (r *report) targets() []target {
	var t []target
	ratio := func(a, b []float64) float64 { return stats(a).med / stats(b).med }
	app, min := r.App, r.Min
	if app == nil || min == nil {
		return r.laterTargets(t)
	}
	lr := ratio(app.launch, min.launch)
	t = append(t, target{"Launch ≤ 1.25× the minimal Fyne program", fmt.Sprintf("%.2f×", lr), lr <= 1.25, true})
	mr := ratio(app.pss, min.pss)
	t = append(t, target{"Memory ≤ 1.25× the minimal Fyne program", fmt.Sprintf("%.2f×", mr), mr <= 1.25, true})
	if b := r.Browser; b != nil {
		br := ratio(b.pss, app.pss)
		t = append(t, target{"Memory at least 3× smaller than the browser kiosk", fmt.Sprintf("%.1f× smaller", br), br >= 3, true})
		bl := ratio(b.launch, app.launch)
		t = append(t, target{"Launch faster than the browser kiosk", fmt.Sprintf("%.1f× faster", bl), bl > 1, true})
	} else {
		t = append(t, target{"Memory at least 3× smaller than the browser kiosk", "not measured: " + r.BrowserSkipped, false, false},
			target{"Launch faster than the browser kiosk", "not measured", false, false})
	}
	return r.laterTargets(t)
}

// laterTargets adds the targets of the kiosk and the Go benchmarks.
func (r *report) laterTargets(t []target) []target {
	if k := r.Kiosk; k != nil {
		d := stats(k.endPSS).med - stats(k.startPSS).med
		rested := stats(k.restedPSS).med - stats(k.startPSS).med
		t = append(t, target{fmt.Sprintf("After %d sessions, PSS within 5 MB of the first reading", r.Sessions),
			fmt.Sprintf("%+.1f MB 3 s after the last hand-over; %+.1f MB %s later", d/1e6, rested/1e6, rest), d <= 5e6, true})
		if len(k.handovers) > 0 {
			longest := stats(k.handovers).hi
			t = append(t, target{"Every hand-over to the next person's process under 5 s (the last person's memory goes with their process)",
				fmt.Sprintf("longest %.1f s, median %.1f s", longest/1000, stats(k.handovers).med/1000), longest < 5000, true})
		}
		idle := stats(k.idle).med
		t = append(t, target{"Idle CPU on the attract screen under 1% of one core", fmt.Sprintf("%.2f%%", idle), idle < 1, true})
		t = append(t, r.responseTargets(k)...)
	}
	for _, g := range r.GoBench {
		if g.pkg == "questionnaire" && g.name == "LoadDefinition" {
			ms := stats(g.ns).med / 1e6
			t = append(t, target{"Loading the embedded definition under 10 ms of CPU", fmt.Sprintf("%.2f ms", ms), ms < 10, true})
		}
	}
	return t
}

// responseTargets are the real window's: a tap's next screen against the
// minimal Fyne program's label swap, the first visible response, and the
// medicine list at 50 entries. About 100 ms is where a response stops
// feeling instant.
func (r *report) responseTargets(k *kioskFigures) []target {
	var t []target
	next, first := stats(k.nextScreen).med, stats(k.firstResponse).med
	if r.Min != nil && len(r.Min.response) > 0 && len(k.nextScreen) > 0 {
		floor := stats(r.Min.response).med
		t = append(t, target{"Tap → next screen drawn under 100 ms (the minimal Fyne program's label swap beside it)",
			fmt.Sprintf("%.0f ms against %.0f ms: %.1f×, +%.0f ms beyond Fyne's floor", next, floor, next/floor, next-floor), next < 100, true})
	} else {
		t = append(t, target{"Tap → next screen drawn under 100 ms", "not measured", false, false})
	}
	if len(k.firstResponse) > 0 {
		t = append(t, target{"Tap or key → first visible response under 100 ms", fmt.Sprintf("%.0f ms", first), first < 100, true})
	}
	if l := k.lists["list=50"]; len(l) > 0 {
		m := stats(l).med
		t = append(t, target{"Medicine list with 50 entries drawn under 100 ms", fmt.Sprintf("%.0f ms (1 entry: %.0f ms, 10: %.0f ms)", m, stats(k.lists["list=1"]).med, stats(k.lists["list=10"]).med), m < 100, true})
	} else {
		t = append(t, target{"Medicine list with 50 entries drawn under 100 ms", "not measured", false, false})
	}
	return t
}

func (r *report) markdown() string {
	var s strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&s, format+"\n", args...) }
	p("Measured %s UTC by `make bench` (%s).", r.Started.Format("2006-01-02 15:04"), r.Finished.Sub(r.Started).Round(time.Second))
	p("")
	p("- Machine: %s", r.Machine)
	p("- Commit: %s; %s; Fyne %s", r.Commit, r.GoVersion, r.Fyne)
	if r.Browser != nil {
		p("- Browser: %s, SurveyJS %s (survey-core and survey-js-ui)", r.Chromium, r.SurveyJS)
	} else {
		p("- Browser: not measured (%s)", r.BrowserSkipped)
	}
	p("- Each figure is the median of %d readings, with the least and greatest in brackets.", r.Runs)
	p("")
	p("### Targets")
	p("")
	p("| Target | This run | Met |")
	p("|---|---|---|")
	for _, t := range r.targets() {
		met := "no"
		switch {
		case !t.known:
			met = "not measured"
		case t.met:
			met = "yes"
		}
		p("| %s | %s | %s |", t.aim, t.measured, met)
	}
	p("")
	app, min := r.App, r.Min
	if app == nil || min == nil {
		app, min = &program{}, &program{} // not measured (-launch=false): shown as dashes
	}
	p("### Launch, memory and idle cost")
	p("")
	p("| Measure | KetaScreen | Minimal Fyne program | Chromium + SurveyJS |")
	p("|---|---|---|---|")
	browser := func(f func(*program) string) string {
		if r.Browser == nil {
			return "—"
		}
		return f(r.Browser)
	}
	p("| Launch to first drawn frame | %s | %s | %s |", fmtStat(app.launch, 1, "ms", 0), fmtStat(min.launch, 1, "ms", 0),
		browser(func(b *program) string { return fmtStat(b.launch, 1, "ms", 0) }))
	p("| PSS after 3 s idle on the first screen | %s | %s | %s |", fmtStat(app.pss, 1e6, "MB", 1), fmtStat(min.pss, 1e6, "MB", 1),
		browser(func(b *program) string { return fmtStat(b.pss, 1e6, "MB", 1) }))
	if k := r.Kiosk; k != nil {
		p("| Idle CPU over %s (KetaScreen: the kiosk's attract screen; the others: their first screen) | %s | %s | %s |", r.Idle,
			fmtStat(k.idle, 1, "% of a core", 2), fmtStat(min.idle, 1, "% of a core", 2),
			browser(func(b *program) string { return fmtStat(b.idle, 1, "% of a core", 2) }))
	}
	if k := r.Kiosk; k != nil {
		p("")
		p("### Kiosk memory over %d sessions in the real window", r.Sessions)
		p("")
		p("Driven with xdotool: %d complete screenings to the result, %d people who asked for help at the first question, %d under 18; each back to the attract screen (%s in all).",
			k.kinds["full"], k.kinds["help"], k.kinds["under18"], k.took.Round(time.Second))
		p("")
		p("| Kiosk PSS | Reading |")
		p("|---|---|")
		p("| On the attract screen, before the first person | %s |", fmtStat(k.startPSS, 1e6, "MB", 1))
		p("| %s after the first person (a complete screening) | %s |", rest, fmtStat(k.firstPSS, 1e6, "MB", 1))
		p("| 3 s after the last session's hand-over | %s |", fmtStat(k.endPSS, 1e6, "MB", 1))
		p("| After %s more unused | %s |", rest, fmtStat(k.restedPSS, 1e6, "MB", 1))
		p("")
		p("Each person has a fresh kiosk process (`kiosk.Supervisor`); the readings are of the supervisor and its processes together. From each session's last step to the next person's process alone on screen, while the attract screen takes no input: %s.",
			fmtStat(k.handovers, 1, "ms", 0))
	}
	if k := r.Kiosk; k != nil {
		r.responseTable(p, k)
	}
	if len(r.GoBench) > 0 {
		p("")
		p("### The app's own work (Go benchmarks)")
		p("")
		p("AnswerAndRender and CaptureFloor are Fyne's software test driver painting a 1280×800 window, not the app: they are kept to show that cost, and are no target.")
		p("")
		p("| Benchmark | Time per operation | Memory per operation | Allocations |")
		p("|---|---|---|---|")
		for _, g := range r.GoBench {
			p("| %s.%s | %s | %s | %s |", g.pkg, g.name, fmtStat(g.ns, 1e6, "ms", 3), fmtStat(g.bytes, 1e3, "KB", 0), fmtStat(g.allocs, 1, "", 0))
		}
	}
	p("")
	p("### Size")
	p("")
	if r.SizesMissing != "" {
		p("Not measured: %s.", r.SizesMissing)
	} else {
		p("| File | Size |")
		p("|---|---|")
		for _, sz := range r.Sizes {
			p("| %s | %.1f MB |", sz.name, float64(sz.bytes)/1e6)
		}
	}
	return s.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// responseTable writes the real window's response figures.
func (r *report) responseTable(p func(string, ...any), k *kioskFigures) {
	p("")
	p("### Response in the real window")
	p("")
	p("| Measure | Reading |")
	p("|---|---|")
	p("| KetaScreen: tap or key → first changed frame (an answer's tick, or the next screen), every step of the sessions | %s |", fmtStat(k.firstResponse, 1, "ms", 0))
	p("| KetaScreen: tap that is not an answer → next screen drawn | %s |", fmtStat(k.nextScreen, 1, "ms", 0))
	if r.Min != nil {
		p("| Minimal Fyne program: tap → label swapped (%d taps) | %s |", len(r.Min.response), fmtStat(r.Min.response, 1, "ms", 0))
	}
	for _, n := range listSizes {
		p("| Medicine list, %d %s: Back on the search → list drawn | %s |", n, plural(n, "entry", "entries"), fmtStat(k.lists[fmt.Sprintf("list=%d", n)], 1, "ms", 0))
	}
}

const (
	beginMark = "<!-- make bench: measured part begins -->"
	endMark   = "<!-- make bench: measured part ends -->"
)

// writeReport puts the measured table between the marks of the file, keeping
// the written text around it; a file without marks is refused, not overwritten.
func writeReport(file, table string) error {
	data, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		data = []byte("# Benchmarks\n\n" + beginMark + "\n" + endMark + "\n")
	} else if err != nil {
		return err
	}
	text := string(data)
	i, j := strings.Index(text, beginMark), strings.Index(text, endMark)
	if i < 0 || j < i {
		return fmt.Errorf("%s: no %q and %q lines to write between", file, beginMark, endMark)
	}
	out := text[:i+len(beginMark)] + "\n" + table + text[j:]
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, []byte(out), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}
