package records

import (
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"os"
	"regexp"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ClaimAlphabet is what a claim code is made of: digits and capital letters
// that are hard to mistake for one another when read aloud, written down or
// typed. Left out: 0 O (zero, oh), 1 I L (one, eye, ell), 2 Z, 5 S, 8 B, and
// U (read as V).
const ClaimAlphabet = "34679ACDEFGHJKMNPQRTVWXY"

// ClaimLength is the number of characters in a claim code, written in two
// groups of three: "K7F-QXA". 24⁶ is about 191 million codes.
const ClaimLength = 6

// claimDraws is how often NewClaimCode draws again when a code is taken.
// With a million records in a folder a draw is taken one time in 191, so a
// hundred taken draws in a row do not happen.
const claimDraws = 100

// ErrNoClaimCode is returned when no free code was found.
var ErrNoClaimCode = errors.New("no free claim code was found")

// NewClaimCode draws a random claim code that taken does not report as in
// use (nil: none is). The kiosk passes the codes already in its records
// folder, so a code names one record in the folder the front desk reads.
func NewClaimCode(taken func(code string) bool) (string, error) {
	max := big.NewInt(int64(len(ClaimAlphabet)))
	for range claimDraws {
		var b strings.Builder
		for i := range ClaimLength {
			if i == ClaimLength/2 {
				b.WriteByte('-')
			}
			n, err := rand.Int(rand.Reader, max)
			if err != nil {
				return "", fmt.Errorf("drawing a claim code: %w", err)
			}
			b.WriteByte(ClaimAlphabet[n.Int64()])
		}
		if code := b.String(); taken == nil || !taken(code) {
			return code, nil
		}
	}
	return "", ErrNoClaimCode
}

// NormalizeClaimCode turns a code as staff typed it ("k7f qxa", "K7FQXA")
// into its written form ("K7F-QXA"): capitals, spaces and dashes ignored,
// the dash put back in its place. It reports false for something that
// cannot be a claim code (a character not in ClaimAlphabet, the wrong
// length).
func NormalizeClaimCode(s string) (string, bool) {
	code, ok := ClaimPrefix(s)
	if !ok || len(code) != ClaimLength {
		return "", false
	}
	return code[:ClaimLength/2] + "-" + code[ClaimLength/2:], true
}

// ClaimPrefix is the start of a claim code as staff are typing it: its
// characters in capitals without the dash ("k7f-q" is "K7FQ"). It reports
// false when it cannot be the start of a code.
func ClaimPrefix(s string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r == '-' || unicode.IsSpace(r) {
			continue
		}
		if !strings.ContainsRune(ClaimAlphabet, r) {
			return "", false
		}
		b.WriteRune(r)
	}
	if b.Len() > ClaimLength {
		return "", false
	}
	return b.String(), true
}

// A record's files are named
//
//	DATE-TIME-KIOSK-CODE-ID.pdf.age and DATE-TIME-KIOSK-CODE-ID.fhir.json.age
//
// with the time in UTC (20261207-143005), the kiosk's name as a short ASCII
// slug, the claim code and the screening's random id (a UUID), so a folder
// sorts by time and a person's code finds their record by its name alone.
var recordName = regexp.MustCompile(`^(\d{8}-\d{6})-(.*)-([` + ClaimAlphabet + `]{3}-[` + ClaimAlphabet + `]{3})-(` + uuidPattern + `)\.`)

// legacyName is the name kiosks gave their records before claim codes:
// DATE-TIME-ID, with neither kiosk nor code.
var legacyName = regexp.MustCompile(`^(\d{8}-\d{6})-(` + uuidPattern + `)\.`)

const uuidPattern = `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`

// RecordBase is the name of a record's files without their extensions.
func RecordBase(created time.Time, kiosk, code, id string) string {
	return created.UTC().Format("20060102-150405") + "-" + KioskSlug(kiosk) + "-" + code + "-" + id
}

// RecordName is what a record's file name says about it.
type RecordName struct {
	Time  time.Time
	Kiosk string // the slug of the kiosk's name
	Code  string
	ID    string
}

// ParseRecordName reads a record's file name (RecordBase and an extension),
// or the name of a record saved before claim codes (DATE-TIME-ID, whose
// Kiosk and Code are empty); false for any other name.
func ParseRecordName(name string) (RecordName, bool) {
	var n RecordName
	var when string
	if m := recordName.FindStringSubmatch(name); m != nil {
		when, n.Kiosk, n.Code, n.ID = m[1], m[2], m[3], m[4]
	} else if m := legacyName.FindStringSubmatch(name); m != nil {
		when, n.ID = m[1], m[2]
	} else {
		return RecordName{}, false
	}
	t, err := time.Parse("20060102-150405", when)
	if err != nil {
		return RecordName{}, false
	}
	n.Time = t
	return n, true
}

// ClaimCodesIn returns the claim codes of the records in dir. A folder that
// does not exist has none.
func ClaimCodesIn(dir string) (map[string]bool, error) {
	entries, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	codes := make(map[string]bool, len(entries)/2)
	for _, e := range entries {
		if n, ok := ParseRecordName(e.Name()); ok && n.Code != "" {
			codes[n.Code] = true
		}
	}
	return codes, nil
}

// KioskSlug is a kiosk's name as it appears in file names: ASCII letters and
// digits in lower case, accents dropped ("Recepción 2" is "recepcion-2"),
// everything else one dash, at most 32 characters; "kiosk" when nothing is
// left.
func KioskSlug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // the accent of a decomposed letter
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 32 {
		s = strings.Trim(s[:32], "-")
	}
	if s == "" {
		return "kiosk"
	}
	return s
}
