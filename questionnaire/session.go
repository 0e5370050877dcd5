package questionnaire

import (
	"fmt"
	"slices"
)

// Session is the answer state of one person working through a definition.
// It decides what is shown next; screens render it and report answers back.
// A Session is not safe for use by several goroutines at once.
type Session struct {
	def     *Definition
	lang    string // sections not offered in it are not asked
	answers Answers
	// acknowledged holds interrupting outcomes (urgent) already shown.
	acknowledged map[string]bool
	// kept are the reasons of outcomes that stay, as they held when shown.
	kept map[string][]Reason
	// ended and endedAt: the session ended (End) on that item.
	ended   bool
	endedAt string
	// changing: an answer is being changed from the review (Change), so
	// the navigation leads back to the review.
	changing bool
}

// NewSession starts an empty session.
func NewSession(def *Definition) *Session {
	return &Session{def: def, answers: Answers{}, acknowledged: map[string]bool{}, kept: map[string][]Reason{}}
}

// NewSessionWith starts a session holding the given answers (from an answers
// file or an example). The answers must have been checked against def.
func NewSessionWith(def *Definition, answers Answers) *Session {
	s := NewSession(def)
	for id, a := range answers {
		s.answers[id] = a.clone()
	}
	return s
}

// SetLanguage sets the language the person answers in. Sections not offered
// in it (the PC-PTSD-5 in Spanish) are not asked; answers given in another
// language are kept but do not count. Changing it loses nothing.
func (s *Session) SetLanguage(lang string) { s.lang = lang }

// Language returns the session's language ("" until one is set).
func (s *Session) Language() string { return s.lang }

// SkippedSections lists the sections not asked in the session's language.
func (s *Session) SkippedSections() []*Section {
	var out []*Section
	for _, sec := range s.def.Sections {
		if !sec.OfferedIn(s.lang) {
			out = append(out, sec)
		}
	}
	return out
}

// Definition returns the definition the session follows.
func (s *Session) Definition() *Definition { return s.def }

// Reset forgets every answer, entry and acknowledgement: the next person
// starts from nothing.
func (s *Session) Reset() {
	clear(s.answers)
	clear(s.acknowledged)
	s.answers = Answers{}
	s.acknowledged = map[string]bool{}
	clear(s.kept)
	s.kept = map[string][]Reason{}
	s.ended, s.endedAt = false, ""
}

// IsEmpty tells whether the session holds no answer at all.
func (s *Session) IsEmpty() bool {
	return len(s.answers) == 0 && len(s.acknowledged) == 0 && len(s.kept) == 0 && !s.ended
}

// Answers returns a copy of every answer given, including answers to items
// that are now hidden (they do not count, but come back if the item does).
func (s *Session) Answers() Answers {
	out := Answers{}
	for id, a := range s.answers {
		out[id] = a.clone()
	}
	return out
}

// Answer returns the answer given to an item.
func (s *Session) Answer(id string) (Answer, bool) {
	a, ok := s.answers[id]
	return a.clone(), ok
}

func (s *Session) item(id string, types ...ItemType) (*Item, error) {
	it := s.def.Item(id)
	if it == nil {
		return nil, fmt.Errorf("unknown item %q", id)
	}
	if !slices.Contains(types, it.Type) {
		return nil, fmt.Errorf("item %q is a %s item", id, it.Type)
	}
	return it, nil
}

// Choose answers a single-choice item (or a control) with one code.
func (s *Session) Choose(id, code string) error {
	it, err := s.item(id, Choice, Control)
	if err != nil {
		return err
	}
	if msg := checkCode(it, "item "+id, code); msg != "" {
		return fmt.Errorf("%s", msg)
	}
	s.answers[id] = Answer{Code: code}
	return nil
}

// ChooseMany answers a multi-choice item. Choosing an exclusive code such as
// "none" together with others is an error; an empty choice clears the answer.
func (s *Session) ChooseMany(id string, codes []string) error {
	it, err := s.item(id, Multi)
	if err != nil {
		return err
	}
	if len(codes) == 0 {
		delete(s.answers, id)
		return nil
	}
	a, msg := decodeMulti(it, rawAnswer{kind: rawCodes, codes: codes})
	if msg != "" {
		return fmt.Errorf("%s", msg)
	}
	s.answers[id] = a
	return nil
}

// PressHelpNow records that the person asked for help now. The outcome is
// crisis from this moment on, whatever else was answered.
func (s *Session) PressHelpNow() {
	s.answers[HelpNow] = Answer{Code: "yes"}
}

