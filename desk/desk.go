// Package desk is the front desk's side of the kiosks' records: it reads a
// records folder that kiosks write to (shared or synced by the operating
// system), decrypts each record in memory with the clinic's age identity,
// rebuilds its result from its answers, and lists the records for staff:
// crisis and urgent first, then newest first. Nothing it decrypts is
// written to disk; what staff have seen is kept as a list of record ids.
//
// It never imports Fyne: screens/desk.go shows what it reads.
package desk

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"filippo.io/age"

	"ketascreen/internal/limitedfile"
	"ketascreen/questionnaire"
	"ketascreen/records"
	"ketascreen/summary"
)

// Priority orders records for staff: a crisis first, then urgent, then
// the rest; a record that cannot be read comes with the urgent ones, since
// nobody knows what it holds.
type Priority int

const (
	Crisis Priority = iota
	Urgent
	Unreadable
	Routine
)

func (p Priority) String() string {
	return [...]string{"crisis", "urgent", "unreadable", "routine"}[p]
}

// Record is one screening in the folder.
type Record struct {
	Base     string    // the files' name without extension: DATE-TIME-KIOSK-CODE-ID
	ID       string    // the screening's random id
	Code     string    // the claim code the person read out
	Kiosk    string    // the kiosk's name (from the record; the file name's slug until read)
	Finished time.Time // when the kiosk saved it
	Priority Priority
	// Problem says why the record cannot be shown (a wrong key, a file cut
	// short); empty when it was read.
	Problem string
	// Session holds the person's answers, Result what the rules make of
	// them; nil when Problem is set.
	Session *questionnaire.Session
	Result  *questionnaire.Result
	// Complete is false for a record saved at the crisis or urgent screen,
	// before the person finished; the kiosk replaces it when they do.
	Complete bool
	Seen     bool

	fhir, pdf string // the encrypted files' paths; pdf may be ""
	stamp     stamp  // of the FHIR file when it was read
}

// stamp tells a file that changed (synced again, replaced by the kiosk)
// from one already read.
type stamp struct {
	size int64
	mod  time.Time
}

// Folder is a records folder as the desk reads it.
type Folder struct {
	Dir string
	Def *questionnaire.Definition
	// Days, when above zero, leaves out the records saved more than that
	// many days ago (by their file names): a folder of years of records is
	// not decrypted and held in memory at every start.
	Days int
	// Now is the clock for Days; nil means time.Now.
	Now func() time.Time

	ids     []age.Identity
	seen    *Seen
	records map[string]*Record // by Base
}

// maxRecordBytes is the largest encrypted record read: a real one is under
// 100 KB (a PDF of a long screening, armored).
const maxRecordBytes = 8 << 20

// ParseIdentity reads the clinic's age identity file (AGE-SECRET-KEY-…).
func ParseIdentity(path string) ([]age.Identity, error) {
	src, err := limitedfile.Read(path, 64<<10)
	if err != nil {
		return nil, fmt.Errorf("reading the clinic's key: %w", err)
	}
	ids, err := age.ParseIdentities(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("%s is not an age identity file (AGE-SECRET-KEY-…): %w", path, err)
	}
	return ids, nil
}

// NewFolder reads records from dir with the identities, judging them with
// def; seen keeps what staff have seen (nil: nothing is kept).
func NewFolder(dir string, ids []age.Identity, def *questionnaire.Definition, seen *Seen) *Folder {
	if seen == nil {
		seen = &Seen{ids: map[string]bool{}}
	}
	return &Folder{Dir: dir, Def: def, ids: ids, seen: seen, records: map[string]*Record{}}
}

// Scan reads the folder again: a record that is new, or whose file
// changed, is decrypted and read. It returns the records that are new
// since the last Scan. An error means the folder itself cannot be read.
func (f *Folder) Scan() (fresh []*Record, err error) {
	entries, err := os.ReadDir(f.Dir)
	if err != nil {
		return nil, fmt.Errorf("reading the records folder: %w", err)
	}
	since := f.since()
	for base, r := range f.records {
		if r.Finished.Before(since) {
			delete(f.records, base)
		}
	}
	for _, e := range entries {
		if r, isNew := f.take(e, since); isNew {
			fresh = append(fresh, r)
		}
	}
	for _, r := range f.records {
		if r.fhir == "" && r.Problem == "" {
			r.Problem = "only the PDF is here; the record's FHIR file is missing (not synced yet?)"
		}
	}
	return fresh, nil
}

