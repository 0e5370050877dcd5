package summary

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"ketascreen/questionnaire"

	"ketascreen/internal/testanswers"
)

// calm is the adult whose answers raise nothing (internal/testanswers).
var calm = testanswers.CalmAdult()

func input(t testing.TB, changes map[string]any) Input {
	t.Helper()
	def, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]any{}
	for k, v := range calm {
		all[k] = v
	}
	for k, v := range changes {
		if v == nil {
			delete(all, k)
		} else {
			all[k] = v
		}
	}
	data, _ := json.Marshal(map[string]any{"answers": all})
	answers, err := questionnaire.ReadAnswers("t.json", data, def)
	if err != nil {
		t.Fatal(err)
	}
	return Input{Session: questionnaire.NewSessionWith(def, answers), Lang: "en", ResponseID: "5f0c7a8e-2b1d-4c3e-9f00-123456789abc",
		Created: time.Date(2026, 11, 26, 14, 5, 0, 0, time.UTC)}
}

// pdfPages writes the PDF and reads back the text of each page, cropped to
// the page: text that ran off the page would be missing.
func pdfPages(t *testing.T, in Input) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; make test installs it")
	}
	var buf bytes.Buffer
	if err := WritePDF(&buf, in); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "summary.pdf")
	os.WriteFile(path, buf.Bytes(), 0o600)
	out, err := exec.Command("pdftotext", "-x", "0", "-y", "0", "-W", "612", "-H", "792", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f"), "\f")
	for i := range pages {
		pages[i] = normalize(pages[i])
	}
	return pages
}

var spaces = regexp.MustCompile(`\s+`)

// normalize joins wrapped lines, so a sentence split over lines still matches.
func normalize(s string) string {
	return spaces.ReplaceAllString(strings.ReplaceAll(s, "\u00ad", ""), " ")
}

func mustContain(t *testing.T, text, want, what string) {
	t.Helper()
	if !strings.Contains(text, normalize(want)) {
		t.Errorf("the PDF lacks %s: %q", what, want)
	}
}

func TestPDFHasEverythingAProviderNeeds(t *testing.T) {
	meds := []any{}
	names := []string{"sertraline", "fluoxetine", "citalopram", "escitalopram", "venlafaxine", "duloxetine", "bupropion", "mirtazapine"}
	for i, n := range names {
		weeks := []string{"8_plus", "6_7", "4_5", "unsure"}[i%4]
		meds = append(meds, map[string]string{"med_name": n, "med_weeks": weeks, "med_full_dose": "yes", "med_adherence": "yes", "med_improvement": "under_25", "med_stop_reason": "side_effects", "med_for_depression": "yes"})
	}
	cases := []struct {
		name    string
		changes map[string]any
		pages   int
	}{
		{"minimal", nil, 2},
		{"eight medicines and many flags", map[string]any{
			"phq9_1": "3", "phq9_2": "3", "phq9_3": "3", "phq9_4": "3", "phq9_9": "1", "phq9_difficulty": "2",
			"ad_any": "yes", "meds": meds, "high_bp": "uncontrolled", "heart_disease": "unsure", "aneurysm": "unsure",
			"interacting_meds": []string{"benzodiazepine", "opioid"}, "goals": []string{"pain_relief", "at_home_ketamine"},
			"gad7_1": "3", "gad7_2": "3", "gad7_3": "3", "gad7_4": "3",
		}, 4},
		{"crisis", map[string]any{"asq_1": "yes", "asq_5": "yes"}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := input(t, c.changes)
			res := in.Session.Result()
			pages := pdfPages(t, in)
			all := strings.Join(pages, " ")
			if len(pages) > c.pages {
				t.Errorf("%d pages, want at most %d", len(pages), c.pages)
			}
			mustContain(t, all, res.Outcome.Headline.In("en"), "the headline")
			for _, s := range res.Scores {
				if s.Score.Kind == questionnaire.CountEntries && !in.Session.Visible(s.Score.List.ID) {
					continue // no medicine was asked about
				}
				mustContain(t, all, s.Score.Name.In("en"), "score "+s.Score.ID)
			}
			for _, f := range res.Flags {
				mustContain(t, all, f.Flag.Text.In("en"), "flag "+f.Flag.ID)
			}
			for _, in := range in.Session.Definition().Instruments {
				mustContain(t, all, in.Attribution.In("en"), "the attribution of "+in.ID)
			}
			mustContain(t, all, "Safety screen", "the safety screen")
			mustContain(t, all, "Thoughts that you would be better off dead", "the item 9 answer")
			mustContain(t, all, "5f0c7a8e-2b1d-4c3e-9f00-123456789abc", "the response id")
			for i, p := range pages {
				if !strings.Contains(p, "This is a screening, not a diagnosis.") || !strings.Contains(p, fmt.Sprintf("Page %d of %d", i+1, len(pages))) {
					t.Errorf("page %d lacks the disclaimer or its number: %.200q", i+1, p)
				}
			}
			if c.name == "eight medicines and many flags" {
				for _, n := range []string{"Sertraline (Zoloft)", "Mirtazapine (Remeron)", "not taken long enough at the intended dose", "Would count once confirmed"} {
					mustContain(t, all, n, "the medicine table's "+n)
				}
			}
			if c.name == "crisis" && strings.Contains(all, "Antidepressants in this episode") {
				t.Error("the crisis summary shows treatment history that was never asked")
			}
		})
	}
}

