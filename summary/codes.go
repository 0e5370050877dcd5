package summary

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"ketascreen/questionnaire"
)

// The definition's own code systems, for everything without a standard
// code: one for what is asked or computed (items, scores, the outcome), one
// for the values (answers, bands, results, outcomes, pathways, flags).
// ProjectCodeSystems publishes them as FHIR CodeSystem resources.

// ItemSystem is the code system of a definition's items, scores and results.
func ItemSystem(def *questionnaire.Definition) string { return QuestionnaireURL(def) + ":items" }

// ValueSystem is the code system of a definition's answers and result values.
func ValueSystem(def *questionnaire.Definition) string { return QuestionnaireURL(def) + ":values" }

// Codes of the result observations, in ItemSystem.
const (
	CodeOutcome = "outcome" // the headline: crisis, adult_only, urgent or the pathway
	CodePathway = "pathway" // the treatment-stage result
	CodeFlags   = "flags"   // what to raise with a provider
)

// LOINC is the URL of the LOINC code system.
const LOINC = "http://loinc.org"

func toCoding(c *questionnaire.Coding) Coding {
	return Coding{System: c.System, Code: c.Code, Display: c.Display}
}

// itemCodings is a question's code: its standard code when it has one,
// and always its own code in ItemSystem.
func itemCodings(def *questionnaire.Definition, it *questionnaire.Item) []Coding {
	own := Coding{System: ItemSystem(def), Code: it.ID, Display: it.Text.In("en")}
	if it.Coding != nil {
		return []Coding{toCoding(it.Coding), own}
	}
	return []Coding{own}
}

// optionCoding is the coding of an answer: its standard code, or its code
// in ValueSystem, displayed in the language given.
func optionCoding(def *questionnaire.Definition, o *questionnaire.Option, lang string) Coding {
	if o.Coding != nil {
		c := toCoding(o.Coding)
		if lang != "en" {
			c.Display = o.Text.In(lang)
		}
		return c
	}
	return Coding{System: ValueSystem(def), Code: o.Code, Display: o.Text.In(lang)}
}

// optionFor finds the answer of an item that a coding names, by its standard
// code or by its own code.
func optionFor(it *questionnaire.Item, c *Coding) *questionnaire.Option {
	for _, o := range it.Options {
		if o.Coding != nil && c.System == o.Coding.System && c.Code == o.Coding.Code {
			return o
		}
	}
	if o := it.Option(c.Code); o != nil && (c.System == "" || strings.HasPrefix(c.System, "urn:ketascreen:")) {
		return o
	}
	return nil
}

// scoreCodings is a score's code: its standard code when it has one, and
// always its own.
func scoreCodings(def *questionnaire.Definition, s *questionnaire.Score) []Coding {
	own := Coding{System: ItemSystem(def), Code: s.ID, Display: s.Name.In("en")}
	if s.Coding != nil {
		return []Coding{toCoding(s.Coding), own}
	}
	return []Coding{own}
}

// CodeSystemResource is a FHIR R4 CodeSystem.
type CodeSystemResource struct {
	ResourceType string      `json:"resourceType"`
	ID           string      `json:"id,omitempty"`
	Text         *Narrative  `json:"text,omitempty"`
	URL          string      `json:"url"`
	Version      string      `json:"version"`
	Name         string      `json:"name"`
	Title        string      `json:"title"`
	Status       string      `json:"status"`
	Description  string      `json:"description"`
	CaseSens     bool        `json:"caseSensitive"`
	Content      string      `json:"content"`
	Count        int         `json:"count"`
	Concept      []CSConcept `json:"concept"`
}

// CSConcept is a CodeSystem.concept.
type CSConcept struct {
	Code       string `json:"code"`
	Display    string `json:"display"`
	Definition string `json:"definition,omitempty"`
}