// HelpNow is the id of the control item the "I need help now" button sets.
const HelpNow = "help_now"

// Clear removes the answer to an item.
func (s *Session) Clear(id string) { delete(s.answers, id) }

// Entries returns a copy of the entries of a list item.
func (s *Session) Entries(listID string) []Entry {
	a := s.answers[listID]
	return a.clone().Entries
}

// AddEntry adds an entry to a list item and returns its index. An entry may be
// partial while the person fills it in; Unanswered lists what it still lacks.
// A list keeps at most MaxEntries entries.
func (s *Session) AddEntry(listID string, e Entry) (int, error) {
	it, err := s.item(listID, List)
	if err != nil {
		return 0, err
	}
	if err := checkEntry(it, e); err != nil {
		return 0, err
	}
	a := s.answers[listID]
	if len(a.Entries) >= MaxEntries {
		return 0, fmt.Errorf("%s keeps at most %d entries", listID, MaxEntries)
	}
	a.Entries = append(a.Entries, e.clone())
	s.answers[listID] = a
	return len(a.Entries) - 1, nil
}

// UpdateEntry replaces entry i of a list item.
func (s *Session) UpdateEntry(listID string, i int, e Entry) error {
	it, err := s.item(listID, List)
	if err != nil {
		return err
	}
	a := s.answers[listID]
	if i < 0 || i >= len(a.Entries) {
		return fmt.Errorf("%s has no entry %d", listID, i+1)
	}
	if err := checkEntry(it, e); err != nil {
		return err
	}
	a.Entries[i] = e.clone()
	return nil
}

// RemoveEntry removes entry i of a list item.
func (s *Session) RemoveEntry(listID string, i int) error {
	if _, err := s.item(listID, List); err != nil {
		return err
	}
	a := s.answers[listID]
	if i < 0 || i >= len(a.Entries) {
		return fmt.Errorf("%s has no entry %d", listID, i+1)
	}
	a.Entries = slices.Delete(a.Entries, i, i+1)
	s.answers[listID] = a
	return nil
}

func checkEntry(it *Item, e Entry) error {
	for _, k := range sortedKeys(e) {
		f := it.Field(k)
		if f == nil {
			return fmt.Errorf("%s has no field %q", it.ID, k)
		}
		if e[k] == "" {
			continue
		}
		if f.Type == TextField {
			if _, msg := CleanText(e[k]); msg != "" {
				return fmt.Errorf("field %s: %s", k, msg)
			}
			continue
		}
		if msg := checkCode(f, "field "+k, e[k]); msg != "" {
			return fmt.Errorf("%s", msg)
		}
	}
	return nil
}

// flow is the state of the questions given the answers so far.
type flow struct {
	counted Answers         // answers to shown items, the only ones that count
	shown   map[string]bool // items shown to the person
	order   []*Item         // shown asked items in order
	endedBy *Rule           // the rule that ended the flow early, if any
	endedAt *Item           // the last item before the end (nil: before the first)
}

// walk goes through the items in order, as the person would: an item is
// shown when its show_if holds on the answers before it, and the flow stops
// as soon as an outcome that ends it (crisis, adult_only) holds.
func (s *Session) walk() *flow {
	f := &flow{counted: Answers{}, shown: map[string]bool{}}
	for _, it := range s.def.Items {
		if a, ok := s.answers[it.ID]; ok && it.Type == Control {
			f.counted[it.ID] = a
		}
	}
	f.endedBy = s.stopRule(f)
	var last *Item
	for _, it := range s.def.Items {
		if f.endedBy != nil {
			break
		}
		if !s.asks(f, it) {
			continue
		}
		f.shown[it.ID] = true
		f.order = append(f.order, it)
		last = it
		if a, ok := s.answers[it.ID]; ok {
			f.counted[it.ID] = a
			f.endedBy = s.stopRule(f)
		}
	}
	if f.endedBy != nil {
		f.endedAt = last
	}
	return f
}

// asks tells whether the flow so far shows an item: not a control, in a
// section offered in the session's language whose show_if holds, and its
// own show_if holds.
func (s *Session) asks(f *flow, it *Item) bool {
	if it.Type == Control {
		return false
	}
	if sec := it.Section; sec != nil && (!sec.OfferedIn(s.lang) || !s.holdsIfGiven(f, sec.ShowIf)) {
		return false
	}
	return s.holdsIfGiven(f, it.ShowIf)
}

