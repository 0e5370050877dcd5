// Package yamlbound checks a YAML file's shape before it is parsed: how deep
// it nests and whether it uses aliases. goccy/go-yaml's parser takes time
// and memory that grow with the square of the nesting depth (16,000 nested
// brackets: 0.6 s and 400 MB), and expanding aliases can turn a few hundred
// bytes into gigabytes, so a file a user supplies is measured on its tokens,
// in one linear pass, first.
package yamlbound

import (
	"fmt"

	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/token"
)

// Limits are what a file may use.
type Limits struct {
	// Depth is how deeply collections may nest: a list of maps is 2.
	Depth int
	// Aliases is how many aliases (*name) the file may use; 0 refuses
	// anchors and aliases altogether.
	Aliases int
}

// Error is a file that goes beyond its limits, at the place it does.
type Error struct {
	Line, Column int
	Msg          string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Column, e.Msg) }

// Check returns the first place where src goes beyond the limits, or nil.
func Check(src []byte, l Limits) error {
	s := &shape{limits: l}
	tokens := lexer.Tokenize(string(src))
	for i, t := range tokens {
		if t.Position == nil {
			continue
		}
		var before *token.Token
		if i > 0 {
			before = tokens[i-1]
		}
		if err := s.take(t, before); err != nil {
			return err
		}
	}
	return nil
}

// shape follows the nesting and the aliases of a file, token by token.
type shape struct {
	limits  Limits
	flow    int   // open [ and {
	blocks  []int // columns of the open block collections, innermost last
	aliases int
}

// take reads one token; before is the one before it, or nil.
func (s *shape) take(t, before *token.Token) error {
	switch t.Type {
	case token.SequenceStartType, token.MappingStartType:
		s.flow++
	case token.SequenceEndType, token.MappingEndType:
		s.flow = max(0, s.flow-1)
	case token.AnchorType, token.AliasType:
		if err := s.alias(t); err != nil {
			return err
		}
	case token.SequenceEntryType, token.MappingValueType:
		if s.flow == 0 {
			s.block(t, before)
		}
	}
	if d := s.flow + len(s.blocks); d > s.limits.Depth {
		return at(t, fmt.Sprintf("nested more than %d levels deep", s.limits.Depth))
	}
	return nil
}

// alias counts an anchor or an alias against the limit.
func (s *shape) alias(t *token.Token) error {
	if s.limits.Aliases == 0 {
		return at(t, "anchors and aliases (&name, *name) are not allowed here; write the value out")
	}
	if t.Type == token.AliasType {
		if s.aliases++; s.aliases > s.limits.Aliases {
			return at(t, fmt.Sprintf("more than %d aliases (*name)", s.limits.Aliases))
		}
	}
	return nil
}

// block notes a block collection starting at a "- " or at a key (the token
// before ": "): its column says which of the open ones it is inside.
func (s *shape) block(t, before *token.Token) {
	start := t
	if t.Type == token.MappingValueType && before != nil && before.Position != nil {
		start = before
	}
	c := start.Position.Column
	for len(s.blocks) > 0 && s.blocks[len(s.blocks)-1] > c {
		s.blocks = s.blocks[:len(s.blocks)-1]
	}
	if len(s.blocks) == 0 || s.blocks[len(s.blocks)-1] < c {
		s.blocks = append(s.blocks, c)
	}
}

func at(t *token.Token, msg string) error {
	return &Error{Line: t.Position.Line, Column: t.Position.Column, Msg: msg}
}
