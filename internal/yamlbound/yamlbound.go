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
	var (
		flow    int   // open [ and {
		blocks  []int // columns of the open block collections, innermost last
		aliases int
	)
	tokens := lexer.Tokenize(string(src))
	for i, t := range tokens {
		if t.Position == nil {
			continue
		}
		switch t.Type {
		case token.SequenceStartType, token.MappingStartType:
			flow++
		case token.SequenceEndType, token.MappingEndType:
			flow = max(0, flow-1)
		case token.AnchorType, token.AliasType:
			if l.Aliases == 0 {
				return at(t, "anchors and aliases (&name, *name) are not allowed here; write the value out")
			}
			if t.Type == token.AliasType {
				if aliases++; aliases > l.Aliases {
					return at(t, fmt.Sprintf("more than %d aliases (*name)", l.Aliases))
				}
			}
		}
		if flow == 0 {
			// A block collection starts at a "- " or at a key (the token
			// before ": "); its column says which open ones it is inside.
			start := t
			if t.Type == token.MappingValueType && i > 0 {
				start = tokens[i-1]
			}
			if t.Type == token.SequenceEntryType || t.Type == token.MappingValueType {
				c := start.Position.Column
				for len(blocks) > 0 && blocks[len(blocks)-1] > c {
					blocks = blocks[:len(blocks)-1]
				}
				if len(blocks) == 0 || blocks[len(blocks)-1] < c {
					blocks = append(blocks, c)
				}
			}
		}
		if d := flow + len(blocks); d > l.Depth {
			return at(t, fmt.Sprintf("nested more than %d levels deep", l.Depth))
		}
	}
	return nil
}

func at(t *token.Token, msg string) error {
	return &Error{Line: t.Position.Line, Column: t.Position.Column, Msg: msg}
}
