package questionnaire

import (
	"fmt"
	"strconv"
	"strings"
)

// The definition's conditions and scores as FHIRPath, for the FHIR
// Questionnaire that form tools (LHC-Forms, Smart Forms) run. The
// expressions read the QuestionnaireResponse the summary package writes:
// an item's linkId is its id, a list entry is a group item with the list's
// id holding its fields, and an answer is a valueCoding whose code is the
// answer's standard code (LOINC) when it has one, else its own code. A
// hidden question is not in the response, so, as in KetaScreen, it matches
// no comparison. Every comparison is wrapped in iif(…, true, false) so that
// an unanswered question gives false, never an empty result, and "not"
// reads as it does in KetaScreen.

// StoredCode is the code an answer has in the FHIR response: its standard
// code, or its own.
func (o *Option) StoredCode() string {
	if o.Coding != nil {
		return o.Coding.Code
	}
	return o.Code
}

// FHIRPath is the condition as a FHIRPath expression over the response
// (%resource). A condition of a list's fields (a field's show_if, a
// count_entries where) reads the fields of the entry in context ($this).
func (c *Condition) FHIRPath() string {
	if c == nil || c.root == nil {
		return "true"
	}
	return fpBool(c.root)
}

// FHIRPath is the score as a FHIRPath expression over the response: the
// total or count (an integer), or the classification (a string, the case's
// result). A score whose completed condition does not hold is empty.
func (s *Score) FHIRPath() string {
	var v string
	switch s.Kind {
	case Sum:
		// sum() of no answers is empty in fhirpath.js; KetaScreen's is 0
		v = fmt.Sprintf("iif(%[1]s.exists(), %[1]s.select(%[2]s).sum(), 0)", fpAnswersOf(s.Items), fpOrdinal(s.Items[0]))
	case Count:
		v = fmt.Sprintf("%s.where(code = %s).count()", fpAnswersOf(s.Items), fpString(storedCode(s.Items[0], s.CountCode)))
	case Classify:
		v = fpString(s.Otherwise)
		for i := len(s.Cases) - 1; i >= 0; i-- {
			v = fmt.Sprintf("iif(%s, %s, %s)", s.Cases[i].When.FHIRPath(), fpString(s.Cases[i].Result), v)
		}
	case CountEntries:
		v = fpCountEntries(s)
	}
	if s.Completed != nil {
		v = fmt.Sprintf("iif(%s, %s, {})", s.Completed.FHIRPath(), v)
	}
	return v
}

func fpString(s string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), "'", `\'`) + "'"
}

func storedCode(it *Item, code string) string {
	if it != nil {
		if o := it.Option(code); o != nil {
			return o.StoredCode()
		}
	}
	return code
}

// fpAnswer is the coded answer of a question anywhere in the response.
func fpAnswer(it *Item) string {
	return fmt.Sprintf("%%resource.repeat(item).where(linkId = %s).answer.valueCoding", fpString(it.ID))
}

// fpField is the coded answer of a field of the entry in context.
func fpField(it *Item) string {
	return fmt.Sprintf("item.where(linkId = %s).answer.valueCoding", fpString(it.ID))
}

func fpAnswersOf(items []*Item) string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = fpString(it.ID)
	}
	return fmt.Sprintf("%%resource.repeat(item).where(linkId in (%s)).answer.valueCoding", strings.Join(ids, " | "))
}

// fpOrdinal turns a coding ($this) of an item with whole-number codes into
// its number. Items of one sum share their answers, so the first one's
// serve for all.
func fpOrdinal(it *Item) string {
	v := "{}"
	for i := len(it.Options) - 1; i >= 0; i-- {
		o := it.Options[i]
		if _, err := strconv.Atoi(o.Code); err == nil {
			v = fmt.Sprintf("iif(code = %s, %s, %s)", fpString(o.StoredCode()), o.Code, v)
		}
	}
	return v
}

func fpBool(e *expr) string {
	switch e.kind {
	case exprAlways:
		return "true"
	case exprOr, exprAnd:
		op := " or "
		if e.kind == exprAnd {
			op = " and "
		}
		parts := make([]string, len(e.args))
		for i, a := range e.args {
			parts[i] = "(" + fpBool(a) + ")"
		}
		return strings.Join(parts, op)
	case exprNot:
		return "(" + fpBool(e.args[0]) + ").not()"
	case exprCompare:
		return fpCompare(e)
	case exprWord:
		if r := e.ref; r != nil {
			switch r.kind {
			case refCondition:
				return fpBool(r.cond.When.root)
			case refScorePositive:
				return fpBool(r.score.Positive.root)
			}
		}
	}
	return "false"
}

