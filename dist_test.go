//go:build unix

package main

import (
	"bytes"
	"context"
	"debug/elf"
	"debug/pe"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
	validateDesktop(t, desktop)
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
	for _, f := range debianFiles {
		if !strings.Contains(string(out), "."+f) {
			t.Errorf("the package lacks %s", f)
		}
	}
	fields := debField(t, deb, "Depends", "Recommends", "Suggests")
	for _, want := range []string{"adduser", "libgl1", "libx11-6"} {
		if !slices.Contains(fields["Depends"], want) {
			t.Errorf("Depends %v lacks %s", fields["Depends"], want)
		}
	}
	for _, want := range []string{"xinit", "x11-xkb-utils", "kbd", "espeak-ng"} { // the kiosk session; reading aloud
		if !slices.Contains(fields["Recommends"], want) {
			t.Errorf("Recommends %v lacks %s", fields["Recommends"], want)
		}
	}
	if !slices.Contains(fields["Suggests"], "cups-client") { // printing the summary
		t.Errorf("Suggests %v lacks cups-client", fields["Suggests"])
	}

	unpacked := t.TempDir()
	if out, err := exec.Command("dpkg-deb", "-x", deb, unpacked).CombinedOutput(); err != nil {
		t.Fatalf("dpkg-deb -x: %v %s", err, out)
	}
	// Every library the binary links is a dependency (dpkg-shlibdeps).
	for _, pkg := range linkedPackages(t, filepath.Join(unpacked, "usr", "bin", "ketascreen")) {
		if !slices.Contains(fields["Depends"], pkg) {
			t.Errorf("the binary links a library of %s, which Depends %v lacks", pkg, fields["Depends"])
		}
	}
	desktop := filepath.Join(unpacked, "usr", "share", "applications", "org.ketascreen.app.desktop")
	validateDesktop(t, desktop)
	if data, _ := os.ReadFile(desktop); !strings.Contains(string(data), "\nComment[es]=") || !strings.Contains(string(data), "\nGenericName[es]=") {
		t.Errorf("the menu entry has no Spanish comment and name:\n%s", data)
	}
	metainfo := filepath.Join(unpacked, "usr", "share", "metainfo", "org.ketascreen.app.metainfo.xml")
	if out, err := exec.Command("appstreamcli", "validate", "--no-net", metainfo).CombinedOutput(); err != nil {
		t.Errorf("appstreamcli validate: %v\n%s", err, out)
	}
	// The screenshots the software centre shows are the project's own.
	if data, err := os.ReadFile(metainfo); err == nil {
		for _, m := range regexpScreenshot.FindAllStringSubmatch(string(data), -1) {
			if _, err := os.Stat(filepath.Join("docs", "screenshots", m[1])); err != nil {
				t.Errorf("the metainfo shows screenshot %s, which docs/screenshots lacks", m[1])
			}
		}
	}
	copyright, _ := os.ReadFile(filepath.Join(unpacked, "usr", "share", "doc", "ketascreen", "copyright"))
	for _, want := range []string{"License: Apache-2.0", "Files: assets/fonts/*", "go-modules/fyne.io/fyne/v2/*", "National Center for PTSD"} {
		if !strings.Contains(string(copyright), want) {
			t.Errorf("the copyright file lacks %q", want)
		}
	}
	lintian := exec.Command("lintian", "--fail-on", "error", "--tag-display-limit", "0", deb)
	lint, err := lintian.CombinedOutput()
	t.Logf("lintian:\n%s", lint)
	if err != nil {
		t.Errorf("lintian reports errors: %v", err)
	}

	if os.Geteuid() != 0 {
		t.Skip("installing the package needs root")
	}
	if out, err := exec.Command("dpkg", "-i", deb).CombinedOutput(); err != nil {
		t.Fatalf("dpkg -i: %v %s", err, out)
	}
	for _, f := range debianFiles {
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
	for _, f := range debianFiles {
		if _, err := os.Stat(f); err == nil && !strings.HasPrefix(f, "/usr/share/doc/") {
			t.Errorf("after removing, %s is still there", f)
		}
	}
	// Purging leaves nothing of the package, not even its name in dpkg's list.
	if out, err := exec.Command("dpkg", "--purge", "ketascreen").CombinedOutput(); err != nil {
		t.Fatalf("dpkg --purge: %v %s", err, out)
	}
	if out, _ := exec.Command("dpkg-query", "-W", "-f", "${db:Status-Abbrev}", "ketascreen").Output(); len(bytes.TrimSpace(out)) > 0 && !bytes.HasPrefix(out, []byte("un")) {
		t.Errorf("after purging, dpkg lists the package as %q", out)
	}
	if _, err := os.Stat("/var/lib/ketascreen-kiosk"); err == nil {
		t.Error("after purging, the kiosk account's home is still there")
	}
}

// TestDistDebianPackageInCleanDebian12 installs the package into a fresh
// minimal Debian 12 with only the dependencies it declares, and checks that
// the binary finds every library it links and GLFW opens, and runs.
func TestDistDebianPackageInCleanDebian12(t *testing.T) {
	deb := distFile(t, "ketascreen_*_amd64.deb")
	if os.Geteuid() != 0 {
		t.Skip("debootstrap and chroot need root")
	}
	if _, err := exec.LookPath("debootstrap"); err != nil {
		t.Skip("no debootstrap (make dist installs it)")
	}
	root := filepath.Join(t.TempDir(), "bookworm")
	run := func(limit time.Duration, name string, args ...string) string {
		t.Helper()
		return debianRun(t, limit, "", name, args...)
	}
	bookwormWith(t, root, deb, nil, "--no-install-recommends")
	if out := run(time.Minute, "chroot", root, "ldd", "/usr/bin/ketascreen"); strings.Contains(out, "not found") {
		t.Errorf("ldd in a clean Debian 12:\n%s", out)
	}
	// The libraries GLFW opens at run time for an X11 window and OpenGL.
	cache := run(time.Minute, "chroot", root, "ldconfig", "-p")
	for _, lib := range []string{"libGL.so.1", "libX11.so.6", "libX11-xcb.so.1", "libXcursor.so.1", "libXext.so.6", "libXi.so.6", "libXinerama.so.1", "libXrandr.so.2", "libXrender.so.1", "libXxf86vm.so.1"} {
		if !strings.Contains(cache, lib+" ") {
			t.Errorf("a clean Debian 12 with the package's dependencies has no %s, which GLFW opens", lib)
		}
	}
	if out := run(time.Minute, "chroot", root, "/usr/bin/ketascreen", "check"); !strings.Contains(out, "valid") {
		t.Errorf("ketascreen check in a clean Debian 12: %s", out)
	}
}

// debianRun runs a command for the Debian tests (apt asks nothing, the C
// locale) with stdin, and fails the test with its output if it fails.
func debianRun(t *testing.T, limit time.Duration, stdin, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive", "LC_ALL=C")
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// bookwormWith makes a Debian 12 in root with debootstrap (minbase and the
// packages in include), gives it this machine's resolver, and installs the
// package with apt-get install and aptArgs (options, more packages).
func bookwormWith(t *testing.T, root, deb string, include []string, aptArgs ...string) {
	t.Helper()
	args := []string{"--variant=minbase"}
	if len(include) > 0 {
		args = append(args, "--include="+strings.Join(include, ","))
	}
	debianRun(t, 30*time.Minute, "", "debootstrap", append(args, "bookworm", root, "http://deb.debian.org/debian")...)
	if data, err := os.ReadFile("/etc/resolv.conf"); err == nil {
		os.WriteFile(filepath.Join(root, "etc", "resolv.conf"), data, 0o644)
	}
	data, err := os.ReadFile(deb)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "tmp", "ketascreen.deb"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	debianRun(t, 20*time.Minute, "", "chroot", root, "apt-get", "update", "-q")
	install := append([]string{root, "apt-get", "install", "-y", "-q"}, aptArgs...)
	debianRun(t, 30*time.Minute, "", "chroot", append(install, "/tmp/ketascreen.deb")...)
}

// validateDesktop checks a menu entry with desktop-file-validate, which
// must print nothing.
func validateDesktop(t *testing.T, desktop string) {
	t.Helper()
	if out, err := exec.Command("desktop-file-validate", desktop).CombinedOutput(); err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("desktop-file-validate: %v %s", err, out)
	}
}

// debianFiles are files the Debian package installs.
var debianFiles = []string{
	"/usr/bin/ketascreen",
	"/usr/share/applications/org.ketascreen.app.desktop",
	"/usr/share/icons/hicolor/scalable/apps/org.ketascreen.app.svg",
	"/usr/share/icons/hicolor/16x16/apps/org.ketascreen.app.png",
	"/usr/share/icons/hicolor/48x48/apps/org.ketascreen.app.png",
	"/usr/share/icons/hicolor/256x256/apps/org.ketascreen.app.png",
	"/usr/share/metainfo/org.ketascreen.app.metainfo.xml",
	"/usr/share/doc/ketascreen/copyright",
	"/usr/share/doc/ketascreen/changelog.Debian.gz",
	"/usr/share/man/man1/ketascreen.1.gz",
	"/usr/lib/systemd/system/ketascreen-kiosk.service",
	"/usr/lib/ketascreen/kiosk-session",
}

var regexpScreenshot = regexp.MustCompile(`/docs/screenshots/([^<"]+)</image>`)

// debField reads fields of a package's control file as lists of package
// names, without versions or alternatives' bars.
func debField(t *testing.T, deb string, names ...string) map[string][]string {
	t.Helper()
	fields := map[string][]string{}
	for _, name := range names {
		out, err := exec.Command("dpkg-deb", "--field", deb, name).Output()
		if err != nil {
			t.Fatalf("dpkg-deb --field %s: %v", name, err)
		}
		for _, dep := range strings.FieldsFunc(string(out), func(r rune) bool { return r == ',' || r == '|' }) {
			if f := strings.Fields(dep); len(f) > 0 {
				fields[name] = append(fields[name], f[0])
			}
		}
	}
	return fields
}

// linkedPackages names the Debian packages that hold the libraries a binary
// links itself (its ELF NEEDED entries, not what those libraries link), as
// installed on this machine.
func linkedPackages(t *testing.T, bin string) []string {
	t.Helper()
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatal(err)
	}
	needed, err := f.ImportedLibraries()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("ldd", bin).Output() // where each library is found
	if err != nil {
		t.Fatalf("ldd: %v", err)
	}
	found := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) >= 3 && f[1] == "=>" && strings.HasPrefix(f[2], "/") {
			found[f[0]] = f[2]
		}
	}
	var pkgs []string
	for _, lib := range needed {
		path, ok := found[lib]
		if !ok {
			if !strings.HasPrefix(lib, "ld-linux") {
				t.Errorf("ldd does not find %s, which the binary links", lib)
			}
			continue
		}
		owner, err := exec.Command("dpkg-query", "-S", path).Output()
		if err != nil { // the other spelling of the same file (usrmerge)
			alt := strings.Replace(path, "/usr/lib/", "/lib/", 1)
			if alt == path {
				alt = strings.Replace(path, "/lib/", "/usr/lib/", 1)
			}
			owner, err = exec.Command("dpkg-query", "-S", alt).Output()
		}
		if err != nil {
			t.Errorf("no package holds %s (%s)", lib, path)
			continue
		}
		pkg, _, _ := strings.Cut(strings.TrimSpace(string(owner)), ":")
		if !slices.Contains(pkgs, pkg) {
			pkgs = append(pkgs, pkg)
		}
	}
	if len(pkgs) == 0 {
		t.Error("the binary links no library a package holds; the check checked nothing")
	}
	return pkgs
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
	windowsResources(t, exe)
}

