package questionnaire

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// refKind tells what a name in a condition refers to.
type refKind int

const (
	refItem          refKind = iota // an item's answer
	refField                        // a field of the list entry being counted
	refScore                        // a score's value or classify result
	refScoreBand                    // score.band
	refScorePositive                // score.positive
	refCondition                    // a named condition
	refSetting                      // settings.NAME
)

type reference struct {
	kind    refKind
	item    *Item
	score   *Score
	cond    *NamedCondition
	setting *Setting
}

// vtype is the type of a condition's value, for checking comparisons.
type vtype int

const (
	tBool vtype = iota
	tNumber
	tCode     // one answer code; domain lists the codes it can take
	tCodes    // a multi answer
	tCodeList // a list of codes (setting or [a, b])
	tEntries  // a list item
)

type typeInfo struct {
	t      vtype
	domain []string // codes a tCode or tCodes can take
	item   *Item    // the item whose codes they are, when there is one
	lo, hi int      // range of a number; hi < 0 is unbounded
}

// checker resolves and type-checks the conditions of a definition.
type checker struct {
	l     *loader
	def   *Definition
	scope *Item // list item whose fields may be named (count_entries where)
	cond  *Condition
	what  string
	bad   bool
}

func (c *checker) errorf(col int, format string, args ...any) {
	c.bad = true
	p := c.cond.Pos
	p.Column += c.cond.colOff + col
	c.l.r.errs.add(p, c.what+": "+fmt.Sprintf(format, args...))
}

func (l *loader) validate() {
	for _, pc := range l.pending {
		c := &checker{l: l, def: l.def, scope: pc.scope, cond: pc.cond, what: pc.what}
		root, err := parseExpr(pc.cond.Source)
		if err != nil {
			ee := err.(*exprError)
			c.errorf(ee.col, "%s, in %s", ee.msg, quotedMax(pc.cond.Source, conditionQuoteLimit))
			continue
		}
		ti := c.check(root)
		if !c.bad && ti.t != tBool {
			shown := quotedMax(root.String(), conditionQuoteLimit)
			c.errorf(0, "%s is not a yes-or-no condition (compare it, like %s = yes or %s >= 10)", quotedMax(pc.cond.Source, conditionQuoteLimit), shown, shown)
		}
		if !c.bad {
			pc.cond.root = root
		}
	}
	if len(*l.r.errs) > 0 {
		return // later checks need every condition resolved
	}
	l.checkCycles()
	if len(*l.r.errs) > 0 {
		return
	}
	l.checkScores()
	l.checkSettings()
	l.checkFlow()
	l.checkRules()
	l.checkTexts()
}

func (c *checker) check(e *expr) typeInfo {
	switch e.kind {
	case exprAlways:
		return typeInfo{t: tBool}
	case exprOr, exprAnd, exprNot:
		for _, a := range e.args {
			if ti := c.check(a); ti.t != tBool && !c.bad {
				c.errorf(a.col, "%q is not a yes-or-no condition; compare it with =, >= or the like", a.String())
			}
		}
		return typeInfo{t: tBool}
	case exprSum:
		ti := typeInfo{t: tNumber}
		for _, a := range e.args {
			at := c.check(a)
			if at.t != tNumber && !c.bad {
				c.errorf(a.col, "%q is not a number and cannot be added", a.String())
			}
			ti.lo += at.lo
			if at.hi < 0 || ti.hi < 0 {
				ti.hi = -1
			} else {
				ti.hi += at.hi
			}
		}
		return ti
	case exprList:
		c.errorf(e.col, "a list of codes can only follow in or has")
		return typeInfo{t: tCodeList}
	case exprCompare:
		c.checkCompare(e)
		return typeInfo{t: tBool}
	}
	return c.resolve(e)
}

