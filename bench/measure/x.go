//go:build linux

package main

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// xserver is an Xvfb whose screen is also a file (-fbdir), so that a
// screenshot is a read of memory rather than a round trip through X: the
// bench can look at the screen every few milliseconds while a program starts.
type xserver struct {
	display string
	cmd     *exec.Cmd
	fb      *os.File
	offset  int64 // where the pixels start in the XWD file
	pixels  []byte
	seed    maphash.Seed
}

const screenW, screenH = 1280, 800

func startX(dir string) (*xserver, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", fmt.Sprintf("%dx%dx24", screenW, screenH),
		"-nolisten", "tcp", "-fbdir", dir)
	cmd.ExtraFiles = []*os.File{w}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		w.Close()
		return nil, fmt.Errorf("starting Xvfb (make bench installs it): %w", err)
	}
	w.Close()
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("the X server (Xvfb) did not report its display: %w", err)
	}
	x := &xserver{display: ":" + strings.TrimSpace(line), cmd: cmd, seed: maphash.MakeSeed()}
	if x.fb, err = os.Open(filepath.Join(dir, "Xvfb_screen0")); err != nil {
		x.stop()
		return nil, err
	}
	// The file is an XWD image: a header of 32-bit big-endian fields, then
	// the colour map (12 bytes an entry), then the pixels.
	header := make([]byte, 100)
	if _, err := x.fb.ReadAt(header, 0); err != nil {
		x.stop()
		return nil, fmt.Errorf("reading Xvfb's screen file: %w", err)
	}
	field := func(i int) int64 { return int64(binary.BigEndian.Uint32(header[4*i:])) }
	x.offset = field(0) + 12*field(19)
	x.pixels = make([]byte, field(12)*field(5)) // bytes per line × height
	return x, nil
}

func (x *xserver) stop() {
	if x.fb != nil {
		x.fb.Close()
	}
	_ = x.cmd.Process.Kill()
	_ = x.cmd.Wait()
}

// frame reads the screen and returns a hash of its pixels.
func (x *xserver) frame() (uint64, error) {
	if _, err := x.fb.ReadAt(x.pixels, x.offset); err != nil {
		return 0, err
	}
	return maphash.Bytes(x.seed, x.pixels), nil
}

// settle watches the screen from start until it has not changed for quiet,
// and returns when the final picture first appeared, measured from start.
// A picture equal to blank (the screen before the program ran) never counts.
func (x *xserver) settle(start time.Time, blank uint64, quiet, limit time.Duration, exited func() error) (time.Duration, error) {
	type shot struct {
		at   time.Duration
		hash uint64
	}
	var shots []shot
	last := time.Time{}
	for {
		now := time.Now()
		h, err := x.frame()
		if err != nil {
			return 0, err
		}
		if len(shots) == 0 || shots[len(shots)-1].hash != h {
			shots = append(shots, shot{now.Sub(start), h})
			last = now
		}
		if h != blank && now.Sub(last) >= quiet {
			return shots[len(shots)-1].at, nil
		}
		if now.Sub(start) > limit {
			return 0, fmt.Errorf("the screen did not settle within %s", limit)
		}
		if err := exited(); err != nil {
			return 0, err
		}
		time.Sleep(pollEvery)
	}
}

// changes watches the screen from the picture from until it has changed at
// least n times and then stayed the same for quiet, and returns when it
// first and last changed, measured from start.
func (x *xserver) changes(start time.Time, from uint64, n int, quiet, limit time.Duration) (first, last time.Duration, err error) {
	seen, prev := 0, from
	for {
		h, err := x.frame()
		if err != nil {
			return 0, 0, err
		}
		now := time.Since(start)
		if h != prev {
			if seen == 0 {
				first = now
			}
			seen++
			prev, last = h, now
		}
		if seen >= n && now-last >= quiet {
			return first, last, nil
		}
		if now > limit {
			return 0, 0, fmt.Errorf("the screen changed %d times within %s, want %d", seen, limit, n)
		}
		time.Sleep(pollEvery)
	}
}

// still waits until the screen has not changed for quiet (a hover drawn,
// a pressed button shown).
func (x *xserver) still(quiet time.Duration) error {
	_, _, err := x.changes(time.Now(), 0, 0, quiet, 5*time.Second)
	return err
}

// pollEvery is how often the screen is read while a program starts: the
// launch times are exact to about this much.
const pollEvery = 5 * time.Millisecond

// waitBlank waits until the screen is back to blank after a program ended.
func (x *xserver) waitBlank(blank uint64) error {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if h, err := x.frame(); err != nil || h == blank {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
	return errors.New("the screen did not clear after the program ended")
}

// xdotool runs xdotool on the display and returns what it printed.
func (x *xserver) xdotool(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+x.display)
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

// window finds the window whose title matches the pattern.
func (x *xserver) window(title string) (string, error) {
	out, err := x.xdotool("search", "--onlyvisible", "--name", title)
	if err != nil || out == "" {
		return "", fmt.Errorf("xdotool finds no visible window titled %q", title)
	}
	return strings.Fields(out)[0], nil
}