// windowsResources reads the .exe's resources with icoutils' wrestool: the
// manifest declares DPI awareness, the supported Windows versions and no
// administrator rights; the icon has every size from 16 to 256 px; the
// version information names the company and the copyright.
func windowsResources(t *testing.T, exe string) {
	if _, err := exec.LookPath("wrestool"); err != nil {
		t.Fatal("wrestool (icoutils) is not installed; make dist-check installs it")
	}
	extract := func(kind string) []byte {
		out, err := exec.Command("wrestool", "-x", "-R", "-t", kind, exe).Output() // raw: as the .exe holds it
		if err != nil || len(out) == 0 {
			t.Fatalf("wrestool -x -t %s: %v", kind, err)
		}
		return out
	}
	manifest := string(extract("24"))
	for _, want := range []string{"PerMonitorV2", "true/pm", `level="asInvoker"`, "{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"} {
		if !strings.Contains(manifest, want) {
			t.Errorf("the manifest lacks %s:\n%s", want, manifest)
		}
	}
	ico := filepath.Join(t.TempDir(), "icon.ico")
	group, err := exec.Command("wrestool", "-x", "-t", "14", exe).Output() // an icon group comes out as an .ico file
	if err != nil || os.WriteFile(ico, group, 0o600) != nil {
		t.Fatalf("wrestool -x -t 14: %v", err)
	}
	sizes, err := exec.Command("icotool", "-l", ico).Output()
	if err != nil {
		t.Fatalf("icotool -l: %v", err)
	}
	for _, px := range []string{"16", "24", "32", "48", "64", "256"} {
		if !strings.Contains(string(sizes), "--width="+px+" --height="+px) {
			t.Errorf("the icon has no %s px image:\n%s", px, sizes)
		}
	}
	version := utf16Text(extract("16"))
	for _, want := range []string{"CompanyName", "The KetaScreen authors", "LegalCopyright", "Apache License", "ProductName", "OriginalFilename", "KetaScreen.exe", "FileVersion"} {
		if !strings.Contains(version, want) {
			t.Errorf("the version information lacks %q: %q", want, version)
		}
	}
}

// utf16Text reads the little-endian UTF-16 of a Windows resource as text
// (its binary parts become spaces).
func utf16Text(b []byte) string {
	var out strings.Builder
	for i := 0; i+1 < len(b); i += 2 {
		r := rune(binary.LittleEndian.Uint16(b[i:]))
		if r < 0x20 {
			r = ' '
		}
		out.WriteRune(r)
	}
	return out.String()
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
