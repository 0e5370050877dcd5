package questionnaire

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Answer is what a person answered to one item: a code for a choice item,
// codes for a multi item, entries for a list item.
type Answer struct {
	Code    string
	Codes   []string
	Entries []Entry
}

// Entry is one entry of a list item (one medicine): field id to answer code.
type Entry map[string]string

// Answers maps item ids to answers.
type Answers map[string]Answer

// clone returns a deep copy, so a caller cannot change a session's answers.
func (a Answer) clone() Answer {
	out := Answer{Code: a.Code, Codes: slices.Clone(a.Codes)}
	for _, e := range a.Entries {
		out.Entries = append(out.Entries, e.clone())
	}
	return out
}

func (e Entry) clone() Entry {
	out := Entry{}
	for k, v := range e {
		out[k] = v
	}
	return out
}

// empty tells whether the answer holds nothing.
func (a Answer) empty() bool { return a.Code == "" && len(a.Codes) == 0 && len(a.Entries) == 0 }

// Has tells whether a multi answer includes the code.
func (a Answer) Has(code string) bool { return slices.Contains(a.Codes, code) }

// rawAnswer is an answer as written in a file, before it is checked against
// the definition. JSON and YAML answers both become one.
type rawAnswer struct {
	kind    rawKind
	code    string
	codes   []string
	entries []map[string]rawAnswer
}

type rawKind int

const (
	rawNull rawKind = iota
	rawCode
	rawCodes
	rawEntries
	rawOther
)

// decodeAnswer checks a written answer against the item it answers. The
// message, when not empty, names the item and what is wrong.
func decodeAnswer(def *Definition, id string, raw rawAnswer) (Answer, string) {
	it := def.Item(id)
	if it == nil {
		var known []string
		for _, i := range def.Items {
			known = append(known, i.ID)
		}
		return Answer{}, fmt.Sprintf("unknown item %s%s", quoted(id), suggest(id, known))
	}
	if raw.kind == rawNull {
		return Answer{}, ""
	}
	switch it.Type {
	case Multi:
		return decodeMulti(it, raw)
	case List:
		return decodeList(it, raw)
	}
	if raw.kind != rawCode {
		return Answer{}, fmt.Sprintf("item %q takes one answer code (one of %s)", id, strings.Join(it.Codes(), ", "))
	}
	if msg := checkCode(it, id, raw.code); msg != "" {
		return Answer{}, msg
	}
	return Answer{Code: raw.code}, ""
}

func checkCode(it *Item, where, code string) string {
	if it.Option(code) == nil {
		return fmt.Sprintf("%s has no answer code %s%s (codes: %s)", where, quoted(code), suggest(code, it.Codes()), strings.Join(it.Codes(), ", "))
	}
	return ""
}

func decodeMulti(it *Item, raw rawAnswer) (Answer, string) {
	var codes []string
	switch raw.kind {
	case rawCode:
		codes = []string{raw.code}
	case rawCodes:
		codes = raw.codes
	case rawEntries:
		return Answer{}, fmt.Sprintf("item %q takes a list of answer codes, not entries", it.ID)
	default:
		return Answer{}, fmt.Sprintf("item %q takes a list of answer codes (from %s)", it.ID, strings.Join(it.Codes(), ", "))
	}
	a := Answer{}
	for _, c := range codes {
		if msg := checkCode(it, it.ID, c); msg != "" {
			return Answer{}, msg
		}
		if a.Has(c) {
			return Answer{}, fmt.Sprintf("item %q has the answer %s twice", it.ID, quoted(c))
		}
		a.Codes = append(a.Codes, c)
	}
	if msg := exclusiveConflict(it, a.Codes); msg != "" {
		return Answer{}, msg
	}
	return a, ""
}

// Toggle is the answer codes of a multiple-choice item after the person
// taps code: it is added, or removed if chosen; an exclusive code ("none of
// these") clears the others, and any other code clears it. The result is
// always a valid answer.
func (it *Item) Toggle(selected []string, code string) []string {
	if slices.Contains(selected, code) {
		return slices.DeleteFunc(slices.Clone(selected), func(c string) bool { return c == code })
	}
	if slices.Contains(it.Exclusive, code) {
		return []string{code}
	}
	out := slices.DeleteFunc(slices.Clone(selected), func(c string) bool { return slices.Contains(it.Exclusive, c) || c == "" })
	return append(out, code)
}

func exclusiveConflict(it *Item, codes []string) string {
	for _, ex := range it.Exclusive {
		if slices.Contains(codes, ex) && len(codes) > 1 {
			return fmt.Sprintf("item %q: the answer %q cannot be combined with other answers", it.ID, ex)
		}
	}
	return ""
}