// resolve finds what a word on the left of a comparison names.
func (c *checker) resolve(e *expr) typeInfo {
	if n, err := strconv.Atoi(e.word); err == nil && !e.quote {
		return typeInfo{t: tNumber, lo: n, hi: n}
	}
	if c.scope != nil {
		if f := c.scope.Field(e.word); f != nil {
			e.ref = &reference{kind: refField, item: f}
			if f.Type == TextField {
				c.errorf(e.col, "%q is a text field: no condition can read the words a person types", e.word)
			}
			return codeType(f)
		}
	}
	if it := c.def.items[e.word]; it != nil {
		e.ref = &reference{kind: refItem, item: it}
		if it.Type == List {
			c.errorf(e.col, "%q is a list; count its entries with a count_entries score", e.word)
			return typeInfo{t: tEntries}
		}
		return codeType(it)
	}
	if s := c.def.settings[strings.TrimPrefix(e.word, "settings.")]; s != nil && strings.HasPrefix(e.word, "settings.") {
		return c.settingType(e, s)
	}
	if nc := c.def.conditions[e.word]; nc != nil {
		e.ref = &reference{kind: refCondition, cond: nc}
		return typeInfo{t: tBool}
	}
	scoreID, part, _ := strings.Cut(e.word, ".")
	if s := c.def.scores[scoreID]; s != nil {
		return c.scoreType(e, s, part)
	}
	c.errorf(e.col, "unknown name %q%s (expected an item, score, condition or settings.NAME)", e.word, suggest(e.word, c.knownNames()))
	return typeInfo{t: tBool}
}

func (c *checker) knownNames() []string {
	var names []string
	for id := range c.l.names {
		if !strings.HasPrefix(id, "rule:") {
			names = append(names, id)
		}
	}
	if c.scope != nil {
		names = append(names, fieldIDs(c.scope)...)
	}
	return names
}

func codeType(it *Item) typeInfo {
	ti := typeInfo{t: tCode, domain: it.Codes(), item: it, lo: it.minN, hi: it.maxN}
	if it.Type == Multi {
		ti.t = tCodes
	}
	return ti
}

func (c *checker) settingType(e *expr, s *Setting) typeInfo {
	e.ref = &reference{kind: refSetting, setting: s}
	if s.isNumber {
		return typeInfo{t: tNumber, lo: *s.Number, hi: *s.Number}
	}
	ti := typeInfo{t: tCodeList, domain: s.Codes, item: s.ofItem}
	return ti
}

func (c *checker) scoreType(e *expr, s *Score, part string) typeInfo {
	switch part {
	case "":
		e.ref = &reference{kind: refScore, score: s}
		if s.Kind == Classify {
			return typeInfo{t: tCode, domain: s.ResultCodes()}
		}
		lo, hi := scoreRange(s)
		return typeInfo{t: tNumber, lo: lo, hi: hi}
	case "band":
		if len(s.Bands) == 0 {
			c.errorf(e.col, "score %q has no bands", s.ID)
		}
		e.ref = &reference{kind: refScoreBand, score: s}
		var codes []string
		for _, b := range s.Bands {
			codes = append(codes, b.Code)
		}
		return typeInfo{t: tCode, domain: codes}
	case "positive":
		if s.Positive == nil {
			c.errorf(e.col, "score %q has no positive condition", s.ID)
		}
		e.ref = &reference{kind: refScorePositive, score: s}
		return typeInfo{t: tBool}
	}
	c.errorf(e.col, "score %q has no part %q (use %s, %s.band or %s.positive)", s.ID, part, s.ID, s.ID, s.ID)
	return typeInfo{t: tBool}
}

// scoreRange is the range of values a number score can take.
func scoreRange(s *Score) (lo, hi int) {
	switch s.Kind {
	case Sum:
		for _, it := range s.Items {
			lo += it.minN
			hi += it.maxN
		}
		return lo, hi
	case Count:
		return 0, len(s.Items)
	}
	return 0, -1
}

func (c *checker) checkCompare(e *expr) {
	left, right := e.args[0], e.args[1]
	if left.kind == exprWord && !c.isName(left) {
		c.errorf(left.col, "unknown name %q%s (the left side of %s must be an item, score or setting)", left.word, suggest(left.word, c.knownNames()), e.op)
		return
	}
	lt := c.check(left)
	if c.bad {
		return
	}
	switch e.op {
	case "=", "!=":
		c.checkEquals(e, lt, right)
	case "<", "<=", ">", ">=":
		c.checkOrdering(e, lt)
	case "in":
		if lt.t != tCode {
			c.errorf(left.col, "%q does not take one answer code, so in does not apply (use has for a multi answer)", left.String())
			return
		}
		c.checkCodeList(right, lt, left)
	case "has":
		c.checkHas(e, lt)
	}
}

