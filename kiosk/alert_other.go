//go:build !unix

package kiosk

import "os/exec"

// killGroup leaves the default: a timeout kills the command itself.
func killGroup(*exec.Cmd) {}

// endGroup does nothing here: the command has no process group.
func endGroup(*exec.Cmd) {}
