package questionnaire

import (
	"fmt"
	"strings"
)

// The condition language of the definition file.
//
// Conditions are short sentences such as
//
//	phq9 >= 10 and (trials_failed >= 2 or ketamine_prior = helped)
//
// A word on the left of a comparison names an item, a score, a condition or a
// setting (settings.NAME); a word on the right of =, != , in and has is an
// answer code of the thing on the left. The grammar, loosest first:
//
//	expr    = and { "or" and }
//	and     = not { "and" not }
//	not     = "not" not | compare
//	compare = sum [ ("=" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "has") sum ]
//	sum     = primary { "+" primary }
//	primary = word | number | "always" | "[" [ word { "," word } ] "]" | "(" expr ")"

// exprKind tells what an expression node is.
type exprKind int

const (
	exprOr exprKind = iota
	exprAnd
	exprNot
	exprCompare
	exprSum
	exprWord   // an identifier, code or number as written
	exprList   // [a, b, c]
	exprAlways // the word "always"
)

// expr is one parsed node of a condition. After validation, resolved words
// point at the item, score, condition or setting they name.
type expr struct {
	kind  exprKind
	op    string // comparison operator for exprCompare
	args  []*expr
	word  string // for exprWord
	col   int    // 0-based offset of the node in the source text
	quote bool   // the word was quoted, so it is always a code

	ref *reference // set by the resolver for words that name something
}

// tokens of the condition language.
type exprToken struct {
	text  string
	col   int
	quote bool
}

// exprError is a problem found in a condition, at an offset in its text.
type exprError struct {
	col int
	msg string
}

func (e *exprError) Error() string { return e.msg }

