package kiosk

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/alexedwards/argon2id"

	"ketascreen/records"
)

// PIN lengths staff may choose.
const (
	MinPINLength = 6
	MaxPINLength = 12
)

// CheckNewPIN says what is wrong with a PIN staff want to set, or nil: it
// must be 6 to 12 digits, and not one a stranger would try first (one digit
// repeated, or a run up or down like 123456 or 987654).
func CheckNewPIN(pin string) error {
	if len(pin) < MinPINLength || len(pin) > MaxPINLength {
		return fmt.Errorf("the PIN must have %d to %d digits", MinPINLength, MaxPINLength)
	}
	for _, r := range pin {
		if r < '0' || r > '9' {
			return errors.New("the PIN may only hold digits (the kiosk's PIN pad has no letters)")
		}
	}
	if step, ok := evenSteps(pin); ok {
		what := "one digit repeated"
		if step != 0 {
			what = "a run of digits"
		}
		return fmt.Errorf("the PIN is %s, which a stranger would try first; choose another", what)
	}
	return nil
}

// evenSteps tells whether every digit of pin follows the one before by the
// same step of 0, +1 or −1 (wrapping from 9 to 0): 111111, 345678, 890123,
// 654321.
func evenSteps(pin string) (step int, ok bool) {
	step = (int(pin[1]) - int(pin[0]) + 10) % 10
	if step != 0 && step != 1 && step != 9 {
		return 0, false
	}
	for i := 2; i < len(pin); i++ {
		if (int(pin[i])-int(pin[i-1])+10)%10 != step {
			return 0, false
		}
	}
	return step, true
}

// pinParams make one try at the PIN cost about half a second (0.48 s on an
// idle 2-core machine), so that a copy of the hash gives a 6-digit PIN up
// only after days of such a machine's work, while staff wait no longer than
// a short pause. Hashes made with other parameters keep working: the
// parameters are in the hash.
var pinParams = &argon2id.Params{Memory: 64 * 1024, Iterations: 22, Parallelism: 2, SaltLength: 16, KeyLength: 32}

// HashPIN returns the argon2id hash of a PIN, in the standard encoded form
// ($argon2id$v=19$m=…,t=…,p=…$salt$key), with a fresh random salt.
func HashPIN(pin string) (string, error) {
	return argon2id.CreateHash(pin, pinParams)
}

// PINMatches tells whether a PIN matches a hash, in constant time.
func PINMatches(pin, hash string) bool {
	ok, err := argon2id.ComparePasswordAndHash(pin, hash)
	return err == nil && ok
}

// ValidHash tells whether a string is an argon2id hash this package can check.
func ValidHash(hash string) bool {
	_, _, _, err := argon2id.DecodeHash(hash)
	return err == nil
}

var pinHashLine = regexp.MustCompile(`(?m)^pin_hash:.*$`)

// SavePINHash writes the hash into the config file, replacing any earlier
// one and keeping every other line, or creates the file (and its folder)
// when there is none. The file is replaced atomically (records.WriteFile)
// and readable only by its owner.
func SavePINHash(path, hash string) error {
	src, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	line := fmt.Sprintf("pin_hash: %q", hash)
	switch {
	case len(src) == 0:
		src = []byte("# KetaScreen kiosk configuration. See the README's \"Kiosk setup\".\nkiosk: true\n" + line + "\n")
	case pinHashLine.Match(src):
		src = pinHashLine.ReplaceAllLiteral(src, []byte(line))
	default:
		if !bytes.HasSuffix(src, []byte("\n")) {
			src = append(src, '\n')
		}
		src = append(src, []byte(line+"\n")...)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("creating the config folder: %w", err)
	}
	return records.WriteFile(path, src, 0o600)
}

// ReadNewPIN reads a new PIN twice from two lines of r (standard input when
// it is not a terminal) and checks that both match and the PIN is valid.
func ReadNewPIN(first, second string) (string, error) {
	first, second = strings.TrimSpace(first), strings.TrimSpace(second)
	if first != second {
		return "", errors.New("the two PINs differ; nothing was changed")
	}
	if err := CheckNewPIN(first); err != nil {
		return "", err
	}
	return first, nil
}