// take reads one file of the folder into its record, if it is a record's
// file saved since then; isNew tells whether the record was not known.
func (f *Folder) take(e os.DirEntry, since time.Time) (r *Record, isNew bool) {
	name := e.Name()
	if e.IsDir() || strings.HasPrefix(name, ".") {
		return nil, false // a kiosk's file being written, or a sync tool's
	}
	n, ok := records.ParseRecordName(name)
	base, kind, isRecord := cutRecordKind(name)
	if !ok && strings.HasSuffix(name, ".age") {
		return f.stranger(e, since)
	}
	if !ok || !isRecord || n.Time.Before(since) {
		return nil, false
	}
	r = f.records[base]
	if r == nil {
		r = &Record{Base: base, ID: n.ID, Code: n.Code, Kiosk: n.Kiosk, Finished: n.Time, Priority: Unreadable, Seen: f.seen.Has(n.ID)}
		f.records[base] = r
		isNew = true
	}
	path := filepath.Join(f.Dir, name)
	if kind == ".pdf.age" {
		r.pdf = path
		return r, isNew
	}
	r.fhir = path
	if info, err := e.Info(); err == nil { // else gone since the listing
		if st := (stamp{info.Size(), info.ModTime()}); st != r.stamp {
			r.stamp = st
			f.read(r)
		}
	}
	return r, isNew
}

// stranger lists an encrypted file whose name is not a record's (renamed,
// or written by something else) as one that cannot be read: staff see it
// rather than miss a record.
func (f *Folder) stranger(e os.DirEntry, since time.Time) (*Record, bool) {
	info, err := e.Info()
	if err != nil || info.ModTime().Before(since) {
		return nil, false
	}
	if r := f.records[e.Name()]; r != nil {
		return r, false
	}
	r := &Record{Base: e.Name(), Kiosk: "?", Finished: info.ModTime(), Priority: Unreadable,
		Problem: fmt.Sprintf("%s is not named as a kiosk's record (DATE-TIME-KIOSK-CODE-ID.fhir.json.age): renamed, or not from a kiosk", e.Name())}
	f.records[e.Name()] = r
	return r, true
}

// since is the oldest time a record listed may have.
func (f *Folder) since() time.Time {
	if f.Days <= 0 {
		return time.Time{}
	}
	now := time.Now
	if f.Now != nil {
		now = f.Now
	}
	return now().AddDate(0, 0, -f.Days)
}

// cutRecordKind splits a record's file name into its base and kind.
func cutRecordKind(name string) (base, kind string, ok bool) {
	for _, k := range []string{".fhir.json.age", ".pdf.age"} {
		if b, found := strings.CutSuffix(name, k); found {
			return b, k, true
		}
	}
	return "", "", false
}

// read decrypts a record's FHIR file and rebuilds its result; what goes
// wrong becomes its Problem.
func (f *Folder) read(r *Record) {
	r.Problem, r.Session, r.Result, r.Priority = "", nil, nil, Unreadable
	plain, err := f.decrypt(r.fhir)
	if err == nil {
		err = r.readBundle(plain)
	}
	if err == nil {
		r.Session, err = f.session(plain)
	}
	if err != nil {
		r.Problem = err.Error()
		return
	}
	r.Result = r.Session.Result()
	r.Priority = priority(f.Def, r.Result)
}

