package summary

import (
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

// pdftotext writes the PDF and reads it back with pdftotext and the
// options given, as the text of each page.
func pdftotext(t *testing.T, in Input, options ...string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; make test installs it")
	}
	data, err := PDF(in)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "summary.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", append(options, path, "-")...).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimRight(string(out), "\f"), "\f")
}

// pdfPages is the text of each page, cropped to the page (text that ran
// off the page would be missing) and with wrapped lines joined.
func pdfPages(t *testing.T, in Input) []string {
	t.Helper()
	pages := pdftotext(t, in, "-x", "0", "-y", "0", "-W", "612", "-H", "792")
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

// medicines is n antidepressant entries, each a different medicine, of
// every kind of trial in turn.
func medicines(n int) []any {
	names := []string{"sertraline", "fluoxetine", "citalopram", "escitalopram", "venlafaxine", "duloxetine", "bupropion", "mirtazapine", "paroxetine", "desvenlafaxine"}
	var meds []any
	for i := range n {
		weeks := []string{"8_plus", "6_7", "4_5", "unsure"}[i%4]
		meds = append(meds, map[string]string{"med_name": names[i%len(names)], "med_weeks": weeks, "med_full_dose": "yes", "med_adherence": "yes", "med_improvement": "under_25", "med_stop_reason": "side_effects", "med_for_depression": "yes"})
	}
	return meds
}

// severe is a screening with many flags and n medicines.
func severe(n int) map[string]any {
	return map[string]any{
		"phq9_1": "3", "phq9_2": "3", "phq9_3": "3", "phq9_4": "3", "phq9_9": "1", "phq9_difficulty": "2",
		"ad_any": "yes", "meds": medicines(n), "high_bp": "uncontrolled", "heart_disease": "unsure", "aneurysm": "unsure",
		"interacting_meds": []string{"benzodiazepine", "opioid"}, "goals": []string{"pain_relief", "at_home_ketamine"},
		"gad7_1": "3", "gad7_2": "3", "gad7_3": "3", "gad7_4": "3",
	}
}

// The README gives these page counts; TestREADMEPageCounts holds it to them.
var pageCounts = []struct {
	name    string
	changes map[string]any
	pages   int
}{
	{"minimal", nil, 3},
	{"one medicine and many flags", severe(1), 4},
	{"eight medicines and many flags", severe(8), 4},
	{"crisis", map[string]any{"asq_1": "yes", "asq_5": "yes"}, 2},
}

// TestREADMEPageCounts: the README gives the page counts pageCounts checks.
func TestREADMEPageCounts(t *testing.T) {
	readme := normalize(string(mustRead(t, "../README.md")))
	for _, want := range []string{"A typical screening is **3 pages** when nothing is flagged", "**4 pages** with a treatment history and several flags (up to eight medicines", "fits on **2 pages**"} {
		if !strings.Contains(readme, want) {
			t.Errorf("the README no longer says %q; keep it and pageCounts in step", want)
		}
	}
	pages := map[string]int{}
	for _, c := range pageCounts {
		pages[c.name] = c.pages
	}
	if pages["minimal"] != 3 || pages["eight medicines and many flags"] != 4 || pages["crisis"] != 2 {
		t.Errorf("pageCounts %v no longer match the README", pages)
	}
}

func TestPDFHasEverythingAProviderNeeds(t *testing.T) {
	for _, c := range pageCounts {
		t.Run(c.name, func(t *testing.T) {
			in := input(t, c.changes)
			res := in.Session.Result()
			pages := pdfPages(t, in)
			all := strings.Join(pages, " ")
			if len(pages) != c.pages {
				t.Errorf("%d pages, want %d (the README says so)", len(pages), c.pages)
			}
			first := pages[0]
			mustContain(t, first, "KetaScreen: screening summary for the provider", "the provider's title on page 1")
			mustContain(t, first, res.Outcome.ForProvider().In("en"), "the outcome in the provider's words on page 1")
			mustContain(t, all, res.Outcome.Headline.In("en"), "the headline the person saw")
			for _, s := range res.Scores {
				if s.Score.Kind == questionnaire.CountEntries && !in.Session.Visible(s.Score.List.ID) {
					continue // no medicine was asked about
				}
				mustContain(t, all, s.Score.Name.In("en"), "score "+s.Score.ID)
			}
			for _, f := range res.Flags { // page 1 holds every flag, however long the history
				mustContain(t, first, f.Flag.ForProvider().In("en"), "on page 1, flag "+f.Flag.ID)
			}
			for _, in := range in.Session.Definition().Instruments {
				mustContain(t, all, in.Attribution.In("en"), "the attribution of "+in.ID)
			}
			mustContain(t, first, "Safety screen", "the safety screen on page 1")
			mustContain(t, all, "Thoughts that you would be better off dead", "the item 9 answer")
			mustContain(t, first, "5f0c7a8e-2b1d-4c3e-9f00-123456789abc", "the response id on page 1")
			mustContain(t, all, "What the person was told", "the person's part")
			mustContain(t, all, "Every question asked and its answer", "the appendix")
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

// TestPDFScoreTable: page 1 has each instrument with its item scores, the
// total against its range, the band and the cut-off, and the time with its
// time zone.
func TestPDFScoreTable(t *testing.T) {
	in := input(t, severe(1))
	in.Created = time.Date(2026, 11, 26, 14, 5, 0, 0, time.FixedZone("CET", 3600))
	res := in.Session.Result()
	phq, gad := res.Score("phq9"), res.Score("gad7")
	rows := tableRows(pdfLayout(t, in)[0])
	for _, want := range []string{
		"Instrument 1 2 3 4 5 6 7 8 9 Total (range) Band or result Cut-off",
		fmt.Sprintf("PHQ-9 depression score %s %d (0–27) %s", itemCells(in, "phq9"), phq.Value, phq.Band.Text.In("en")),
		fmt.Sprintf("GAD-7 anxiety score %s %d (0–21) %s ≥ 10 warrants", itemCells(in, "gad7"), gad.Value, gad.Band.Text.In("en")),
		// The calm adult reports no trauma: a score of 0, the items not asked.
		fmt.Sprintf("PC-PTSD-5 trauma 0 (0–5) negative ≥ %d positive", *in.Session.Definition().Setting("pcptsd5_cutoff").Number),
		"ASQ suicide risk screen N N N N negative any yes to 1–4",
		"Completed: 2026-11-26 14:05 CET (UTC+01:00)",
	} {
		if !slices.ContainsFunc(rows, func(r string) bool { return strings.HasPrefix(r, want) }) {
			t.Errorf("page 1 has no line starting %q:\n%s", want, strings.Join(rows, "\n"))
		}
	}
	mustContain(t, normalize(pdfLayout(t, in)[0]), "≥ 10 screen positive", "the PHQ-9 cut-off")

	in = input(t, map[string]any{"pcptsd5_trauma": "yes", "pcptsd5_1": "yes", "pcptsd5_2": "yes", "pcptsd5_3": "no", "pcptsd5_4": "yes", "pcptsd5_5": "no"})
	rows = tableRows(pdfLayout(t, in)[0])
	if want := "PC-PTSD-5 trauma 1 1 0 1 0 3 (0–5) positive"; !slices.ContainsFunc(rows, func(r string) bool { return strings.HasPrefix(r, want) }) {
		t.Errorf("page 1 has no line starting %q:\n%s", want, strings.Join(rows, "\n"))
	}

	// A positive ASQ in the provider's words, not the person's.
	in = input(t, map[string]any{"asq_2": "yes", "asq_5": "no", "lethal_means": "no"})
	layout := pdfLayout(t, in)[0]
	if want := "ASQ suicide risk screen N Y N N N non-acute any yes to 1–4"; !slices.ContainsFunc(tableRows(layout), func(r string) bool { return strings.HasPrefix(r, want) }) {
		t.Errorf("page 1 has no line starting %q:\n%s", want, layout)
	}
	page := normalize(pdfPages(t, in)[0])
	mustContain(t, page, "ASQ suicide risk screen: non-acute positive (brief suicide safety assessment needed)", "the ASQ in the safety screen")
	if strings.Contains(page, "check on your safety") {
		t.Error("page 1 gives the ASQ result in the person's words")
	}
}

// pdfLayout is the text of each page with its layout kept, so a table row
// is a line.
func pdfLayout(t *testing.T, in Input) []string {
	t.Helper()
	return pdftotext(t, in, "-layout")
}

// tableRows is a page's lines with their runs of spaces made one.
func tableRows(page string) []string {
	var rows []string
	for _, line := range strings.Split(page, "\n") {
		rows = append(rows, strings.TrimSpace(normalize(line)))
	}
	return rows
}

// itemCells is what the score table's row shows for a sum score's items.
func itemCells(in Input, score string) string {
	var cells []string
	for _, it := range in.Session.Definition().Score(score).Items {
		a, _ := in.Session.Answer(it.ID)
		cells = append(cells, a.Code)
	}
	return strings.Join(cells, " ")
}

// TestPDFLongMedicineTable: twenty medicines run over pages, each page of
// the table starting with its header, and every one is printed.
func TestPDFLongMedicineTable(t *testing.T) {
	in := input(t, severe(20))
	pages := pdfPages(t, in)
	header := "Medicine Time at the intended dose"
	rowsOn := 0
	for i, p := range pages {
		if strings.Contains(p, "Side effects") { // the "why stopped" column: only in the table's rows
			rowsOn++
			if !strings.Contains(p, header) {
				t.Errorf("page %d has medicine rows but no header", i+1)
			}
		}
	}
	if rowsOn < 2 {
		t.Errorf("twenty medicines fit on %d page(s); the test wants the table to run over pages", rowsOn)
	}
	all := strings.Join(pages, " ")
	if got := strings.Count(all, "Sertraline (Zoloft)"); got < 2 {
		t.Errorf("Sertraline is printed %d times; it is two of the twenty entries", got)
	}
	mustContain(t, all, "Antidepressants listed: 20", "the tally")
}

// TestPDFInTheClinicsLanguage: a person who used Spanish on an
// English-speaking clinic's kiosk gives the provider English pages, says
// which language they used, keeps what they were told in Spanish and
// prints each answer in both.
func TestPDFInTheClinicsLanguage(t *testing.T) {
	in := input(t, severe(1))
	in.Lang, in.RecordLang = "es", "en"
	in.Session.SetLanguage("es")
	in.Kiosk, in.KioskName, in.ClaimCode = true, "waiting-room-1", "K7F-QXA"
	res := in.Session.Result()
	pages := pdfPages(t, in)
	all := strings.Join(pages, " ")
	first := pages[0]
	mustContain(t, first, "KetaScreen: screening summary for the provider", "the English title")
	mustContain(t, first, "Language of the screening: Español", "the person's language")
	mustContain(t, first, "Kiosk: waiting-room-1", "the kiosk")
	mustContain(t, first, "Front-desk code: K7F-QXA", "the claim code")
	mustContain(t, first, res.Outcome.ForProvider().In("en"), "the English outcome")
	mustContain(t, all, "The result and reasons as the screen gave them to the person, in the language of the screening (Español).", "the person's part")
	mustContain(t, all, res.Outcome.Headline.In("es"), "the Spanish headline the person saw")
	mustContain(t, all, "Question Answer As answered (Español)", "the appendix's header")
	mustContain(t, all, "Little interest or pleasure in doing things Nearly every day Casi todos los días", "an answer in both languages")
	if strings.Contains(first, "Puntuación de depresión PHQ-9") {
		t.Error("page 1 is in Spanish")
	}
}

// cyrillic spells Latin letters in Cyrillic ones, to stand for a language
// outside Latin-1.
var cyrillic = strings.NewReplacer("a", "а", "b", "б", "c", "ц", "d", "д", "e", "е", "i", "и", "l", "л", "m", "м", "n", "н", "o", "о", "p", "п", "r", "р", "s", "с", "t", "т", "u", "у", "v", "в")

// TestPDFPrintsALanguageOutsideLatin1: with every Spanish wording of the
// definition spelt in Cyrillic, the PDF carries that text (pdftotext reads
// it back), so a language's script needs text, not code.
func TestPDFPrintsALanguageOutsideLatin1(t *testing.T) {
	def := cyrillicDefinition(t)
	in := input(t, severe(1))
	in.Session = questionnaire.NewSessionWith(def, in.Session.Answers())
	in.Lang = "es"
	res := in.Session.Result()
	all := strings.Join(pdfPages(t, in), " ")
	for _, want := range []string{res.Outcome.ForProvider().In("es"), res.Outcome.Headline.In("es"), def.Score("phq9").Name.In("es")} {
		if !strings.ContainsAny(want, "абцдеилмнопрсту") {
			t.Fatalf("the test text %q is not in Cyrillic", want)
		}
		mustContain(t, all, want, "the Cyrillic "+want)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestPDFTakesAnyCharacter: a name typed with an emoji (beyond the font's
// table) prints as a question mark rather than failing.
func TestPDFTakesAnyCharacter(t *testing.T) {
	in := input(t, map[string]any{"ad_any": "yes", "meds": []any{map[string]string{"med_name": "other", "med_other_name": "pill 💊 ñandú Ωμέγα", "med_weeks": "8_plus", "med_full_dose": "yes", "med_adherence": "yes", "med_improvement": "under_25"}}})
	in.Initials = "Zoë 😀"
	all := strings.Join(pdfPages(t, in), " ")
	mustContain(t, all, "pill ? ñandú Ωμέγα", "the typed name")
	mustContain(t, all, "Initials: Zoë ?", "the initials")
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
	for _, want := range []string{"KetaScreen: resumen de la evaluación para el proveedor", "Lo que se le dijo a la persona", "Cada pregunta hecha y su respuesta", "Puntuación de depresión PHQ-9", "Punto de corte", "Esto es una evaluación, no un diagnóstico.", "La evaluación de trauma (PC-PTSD-5) no se realizó", "Elaborado por los doctores Robert L. Spitzer"} {
		mustContain(t, all, want, "Spanish "+want)
	}
}

// TestDeclinedTraumaScreenIsNotCompletedInPDFAndFHIR: in both languages the
// PDF says the trauma screen was not completed, never a score, and the FHIR
// response carries the declined answer and no trauma item.
func TestDeclinedTraumaScreenIsNotCompletedInPDFAndFHIR(t *testing.T) {
	for _, c := range []struct{ lang, notCompleted, flag string }{
		{"en", "PC-PTSD-5 trauma not completed", "PC-PTSD-5 not completed (declined or not asked); this is not a negative screen."},
		{"es", "Evaluación de trauma no completada", "PC-PTSD-5 no completada (rechazada o no preguntada); no es un resultado negativo."},
	} {
		in := input(t, map[string]any{"pcptsd5_trauma": "prefer_not"})
		in.RecordLang = c.lang // answered in English, summarised in the clinic's language
		all := strings.Join(pdfPages(t, in), " ")
		rows := tableRows(pdfLayout(t, in)[0])
		if !slices.ContainsFunc(rows, func(r string) bool { return strings.HasPrefix(r, c.notCompleted) }) {
			t.Errorf("%s: page 1 has no line starting %q:\n%s", c.lang, c.notCompleted, strings.Join(rows, "\n"))
		}
		mustContain(t, all, c.flag, c.lang+": the ptsd_not_completed flag")
		if regexp.MustCompile(`PC-PTSD-5[^0-9]*0 \(0–5\)`).MatchString(all) {
			t.Errorf("%s: the declined screen is printed as a score", c.lang)
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

// TestKioskBundleCarriesClaimCodeAndKiosk: a kiosk record's FHIR names the
// code the person read to the front desk and the kiosk that authored it.
func TestKioskBundleCarriesClaimCodeAndKiosk(t *testing.T) {
	in := input(t, severe(1))
	in.Kiosk, in.KioskName, in.ClaimCode = true, "Sala de espera 2", "K7F-QXA"
	b := ResultBundle(in, Collection)
	if b.Identifier == nil || b.Identifier.System != ClaimCodeSystem || b.Identifier.Value != "K7F-QXA" {
		t.Fatalf("Bundle.identifier = %+v, want the claim code", b.Identifier)
	}
	var dev *Device
	var qr *QuestionnaireResponse
	for _, e := range b.Entry {
		switch r := e.Resource.(type) {
		case Device:
			dev = &r
			if qr != nil {
				t.Fatal("the Device comes after the response")
			}
			if r.Identifier[0] != (Identifier{System: KioskSystem, Value: "sala-de-espera-2"}) || r.DeviceName[0].Name != "Sala de espera 2" {
				t.Errorf("Device = %+v", r)
			}
		case QuestionnaireResponse:
			qr = &r
		}
	}
	if dev == nil || qr == nil || qr.Author == nil || qr.Author.Display != "Sala de espera 2" {
		t.Fatalf("the kiosk is not the response's author: device %v, response author %+v", dev, qr)
	}

	in.Kiosk, in.KioskName, in.ClaimCode = false, "", ""
	if b := ResultBundle(in, Collection); b.Identifier.System == ClaimCodeSystem {
		t.Error("a screening at home has a claim code")
	}
}
