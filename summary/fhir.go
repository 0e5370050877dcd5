package summary

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"ketascreen/questionnaire"
)

// The FHIR R4 resources KetaScreen writes, with only the elements it uses.

// Coding is a FHIR Coding.
type Coding struct {
	System  string `json:"system"`
	Code    string `json:"code"`
	Display string `json:"display,omitempty"`
}

// Identifier is a FHIR Identifier.
type Identifier struct {
	System string `json:"system"`
	Value  string `json:"value"`
}

// Answer is a QuestionnaireResponse.item.answer: a coded answer, or the
// words typed into a text field.
type Answer struct {
	ValueCoding *Coding `json:"valueCoding,omitempty"`
	ValueString string  `json:"valueString,omitempty"`
}

// ResponseItem is a QuestionnaireResponse.item; a medicine is a group of
// field items.
type ResponseItem struct {
	LinkID string         `json:"linkId"`
	Text   string         `json:"text,omitempty"`
	Answer []Answer       `json:"answer,omitempty"`
	Item   []ResponseItem `json:"item,omitempty"`
}

// QuestionnaireResponse is a FHIR R4 QuestionnaireResponse.
type QuestionnaireResponse struct {
	ResourceType  string         `json:"resourceType"`
	Text          *Narrative     `json:"text,omitempty"`
	Language      string         `json:"language,omitempty"`
	Identifier    *Identifier    `json:"identifier,omitempty"`
	Questionnaire string         `json:"questionnaire,omitempty"`
	Status        string         `json:"status"`
	Authored      string         `json:"authored,omitempty"`
	Author        *Reference     `json:"author,omitempty"`
	Item          []ResponseItem `json:"item,omitempty"`
}

// QuestionnaireURL is the canonical URL of a definition's FHIR Questionnaire.
func QuestionnaireURL(def *questionnaire.Definition) string {
	return "urn:ketascreen:questionnaire:" + def.ID
}

// Response builds the QuestionnaireResponse of a finished screening: one
// item per question shown and answered (linkId = item id), each answer a
// valueCoding with the answer's standard code (LOINC) or its code in
// ValueSystem, and its text.
func Response(in Input) QuestionnaireResponse {
	s := in.Session
	def := s.Definition()
	qr := QuestionnaireResponse{
		ResourceType:  "QuestionnaireResponse",
		Identifier:    &Identifier{System: "urn:ietf:rfc:3986", Value: "urn:uuid:" + in.ResponseID},
		Questionnaire: QuestionnaireURL(def) + "|" + def.Version,
		Status:        "completed",
		Authored:      in.Created.Format(time.RFC3339),
		Language:      s.Language(), // the language the questions were asked in
	}
	if !s.Complete() {
		qr.Status = "in-progress"
	}
	qr.Text = narrative("KetaScreen screening " + in.ResponseID + ", " + qr.Status + ", " + qr.Authored)
	if help, ok := s.Answer(questionnaire.HelpNow); ok {
		if item, ok := responseItem(def, def.Item(questionnaire.HelpNow), help, in.Lang); ok {
			qr.Item = append(qr.Item, item)
		}
	}
	groups := map[*questionnaire.Section]int{} // index in qr.Item of a section's group
	add := func(it *questionnaire.Item, item ResponseItem) {
		if it.Section == nil {
			qr.Item = append(qr.Item, item)
			return
		}
		i, ok := groups[it.Section]
		if !ok {
			i = len(qr.Item)
			groups[it.Section] = i
			qr.Item = append(qr.Item, ResponseItem{LinkID: "section." + it.Section.ID, Text: it.Section.Title.In(in.Lang)})
		}
		qr.Item[i].Item = append(qr.Item[i].Item, item)
	}
	for _, it := range s.Flow() {
		a, ok := s.Answer(it.ID)
		if !ok {
			continue
		}
		if it.Type == questionnaire.List {
			for i, e := range a.Entries {
				group := ResponseItem{LinkID: it.ID, Text: it.Text.In(in.Lang)}
				for _, f := range s.EntryFields(it.ID, i) {
					if f.Type == questionnaire.TextField {
						if e[f.ID] != "" {
							group.Item = append(group.Item, ResponseItem{LinkID: f.ID, Text: f.Text.In(in.Lang), Answer: []Answer{{ValueString: e[f.ID]}}})
						}
						continue
					}
					if item, ok := responseItem(def, f, questionnaire.Answer{Code: e[f.ID]}, in.Lang); ok {
						group.Item = append(group.Item, item)
					}
				}
				add(it, group)
			}
			continue
		}
		if item, ok := responseItem(def, it, a, in.Lang); ok {
			add(it, item)
		}
	}
	return qr
}

