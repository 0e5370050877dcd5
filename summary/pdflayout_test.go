package summary

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"ketascreen/questionnaire"
	"ketascreen/uitext"
)

// cyrillicDefinition is the default definition with every Spanish wording
// spelt in Cyrillic: a language outside Latin-1, as a clinic might add.
func cyrillicDefinition(t *testing.T) *questionnaire.Definition {
	t.Helper()
	src := regexp.MustCompile(`es: "((?:[^"\\]|\\.)*)"`).ReplaceAllStringFunc(string(mustRead(t, "../assets/questionnaire.yaml")), func(m string) string {
		return `es: "` + cyrillic.Replace(m[5:len(m)-1]) + `"`
	})
	def, err := questionnaire.Load("cyrillic.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return def
}

// TestPDFHeadingsHaveTheirContent writes the PDF with 1, 8 and 20
// medicines in English, Spanish and Cyrillic-spelt Spanish. Read back with
// pdftotext, every heading is followed by its own content (never by the
// page's footer or the next heading), and no word reaches into the footer
// or past the margins.
func TestPDFHeadingsHaveTheirContent(t *testing.T) {
	languages := []struct {
		name, lang string
		def        func(*testing.T) *questionnaire.Definition
	}{
		{"en", "en", nil},
		{"es", "es", nil},
		{"cyrillic", "es", cyrillicDefinition},
	}
	for _, n := range []int{1, 8, 20} {
		for _, l := range languages {
			t.Run(strconv.Itoa(n)+"-"+l.name, func(t *testing.T) {
				in := input(t, severe(n))
				if l.def != nil {
					in.Session = questionnaire.NewSessionWith(l.def(t), in.Session.Answers())
				}
				in.Lang = l.lang
				in.Session.SetLanguage(l.lang)
				text := strings.Join(pdfPages(t, in), " ")
				text = normalize(strings.ReplaceAll(text, "•", " "))
				for heading, content := range headingsOf(in) {
					at := strings.Index(text, normalize(heading)+" ")
					if at < 0 {
						t.Errorf("no heading %q", heading)
						continue
					}
					after := text[at+len(normalize(heading))+1:]
					if !strings.HasPrefix(after, normalize(content)) {
						t.Errorf("heading %q is followed by %.120q, want %.80q", heading, after, content)
					}
				}
				checkNothingIsCut(t, in)
			})
		}
	}
}

// headingsOf is each heading the summary must have, and the start of what
// must follow it.
func headingsOf(in Input) map[string]string {
	l := in.Lang
	res := in.Session.Result()
	def := in.Session.Definition()
	words := uitext.Answers(l)
	words.NotAnswered, words.ForProvider = label(l, "not_answered"), true
	first := def.Summary[0]
	list := first.Table
	scores := label(l, "col_instrument") + " 1 2 3"
	if skipped := in.Session.SkippedSections(); len(skipped) > 0 {
		scores = skipped[0].NotOffered.In(l) // a section not asked in this language is said first
	}
	return map[string]string{
		label(l, "result"):         res.Outcome.ForProvider().In(l),
		label(l, "safety"):         in.Session.SafetyLines(res, l, words)[0],
		label(l, "scores"):         scores,
		label(l, "flags"):          res.FlagsByGroup(def)[0].Group.ForProvider().In(l),
		first.Title.In(l):          list.Fields[0].LabelIn(l),
		label(l, "person_part"):    label(l, "person_part_intro"),
		label(l, "appendix"):       label(l, "col_question") + " " + label(l, "col_answer"),
		def.Summary[1].Title.In(l): def.Summary[1].Items[0].Text.In(l),
	}
}

// checkNothingIsCut reads every word's box (pdftotext -bbox): each lies
// within the margins, and above the footer unless it is the footer's.
func checkNothingIsCut(t *testing.T, in Input) {
	t.Helper()
	out := strings.Join(pdftotext(t, in, "-bbox"), "")
	const mm = 72 / 25.4
	left, right := margin*mm-1, (pageWidth-margin)*mm+1
	bodyEnd := (279.4 - footerRoom) * mm // US Letter is 279.4 mm tall
	footerStart := (279.4 - footerRoom + 3) * mm
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	for _, m := range word.FindAllStringSubmatch(out, -1) {
		x0, _ := strconv.ParseFloat(m[1], 64)
		y0, _ := strconv.ParseFloat(m[2], 64)
		x1, _ := strconv.ParseFloat(m[3], 64)
		y1, _ := strconv.ParseFloat(m[4], 64)
		switch {
		case x0 < left || x1 > right:
			t.Errorf("%q runs past the margins: x %.1f–%.1f pt", m[5], x0, x1)
		case y0 < footerStart && y1 > bodyEnd+0.5:
			t.Errorf("%q reaches into the footer: y %.1f–%.1f pt", m[5], y0, y1)
		}
	}
}