// checkOrdering: <, <=, > and >= compare numbers.
func (c *checker) checkOrdering(e *expr, lt typeInfo) {
	left, right := e.args[0], e.args[1]
	if lt.t != tNumber && !(lt.t == tCode && lt.item != nil && lt.item.numeric) {
		c.errorf(left.col, "%q is not a number, so it cannot be compared with %s", left.String(), e.op)
		return
	}
	if rt := c.check(right); rt.t != tNumber && !c.bad {
		c.errorf(right.col, "%q is not a number (expected a number after %s)", right.String(), e.op)
	}
}

// checkHas: has applies to a multiple-choice item, with a code or a list.
func (c *checker) checkHas(e *expr, lt typeInfo) {
	left, right := e.args[0], e.args[1]
	if lt.t != tCodes {
		c.errorf(left.col, "%q is not a multiple-choice item, so has does not apply (use = or in)", left.String())
		return
	}
	if right.kind == exprList || c.isSetting(right) {
		c.checkCodeList(right, lt, left)
	} else {
		c.checkCode(right, lt, left)
	}
}

func (c *checker) isName(e *expr) bool {
	if _, err := strconv.Atoi(e.word); err == nil {
		return true
	}
	_, isItem := c.def.items[e.word]
	_, isCond := c.def.conditions[e.word]
	scoreID, _, _ := strings.Cut(e.word, ".")
	_, isScore := c.def.scores[scoreID]
	isField := c.scope != nil && c.scope.Field(e.word) != nil
	return isItem || isCond || isScore || isField || strings.HasPrefix(e.word, "settings.")
}

func (c *checker) isSetting(e *expr) bool {
	return e.kind == exprWord && !e.quote && strings.HasPrefix(e.word, "settings.")
}

func (c *checker) checkEquals(e *expr, lt typeInfo, right *expr) {
	switch lt.t {
	case tNumber:
		if rt := c.check(right); rt.t != tNumber && !c.bad {
			c.errorf(right.col, "%q is not a number", right.String())
		}
	case tCode:
		c.checkCode(right, lt, e.args[0])
	case tCodes:
		c.errorf(e.args[0].col, "%q takes several answers; use has instead of %s", e.args[0].String(), e.op)
	default:
		c.errorf(e.args[0].col, "%q is a yes-or-no condition; use it on its own or with not", e.args[0].String())
	}
}

// checkCode checks that a word is an answer code of the thing it is compared with.
func (c *checker) checkCode(right *expr, lt typeInfo, left *expr) {
	if right.kind != exprWord {
		c.errorf(right.col, "expected an answer code of %s after the comparison", left.String())
		return
	}
	if !slices.Contains(lt.domain, right.word) {
		c.errorf(right.col, "%s has no answer code %q%s (codes: %s)", left.String(), right.word, suggest(right.word, lt.domain), strings.Join(lt.domain, ", "))
	}
}

func (c *checker) checkCodeList(right *expr, lt typeInfo, left *expr) {
	if c.isSetting(right) {
		rt := c.check(right)
		if c.bad {
			return
		}
		if rt.t != tCodeList {
			c.errorf(right.col, "%s is a number, not a list of codes", right.word)
			return
		}
		for _, code := range rt.domain {
			if !slices.Contains(lt.domain, code) {
				c.errorf(right.col, "%s holds %q, which is not an answer code of %s", right.word, code, left.String())
			}
		}
		return
	}
	if right.kind != exprList {
		c.errorf(right.col, "expected a list like [a, b] or settings.NAME after %s", left.String())
		return
	}
	if len(right.args) == 0 {
		c.errorf(right.col, "the list is empty, so the condition can never hold")
	}
	for _, code := range right.args {
		c.checkCode(code, lt, left)
	}
}

// dependencies lists the items a condition reads, through scores and named
// conditions too.
func dependencies(e *expr, seen map[any]bool) []*Item {
	if e == nil {
		return nil
	}
	var out []*Item
	if r := e.ref; r != nil {
		switch r.kind {
		case refItem:
			out = append(out, r.item)
		case refScore, refScoreBand, refScorePositive:
			if !seen[r.score] {
				seen[r.score] = true
				out = append(out, scoreDependencies(r.score, seen)...)
			}
		case refCondition:
			if !seen[r.cond] && r.cond.When != nil {
				seen[r.cond] = true
				out = append(out, dependencies(r.cond.When.root, seen)...)
			}
		}
	}
	for _, a := range e.args {
		out = append(out, dependencies(a, seen)...)
	}
	return out
}