// fpValue is a value: a number, or the codes of an item's answer (item is
// then the item whose codes they are), or a score's result string.
func fpValue(e *expr) (v string, item *Item) {
	if e.kind == exprSum {
		parts := make([]string, len(e.args))
		for i, a := range e.args {
			parts[i], _ = fpNumber(a)
		}
		return "(" + strings.Join(parts, " + ") + ")", nil
	}
	r := e.ref
	if r == nil {
		if _, err := strconv.Atoi(e.word); err == nil {
			return e.word, nil
		}
		return fpString(e.word), nil
	}
	switch r.kind {
	case refItem:
		return fpAnswer(r.item), r.item
	case refField:
		return fpField(r.item), r.item
	case refSetting:
		if r.setting.Number != nil {
			return strconv.Itoa(*r.setting.Number), nil
		}
	case refScore:
		return "(" + r.score.FHIRPath() + ")", nil
	case refScoreBand:
		return fpBand(r.score), nil
	}
	return "{}", nil
}

// fpNumber is a value read as a number: an answer's whole-number code.
func fpNumber(e *expr) (string, *Item) {
	v, it := fpValue(e)
	if it != nil {
		return v + ".select(" + fpOrdinal(it) + ")", nil
	}
	return v, nil
}

func fpBand(s *Score) string {
	total := "(" + s.FHIRPath() + ")"
	v := "{}"
	for i := len(s.Bands) - 1; i >= 0; i-- {
		b := s.Bands[i]
		v = fmt.Sprintf("iif(%s >= %d and %s <= %d, %s, %s)", total, b.Min, total, b.Max, fpString(b.Code), v)
	}
	return v
}

// codesOf is the right side of in and has (a list or a codes setting), as
// the codes the left item stores.
func codesOf(e *expr, it *Item) []string {
	var codes []string
	switch {
	case e.kind == exprList:
		for _, a := range e.args {
			codes = append(codes, a.word)
		}
	case e.ref != nil && e.ref.kind == refSetting:
		codes = e.ref.setting.Codes
	default:
		codes = []string{e.word}
	}
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = fpString(storedCode(it, c))
	}
	return out
}

func fpCompare(e *expr) string {
	left, right := e.args[0], e.args[1]
	var cmp string
	switch e.op {
	case "in":
		l, it := fpValue(left)
		if it != nil {
			l += ".code"
		}
		cmp = fmt.Sprintf("%s in (%s)", l, strings.Join(codesOf(right, it), " | "))
	case "has":
		l, it := fpValue(left)
		cmp = fmt.Sprintf("%s.where(code in (%s)).exists()", l, strings.Join(codesOf(right, it), " | "))
	case "=", "!=":
		cmp = fpEqual(left, right, e.op)
	default:
		l, _ := fpNumber(left)
		r, _ := fpNumber(right)
		cmp = fmt.Sprintf("%s %s %s", l, e.op, r)
	}
	return "iif(" + cmp + ", true, false)"
}

// fpEqual compares by number when both sides are numbers, else by code,
// as KetaScreen does; != is the negation of = for an answered question.
func fpEqual(left, right *expr, op string) string {
	l, it := fpValue(left)
	r, rit := fpValue(right)
	_, numErr := strconv.Atoi(right.word)
	switch {
	case it != nil && right.ref == nil && (it.numeric || numErr != nil):
		// an answer against one of its codes
		return fmt.Sprintf("%s.code %s %s", l, op, fpString(storedCode(it, right.word)))
	case it != nil || rit != nil:
		ln, _ := fpNumber(left)
		rn, _ := fpNumber(right)
		return fmt.Sprintf("%s %s %s", ln, op, rn)
	}
	return fmt.Sprintf("%s %s %s", l, op, r)
}