func decodeList(it *Item, raw rawAnswer) (Answer, string) {
	if raw.kind == rawCodes && len(raw.codes) == 0 {
		return Answer{Entries: []Entry{}}, ""
	}
	if raw.kind != rawEntries {
		return Answer{}, fmt.Sprintf("item %q takes a list of entries, each with the fields %s", it.ID, strings.Join(fieldIDs(it), ", "))
	}
	if len(raw.entries) > MaxEntries {
		return Answer{}, fmt.Sprintf("item %q has %d entries; a list keeps at most %d", it.ID, len(raw.entries), MaxEntries)
	}
	a := Answer{}
	for i, re := range raw.entries {
		e, msg := decodeEntry(it, re)
		if msg != "" {
			return Answer{}, fmt.Sprintf("%s entry %d: %s", it.ID, i+1, msg)
		}
		a.Entries = append(a.Entries, e)
	}
	return a, ""
}

func fieldIDs(it *Item) []string {
	ids := make([]string, len(it.Fields))
	for i, f := range it.Fields {
		ids[i] = f.ID
	}
	return ids
}

func decodeEntry(it *Item, raw map[string]rawAnswer) (Entry, string) {
	e := Entry{}
	for _, k := range sortedKeys(raw) {
		f := it.Field(k)
		if f == nil {
			return nil, fmt.Sprintf("unknown field %s%s (fields: %s)", quoted(k), suggest(k, fieldIDs(it)), strings.Join(fieldIDs(it), ", "))
		}
		v := raw[k]
		if v.kind == rawNull {
			continue
		}
		if f.Type == TextField {
			if v.kind != rawCode {
				return nil, fmt.Sprintf("field %q takes a few words as a string", k)
			}
			text, msg := CleanText(v.code)
			if msg != "" {
				return nil, fmt.Sprintf("field %q: %s", k, msg)
			}
			if text != "" {
				e[k] = text
			}
			continue
		}
		if v.kind != rawCode {
			return nil, fmt.Sprintf("field %q takes one answer code", k)
		}
		if msg := checkCode(f, "field "+strconv.Quote(k), v.code); msg != "" {
			return nil, msg
		}
		e[k] = v.code
	}
	return e, ""
}

// CleanText checks the words typed into a text field and trims the spaces
// around them. The message, when not empty, says what is wrong.
func CleanText(s string) (string, string) {
	s = strings.TrimSpace(s)
	if n := utf8.RuneCountInString(s); n > MaxTextLength {
		return "", fmt.Sprintf("%d characters, more than the %d a text field keeps", n, MaxTextLength)
	}
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) || r == utf8.RuneError }) {
		return "", "holds a control character or invalid text"
	}
	return s, ""
}

// MaxAnswersBytes is the largest answers file read, as JSON or FHIR: a
// whole screening with the most medicines a list keeps is a few tens of KB.
// A million medicines (27 MB) once took the memory a parse needs of them
// before the list's limit was checked.
const MaxAnswersBytes = 2 << 20