func isWordByte(c byte) bool {
	return c == '_' || c == '.' || c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

func tokenize(src string) ([]exprToken, error) {
	var toks []exprToken
	open := 0 // parentheses not yet closed
	for i := 0; i < len(src); {
		tok, next, err := nextToken(src, i)
		if err != nil {
			return nil, err
		}
		if tok.text != "" || tok.quote {
			// Bounded before the parser sees them: a few MB of "(" once
			// took a GB of tokens before the parser's depth check.
			switch {
			case len(toks) == maxExprTokens:
				return nil, &exprError{i, fmt.Sprintf("the condition has more than %d words, names and signs; split it into several rules", maxExprTokens)}
			case tok.text == "(" && !tok.quote:
				if open++; open > maxExprDepth {
					return nil, &exprError{i, fmt.Sprintf("the condition nests more than %d levels deep (parentheses and not)", maxExprDepth)}
				}
			case tok.text == ")" && !tok.quote:
				open--
			}
			toks = append(toks, tok)
		}
		i = next
	}
	return toks, nil
}

// maxExprTokens is the most tokens a condition may have: far more than a
// rule a person can read (the default definition's longest has 70),
// and little enough that a hostile file cannot make millions.
const maxExprTokens = 1000

// nextToken reads the token at offset i of src: the zero token for white
// space.
// It returns where the next one starts.
func nextToken(src string, i int) (exprToken, int, error) {
	c := src[i]
	switch {
	case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		return exprToken{}, i + 1, nil
	case strings.HasPrefix(src[i:], "!=") || strings.HasPrefix(src[i:], "<=") || strings.HasPrefix(src[i:], ">="):
		return exprToken{text: src[i : i+2], col: i}, i + 2, nil
	case strings.ContainsRune("=<>()[],+", rune(c)):
		return exprToken{text: src[i : i+1], col: i}, i + 1, nil
	case c == '"' || c == '\'':
		end := strings.IndexByte(src[i+1:], c)
		if end < 0 {
			return exprToken{}, 0, &exprError{i, "unclosed quote"}
		}
		return exprToken{text: src[i+1 : i+1+end], col: i, quote: true}, i + end + 2, nil
	case isWordByte(c):
		j := i
		for j < len(src) && isWordByte(src[j]) {
			j++
		}
		return exprToken{text: src[i:j], col: i}, j, nil
	}
	return exprToken{}, 0, &exprError{i, fmt.Sprintf("unexpected character %q", c)}
}

type exprParser struct {
	toks  []exprToken
	pos   int
	end   int // length of the source, for errors at the end
	depth int // open ( and not, bounded by maxExprDepth
}

// maxExprDepth is how deeply a condition may nest its parentheses and nots.
// The definition's deepest is 2; without a bound, millions of ( overflowed
// the stack, which recover cannot catch.
const maxExprDepth = 50

// enter goes one level deeper at t, or says the condition is too deep.
func (p *exprParser) enter(t exprToken) error {
	if p.depth++; p.depth > maxExprDepth {
		return &exprError{t.col, fmt.Sprintf("the condition nests more than %d levels deep (parentheses and not)", maxExprDepth)}
	}
	return nil
}

func (p *exprParser) peek() (exprToken, bool) {
	if p.pos < len(p.toks) {
		return p.toks[p.pos], true
	}
	return exprToken{col: p.end}, false
}

func (p *exprParser) accept(text string) bool {
	if t, ok := p.peek(); ok && !t.quote && t.text == text {
		p.pos++
		return true
	}
	return false
}

// parseExpr parses a condition. Errors carry the offset of the problem.
func parseExpr(src string) (*expr, error) {
	toks, err := tokenize(src)
	if err != nil {
		return nil, err
	}
	if len(toks) == 0 {
		return nil, &exprError{0, "empty condition"}
	}
	p := &exprParser{toks: toks, end: len(src)}
	e, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t, ok := p.peek(); ok {
		return nil, &exprError{t.col, fmt.Sprintf("unexpected %q (expected and, or, or the end of the condition)", t.text)}
	}
	return e, nil
}

func (p *exprParser) parseBinary(kind exprKind, word string, next func() (*expr, error)) (*expr, error) {
	first, err := next()
	if err != nil {
		return nil, err
	}
	args := []*expr{first}
	for p.accept(word) {
		e, err := next()
		if err != nil {
			return nil, err
		}
		args = append(args, e)
	}
	if len(args) == 1 {
		return first, nil
	}
	return &expr{kind: kind, args: args, col: first.col}, nil
}

func (p *exprParser) parseOr() (*expr, error) { return p.parseBinary(exprOr, "or", p.parseAnd) }

func (p *exprParser) parseAnd() (*expr, error) { return p.parseBinary(exprAnd, "and", p.parseNot) }

func (p *exprParser) parseNot() (*expr, error) {
	t, _ := p.peek()
	if p.accept("not") {
		if err := p.enter(t); err != nil {
			return nil, err
		}
		inner, err := p.parseNot()
		if err != nil {
			return nil, err
		}
		p.depth--
		return &expr{kind: exprNot, args: []*expr{inner}, col: t.col}, nil
	}
	return p.parseCompare()
}

var compareOps = []string{"=", "!=", "<", "<=", ">", ">=", "in", "has"}

func (p *exprParser) parseCompare() (*expr, error) {
	left, err := p.parseSum()
	if err != nil {
		return nil, err
	}
	t, ok := p.peek()
	if !ok || t.quote {
		return left, nil
	}
	for _, op := range compareOps {
		if t.text == op {
			p.pos++
			right, err := p.parseSum()
			if err != nil {
				return nil, err
			}
			return &expr{kind: exprCompare, op: op, args: []*expr{left, right}, col: t.col}, nil
		}
	}
	return left, nil
}

func (p *exprParser) parseSum() (*expr, error) { return p.parseBinary(exprSum, "+", p.parsePrimary) }

var reservedWords = map[string]bool{"and": true, "or": true, "not": true, "in": true, "has": true}

func (p *exprParser) parsePrimary() (*expr, error) {
	t, ok := p.peek()
	if !ok {
		return nil, &exprError{t.col, "the condition ends too early (expected a name, a code or a number)"}
	}
	switch {
	case t.quote:
		p.pos++
		return &expr{kind: exprWord, word: t.text, col: t.col, quote: true}, nil
	case t.text == "(":
		p.pos++
		if err := p.enter(t); err != nil {
			return nil, err
		}
		e, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		p.depth--
		if !p.accept(")") {
			c, _ := p.peek()
			return nil, &exprError{c.col, "missing ) to close the ( at offset " + fmt.Sprint(t.col+1)}
		}
		return e, nil
	case t.text == "[":
		return p.parseList()
	case t.text == "always":
		p.pos++
		return &expr{kind: exprAlways, col: t.col}, nil
	case reservedWords[t.text] || !isWordByte(t.text[0]):
		return nil, &exprError{t.col, fmt.Sprintf("unexpected %q (expected a name, a code or a number)", t.text)}
	}
	p.pos++
	return &expr{kind: exprWord, word: t.text, col: t.col}, nil
}

func (p *exprParser) parseList() (*expr, error) {
	open, _ := p.peek()
	p.pos++
	list := &expr{kind: exprList, col: open.col}
	if p.accept("]") {
		return list, nil
	}
	for {
		t, ok := p.peek()
		if !ok || (!t.quote && !isWordByte(t.text[0])) || (!t.quote && reservedWords[t.text]) {
			return nil, &exprError{t.col, "expected an answer code in the list"}
		}
		p.pos++
		list.args = append(list.args, &expr{kind: exprWord, word: t.text, col: t.col, quote: t.quote})
		if p.accept("]") {
			return list, nil
		}
		if !p.accept(",") {
			c, _ := p.peek()
			return nil, &exprError{c.col, "expected , or ] in the list"}
		}
	}
}

// String writes the condition back in a canonical form, for messages and tests.
func (e *expr) String() string {
	switch e.kind {
	case exprOr, exprAnd, exprSum:
		sep := map[exprKind]string{exprOr: " or ", exprAnd: " and ", exprSum: " + "}[e.kind]
		parts := make([]string, len(e.args))
		for i, a := range e.args {
			parts[i] = a.String()
			if a.kind == exprOr || a.kind == exprAnd {
				parts[i] = "(" + parts[i] + ")"
			}
		}
		return strings.Join(parts, sep)
	case exprNot:
		return "not " + e.args[0].String()
	case exprCompare:
		return e.args[0].String() + " " + e.op + " " + e.args[1].String()
	case exprList:
		parts := make([]string, len(e.args))
		for i, a := range e.args {
			parts[i] = a.String()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case exprAlways:
		return "always"
	}
	return e.word
}