func TestPDFWithInitials(t *testing.T) {
	in := input(t, nil)
	in.Initials = "J.Q."
	if all := strings.Join(pdfPages(t, in), " "); !strings.Contains(all, "Initials: J.Q.") {
		t.Error("initials missing")
	}
	in.Initials = ""
	if all := strings.Join(pdfPages(t, in), " "); !strings.Contains(all, "Initials: not given") {
		t.Error("no name should be recorded when none is typed")
	}
}

func TestFHIRResponseRoundTrips(t *testing.T) {
	in := input(t, map[string]any{"phq9_1": "3", "phq9_2": "3", "phq9_3": "3", "phq9_4": "3", "phq9_difficulty": "2",
		"ad_any": "yes", "meds": []any{
			map[string]string{"med_name": "sertraline", "med_weeks": "8_plus", "med_full_dose": "yes", "med_adherence": "yes", "med_improvement": "under_25"},
			map[string]string{"med_name": "bupropion", "med_weeks": "6_7", "med_full_dose": "unsure", "med_adherence": "yes", "med_improvement": "25_49", "med_stop_reason": "cost", "med_for_depression": "yes"},
		}, "goals": []string{"rapid_relief", "pain_relief"}})
	qrData, err := json.Marshal(Response(in))
	if err != nil {
		t.Fatal(err)
	}
	bundle, err := FHIR(in)
	if err != nil {
		t.Fatal(err)
	}
	var back questionnaire.Answers
	for _, data := range [][]byte{qrData, bundle} {
		if !IsFHIR(data) {
			t.Fatalf("not recognised as FHIR: %.60s", data)
		}
		answers, err := AnswersFromResponse(in.Session.Definition(), data)
		if err != nil {
			t.Fatal(err)
		}
		if back, err = questionnaire.ReadAnswers("qr.json", answers, in.Session.Definition()); err != nil {
			t.Fatal(err)
		}
	}
	a, b := in.Session.Result(), questionnaire.NewSessionWith(in.Session.Definition(), back).Result()
	if a.OutcomeID() != b.OutcomeID() || a.PathwayID() != b.PathwayID() || !slices.Equal(a.FlagIDs(), b.FlagIDs()) {
		t.Errorf("round trip: %s %s %v, then %s %s %v", a.OutcomeID(), a.PathwayID(), a.FlagIDs(), b.OutcomeID(), b.PathwayID(), b.FlagIDs())
	}
	if got := questionnaire.NewSessionWith(in.Session.Definition(), back).Entries("meds"); len(got) != 2 || got[1]["med_stop_reason"] != "cost" {
		t.Errorf("medicines after the round trip: %v", got)
	}
}

// TestFHIRShapeFollowsR4 checks the R4 rules the app relies on: required
// elements, allowed codes and value types.
func TestFHIRShapeFollowsR4(t *testing.T) {
	in := input(t, map[string]any{"ad_any": "yes", "meds": []any{map[string]string{"med_name": "sertraline", "med_weeks": "8_plus", "med_full_dose": "yes", "med_adherence": "yes", "med_improvement": "under_25"}}})
	data, _ := json.Marshal(Response(in))
	var qr map[string]any
	json.Unmarshal(data, &qr)
	if qr["resourceType"] != "QuestionnaireResponse" || qr["status"] != "completed" {
		t.Errorf("resourceType %v status %v", qr["resourceType"], qr["status"])
	}
	if _, err := time.Parse(time.RFC3339, qr["authored"].(string)); err != nil {
		t.Errorf("authored is not a FHIR dateTime: %v", qr["authored"])
	}
	id := qr["identifier"].(map[string]any)
	if id["system"] != "urn:ietf:rfc:3986" || !strings.HasPrefix(id["value"].(string), "urn:uuid:") {
		t.Errorf("identifier %v", id)
	}
	checkResponseItems(t, asList(qr["item"]))
	var flat []any
	for _, g := range asList(qr["item"]) {
		flat = append(flat, g)
		flat = append(flat, asList(g.(map[string]any)["item"])...)
	}

	q := QuestionnaireOf(in.Session.Definition(), "en")
	if q.ResourceType != "Questionnaire" || q.Status != "active" || q.URL == "" {
		t.Errorf("questionnaire %s %s %s", q.ResourceType, q.Status, q.URL)
	}
	linkIDs := map[string]bool{}
	checkQuestionnaireItems(t, q.Item, linkIDs)
	for _, x := range flat {
		if id := x.(map[string]any)["linkId"].(string); !linkIDs[id] {
			t.Errorf("the response's %s is not in the Questionnaire", id)
		}
	}
}