func scoreDependencies(s *Score, seen map[any]bool) []*Item {
	out := slices.Clone(s.Items)
	if s.List != nil {
		out = append(out, s.List)
	}
	for _, cs := range s.Cases {
		if cs.When != nil {
			out = append(out, dependencies(cs.When.root, seen)...)
		}
	}
	for _, c := range []*Condition{s.Where, s.Positive} {
		if c != nil {
			out = append(out, dependencies(c.root, seen)...)
		}
	}
	return out
}

// checkCycles reports named conditions and scores that depend on themselves.
func (l *loader) checkCycles() {
	for _, nc := range l.def.Conditions {
		f := cycleFinder{state: map[any]int{nc: 1}}
		if nc.When != nil && !f.visit(nc, nc.When.root) {
			l.r.errs.add(nc.Pos, fmt.Sprintf("condition %q depends on itself", nc.ID))
		}
	}
	for _, s := range l.def.Scores {
		f := cycleFinder{state: map[any]int{s: 1}}
		for _, x := range scoreExprs(s) {
			if !f.visit(s, x) {
				l.r.errs.add(s.Pos, fmt.Sprintf("score %q depends on itself", s.ID))
				break
			}
		}
	}
}

// cycleFinder walks what conditions and scores read, depth first; state
// is 1 while a node is being visited and 2 once it is done.
type cycleFinder struct {
	state map[any]int
}

// visit reads expression e of node; it tells false on a cycle.
func (f *cycleFinder) visit(node any, e *expr) bool {
	for _, sub := range subExprs(e) {
		next, exprs, ok := reads(node, sub.ref)
		if !ok || f.state[next] == 2 {
			continue
		}
		if f.state[next] == 1 {
			return false
		}
		f.state[next] = 1
		for _, x := range exprs {
			if !f.visit(next, x) {
				return false
			}
		}
		f.state[next] = 2
	}
	return true
}

// reads is the condition or score a reference of node leads to, and the
// expressions it reads; ok is false for anything else.
func reads(node any, r *reference) (next any, exprs []*expr, ok bool) {
	if r == nil {
		return nil, nil, false
	}
	switch r.kind {
	case refCondition:
		if r.cond.When != nil {
			exprs = []*expr{r.cond.When.root}
		}
		return r.cond, exprs, true
	case refScore, refScoreBand, refScorePositive:
		if r.score == node {
			return nil, nil, false // a score's positive condition may read its own value
		}
		return r.score, scoreExprs(r.score), true
	}
	return nil, nil, false
}

func subExprs(e *expr) []*expr {
	if e == nil {
		return nil
	}
	out := []*expr{e}
	for _, a := range e.args {
		out = append(out, subExprs(a)...)
	}
	return out
}

func scoreExprs(s *Score) []*expr {
	var out []*expr
	for _, cs := range s.Cases {
		if cs.When != nil {
			out = append(out, cs.When.root)
		}
	}
	for _, c := range []*Condition{s.Where, s.Positive} {
		if c != nil {
			out = append(out, c.root)
		}
	}
	return out
}

// checkScores checks that bands cover a score's whole range without gaps or overlaps.
func (l *loader) checkScores() {
	for _, s := range l.def.Scores {
		s.minN, s.maxN = scoreRange(s)
		if s.Kind == Classify && len(s.Bands) > 0 {
			l.r.errs.add(s.Pos, fmt.Sprintf("score %q is a classification and cannot have bands", s.ID))
			continue
		}
		if len(s.Bands) == 0 {
			continue
		}
		next := s.minN
		for _, b := range s.Bands {
			switch {
			case b.Min > next:
				l.r.errs.add(s.Pos, fmt.Sprintf("score %q: no band covers %d to %d", s.ID, next, b.Min-1))
			case b.Min < next:
				l.r.errs.add(s.Pos, fmt.Sprintf("score %q: band %q starts at %d, inside the band before it (bands go from low to high without overlap)", s.ID, b.Code, b.Min))
			}
			next = b.Max + 1
		}
		if s.maxN >= 0 && next-1 != s.maxN {
			l.r.errs.add(s.Pos, fmt.Sprintf("score %q can reach %d but its bands end at %d", s.ID, s.maxN, next-1))
		}
	}
}

