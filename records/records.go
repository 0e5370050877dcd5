// Package records writes files so that nothing partial or readable is left
// behind: plain files atomically (temporary file, fsync, rename), and the
// kiosk's screening records encrypted with age for a clinic's public key.
package records

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"filippo.io/age"
	"filippo.io/age/armor"
)

// rename is os.Rename; tests replace it to simulate a crash before the rename.
var rename = os.Rename

// WriteFile writes data to path atomically: into a temporary file in the
// same folder, synced, then renamed over path. A failure at any step leaves
// no partial file and reports what went wrong in plain words.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return explain(path, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return explain(path, err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return explain(path, err)
	}
	if err := tmp.Sync(); err != nil {
		return explain(path, err)
	}
	if err := tmp.Close(); err != nil {
		return explain(path, err)
	}
	if err := rename(tmp.Name(), path); err != nil {
		return explain(path, err)
	}
	done = true
	if d, err := os.Open(dir); err == nil { // make the rename itself durable
		d.Sync()
		d.Close()
	}
	return nil
}

// explain turns a file error into a message a person can act on.
func explain(path string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		return fmt.Errorf("could not save %s: the disk is full", path)
	case errors.Is(err, os.ErrPermission):
		return fmt.Errorf("could not save %s: no permission to write in %s", path, filepath.Dir(path))
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("could not save %s: the folder %s does not exist", path, filepath.Dir(path))
	}
	return fmt.Errorf("could not save %s: %w", path, err)
}

// ParseRecipient reads an age public key ("age1…").
func ParseRecipient(key string) (age.Recipient, error) {
	r, err := age.ParseX25519Recipient(strings.TrimSpace(key))
	if err != nil {
		return nil, fmt.Errorf("not an age public key (it starts with age1): %w", err)
	}
	return r, nil
}

// Encrypt encrypts data for the recipient, ASCII-armored so the file can be
// mailed or pasted; the standard age tool decrypts it.
func Encrypt(data []byte, recipient age.Recipient) ([]byte, error) {
	var out bytes.Buffer
	aw := armor.NewWriter(&out)
	w, err := age.Encrypt(aw, recipient)
	if err != nil {
		return nil, err
	}
	if _, err := w.Write(data); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	if err := aw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// SaveEncrypted encrypts data for the recipient and writes it atomically as
// name + ".age" in dir. Nothing readable reaches the disk.
func SaveEncrypted(dir, name string, data []byte, recipient age.Recipient) (string, error) {
	sealed, err := Encrypt(data, recipient)
	if err != nil {
		return "", fmt.Errorf("encrypting %s: %w", name, err)
	}
	path := filepath.Join(dir, name+".age")
	return path, WriteFile(path, sealed, 0o600)
}

// Decrypt opens an age file (armored or binary) with the identities in an
// age identity file (AGE-SECRET-KEY-…).
func Decrypt(in io.Reader, identityFile io.Reader) ([]byte, error) {
	ids, err := age.ParseIdentities(identityFile)
	if err != nil {
		return nil, fmt.Errorf("reading the identity file: %w", err)
	}
	data, err := io.ReadAll(in)
	if err != nil {
		return nil, err
	}
	plain, err := DecryptWith(data, ids...)
	if err != nil {
		return nil, fmt.Errorf("cannot decrypt: %w (is this the clinic's key for this kiosk?)", err)
	}
	return plain, nil
}

// DecryptWith opens an age file's bytes (armored or binary) with the
// identities. The error is age's: *age.NoIdentityMatchError when none of
// them is the key it was encrypted for.
func DecryptWith(sealed []byte, ids ...age.Identity) ([]byte, error) {
	var src io.Reader = bytes.NewReader(sealed)
	if bytes.HasPrefix(bytes.TrimSpace(sealed), []byte(armor.Header)) {
		src = armor.NewReader(bytes.NewReader(sealed))
	}
	r, err := age.Decrypt(src, ids...)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
