package records

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
)

func TestEncryptedRecordOpensOnlyWithItsKey(t *testing.T) {
	staff, _ := age.GenerateX25519Identity()
	other, _ := age.GenerateX25519Identity()
	dir := t.TempDir()
	recipient, err := ParseRecipient(staff.Recipient().String())
	if err != nil {
		t.Fatal(err)
	}
	path, err := SaveEncrypted(dir, "screening.pdf", []byte("%PDF-1.3 secret answers"), recipient)
	if err != nil {
		t.Fatal(err)
	}
	sealed, _ := os.ReadFile(path)
	if bytes.Contains(sealed, []byte("secret")) {
		t.Fatal("the record is readable on disk")
	}
	got, err := Decrypt(bytes.NewReader(sealed), strings.NewReader(staff.String()))
	if err != nil || string(got) != "%PDF-1.3 secret answers" {
		t.Fatalf("decrypting with the staff key: %q %v", got, err)
	}
	if _, err := Decrypt(bytes.NewReader(sealed), strings.NewReader(other.String())); err == nil {
		t.Error("another key opened the record")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
}

func TestACrashBeforeTheRenameLeavesNoPartialFile(t *testing.T) {
	dir := t.TempDir()
	rename = func(string, string) error { return errors.New("power cut") }
	defer func() { rename = os.Rename }()
	if err := WriteFile(filepath.Join(dir, "record.age"), []byte("data"), 0o600); err == nil {
		t.Fatal("no error")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestUnwritableFolderGivesAClearMessage(t *testing.T) {
	if os.Geteuid() == 0 {
		// root ignores permissions; a missing folder gives the same kind of message
		err := WriteFile(filepath.Join(t.TempDir(), "gone", "summary.pdf"), []byte("x"), 0o600)
		if err == nil || !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("missing folder: %v", err)
		}
		return
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	err := WriteFile(filepath.Join(dir, "summary.pdf"), []byte("x"), 0o600)
	if err == nil || !strings.Contains(err.Error(), "no permission to write") {
		t.Errorf("unwritable folder: %v", err)
	}
}

func TestDiskFullIsSaidPlainly(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	err := explain("/media/usb/summary.pdf", &os.PathError{Op: "write", Path: "/media/usb/x", Err: errNoSpace()})
	if !strings.Contains(err.Error(), "the disk is full") {
		t.Errorf("%v", err)
	}
}
