package questionnaire

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"ketascreen/internal/limitedfile"
	"ketascreen/internal/yamlbound"
)

// LoadFile reads and validates a definition file.
func LoadFile(path string) (*Definition, error) {
	src, err := limitedfile.Read(path, MaxDefinitionBytes)
	if err != nil {
		return nil, fmt.Errorf("reading the questionnaire definition: %w", err)
	}
	return Load(path, src)
}

// MaxDefinitionBytes is the largest definition file read: ten times a
// definition five times the built-in one (150 KB).
const MaxDefinitionBytes = 8 << 20

// definitionLimits bound a definition's YAML before it is parsed (see
// yamlbound): the built-in one nests 10 deep and uses 18 anchors and aliases.
var definitionLimits = yamlbound.Limits{Depth: 24, Aliases: 500}

// Load parses and validates a definition. name is the file name used in error
// messages. On failure the error is an ErrorList holding every problem found,
// each with its line and column.
func Load(name string, src []byte) (def *Definition, err error) {
	var errs ErrorList
	defer func() {
		// A definition comes from a clinic's editor; whatever is in it, the
		// person at the screen must get a message, never a crash.
		if r := recover(); r != nil {
			def = nil
			err = ErrorList{{Pos: Pos{File: name}, Msg: fmt.Sprintf("internal error while reading the definition: %v", r)}}
		}
	}()
	if int64(len(src)) > MaxDefinitionBytes {
		errs.add(Pos{File: name, Line: 1, Column: 1}, fmt.Sprintf("the definition is %d bytes; it may be at most %d", len(src), MaxDefinitionBytes))
		return nil, errs.err()
	}
	var be *yamlbound.Error
	if err := yamlbound.Check(src, definitionLimits); errors.As(err, &be) {
		errs.add(Pos{File: name, Line: be.Line, Column: be.Column}, be.Msg)
		return nil, errs.err()
	}
	file, perr := parser.ParseBytes(src, 0)
	if perr != nil {
		errs.add(yamlErrorPos(name, perr), "not valid YAML: "+yamlErrorMessage(perr))
		return nil, errs.err()
	}
	if len(file.Docs) != 1 || file.Docs[0].Body == nil {
		errs.add(Pos{File: name, Line: 1, Column: 1}, "the file must hold exactly one YAML document with the questionnaire")
		return nil, errs.err()
	}
	r := &yamlReader{file: name, errs: &errs, anchors: map[string]ast.Node{}}
	l := &loader{r: r, def: &Definition{File: name}}
	l.read(file.Docs[0].Body)
	if len(errs) == 0 {
		l.validate()
	}
	if e := errs.err(); e != nil {
		return nil, e
	}
	return l.def, nil
}

func yamlErrorPos(name string, err error) Pos {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		p := ye.GetToken().Position
		return Pos{File: name, Line: p.Line, Column: p.Column}
	}
	return Pos{File: name, Line: 1, Column: 1}
}

func yamlErrorMessage(err error) string {
	var ye yaml.Error
	if errors.As(err, &ye) {
		return ye.GetMessage()
	}
	return err.Error()
}

// loader builds a Definition from the syntax tree. It keeps the nodes of
// references so that validation can point at them.
type loader struct {
	r   *yamlReader
	def *Definition

	answerSets  map[string][]*Option
	sources     map[string]*Source
	instruments map[string]*Instrument
	outcomes    map[string]*Outcome
	groups      map[string]*FlagGroup

	// ids used in conditions (items, scores, conditions) share one namespace.
	names map[string]Pos

	textPos map[string]Pos

	pending []pendingCondition // parsed after every id is known
	refs    []pendingRef
}

// pendingCondition is a condition waiting to be parsed and resolved, with the
// list item whose fields it may name (for count_entries).
type pendingCondition struct {
	cond  *Condition
	scope *Item
	what  string
}

// pendingRef is a reference by id to something defined elsewhere in the file.
type pendingRef struct {
	kind string // "source", "outcome", …
	id   string
	node ast.Node
	set  func(any)
}

const (
	keyID   = "id"
	keyText = "text"
)

func (l *loader) read(body ast.Node) {
	top := l.r.mapping(body, "the questionnaire", "questionnaire", "specification", "version", "languages", "sources", "settings",
		"answer_sets", "instruments", "sections", "controls", "scores", "conditions", "outcomes",
		"outcome_rules", "pathways", "pathway_rules", "flag_groups", "flags", "resources", "texts", "education", "safety_summary", "summary", "coding", "examples")
	d := l.def
	d.ID, _ = top.str("questionnaire", true)
	d.Version, _ = top.str("version", true)
	langs, langNodes := top.strings("languages", true)
	d.Languages = langs
	if len(langs) == 0 && top.has("languages") {
		l.r.errorf(top.keyNode("languages"), "languages must name at least one language, like [en]")
	}
	for i, lang := range langs {
		if len(lang) < 2 || strings.ContainsAny(lang, " ,") {
			l.r.errorf(langNodes[i], "%q is not a language code (like en or es)", lang)
		}
	}
	l.names = map[string]Pos{}
	d.items, d.scores, d.conditions, d.settings = map[string]*Item{}, map[string]*Score{}, map[string]*NamedCondition{}, map[string]*Setting{}

	l.readSources(top.list("sources", true))
	l.readAnswerSets(top.value("answer_sets", false))
	l.readInstruments(top.list("instruments", false))
	l.readSections(top.list("sections", true))
	l.readControls(top.list("controls", false))
	l.readSettings(top.list("settings", false))
	l.readScores(top.list("scores", false))
	l.readConditions(top.list("conditions", false))
	d.Outcomes = l.readOutcomes(top.list("outcomes", true), "outcome")
	d.Pathways = l.readOutcomes(top.list("pathways", true), "pathway")
	d.OutcomeRule = l.readRules(top.list("outcome_rules", true), "outcome")
	d.PathwayRule = l.readRules(top.list("pathway_rules", true), "pathway")
	l.readFlags(top.list("flag_groups", true), top.list("flags", false))
	l.readResources(top.list("resources", true))
	l.readTexts(top.value("texts", true))
	l.readEducation(top.list("education", false))
	l.readSafetySummary(top)
	l.readSummary(top.list("summary", true))
	l.readCoding(top.value("coding", false))
	l.resolveRefs()
	l.checkSpecification(top)
	l.readExamples(top.value("examples", false))
}

