//go:build linux

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestDistKioskUnitInAVirtualMachine installs the .deb as the README's
// "Kiosk setup" says, in a Debian 12 made with debootstrap, and boots it in
// a virtual machine (qemu, software emulation: no display, no network) with
// a real kernel, virtual terminals, logind and an Xorg server on an emulated
// graphics card and PS/2 keyboard. It checks that ketascreen-kiosk.service
// shows the attract screen at the first start after boot, then presses the
// keys a stranger would try on a keyboard (the X server's and the kernel's:
// Ctrl+Alt+F1…F12, Ctrl+Alt+Backspace, Ctrl+Alt+Del, Alt+SysRq+R then
// Ctrl+Alt+F2, Alt+SysRq+B) and finds the kiosk still on tty7, in the same
// boot, not restarted, and still taking keys; and that a crashed X server
// comes back as a fresh attract screen. Run by make vm-check.
func TestDistKioskUnitInAVirtualMachine(t *testing.T) {
	deb := distFile(t, "ketascreen_*_amd64.deb")
	if os.Getenv("KETASCREEN_VM") != "1" {
		t.Skip("run by make vm-check")
	}
	if os.Geteuid() != 0 {
		t.Skip("debootstrap and chroot need root")
	}
	for _, tool := range []string{"debootstrap", "qemu-system-x86_64", "mkfs.ext4"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s (make vm-check installs it)", tool)
		}
	}
	dir := t.TempDir()
	kernel, initrd, disk := buildKioskImage(t, dir, deb)
	vm := bootVM(t, dir, kernel, initrd, disk)
	shots := os.Getenv("KETASCREEN_WINDOW_SHOTS")

	// The first start after boot: no failed start before it.
	attract := func(what string) {
		t.Helper()
		deadline := time.Now().Add(3 * time.Minute)
		for {
			img := vm.screen()
			if isAttractScreen(img) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: no attract screen within 3 minutes (%s)\n%s", what, vm.save("failed-attract", img),
					vm.shell("systemctl status --no-pager ketascreen-kiosk; journalctl -b --no-pager -u ketascreen-kiosk | tail -n 30"))
			}
			time.Sleep(2 * time.Second)
		}
	}
	attract("after boot")
	if shots != "" {
		vm.save("vm-attract", vm.screen())
	}
	bootID := vm.shell("cat /proc/sys/kernel/random/boot_id")
	if got := vm.shell("systemctl show -P NRestarts ketascreen-kiosk"); got != "0" {
		t.Errorf("systemd restarted the kiosk %s times before its attract screen came up (want it up at the first start)\n%s", got,
			vm.shell("journalctl -b --no-pager -u ketascreen-kiosk | tail -n 30"))
	}
	if got := vm.shell("cat /proc/sys/kernel/sysrq"); got != "0" {
		t.Errorf("kernel.sysrq is %s while the kiosk runs, want 0", got)
	}
	// Every key goes to the kiosk's keyboard, one after the other.
	for _, keys := range []string{
		"ctrl-alt-f1", "ctrl-alt-f2", "ctrl-alt-f6", "ctrl-alt-f12",
		"ctrl-alt-backspace", "ctrl-alt-delete", "alt-f4", "alt-tab", "alt-f2",
		"alt-sysrq-r", "ctrl-alt-f2", "ctrl-alt-delete",
		"alt-sysrq-k", "alt-sysrq-b",
	} {
		vm.monitor("sendkey " + keys)
		time.Sleep(1500 * time.Millisecond)
	}
	time.Sleep(3 * time.Second)
	// A machine the keys restart answers again only after booting.
	if got, ok := vm.try("cat /proc/sys/kernel/random/boot_id", 5*time.Minute); !ok || got != bootID {
		t.Fatalf("the keys restarted or stopped the machine (boot id %q, was %q; %s)", got, bootID, vm.save("failed-reboot", vm.screen()))
	}
	if got := vm.shell("cat /sys/class/tty/tty0/active"); got != "tty7" {
		t.Errorf("after the keys the screen shows %s, not the kiosk's tty7 (%s)", got, vm.save("failed-vt", vm.screen()))
	}
	if got := vm.shell("systemctl show -P NRestarts ketascreen-kiosk"); got != "0" {
		t.Errorf("the keys restarted the kiosk %s times", got)
	}
	if img := vm.screen(); !isAttractScreen(img) {
		t.Errorf("after the keys the attract screen is gone (%s)", vm.save("failed-keys", img))
	}
	// The keyboard still reaches the kiosk: Enter touches "Touch to start".
	vm.monitor("sendkey ret")
	deadline := time.Now().Add(time.Minute)
	for isAttractScreen(vm.screen()) {
		if time.Now().After(deadline) {
			t.Fatalf("Enter did not leave the attract screen: the keyboard does not reach the kiosk (%s)", vm.save("failed-enter", vm.screen()))
		}
		time.Sleep(time.Second)
	}
	if shots != "" {
		vm.save("vm-welcome", vm.screen())
	}
	// A crash of the X server ends the session; systemd starts it again, on
	// a fresh attract screen.
	vm.shell("pkill -KILL -u ketascreen-kiosk -x Xorg")
	attract("after Xorg was killed")
	if got := vm.shell("systemctl show -P NRestarts ketascreen-kiosk"); got != "1" {
		t.Errorf("after Xorg was killed the kiosk restarted %s times, want 1", got)
	}
	if got := vm.shell("cat /sys/class/tty/tty0/active"); got != "tty7" {
		t.Errorf("after the restart the screen shows %s, not tty7", got)
	}
}

