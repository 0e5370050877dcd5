//go:build windows

package startup

import (
	"os"
	"os/exec"
)

// Restart starts the program again, with the same arguments, standard files
// and env added to its environment, waits for it, and exits with its exit
// code: Windows has no exec that replaces a process. It returns only if the
// new process could not be started.
func Restart(env ...string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Env = environWith(env)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	_ = cmd.Wait()
	os.Exit(cmd.ProcessState.ExitCode())
	return nil
}