// checkResponseItems: every response item has a linkId, answers or child
// items (not both), and each answer is one valueCoding with system, code
// and display.
func checkResponseItems(t *testing.T, items []any) {
	t.Helper()
	for _, x := range items {
		item := x.(map[string]any)
		if item["linkId"] == "" || item["linkId"] == nil {
			t.Errorf("an item without linkId: %v", item)
		}
		_, hasAnswer := item["answer"]
		_, hasItems := item["item"]
		if hasAnswer == hasItems {
			t.Errorf("item %v must have answers or child items, not both or neither", item["linkId"])
		}
		for _, a := range asList(item["answer"]) {
			ans := a.(map[string]any)
			c, ok := ans["valueCoding"].(map[string]any)
			if len(ans) != 1 || !ok || c["code"] == "" || c["system"] == "" || c["display"] == "" {
				t.Errorf("item %v: answer %v is not a single valueCoding with system, code and display", item["linkId"], ans)
			}
		}
		checkResponseItems(t, asList(item["item"]))
	}
}

// checkQuestionnaireItems: linkIds are unique, types are choice, group or
// string, and a choice has answer options; it collects the linkIds.
func checkQuestionnaireItems(t *testing.T, items []QuestionnaireItem, linkIDs map[string]bool) {
	t.Helper()
	for _, it := range items {
		if linkIDs[it.LinkID] {
			t.Errorf("linkId %s twice", it.LinkID)
		}
		linkIDs[it.LinkID] = true
		if !slices.Contains([]string{"choice", "group", "string", "display", "integer"}, it.Type) {
			t.Errorf("%s has type %s", it.LinkID, it.Type)
		}
		if it.Type == "choice" && len(it.AnswerOption) == 0 {
			t.Errorf("%s has no answer options", it.LinkID)
		}
		checkQuestionnaireItems(t, it.Item, linkIDs)
	}
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func TestSpanishPDF(t *testing.T) {
	in := input(t, nil)
	in.Lang = "es"
	in.Session.SetLanguage("es")
	all := strings.Join(pdfPages(t, in), " ")
	for _, want := range []string{"KetaScreen: resumen para su proveedor", "Esto es una evaluación, no un diagnóstico.", "La evaluación de trauma (PC-PTSD-5) no se realizó", "Elaborado por los doctores Robert L. Spitzer"} {
		mustContain(t, all, want, "Spanish "+want)
	}
}

// TestDeclinedTraumaScreenIsNotCompletedInPDFAndFHIR: in both languages the
// PDF says the trauma screen was not completed, never a score, and the FHIR
// response carries the declined answer and no trauma item.
func TestDeclinedTraumaScreenIsNotCompletedInPDFAndFHIR(t *testing.T) {
	for _, c := range []struct{ lang, notCompleted, flag string }{
		{"en", "PC-PTSD-5 trauma screen: not completed", "The trauma screen (PC-PTSD-5) was not completed."},
		{"es", "Evaluación de trauma PC-PTSD-5: no completada", "La evaluación de trauma (PC-PTSD-5) no se completó."},
	} {
		in := input(t, map[string]any{"pcptsd5_trauma": "prefer_not"})
		in.Lang = c.lang
		in.Session.SetLanguage("en") // answered in English, summarised in the clinic's language
		all := strings.Join(pdfPages(t, in), " ")
		mustContain(t, all, c.notCompleted, c.lang+": the trauma score")
		mustContain(t, all, c.flag, c.lang+": the ptsd_not_completed flag")
		for _, wrong := range []string{"0 of 5", "0 de 5"} {
			if strings.Contains(all, "PC-PTSD-5 trauma screen: "+wrong) || strings.Contains(all, "PC-PTSD-5: "+wrong) {
				t.Errorf("%s: the declined screen is printed as a score %q", c.lang, wrong)
			}
		}
		mustContain(t, all, in.Session.Definition().Text(questionnaire.TextASQSelfAdministered).In(c.lang), c.lang+": the ASQ note")
		data, err := json.Marshal(Response(in))
		if err != nil {
			t.Fatal(err)
		}
		text := string(data)
		if !strings.Contains(text, `"linkId":"pcptsd5_trauma"`) || !strings.Contains(text, "prefer_not") || strings.Contains(text, `"linkId":"pcptsd5_1"`) {
			t.Errorf("%s: the FHIR response of a declined trauma screen: %s", c.lang, text)
		}
	}
}