// ReadAnswers reads an answers file in the JSON format of the screening
// specification: {"answers": {"item_id": "code", "multi_id": ["a", "b"],
// "list_id": [{"field": "code"}]}}. Every problem is reported at once, with
// the line and column of the answer it concerns.
//
// A key given twice in one object is refused: JSON leaves it to the reader
// which one counts, so "phq9_9": "0", "phq9_9": "3" could score either way.
func ReadAnswers(name string, data []byte, def *Definition) (Answers, error) {
	var errs ErrorList
	if len(data) > MaxAnswersBytes {
		errs.add(Pos{File: name, Line: 1, Column: 1}, fmt.Sprintf("the answers are %d bytes; they may be at most %d", len(data), MaxAnswersBytes))
		return nil, errs.err()
	}
	lines := &lineIndex{name: name, data: data}
	at := lines.at
	if dups := duplicateKeys(data, at); len(dups) > 0 {
		return nil, dups.err()
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	fail := func(offset int64, msg string) (Answers, error) {
		errs.add(at(offset), msg)
		return nil, errs.err()
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fail(dec.InputOffset(), "not an answers file: expected a JSON object like {\"answers\": {…}}"+jsonProblem(err))
	}
	answers := Answers{}
	seenAnswers := false
	for dec.More() {
		keyAt := dec.InputOffset()
		t, err := dec.Token()
		if err != nil {
			return fail(dec.InputOffset(), "not valid JSON"+jsonProblem(err))
		}
		key, _ := t.(string)
		if key != "answers" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return fail(dec.InputOffset(), "not valid JSON"+jsonProblem(err))
			}
			errs.add(at(keyAt), fmt.Sprintf("unknown key %s (an answers file holds only \"answers\")", quoted(key)))
			continue
		}
		seenAnswers = true
		if err := readAnswerObject(dec, def, answers, &errs, at); err != nil {
			return fail(dec.InputOffset(), "not valid JSON"+jsonProblem(err))
		}
	}
	if _, err := dec.Token(); err != nil {
		return fail(dec.InputOffset(), "not valid JSON"+jsonProblem(err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return fail(dec.InputOffset(), "unexpected text after the answers object")
	}
	if !seenAnswers {
		errs.add(at(0), "the file has no \"answers\" object")
	}
	if e := errs.err(); e != nil {
		return nil, e
	}
	return answers, nil
}

func readAnswerObject(dec *json.Decoder, def *Definition, out Answers, errs *ErrorList, at func(int64) Pos) error {
	if t, err := dec.Token(); err != nil {
		return err
	} else if t != json.Delim('{') {
		errs.add(at(dec.InputOffset()), "\"answers\" must be an object of item id to answer")
		return nil
	}
	for dec.More() {
		keyAt := dec.InputOffset()
		t, err := dec.Token()
		if err != nil {
			return err
		}
		id, _ := t.(string)
		valueAt := dec.InputOffset()
		if def.Item(id) == nil {
			valueAt = keyAt // point at the unknown name itself
		}
		var v any
		if err := dec.Decode(&v); err != nil {
			return err
		}
		a, msg := decodeAnswer(def, id, rawAnswerFromJSON(v))
		if msg != "" {
			errs.add(at(valueAt), msg)
			continue
		}
		if !a.empty() || a.Entries != nil {
			out[id] = a
		}
	}
	_, err := dec.Token() // closing }
	return err
}

func rawAnswerFromJSON(v any) rawAnswer {
	switch x := v.(type) {
	case nil:
		return rawAnswer{kind: rawNull}
	case string:
		return rawAnswer{kind: rawCode, code: x}
	case json.Number:
		if _, err := strconv.Atoi(string(x)); err == nil {
			return rawAnswer{kind: rawCode, code: string(x)}
		}
	case []any:
		raw := rawAnswer{kind: rawCodes}
		for _, el := range x {
			switch y := el.(type) {
			case map[string]any:
				entry := map[string]rawAnswer{}
				for k, fv := range y {
					entry[k] = rawAnswerFromJSON(fv)
				}
				raw.entries = append(raw.entries, entry)
			default:
				r := rawAnswerFromJSON(y)
				if r.kind != rawCode {
					return rawAnswer{kind: rawOther}
				}
				raw.codes = append(raw.codes, r.code)
			}
		}
		if len(raw.entries) > 0 {
			if len(raw.codes) > 0 {
				return rawAnswer{kind: rawOther}
			}
			raw.kind = rawEntries
		}
		return raw
	}
	return rawAnswer{kind: rawOther}
}

func jsonProblem(err error) string {
	if err == nil || errors.Is(err, io.EOF) {
		return ""
	}
	return " (" + strings.TrimPrefix(err.Error(), "json: ") + ")"
}

// CheckJSONKeys refuses a JSON file that gives a key twice in one object,
// with the line and column of each: JSON leaves it to the reader which one
// counts. ReadAnswers checks this itself; it is for other JSON a user gives,
// such as a FHIR QuestionnaireResponse, before it is decoded.
func CheckJSONKeys(name string, data []byte) error {
	lines := &lineIndex{name: name, data: data}
	return duplicateKeys(data, lines.at).err()
}

// duplicateKeys finds every key given twice in one JSON object, at its
// second place, naming the first. A file that is not valid JSON is left to
// the reader that follows, which says where it breaks.
func duplicateKeys(data []byte, at func(int64) Pos) ErrorList {
	type object struct {
		keys      map[string]int64 // where each key was first given
		expectKey bool
	}
	var (
		errs  ErrorList
		stack []*object // nil entries are arrays
	)
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1] != nil {
			stack[n-1].expectKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	for {
		offset := dec.InputOffset()
		t, err := dec.Token()
		if err != nil {
			return errs
		}
		if d, ok := t.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:max(0, len(stack)-1)]
			valueDone()
			continue
		}
		if n := len(stack); n > 0 && stack[n-1] != nil && stack[n-1].expectKey {
			top := stack[n-1]
			key, _ := t.(string)
			if first, seen := top.keys[key]; seen {
				p := at(first)
				errs.add(at(offset), fmt.Sprintf("the key %s is given twice in one object (first at line %d, column %d); give each answer once", quoted(key), p.Line, p.Column))
			} else {
				top.keys[key] = offset
			}
			top.expectKey = false
			continue
		}
		switch t {
		case json.Delim('{'):
			stack = append(stack, &object{keys: map[string]int64{}, expectKey: true})
		case json.Delim('['):
			stack = append(stack, nil)
		default:
			valueDone()
		}
	}
}

// lineIndex turns byte offsets of one file into lines and columns; it finds
// the line starts once, so that many messages about a large file do not
// each count its lines again.
type lineIndex struct {
	name   string
	data   []byte
	starts []int // byte offset of each line's start; built on first use
}

// at is the place of the token after offset: offsets from a json.Decoder
// sit before the ": " or ", " that leads to it.
func (l *lineIndex) at(offset int64) Pos {
	for offset < int64(len(l.data)) && strings.IndexByte(" \t\r\n:,", l.data[offset]) >= 0 {
		offset++
	}
	return l.pos(offset)
}

func (l *lineIndex) pos(offset int64) Pos {
	if l.starts == nil {
		l.starts = append(l.starts, 0)
		for i, b := range l.data {
			if b == '\n' {
				l.starts = append(l.starts, i+1)
			}
		}
	}
	off := int(min(max(offset, 0), int64(len(l.data))))
	line, _ := slices.BinarySearch(l.starts, off+1) // the first start after off
	return Pos{File: l.name, Line: line, Column: off - l.starts[line-1] + 1}
}
