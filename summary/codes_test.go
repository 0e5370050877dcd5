package summary

import (
	"os"
	"slices"
	"strings"
	"testing"

	"ketascreen/questionnaire"
)

// TestExportCarriesTheCheckedLOINCCodes: the LOINC codes in the exported
// Questionnaire (sections, questions, answers, score items) are exactly the
// checked-in table testdata/loinc-codes.tsv, each row with the source it
// was checked against, and every one of them names that source in the
// definition too.
func TestExportCarriesTheCheckedLOINCCodes(t *testing.T) {
	def, err := questionnaire.Default()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("testdata/loinc-codes.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	sources := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 || f[3] == "" {
			t.Fatalf("bad row (want linkId, answer, code, source): %q", line)
		}
		row := f[0] + " " + f[1] + " " + f[2]
		want = append(want, row)
		sources[row] = f[3]
	}
	var got []string
	var walk func(items []QuestionnaireItem)
	walk = func(items []QuestionnaireItem) {
		for _, it := range items {
			for _, c := range it.Code {
				if c.System == LOINC {
					got = append(got, it.LinkID+" - "+c.Code)
				}
			}
			for _, o := range it.AnswerOption {
				if o.ValueCoding.System == LOINC {
					got = append(got, it.LinkID+" "+ownCode(def, it.LinkID, o.ValueCoding.Code)+" "+o.ValueCoding.Code)
				}
			}
			walk(it.Item)
		}
	}
	walk(QuestionnaireOf(def, "en").Item)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("LOINC codes in the export:\n%s\nthe checked table:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, c := range def.StandardCodes() {
		if c.Coding.Source == nil {
			t.Errorf("%s: no source says where the code was checked", c)
		}
	}
	for row, src := range sources {
		if !slices.ContainsFunc(def.Sources, func(s *questionnaire.Source) bool { return s.ID == src }) {
			t.Errorf("%s: source %q is not in the definition", row, src)
		}
	}
}

// ownCode is KetaScreen's code of the answer of item linkID with LOINC code.
func ownCode(def *questionnaire.Definition, linkID, loinc string) string {
	it := def.Item(linkID)
	if it == nil {
		return "?"
	}
	for _, o := range it.Options {
		if o.Coding != nil && o.Coding.Code == loinc {
			return o.Code
		}
	}
	return "?"
}