// readBundle takes what the record's Bundle says of itself (kiosk, time,
// finished or not) and checks that it is the record its file name says.
func (r *Record) readBundle(plain []byte) error {
	var bundle struct {
		Identifier *summary.Identifier `json:"identifier"`
		Entry      []struct {
			Resource json.RawMessage `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(plain, &bundle); err != nil {
		return fmt.Errorf("the decrypted record is not FHIR JSON: %v", err)
	}
	if id := bundle.Identifier; id != nil && id.System == summary.ClaimCodeSystem {
		switch {
		case r.Code == "": // a file name without a code (renamed, or older)
			r.Code = id.Value
		case id.Value != r.Code:
			return fmt.Errorf("the claim code inside (%s) is not the one its file name says (%s)", id.Value, r.Code)
		}
	}
	for _, e := range bundle.Entry {
		var res struct {
			ResourceType string              `json:"resourceType"`
			Status       string              `json:"status"`
			Authored     string              `json:"authored"`
			Author       *summary.Reference  `json:"author"`
			Identifier   *summary.Identifier `json:"identifier"`
		}
		if json.Unmarshal(e.Resource, &res) != nil || res.ResourceType != "QuestionnaireResponse" {
			continue
		}
		if res.Identifier != nil && res.Identifier.Value != "urn:uuid:"+r.ID {
			return fmt.Errorf("the record inside (%s) is not the one its file name says (%s)", res.Identifier.Value, r.ID)
		}
		if res.Author != nil && res.Author.Display != "" {
			r.Kiosk = res.Author.Display
		}
		if t, err := time.Parse(time.RFC3339, res.Authored); err == nil {
			r.Finished = t
		}
		r.Complete = res.Status == "completed"
	}
	return nil
}

// session rebuilds the person's answers from the record's response.
func (f *Folder) session(plain []byte) (*questionnaire.Session, error) {
	data, err := summary.AnswersFromResponse(f.Def, plain)
	if err != nil {
		return nil, fmt.Errorf("the answers in the record do not fit this questionnaire: %v", err)
	}
	answers, err := questionnaire.ReadAnswers("the record", data, f.Def)
	if err != nil {
		return nil, fmt.Errorf("the answers in the record do not fit this questionnaire: %v", err)
	}
	return questionnaire.NewSessionWith(f.Def, answers), nil
}

// priority is how soon staff should look at a result.
func priority(def *questionnaire.Definition, res *questionnaire.Result) Priority {
	switch {
	case res.Outcome != nil && res.Outcome == def.Crisis:
		return Crisis
	case res.Outcome != nil && res.Outcome.Interrupts:
		return Urgent
	}
	return Routine
}

// decrypt reads and decrypts one encrypted file, in memory.
func (f *Folder) decrypt(path string) ([]byte, error) {
	sealed, err := limitedfile.Read(path, maxRecordBytes)
	if err != nil {
		return nil, fmt.Errorf("cannot read the file: %v", err)
	}
	plain, err := records.DecryptWith(sealed, f.ids...)
	var noMatch *age.NoIdentityMatchError
	switch {
	case errors.As(err, &noMatch):
		return nil, errors.New("this record is encrypted for another key than the desk's (a kiosk with another clinic's age_recipient?)")
	case err != nil:
		return nil, fmt.Errorf("the file is damaged or cut short (still being synced?): %v", err)
	}
	return plain, nil
}

// PDF decrypts a record's PDF, in memory.
func (f *Folder) PDF(r *Record) ([]byte, error) {
	if r.pdf == "" {
		return nil, errors.New("the record's PDF is not in the folder")
	}
	return f.decrypt(r.pdf)
}

// Records are the folder's records in the order staff see them: crisis,
// then urgent and unreadable ones, then the rest; within each, newest
// first.
func (f *Folder) Records() []*Record {
	list := make([]*Record, 0, len(f.records))
	for _, r := range f.records {
		list = append(list, r)
	}
	slices.SortFunc(list, func(a, b *Record) int {
		if c := cmp.Compare(group(a.Priority), group(b.Priority)); c != 0 {
			return c
		}
		if c := b.Finished.Compare(a.Finished); c != 0 {
			return c
		}
		return strings.Compare(b.Base, a.Base)
	})
	return list
}

// group merges the urgent and unreadable records for the order.
func group(p Priority) int {
	switch p {
	case Crisis:
		return 0
	case Urgent, Unreadable:
		return 1
	}
	return 2
}

// MarkSeen notes that staff have seen a record (the folder's own or a copy
// of it), in the desk's own state.
func (f *Folder) MarkSeen(r *Record) error {
	r.Seen = true
	if own := f.records[r.Base]; own != nil {
		own.Seen = true
	}
	if r.ID == "" {
		return nil // a file that is not a record's: seen until the desk restarts
	}
	return f.seen.Add(r.ID)
}

// CodeFilter is what staff typed in the search field as a test of a
// record: its claim code starts with it ("k7f q" finds K7F-QXA; nothing
// typed lets every record through). ok is false when it cannot be the start
// of a claim code.
func CodeFilter(typed string) (match func(*Record) bool, ok bool) {
	prefix, ok := records.ClaimPrefix(typed)
	if !ok {
		return nil, false
	}
	return func(r *Record) bool { return strings.HasPrefix(strings.ReplaceAll(r.Code, "-", ""), prefix) }, true
}

// Find returns the records whose claim code starts with code as staff
// typed it (CodeFilter).
func (f *Folder) Find(code string) []*Record {
	match, ok := CodeFilter(code)
	if !ok {
		return nil
	}
	return slices.DeleteFunc(f.Records(), func(r *Record) bool { return !match(r) })
}
