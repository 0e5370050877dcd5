package summary

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"ketascreen/questionnaire"
)

// The checks in ../tools/fhir (Node): the official FHIR R4 JSON schema,
// Medplum's R4 validator and the reference FHIRPath engine. `make test`
// installs them (npm ci) and sets KETASCREEN_FHIR_TOOLS=1, so that there a
// missing tool fails the test instead of skipping it.
func fhirTools(t *testing.T) (node, script string) {
	t.Helper()
	script, _ = filepath.Abs(filepath.Join("..", "tools", "fhir", "check.mjs"))
	node, err := exec.LookPath("node")
	_, modErr := os.Stat(filepath.Join(filepath.Dir(script), "node_modules", "fhirpath"))
	if err != nil || modErr != nil {
		if os.Getenv("KETASCREEN_FHIR_TOOLS") == "1" {
			t.Fatalf("the FHIR checks need node and npm ci --prefix tools/fhir: %v %v", err, modErr)
		}
		t.Skip("node or tools/fhir/node_modules missing; make test installs them")
	}
	return node, script
}

func runCheck(t *testing.T, args ...string) (string, bool) {
	t.Helper()
	node, script := fhirTools(t)
	cmd := exec.Command(node, append([]string{script}, args...)...)
	out, err := cmd.CombinedOutput()
	if _, exit := err.(*exec.ExitError); err != nil && !exit {
		t.Fatal(err)
	}
	if len(out) > 6000 {
		out = append(out[:6000], "…"...)
	}
	return string(out), err == nil
}

