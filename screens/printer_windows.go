//go:build windows

package screens

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

func defaultPrinter(string) Printer { return shellPrinter{} }

// shellPrinter prints with the Windows shell's print verb, through the PDF
// reader the system has registered for printing.
type shellPrinter struct{}

// Available tells whether PowerShell is there to ask the shell to print.
func (shellPrinter) Available() bool {
	_, err := exec.LookPath("powershell")
	return err == nil
}

// Print writes the PDF to a temporary file and asks the shell to print it.
func (shellPrinter) Print(pdf []byte) error {
	dir, err := os.MkdirTemp("", "ketascreen-print")
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "KetaScreen summary.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		return err
	}
	// The reader needs the file while it prints; nothing readable may stay
	// on a kiosk's disk, so it goes after two minutes.
	time.AfterFunc(2*time.Minute, func() { os.RemoveAll(dir) })
	quoted := "'" + strings.ReplaceAll(path, "'", "''") + "'"
	out, err := exec.Command("powershell", "-NoProfile", "-Command", "Start-Process -FilePath "+quoted+" -Verb Print").CombinedOutput()
	if err != nil {
		return fmt.Errorf("printing failed (is a PDF reader that can print installed?): %v %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}