// ProjectCodeSystems are the definition's two code systems as FHIR
// CodeSystem resources: every item, field and score, and the result
// observations, in ItemSystem; every answer code, band, classification,
// outcome, pathway and flag in ValueSystem. An answer code some questions
// word differently ("past": "Yes, in the past", "Yes, more than 3 months
// ago") is one concept whose definition lists each wording with its question.
func ProjectCodeSystems(def *questionnaire.Definition) []CodeSystemResource {
	items := CodeSystemResource{ResourceType: "CodeSystem", ID: "ketascreen-items", URL: ItemSystem(def), Name: "KetaScreenItems",
		Title:       "KetaScreen questions, scores and results",
		Description: "The questions, scores and result observations of the KetaScreen questionnaire " + def.ID + ". Standard codes (LOINC) are used beside these where they exist."}
	values := CodeSystemResource{ResourceType: "CodeSystem", ID: "ketascreen-values", URL: ValueSystem(def), Name: "KetaScreenValues",
		Title:       "KetaScreen answers and result values",
		Description: "The answer codes, score bands, classifications, outcomes, pathways and flags of the KetaScreen questionnaire " + def.ID + "."}
	seenItem := map[string]bool{}
	addItem := func(code, display, definition string) {
		if !seenItem[code] {
			seenItem[code] = true
			items.Concept = append(items.Concept, CSConcept{Code: code, Display: display, Definition: definition})
		}
	}
	vals := &valueCodes{wordings: map[string][]string{}, first: map[string]string{}}
	var walk func(it *questionnaire.Item)
	walk = func(it *questionnaire.Item) {
		addItem(it.ID, it.Text.In("en"), "")
		for _, o := range it.Options {
			if o.Coding == nil {
				vals.add(o.Code, o.Text.In("en"), "answer to "+it.ID)
			}
		}
		for _, f := range it.Fields {
			walk(f)
		}
	}
	for _, it := range def.Items {
		walk(it)
	}
	for _, s := range def.Scores {
		addItem(s.ID, s.Name.In("en"), "A score: "+string(s.Kind)+".")
		vals.addScore(s)
	}
	addItem(CodeOutcome, "KetaScreen outcome", "The headline of the result: crisis, adult_only, urgent, or the pathway when none of those holds.")
	addItem(CodePathway, "KetaScreen pathway", "The treatment-stage result: whether and how to raise ketamine treatment with a provider.")
	addItem(CodeFlags, "Points to raise with a provider", "Each component is a flag the answers raised.")
	for _, o := range append(slices.Clone(def.Outcomes), def.Pathways...) {
		vals.add(o.ID, o.Headline.In("en"), "outcome")
	}
	for _, f := range def.Flags {
		vals.add(f.ID, f.Text.In("en"), "flag")
	}
	values.Concept = vals.concepts()
	out := []CodeSystemResource{items, values}
	for i := range out {
		cs := &out[i]
		cs.Version, cs.Status, cs.CaseSens, cs.Content, cs.Count = def.Version, "active", true, "complete", len(cs.Concept)
		cs.Text = narrative(cs.Title + ": " + fmt.Sprint(cs.Count) + " codes.")
	}
	return out
}

// valueCodes collects the value codes, with each wording and where it is used.
type valueCodes struct {
	wordings map[string][]string
	first    map[string]string
	order    []string
}

func (v *valueCodes) add(code, text, where string) {
	if _, ok := v.wordings[code]; !ok {
		v.order = append(v.order, code)
		v.first[code] = text
	}
	w := fmt.Sprintf("%q (%s)", text, where)
	if !slices.Contains(v.wordings[code], w) {
		v.wordings[code] = append(v.wordings[code], w)
	}
}

// addScore adds a score's bands and results.
func (v *valueCodes) addScore(s *questionnaire.Score) {
	for _, b := range s.Bands {
		v.add(b.Code, b.Text.In("en"), fmt.Sprintf("band %d to %d of %s", b.Min, b.Max, s.ID))
	}
	for _, c := range s.Cases {
		v.add(c.Result, c.Text.In("en"), "result of "+s.ID)
	}
	if s.Otherwise != "" {
		v.add(s.Otherwise, s.OtherwiseText.In("en"), "result of "+s.ID)
	}
	if s.Positive != nil {
		v.add("positive", "positive screen", "result of "+s.ID)
		v.add("negative", "negative screen", "result of "+s.ID)
	}
}

// concepts are the codes in the order first seen; a code worded in more
// than one way lists every wording in its definition.
func (v *valueCodes) concepts() []CSConcept {
	var out []CSConcept
	for _, code := range v.order {
		w := v.wordings[code]
		c := CSConcept{Code: code, Display: v.first[code]}
		if len(w) > 1 {
			sort.Strings(w)
			c.Definition = "Worded by its use: " + strings.Join(w, "; ") + "."
		}
		out = append(out, c)
	}
	return out
}