// fpCountEntries counts the entries of a list that meet the score's
// condition, as Score.entryKey keys them: entries with the same answer to
// its distinct field once, an entry whose answer stands for its own unknown
// value (or is missing) on its own, and none whose key the excluding score
// counted. (The excluding score is read as counting by its own condition
// and keys; one that excludes in turn is not followed.)
func fpCountEntries(s *Score) string {
	entries := fmt.Sprintf("%%resource.repeat(item).where(linkId = %s)", fpString(s.List.ID))
	where := "(" + s.Where.FHIRPath() + ")"
	named := where + " and " + fpOwnKey(s) + ".not()"
	unnamed := where + " and " + fpOwnKey(s)
	if x := s.Excluding; x != nil {
		xWhere := "(" + x.Where.FHIRPath() + ")"
		if x.Distinct != nil {
			xNamed := fmt.Sprintf("%s.where(%s and %s.not()).select(%s).distinct()", entries, xWhere, fpOwnKey(x), fpDistinct(x))
			named += fmt.Sprintf(" and iif(%s in (%s), false, true)", fpDistinct(s), xNamed)
		}
		unnamed += fmt.Sprintf(" and (%s and %s).not()", xWhere, fpOwnKey(x))
	}
	if s.Distinct == nil {
		return fmt.Sprintf("%s.where(%s).count()", entries, unnamed)
	}
	return fmt.Sprintf("(%s.where(%s).select(%s).distinct().count() + %s.where(%s).count())", entries, named, fpDistinct(s), entries, unnamed)
}

func fpDistinct(s *Score) string { return fpField(s.Distinct) + ".code" }

// fpOwnKey tells whether the entry in context is counted on its own: the
// score has no distinct field, or the entry's answer to it is missing or
// one of the score's own codes.
func fpOwnKey(s *Score) string {
	if s.Distinct == nil {
		return "true"
	}
	d := fpDistinct(s)
	own := "false"
	if len(s.OwnCodes) > 0 {
		own = fmt.Sprintf("iif(%s in (%s), true, false)", d, strings.Join(codesOf(&expr{kind: exprList, args: wordsOf(s.OwnCodes)}, s.Distinct), " | "))
	}
	return fmt.Sprintf("(%s.exists().not() or %s)", d, own)
}

func wordsOf(codes []string) []*expr {
	out := make([]*expr, len(codes))
	for i, c := range codes {
		out[i] = &expr{kind: exprWord, word: c}
	}
	return out
}

// EnableTerm is one FHIR enableWhen: the question answered with the option.
type EnableTerm struct {
	Item   *Item
	Option *Option
}

// EnableWhen is the condition as FHIR enableWhen terms when it can be said
// so: one answer (x = a), one of some answers (x in [a, b], x has a, or an
// "or" of such), or all of some answers (an "and" of x = a). all tells
// whether every term must hold. ok is false when the condition needs
// FHIRPath (numbers, not, !=, scores, mixed and/or).
func (c *Condition) EnableWhen() (terms []EnableTerm, all bool, ok bool) {
	if c == nil || c.root == nil {
		return nil, false, false
	}
	e := c.root
	switch e.kind {
	case exprCompare:
		terms, ok = enableTerms(e)
		return terms, false, ok
	case exprOr, exprAnd:
		for _, a := range e.args {
			t, ok := enableTerms(a)
			if !ok || (e.kind == exprAnd && len(t) != 1) {
				return nil, false, false
			}
			terms = append(terms, t...)
		}
		return terms, e.kind == exprAnd, true
	}
	return nil, false, false
}

func enableTerms(e *expr) ([]EnableTerm, bool) {
	if e.kind != exprCompare || e.args[0].ref == nil {
		return nil, false
	}
	r := e.args[0].ref
	if r.kind != refItem && r.kind != refField {
		return nil, false
	}
	it := r.item
	var codes []string
	switch {
	case e.op == "=" && e.args[1].ref == nil:
		codes = []string{e.args[1].word}
	case e.op == "in" || e.op == "has":
		if e.args[1].ref != nil && e.args[1].ref.kind != refSetting {
			return nil, false
		}
		for _, q := range codesOf(e.args[1], nil) {
			codes = append(codes, strings.Trim(q, "'"))
		}
	default:
		return nil, false
	}
	var terms []EnableTerm
	for _, code := range codes {
		o := it.Option(code)
		if o == nil {
			return nil, false
		}
		terms = append(terms, EnableTerm{Item: it, Option: o})
	}
	return terms, true
}
