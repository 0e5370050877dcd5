package questionnaire

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ketascreen/assets"
)

const testFile = "clinic.yaml"

// mutate replaces the first occurrence of old in the default definition.
func mutate(t testing.TB, src, old, new string) string {
	t.Helper()
	if !strings.Contains(src, old) {
		t.Fatalf("the default definition does not contain %q", old)
	}
	return strings.Replace(src, old, new, 1)
}

// loadMutated loads the default definition with one text replaced; it must load.
func loadMutated(t testing.TB, old, new string) *Definition {
	t.Helper()
	def, err := Load(testFile, []byte(mutate(t, string(assets.Questionnaire), old, new)))
	if err != nil {
		t.Fatalf("after replacing %q with %q: %v", old, new, err)
	}
	return def
}

// position returns the line and column (from 1) of the first needle found
// after the first occurrence of anchor.
func position(src, anchor, needle string) (int, int) {
	start := strings.Index(src, anchor)
	at := start + strings.Index(src[start:], needle)
	line := strings.Count(src[:at], "\n") + 1
	col := at - strings.LastIndex(src[:at], "\n")
	return line, col
}

func TestLoaderErrorsNameFileLineColumnAndProblem(t *testing.T) {
	base := string(assets.Questionnaire)
	cases := []struct {
		name     string
		old, new string
		at       string // text at the reported position: the anchor is new
		words    string
	}{
		{"unknown id in a condition", "show_if: ad_any = yes", "show_if: ad_anyy = yes", "ad_anyy",
			`item "meds": show_if: unknown name "ad_anyy" (did you mean ad_any?)`},
		{"answer code that does not exist", "when: asq_5 = yes", "when: asq_5 = yse", "yse",
			`asq_5 has no answer code "yse" (did you mean yes?) (codes: yes, no)`},
		{"duplicate item id", "{id: phq9_2,", "{id: phq9_1,", "phq9_1, instrument: phq9, answers: frequency, text: {en: \"Feeling down",
			`duplicate id "phq9_1": already used at line`},
		{"unreachable item", "show_if: pcptsd5_trauma = yes,", "show_if: pcptsd5_trauma = yes and pcptsd5_trauma = no,", "id: pcptsd5_1",
			`item "pcptsd5_1" can never be shown`},
		{"rule that can never fire", "when: phq9 <= 4", "when: phq9 >= 28", "id: pathway_minimal_symptoms",
			`rule "pathway_minimal_symptoms" can never fire: "phq9 >= 28" can never hold`},
		{"rule after an always rule", "    when: phq9 <= 4\n", "    when: always\n", "id: pathway_trd_hard_stop",
			`rule "pathway_trd_hard_stop" can never fire: rule "pathway_minimal_symptoms" before it always holds`},
		{"missing text", `text: {en: "Are you 18 or older?", es:`, `txt: {en: "Are you 18 or older?", es:`, "txt",
			`has an unknown key "txt" (did you mean text?)`},
		{"missing language", `{code: "no", text: {en: "No", es: "No"}}`, `{code: "no", text: {es: "No"}}`, `code: "no", text: {es:`,
			`item "age_18_plus": answer "no" has no en wording`},
		{"unknown key", "show_if: phq9 >= 1", "showif: phq9 >= 1", "showif",
			`unknown key "showif" (did you mean show_if?)`},
		{"forward reference", "show_if: phq9 >= 1", "show_if: gad7 >= 1", "gad7",
			`item "phq9_difficulty": show_if reads "gad7_1", which is asked at the same time or later`},
		{"unknown source", "source: phq9_item9\n    reason", "source: simon2013\n    reason", "simon2013",
			`unknown source "simon2013"`},
		{"setting outside what the sources allow", "number: 3", "number: 6", "id: pcptsd5_cutoff",
			`setting "pcptsd5_cutoff": 6 is not an allowed value (the sources allow 3, 4)`},
		{"gap between bands", "{code: mild, min: 5,", "{code: mild, min: 6,", "id: phq9\n    name: {en: \"PHQ-9 depression score\"",
			`score "phq9": no band covers 5 to 5`},
		{"help now that does not reach the crisis screen", "when: help_now = yes\n", "when: help_now = yes and age_18_plus = no\n", "id: help_now",
			`no outcome rule that ends the flow holds for help_now = yes: the "I need help now" button must lead to the crisis screen at once`},
		{"summary table that is not a list", "  - table: meds\n", "  - table: medz\n", "medz",
			`summary part 1: the table "medz" is not a list item (did you mean meds?)`},
		{"summary item renamed", "items: [goals, ride_home, twice_weekly]", "items: [goals, ride_home, twice_weekley]", "twice_weekley",
			`summary part 3 names "twice_weekley", which is not a question (did you mean twice_weekly?)`},
		{"summary count of another list", "counted: trials_failed", "counted: phq9", "phq9\n    uncertain",
			`summary part 1: counted names "phq9", which is not a count_entries score of the table's list`},
		{"unknown outcome", "outcome: urgent\n    when: asq", "outcome: urgnet\n    when: asq", "urgnet",
			`rule "urgent_asq_positive" leads to an unknown outcome "urgnet" (did you mean urgent?)`},
		{"condition syntax", "when: help_now = yes", "when: help_now = = yes", "= yes",
			`rule "crisis_help_now": unexpected "=" (expected a name, a code or a number)`},
		{"ordering a non-numeric answer in a quoted condition", `when: "liver_disease in [yes, unsure]"`, `when: "liver_disease >= 2"`, "liver_disease >=",
			`flag "liver": "liver_disease" is not a number, so it cannot be compared with >=`},
		{"a code for an item that does not exist", "{item: gad7_7, system: loinc", "{item: gad7_8, system: loinc", "gad7_8",
			`the code is for item "gad7_8", which is not defined`},
		{"an answer left without its code", `codes: {"0": LA6572-7, "1": LA6573-5, "2": LA6575-0, "3": LA6574-3}`, `codes: {"0": LA6572-7, "1": LA6573-5, "2": LA6575-0}`, `"0": LA6572-7`,
			`answers "phq9_difficulty": every answer needs a code; missing for 3`},
		{"a code in an unknown code system", "{score: gad7, system: loinc", "{score: gad7, system: lonic", "lonic",
			`unknown code system "lonic" (did you mean loinc?)`},
		{"YAML syntax", "languages: [en]", "languages: [en", "languages",
			`not valid YAML`},
		{"safety rule after a non-safety rule", "  - id: adult_only_under_18\n    outcome: adult_only\n    when: age_18_plus = no\n", "", "",
			""}, // placeholder replaced below
	}
	cases = cases[:len(cases)-1]
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := mutate(t, base, c.old, c.new)
			_, err := Load(testFile, []byte(src))
			if err == nil {
				t.Fatalf("replacing %q with %q: the definition loaded", c.old, c.new)
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, want an ErrorList", err)
			}
			anchor := c.new
			if !strings.Contains(c.new, c.at) {
				anchor = c.at
			}
			line, col := position(src, anchor, c.at)
			if c.name == "YAML syntax" {
				line, col = 0, 0 // the parser reports where it noticed, checked below
			}
			want := fmt.Sprintf("%s:%d:%d: ", testFile, line, col)
			for _, e := range list {
				if strings.Contains(e.Error(), c.words) && (line == 0 || strings.HasPrefix(e.Error(), want)) {
					return
				}
			}
			t.Errorf("no error at %s saying %q; got:\n%v", want, c.words, err)
		})
	}
}

