package questionnaire

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// Coding is a standard code (LOINC, say) that an instrument, an item, a
// score or an answer carries into the FHIR files, with the source it was
// checked against. Things without a standard code are coded in the
// definition's own code systems instead (see the summary package).
type Coding struct {
	System  string // the code system's URL, like http://loinc.org
	Code    string
	Display string // the code system's name for it; for an answer, its English text
	Source  *Source
	Pos     Pos
}

// CodeSystem is one of the standard code systems the coding section names.
type CodeSystem struct {
	ID, URL, Name string
}

// readCoding reads the coding section:
//
//	coding:
//	  systems:
//	    - {id: loinc, url: "http://loinc.org", name: LOINC}
//	  codes:
//	    - {instrument: phq9, system: loinc, code: "44249-1", display: "…", source: loinc_phq9}
//	    - {item: phq9_1, system: loinc, code: "44250-9", display: "…", source: loinc_phq9}
//	    - {score: phq9, system: loinc, code: "44261-6", display: "…", source: loinc_phq9}
//	    - {answers: frequency, system: loinc, codes: {"0": LA6568-5, …}, source: loinc_phq9}
//
// answers names an answer set, or an item with answers of its own; every
// one of its answers then needs a code.
func (l *loader) readCoding(n ast.Node) {
	if n == nil {
		return
	}
	m := l.r.mapping(n, "coding", "systems", "codes")
	systems := map[string]*CodeSystem{}
	u := l.unique("code system id")
	for _, sn := range m.list("systems", true) {
		sm := l.r.mapping(sn, "a code system", keyID, "url", "name")
		cs := &CodeSystem{}
		var idNode, urlNode ast.Node
		cs.ID, idNode = sm.str(keyID, true)
		cs.URL, urlNode = sm.str("url", true)
		cs.Name, _ = sm.str("name", true)
		if cs.URL != "" {
			if p, err := url.Parse(cs.URL); err != nil || p.Scheme == "" {
				l.r.errorf(urlNode, "code system url %q is not an absolute URL (like http://loinc.org)", cs.URL)
			}
		}
		if u.check(cs.ID, idNode) {
			systems[cs.ID] = cs
			l.def.CodeSystems = append(l.def.CodeSystems, cs)
		}
	}
	for _, cn := range m.list("codes", true) {
		l.readCode(cn, systems)
	}
}

func (l *loader) readCode(n ast.Node, systems map[string]*CodeSystem) {
	m := l.r.mapping(n, "a code", "instrument", "item", "score", "answers", "system", "code", "display", "codes", "source")
	var kinds []string
	for _, k := range []string{"instrument", "item", "score", "answers"} {
		if m.has(k) {
			kinds = append(kinds, k)
		}
	}
	if len(kinds) != 1 {
		l.r.errorf(n, "a code names exactly one of instrument, item, score or answers (this one names %d)", len(kinds))
		return
	}
	kind := kinds[0]
	target, targetNode := m.str(kind, true)
	sysID, sysNode := m.str("system", true)
	cs := systems[sysID]
	if sysID != "" && cs == nil {
		l.r.errorf(sysNode, "unknown code system %q%s", sysID, suggest(sysID, sortedKeys(systems)))
		return
	}
	var made []*Coding // the codes this entry gives, to get its source
	l.sourceRef(m, true, func(s *Source) {
		for _, c := range made {
			c.Source = s
		}
	})
	if kind == "answers" {
		made = l.readAnswerCodes(m, target, targetNode, cs)
		return
	}
	c := &Coding{Pos: l.r.pos(n)}
	c.Code, _ = m.str("code", true)
	c.Display, _ = m.str("display", true)
	if cs != nil {
		c.System = cs.URL
	}
	if l.attachCoding(kind, target, targetNode, c) {
		made = append(made, c)
	}
}