// buildKioskImage makes a Debian 12 with debootstrap (a kernel, systemd,
// nothing graphical), installs the package and xserver-xorg with apt as the
// README says (so apt brings the package's Recommends), sets a PIN and an
// alert, enables the unit, and writes it to an ext4 disk image.
func buildKioskImage(t *testing.T, dir, deb string) (kernel, initrd, disk string) {
	t.Helper()
	root := filepath.Join(dir, "root")
	bookwormWith(t, root, deb, []string{"systemd-sysv", "udev", "dbus", "libpam-systemd", "procps", "linux-image-amd64"}, "xserver-xorg")
	debianRun(t, time.Minute, "246813\n246813\n", "chroot", root, "ketascreen", "kiosk-pin", "--config", "/etc/ketascreen/kiosk.yaml")
	config := filepath.Join(root, "etc", "ketascreen", "kiosk.yaml")
	f, err := os.OpenFile(config, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(f, "clinic_name: VM Clinic\nkiosk_name: vm-kiosk-1\nalert_command: [/usr/bin/logger, -t, ketascreen-alert]\n")
	f.Close()
	debianRun(t, time.Minute, "", "chroot", root, "ketascreen", "kiosk-check", "--config", "/etc/ketascreen/kiosk.yaml")
	debianRun(t, time.Minute, "", "chroot", root, "systemctl", "enable", "ketascreen-kiosk.service")
	debianRun(t, time.Minute, "", "chroot", root, "systemctl", "set-default", "graphical.target")
	debianRun(t, time.Minute, "", "chroot", root, "passwd", "-d", "root")
	// The test's own way in: root on the serial line, which a kiosk does
	// not have.
	files := map[string]string{
		"etc/fstab":    "/dev/vda / ext4 rw,errors=remount-ro 0 1\n",
		"etc/hostname": "kioskvm\n",
		"etc/systemd/system/serial-getty@ttyS0.service.d/autologin.conf": "[Service]\nExecStart=\nExecStart=-/sbin/agetty --autologin root --noclear --keep-baud 115200 %I dumb\n",
	}
	for name, text := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	kernels, _ := filepath.Glob(filepath.Join(root, "boot", "vmlinuz-*"))
	initrds, _ := filepath.Glob(filepath.Join(root, "boot", "initrd.img-*"))
	if len(kernels) != 1 || len(initrds) != 1 {
		t.Fatalf("the image's kernels %v, initrds %v", kernels, initrds)
	}
	disk = filepath.Join(dir, "disk.img")
	debianRun(t, 10*time.Minute, "", "mkfs.ext4", "-q", "-d", root, "-L", "root", disk, "6G")
	return kernels[0], initrds[0], disk
}

// vmHost is a running virtual machine: a root shell on its serial line and
// qemu's monitor (keys, screenshots).
type vmHost struct {
	t      *testing.T
	dir    string
	serial net.Conn
	mon    *bufio.Reader
	monc   net.Conn
	mu     sync.Mutex
	out    bytes.Buffer // what the serial line printed
	n      int
}

// bootVM starts qemu with software emulation (KVM inside this machine's
// own virtual machine was not reliable), no network and no window, and
// waits for the root shell on the serial line.
func bootVM(t *testing.T, dir, kernel, initrd, disk string) *vmHost {
	t.Helper()
	serialSock, monSock := filepath.Join(dir, "serial.sock"), filepath.Join(dir, "mon.sock")
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var stderr bytes.Buffer
	qemu := exec.CommandContext(ctx, "qemu-system-x86_64", "-accel", "tcg,thread=multi", "-cpu", "max", "-m", "2048", "-smp", "2",
		"-kernel", kernel, "-initrd", initrd, "-append", "root=/dev/vda rw console=tty0 console=ttyS0",
		"-drive", "file="+disk+",if=virtio,format=raw", "-vga", "std", "-display", "none", "-nic", "none",
		"-serial", "unix:"+serialSock+",server=on,wait=off", "-monitor", "unix:"+monSock+",server=on,wait=off")
	qemu.Stderr = &stderr
	if err := qemu.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { qemu.Process.Kill(); qemu.Wait() })
	dial := func(path string) net.Conn {
		deadline := time.Now().Add(30 * time.Second)
		for {
			c, err := net.Dial("unix", path)
			if err == nil {
				return c
			}
			if time.Now().After(deadline) {
				t.Fatalf("qemu: %v\n%s", err, stderr.String())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	vm := &vmHost{t: t, dir: dir, serial: dial(serialSock), monc: dial(monSock)}
	t.Cleanup(func() { vm.serial.Close(); vm.monc.Close() })
	vm.mon = bufio.NewReader(vm.monc)
	vm.readMonitor()
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := vm.serial.Read(buf)
			vm.mu.Lock()
			vm.out.Write(buf[:n])
			vm.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	// The shell answers once the machine is up.
	deadline := time.Now().Add(10 * time.Minute)
	for {
		if _, ok := vm.try("true", 10*time.Second); ok {
			break
		}
		if time.Now().After(deadline) {
			vm.mu.Lock()
			defer vm.mu.Unlock()
			t.Fatalf("no shell on the serial line within 10 minutes:\n%s", lastChars(vm.out.String(), 3000))
		}
	}
	return vm
}

// try runs a shell command on the serial line and returns what it printed.
func (vm *vmHost) try(cmd string, limit time.Duration) (string, bool) {
	vm.n++
	mark := fmt.Sprintf("M%d_%d", vm.n, time.Now().UnixNano())
	vm.mu.Lock()
	from := vm.out.Len()
	vm.mu.Unlock()
	fmt.Fprintf(vm.serial, "echo B%s; %s; echo E%s $?\n", mark, cmd, mark)
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
		vm.mu.Lock()
		got := strings.ReplaceAll(vm.out.String()[from:], "\r", "")
		vm.mu.Unlock()
		end := strings.Index(got, "\nE"+mark+" ")
		begin := strings.LastIndex(got, "B"+mark+"\n")
		// The newline after B… is the one before E… when nothing was printed.
		if start := begin + 1 + len(mark); end >= 0 && begin >= 0 && start <= end {
			return strings.TrimSpace(got[start:end]), true
		}
	}
	return "", false
}

// shell runs a command that must answer within a minute.
func (vm *vmHost) shell(cmd string) string {
	vm.t.Helper()
	out, ok := vm.try(cmd, time.Minute)
	if !ok {
		vm.t.Fatalf("the VM's shell did not answer %q", cmd)
	}
	return out
}

// readMonitor reads up to qemu's next "(qemu) " prompt.
func (vm *vmHost) readMonitor() string {
	vm.t.Helper()
	vm.monc.SetReadDeadline(time.Now().Add(time.Minute))
	var b strings.Builder
	for !strings.HasSuffix(b.String(), "(qemu) ") {
		c, err := vm.mon.ReadByte()
		if err != nil {
			vm.t.Fatalf("qemu's monitor: %v after %q", err, b.String())
		}
		b.WriteByte(c)
	}
	return b.String()
}

// monitor gives qemu's monitor one command.
func (vm *vmHost) monitor(cmd string) string {
	vm.t.Helper()
	fmt.Fprintf(vm.monc, "%s\n", cmd)
	return vm.readMonitor()
}

// screen is what the VM's display shows.
func (vm *vmHost) screen() *image.RGBA {
	vm.t.Helper()
	path := filepath.Join(vm.dir, "screen.ppm")
	os.Remove(path)
	vm.monitor("screendump " + path)
	img, err := readPPM(path)
	if err != nil {
		vm.t.Fatalf("the VM's screen: %v", err)
	}
	return img
}

// save writes a screenshot to KETASCREEN_WINDOW_SHOTS, or beside the image,
// and returns its path.
func (vm *vmHost) save(name string, img image.Image) string {
	dir := os.Getenv("KETASCREEN_WINDOW_SHOTS")
	if dir == "" {
		dir = vm.dir
	}
	os.MkdirAll(dir, 0o755)
	path := filepath.Join(dir, name+".png")
	if f, err := os.Create(path); err == nil {
		png.Encode(f, img)
		f.Close()
	}
	return path
}

// readPPM reads the binary PPM (P6, 8 bits) that qemu's screendump writes.
func readPPM(path string) (*image.RGBA, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var fields []string
	rest := data
	for len(fields) < 4 {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		i := bytes.IndexAny(rest, " \t\r\n")
		if i < 0 {
			return nil, fmt.Errorf("%s: a PPM header cut short", path)
		}
		fields = append(fields, string(rest[:i]))
		rest = rest[i:]
	}
	rest = rest[1:] // the one white-space byte before the pixels
	w, _ := strconv.Atoi(fields[1])
	h, _ := strconv.Atoi(fields[2])
	if fields[0] != "P6" || fields[3] != "255" || w <= 0 || h <= 0 || len(rest) < 3*w*h {
		return nil, fmt.Errorf("%s: not an 8-bit P6 PPM (%v, %d bytes of pixels)", path, fields, len(rest))
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range w * h {
		img.Pix[4*i], img.Pix[4*i+1], img.Pix[4*i+2], img.Pix[4*i+3] = rest[3*i], rest[3*i+1], rest[3*i+2], 255
	}
	return img, nil
}

// isAttractScreen tells the kiosk's attract screen: the large blue "Touch
// to start" button fills much of the middle of the screen, and the red
// "I need help now" button is there.
func isAttractScreen(img *image.RGBA) bool {
	b := img.Bounds()
	near := func(c color.RGBA, r, g, bl int) bool {
		d := func(a uint8, b int) int { return max(int(a)-b, b-int(a)) }
		return d(c.R, r) < 12 && d(c.G, g) < 12 && d(c.B, bl) < 12
	}
	blue, middle := 0, 0
	for y := b.Dy() * 6 / 10; y < b.Dy()*7/10; y++ {
		for x := b.Dx() * 4 / 10; x < b.Dx()*6/10; x++ {
			middle++
			if near(img.RGBAAt(x, y), 31, 102, 229) {
				blue++
			}
		}
	}
	red := 0
	for y := range b.Dy() / 8 {
		for x := b.Dx() * 3 / 4; x < b.Dx(); x++ {
			if isHelpRed(img.RGBAAt(x, y)) {
				red++
			}
		}
	}
	return middle > 0 && blue > middle*6/10 && red > 1000
}

// lastChars is the end of s, at most n bytes.
func lastChars(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