func TestLoaderReportsEveryErrorAtOnce(t *testing.T) {
	src := string(assets.Questionnaire)
	src = mutate(t, src, "when: asq_5 = yes", "when: asq_5 = yse")
	src = mutate(t, src, "show_if: ad_any = yes", "show_if: ad_anyy = yes")
	src = mutate(t, src, "number: 3", "number: 6")
	_, err := Load(testFile, []byte(src))
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("got %v", err)
	}
	for _, words := range []string{`"yse"`, `"ad_anyy"`} {
		if !strings.Contains(err.Error(), words) {
			t.Errorf("the error list lacks %s:\n%v", words, err)
		}
	}
	for i := 1; i < len(list); i++ {
		if list[i].Pos.Line < list[i-1].Pos.Line {
			t.Errorf("errors are not in file order:\n%v", err)
		}
	}
}

func TestSafetyRulesMustComeFirst(t *testing.T) {
	src := string(assets.Questionnaire)
	start := strings.Index(src, "  - id: crisis_asq_acute\n")
	end := strings.Index(src, "  - id: adult_only_under_18\n")
	moved := src[start:end]
	src = src[:start] + src[end:]
	at := strings.Index(src, "# First match wins (spec section 4)")
	src = src[:at] + moved + src[at:] // now the last outcome rule, after the urgent ones
	_, err := Load(testFile, []byte(src))
	if err == nil || !strings.Contains(err.Error(), `rule "crisis_asq_acute" ends the flow, so it must come before rule "urgent_phq9_item9"`) {
		t.Errorf("a crisis rule after the urgent rules was not refused: %v", err)
	}
}