// attachCoding sets the coding of the instrument, item or score named.
func (l *loader) attachCoding(kind, target string, n ast.Node, c *Coding) bool {
	var slot **Coding
	var known []string
	switch kind {
	case "instrument":
		if in := l.instruments[target]; in != nil {
			slot = &in.Coding
		}
		known = sortedKeys(l.instruments)
	case "item":
		if it := l.def.items[target]; it != nil && it.Type != Control {
			slot = &it.Coding
		}
		known = sortedKeys(l.def.items)
	case "score":
		if s := l.def.scores[target]; s != nil {
			slot = &s.Coding
		}
		known = sortedKeys(l.def.scores)
	}
	if slot == nil {
		l.r.errorf(n, "the code is for %s %q, which is not defined%s", kind, target, suggest(target, known))
		return false
	}
	if *slot != nil {
		l.r.errorf(n, "%s %q has a code already (line %d)", kind, target, (*slot).Pos.Line)
		return false
	}
	*slot = c
	return true
}

// readAnswerCodes gives every answer of an answer set, or of an item with
// answers of its own, its standard code.
func (l *loader) readAnswerCodes(m *ymap, target string, targetNode ast.Node, cs *CodeSystem) []*Coding {
	opts, ok := l.answerSets[target]
	if !ok {
		it := l.def.items[target]
		if it == nil || len(it.Options) == 0 {
			l.r.errorf(targetNode, "the codes are for answers %q, which is neither an answer set nor an item with answers%s", target, suggest(target, append(sortedKeys(l.answerSets), sortedKeys(l.def.items)...)))
			return nil
		}
		opts = it.Options
	}
	cn := m.value("codes", true)
	if cn == nil || cs == nil {
		return nil
	}
	var made []*Coding
	cm := l.r.mapping(cn, "the codes of answers "+target)
	byCode := map[string]*Option{}
	for _, o := range opts {
		byCode[o.Code] = o
	}
	for _, key := range cm.order {
		o := byCode[key]
		code, codeNode := cm.str(key, true)
		switch {
		case o == nil:
			l.r.errorf(cm.keyNode(key), "answers %q have no answer %q%s", target, key, suggest(key, sortedKeys(byCode)))
		case o.Coding != nil:
			l.r.errorf(codeNode, "answer %q of %q has a code already (line %d)", key, target, o.Coding.Pos.Line)
		case code != "":
			o.Coding = &Coding{System: cs.URL, Code: code, Display: o.Text.In("en"), Pos: l.r.pos(codeNode)}
			made = append(made, o.Coding)
		}
	}
	var missing []string
	for _, o := range opts {
		if o.Coding == nil {
			missing = append(missing, o.Code)
		}
	}
	if len(missing) > 0 {
		l.r.errorf(cn, "answers %q: every answer needs a code; missing for %s", target, strings.Join(missing, ", "))
	}
	return made
}

// StandardCodes lists every standard code the definition gives, in the order
// of the file: for a table of codes with their sources.
func (d *Definition) StandardCodes() []CodedThing {
	var out []CodedThing
	add := func(kind, id string, c *Coding) {
		if c != nil {
			out = append(out, CodedThing{Kind: kind, ID: id, Coding: c})
		}
	}
	for _, in := range d.Instruments {
		add("instrument", in.ID, in.Coding)
	}
	var walk func(it *Item)
	walk = func(it *Item) {
		add("item", it.ID, it.Coding)
		for _, o := range it.Options {
			add("answer", it.ID+"="+o.Code, o.Coding)
		}
		for _, f := range it.Fields {
			walk(f)
		}
	}
	for _, it := range d.Items {
		walk(it)
	}
	for _, s := range d.Scores {
		add("score", s.ID, s.Coding)
	}
	return out
}

// CodedThing is one standard code and what carries it.
type CodedThing struct {
	Kind   string // instrument, item, answer (id is item=code), score
	ID     string
	Coding *Coding
}

func (c CodedThing) String() string {
	return fmt.Sprintf("%s %s: %s|%s", c.Kind, c.ID, c.Coding.System, c.Coding.Code)
}
