//go:build linux

package main

import (
	"fmt"
	"slices"
	"time"
)

// program is one thing launched and measured: KetaScreen, the minimal Fyne
// program, or Chromium showing the SurveyJS page.
type program struct {
	name    string
	title   string   // a pattern xdotool finds its window by
	argv    []string // what is run
	fresh   func() []string
	version string

	launch []float64 // ms from exec to the settled first frame
	pss    []float64 // bytes, after 3 s idle on the first screen
	idle   []float64 // percent of one core
	// response is ms from a tap on its button to the changed frame (the
	// minimal program only).
	response []float64
}

// idleAfterFrame is how long a first screen stays idle before its memory is
// read.
const idleAfterFrame = 3 * time.Second

// launches starts each program once to warm the disk cache, then runs
// times each, in turn, so that a slow moment of the machine hits all alike.
func (b *bench) launches(programs []*program) error {
	for _, p := range programs {
		b.log("warming up %s", p.name)
		if _, _, err := b.launchOnce(p); err != nil {
			return fmt.Errorf("%s: %w", p.name, err)
		}
	}
	for i := range b.opts.runs {
		for _, p := range programs {
			ms, pss, err := b.launchOnce(p)
			if err != nil {
				return fmt.Errorf("%s, run %d: %w", p.name, i+1, err)
			}
			b.log("%s run %d: first frame %.0f ms, PSS %.1f MB", p.name, i+1, ms, pss/1e6)
			p.launch = append(p.launch, ms)
			p.pss = append(p.pss, pss)
		}
	}
	return nil
}

// launchOnce runs the program, times exec to its first settled frame, reads
// its memory after idleAfterFrame, and stops it.
func (b *bench) launchOnce(p *program) (ms, pss float64, err error) {
	r, begin, first, err := b.startDrawn(p.command())
	if err != nil {
		return 0, 0, err
	}
	defer r.stop()
	if _, err := b.x.window(p.title); err != nil {
		return 0, 0, err
	}
	time.Sleep(time.Until(begin.Add(first + idleAfterFrame)))
	bytes, err := r.pss()
	if err != nil {
		return 0, 0, err
	}
	return float64(first) / float64(time.Millisecond), float64(bytes), nil
}

// startDrawn starts a program on the blank screen and returns once its first
// screen has settled: when it was started, and how long the first frame took.
func (b *bench) startDrawn(argv []string) (r *running, begin time.Time, first time.Duration, err error) {
	if err := b.x.waitBlank(b.blank); err != nil {
		return nil, begin, 0, err
	}
	begin = time.Now()
	if r, err = start(b.env, argv...); err != nil {
		return nil, begin, 0, err
	}
	if first, err = b.x.settle(begin, b.blank, settleQuiet, time.Minute, r.exited); err != nil {
		r.stop()
		return nil, begin, 0, err
	}
	return r, begin, first, nil
}

// command is what starts the program, with a fresh profile when it needs one.
func (p *program) command() []string {
	if p.fresh == nil {
		return p.argv
	}
	return append(slices.Clone(p.argv), p.fresh()...)
}

// settleQuiet is how long the screen must stay unchanged to count as drawn.
const settleQuiet = time.Second

// idleOf starts the program and measures its CPU use while it only shows
// its first screen.
func (b *bench) idleOf(p *program) error {
	r, _, _, err := b.startDrawn(p.command())
	if err != nil {
		return err
	}
	defer r.stop()
	time.Sleep(idleAfterFrame)
	p.idle, err = b.idleCPU(r)
	return err
}

// idleCPU measures the CPU time a running program uses in runs windows of
// the idle length, as a percentage of one core.
func (b *bench) idleCPU(r *running) ([]float64, error) {
	var out []float64
	for range b.opts.runs {
		c0, t0 := r.cpu(), time.Now()
		time.Sleep(b.opts.idle)
		if err := r.exited(); err != nil {
			return nil, err
		}
		c1, t1 := r.cpu(), time.Now()
		out = append(out, 100*float64(c1-c0)/float64(t1.Sub(t0)))
	}
	return out, nil
}