func TestLoaderRejectsCyclesAndEmptyFiles(t *testing.T) {
	cycle := mutate(t, string(assets.Questionnaire), "when: trials_failed >= 2\n", "when: two_failed or hard_stop_yes\n")
	if _, err := Load(testFile, []byte(cycle)); err == nil || !strings.Contains(err.Error(), `condition "two_failed" depends on itself`) {
		t.Errorf("a condition naming itself was not refused: %v", err)
	}
	for _, src := range []string{"", "---\n", "- a\n- b\n", "questionnaire: x\n"} {
		if _, err := Load(testFile, []byte(src)); err == nil {
			t.Errorf("%q loaded", src)
		} else if !strings.HasPrefix(err.Error(), testFile+":") {
			t.Errorf("%q: error %q does not name the file", src, err)
		}
	}
}

func TestExamplesShowWhichCasesAThresholdChangeAffects(t *testing.T) {
	def := loadMutated(t, "number: 3", "number: 4")
	failures := def.RunExamples()
	if len(failures) != 1 || failures[0].Example.Name != "PC-PTSD-5 3 is positive" {
		t.Fatalf("after raising the PC-PTSD-5 cut-off, failing examples: %v", failures)
	}
	msg := failures[0].Error()
	for _, words := range []string{testFile + ":", "flags are [], expected [ptsd_eval]", "pcptsd5 positive is false, expected true"} {
		if !strings.Contains(msg, words) {
			t.Errorf("failure message lacks %q: %s", words, msg)
		}
	}
}

