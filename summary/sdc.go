package summary

import (
	"slices"
	"strconv"
	"strings"

	"ketascreen/questionnaire"
)

// The definition as an SDC Questionnaire (FHIR R4, Structured Data
// Capture), for form tools such as LHC-Forms and CSIRO Smart Forms: the
// sections as groups, each question with its standard code, its answers
// with theirs and an ordinalValue where the code is a number, the
// show_if conditions as enableWhen where FHIR can say them and as an
// enableWhenExpression (FHIRPath) where it cannot, the scores as read-only
// items with a calculatedExpression, and every text in each language of
// the definition (translation extensions).

// Extension URLs.
const (
	extTranslation    = "http://hl7.org/fhir/StructureDefinition/translation"
	extOrdinal        = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
	extEnableWhenExpr = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"
	extCalculated     = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression"
	extHidden         = "http://hl7.org/fhir/StructureDefinition/questionnaire-hidden"
)

// Extension is a FHIR extension with the value types the export uses.
type Extension struct {
	URL             string      `json:"url"`
	Extension       []Extension `json:"extension,omitempty"`
	ValueCode       string      `json:"valueCode,omitempty"`
	ValueString     string      `json:"valueString,omitempty"`
	ValueDecimal    *float64    `json:"valueDecimal,omitempty"`
	ValueBoolean    *bool       `json:"valueBoolean,omitempty"`
	ValueExpression *Expression `json:"valueExpression,omitempty"`
}

// Expression is a FHIR Expression (FHIRPath).
type Expression struct {
	Description string `json:"description,omitempty"`
	Language    string `json:"language"`
	Expression  string `json:"expression"`
}

// Element holds the extensions of a primitive (its translations).
type Element struct {
	Extension []Extension `json:"extension"`
}

// EnableWhen is a Questionnaire.item.enableWhen.
type EnableWhen struct {
	Question     string `json:"question"`
	Operator     string `json:"operator"`
	AnswerCoding Coding `json:"answerCoding"`
}

// QuestionnaireItem is a FHIR Questionnaire.item.
type QuestionnaireItem struct {
	LinkID         string              `json:"linkId"`
	Extension      []Extension         `json:"extension,omitempty"`
	Code           []Coding            `json:"code,omitempty"`
	Prefix         string              `json:"prefix,omitempty"`
	Text           string              `json:"text"`
	TextExt        *Element            `json:"_text,omitempty"`
	Type           string              `json:"type"`
	EnableWhen     []EnableWhen        `json:"enableWhen,omitempty"`
	EnableBehavior string              `json:"enableBehavior,omitempty"`
	Required       bool                `json:"required,omitempty"`
	Repeats        bool                `json:"repeats,omitempty"`
	ReadOnly       bool                `json:"readOnly,omitempty"`
	AnswerOption   []AnswerOption      `json:"answerOption,omitempty"`
	Item           []QuestionnaireItem `json:"item,omitempty"`
}

// AnswerOption is a Questionnaire.item.answerOption.
type AnswerOption struct {
	Extension   []Extension  `json:"extension,omitempty"`
	ValueCoding OptionCoding `json:"valueCoding"`
}

// OptionCoding is an answer's Coding, with its display's translations.
type OptionCoding struct {
	System     string   `json:"system"`
	Code       string   `json:"code"`
	Display    string   `json:"display,omitempty"`
	DisplayExt *Element `json:"_display,omitempty"`
}

// Questionnaire is a FHIR R4 Questionnaire.
type Questionnaire struct {
	ResourceType string              `json:"resourceType"`
	ID           string              `json:"id,omitempty"`
	Text         *Narrative          `json:"text,omitempty"`
	Language     string              `json:"language,omitempty"`
	URL          string              `json:"url"`
	Version      string              `json:"version"`
	Name         string              `json:"name"`
	Title        string              `json:"title"`
	Status       string              `json:"status"`
	Description  string              `json:"description,omitempty"`
	Item         []QuestionnaireItem `json:"item"`
}

// QuestionnaireOf builds the SDC Questionnaire of a definition, its texts
// in lang with the other languages as translations.
func QuestionnaireOf(def *questionnaire.Definition, lang string) Questionnaire {
	x := &exporter{def: def, lang: lang}
	q := Questionnaire{
		ResourceType: "Questionnaire",
		ID:           def.ID,
		Language:     lang,
		URL:          QuestionnaireURL(def),
		Version:      def.Version,
		Name:         "KetaScreen",
		Title:        "KetaScreen self-screening checklist",
		Status:       "active",
		Description:  "A self-screening checklist: what to raise with a licensed provider about ketamine therapy. It does not diagnose or prescribe.",
	}
	q.Text = narrative(q.Title+" (definition "+def.ID+", version "+def.Version+")", "Scores are calculated items; show_if conditions are enableWhen or enableWhenExpression.")
	var section *questionnaire.Section
	for _, it := range def.Items {
		if it.Section != section || it.Section == nil {
			section = it.Section
			if section == nil {
				q.Item = append(q.Item, x.item(it))
				continue
			}
			q.Item = append(q.Item, x.section(section))
		}
	}
	scores := QuestionnaireItem{LinkID: "scores", Text: "Scores", Type: "group"}
	for _, s := range def.Scores {
		if !s.Internal {
			scores.Item = append(scores.Item, x.score(s))
		}
	}
	q.Item = append(q.Item, scores)
	return q
}

type exporter struct {
	def  *questionnaire.Definition
	lang string
}

