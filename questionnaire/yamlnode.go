package questionnaire

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
	yamltoken "github.com/goccy/go-yaml/token"
)

// yamlReader turns goccy/go-yaml syntax nodes into values, collecting every
// problem with its line and column instead of stopping at the first.
type yamlReader struct {
	file    string
	errs    *ErrorList
	anchors map[string]ast.Node
	// aliasReads counts the aliases read, bounded by maxAliasReads.
	aliasReads int
	depth      int
}

func (r *yamlReader) pos(n ast.Node) Pos {
	// A mapping is reported where its first key starts ("id: …"), which is
	// where a reader's eye goes, not at the colon goccy/go-yaml points to.
	switch v := n.(type) {
	case *ast.MappingNode:
		if len(v.Values) > 0 {
			return r.pos(v.Values[0].Key)
		}
	case *ast.MappingValueNode:
		return r.pos(v.Key)
	}
	if n == nil || n.GetToken() == nil {
		return Pos{File: r.file, Line: 1, Column: 1}
	}
	p := n.GetToken().Position
	return Pos{File: r.file, Line: p.Line, Column: p.Column}
}

func (r *yamlReader) errorf(n ast.Node, format string, args ...any) {
	r.errs.add(r.pos(n), fmt.Sprintf(format, args...))
}

// maxAliasReads is how many times a definition's aliases may be read in
// all; the built-in one reads a few dozen.
const maxAliasReads = 10000

// resolve looks through anchors, tags and aliases to the node that holds the value.
func (r *yamlReader) resolve(n ast.Node) ast.Node {
	for i := 0; i < 32 && n != nil; i++ {
		switch v := n.(type) {
		case *ast.AnchorNode:
			if name, ok := r.scalarText(v.Name); ok {
				r.anchors[name] = v.Value
			}
			n = v.Value
		case *ast.TagNode:
			n = v.Value
		case *ast.AliasNode:
			// An anchor that holds aliases is read again at each use: a
			// budget keeps a file of nested aliases from growing without end.
			if r.aliasReads++; r.aliasReads > maxAliasReads {
				if r.aliasReads == maxAliasReads+1 {
					r.errorf(v, "the aliases (*name) expand to more than %d copies; write the values out", maxAliasReads)
				}
				return nil
			}
			name, _ := r.scalarText(v.Value)
			target, ok := r.anchors[name]
			if !ok {
				r.errorf(v, "unknown alias *%s (define &%s before using it)", name, name)
				return nil
			}
			n = target
		case *ast.MappingKeyNode:
			n = v.Value
		default:
			return n
		}
	}
	return n
}

// scalarText returns a scalar's text as written (so yes stays "yes" and 08 stays "08").
func (r *yamlReader) scalarText(n ast.Node) (string, bool) {
	switch v := n.(type) {
	case *ast.StringNode:
		return v.Value, true
	case *ast.LiteralNode:
		if v.Value == nil {
			return "", true
		}
		return v.Value.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return n.GetToken().Value, true
	}
	return "", false
}

// nodeKind names a node's kind for "expected X, found Y" messages.
func nodeKind(n ast.Node) string {
	switch n.(type) {
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.NullNode, nil:
		return "nothing"
	}
	return "a single value"
}

// ymap is a YAML mapping being read: it remembers which keys were used so
// that unknown keys (typos) are reported.
type ymap struct {
	r     *yamlReader
	node  ast.Node
	what  string
	keys  map[string]*ast.MappingValueNode
	order []string
}

// mapping reads n as a mapping with the given known keys; what names it in messages.
func (r *yamlReader) mapping(n ast.Node, what string, known ...string) *ymap {
	n = r.resolve(n)
	m := &ymap{r: r, node: n, what: what, keys: map[string]*ast.MappingValueNode{}}
	var values []*ast.MappingValueNode
	switch v := n.(type) {
	case *ast.MappingNode:
		values = v.Values
	case *ast.MappingValueNode:
		values = []*ast.MappingValueNode{v}
	default:
		r.errorf(n, "%s must be a mapping of key: value lines, found %s", what, nodeKind(n))
		return m
	}
	isKnown := map[string]bool{}
	for _, k := range known {
		isKnown[k] = true
	}
	values = r.expandMerges(values)
	for _, mv := range values {
		key, _ := r.scalarText(r.resolve(mv.Key))
		if _, dup := m.keys[key]; dup {
			r.errorf(mv.Key, "%s has the key %q twice", what, key)
			continue
		}
		if len(known) > 0 && !isKnown[key] {
			r.errorf(mv.Key, "%s has an unknown key %q%s (known keys: %s)", what, key, suggest(key, known), strings.Join(known, ", "))
			continue
		}
		m.keys[key] = mv
		m.order = append(m.order, key)
	}
	return m
}

