package summary

import (
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/google/uuid"

	"ketascreen/questionnaire"
	"ketascreen/records"
)

// Narrative is a resource's human-readable text.
type Narrative struct {
	Status string `json:"status"`
	Div    string `json:"div"`
}

func narrative(lines ...string) *Narrative {
	var b strings.Builder
	b.WriteString(`<div xmlns="http://www.w3.org/1999/xhtml">`)
	for i, l := range lines {
		if i > 0 {
			b.WriteString("<br/>")
		}
		b.WriteString(html.EscapeString(l))
	}
	b.WriteString("</div>")
	return &Narrative{Status: "generated", Div: b.String()}
}

// Reference is a FHIR Reference.
type Reference struct {
	Reference string `json:"reference,omitempty"`
	Display   string `json:"display,omitempty"`
}

// CodeableConcept is a FHIR CodeableConcept.
type CodeableConcept struct {
	Coding []Coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

// Observation is a FHIR R4 Observation: a score or a result of the screening.
type Observation struct {
	ResourceType         string            `json:"resourceType"`
	Text                 *Narrative        `json:"text,omitempty"`
	Status               string            `json:"status"`
	Category             []CodeableConcept `json:"category"`
	Code                 CodeableConcept   `json:"code"`
	EffectiveDateTime    string            `json:"effectiveDateTime"`
	Issued               string            `json:"issued"`
	Device               *Reference        `json:"device,omitempty"`
	DerivedFrom          []Reference       `json:"derivedFrom"`
	ValueInteger         *int              `json:"valueInteger,omitempty"`
	ValueCodeableConcept *CodeableConcept  `json:"valueCodeableConcept,omitempty"`
	DataAbsentReason     *CodeableConcept  `json:"dataAbsentReason,omitempty"`
	Interpretation       []CodeableConcept `json:"interpretation,omitempty"`
	Component            []Component       `json:"component,omitempty"`
}

// Component is an Observation.component: one flag of the flags observation.
type Component struct {
	Code         CodeableConcept `json:"code"`
	ValueBoolean bool            `json:"valueBoolean"`
}

// The identifier systems of a kiosk record: the claim code a person reads
// to the front desk, and the kiosk's name as its file names carry it.
const (
	ClaimCodeSystem = "urn:ketascreen:claim-code"
	KioskSystem     = "urn:ketascreen:kiosk"
)

// Device is the FHIR R4 Device a kiosk screening was made on.
type Device struct {
	ResourceType string          `json:"resourceType"`
	Text         *Narrative      `json:"text,omitempty"`
	Identifier   []Identifier    `json:"identifier,omitempty"`
	DeviceName   []DeviceName    `json:"deviceName"`
	Type         CodeableConcept `json:"type"`
}

// DeviceName is a Device.deviceName.
type DeviceName struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

// Bundle is a FHIR R4 Bundle of a screening's resources.
type Bundle struct {
	ResourceType string        `json:"resourceType"`
	Identifier   *Identifier   `json:"identifier,omitempty"`
	Type         string        `json:"type"`
	Timestamp    string        `json:"timestamp,omitempty"`
	Entry        []BundleEntry `json:"entry"`
}

// BundleEntry is a Bundle.entry; Request is set in a transaction.
type BundleEntry struct {
	FullURL  string         `json:"fullUrl"`
	Resource any            `json:"resource"`
	Request  *BundleRequest `json:"request,omitempty"`
}

// BundleRequest is a Bundle.entry.request.
type BundleRequest struct {
	Method string `json:"method"`
	URL    string `json:"url"`
}

// Bundle types.
const (
	Collection  = "collection"  // a file to keep or import
	Transaction = "transaction" // to POST to a FHIR server
)

var (
	surveyCategory = []CodeableConcept{{Coding: []Coding{{System: "http://terminology.hl7.org/CodeSystem/observation-category", Code: "survey", Display: "Survey"}}}}
	notAsked       = &CodeableConcept{Coding: []Coding{{System: "http://terminology.hl7.org/CodeSystem/data-absent-reason", Code: "not-asked", Display: "Not Asked"}}}
	notPerformed   = &CodeableConcept{Coding: []Coding{{System: "http://terminology.hl7.org/CodeSystem/data-absent-reason", Code: "not-performed", Display: "Not Performed"}}}
)

// ResultBundle is a screening as a FHIR Bundle: the QuestionnaireResponse;
// one Observation per score (the PHQ-9 and GAD-7 totals under their LOINC
// codes with their band as interpretation, the PC-PTSD-5 as a count with
// positive or negative, or "not completed", the ASQ's result, the failed
// and uncertain trials); the outcome, the pathway and the flags as
// Observations; each derived from the response. On a kiosk a Device named
// for it is the response's author and every Observation's device. kind is
// Collection or Transaction.
//
// A kiosk record's Bundle.identifier is its claim code (system
// ClaimCodeSystem), and its Device's identifier the kiosk's name as in the
// record's file name (KioskSystem, records.KioskSlug).
func ResultBundle(in Input, kind string) Bundle {
	def := in.Session.Definition()
	res := in.Session.Result()
	ids := uuid.MustParse(in.ResponseID)
	urlOf := func(name string) string { return "urn:uuid:" + uuid.NewSHA1(ids, []byte(name)).String() }
	b := Bundle{ResourceType: "Bundle", Identifier: &Identifier{System: "urn:ietf:rfc:3986", Value: urlOf("bundle")},
		Type: kind, Timestamp: in.Created.Format(time.RFC3339)}
	if in.ClaimCode != "" {
		// The code the person read to the front desk names this record in
		// the clinic's records folder.
		b.Identifier = &Identifier{System: ClaimCodeSystem, Value: in.ClaimCode}
	}
	add := func(fullURL, resourceType string, r any) {
		e := BundleEntry{FullURL: fullURL, Resource: r}
		if kind == Transaction {
			e.Request = &BundleRequest{Method: "POST", URL: resourceType}
		}
		b.Entry = append(b.Entry, e)
	}
	qr := Response(in)
	qrURL := urlOf("response")
	var device *Reference
	if in.Kiosk {
		name := in.KioskName
		if name == "" {
			name = "KetaScreen kiosk"
		}
		devURL := urlOf("device")
		device = &Reference{Reference: devURL, Display: name}
		qr.Author = device
		add(devURL, "Device", Device{ResourceType: "Device", Text: narrative("KetaScreen kiosk " + name),
			Identifier: []Identifier{{System: KioskSystem, Value: records.KioskSlug(in.KioskName)}}, // as in the file name
			DeviceName: []DeviceName{{Name: name, Type: "user-friendly-name"}},
			Type:       CodeableConcept{Text: "KetaScreen self-screening kiosk"}})
	}
	add(qrURL, "QuestionnaireResponse", qr)
	obs := func(code []Coding, text string, lines ...string) Observation {
		return Observation{ResourceType: "Observation", Status: "final", Category: surveyCategory,
			Code: CodeableConcept{Coding: code, Text: text}, EffectiveDateTime: in.Created.Format(time.RFC3339),
			Issued: in.Created.Format(time.RFC3339), Device: device, DerivedFrom: []Reference{{Reference: qrURL}},
			Text: narrative(lines...)}
	}
	for _, sr := range res.Scores {
		if sr.Score.Internal {
			continue
		}
		o := scoreObservation(def, sr, obs)
		add(urlOf("score:"+sr.Score.ID), "Observation", o)
	}
	for _, r := range []struct {
		code, label string
		o           *questionnaire.Outcome
	}{{CodeOutcome, "Outcome", res.Outcome}, {CodePathway, "Pathway", res.Pathway}} {
		if r.o == nil {
			continue
		}
		headline := r.o.Headline.In("en")
		o := obs([]Coding{{System: ItemSystem(def), Code: r.code, Display: "KetaScreen " + r.code}}, r.label, r.label+": "+r.o.ID+" - "+headline)
		o.ValueCodeableConcept = &CodeableConcept{Coding: []Coding{{System: ValueSystem(def), Code: r.o.ID, Display: headline}}, Text: r.o.ID}
		add(urlOf(r.code), "Observation", o)
	}
	add(urlOf("flags"), "Observation", flagsObservation(def, res, obs))
	return b
}

func scoreObservation(def *questionnaire.Definition, sr *questionnaire.ScoreResult, obs func([]Coding, string, ...string) Observation) Observation {
	s := sr.Score
	name := s.Name.In("en")
	o := obs(scoreCodings(def, s), name)
	value := func(line string) {
		v := sr.Value
		o.ValueInteger = &v
		o.Text = narrative(name + ": " + line)
	}
	switch {
	case sr.NotCompleted:
		o.DataAbsentReason = &CodeableConcept{Coding: notPerformed.Coding, Text: "not completed"}
		o.Text = narrative(name + ": not completed")
	case s.Kind == questionnaire.Classify:
		text := sr.Result
		for _, c := range s.Cases {
			if c.Result == sr.Result {
				text = c.Text.In("en")
			}
		}
		if sr.Result == s.Otherwise {
			text = s.OtherwiseText.In("en")
		}
		o.ValueCodeableConcept = &CodeableConcept{Coding: []Coding{{System: ValueSystem(def), Code: sr.Result, Display: text}}, Text: text}
		o.Text = narrative(name + ": " + text)
		if sr.Unfinished {
			o.Text = narrative(name+": "+text, "The screen was started but not finished; an unfinished screen counts as this result.")
		}
	case !sr.Complete:
		o.DataAbsentReason = &CodeableConcept{Coding: notAsked.Coding, Text: "not completed: the screening ended before every question of this score was answered"}
		o.Text = narrative(name + ": not completed (the screening ended before every question of this score was answered)")
	case sr.Band != nil:
		value(fmt.Sprintf("%d (%s)", sr.Value, sr.Band.Text.In("en")))
		o.Interpretation = []CodeableConcept{{Coding: []Coding{{System: ValueSystem(def), Code: sr.Band.Code, Display: sr.Band.Text.In("en")}}, Text: sr.Band.Text.In("en")}}
	case s.Positive != nil:
		verdict := map[bool]string{true: "positive", false: "negative"}[sr.Positive]
		value(fmt.Sprintf("%d (%s screen)", sr.Value, verdict))
		o.Interpretation = []CodeableConcept{{Coding: []Coding{{System: ValueSystem(def), Code: verdict, Display: verdict + " screen"}}, Text: verdict + " screen"}}
	default:
		value(fmt.Sprint(sr.Value))
	}
	return o
}

func flagsObservation(def *questionnaire.Definition, res *questionnaire.Result, obs func([]Coding, string, ...string) Observation) Observation {
	lines := []string{"Points to raise with a provider: none"}
	if len(res.Flags) > 0 {
		lines = []string{"Points to raise with a provider:"}
	}
	o := obs([]Coding{{System: ItemSystem(def), Code: CodeFlags, Display: "Points to raise with a provider"}}, "Points to raise with a provider")
	n := len(res.Flags)
	o.ValueInteger = &n
	for _, f := range res.Flags {
		text := f.Flag.Text.In("en")
		lines = append(lines, "- "+text)
		o.Component = append(o.Component, Component{Code: CodeableConcept{Coding: []Coding{{System: ValueSystem(def), Code: f.Flag.ID, Display: text}}, Text: text}, ValueBoolean: true})
	}
	o.Text = narrative(lines...)
	return o
}
