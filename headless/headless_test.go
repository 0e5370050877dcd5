package headless

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"ketascreen/assets"
)

func score(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = Score(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

type scoreJSON struct {
	Outcome string                    `json:"outcome"`
	Pathway *string                   `json:"pathway"`
	Flags   []string                  `json:"flags"`
	Scores  map[string]map[string]any `json:"scores"`
	Reasons []struct {
		Rule    string `json:"rule"`
		Text    string `json:"text"`
		Answers []struct {
			Item   string `json:"item"`
			Answer string `json:"answer"`
		} `json:"answers"`
	} `json:"reasons"`
}

func scoreFile(t *testing.T, file string) scoreJSON {
	t.Helper()
	code, out, errOut := score(t, filepath.Join("testdata", file))
	if code != ExitOK {
		t.Fatalf("score %s: exit %d\n%s", file, code, errOut)
	}
	var r scoreJSON
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("score %s printed no JSON: %v\n%s", file, err, out)
	}
	return r
}

// The answers files in testdata were written by hand from the screening
// specification, not from the definition's own examples.
func TestScoreGivesTheSpecsResultForHandWrittenAnswers(t *testing.T) {
	r := scoreFile(t, "trd-severe.json")
	// PHQ-9 3+3+2+3+2+2+2+1+1 = 19; GAD-7 10; PC-PTSD-5 3 yes; one failed
	// trial (escitalopram 8 weeks <25%), one uncertain (venlafaxine 6-7 weeks
	// 25-49% with the dose unsure: version 2 no longer counts it as failed),
	// one too short. F + U = 2 with P >= 10: provider review (rule 8).
	if r.Outcome != "provider_review" || r.Pathway == nil || *r.Pathway != "provider_review" {
		t.Errorf("outcome %s pathway %v, want provider_review", r.Outcome, r.Pathway)
	}
	wantFlags := []string{"anxiety_eval", "blood_pressure", "home_ketamine_note", "interaction_sedation", "logistics_note", "ptsd_eval", "safety_followup"}
	if !slices.Equal(r.Flags, wantFlags) {
		t.Errorf("flags %v, want %v", r.Flags, wantFlags)
	}
	checks := []struct {
		group, key string
		want       any
	}{
		{"phq9", "total", 19.0}, {"phq9", "band", "moderately_severe"},
		{"gad7", "total", 10.0}, {"gad7", "band", "moderate"},
		{"pcptsd5", "score", 3.0}, {"pcptsd5", "positive", true},
		{"asq", "result", "negative"},
		{"trials", "failed", 1.0}, {"trials", "uncertain", 1.0},
		{"pcptsd5", "completed", true},
	}
	for _, c := range checks {
		if got := r.Scores[c.group][c.key]; got != c.want {
			t.Errorf("scores.%s.%s = %v, want %v", c.group, c.key, got, c.want)
		}
	}
	if len(r.Reasons) != 1 || r.Reasons[0].Rule != "pathway_uncertain_history" || r.Reasons[0].Text == "" {
		t.Fatalf("reasons %+v, want pathway_uncertain_history with its text", r.Reasons)
	}
	if _, ok := r.Scores["trials"]["dose_unverified"]; ok {
		t.Error("scores.trials still has the retired dose_unverified")
	}
	var items []string
	for _, a := range r.Reasons[0].Answers {
		items = append(items, a.Item)
	}
	if !slices.Contains(items, "phq9_1") || !slices.Contains(items, "meds") {
		t.Errorf("the reason names answers %v, want the PHQ-9 items and the medicines", items)
	}
}

func TestScoreEndsEarlyOnCrisisAndAge(t *testing.T) {
	r := scoreFile(t, "crisis-early.json")
	if r.Outcome != "crisis" || r.Pathway != nil || len(r.Flags) != 0 {
		t.Errorf("acute ASQ: outcome %s pathway %v flags %v, want crisis with no pathway and no flags", r.Outcome, r.Pathway, r.Flags)
	}
	if r.Scores["asq"]["result"] != "acute_positive" {
		t.Errorf("asq result %v", r.Scores["asq"]["result"])
	}
	r = scoreFile(t, "minor.json")
	if r.Outcome != "adult_only" || r.Pathway != nil {
		t.Errorf("under 18: outcome %s pathway %v, want adult_only and no pathway", r.Outcome, r.Pathway)
	}
}

// TestScoreGivesVersion2ResultsForRealisticPeople: the people of the issue
// (answers written by hand from version 2 of the specification), each the
// same as trd-severe.json except for what makes them who they are.
func TestScoreGivesVersion2ResultsForRealisticPeople(t *testing.T) {
	cases := []struct {
		file, outcome string
		flags         []string
		failed        float64
		rule          string
	}{
		// Two failed trials and a past clot in a leg vein, which is not an
		// aneurysm: the hard-stop question no longer catches it.
		{"leg-clot.json", "discuss_ketamine", []string{"anxiety_eval", "ptsd_eval", "safety_followup"}, 2, "pathway_trd"},
		// Bipolar depression with two failed trials: a psychiatrist first.
		{"bipolar.json", "specialist_first", []string{"anxiety_eval", "bipolar", "bipolar_eval", "ptsd_eval", "safety_followup"}, 2, "pathway_specialist_bipolar"},
		// Trazodone for sleep, twice: no antidepressant trial at all.
		{"trazodone-sleep.json", "not_first_step", []string{"anxiety_eval", "ptsd_eval", "safety_followup"}, 0, "pathway_other_options_first"},
		// The trauma screen declined: not completed, never negative.
		{"declined-trauma.json", "discuss_ketamine", []string{"anxiety_eval", "ptsd_not_completed", "safety_followup"}, 2, "pathway_trd"},
	}
	for _, c := range cases {
		r := scoreFile(t, c.file)
		if r.Outcome != c.outcome || r.Pathway == nil || *r.Pathway != c.outcome {
			t.Errorf("%s: outcome %s pathway %v, want %s", c.file, r.Outcome, r.Pathway, c.outcome)
		}
		if !slices.Equal(r.Flags, c.flags) {
			t.Errorf("%s: flags %v, want %v", c.file, r.Flags, c.flags)
		}
		if got := r.Scores["trials"]["failed"]; got != c.failed {
			t.Errorf("%s: failed trials %v, want %v", c.file, got, c.failed)
		}
		if len(r.Reasons) == 0 || r.Reasons[0].Rule != c.rule {
			t.Errorf("%s: reasons %+v, want %s first", c.file, r.Reasons, c.rule)
		}
	}
	r := scoreFile(t, "declined-trauma.json")
	if fmt.Sprint(r.Scores["pcptsd5"]) != "map[completed:false]" {
		t.Errorf("declined trauma screen: scores.pcptsd5 = %v, want {completed: false}", r.Scores["pcptsd5"])
	}
}

func TestScoreRefusesBadAnswersNamingTheItem(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cases := []struct {
		name, text string
		words      []string
	}{
		{"notjson.json", "answers: yes", []string{"notjson.json:1:1", "not an answers file"}},
		{"unknown-item.json", "{\"answers\": {\n  \"age_18_plus\": \"yes\",\n  \"phq10_1\": \"2\"}}", []string{"unknown-item.json:3:3", `unknown item "phq10_1"`}},
		{"unknown-code.json", `{"answers": {"age_18_plus": "maybe"}}`, []string{`age_18_plus has no answer code "maybe"`}},
		{"bad-field.json", `{"answers": {"meds": [{"med_name": "sertraline", "med_wks": "8_plus"}]}}`, []string{`meds entry 1: unknown field "med_wks" (did you mean med_weeks?)`}},
		{"none-and-more.json", `{"answers": {"interacting_meds": ["none", "opioid"]}}`, []string{`"none" cannot be combined`}},
		// A key given twice: JSON does not say which counts, so neither does.
		{"twice-low-high.json", "{\"answers\": {\"help_now\": \"no\",\n \"phq9_9\": \"0\",\n \"phq9_9\": \"3\"}}", []string{"twice-low-high.json:3:2", `the key "phq9_9" is given twice in one object (first at line 2, column 2)`}},
		{"twice-high-low.json", `{"answers": {"phq9_9": "3", "phq9_9": "0"}}`, []string{"twice-high-low.json:1:29", `the key "phq9_9" is given twice`}},
		{"twice-answers.json", `{"answers": {}, "answers": {"help_now": "yes"}}`, []string{`the key "answers" is given twice`}},
		{"twice-field.json", `{"answers": {"meds": [{"med_name": "sertraline", "med_weeks": "8_plus", "med_weeks": "under_4"}]}}`, []string{`the key "med_weeks" is given twice`}},
		{"61-medicines.json", `{"answers": {"meds": [` + strings.TrimSuffix(strings.Repeat(`{"med_name": "other"}, `, 61), ", ") + `]}}`, []string{`item "meds" has 61 entries; a list keeps at most 60`}},
		{"long-key.json", `{"answers": {"` + strings.Repeat("x", 100000) + `": "yes"}}`, []string{`unknown item "` + strings.Repeat("x", 40) + `"…`}},
		{"too-large.json", `{"answers": {}}` + strings.Repeat(" ", 3<<20), []string{"too-large.json is 3145743 bytes; at most 2097152 are read"}},
	}
	for _, c := range cases {
		code, _, errOut := score(t, write(c.name, c.text))
		if code != ExitInput {
			t.Errorf("%s: exit %d, want %d", c.name, code, ExitInput)
		}
		if len(errOut) > 2000 {
			t.Errorf("%s: the error is %d bytes long", c.name, len(errOut))
		}
		for _, w := range c.words {
			if !strings.Contains(errOut, w) {
				t.Errorf("%s: the error lacks %q:\n%s", c.name, w, errOut)
			}
		}
	}
	code, _, errOut := score(t, filepath.Join("testdata", "unanswered.json"))
	if code != ExitInput || !strings.Contains(errOut, `item "phq9_2" is shown but not answered`) || !strings.Contains(errOut, `item "twice_weekly"`) {
		t.Errorf("unanswered items: exit %d\n%s", code, errOut)
	}
	code, _, errOut = score(t, filepath.Join("testdata", "no-such-file.json"))
	if code != ExitInput || !strings.Contains(errOut, "no-such-file.json") {
		t.Errorf("a missing file: exit %d\n%s", code, errOut)
	}
}

func TestScoreReadsStandardInput(t *testing.T) {
	var out, errOut bytes.Buffer
	code := Score([]string{"-"}, strings.NewReader(`{"answers": {"help_now": "yes"}}`), &out, &errOut)
	if code != ExitOK || !strings.Contains(out.String(), `"outcome": "crisis"`) {
		t.Errorf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
}

func TestCheckPassesOnTheEmbeddedDefinition(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := Check(nil, &out, &errOut); code != ExitOK {
		t.Fatalf("check: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	if !strings.HasPrefix(out.String(), "assets/questionnaire.yaml: valid, 80 of 80 examples pass") || strings.Count(out.String(), "\n") != 1 {
		t.Errorf("summary %q, want one line", out.String())
	}
}

func TestCheckFailsOnBrokenDefinitionsAndChangedExamples(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, old, new string
		words          []string
	}{
		{"typo.yaml", "when: asq_5 = yes", "when: asq_5 = yse", []string{"typo.yaml: invalid, 1 problem"}},
		{"cutoff.yaml", "number: 3", "number: 4", []string{"cutoff.yaml: FAILED, 79 of 80 examples pass", `example "PC-PTSD-5 3 is positive"`}},
	}
	for _, c := range cases {
		p := filepath.Join(dir, c.name)
		src := strings.Replace(string(assets.Questionnaire), c.old, c.new, 1)
		if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
		var out, errOut bytes.Buffer
		if code := Check([]string{p}, &out, &errOut); code != ExitInvalid {
			t.Errorf("%s: exit %d, want %d", c.name, code, ExitInvalid)
		}
		all := strings.ReplaceAll(out.String()+errOut.String(), dir+string(filepath.Separator), "")
		for _, w := range c.words {
			if !strings.Contains(all, w) {
				t.Errorf("%s: output lacks %q:\n%s", c.name, w, all)
			}
		}
	}
}

func TestCheckFailsWhenARuleHasNoExample(t *testing.T) {
	src := string(assets.Questionnaire)
	i := strings.Index(src, "    - name: goals and logistics")
	j := strings.Index(src, "    - name: GAD-7 9 is mild")
	p := filepath.Join(t.TempDir(), "fewer.yaml")
	if err := os.WriteFile(p, []byte(src[:i]+src[j:]), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := Check([]string{p}, &out, &errOut)
	if code != ExitInvalid || !strings.Contains(errOut.String(), `flag "pain_specialist" is not raised by any example`) {
		t.Errorf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
}

// A wording in a script the PDF's font lacks is a warning with its line;
// the definition stays valid.
func TestCheckWarnsOfCharactersThePDFCannotPrint(t *testing.T) {
	src := strings.Replace(string(assets.Questionnaire), `es: "Su seguridad"`, `es: "Su seguridad सुरक्षा"`, 1)
	p := filepath.Join(t.TempDir(), "hindi.yaml")
	if err := os.WriteFile(p, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	line := strings.Count(src[:strings.Index(src, "सुरक्षा")], "\n") + 1
	var out, errOut bytes.Buffer
	if code := Check([]string{p}, &out, &errOut); code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
	if want := fmt.Sprintf("%s:%d: warning: the summary PDF cannot print \"स\" (U+0938)", p, line); !strings.Contains(errOut.String(), want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut.String())
	}
	var quiet bytes.Buffer
	Check(nil, &bytes.Buffer{}, &quiet)
	if strings.Contains(quiet.String(), "warning") {
		t.Errorf("the built-in definition gives warnings:\n%s", quiet.String())
	}
}