func (l *loader) checkSettings() {
	for _, s := range l.def.Settings {
		if len(s.Allowed) == 0 {
			continue
		}
		values := s.Codes
		if s.isNumber {
			values = []string{strconv.Itoa(*s.Number)}
		}
		for _, v := range values {
			if !slices.Contains(s.Allowed, v) {
				l.r.errs.add(s.Pos, fmt.Sprintf("setting %q: %s is not an allowed value (the sources allow %s)", s.ID, v, strings.Join(s.Allowed, ", ")))
			}
		}
		if s.ofItem != nil {
			for _, v := range values {
				if s.ofItem.Option(v) == nil {
					l.r.errs.add(s.Pos, fmt.Sprintf("setting %q: %q is not an answer code of %s", s.ID, v, s.Of))
				}
			}
		}
	}
}

// checkFlow checks that show_if conditions only read answers given earlier
// and that every item can be shown.
func (l *loader) checkFlow() {
	l.checkItemFlow()
	l.checkSectionFlow()
	for _, it := range l.def.Items {
		for i, f := range it.Fields {
			l.checkFieldFlow(it, i, f)
		}
	}
}

// checkItemFlow: an item's show_if reads only earlier answers, and can hold.
func (l *loader) checkItemFlow() {
	for _, it := range l.def.Items {
		it.reachable = true
		if it.ShowIf == nil || it.ShowIf.root == nil {
			continue
		}
		for _, dep := range dependencies(it.ShowIf.root, map[any]bool{}) {
			if dep.Type != Control && dep.Index >= it.Index {
				l.r.errs.add(it.ShowIf.Pos, fmt.Sprintf("item %q: show_if reads %q, which is asked at the same time or later (an item can only depend on earlier answers)", it.ID, dep.ID))
			}
		}
		if !possible(it.ShowIf.root) {
			it.reachable = false
			l.r.errs.add(it.Pos, fmt.Sprintf("item %q can never be shown: its show_if %q can never hold", it.ID, it.ShowIf.Source))
		}
	}
}

// checkSectionFlow: a section has items, and its show_if reads only answers
// asked before it, and can hold.
func (l *loader) checkSectionFlow() {
	for _, sec := range l.def.Sections {
		if len(sec.Items) == 0 {
			l.r.errs.add(sec.Pos, fmt.Sprintf("section %q has no items", sec.ID))
			continue
		}
		if sec.ShowIf == nil || sec.ShowIf.root == nil {
			continue
		}
		first := sec.Items[0]
		for _, dep := range dependencies(sec.ShowIf.root, map[any]bool{}) {
			if dep.Type != Control && dep.Index >= first.Index {
				l.r.errs.add(sec.ShowIf.Pos, fmt.Sprintf("section %q: show_if reads %q, which is asked in the section or later (a section can only depend on earlier answers)", sec.ID, dep.ID))
			}
		}
		if !possible(sec.ShowIf.root) {
			l.r.errs.add(sec.Pos, fmt.Sprintf("section %q can never be shown: its show_if %q can never hold", sec.ID, sec.ShowIf.Source))
			for _, it := range sec.Items {
				it.reachable = false
			}
		}
	}
}

