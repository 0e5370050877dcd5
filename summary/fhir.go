package summary

import (
	"encoding/json"
	"fmt"
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
	Identifier    *Identifier    `json:"identifier,omitempty"`
	Questionnaire string         `json:"questionnaire,omitempty"`
	Status        string         `json:"status"`
	Authored      string         `json:"authored,omitempty"`
	Item          []ResponseItem `json:"item,omitempty"`
}

// QuestionnaireURL is the canonical URL of a definition's FHIR Questionnaire.
func QuestionnaireURL(def *questionnaire.Definition) string {
	return "urn:ketascreen:questionnaire:" + def.ID
}

// CodeSystem is the system of an item's answer codes.
func CodeSystem(def *questionnaire.Definition, itemID string) string {
	return QuestionnaireURL(def) + ":" + itemID
}

// Response builds the QuestionnaireResponse of a finished screening: one
// item per question shown and answered (linkId = item id), each answer a
// valueCoding with the answer code and its text.
func Response(in Input) QuestionnaireResponse {
	s := in.Session
	def := s.Definition()
	qr := QuestionnaireResponse{
		ResourceType:  "QuestionnaireResponse",
		Identifier:    &Identifier{System: "urn:ietf:rfc:3986", Value: "urn:uuid:" + in.ResponseID},
		Questionnaire: QuestionnaireURL(def) + "|" + def.Version,
		Status:        "completed",
		Authored:      in.Created.Format(time.RFC3339),
	}
	if !s.Complete() {
		qr.Status = "in-progress"
	}
	if help, ok := s.Answer(questionnaire.HelpNow); ok {
		if item, ok := responseItem(def, def.Item(questionnaire.HelpNow), help, in.Lang); ok {
			qr.Item = append(qr.Item, item)
		}
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
				qr.Item = append(qr.Item, group)
			}
			continue
		}
		if item, ok := responseItem(def, it, a, in.Lang); ok {
			qr.Item = append(qr.Item, item)
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
		item.Answer = append(item.Answer, Answer{ValueCoding: &Coding{System: CodeSystem(def, it.ID), Code: code, Display: o.Text.In(lang)}})
	}
	return item, len(item.Answer) > 0
}

// IsQuestionnaireResponse tells whether JSON data is a FHIR QuestionnaireResponse.
func IsQuestionnaireResponse(data []byte) bool {
	var probe struct {
		ResourceType string `json:"resourceType"`
	}
	return json.Unmarshal(data, &probe) == nil && probe.ResourceType == "QuestionnaireResponse"
}

// AnswersFromResponse turns a QuestionnaireResponse back into an answers
// file's JSON, so that the answers reader checks it like any other.
func AnswersFromResponse(data []byte) ([]byte, error) {
	var qr QuestionnaireResponse
	if err := json.Unmarshal(data, &qr); err != nil {
		return nil, fmt.Errorf("not a QuestionnaireResponse: %w", err)
	}
	answers := map[string]any{}
	for _, item := range qr.Item {
		if len(item.Item) > 0 { // a list entry
			entry := map[string]string{}
			for _, f := range item.Item {
				switch {
				case len(f.Answer) == 1 && f.Answer[0].ValueCoding != nil:
					entry[f.LinkID] = f.Answer[0].ValueCoding.Code
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
				return nil, fmt.Errorf("item %q: only valueCoding answers are understood", item.LinkID)
			}
			codes = append(codes, a.ValueCoding.Code)
		}
		switch len(codes) {
		case 0:
		case 1:
			answers[item.LinkID] = codes[0]
		default:
			answers[item.LinkID] = codes
		}
	}
	return json.Marshal(map[string]any{"answers": answers})
}

// QuestionnaireItem is a FHIR Questionnaire.item.
type QuestionnaireItem struct {
	LinkID       string              `json:"linkId"`
	Prefix       string              `json:"prefix,omitempty"`
	Text         string              `json:"text"`
	Type         string              `json:"type"`
	Required     bool                `json:"required,omitempty"`
	Repeats      bool                `json:"repeats,omitempty"`
	AnswerOption []AnswerOption      `json:"answerOption,omitempty"`
	Item         []QuestionnaireItem `json:"item,omitempty"`
}

// AnswerOption is a Questionnaire.item.answerOption.
type AnswerOption struct {
	ValueCoding Coding `json:"valueCoding"`
}

// Questionnaire is a FHIR R4 Questionnaire.
type Questionnaire struct {
	ResourceType string              `json:"resourceType"`
	URL          string              `json:"url"`
	Version      string              `json:"version"`
	Name         string              `json:"name"`
	Title        string              `json:"title"`
	Status       string              `json:"status"`
	Item         []QuestionnaireItem `json:"item"`
}

// QuestionnaireOf builds the FHIR Questionnaire matching a definition:
// every item with its answer codes, medicines as a repeating group. The
// definition's show_if conditions are richer than FHIR enableWhen and are
// not exported; a response holds only the questions the person was shown.
func QuestionnaireOf(def *questionnaire.Definition, lang string) Questionnaire {
	q := Questionnaire{
		ResourceType: "Questionnaire",
		URL:          QuestionnaireURL(def),
		Version:      def.Version,
		Name:         "KetaScreen",
		Title:        "KetaScreen self-screening checklist",
		Status:       "active",
	}
	for _, it := range def.Items {
		q.Item = append(q.Item, questionnaireItem(def, it, lang))
	}
	return q
}

func questionnaireItem(def *questionnaire.Definition, it *questionnaire.Item, lang string) QuestionnaireItem {
	qi := QuestionnaireItem{LinkID: it.ID, Text: it.Text.In(lang), Type: "choice", Required: !it.Optional && it.ShowIf == nil}
	if it.Instrument != nil {
		qi.Prefix = it.Instrument.Name.In(lang)
	}
	switch it.Type {
	case questionnaire.Multi:
		qi.Repeats = true
	case questionnaire.List:
		qi.Type, qi.Repeats = "group", true
		for _, f := range it.Fields {
			qi.Item = append(qi.Item, questionnaireItem(def, f, lang))
		}
		return qi
	case questionnaire.Control:
		qi.Required = false
	case questionnaire.TextField:
		qi.Type = "string"
		return qi
	}
	for _, o := range it.Options {
		qi.AnswerOption = append(qi.AnswerOption, AnswerOption{ValueCoding: Coding{System: CodeSystem(def, it.ID), Code: o.Code, Display: o.Text.In(lang)}})
	}
	return qi
}