// expandMerges replaces "<<: *anchor" with the anchored mapping's entries;
// keys written out in the mapping itself win over merged ones.
func (r *yamlReader) expandMerges(values []*ast.MappingValueNode) []*ast.MappingValueNode {
	var merged, own []*ast.MappingValueNode
	ownKeys := map[string]bool{}
	r.depth++
	defer func() { r.depth-- }()
	for _, mv := range values {
		if _, isMerge := mv.Key.(*ast.MergeKeyNode); !isMerge || r.depth > 16 {
			own = append(own, mv)
			key, _ := r.scalarText(r.resolve(mv.Key))
			ownKeys[key] = true
			continue
		}
		switch src := r.resolve(mv.Value).(type) {
		case *ast.MappingNode:
			merged = append(merged, r.expandMerges(src.Values)...)
		case *ast.MappingValueNode:
			merged = append(merged, src)
		default:
			r.errorf(mv.Key, "<< must merge a mapping, found %s", nodeKind(src))
		}
	}
	var out []*ast.MappingValueNode
	for _, mv := range merged {
		key, _ := r.scalarText(r.resolve(mv.Key))
		if !ownKeys[key] {
			out = append(out, mv)
			ownKeys[key] = true
		}
	}
	return append(out, own...)
}

// has tells whether the key is present with a non-null value.
func (m *ymap) has(key string) bool {
	mv, ok := m.keys[key]
	if !ok {
		return false
	}
	_, null := m.r.resolve(mv.Value).(*ast.NullNode)
	return !null
}

// value returns the node of a key, or nil; required keys are reported when missing.
func (m *ymap) value(key string, required bool) ast.Node {
	mv, ok := m.keys[key]
	if !ok || !m.has(key) {
		if required {
			at := m.node
			if ok {
				at = mv.Key
			}
			m.r.errorf(at, "%s is missing %q", m.what, key)
		}
		return nil
	}
	return m.r.resolve(mv.Value)
}

// keyNode returns the node of a key itself, for positions.
func (m *ymap) keyNode(key string) ast.Node {
	if mv, ok := m.keys[key]; ok {
		return mv.Key
	}
	return m.node
}

// str reads a single value.
func (m *ymap) str(key string, required bool) (string, ast.Node) {
	n := m.value(key, required)
	if n == nil {
		return "", nil
	}
	s, ok := m.r.scalarText(n)
	if !ok {
		m.r.errorf(n, "%s: %q must be a single value, found %s", m.what, key, nodeKind(n))
		return "", nil
	}
	if required && strings.TrimSpace(s) == "" {
		m.r.errorf(n, "%s: %q is empty", m.what, key)
	}
	return s, n
}

// boolean reads true or false.
func (m *ymap) boolean(key string) bool {
	s, n := m.str(key, false)
	switch s {
	case "", "false":
		return false
	case "true":
		return true
	}
	m.r.errorf(n, "%s: %q must be true or false, found %q", m.what, key, s)
	return false
}

// integer reads a whole number.
func (m *ymap) integer(key string, required bool) (int, bool) {
	s, n := m.str(key, required)
	if n == nil {
		return 0, false
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		m.r.errorf(n, "%s: %q must be a whole number, found %q", m.what, key, s)
		return 0, false
	}
	return v, true
}

// list reads a sequence; a missing optional key gives an empty list.
func (m *ymap) list(key string, required bool) []ast.Node {
	n := m.value(key, required)
	if n == nil {
		return nil
	}
	return m.r.sequence(n, fmt.Sprintf("%s: %q", m.what, key))
}

func (r *yamlReader) sequence(n ast.Node, what string) []ast.Node {
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		r.errorf(n, "%s must be a list, found %s", what, nodeKind(n))
		return nil
	}
	out := make([]ast.Node, len(seq.Values))
	for i, v := range seq.Values {
		out[i] = r.resolve(v)
	}
	return out
}

// strings reads a list of single values.
func (m *ymap) strings(key string, required bool) ([]string, []ast.Node) {
	nodes := m.list(key, required)
	var out []string
	var at []ast.Node
	for _, n := range nodes {
		s, ok := m.r.scalarText(n)
		if !ok {
			m.r.errorf(n, "%s: each entry of %q must be a single value, found %s", m.what, key, nodeKind(n))
			continue
		}
		out = append(out, s)
		at = append(at, n)
	}
	return out, at
}

// text reads wording keyed by language: {en: "…", es: "…"}.
func (m *ymap) text(key string, required bool) Text {
	n := m.value(key, required)
	if n == nil {
		return nil
	}
	return m.r.text(n, fmt.Sprintf("%s: %q", m.what, key))
}

func (r *yamlReader) text(n ast.Node, what string) Text {
	tm := r.mapping(n, what+" (wording keyed by language, like en: \"…\")")
	t := Text{}
	for _, lang := range tm.order {
		s, _ := tm.str(lang, true)
		t[lang] = strings.TrimSpace(s)
	}
	return t
}

// sortedKeys lists a map's keys in order, for stable messages.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// conditionColumn tells how far the condition text starts after the token's
// column: one for a quoted value, zero for a plain one.
func conditionColumn(n ast.Node) int {
	if t := n.GetToken(); t != nil && (t.Type == yamltoken.DoubleQuoteType || t.Type == yamltoken.SingleQuoteType) {
		return 1
	}
	return 0
}