// checkFieldFlow checks that a list field's show_if reads only the entry's
// earlier fields and items asked before the list.
func (l *loader) checkFieldFlow(list *Item, index int, f *Item) {
	if f.ShowIf == nil || f.ShowIf.root == nil {
		return
	}
	if index == 0 {
		l.r.errs.add(f.ShowIf.Pos, fmt.Sprintf("field %q of %s: the first field is always asked, so it cannot have show_if", f.ID, list.ID))
		return
	}
	for _, e := range subExprs(f.ShowIf.root) {
		if e.ref != nil && e.ref.kind == refField && slices.Index(list.Fields, e.ref.item) >= index {
			l.r.errs.add(f.ShowIf.Pos, fmt.Sprintf("field %q of %s: show_if reads the field %q, which is asked at the same time or later", f.ID, list.ID, e.ref.item.ID))
		}
	}
	for _, dep := range dependencies(f.ShowIf.root, map[any]bool{}) {
		if dep.Type != Control && dep.Index >= list.Index {
			l.r.errs.add(f.ShowIf.Pos, fmt.Sprintf("field %q of %s: show_if reads %q, which is asked at the same time or later", f.ID, list.ID, dep.ID))
		}
	}
	if !possible(f.ShowIf.root) {
		l.r.errs.add(f.Pos, fmt.Sprintf("field %q of %s can never be shown: its show_if %q can never hold", f.ID, list.ID, f.ShowIf.Source))
	}
}

// checkRules reports rules and flags that can never fire, and results no rule leads to.
func (l *loader) checkRules() {
	l.checkRulesCanFire(l.def.OutcomeRule)
	l.checkRulesCanFire(l.def.PathwayRule)
	l.checkStopRulesFirst()
	l.checkPathwayFallback()
	l.checkOutcomesLed()
	l.checkFlagsPossible()
	l.checkScoreCases()
	l.checkCrisis()
}

// checkRulesCanFire reports rules that can never fire: after a rule that
// always holds, after one with the same condition, or never holding.
func (l *loader) checkRulesCanFire(list []*Rule) {
	var always *Rule
	seen := map[string]*Rule{}
	for _, r := range list {
		if r.When == nil || r.When.root == nil {
			continue
		}
		canon := r.When.root.String()
		switch {
		case always != nil:
			l.r.errs.add(r.Pos, fmt.Sprintf("rule %q can never fire: rule %q before it always holds", r.ID, always.ID))
		case seen[canon] != nil:
			l.r.errs.add(r.Pos, fmt.Sprintf("rule %q can never fire: rule %q before it has the same condition", r.ID, seen[canon].ID))
		case !possible(r.When.root):
			l.r.errs.add(r.Pos, fmt.Sprintf("rule %q can never fire: %q can never hold", r.ID, r.When.Source))
		}
		seen[canon] = r
		if r.When.root.kind == exprAlways && always == nil {
			always = r
		}
	}
}

// checkStopRulesFirst: the outcome rules that end the flow (safety) come
// before every other outcome rule.
func (l *loader) checkStopRulesFirst() {
	var nonStop *Rule
	for _, r := range l.def.OutcomeRule {
		if r.Result == nil {
			continue
		}
		if !r.Result.EndsFlow {
			nonStop = r
		} else if nonStop != nil {
			l.r.errs.add(r.Pos, fmt.Sprintf("rule %q ends the flow, so it must come before rule %q, which does not (safety outcomes are checked first)", r.ID, nonStop.ID))
		}
	}
}

// checkPathwayFallback: the last pathway rule always holds.
func (l *loader) checkPathwayFallback() {
	if n := len(l.def.PathwayRule); n > 0 {
		if last := l.def.PathwayRule[n-1]; last.When != nil && last.When.root != nil && last.When.root.kind != exprAlways {
			l.r.errs.add(last.Pos, fmt.Sprintf("the last pathway rule %q must be \"when: always\", so that every completed screening gets a pathway", last.ID))
		}
	}
}

// checkOutcomesLed: every outcome and pathway has a rule leading to it.
func (l *loader) checkOutcomesLed() {
	rules := append(slices.Clone(l.def.OutcomeRule), l.def.PathwayRule...)
	for _, o := range append(slices.Clone(l.def.Outcomes), l.def.Pathways...) {
		if !slices.ContainsFunc(rules, func(r *Rule) bool { return r.Result == o }) {
			l.r.errs.add(o.Pos, fmt.Sprintf("no rule leads to %q, so it can never be the result", o.ID))
		}
	}
}

func (l *loader) checkFlagsPossible() {
	for _, f := range l.def.Flags {
		if f.When != nil && f.When.root != nil && !possible(f.When.root) {
			l.r.errs.add(f.Pos, fmt.Sprintf("flag %q can never be raised: %q can never hold", f.ID, f.When.Source))
		}
	}
}