func responseItem(def *questionnaire.Definition, it *questionnaire.Item, a questionnaire.Answer, lang string) (ResponseItem, bool) {
	item := ResponseItem{LinkID: it.ID, Text: it.Text.In(lang)}
	codes := a.Codes
	if a.Code != "" {
		codes = []string{a.Code}
	}
	for _, code := range codes {
		o := it.Option(code)
		if o == nil {
			continue
		}
		c := optionCoding(def, o, lang)
		item.Answer = append(item.Answer, Answer{ValueCoding: &c})
	}
	return item, len(item.Answer) > 0
}

// IsFHIR tells whether JSON data is a FHIR QuestionnaireResponse, or a
// Bundle (as ResultBundle writes), rather than an answers file.
func IsFHIR(data []byte) bool {
	var probe struct {
		ResourceType string `json:"resourceType"`
	}
	return json.Unmarshal(data, &probe) == nil && (probe.ResourceType == "QuestionnaireResponse" || probe.ResourceType == "Bundle")
}

// responseIn is the QuestionnaireResponse of a QuestionnaireResponse or of
// a Bundle holding exactly one.
func responseIn(data []byte) (QuestionnaireResponse, error) {
	var qr QuestionnaireResponse
	var probe struct {
		ResourceType string `json:"resourceType"`
		Entry        []struct {
			Resource json.RawMessage `json:"resource"`
		} `json:"entry"`
	}
	if err := json.Unmarshal(data, &probe); err != nil {
		return qr, fmt.Errorf("not FHIR JSON: %w", err)
	}
	if probe.ResourceType == "QuestionnaireResponse" {
		return qr, json.Unmarshal(data, &qr)
	}
	found := 0
	for i, e := range probe.Entry {
		var r struct {
			ResourceType string `json:"resourceType"`
		}
		if json.Unmarshal(e.Resource, &r) != nil || r.ResourceType != "QuestionnaireResponse" {
			continue
		}
		found++
		if err := json.Unmarshal(e.Resource, &qr); err != nil {
			return qr, fmt.Errorf("the bundle's entry %d: %w", i+1, err)
		}
	}
	switch found {
	case 0:
		return qr, fmt.Errorf("the bundle holds no QuestionnaireResponse")
	case 1:
		return qr, nil
	}
	return qr, fmt.Errorf("the bundle holds %d QuestionnaireResponses; give it one", found)
}

// AnswersFromResponse turns a QuestionnaireResponse, or the Bundle holding
// one, back into an answers file's JSON, so that the answers reader checks
// it like any other. A coded answer is matched to the item's answer by its
// standard code or by its own code; one that matches neither is passed on
// as it is, for the answers reader to name.
func AnswersFromResponse(def *questionnaire.Definition, data []byte) ([]byte, error) {
	qr, err := responseIn(data)
	if err != nil {
		return nil, fmt.Errorf("not a QuestionnaireResponse: %w", err)
	}
	answers := map[string]any{}
	if err := readResponseItems(def, qr.Item, answers); err != nil {
		return nil, err
	}
	return json.Marshal(map[string]any{"answers": answers})
}

// readResponseItems reads the answers of response items into answers; a
// section's group is read through.
func readResponseItems(def *questionnaire.Definition, items []ResponseItem, answers map[string]any) error {
	for _, item := range items {
		if strings.HasPrefix(item.LinkID, "section.") {
			if err := readResponseItems(def, item.Item, answers); err != nil {
				return err
			}
			continue
		}
		it := def.Item(item.LinkID)
		if len(item.Item) > 0 { // a list entry
			entry := map[string]string{}
			for _, f := range item.Item {
				var field *questionnaire.Item
				if it != nil {
					field = it.Field(f.LinkID)
				}
				switch {
				case len(f.Answer) == 1 && f.Answer[0].ValueCoding != nil:
					entry[f.LinkID] = answerCode(field, f.Answer[0].ValueCoding)
				case len(f.Answer) == 1 && f.Answer[0].ValueString != "":
					entry[f.LinkID] = f.Answer[0].ValueString
				}
			}
			list, _ := answers[item.LinkID].([]any)
			answers[item.LinkID] = append(list, entry)
			continue
		}
		var codes []string
		for _, a := range item.Answer {
			if a.ValueCoding == nil {
				return fmt.Errorf("item %q: only valueCoding answers are understood", item.LinkID)
			}
			codes = append(codes, answerCode(it, a.ValueCoding))
		}
		switch len(codes) {
		case 0:
		case 1:
			answers[item.LinkID] = codes[0]
		default:
			answers[item.LinkID] = codes
		}
	}
	return nil
}

func answerCode(it *questionnaire.Item, c *Coding) string {
	if it != nil {
		if o := optionFor(it, c); o != nil {
			return o.Code
		}
	}
	return c.Code
}