// holdsIfGiven tells whether a show_if holds on the flow so far; none holds.
func (s *Session) holdsIfGiven(f *flow, c *Condition) bool {
	if c == nil {
		return true
	}
	ok, _ := s.evaluator(f).holds(c)
	return ok
}

func (s *Session) evaluator(f *flow) *evaluator {
	ev := newEvaluator(s.def, f.counted)
	ev.shown = f.shown
	if s.ended {
		ev.ended, ev.reached = true, s.reachedItem(f)
	}
	return ev
}

// reachedItem is the index of the last item the person reached before the
// session ended: the item it ended on, or the last one answered.
func (s *Session) reachedItem(f *flow) int {
	last := -1
	if it := s.def.Item(s.endedAt); it != nil {
		last = it.Index
	}
	for _, it := range f.order {
		if _, ok := f.counted[it.ID]; ok && it.Index > last {
			last = it.Index
		}
	}
	return last
}

// stopRule returns the first outcome rule that holds when its outcome ends the flow.
func (s *Session) stopRule(f *flow) *Rule {
	ev := s.evaluator(f)
	for _, r := range s.def.OutcomeRule {
		if !r.Result.EndsFlow {
			return nil // rules that end the flow come first (checked when loading)
		}
		if ok, _ := ev.holds(r.When); ok {
			return r
		}
	}
	return nil
}

// Visible tells whether an item is shown given the answers so far.
func (s *Session) Visible(id string) bool { return s.walk().shown[id] }

// Flow returns the items the person is asked, in order, given the answers so
// far. It changes as answers change.
func (s *Session) Flow() []*Item { return s.walk().order }

// First returns the first item to ask, or nil.
func (s *Session) First() *Item {
	if order := s.Flow(); len(order) > 0 {
		return order[0]
	}
	return nil
}

// Next returns the item shown after the given one, or nil at the end of the
// flow (or when it ended early).
func (s *Session) Next(id string) *Item {
	f := s.walk()
	if f.endedBy != nil && (f.endedAt == nil || f.endedAt.ID == id) {
		return nil
	}
	it := s.def.Item(id)
	if it == nil {
		return nil
	}
	for _, o := range f.order {
		if o.Index > it.Index {
			return o
		}
	}
	return nil
}

// Previous returns the shown item before the given one, or nil at the start.
func (s *Session) Previous(id string) *Item {
	it := s.def.Item(id)
	if it == nil {
		return nil
	}
	var prev *Item
	for _, o := range s.walk().order {
		if o.Index >= it.Index {
			break
		}
		prev = o
	}
	return prev
}

// Unanswered lists the shown items that still need an answer, in order: an
// unanswered item, a list with too few entries, or an entry with a missing field.
func (s *Session) Unanswered() []*Item { return s.unanswered(s.walk()) }

func (s *Session) unanswered(f *flow) []*Item {
	var out []*Item
	for _, it := range f.order {
		if !s.isAnswered(f, it) {
			out = append(out, it)
		}
	}
	return out
}

func (s *Session) isAnswered(f *flow, it *Item) bool {
	a, ok := s.answers[it.ID]
	if it.Optional {
		return true
	}
	if !ok || (a.empty() && it.Type != List) {
		return false
	}
	if it.Type != List {
		return true
	}
	if len(a.Entries) < it.MinEntries {
		return false
	}
	for i, e := range a.Entries {
		if len(s.missingFields(f, it, i, e)) > 0 {
			return false
		}
	}
	return ok
}

// ItemComplete tells whether nothing is left to ask of an item: it is
// answered (a list: with enough entries, each with every field it asks),
// optional, or not shown.
func (s *Session) ItemComplete(id string) bool {
	it := s.def.Item(id)
	f := s.walk()
	return it == nil || !f.shown[id] || s.isAnswered(f, it)
}

// MissingFields lists the ids of the fields entry i of a list asks and
// leaves unanswered (its optional fields aside).
func (s *Session) MissingFields(listID string, i int) []string {
	list := s.def.Item(listID)
	entries := s.answers[listID].Entries
	if list == nil || i < 0 || i >= len(entries) {
		return nil
	}
	return s.missingFields(s.walk(), list, i, entries[i])
}

// missingFields lists the shown, required fields entry i leaves unanswered.
func (s *Session) missingFields(f *flow, list *Item, i int, e Entry) []string {
	var missing []string
	for _, field := range s.shownFields(f, list, i, e) {
		if !field.Optional && e[field.ID] == "" {
			missing = append(missing, field.ID)
		}
	}
	return missing
}