func (l *loader) checkScoreCases() {
	for _, s := range l.def.Scores {
		for i, cs := range s.Cases {
			if cs.When == nil || cs.When.root == nil {
				continue
			}
			if !possible(cs.When.root) {
				l.r.errs.add(s.Pos, fmt.Sprintf("score %q: the case %q can never hold", s.ID, cs.Result))
			}
			if cs.When.root.kind == exprAlways && i < len(s.Cases)-1 {
				l.r.errs.add(s.Pos, fmt.Sprintf("score %q: the cases after %q can never be reached", s.ID, cs.Result))
			}
		}
	}
}

// checkCrisis finds the crisis outcome: the one "I need help now" leads to.
// Pressing it must end the questions at once, whatever else was answered,
// or the button would not reach the crisis screen.
func (l *loader) checkCrisis() {
	if len(*l.r.errs) > 0 {
		return // the session below needs a sound definition
	}
	it := l.def.Item(HelpNow)
	if it == nil || it.Type != Control {
		l.r.errs.add(Pos{File: l.def.File, Line: 1, Column: 1}, fmt.Sprintf("there is no control item %q: the \"I need help now\" button sets it, and an outcome rule on it must lead to the crisis screen", HelpNow))
		return
	}
	s := NewSessionWith(l.def, Answers{HelpNow: {Code: "yes"}})
	outcome, ended := s.Ended()
	if !ended {
		l.r.errs.add(it.Pos, fmt.Sprintf("no outcome rule that ends the flow holds for %s = yes: the \"I need help now\" button must lead to the crisis screen at once", HelpNow))
		return
	}
	l.def.Crisis = outcome
}

// checkTexts reports wording missing in a declared language, or given in an
// undeclared one.
func (l *loader) checkTexts() {
	c := &textChecker{l: l, required: l.def.Languages, options: map[*Option]bool{}}
	c.instrumentsAndSections()
	c.scores()
	c.outcomesAndRules()
	c.notices()
}

// textChecker checks the wording of one definition; required are the
// languages the text being checked must have (a part asked in fewer
// languages needs only those).
type textChecker struct {
	l        *loader
	required []string
	options  map[*Option]bool // answer sets are shared: report each once
}

func (c *textChecker) check(t Text, pos Pos, what string) {
	d := c.l.def
	if t == nil || t[neutralLanguage] != "" {
		return // nothing, or the same in every language
	}
	for _, lang := range c.required {
		if strings.TrimSpace(t[lang]) == "" {
			c.l.r.errs.add(pos, fmt.Sprintf("%s has no %s wording", what, lang))
		}
	}
	for lang := range t {
		if !slices.Contains(d.Languages, lang) {
			c.l.r.errs.add(pos, fmt.Sprintf("%s has wording in %q, which is not among the definition's languages (%s)", what, lang, strings.Join(d.Languages, ", ")))
		}
	}
}

// only is the languages a part asked in langs must be worded in.
func (c *textChecker) only(langs []string) []string {
	if len(langs) == 0 {
		return c.l.def.Languages
	}
	return langs
}

func (c *textChecker) instrumentsAndSections() {
	d := c.l.def
	for _, in := range d.Instruments {
		c.required = c.only(in.Languages)
		c.check(in.Name, in.Pos, fmt.Sprintf("instrument %q: name", in.ID))
		c.check(in.Stem, in.Pos, fmt.Sprintf("instrument %q: stem", in.ID))
		c.check(in.Attribution, in.Pos, fmt.Sprintf("instrument %q: attribution", in.ID))
	}
	for _, sec := range d.Sections {
		c.required = d.Languages
		c.check(sec.Title, sec.Pos, fmt.Sprintf("section %q: title", sec.ID))
		c.check(sec.NotOffered, sec.Pos, fmt.Sprintf("section %q: not_offered", sec.ID))
		c.required = c.only(sec.Languages)
		for _, it := range sec.Items {
			checkItemTexts(it, c.check, c.options)
		}
	}
	c.required = d.Languages
	for _, it := range d.Items {
		if it.Type == Control {
			checkItemTexts(it, c.check, c.options)
		}
	}
}

