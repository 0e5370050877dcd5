package main

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The tests of the release packages in dist/ (make dist-check runs them
// after make dist).

func distFile(t *testing.T, pattern string) string {
	t.Helper()
	if os.Getenv("KETASCREEN_DIST") != "1" {
		t.Skip("run by make dist-check, after make dist")
	}
	files, _ := filepath.Glob(filepath.Join("dist", pattern))
	if len(files) != 1 {
		t.Fatalf("dist/%s: %v", pattern, files)
	}
	return files[0]
}

// TestDistLinuxTarballInstallsAndStarts unpacks the tarball, installs it
// into a temporary prefix with its own Makefile, validates the menu entry
// and starts the installed binary in a real window.
func TestDistLinuxTarballInstallsAndStarts(t *testing.T) {
	tarball := distFile(t, "ketascreen-*-linux-amd64.tar.xz")
	dir := t.TempDir()
	if out, err := exec.Command("tar", "-xJf", tarball, "-C", dir).CombinedOutput(); err != nil {
		t.Fatalf("unpacking: %v %s", err, out)
	}
	prefix := filepath.Join(dir, "prefix")
	if out, err := exec.Command("make", "-C", filepath.Join(dir, "ketascreen"), "install", "PREFIX="+prefix).CombinedOutput(); err != nil {
		t.Fatalf("make install: %v %s", err, out)
	}
	desktop := filepath.Join(prefix, "share", "applications", "org.ketascreen.app.desktop")
	if out, err := exec.Command("desktop-file-validate", desktop).CombinedOutput(); err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("desktop-file-validate: %v %s", err, out)
	}
	if data, _ := os.ReadFile(desktop); !strings.Contains(string(data), "Name=KetaScreen") || !strings.Contains(string(data), "Icon=org.ketascreen.app") {
		t.Errorf("menu entry: %s", data)
	}
	if _, err := os.Stat(filepath.Join(prefix, "share", "pixmaps", "org.ketascreen.app.png")); err != nil {
		t.Error("no icon installed")
	}
	bin := filepath.Join(prefix, "bin", "ketascreen")
	if out, err := exec.Command("file", bin).Output(); err == nil && !strings.Contains(string(out), "stripped") {
		t.Errorf("the binary is not stripped: %s", out)
	}
	if out, err := exec.Command(bin, "check").CombinedOutput(); err != nil || !strings.Contains(string(out), "valid") {
		t.Errorf("the packaged binary's check: %v %s", err, out)
	}
	// Built as make build builds: with screen-reader support and without
	// Fyne's animations (README, "Accessibility").
	if out, err := exec.Command(goTool(), "version", "-m", bin).Output(); err != nil || !strings.Contains(string(out), "-tags=accessibility,no_animations") {
		t.Errorf("the packaged binary's build tags: %v\n%s", err, out)
	}
	display := startXvfb(t)
	t.Setenv("DISPLAY", display)
	done, stderr := startApp(t, display, bin)
	waitFor(t, 90*time.Second, "the installed app's window", func() bool {
		select {
		case err := <-done:
			t.Fatalf("the installed app exited: %v\n%s", err, stderr.String())
		default:
		}
		out, _ := exec.Command("xdotool", "search", "--name", "^KetaScreen$").Output()
		return len(strings.TrimSpace(string(out))) > 0
	})
	waitFor(t, 20*time.Second, "the welcome screen drawn", func() bool { return colours(t, display) > 50 })
}