// claim records an id in the namespace shared by items, scores, conditions
// and settings, reporting a duplicate.
func (l *loader) claim(id string, n ast.Node, what string) bool {
	if id == "" {
		return false
	}
	if !validID(id) {
		l.r.errorf(n, "%s id %q may only use lower-case letters, digits and _, and must start with a letter", what, id)
		return false
	}
	if prev, dup := l.names[id]; dup {
		l.r.errorf(n, "duplicate id %q: already used at line %d", id, prev.Line)
		return false
	}
	l.names[id] = l.r.pos(n)
	return true
}

func validID(id string) bool {
	if id == "" || id[0] < 'a' || id[0] > 'z' {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c != '_' && (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// uniqueIDs reports ids used twice within one list (answer codes, rule ids, …).
type uniqueIDs struct {
	r    *yamlReader
	what string
	seen map[string]int
}

func (l *loader) unique(what string) *uniqueIDs {
	return &uniqueIDs{r: l.r, what: what, seen: map[string]int{}}
}

func (u *uniqueIDs) check(id string, n ast.Node) bool {
	if id == "" {
		return false
	}
	if line, dup := u.seen[id]; dup {
		u.r.errorf(n, "duplicate %s %q: already used at line %d", u.what, id, line)
		return false
	}
	u.seen[id] = u.r.pos(n).Line
	return true
}

func (l *loader) ref(kind, id string, n ast.Node, set func(any)) {
	if id != "" {
		l.refs = append(l.refs, pendingRef{kind: kind, id: id, node: n, set: set})
	}
}

func (l *loader) sourceRef(m *ymap, required bool, set func(*Source)) {
	id, n := m.str("source", required)
	l.ref("source", id, n, func(v any) { set(v.(*Source)) })
}

func (l *loader) readSources(nodes []ast.Node) {
	l.sources = map[string]*Source{}
	u := l.unique("source id")
	for _, n := range nodes {
		m := l.r.mapping(n, "a source", keyID, "citation")
		s := &Source{Pos: l.r.pos(n)}
		var idNode ast.Node
		s.ID, idNode = m.str(keyID, true)
		s.Citation = l.citation(m)
		if u.check(s.ID, idNode) {
			l.sources[s.ID] = s
			l.def.Sources = append(l.def.Sources, s)
		}
	}
}

// citation reads a source's citation: a plain string, the same in every
// language (a bibliographic reference), or wording keyed by language.
func (l *loader) citation(m *ymap) Text {
	n := m.value("citation", true)
	if n == nil {
		return nil
	}
	if s, ok := l.r.scalarText(n); ok {
		return Text{neutralLanguage: strings.TrimSpace(s)}
	}
	return l.r.text(n, fmt.Sprintf("%s: %q", m.what, "citation"))
}

func (l *loader) readAnswerSets(n ast.Node) {
	l.answerSets = map[string][]*Option{}
	if n == nil {
		return
	}
	m := l.r.mapping(n, "answer_sets")
	for _, name := range m.order {
		l.answerSets[name] = l.readOptions(m.value(name, true), "answer set "+name)
	}
}

func (l *loader) readOptions(n ast.Node, what string) []*Option {
	if n == nil {
		return nil
	}
	u := l.unique("answer code in " + what)
	var opts []*Option
	for _, on := range l.r.sequence(n, what) {
		m := l.r.mapping(on, "an answer of "+what, "code", keyText, "also")
		o := &Option{Pos: l.r.pos(on)}
		var codeNode ast.Node
		o.Code, codeNode = m.str("code", true)
		o.Text = m.text(keyText, true)
		o.Also, _ = m.strings("also", false)
		if o.Code != "" && strings.ContainsAny(o.Code, " ,[]()\"'") {
			l.r.errorf(codeNode, "answer code %q may not contain spaces, commas, brackets or quotes", o.Code)
		}
		if u.check(o.Code, codeNode) {
			opts = append(opts, o)
		}
	}
	return opts
}

func (l *loader) readInstruments(nodes []ast.Node) {
	l.instruments = map[string]*Instrument{}
	u := l.unique("instrument id")
	for _, n := range nodes {
		m := l.r.mapping(n, "an instrument", keyID, "name", "stem", "attribution", "source", "languages")
		in := &Instrument{Pos: l.r.pos(n)}
		var idNode ast.Node
		in.ID, idNode = m.str(keyID, true)
		in.Name = m.text("name", true)
		in.Stem = m.text("stem", false)
		in.Attribution = m.text("attribution", true)
		in.Languages, _ = m.strings("languages", false)
		l.sourceRef(m, true, func(s *Source) { in.Source = s })
		if u.check(in.ID, idNode) {
			l.instruments[in.ID] = in
			l.def.Instruments = append(l.def.Instruments, in)
		}
	}
}

func (l *loader) readSections(nodes []ast.Node) {
	u := l.unique("section id")
	for _, n := range nodes {
		m := l.r.mapping(n, "a section", keyID, "title", "languages", "not_offered", "show_if", "items")
		sec := &Section{Pos: l.r.pos(n)}
		var idNode ast.Node
		sec.ID, idNode = m.str(keyID, true)
		sec.Title = m.text("title", true)
		sec.Languages, _ = m.strings("languages", false)
		sec.NotOffered = m.text("not_offered", len(sec.Languages) > 0)
		if c, cn := m.str("show_if", false); cn != nil {
			sec.ShowIf = l.condition(c, cn, nil, fmt.Sprintf("section %q: show_if", sec.ID))
		}
		u.check(sec.ID, idNode)
		l.def.Sections = append(l.def.Sections, sec)
		for _, in := range m.list("items", true) {
			if it := l.readItem(in, sec, nil); it != nil {
				sec.Items = append(sec.Items, it)
			}
		}
	}
}

func (l *loader) readControls(nodes []ast.Node) {
	for _, n := range nodes {
		m := l.r.mapping(n, "a control", keyID, keyText, "answers")
		it := &Item{Type: Control, Pos: l.r.pos(n), Optional: true}
		var idNode ast.Node
		it.ID, idNode = m.str(keyID, true)
		it.Text = m.text(keyText, true)
		it.Options = l.itemOptions(m, it.ID)
		l.finishItem(it, idNode, nil)
	}
}

var (
	itemTypes  = []string{string(Choice), string(Multi), string(List)}
	fieldTypes = []string{string(Choice), string(TextField)}
)

func (l *loader) readItem(n ast.Node, sec *Section, list *Item) *Item {
	what := "an item"
	known := []string{keyID, "type", "instrument", "stem", keyText, "help", "answers", "optional", "exclusive", "show_if", "fields", "min_entries", "always_offer"}
	if list != nil {
		what = "a field of " + list.ID
		known = []string{keyID, "type", keyText, "label", "help", "answers", "optional", "show_if", "always_offer"}
	}
	m := l.r.mapping(n, what, known...)
	it := &Item{Section: sec, Pos: l.r.pos(n), Type: Choice}
	var idNode ast.Node
	it.ID, idNode = m.str(keyID, true)
	if it.ID != "" {
		what = fmt.Sprintf("%s %q", strings.TrimPrefix(what, "an "), it.ID)
	}
	l.readItemType(m, it, list, what)
	it.Text = m.text(keyText, true)
	it.Label = m.text("label", false)
	if m.has("stem") {
		it.NoStem = !m.boolean("stem")
		if !m.has("instrument") {
			l.r.errorf(m.keyNode("stem"), "%s has stem, which only items of an instrument take", what)
		}
	}
	it.Help = m.text("help", false)
	it.Optional = m.boolean("optional")
	if in, inNode := m.str("instrument", false); in != "" {
		l.ref("instrument", in, inNode, func(v any) { it.Instrument = v.(*Instrument) })
	}
	l.readItemAnswers(m, it, sec, what)
	it.AlwaysOffer = l.itemCodes(m, it, "always_offer", "always offer", what)
	if m.has("exclusive") && it.Type != Multi {
		l.r.errorf(m.keyNode("exclusive"), "%s has exclusive answers, which only items of type multi take", what)
	}
	it.Exclusive = l.itemCodes(m, it, "exclusive", "make exclusive", what)
	if s, sn := m.str("show_if", false); sn != nil {
		it.ShowIf = l.condition(s, sn, list, what+": show_if") // a field may read its entry's earlier fields
	}
	if list != nil {
		if it.ID != "" && !validID(it.ID) {
			l.r.errorf(idNode, "field id %q may only use lower-case letters, digits and _", it.ID)
		}
		return it
	}
	if !l.finishItem(it, idNode, sec) {
		return nil
	}
	return it
}

// readItemType reads an item's type (choice when not given).
func (l *loader) readItemType(m *ymap, it, list *Item, what string) {
	t, tn := m.str("type", false)
	if t == "" {
		return
	}
	it.Type = ItemType(t)
	types := itemTypes
	if list != nil {
		types = fieldTypes
	}
	if !slices.Contains(types, t) {
		l.r.errorf(tn, "%s has an unknown type %q%s (types: %s)", what, t, suggest(t, types), strings.Join(types, ", "))
	}
}

// readItemAnswers reads what an item takes: a list's fields, a choice's
// answers, or nothing for a text field.
func (l *loader) readItemAnswers(m *ymap, it *Item, sec *Section, what string) {
	switch {
	case it.Type == List:
		it.MinEntries, _ = m.integer("min_entries", false)
		fu := l.unique("field id in " + it.ID)
		for _, fn := range m.list("fields", true) {
			if f := l.readItem(fn, sec, it); f != nil && fu.check(f.ID, fn) {
				it.Fields = append(it.Fields, f)
			}
		}
		return
	case m.has("fields"):
		l.r.errorf(m.keyNode("fields"), "%s has fields, which only items of type list take", what)
	}
	if it.Type != TextField {
		it.Options = l.itemOptions(m, what)
	} else if m.has("answers") {
		l.r.errorf(m.keyNode("answers"), "%s is a text field, which takes typed words, not answers", what)
	}
}

// itemCodes reads a list of the item's own answer codes (always_offer,
// exclusive), reporting any it does not have.
func (l *loader) itemCodes(m *ymap, it *Item, key, purpose, what string) []string {
	codes, nodes := m.strings(key, false)
	for i, code := range codes {
		if !slices.ContainsFunc(it.Options, func(o *Option) bool { return o.Code == code }) {
			l.r.errorf(nodes[i], "%s has no answer code %q to %s", what, code, purpose)
		}
	}
	if len(codes) == 0 {
		return nil
	}
	return codes
}

// itemOptions reads an item's answers: the name of an answer set, or a list.
func (l *loader) itemOptions(m *ymap, what string) []*Option {
	n := m.value("answers", true)
	if n == nil {
		return nil
	}
	if name, ok := l.r.scalarText(n); ok {
		opts, known := l.answerSets[name]
		if !known {
			l.r.errorf(n, "%s uses an unknown answer set %q%s", what, name, suggest(name, sortedKeys(l.answerSets)))
		}
		return opts
	}
	return l.readOptions(n, what)
}

func (l *loader) finishItem(it *Item, idNode ast.Node, sec *Section) bool {
	if !l.claim(it.ID, idNode, "item") {
		return false
	}
	it.optionByKey = map[string]*Option{}
	for _, o := range it.Options {
		it.optionByKey[o.Code] = o
	}
	for _, f := range it.Fields {
		f.optionByKey = map[string]*Option{}
		for _, o := range f.Options {
			f.optionByKey[o.Code] = o
		}
		f.numeric, f.minN, f.maxN = numericCodes(f.Options)
	}
	it.numeric, it.minN, it.maxN = numericCodes(it.Options)
	it.Index = len(l.def.Items)
	l.def.Items = append(l.def.Items, it)
	l.def.items[it.ID] = it
	return true
}

func (l *loader) condition(src string, n ast.Node, scope *Item, what string) *Condition {
	c := &Condition{Source: src, Pos: l.r.pos(n), colOff: conditionColumn(n)}
	l.pending = append(l.pending, pendingCondition{cond: c, scope: scope, what: what})
	return c
}

func (l *loader) readSettings(nodes []ast.Node) {
	for _, n := range nodes {
		m := l.r.mapping(n, "a setting", keyID, "number", "codes", "of", "allowed", "source", "note")
		s := &Setting{Pos: l.r.pos(n)}
		var idNode ast.Node
		s.ID, idNode = m.str(keyID, true)
		s.Note = m.text("note", true)
		l.sourceRef(m, true, func(src *Source) { s.Source = src })
		s.Allowed, _ = m.strings("allowed", false)
		switch {
		case m.has("number") && m.has("codes"):
			l.r.errorf(n, "setting %q has both number and codes; give one", s.ID)
		case m.has("number"):
			if v, ok := m.integer("number", true); ok {
				s.Number, s.isNumber = &v, true
			}
		case m.has("codes"):
			s.Codes, _ = m.strings("codes", true)
			var ofNode ast.Node
			s.Of, ofNode = m.str("of", true)
			s.ofItem = l.lookupItemOrField(s.Of, ofNode, "setting "+s.ID)
		default:
			l.r.errorf(n, "setting %q needs a number or a list of codes", s.ID)
		}
		if l.claimSetting(s.ID, idNode) {
			l.def.Settings = append(l.def.Settings, s)
			l.def.settings[s.ID] = s
		}
	}
}

func (l *loader) claimSetting(id string, n ast.Node) bool {
	if !validID(id) {
		if id != "" {
			l.r.errorf(n, "setting id %q may only use lower-case letters, digits and _", id)
		}
		return false
	}
	key := "settings." + id
	if prev, dup := l.names[key]; dup {
		l.r.errorf(n, "duplicate setting %q: already used at line %d", id, prev.Line)
		return false
	}
	l.names[key] = l.r.pos(n)
	return true
}

// lookupItemOrField finds "item" or "list.field".
func (l *loader) lookupItemOrField(path string, n ast.Node, what string) *Item {
	if path == "" {
		return nil
	}
	itemID, fieldID, isField := strings.Cut(path, ".")
	it := l.def.items[itemID]
	if it == nil {
		l.r.errorf(n, "%s refers to an unknown item %q%s", what, itemID, suggest(itemID, sortedKeys(l.def.items)))
		return nil
	}
	if !isField {
		return it
	}
	f := it.Field(fieldID)
	if f == nil {
		l.r.errorf(n, "%s refers to an unknown field %q of %s", what, fieldID, itemID)
	}
	return f
}

var scoreKinds = []string{string(Sum), string(Count), string(Classify), string(CountEntries)}

func (l *loader) readScores(nodes []ast.Node) {
	for _, n := range nodes {
		m := l.r.mapping(n, "a score", keyID, "name", "kind", "items", "count", "bands", "positive", "cutoff", "cases", "otherwise", "unfinished", "completed", "internal", "list", "where", "not_counted", "distinct", "each_its_own", "excluding", "duplicate", "report", "source")
		s := &Score{Pos: l.r.pos(n)}
		var idNode, kindNode ast.Node
		s.ID, idNode = m.str(keyID, true)
		what := fmt.Sprintf("score %q", s.ID)
		s.Name = m.text("name", true)
		var kind string
		kind, kindNode = m.str("kind", true)
		s.Kind = ScoreKind(kind)
		s.Report, _ = m.str("report", false)
		l.sourceRef(m, true, func(src *Source) { s.Source = src })
		switch s.Kind {
		case Sum, Count:
			l.readScoreItems(m, s, what)
		case Classify:
			l.readCases(m, s, what)
		case CountEntries:
			l.readCountEntries(m, s, what)
		default:
			if kind != "" {
				l.r.errorf(kindNode, "%s has an unknown kind %q%s (kinds: %s)", what, kind, suggest(kind, scoreKinds), strings.Join(scoreKinds, ", "))
			}
		}
		if p, pn := m.str("positive", false); pn != nil {
			s.Positive = l.condition(p, pn, nil, what+": positive")
		}
		if c, cn := m.str("completed", false); cn != nil {
			s.Completed = l.condition(c, cn, nil, what+": completed")
		}
		s.Cutoff = m.text("cutoff", false)
		s.Internal = m.boolean("internal")
		l.readBands(m, s, what)
		if l.claim(s.ID, idNode, "score") {
			l.def.Scores = append(l.def.Scores, s)
			l.def.scores[s.ID] = s
		}
	}
}

// readCountEntries reads a count_entries score: its list, the condition an
// entry must meet, what makes two entries one, and why an entry is not
// counted.
func (l *loader) readCountEntries(m *ymap, s *Score, what string) {
	listID, listNode := m.str("list", true)
	if it := l.lookupItemOrField(listID, listNode, what); it != nil {
		if it.Type != List {
			l.r.errorf(listNode, "%s counts entries of %q, which is not a list item", what, listID)
		} else {
			s.List = it
		}
	}
	if w, wn := m.str("where", true); wn != nil && s.List != nil {
		s.Where = l.condition(w, wn, s.List, what+": where")
	}
	l.readDistinct(m, s, what)
	for _, en := range m.list("not_counted", false) {
		em := l.r.mapping(en, "a not_counted reason of "+what, "when", keyText)
		e := &Explanation{Text: em.text(keyText, true)}
		if w, wn := em.str("when", true); wn != nil && s.List != nil {
			e.When = l.condition(w, wn, s.List, what+": not_counted")
		}
		s.NotCounted = append(s.NotCounted, e)
	}
}

// readDistinct reads what makes two entries of a count_entries score one
// thing to count: distinct (a field), each_its_own (its codes that are each
// their own value), excluding (an earlier score of the same list whose
// counted values count for nothing here) and duplicate (the reason given for
// an entry not counted because of them).
func (l *loader) readDistinct(m *ymap, s *Score, what string) {
	if id, n := m.str("distinct", false); n != nil && s.List != nil {
		f := s.List.Field(id)
		switch {
		case f == nil:
			l.r.errorf(n, "%s: distinct names an unknown field %q of %s%s", what, id, s.List.ID, suggest(id, fieldIDs(s.List)))
		case f.Type != Choice:
			l.r.errorf(n, "%s: distinct field %q is not a choice field", what, id)
		default:
			s.Distinct = f
		}
	}
	codes, nodes := m.strings("each_its_own", false)
	for i, c := range codes {
		switch {
		case s.Distinct == nil:
			l.r.errorf(nodes[i], "%s: each_its_own needs a distinct field", what)
			return
		case s.Distinct.Option(c) == nil:
			l.r.errorf(nodes[i], "%s: each_its_own names %q, which is not an answer of %s%s", what, c, s.Distinct.ID, suggest(c, s.Distinct.Codes()))
		default:
			s.OwnCodes = append(s.OwnCodes, c)
		}
	}
	if id, n := m.str("excluding", false); n != nil {
		other := l.def.scores[id]
		switch {
		case other == nil:
			l.r.errorf(n, "%s: excluding names %q, which is not a score defined above it", what, id)
		case other.Kind != CountEntries || other.List != s.List:
			l.r.errorf(n, "%s: excluding names %q, which does not count entries of the same list", what, id)
		case other.Distinct == nil || s.Distinct == nil || other.Distinct != s.Distinct:
			l.r.errorf(n, "%s: excluding needs both scores to have the same distinct field", what)
		default:
			s.Excluding = other
		}
	}
	s.Duplicate = m.text("duplicate", s.Distinct != nil)
}

func (l *loader) readScoreItems(m *ymap, s *Score, what string) {
	ids, nodes := m.strings("items", true)
	for i, id := range ids {
		it := l.def.items[id]
		switch {
		case it == nil:
			l.r.errorf(nodes[i], "%s adds up an unknown item %q%s", what, id, suggest(id, sortedKeys(l.def.items)))
		case s.Kind == Sum && !it.numeric:
			l.r.errorf(nodes[i], "%s adds up %q, whose answer codes are not all numbers", what, id)
		default:
			s.Items = append(s.Items, it)
		}
	}
	if s.Kind == Count {
		var cn ast.Node
		s.CountCode, cn = m.str("count", true)
		for _, it := range s.Items {
			if s.CountCode != "" && it.Option(s.CountCode) == nil {
				l.r.errorf(cn, "%s counts the answer %q, which item %q does not have", what, s.CountCode, it.ID)
			}
		}
	}
}

func (l *loader) readCases(m *ymap, s *Score, what string) {
	u := l.unique("result of " + what)
	for _, cn := range m.list("cases", true) {
		cm := l.r.mapping(cn, "a case of "+what, "result", "when", keyText, "provider")
		c := &Case{}
		var rn ast.Node
		c.Result, rn = cm.str("result", true)
		c.Text = cm.text(keyText, true)
		c.Provider = cm.text("provider", false)
		if w, wn := cm.str("when", true); wn != nil {
			c.When = l.condition(w, wn, nil, what+": case "+c.Result)
		}
		if u.check(c.Result, rn) {
			s.Cases = append(s.Cases, c)
		}
	}
	if on := m.value("otherwise", true); on != nil {
		om := l.r.mapping(on, "the otherwise of "+what, "result", keyText)
		var rn ast.Node
		s.Otherwise, rn = om.str("result", true)
		s.OtherwiseText = om.text(keyText, true)
		u.check(s.Otherwise, rn)
	}
	if code, n := m.str("unfinished", false); n != nil {
		if !slices.ContainsFunc(s.Cases, func(c *Case) bool { return c.Result == code }) {
			l.r.errorf(n, "%s: unfinished names %q, which is not one of its case results%s", what, code, suggest(code, s.ResultCodes()))
		} else {
			s.Unfinished = code
		}
	}
}

func (l *loader) readBands(m *ymap, s *Score, what string) {
	u := l.unique("band of " + what)
	for _, bn := range m.list("bands", false) {
		bm := l.r.mapping(bn, "a band of "+what, "code", "min", "max", keyText)
		b := &Band{}
		var cn ast.Node
		b.Code, cn = bm.str("code", true)
		b.Min, _ = bm.integer("min", true)
		b.Max, _ = bm.integer("max", true)
		b.Text = bm.text(keyText, true)
		if b.Max < b.Min {
			l.r.errorf(bn, "band %q of %s ends (%d) before it starts (%d)", b.Code, what, b.Max, b.Min)
		}
		if u.check(b.Code, cn) {
			s.Bands = append(s.Bands, b)
		}
	}
}

func (l *loader) readConditions(nodes []ast.Node) {
	for _, n := range nodes {
		m := l.r.mapping(n, "a condition", keyID, "when", "note")
		c := &NamedCondition{Pos: l.r.pos(n)}
		var idNode ast.Node
		c.ID, idNode = m.str(keyID, true)
		c.Note = m.text("note", false)
		if w, wn := m.str("when", true); wn != nil {
			c.When = l.condition(w, wn, nil, fmt.Sprintf("condition %q", c.ID))
		}
		if l.claim(c.ID, idNode, "condition") {
			l.def.Conditions = append(l.def.Conditions, c)
			l.def.conditions[c.ID] = c
		}
	}
}

func (l *loader) readOutcomes(nodes []ast.Node, kind string) []*Outcome {
	if l.outcomes == nil {
		l.outcomes = map[string]*Outcome{}
	}
	var out []*Outcome
	var waits []pendingAfter
	for _, n := range nodes {
		o, idNode, wait := l.readOutcome(n, kind)
		waits = append(waits, wait)
		if prev, dup := l.outcomes[o.ID]; dup && o.ID != "" {
			l.r.errorf(idNode, "duplicate outcome or pathway id %q: already used at line %d", o.ID, prev.Pos.Line)
			continue
		}
		if o.ID != "" {
			l.outcomes[o.ID] = o
			out = append(out, o)
		}
	}
	for _, w := range waits {
		l.resolveAfter(w, out, kind)
	}
	return out
}

// pendingAfter is an outcome's after list, resolved once every outcome is read.
type pendingAfter struct {
	o     *Outcome
	ids   []string
	nodes []ast.Node
}

// readOutcome reads one outcome or pathway.
func (l *loader) readOutcome(n ast.Node, kind string) (*Outcome, ast.Node, pendingAfter) {
	m := l.r.mapping(n, "a "+kind, keyID, "ends_flow", "interrupts", "after", "stays", "only_flags", "headline", "explanation", "provider", "next_steps", "source")
	o := &Outcome{Pos: l.r.pos(n)}
	var idNode ast.Node
	o.ID, idNode = m.str(keyID, true)
	what := fmt.Sprintf("%s %q", kind, o.ID)
	o.EndsFlow = m.boolean("ends_flow")
	o.Interrupts = m.boolean("interrupts")
	o.Stays = m.boolean("stays")
	afterIDs, afterNodes := m.strings("after", false)
	if kind == "pathway" && (o.EndsFlow || o.Interrupts || o.Stays || len(afterIDs) > 0) {
		l.r.errorf(n, "%s: only outcomes can end, interrupt, stay or wait", what)
	}
	if o.Stays && !o.Interrupts {
		l.r.errorf(n, "%s: stays applies only to an outcome that interrupts the flow", what)
	}
	if len(afterIDs) > 0 && !o.EndsFlow {
		l.r.errorf(n, "%s: after applies only to an outcome that ends the flow", what)
	}
	if m.value("only_flags", false) != nil {
		ids, nodes := m.strings("only_flags", false)
		o.OnlyFlags = append([]string{}, ids...)
		for i, id := range ids {
			l.refs = append(l.refs, pendingRef{kind: "flag", id: id, node: nodes[i], set: func(any) {}})
		}
	}
	o.Headline = m.text("headline", true)
	o.Explanation = m.text("explanation", true)
	o.Provider = m.text("provider", false)
	for i, sn := range m.list("next_steps", true) {
		o.NextSteps = append(o.NextSteps, l.r.text(sn, fmt.Sprintf("%s: next step %d", what, i+1)))
	}
	l.sourceRef(m, true, func(s *Source) { o.Source = s })
	return o, idNode, pendingAfter{o, afterIDs, afterNodes}
}

// resolveAfter links an outcome to the interrupting outcomes of its after list.
func (l *loader) resolveAfter(w pendingAfter, read []*Outcome, kind string) {
	for i, id := range w.ids {
		other := l.outcomes[id]
		switch {
		case other == nil || !containsOutcome(read, other):
			l.r.errorf(w.nodes[i], "%s %q: after names an unknown outcome %q", kind, w.o.ID, id)
		case !other.Interrupts:
			l.r.errorf(w.nodes[i], "%s %q: after names %q, which does not interrupt the flow", kind, w.o.ID, id)
		default:
			w.o.After = append(w.o.After, other)
		}
	}
}

func (l *loader) readRules(nodes []ast.Node, kind string) []*Rule {
	var out []*Rule
	for _, n := range nodes {
		m := l.r.mapping(n, "a "+kind+" rule", keyID, kind, "when", "reason", "kiosk_reason", "source")
		r := &Rule{Pos: l.r.pos(n)}
		var idNode ast.Node
		r.ID, idNode = m.str(keyID, true)
		what := fmt.Sprintf("rule %q", r.ID)
		target, tn := m.str(kind, true)
		if target != "" {
			o := l.outcomes[target]
			isPathway := o != nil && containsOutcome(l.def.Pathways, o)
			switch {
			case o == nil || isPathway != (kind == "pathway"):
				var known []string
				list := l.def.Outcomes
				if kind == "pathway" {
					list = l.def.Pathways
				}
				for _, k := range list {
					known = append(known, k.ID)
				}
				l.r.errorf(tn, "%s leads to an unknown %s %q%s (%ss: %s)", what, kind, target, suggest(target, known), kind, strings.Join(known, ", "))
			default:
				r.Result = o
			}
		}
		if w, wn := m.str("when", true); wn != nil {
			r.When = l.condition(w, wn, nil, what)
		}
		r.Reason = m.text("reason", true)
		r.KioskReason = m.text("kiosk_reason", false)
		l.sourceRef(m, true, func(s *Source) { r.Source = s })
		if r.ID != "" && l.claimRule(r.ID, idNode) {
			out = append(out, r)
		}
	}
	return out
}

func containsOutcome(list []*Outcome, o *Outcome) bool {
	for _, x := range list {
		if x == o {
			return true
		}
	}
	return false
}

// claimRule keeps rule and flag ids unique: results name them.
func (l *loader) claimRule(id string, n ast.Node) bool {
	key := "rule:" + id
	if prev, dup := l.names[key]; dup {
		l.r.errorf(n, "duplicate rule id %q: already used at line %d", id, prev.Line)
		return false
	}
	l.names[key] = l.r.pos(n)
	return true
}

func (l *loader) readFlags(groupNodes, flagNodes []ast.Node) {
	l.groups = map[string]*FlagGroup{}
	u := l.unique("flag group")
	for _, n := range groupNodes {
		m := l.r.mapping(n, "a flag group", keyID, "title", "provider")
		g := &FlagGroup{Pos: l.r.pos(n)}
		var idNode ast.Node
		g.ID, idNode = m.str(keyID, true)
		g.Title = m.text("title", true)
		g.Provider = m.text("provider", false)
		if u.check(g.ID, idNode) {
			l.groups[g.ID] = g
			l.def.FlagGroups = append(l.def.FlagGroups, g)
		}
	}
	fu := l.unique("flag id")
	for _, n := range flagNodes {
		m := l.r.mapping(n, "a flag", keyID, "group", "when", keyText, "provider", "source")
		f := &Flag{Pos: l.r.pos(n)}
		var idNode ast.Node
		f.ID, idNode = m.str(keyID, true)
		what := fmt.Sprintf("flag %q", f.ID)
		gid, gn := m.str("group", true)
		if gid != "" {
			if f.Group = l.groups[gid]; f.Group == nil {
				l.r.errorf(gn, "%s is in an unknown group %q%s", what, gid, suggest(gid, sortedKeys(l.groups)))
			}
		}
		if w, wn := m.str("when", true); wn != nil {
			f.When = l.condition(w, wn, nil, what)
		}
		f.Text = m.text(keyText, true)
		f.Provider = m.text("provider", false)
		l.sourceRef(m, true, func(s *Source) { f.Source = s })
		if fu.check(f.ID, idNode) {
			l.def.Flags = append(l.def.Flags, f)
		}
	}
}

func (l *loader) readResources(nodes []ast.Node) {
	u := l.unique("resource id")
	for _, n := range nodes {
		m := l.r.mapping(n, "a crisis resource", keyID, "number", keyText)
		res := &Resource{Pos: l.r.pos(n)}
		var idNode ast.Node
		res.ID, idNode = m.str(keyID, true)
		res.Number, _ = m.str("number", true)
		res.Text = m.text(keyText, true)
		if u.check(res.ID, idNode) {
			l.def.Resources = append(l.def.Resources, res)
		}
	}
}

// TextKey names one of the notices of the definition's texts section.
// The app reads them by these names only (Definition.Text), so that a
// misspelt name does not compile.
type TextKey string

// The notices every definition must word, because the app shows them.
const (
	TextNotADiagnosis       TextKey = "not_a_diagnosis"
	TextClinicianDecides    TextKey = "clinician_decides"
	TextEsketamine          TextKey = "esketamine"
	TextIVKetamine          TextKey = "iv_ketamine"
	TextAtHomeKetamine      TextKey = "at_home_ketamine"
	TextCrisisHeading       TextKey = "crisis_heading"
	TextIntendedUse         TextKey = "intended_use"
	TextASQSelfAdministered TextKey = "asq_self_administered"
)

// RequiredTexts are the notices every definition must word.
var RequiredTexts = []TextKey{TextNotADiagnosis, TextClinicianDecides, TextEsketamine, TextIVKetamine, TextAtHomeKetamine, TextCrisisHeading, TextIntendedUse, TextASQSelfAdministered}

// TreatmentTexts tell esketamine, IV ketamine and at-home ketamine apart,
// in this order.
var TreatmentTexts = []TextKey{TextEsketamine, TextIVKetamine, TextAtHomeKetamine}

// Text returns one of the definition's notices.
func (d *Definition) Text(key TextKey) Text { return d.Texts[string(key)] }

func (l *loader) readTexts(n ast.Node) {
	l.def.Texts = map[string]Text{}
	if n == nil {
		return
	}
	m := l.r.mapping(n, "texts")
	l.textPos = map[string]Pos{}
	for _, key := range m.order {
		l.def.Texts[key] = m.text(key, true)
		l.textPos[key] = l.r.pos(m.keyNode(key))
	}
	for _, key := range RequiredTexts {
		if _, ok := l.def.Texts[string(key)]; !ok {
			l.r.errorf(m.node, "texts is missing %q, which every result shows", key)
		}
	}
}

func (l *loader) readEducation(nodes []ast.Node) {
	for _, n := range nodes {
		m := l.r.mapping(n, "an education topic", "heading", keyText, "source")
		t := &Topic{Pos: l.r.pos(n)}
		t.Heading = m.text("heading", true)
		t.Body = m.text(keyText, true)
		l.sourceRef(m, true, func(s *Source) { t.Source = s })
		l.def.Education = append(l.def.Education, t)
	}
}

// readSafetySummary reads the scores and items a provider always sees.
func (l *loader) readSafetySummary(top *ymap) {
	ids, nodes := top.strings("safety_summary", false)
	for i, id := range ids {
		switch {
		case l.def.scores[id] != nil:
			l.def.SafetySummary = append(l.def.SafetySummary, SafetyLine{Score: l.def.scores[id]})
		case l.def.items[id] != nil && l.def.items[id].Type != List:
			l.def.SafetySummary = append(l.def.SafetySummary, SafetyLine{Item: l.def.items[id]})
		default:
			var known []string
			known = append(sortedKeys(l.def.scores), sortedKeys(l.def.items)...)
			l.r.errorf(nodes[i], "safety_summary names %q, which is not a score or a question%s", id, suggest(id, known))
		}
	}
}

func (l *loader) resolveRefs() {
	for _, ref := range l.refs {
		var v any
		var known []string
		switch ref.kind {
		case "source":
			if s := l.sources[ref.id]; s != nil {
				v = s
			}
			known = sortedKeys(l.sources)
		case "instrument":
			if in := l.instruments[ref.id]; in != nil {
				v = in
			}
			known = sortedKeys(l.instruments)
		case "flag":
			for _, f := range l.def.Flags {
				known = append(known, f.ID)
				if f.ID == ref.id {
					v = f
				}
			}
		}
		if v == nil {
			l.r.errorf(ref.node, "unknown %s %q%s", ref.kind, ref.id, suggest(ref.id, known))
			continue
		}
		ref.set(v)
	}
}

func (l *loader) readExamples(n ast.Node) {
	if n == nil {
		return
	}
	m := l.r.mapping(n, "examples", "base", "cases")
	base := Answers{}
	if bn := m.value("base", false); bn != nil {
		base = l.readAnswers(bn, "the example base")
	}
	nu := l.unique("example name")
	for _, cn := range m.list("cases", true) {
		cm := l.r.mapping(cn, "an example", "name", "answers", "expect")
		ex := &Example{Pos: l.r.pos(cn), Answers: Answers{}}
		var nameNode ast.Node
		ex.Name, nameNode = cm.str("name", true)
		nu.check(ex.Name, nameNode)
		for id, a := range base {
			ex.Answers[id] = a
		}
		if an := cm.value("answers", false); an != nil {
			for id, a := range l.readAnswers(an, fmt.Sprintf("example %q", ex.Name)) {
				ex.Answers[id] = a
			}
		}
		ex.Expect = l.readExpectation(cm.value("expect", true), ex.Name)
		l.def.Examples = append(l.def.Examples, ex)
	}
}

// readAnswers reads answers written in YAML, in the same shapes as the JSON
// answers file: a code, a list of codes, or a list of entries.
func (l *loader) readAnswers(n ast.Node, what string) Answers {
	m := l.r.mapping(n, what+": answers")
	out := Answers{}
	for _, id := range m.order {
		vn := m.value(id, false)
		raw := rawAnswerFromYAML(l.r, vn)
		a, msg := decodeAnswer(l.def, id, raw)
		if msg != "" {
			at := vn
			if at == nil {
				at = m.keyNode(id)
			}
			l.r.errorf(at, "%s: %s", what, msg)
			continue
		}
		out[id] = a
	}
	return out
}

func rawAnswerFromYAML(r *yamlReader, n ast.Node) rawAnswer {
	if n == nil {
		return rawAnswer{kind: rawNull}
	}
	if s, ok := r.scalarText(n); ok {
		return rawAnswer{kind: rawCode, code: s}
	}
	seq, ok := n.(*ast.SequenceNode)
	if !ok {
		return rawAnswer{kind: rawOther}
	}
	raw := rawAnswer{kind: rawCodes}
	for _, v := range seq.Values {
		v = r.resolve(v)
		if s, ok := r.scalarText(v); ok {
			raw.codes = append(raw.codes, s)
			continue
		}
		raw.kind = rawEntries
		em, ok := v.(*ast.MappingNode)
		if !ok {
			return rawAnswer{kind: rawOther}
		}
		entry := map[string]rawAnswer{}
		for _, mv := range em.Values {
			k, _ := r.scalarText(r.resolve(mv.Key))
			entry[k] = rawAnswerFromYAML(r, r.resolve(mv.Value))
		}
		raw.entries = append(raw.entries, entry)
	}
	if raw.kind == rawEntries && len(raw.codes) > 0 {
		return rawAnswer{kind: rawOther}
	}
	return raw
}

func (l *loader) readExpectation(n ast.Node, name string) Expectation {
	var e Expectation
	if n == nil {
		return e
	}
	what := fmt.Sprintf("the expectation of example %q", name)
	m := l.r.mapping(n, what, "outcome", "pathway", "flags", "scores")
	var on, pn ast.Node
	e.Outcome, on = m.str("outcome", true)
	if e.Outcome != "" && l.outcomes[e.Outcome] == nil {
		l.r.errorf(on, "%s names an unknown outcome %q%s", what, e.Outcome, suggest(e.Outcome, sortedKeys(l.outcomes)))
	}
	e.Pathway, pn = m.str("pathway", false)
	if e.Pathway != "" && e.Pathway != "none" && l.outcomes[e.Pathway] == nil {
		l.r.errorf(pn, "%s names an unknown pathway %q%s", what, e.Pathway, suggest(e.Pathway, sortedKeys(l.outcomes)))
	}
	if m.has("flags") || m.keys["flags"] != nil {
		e.FlagsSet = true
		e.Flags = l.expectedFlags(m, what)
	}
	if sn := m.value("scores", false); sn != nil {
		e.Scores = map[string]ExpectedScore{}
		sm := l.r.mapping(sn, what+": scores")
		for _, id := range sm.order {
			s := l.def.scores[id]
			if s == nil {
				l.r.errorf(sm.keyNode(id), "%s names an unknown score %q%s", what, id, suggest(id, sortedKeys(l.def.scores)))
				continue
			}
			e.Scores[id] = l.readExpectedScore(sm.value(id, true), s, what)
		}
	}
	return e
}

// expectedFlags reads the flags an example expects, reporting unknown ones.
func (l *loader) expectedFlags(m *ymap, what string) []string {
	if !m.has("flags") {
		return nil
	}
	flags, nodes := m.strings("flags", false)
	var known []string
	for _, fl := range l.def.Flags {
		known = append(known, fl.ID)
	}
	for i, f := range flags {
		if l.def.Flag(f) == nil {
			l.r.errorf(nodes[i], "%s names an unknown flag %q%s", what, f, suggest(f, known))
		}
	}
	return flags
}

func (l *loader) readExpectedScore(n ast.Node, s *Score, what string) ExpectedScore {
	var es ExpectedScore
	if n == nil {
		return es
	}
	if v, ok := l.r.scalarText(n); ok { // shorthand: phq9: 14, asq: negative
		if s.Kind == Classify {
			es.Result = v
		} else if num, err := strconv.Atoi(v); err == nil {
			es.Value = &num
		} else {
			l.r.errorf(n, "%s: score %q must be a whole number, found %q", what, s.ID, v)
		}
		return es
	}
	m := l.r.mapping(n, fmt.Sprintf("%s: score %q", what, s.ID), "value", "band", "result", "positive", "completed")
	if m.has("value") {
		if v, ok := m.integer("value", true); ok {
			es.Value = &v
		}
	}
	es.Band, _ = m.str("band", false)
	es.Result, _ = m.str("result", false)
	if m.has("positive") {
		p := m.boolean("positive")
		es.Positive = &p
	}
	if m.has("completed") {
		c := m.boolean("completed")
		es.Completed = &c
	}
	return es
}
