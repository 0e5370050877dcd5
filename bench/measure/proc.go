//go:build linux

package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// running is a program started by the bench in its own process group.
type running struct {
	cmd  *exec.Cmd
	done chan error
	log  *strings.Builder
}

func start(env []string, argv ...string) (*running, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	log := &strings.Builder{}
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	r := &running{cmd: cmd, done: make(chan error, 1), log: log}
	go func() { r.done <- cmd.Wait() }()
	return r, nil
}

// exited returns an error once the program has ended by itself.
func (r *running) exited() error {
	select {
	case err := <-r.done:
		r.done <- err
		return fmt.Errorf("%s exited (%v):\n%s", filepath.Base(r.cmd.Path), err, r.log.String())
	default:
		return nil
	}
}

// stop ends the program and everything it started.
func (r *running) stop() {
	pids := r.tree()
	_ = syscall.Kill(-r.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-r.done:
	case <-time.After(3 * time.Second):
	}
	_ = syscall.Kill(-r.cmd.Process.Pid, syscall.SIGKILL)
	for _, pid := range pids {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
	select {
	case <-r.done:
	case <-time.After(5 * time.Second):
	}
}

// tree lists the program's process and all its descendants.
func (r *running) tree() []int {
	parent := map[int][]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if f := statFields(pid); len(f) > 1 {
			ppid, _ := strconv.Atoi(f[1])
			parent[ppid] = append(parent[ppid], pid)
		}
	}
	out := []int{r.cmd.Process.Pid}
	for i := 0; i < len(out); i++ {
		out = append(out, parent[out[i]]...)
	}
	return out
}

// children lists the program's own child processes (not their children).
func (r *running) children() []int {
	var out []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if f := statFields(pid); len(f) > 1 && f[1] == strconv.Itoa(r.cmd.Process.Pid) {
			out = append(out, pid)
		}
	}
	return out
}

// statFields returns the fields of /proc/PID/stat after the command name,
// starting with the state (field 3 of proc(5)).
func statFields(pid int) []string {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil
	}
	s := string(data)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return nil
	}
	return strings.Fields(s[i+1:])
}

// pss is the proportional set size of the program and its descendants, in
// bytes: each page shared between processes counted once, in shares.
func (r *running) pss() (int64, error) {
	var total int64
	for _, pid := range r.tree() {
		f, err := os.Open(fmt.Sprintf("/proc/%d/smaps_rollup", pid))
		if err != nil {
			continue // ended meanwhile
		}
		found := false
		lines := bufio.NewScanner(f)
		for lines.Scan() {
			fields := strings.Fields(lines.Text())
			if len(fields) >= 2 && fields[0] == "Pss:" {
				kb, err := strconv.ParseInt(fields[1], 10, 64)
				if err != nil {
					f.Close()
					return 0, fmt.Errorf("smaps_rollup of %d: %w", pid, err)
				}
				total += kb * 1024
				found = true
			}
		}
		f.Close()
		if !found && pid == r.cmd.Process.Pid {
			return 0, fmt.Errorf("no Pss line in /proc/%d/smaps_rollup", pid)
		}
	}
	return total, nil
}

// clockTicks is the kernel's USER_HZ, the unit of utime and stime in
// /proc/PID/stat; it is 100 on every Linux this runs on.
const clockTicks = 100

// cpu is the CPU time used so far by the program and its descendants.
func (r *running) cpu() time.Duration {
	var ticks int64
	for _, pid := range r.tree() {
		f := statFields(pid)
		if len(f) < 13 {
			continue
		}
		utime, _ := strconv.ParseInt(f[11], 10, 64) // field 14 of proc(5)
		stime, _ := strconv.ParseInt(f[12], 10, 64) // field 15
		ticks += utime + stime
	}
	return time.Duration(ticks) * time.Second / clockTicks
}