// TestDistDebianPackage checks the package's files and, as root, installs
// and removes it for real.
func TestDistDebianPackage(t *testing.T) {
	deb := distFile(t, "ketascreen_*_amd64.deb")
	out, err := exec.Command("dpkg-deb", "--contents", deb).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"./usr/bin/ketascreen", "./usr/share/applications/org.ketascreen.app.desktop", "./usr/share/pixmaps/org.ketascreen.app.png",
		"./usr/lib/systemd/system/ketascreen-kiosk.service", "./usr/lib/ketascreen/kiosk-session"} {
		if !strings.Contains(string(out), f) {
			t.Errorf("the package lacks %s", f)
		}
	}
	control, err := exec.Command("dpkg-deb", "--field", deb, "Depends", "Recommends").Output()
	if err != nil || !strings.Contains(string(control), "adduser") || !strings.Contains(string(control), "xinit") {
		t.Errorf("the package should depend on adduser (its kiosk account) and recommend xinit (its kiosk session): %v\n%s", err, control)
	}
	if os.Geteuid() != 0 {
		t.Skip("installing the package needs root")
	}
	if out, err := exec.Command("dpkg", "-i", deb).CombinedOutput(); err != nil {
		t.Fatalf("dpkg -i: %v %s", err, out)
	}
	for _, f := range []string{"/usr/bin/ketascreen", "/usr/share/applications/org.ketascreen.app.desktop", "/usr/share/pixmaps/org.ketascreen.app.png"} {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("after installing, %s is missing", f)
		}
	}
	// The kiosk session is ready to enable: its account exists, with no
	// way to log in, and systemd accepts its unit.
	account, err := exec.Command("getent", "passwd", "ketascreen-kiosk").Output()
	if fields := strings.Split(strings.TrimSpace(string(account)), ":"); err != nil || len(fields) != 7 || fields[5] != "/var/lib/ketascreen-kiosk" || !strings.HasSuffix(fields[6], "nologin") {
		t.Errorf("after installing, the kiosk account is %q (%v); want home /var/lib/ketascreen-kiosk and no login shell", account, err)
	}
	if _, err := exec.LookPath("systemd-analyze"); err == nil {
		if out, err := exec.Command("systemd-analyze", "verify", "/usr/lib/systemd/system/ketascreen-kiosk.service").CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 {
			t.Errorf("systemd-analyze verify ketascreen-kiosk.service: %v\n%s", err, out)
		}
	}
	if out, err := exec.Command("dpkg", "-r", "ketascreen").CombinedOutput(); err != nil {
		t.Fatalf("dpkg -r: %v %s", err, out)
	}
	for _, f := range []string{"/usr/bin/ketascreen", "/usr/share/applications/org.ketascreen.app.desktop", "/usr/lib/systemd/system/ketascreen-kiosk.service"} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("after removing, %s is still there", f)
		}
	}
}

// TestDistWindowsExe checks the .exe's headers: 64-bit (PE32+), a GUI
// program (no console window), and resources holding an icon and version
// information.
func TestDistWindowsExe(t *testing.T) {
	exe := distFile(t, "KetaScreen-*-windows-amd64.exe")
	f, err := pe.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.FileHeader.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		t.Errorf("machine %#x", f.FileHeader.Machine)
	}
	opt, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		t.Fatal("not PE32+")
	}
	if opt.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Errorf("subsystem %d, want %d (GUI: no console window)", opt.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	rsrc := f.Section(".rsrc")
	if rsrc == nil {
		t.Fatal("no resources")
	}
	data, err := rsrc.Data()
	if err != nil {
		t.Fatal(err)
	}
	types := resourceTypes(data)
	const rtIcon, rtGroupIcon, rtVersion = 3, 14, 16
	if !slices.Contains(types, rtGroupIcon) || !slices.Contains(types, rtIcon) {
		t.Errorf("no icon among the resource types %v", types)
	}
	if !slices.Contains(types, rtVersion) {
		t.Errorf("no version information among the resource types %v", types)
	}
}

// resourceTypes reads the top level of a PE resource directory: the IDs of
// the resource types it holds.
func resourceTypes(data []byte) []uint32 {
	if len(data) < 16 {
		return nil
	}
	named := int(binary.LittleEndian.Uint16(data[12:]))
	ids := int(binary.LittleEndian.Uint16(data[14:]))
	var out []uint32
	for i := 0; i < named+ids; i++ {
		off := 16 + 8*i
		if off+8 > len(data) {
			break
		}
		id := binary.LittleEndian.Uint32(data[off:])
		if id&0x80000000 == 0 {
			out = append(out, id)
		}
	}
	return out
}