func (c *textChecker) scores() {
	for _, s := range c.l.def.Scores {
		c.check(s.Name, s.Pos, fmt.Sprintf("score %q: name", s.ID))
		c.check(s.Cutoff, s.Pos, fmt.Sprintf("score %q: cutoff", s.ID))
		for _, b := range s.Bands {
			c.check(b.Text, s.Pos, fmt.Sprintf("score %q: band %q", s.ID, b.Code))
		}
		for _, cs := range s.Cases {
			c.check(cs.Text, s.Pos, fmt.Sprintf("score %q: result %q", s.ID, cs.Result))
			c.check(cs.Provider, s.Pos, fmt.Sprintf("score %q: result %q: provider", s.ID, cs.Result))
		}
		c.check(s.OtherwiseText, s.Pos, fmt.Sprintf("score %q: result %q", s.ID, s.Otherwise))
		for i, e := range s.NotCounted {
			c.check(e.Text, s.Pos, fmt.Sprintf("score %q: not_counted reason %d", s.ID, i+1))
		}
		c.check(s.Duplicate, s.Pos, fmt.Sprintf("score %q: duplicate", s.ID))
	}
}

func (c *textChecker) outcomesAndRules() {
	d := c.l.def
	for _, o := range append(slices.Clone(d.Outcomes), d.Pathways...) {
		c.check(o.Headline, o.Pos, fmt.Sprintf("%q: headline", o.ID))
		c.check(o.Explanation, o.Pos, fmt.Sprintf("%q: explanation", o.ID))
		c.check(o.Provider, o.Pos, fmt.Sprintf("%q: provider", o.ID))
		for i, s := range o.NextSteps {
			c.check(s, o.Pos, fmt.Sprintf("%q: next step %d", o.ID, i+1))
		}
	}
	for _, r := range append(slices.Clone(d.OutcomeRule), d.PathwayRule...) {
		c.check(r.Reason, r.Pos, fmt.Sprintf("rule %q: reason", r.ID))
		c.check(r.KioskReason, r.Pos, fmt.Sprintf("rule %q: kiosk_reason", r.ID))
	}
	for _, g := range d.FlagGroups {
		c.check(g.Title, g.Pos, fmt.Sprintf("flag group %q: title", g.ID))
		c.check(g.Provider, g.Pos, fmt.Sprintf("flag group %q: provider", g.ID))
	}
	for _, f := range d.Flags {
		c.check(f.Text, f.Pos, fmt.Sprintf("flag %q: text", f.ID))
		c.check(f.Provider, f.Pos, fmt.Sprintf("flag %q: provider", f.ID))
	}
}

// notices checks the rest: the summary's titles, crisis lines, notices,
// settings, sources and the education topics.
func (c *textChecker) notices() {
	d := c.l.def
	for i, p := range d.Summary {
		c.check(p.Title, p.Pos, fmt.Sprintf("summary part %d: title", i+1))
	}
	for _, r := range d.Resources {
		c.check(r.Text, r.Pos, fmt.Sprintf("resource %q: text", r.ID))
	}
	for _, key := range sortedKeys(d.Texts) {
		c.check(d.Texts[key], c.l.textPos[key], fmt.Sprintf("text %q", key))
	}
	for _, s := range d.Settings {
		c.check(s.Note, s.Pos, fmt.Sprintf("setting %q: note", s.ID))
	}
	for _, s := range d.Sources {
		c.check(s.Citation, s.Pos, fmt.Sprintf("source %q: citation", s.ID))
	}
	for i, t := range d.Education {
		c.check(t.Heading, t.Pos, fmt.Sprintf("education topic %d: heading", i+1))
		c.check(t.Body, t.Pos, fmt.Sprintf("education topic %d: text", i+1))
	}
}

func checkItemTexts(it *Item, check func(Text, Pos, string), checkedOptions map[*Option]bool) {
	check(it.Text, it.Pos, fmt.Sprintf("item %q: text", it.ID))
	check(it.Help, it.Pos, fmt.Sprintf("item %q: help", it.ID))
	check(it.Label, it.Pos, fmt.Sprintf("item %q: label", it.ID))
	for _, o := range it.Options {
		if !checkedOptions[o] {
			checkedOptions[o] = true
			check(o.Text, o.Pos, fmt.Sprintf("item %q: answer %q", it.ID, o.Code))
		}
	}
	for _, f := range it.Fields {
		checkItemTexts(f, check, checkedOptions)
	}
}
