package questionnaire

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
)

// Pos is a place in a definition or answers file, for error messages.
type Pos struct {
	File   string
	Line   int
	Column int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column) }

// Text is a piece of wording keyed by language code ("en", "es").
type Text map[string]string

// neutralLanguage keys a text that is the same in every language, such as
// a bibliographic citation.
const neutralLanguage = "*"

// In returns the text in the given language, falling back to English and then
// to any language, so a screen never shows an empty string for a known text.
func (t Text) In(lang string) string {
	if s, ok := t[lang]; ok && s != "" {
		return s
	}
	if s, ok := t[neutralLanguage]; ok {
		return s
	}
	if s, ok := t["en"]; ok {
		return s
	}
	langs := make([]string, 0, len(t))
	for l := range t {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	if len(langs) > 0 {
		return t[langs[0]]
	}
	return ""
}

// ItemType tells how an item is answered.
type ItemType string

// The item types of the definition file.
const (
	// Choice items take one answer code.
	Choice ItemType = "choice"
	// Multi items take one or more answer codes.
	Multi ItemType = "multi"
	// List items take a list of entries, each answering the item's fields
	// (the medication list).
	List ItemType = "list"
	// Control items are not asked: the app sets them (the "I need help now" button).
	Control ItemType = "control"
	// Text fields of a list entry take a few words the person types (the
	// name of a medicine not in the list). They are kept with the entry and
	// printed in the summary, and no condition can read them.
	TextField ItemType = "text"
)

// MaxTextLength is the most characters a text field keeps.
const MaxTextLength = 80

// MaxEntries is the most entries a list item keeps (the medicines tried): far
// more than anyone lists (make bench times the list at 50), and few enough
// that an answers file cannot make a result or its PDF grow without end.
const MaxEntries = 60

// Option is one answer a person can give.
type Option struct {
	Code string
	Text Text
	// Also holds other names a person may search for (brand names of a medicine).
	Also []string
	// Coding is the answer's standard code (LOINC), if it has one.
	Coding *Coding
	Pos    Pos
}

// Item is one question, or one field of a list entry.
type Item struct {
	ID         string
	Type       ItemType
	Section    *Section
	Instrument *Instrument
	Text       Text
	Help       Text // optional extra line under the question
	Options    []*Option
	Optional   bool     // may be left unanswered
	Exclusive  []string // multi: codes that cannot be combined with others ("none")
	Fields     []*Item  // list: the questions asked for each entry
	MinEntries int      // list: entries needed when the item is visible
	// Label is a field's short name for summaries ("Time at the intended
	// dose"); empty means its question.
	Label Text
	// AlwaysOffer lists answers a searchable list always shows, whatever was
	// typed ("Another antidepressant", "I don't know the name").
	AlwaysOffer []string
	// NoStem keeps an instrument's stem off this item, which asks a question
	// of its own (the PHQ-9 difficulty question).
	NoStem bool
	// Coding is the question's standard code (LOINC), if it has one.
	Coding *Coding
	// ShowIf is when the item is shown. A list field's condition may read
	// the entry's earlier fields.
	ShowIf      *Condition
	Index       int // position in the flow (Definition.Items)
	Pos         Pos
	numeric     bool // every code is a whole number, so <, >= … apply
	minN, maxN  int  // range of the codes when numeric
	reachable   bool
	optionByKey map[string]*Option
}

// Option returns the option with the given code, or nil.
func (it *Item) Option(code string) *Option { return it.optionByKey[code] }

// Field returns the list field with the given id, or nil.
func (it *Item) Field(id string) *Item {
	for _, f := range it.Fields {
		if f.ID == id {
			return f
		}
	}
	return nil
}

// LabelIn is the field's short name, or else its question.
func (it *Item) LabelIn(lang string) string {
	if len(it.Label) > 0 {
		return it.Label.In(lang)
	}
	return it.Text.In(lang)
}

// Stem returns the instrument stem shown above the item, if any.
func (it *Item) Stem() Text {
	if it.Instrument == nil || it.NoStem {
		return nil
	}
	return it.Instrument.Stem
}

// Codes lists the item's answer codes in order.
func (it *Item) Codes() []string {
	codes := make([]string, len(it.Options))
	for i, o := range it.Options {
		codes[i] = o.Code
	}
	return codes
}

// Section groups items in the flow: start, mood, safety and so on.
type Section struct {
	ID    string
	Title Text
	Items []*Item
	// Languages lists the languages the section is asked in; empty means all.
	// The PC-PTSD-5 has no official Spanish wording, so its section is not
	// asked in Spanish.
	Languages []string
	// NotOffered says, in the other languages, that the section was not asked.
	NotOffered Text
	// ShowIf (optional) hides the whole section unless it holds (the adult
	// sections for a person under 18); it reads answers given before the
	// section.
	ShowIf *Condition
	Pos    Pos
}

// OfferedIn tells whether the section is asked in a language.
func (s *Section) OfferedIn(lang string) bool {
	return len(s.Languages) == 0 || lang == "" || slices.Contains(s.Languages, lang)
}

// Instrument is a validated questionnaire (PHQ-9, GAD-7, …) whose wording and
// attribution must be shown verbatim.
type Instrument struct {
	ID          string
	Name        Text
	Stem        Text
	Attribution Text
	Source      *Source
	// Languages lists the languages the instrument has an official wording in;
	// empty means every language of the definition.
	Languages []string
	// Coding is the instrument's standard panel code, if it has one.
	Coding *Coding
	Pos    Pos
}

// Source is a reference that a threshold, rule or text rests on.
type Source struct {
	ID string
	// Citation is the reference. A bibliographic one is written once, as
	// published; one with words of its own is written in every language.
	Citation Text
	Pos      Pos
}

// Setting is a value a clinic may change, such as the PC-PTSD-5 cut-off.
type Setting struct {
	ID       string
	Number   *int     // a number setting
	Codes    []string // a list-of-codes setting
	Of       string   // for codes: the item or field whose codes they are
	Allowed  []string // the values the sources allow; empty allows any
	Source   *Source
	Note     Text
	Pos      Pos
	ofItem   *Item
	isNumber bool
}

// ScoreKind tells how a score is computed.
type ScoreKind string

// The score kinds of the definition file.
const (
	// Sum adds the numeric answer codes of its items (PHQ-9, GAD-7).
	Sum ScoreKind = "sum"
	// Count counts its items answered with a given code (PC-PTSD-5 yes answers).
	Count ScoreKind = "count"
	// Classify gives the result code of the first case whose condition holds (ASQ).
	Classify ScoreKind = "classify"
	// CountEntries counts list entries that meet a condition (failed trials).
	CountEntries ScoreKind = "count_entries"
)

// Explanation is a condition with the plain words that say what it means.
type Explanation struct {
	When *Condition
	Text Text
}

// Band is a named range of a score, such as PHQ-9 10–14 "moderate".
type Band struct {
	Code     string
	Min, Max int
	Text     Text
}

// Case is one result of a classify score.
type Case struct {
	Result string
	When   *Condition
	Text   Text // to the person
	// Provider (optional) is the result in the provider summary's words.
	Provider Text
}

// Score is a number or classification computed from answers.
type Score struct {
	ID        string
	Name      Text
	Kind      ScoreKind
	Items     []*Item // sum, count
	CountCode string  // count: the code that is counted
	Bands     []*Band
	Positive  *Condition // optional: when the score counts as a positive screen
	// Cutoff (optional) is the score's cut-off as the provider summary
	// prints it ("≥ 10 screen positive"); without it the summary derives one
	// from Positive when that compares the score with a number.
	Cutoff Text
	// Completed (optional) is when the screen counts as completed (the
	// PC-PTSD-5: its exposure question answered yes or no). When it does not
	// hold the score is "not completed": never a value, never positive.
	Completed *Condition
	// Internal scores are read by rules and flags only: they are not among a
	// result's scores, on screen, in the summary or in the scorer's JSON.
	Internal      bool
	Cases         []*Case // classify
	Otherwise     string  // classify: result when no case holds
	OtherwiseText Text    // its text
	// Unfinished (classify, optional) is the result when the session ended
	// with the screen started but not finished (the ASQ toolkit treats a
	// refusal as positive); it names one of the cases.
	Unfinished string
	List       *Item      // count_entries
	Where      *Condition // count_entries, evaluated per entry
	// NotCounted says, per entry, why an entry was not counted (count_entries).
	NotCounted []*Explanation
	// Distinct (count_entries, optional) is a field of the list: entries with
	// the same answer to it count once ("different medicines").
	Distinct *Item
	// OwnCodes are answers to Distinct that are each their own value
	// ("another antidepressant", "I don't know the name"): every such entry
	// is a different medicine.
	OwnCodes []string
	// Excluding (count_entries, optional) is another score of the same list:
	// an entry whose Distinct answer that score counted counts for nothing
	// here, whichever entry that score counted it by.
	Excluding *Score
	// Duplicate is why an entry that meets Where is not counted, because its
	// Distinct answer was counted already (by this score or by Excluding).
	Duplicate Text
	Report    string // where the headless JSON puts it ("trials.failed")
	Source    *Source
	// Coding is the total's standard code (LOINC), if it has one.
	Coding     *Coding
	Pos        Pos
	minN, maxN int // range of the value; maxN < 0 means no upper bound
}

// ResultCodes lists the codes a classify score can give, otherwise last.
func (s *Score) ResultCodes() []string {
	var codes []string
	for _, c := range s.Cases {
		codes = append(codes, c.Result)
	}
	return append(codes, s.Otherwise)
}

// Band returns the band a value falls in, or nil.
func (s *Score) Band(value int) *Band {
	for _, b := range s.Bands {
		if value >= b.Min && value <= b.Max {
			return b
		}
	}
	return nil
}

// Condition is a parsed condition of the definition file.
type Condition struct {
	Source string // as written
	Pos    Pos    // where the text starts
	root   *expr
	colOff int // column offset from Pos to the first character of Source
}

// String returns the condition as written.
func (c *Condition) String() string { return c.Source }

// NamedCondition is a reusable condition of the definition's conditions section.
type NamedCondition struct {
	ID   string
	When *Condition
	Note Text
	Pos  Pos
}

// Outcome is a headline the app can give: an outcome (crisis, urgent, …) or a pathway.
type Outcome struct {
	ID         string
	EndsFlow   bool // crisis and adult_only stop the questions at once
	Interrupts bool // urgent is shown as soon as it is known, then the flow goes on
	// Stays (an interrupting outcome): once shown, a changed answer never
	// withdraws it; the result keeps it with the reasons it was shown for.
	Stays bool
	// After (an outcome that ends the flow) are interrupting outcomes shown
	// before it when their rules hold (the urgent screen before the
	// adults-only screen for a young person with a positive ASQ).
	After []*Outcome
	// OnlyFlags, when not nil, are the only flags given with this outcome
	// (none with crisis; only youth_safety with adult_only).
	OnlyFlags   []string
	Headline    Text
	Explanation Text
	// Provider (optional) says what the outcome means for the provider, in
	// the third person; without it the provider summary prints Explanation.
	Provider  Text
	NextSteps []Text
	Source    *Source
	Pos       Pos
}

// ForProvider is the outcome's meaning worded for the provider summary.
func (o *Outcome) ForProvider() Text { return orText(o.Provider, o.Explanation) }

// Rule leads to a result when its condition holds. The first rule that holds wins;
// every other rule for the same result that holds is reported as a reason too.
type Rule struct {
	ID     string
	Result *Outcome
	When   *Condition
	Reason Text
	// KioskReason, when given, replaces Reason on a clinic's kiosk, where
	// the words must differ from those read at home ("before you leave").
	KioskReason Text
	Source      *Source
	Pos         Pos
}

// ReasonFor returns the reason's words at home, or on a clinic's kiosk.
func (r *Rule) ReasonFor(kiosk bool) Text {
	if kiosk && len(r.KioskReason) > 0 {
		return r.KioskReason
	}
	return r.Reason
}

// FlagGroup groups flags on the result: hard stops, cautions, other evaluations.
type FlagGroup struct {
	ID    string
	Title Text // to the person
	// Provider (optional) is the group's title in the provider summary.
	Provider Text
	Pos      Pos
}

// ForProvider is the group's title in the provider summary.
func (g *FlagGroup) ForProvider() Text { return orText(g.Provider, g.Title) }

// Flag is something to raise with the provider.
type Flag struct {
	ID    string
	Group *FlagGroup
	When  *Condition
	Text  Text // to the person
	// Provider (optional) is the flag worded for the provider summary, in
	// the third person; without it the summary prints Text.
	Provider Text
	Source   *Source
	Pos      Pos
}

// ForProvider is the flag's wording for the provider summary.
func (f *Flag) ForProvider() Text { return orText(f.Provider, f.Text) }

// orText is t, or else when t has no wording.
func orText(t, otherwise Text) Text {
	if len(t) == 0 {
		return otherwise
	}
	return t
}

// SafetyLine is one line of the safety summary: a score or an item.
type SafetyLine struct {
	Score *Score
	Item  *Item
}

// Resource is a crisis line or service shown on every result.
type Resource struct {
	ID     string
	Text   Text
	Number string // what to call or text, as shown
	Pos    Pos
}

// Topic is one part of the "About ketamine therapy" screen.
type Topic struct {
	Heading Text
	Body    Text
	Source  *Source
	Pos     Pos
}

// Example is a worked case the definition carries: answers and what they must give.
type Example struct {
	Name    string
	Answers Answers
	Expect  Expectation
	Pos     Pos
}

// Expectation is what an example must give. Empty fields are not checked,
// except Flags, which is always compared when FlagsSet is true.
type Expectation struct {
	Outcome  string
	Pathway  string // "none" means no pathway
	Flags    []string
	FlagsSet bool
	Scores   map[string]ExpectedScore
}

// ExpectedScore is the value an example expects of one score.
type ExpectedScore struct {
	Value     *int
	Band      string
	Result    string
	Positive  *bool
	Completed *bool
}

// Definition is a whole questionnaire: what can be asked, how it is scored and
// which rules lead to which result. Load one with Load or Default.
type Definition struct {
	File        string
	ID          string
	Version     string
	Languages   []string
	Sources     []*Source
	Settings    []*Setting
	Sections    []*Section
	Instruments []*Instrument
	// CodeSystems are the standard code systems of the coding section.
	CodeSystems []*CodeSystem
	Items       []*Item // every item in flow order, control items included
	Scores      []*Score
	Conditions  []*NamedCondition
	Outcomes    []*Outcome
	OutcomeRule []*Rule
	Pathways    []*Outcome
	PathwayRule []*Rule
	// Crisis is the outcome "I need help now" leads to (help_now = yes):
	// its screen puts the crisis lines first and alerts a kiosk's staff.
	Crisis     *Outcome
	FlagGroups []*FlagGroup
	Flags      []*Flag
	Resources  []*Resource
	Texts      map[string]Text // notices every result shows (not a diagnosis, …)
	// SafetySummary lists the scores and items whose results a provider must
	// see whatever they are (the ASQ, PHQ-9 item 9): the provider's view
	// and summary always show them first.
	SafetySummary []SafetyLine
	// Summary is what the provider's summary shows after the scores.
	Summary   []*SummaryPart
	Education []*Topic // what ketamine therapy involves, for the education screen
	Examples  []*Example

	items      map[string]*Item
	scores     map[string]*Score
	conditions map[string]*NamedCondition
	settings   map[string]*Setting
}

// Item returns the item with the given id, or nil.
func (d *Definition) Item(id string) *Item { return d.items[id] }

// Score returns the score with the given id, or nil.
func (d *Definition) Score(id string) *Score { return d.scores[id] }

// Setting returns the setting with the given id, or nil.
func (d *Definition) Setting(id string) *Setting { return d.settings[id] }

// Outcome returns the outcome or pathway with the given id, or nil.
func (d *Definition) Outcome(id string) *Outcome {
	for _, r := range append(append([]*Outcome{}, d.Outcomes...), d.Pathways...) {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Flag returns the flag with the given id, or nil.
func (d *Definition) Flag(id string) *Flag {
	for _, f := range d.Flags {
		if f.ID == id {
			return f
		}
	}
	return nil
}

// Rule returns the outcome or pathway rule with the given id, or nil.
func (d *Definition) Rule(id string) *Rule {
	for _, r := range append(append([]*Rule{}, d.OutcomeRule...), d.PathwayRule...) {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// AskedItems returns the items a person answers, in flow order (control items left out).
func (d *Definition) AskedItems() []*Item {
	var out []*Item
	for _, it := range d.Items {
		if it.Type != Control {
			out = append(out, it)
		}
	}
	return out
}

func numericCodes(opts []*Option) (ok bool, lo, hi int) {
	if len(opts) == 0 {
		return false, 0, 0
	}
	for i, o := range opts {
		n, err := strconv.Atoi(o.Code)
		if err != nil {
			return false, 0, 0
		}
		if i == 0 || n < lo {
			lo = n
		}
		if i == 0 || n > hi {
			hi = n
		}
	}
	return true, lo, hi
}
