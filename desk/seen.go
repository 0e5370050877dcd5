package desk

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/google/uuid"

	"ketascreen/internal/limitedfile"
	"ketascreen/records"
)

// Seen is the desk's own state: the ids of the records staff have opened,
// one per line, and nothing else (no names, codes or answers).
type Seen struct {
	path string
	ids  map[string]bool
}

// DefaultSeenPath is the desk's state file: ketascreen/desk-seen.txt in the
// user config folder.
func DefaultSeenPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the user config folder: %w", err)
	}
	return filepath.Join(dir, "ketascreen", "desk-seen.txt"), nil
}

// OpenSeen reads the state file at path; one that does not exist yet is
// empty. A line that is not a record id is an error naming its line.
func OpenSeen(path string) (*Seen, error) {
	s := &Seen{path: path, ids: map[string]bool{}}
	src, err := limitedfile.Read(path, 16<<20)
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the desk's state: %w", err)
	}
	for i, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if _, err := uuid.Parse(line); err != nil {
			return nil, fmt.Errorf("%s:%d: not a record id: %.40q", path, i+1, line)
		}
		s.ids[line] = true
	}
	return s, nil
}

// Has tells whether staff have seen the record with this id.
func (s *Seen) Has(id string) bool { return s.ids[id] }

// Add notes a record as seen and saves the state (0600, atomically).
func (s *Seen) Add(id string) error {
	if _, err := uuid.Parse(id); err != nil {
		return fmt.Errorf("not a record id: %.40q", id)
	}
	if s.ids[id] {
		return nil
	}
	s.ids[id] = true
	if s.path == "" {
		return nil
	}
	ids := make([]string, 0, len(s.ids))
	for id := range s.ids {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return fmt.Errorf("saving the desk's state: %w", err)
	}
	return records.WriteFile(s.path, []byte(strings.Join(ids, "\n")+"\n"), 0o600)
}