// TestVersion1DefinitionIsRefusedWithWhatToChange: a clinic's copy of the
// version-1 questionnaire (testdata/version1.yaml, the default as it was)
// does not load half right; the errors name each change version 2 needs.
func TestVersion1DefinitionIsRefusedWithWhatToChange(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "version1.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Load("clinic-v1.yaml", src)
	if err == nil {
		t.Fatal("the version-1 definition loaded")
	}
	for _, want := range []string{
		`clinic-v1.yaml:1:1: this questionnaire follows version 1 of the screening specification`,
		`version 2 adds the item "age_65_plus"`,
		`version 2 adds the item "lethal_means"`,
		`version 2 adds the field "med_adherence"`,
		`version 2 adds the field "med_for_depression"`,
		`version 2 gives "ketamine_prior" the answer code "current"`,
		`version 2 gives "ketamine_misuse" the answer code "recent"`,
		`version 2 retires the flag "interacting_meds"`,
		`version 2 retires the flag "dose_unverified"`,
		`version 2 adds the pathway "specialist_first"`,
		`give "trials_failed" the line "distinct: med_name"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the errors lack %q:\n%v", want, err)
		}
	}
	newer := mutate(t, string(assets.Questionnaire), "specification: 2", "specification: 3")
	if _, err := Load(testFile, []byte(newer)); err == nil || !strings.Contains(err.Error(), "newer than this app") {
		t.Errorf("specification 3: %v", err)
	}
}

func TestScoreRangeAndThreshold(t *testing.T) {
	def := defaultDefinition(t)
	if lo, hi, ok := def.Score("phq9").Range(); !ok || lo != 0 || hi != 27 {
		t.Errorf("PHQ-9 range = %d–%d, %v; want 0–27", lo, hi, ok)
	}
	if lo, hi, ok := def.Score("pcptsd5").Range(); !ok || lo != 0 || hi != 5 {
		t.Errorf("PC-PTSD-5 range = %d–%d, %v; want 0–5", lo, hi, ok)
	}
	if _, _, ok := def.Score("asq").Range(); ok {
		t.Error("the ASQ (classify) has a range")
	}
	if op, n, ok := def.Score("pcptsd5").Threshold(); !ok || op != ">=" || n != *def.Setting("pcptsd5_cutoff").Number {
		t.Errorf("PC-PTSD-5 threshold = %q %d %v; want >= the pcptsd5_cutoff setting", op, n, ok)
	}
	var asq []string
	for _, it := range def.Score("asq").ItemsRead() {
		asq = append(asq, it.ID)
	}
	if got := strings.Join(asq, " "); got != "asq_1 asq_2 asq_3 asq_4 asq_5" {
		t.Errorf("the ASQ reads %s, want asq_1 … asq_5 in order", got)
	}
	if _, _, ok := def.Score("phq9").Threshold(); ok {
		t.Error("PHQ-9 has a threshold but no positive condition")
	}
}

// The provider summary words every outcome, pathway, flag group and flag
// for the provider: the default definition leaves none to the patient's
// wording.
func TestDefaultDefinitionHasProviderWording(t *testing.T) {
	def := defaultDefinition(t)
	for _, o := range append(append([]*Outcome{}, def.Outcomes...), def.Pathways...) {
		if len(o.Provider) == 0 {
			t.Errorf("%s has no provider wording", o.ID)
		}
	}
	for _, g := range def.FlagGroups {
		if len(g.Provider) == 0 {
			t.Errorf("flag group %s has no provider wording", g.ID)
		}
	}
	for _, f := range def.Flags {
		if len(f.Provider) == 0 {
			t.Errorf("flag %s has no provider wording", f.ID)
		}
	}
	for _, c := range def.Score("asq").Cases {
		if c.Result != "negative" && len(c.Provider) == 0 {
			t.Errorf("ASQ result %s has no provider wording", c.Result)
		}
	}
	for _, id := range []string{"phq9", "gad7", "asq"} {
		if len(def.Score(id).Cutoff) == 0 {
			t.Errorf("score %s has no cut-off", id)
		}
	}
}

// Hostile definitions are refused, each with its place, and soon: nothing
// in them may grow the time or the memory of a load beyond the file's size.
func TestHostileDefinitionsAreRefusedWithTheirPlace(t *testing.T) {
	src := string(assets.Questionnaire)
	deepParens := strings.Repeat("(", 3_000_000) + "age_18_plus = yes" + strings.Repeat(")", 3_000_000)
	manyNots := strings.Repeat("not ", 100_000) + "age_18_plus = yes"
	var nested strings.Builder // every anchor holds 80 aliases of the one before: 80^7 copies
	nested.WriteString("x0: &a0 [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n")
	for i := 1; i < 8; i++ {
		fmt.Fprintf(&nested, "x%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 80), ", "))
	}
	cases := []struct {
		name, src, want string
	}{
		{"deep parentheses", mutate(t, src, "show_if: age_18_plus = yes # under 18", "show_if: "+deepParens+" # under 18"), "the condition nests more than 50 levels deep"},
		{"a chain of nots", mutate(t, src, "show_if: age_18_plus = yes # under 18", "show_if: "+manyNots+" # under 18"), "the condition has more than 1000 words, names and signs"},
		{"51 nots", mutate(t, src, "show_if: age_18_plus = yes # under 18", "show_if: "+strings.Repeat("not ", 51)+"age_18_plus = yes # under 18"), "the condition nests more than 50 levels deep"},
		{"a condition of 5,000 names", mutate(t, src, "show_if: age_18_plus = yes # under 18", "show_if: age_18_plus = yes"+strings.Repeat(" or age_18_plus = yes", 1250)+" # under 18"), "the condition has more than 1000 words, names and signs"},
		{"deep YAML", mutate(t, src, "languages: [en, es]", "languages: "+strings.Repeat("[", 100_000)+strings.Repeat("]", 100_000)), "clinic.yaml:29:35: nested more than 24 levels deep"},
		{"aliases of aliases", mutate(t, src, "settings:", nested.String()+"settings:"), "more than 500 aliases"},
		{"too large", src + "\n#" + strings.Repeat("x", MaxDefinitionBytes), "it may be at most 8388608"},
	}
	for _, c := range cases {
		_, err := Load(testFile, []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %.300v; want %q", c.name, err, c.want)
		}
		if err != nil && len(err.Error()) > 4000 {
			t.Errorf("%s: the error is %d bytes long", c.name, len(err.Error()))
		}
	}
	// A definition file that is not a regular file is refused before it is read.
	if _, err := LoadFile("/dev/zero"); err == nil || !strings.Contains(err.Error(), "is not a regular file") {
		t.Errorf("/dev/zero as the definition: %v", err)
	}
}