// shownFields lists the fields of entry i that are asked, given its answers.
func (s *Session) shownFields(f *flow, list *Item, i int, e Entry) []*Item {
	ev := s.evaluator(f)
	ev.list, ev.entry, ev.entryNo = list, e, i+1
	var out []*Item
	for _, field := range list.Fields {
		if ev.fieldShown(field) {
			out = append(out, field)
		}
	}
	return out
}

// FieldShownIn tells whether a field is asked for entry i of a list.
func (s *Session) FieldShownIn(listID string, i int, fieldID string) bool {
	for _, f := range s.EntryFields(listID, i) {
		if f.ID == fieldID {
			return true
		}
	}
	return false
}

// EntryFields lists the fields asked for entry i of a list, in order,
// given its answers so far: a field's show_if may hide it.
func (s *Session) EntryFields(listID string, i int) []*Item {
	list := s.def.Item(listID)
	entries := s.answers[listID].Entries
	if list == nil || i < 0 || i >= len(entries) {
		return nil
	}
	return s.shownFields(s.walk(), list, i, entries[i])
}

// Ended tells whether the flow ended early, and by which outcome (crisis, adult_only).
func (s *Session) Ended() (*Outcome, bool) {
	if r := s.walk().endedBy; r != nil {
		return r.Result, true
	}
	return nil, false
}

// Complete tells whether the flow is over: it ended early, or every shown
// item is answered.
func (s *Session) Complete() bool {
	f := s.walk()
	return f.endedBy != nil || len(s.unanswered(f)) == 0
}

// Notice returns an outcome that interrupts the flow (urgent) when it holds
// and has not been acknowledged yet, so the screens can show it at once.
// When an outcome ended the flow, it is one of the outcomes that must be
// shown before that one (its after list), if any holds.
func (s *Session) Notice() *Outcome {
	f := s.walk()
	ev := s.evaluator(f)
	if f.endedBy != nil {
		for _, o := range f.endedBy.Result.After {
			if !s.acknowledged[o.ID] && len(holdingRules(ev, s.def.OutcomeRule, o)) > 0 {
				return o
			}
		}
		return nil
	}
	for _, r := range s.def.OutcomeRule {
		if ok, _ := ev.holds(r.When); ok {
			if r.Result.Interrupts && !s.acknowledged[r.Result.ID] {
				return r.Result
			}
			return nil
		}
	}
	return nil
}

// Acknowledge records that the person has seen an interrupting outcome.
func (s *Session) Acknowledge(outcomeID string) {
	s.Shown(outcomeID)
	s.acknowledged[outcomeID] = true
}

// Shown records that an interrupting outcome's screen was shown. An outcome
// that stays (urgent) keeps, from then on, the reasons it was shown for and
// the answers behind them: a changed answer never withdraws it.
func (s *Session) Shown(outcomeID string) {
	o := s.def.Outcome(outcomeID)
	if o == nil || !o.Stays || s.kept[outcomeID] != nil {
		return
	}
	if reasons := holdingRules(s.evaluator(s.walk()), s.def.OutcomeRule, o); len(reasons) > 0 {
		s.kept[outcomeID] = reasons
	}
}

// holdingRules are the rules leading to outcome o that hold, with their causes.
func holdingRules(ev *evaluator, rules []*Rule, o *Outcome) []Reason {
	var out []Reason
	for _, r := range rules {
		if r.Result != o {
			continue
		}
		if ok, causes := ev.holds(r.When); ok {
			out = append(out, Reason{Rule: r, Causes: causes})
		}
	}
	return out
}

// End records that the session ended (closed, or timed out in a kiosk)
// while the person was on item at ("" when on no item). A score whose
// definition says what an unfinished screen counts as (the ASQ: positive)
// then counts that way if the person had reached it without finishing it.
func (s *Session) End(at string) {
	s.ended = true
	s.endedAt = at
}

// Progress tells where an item is in its section: its 1-based place among
// the section's questions and how many there are. Questions a branch may
// skip are counted, so the total never changes while someone answers; a
// skipped question is passed over, as a page number would be.
func (s *Session) Progress(id string) (section *Section, position, count int) {
	it := s.def.Item(id)
	if it == nil || it.Section == nil {
		return nil, 0, 0
	}
	for _, o := range it.Section.Items {
		if o.Type == Control || !o.reachable {
			continue
		}
		count++
		if o.Index <= it.Index {
			position = count
		}
	}
	return it.Section, position, count
}