func writeJSON(t *testing.T, path string, v any) string {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFHIRFilesPassTheValidators: every FHIR file the app writes (the
// result Bundle as a collection, as a transaction and from a kiosk, the
// Questionnaire in each language, the code systems) passes the official R4
// JSON schema and Medplum's validator, and a broken file fails both.
func TestFHIRFilesPassTheValidators(t *testing.T) {
	fhirTools(t)
	dir := t.TempDir()
	def, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for i, ex := range def.Examples {
		if i%8 != 0 { // a spread of outcomes; the FHIRPath test reads them all
			continue
		}
		in := Input{Session: questionnaire.NewSessionWith(def, ex.Answers), Lang: "en", ResponseID: "5f0c7a8e-2b1d-4c3e-9f00-123456789abc", Created: time.Date(2026, 11, 26, 14, 5, 0, 0, time.FixedZone("EST", -5*3600))}
		files = append(files, writeJSON(t, filepath.Join(dir, "bundle-"+itoa(i)+".json"), ResultBundle(in, Collection)))
		if i == 0 {
			files = append(files, writeJSON(t, filepath.Join(dir, "transaction.json"), ResultBundle(in, Transaction)))
			in.Kiosk, in.KioskName, in.ClaimCode, in.Lang = true, "waiting-room-1", "K7F-QXA", "es"
			files = append(files, writeJSON(t, filepath.Join(dir, "kiosk.json"), ResultBundle(in, Collection)))
		}
	}
	for _, lang := range def.Languages {
		files = append(files, writeJSON(t, filepath.Join(dir, "questionnaire-"+lang+".json"), QuestionnaireOf(def, lang)))
	}
	for i, cs := range ProjectCodeSystems(def) {
		files = append(files, writeJSON(t, filepath.Join(dir, "codesystem-"+itoa(i)+".json"), cs))
	}
	if out, ok := runCheck(t, append([]string{"validate"}, files...)...); !ok {
		t.Errorf("the validators refuse what KetaScreen writes:\n%s", out)
	}

	// Broken on purpose: a score given as text under an element R4 does
	// not have, and a response whose answer code is a number.
	in := input(t, nil)
	data, _ := json.Marshal(ResultBundle(in, Collection))
	broken := strings.Replace(string(data), `"valueInteger":0`, `"valueScore":"0"`, 1)
	if broken == string(data) {
		t.Fatal("no valueInteger to break")
	}
	badObs := filepath.Join(dir, "broken-observation.json")
	os.WriteFile(badObs, []byte(broken), 0o600)
	data, _ = json.Marshal(Response(in))
	broken = strings.Replace(string(data), `"code":"no"`, `"code":0`, 1)
	badQR := filepath.Join(dir, "broken-response.json")
	os.WriteFile(badQR, []byte(broken), 0o600)
	for _, f := range []string{badObs, badQR} {
		out, ok := runCheck(t, "validate", f)
		if ok || !strings.Contains(out, "R4 JSON schema") || !strings.Contains(out, "Medplum validator") {
			t.Errorf("%s: both validators should refuse it:\n%s", filepath.Base(f), out)
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// fhirpathCase is one screening for the FHIRPath check: its response,
// which items and entry fields KetaScreen shows, and its scores.
type fhirpathCase struct {
	Name     string                `json:"name"`
	Response QuestionnaireResponse `json:"response"`
	Shown    map[string]bool       `json:"shown"`
	Fields   []map[string]bool     `json:"fields"`
	Scores   map[string]any        `json:"scores"`
}

// TestSDCQuestionnaireMatchesKetaScreen runs the exported Questionnaire in
// the reference FHIRPath engine over the response of every example of the
// definition (in English and in Spanish): its enableWhen and
// enableWhenExpression show the items KetaScreen shows, and its
// calculatedExpression gives every score KetaScreen gives.
func TestSDCQuestionnaireMatchesKetaScreen(t *testing.T) {
	fhirTools(t)
	def, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	var cases []fhirpathCase
	for _, lang := range []string{"en", "es"} {
		for _, ex := range def.Examples {
			s := questionnaire.NewSessionWith(def, ex.Answers)
			s.SetLanguage(lang)
			cases = append(cases, fhirpathCaseOf(lang+": "+ex.Name, s))
		}
	}
	if len(cases) < 100 {
		t.Fatalf("only %d cases", len(cases))
	}
	path := writeJSON(t, filepath.Join(t.TempDir(), "cases.json"), map[string]any{"questionnaire": QuestionnaireOf(def, "en"), "cases": cases})
	out, ok := runCheck(t, "fhirpath", path)
	if !ok {
		t.Errorf("the Questionnaire differs from KetaScreen:\n%s", out)
	}
	if !strings.Contains(out, "cases, ") {
		t.Errorf("the check did not run: %s", out)
	}
}

func fhirpathCaseOf(name string, s *questionnaire.Session) fhirpathCase {
	def := s.Definition()
	res := s.Result()
	in := Input{Session: s, Lang: s.Language(), ResponseID: "5f0c7a8e-2b1d-4c3e-9f00-123456789abc", Created: time.Date(2026, 11, 26, 14, 5, 0, 0, time.UTC)}
	c := fhirpathCase{Name: name, Response: Response(in), Shown: map[string]bool{}, Scores: map[string]any{}}
	for _, it := range def.Items {
		if it.Type == questionnaire.Control {
			continue
		}
		if !res.EndedEarly || s.Visible(it.ID) {
			// after an early end, KetaScreen asks nothing more: only what
			// it showed is compared
			c.Shown[it.ID] = s.Visible(it.ID)
		}
		if it.Type == questionnaire.List && s.Visible(it.ID) {
			for i := range s.Entries(it.ID) {
				fields := map[string]bool{}
				for _, f := range it.Fields {
					fields[f.ID] = s.FieldShownIn(it.ID, i, f.ID)
				}
				c.Fields = append(c.Fields, fields)
			}
		}
	}
	for _, sr := range res.Scores {
		switch {
		case sr.Score.Internal, sr.Unfinished:
			// an unfinished ASQ is KetaScreen's reading of a session that
			// ended; a response does not say so
		case sr.NotCompleted:
			c.Scores[sr.Score.ID] = nil
		case sr.Score.Kind == questionnaire.Classify:
			c.Scores[sr.Score.ID] = sr.Result
		default:
			c.Scores[sr.Score.ID] = sr.Value
		}
	}
	return c
}