// text is a text in the export's language, with the others as translations.
func (x *exporter) text(t questionnaire.Text) (string, *Element) {
	var el Element
	for _, l := range x.def.Languages {
		if l == x.lang || t[l] == "" {
			continue
		}
		el.Extension = append(el.Extension, Extension{URL: extTranslation, Extension: []Extension{
			{URL: "lang", ValueCode: l}, {URL: "content", ValueString: t[l]}}})
	}
	if len(el.Extension) == 0 {
		return t.In(x.lang), nil
	}
	return t.In(x.lang), &el
}

func (x *exporter) section(sec *questionnaire.Section) QuestionnaireItem {
	g := QuestionnaireItem{LinkID: "section." + sec.ID, Type: "group"}
	g.Text, g.TextExt = x.text(sec.Title)
	if in := sectionInstrument(sec); in != nil && in.Coding != nil {
		g.Code = []Coding{toCoding(in.Coding)}
	}
	cond := "true"
	if sec.ShowIf != nil {
		cond = sec.ShowIf.FHIRPath()
	}
	if len(sec.Languages) > 0 {
		langs := make([]string, len(sec.Languages))
		for i, l := range sec.Languages {
			langs[i] = "'" + l + "'"
		}
		cond = "(" + cond + ") and (%resource.language.empty() or %resource.language in (" + strings.Join(langs, " | ") + "))"
		x.enable(&g, nil, cond, "asked only in "+strings.Join(sec.Languages, ", ")+"; "+conditionText(sec.ShowIf))
	} else {
		x.enable(&g, sec.ShowIf, cond, conditionText(sec.ShowIf))
	}
	var stemOf *questionnaire.Instrument
	for _, it := range sec.Items {
		if st := it.Stem(); st != nil && stemOf != it.Instrument {
			stemOf = it.Instrument
			d := QuestionnaireItem{LinkID: "stem." + sec.ID + "." + it.ID, Type: "display"}
			d.Text, d.TextExt = x.text(st)
			g.Item = append(g.Item, d)
		}
		g.Item = append(g.Item, x.item(it))
	}
	return g
}

func conditionText(c *questionnaire.Condition) string {
	if c == nil {
		return "always"
	}
	return c.String()
}

// sectionInstrument is the instrument every question of a section belongs
// to, if there is one.
func sectionInstrument(sec *questionnaire.Section) *questionnaire.Instrument {
	var in *questionnaire.Instrument
	for _, it := range sec.Items {
		if it.Instrument == nil || (in != nil && it.Instrument != in) {
			return nil
		}
		in = it.Instrument
	}
	return in
}

// enable sets an item's enableWhen when the condition can be said so, and
// its enableWhenExpression otherwise (expr is the FHIRPath to use).
func (x *exporter) enable(qi *QuestionnaireItem, c *questionnaire.Condition, expr, description string) {
	if c == nil && expr == "true" {
		return
	}
	if c != nil {
		if terms, all, ok := c.EnableWhen(); ok {
			for _, t := range terms {
				qi.EnableWhen = append(qi.EnableWhen, EnableWhen{Question: t.Item.ID, Operator: "=", AnswerCoding: optionCoding(x.def, t.Option, "en")})
			}
			if len(terms) > 1 {
				qi.EnableBehavior = map[bool]string{true: "all", false: "any"}[all]
			}
			return
		}
	}
	qi.Extension = append(qi.Extension, Extension{URL: extEnableWhenExpr, ValueExpression: &Expression{Description: description, Language: "text/fhirpath", Expression: expr}})
}

func (x *exporter) item(it *questionnaire.Item) QuestionnaireItem {
	qi := QuestionnaireItem{LinkID: it.ID, Type: "choice", Code: itemCodings(x.def, it), Required: !it.Optional && it.ShowIf == nil}
	qi.Text, qi.TextExt = x.text(it.Text)
	if it.Instrument != nil {
		qi.Prefix = it.Instrument.Name.In(x.lang)
	}
	if it.ShowIf != nil {
		x.enable(&qi, it.ShowIf, it.ShowIf.FHIRPath(), it.ShowIf.String())
	}
	switch it.Type {
	case questionnaire.Multi:
		qi.Repeats = true
	case questionnaire.List:
		qi.Type, qi.Repeats, qi.Code = "group", true, nil
		for _, f := range it.Fields {
			qi.Item = append(qi.Item, x.item(f))
		}
		return qi
	case questionnaire.Control:
		qi.Required = false
	case questionnaire.TextField:
		qi.Type = "string"
		return qi
	}
	for _, o := range it.Options {
		c := optionCoding(x.def, o, x.lang)
		ao := AnswerOption{ValueCoding: OptionCoding{System: c.System, Code: c.Code}}
		ao.ValueCoding.Display, ao.ValueCoding.DisplayExt = x.text(o.Text)
		if n, err := strconv.Atoi(o.Code); err == nil && slices.ContainsFunc(x.def.Scores, func(s *questionnaire.Score) bool { return slices.Contains(s.Items, it) && s.Kind == questionnaire.Sum }) {
			v := float64(n)
			ao.Extension = []Extension{{URL: extOrdinal, ValueDecimal: &v}}
		}
		qi.AnswerOption = append(qi.AnswerOption, ao)
	}
	return qi
}

// score is a read-only item whose value the form tool calculates.
func (x *exporter) score(s *questionnaire.Score) QuestionnaireItem {
	qi := QuestionnaireItem{LinkID: s.ID, Code: scoreCodings(x.def, s), Type: "integer", ReadOnly: true}
	if s.Kind == questionnaire.Classify {
		qi.Type = "string"
	}
	qi.Text, qi.TextExt = x.text(s.Name)
	qi.Extension = []Extension{{URL: extCalculated, ValueExpression: &Expression{Description: "KetaScreen score " + s.ID, Language: "text/fhirpath", Expression: s.FHIRPath()}}}
	return qi
}
