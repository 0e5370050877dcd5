// Package summary writes what a person takes to their provider: a PDF a
// clinician can read in a minute, and (fhir.go) an HL7 FHIR R4
// QuestionnaireResponse for the provider's system.
package summary

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"ketascreen/questionnaire"
	"ketascreen/uitext"
)

// Input is one finished screening to summarise.
type Input struct {
	Session    *questionnaire.Session
	Lang       string
	ResponseID string    // a random id (uuid) naming this screening
	Created    time.Time // when it was finished
	Initials   string    // optional; no name is recorded otherwise
	// Kiosk is set for a screening done on a clinic's kiosk, where some
	// reasons are worded for the clinic ("before you leave").
	Kiosk bool
	// KioskName names the kiosk (kiosk_name) in the FHIR Device.
	KioskName string
}

// Page layout, in millimetres on US Letter.
const (
	margin     = 15.0
	pageWidth  = 215.9
	bodyWidth  = pageWidth - 2*margin
	footerRoom = 34.0
	lineHeight = 5.0
)

// writer wraps fpdf with the summary's fonts and a translation to the
// PDF core fonts' code page.
type writer struct {
	pdf *fpdf.Fpdf
	tr  func(string) string
	in  Input
	def *questionnaire.Definition
	res *questionnaire.Result
}

// WritePDF writes the provider summary of a screening.
func WritePDF(out io.Writer, in Input) error {
	w := newWriter(in)
	w.title()
	w.result()
	w.safety()
	w.reasons()
	w.flags()
	w.scores()
	for _, part := range w.def.Summary {
		if part.Table != nil {
			w.table(part)
		} else {
			w.itemsOf(part.Title.In(in.Lang), part.Items)
		}
	}
	w.appendix()
	if err := w.pdf.Error(); err != nil {
		return fmt.Errorf("making the PDF: %w", err)
	}
	return w.pdf.Output(out)
}

func newWriter(in Input) *writer {
	pdf := fpdf.New("P", "mm", "Letter", "")
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, footerRoom)
	pdf.SetCreationDate(in.Created)
	pdf.SetModificationDate(in.Created)
	pdf.SetTitle("KetaScreen provider summary", true)
	pdf.SetCreator("KetaScreen", true)
	pdf.AliasNbPages("{nb}")
	w := &writer{pdf: pdf, in: in, def: in.Session.Definition(), res: in.Session.Result()}
	cp1252 := pdf.UnicodeTranslatorFromDescriptor("")
	w.tr = func(s string) string { return cp1252(toCodePage(s)) }
	pdf.SetFooterFunc(w.footer)
	pdf.AddPage()
	return w
}

// forMeasuring prepares text for fpdf's SplitText, which looks up widths by
// rune and knows only the first 256: wider characters (dashes, curly quotes)
// are measured as a wide letter, so rows are never too short for their text.
func forMeasuring(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 255 {
			return 'W'
		}
		return r
	}, s)
}

// toCodePage replaces the few characters the core fonts lack.
func toCodePage(s string) string {
	return strings.NewReplacer("≥", ">=", "≤", "<=", "●", "*", "✓", "x", "→", "->").Replace(s)
}

// footer puts the not-a-diagnosis line, the instruments' attributions and
// the page number on every page.
func (w *writer) footer() {
	l := w.in.Lang
	p := w.pdf
	p.SetY(-footerRoom + 4)
	p.SetFont("Helvetica", "B", 7.5)
	p.MultiCell(bodyWidth, 3.4, w.tr(w.def.Text(questionnaire.TextNotADiagnosis).In(l)+" "+w.def.Text(questionnaire.TextClinicianDecides).In(l)), "T", "L", false)
	p.SetFont("Helvetica", "", 6.5)
	var attributions []string
	seen := map[string]bool{}
	for _, in := range w.def.Instruments {
		a := in.Attribution.In(l)
		if seen[a] {
			continue
		}
		seen[a] = true
		var names []string
		for _, other := range w.def.Instruments {
			if other.Attribution.In(l) == a {
				names = append(names, other.Name.In(l))
			}
		}
		attributions = append(attributions, strings.Join(names, ", ")+": "+a)
	}
	p.MultiCell(bodyWidth, 2.9, w.tr(strings.Join(attributions, "  ")), "", "L", false)
	p.SetFont("Helvetica", "", 7.5)
	p.CellFormat(bodyWidth, 3.5, w.tr(fmt.Sprintf(label(l, "page"), p.PageNo())), "", 0, "R", false, 0, "")
}

func (w *writer) heading(text string) {
	_, pageHeight := w.pdf.GetPageSize()
	if w.pdf.GetY() > pageHeight-footerRoom-25 { // never leave a heading alone at the foot of a page
		w.pdf.AddPage()
	}
	w.pdf.Ln(2)
	w.pdf.SetFont("Helvetica", "B", 12)
	w.pdf.MultiCell(bodyWidth, 6.5, w.tr(text), "B", "L", false)
	w.pdf.Ln(1)
}

func (w *writer) para(text string, style string, size float64) {
	w.pdf.SetFont("Helvetica", style, size)
	w.pdf.MultiCell(bodyWidth, lineHeight, w.tr(text), "", "L", false)
}

// bullet writes one point; a point of a few lines is never split over two
// pages, so it is read whole.
func (w *writer) bullet(text string) {
	w.pdf.SetFont("Helvetica", "", 9)
	lines := len(w.pdf.SplitText(forMeasuring(toCodePage(text)), bodyWidth-5))
	if _, pageHeight := w.pdf.GetPageSize(); lines <= 6 && w.pdf.GetY()+float64(lines)*lineHeight > pageHeight-footerRoom {
		w.pdf.AddPage()
	}
	x := w.pdf.GetX()
	w.pdf.CellFormat(5, lineHeight, w.tr("•"), "", 0, "L", false, 0, "")
	w.pdf.MultiCell(bodyWidth-5, lineHeight, w.tr(text), "", "L", false)
	w.pdf.SetX(x)
}

func (w *writer) title() {
	l := w.in.Lang
	p := w.pdf
	p.SetFont("Helvetica", "B", 16)
	p.MultiCell(bodyWidth, 8, w.tr(label(l, "title")), "", "L", false)
	initials := w.in.Initials
	if strings.TrimSpace(initials) == "" {
		initials = label(l, "no_name")
	}
	w.para(fmt.Sprintf(label(l, "meta"), w.in.Created.Format("2006-01-02 15:04"), w.in.ResponseID, initials), "", 9)
}

func (w *writer) result() {
	l := w.in.Lang
	w.heading(label(l, "result"))
	if w.res.Outcome == nil {
		w.para(label(l, "incomplete"), "I", 10)
		return
	}
	w.para(w.res.Outcome.Headline.In(l), "B", 12)
	w.para(w.res.Outcome.Explanation.In(l), "", 10)
	if w.res.EndedEarly {
		w.para(label(l, "ended_early"), "I", 9.5)
	}
	if w.res.Pathway != nil && w.res.Pathway != w.res.Outcome {
		w.para(label(l, "pathway")+": "+w.res.Pathway.Headline.In(l), "B", 10.5)
		w.para(w.res.Pathway.Explanation.In(l), "", 10)
	}
}

func (w *writer) words() questionnaire.Words {
	l := w.in.Lang
	words := uitext.Answers(l)
	words.NotAnswered = label(l, "not_answered") // lower case, within a line
	return words
}

func (w *writer) reasons() {
	l := w.in.Lang
	if len(w.res.Reasons) == 0 {
		return
	}
	w.heading(label(l, "why"))
	for _, r := range w.res.Reasons {
		w.para(r.Rule.ReasonFor(w.in.Kiosk).In(l), "B", 9.5)
		for _, line := range w.in.Session.DescribeCauses(w.res, r.Causes, l, w.words()) {
			w.bullet(line)
		}
	}
}

func (w *writer) flags() {
	l := w.in.Lang
	w.heading(label(l, "flags"))
	if len(w.res.Flags) == 0 {
		w.para(label(l, "no_flags"), "", 9.5)
	}
	for _, g := range w.res.FlagsByGroup(w.def) {
		w.para(g.Group.Title.In(l), "B", 10)
		for _, f := range g.Flags {
			w.bullet(f.Flag.Text.In(l))
		}
	}
}

// safety gives the safety screen's results whatever they are, so that a
// provider never has to look for them.
func (w *writer) safety() {
	l := w.in.Lang
	lines := w.in.Session.SafetyLines(w.res, l, w.words())
	if len(lines) == 0 || w.res.Outcome == nil {
		return
	}
	w.heading(label(l, "safety"))
	for _, line := range lines {
		w.bullet(line)
	}
}

func (w *writer) scores() {
	l := w.in.Lang
	w.heading(label(l, "scores"))
	for _, sec := range w.in.Session.SkippedSections() {
		w.para(sec.NotOffered.In(l), "B", 9)
	}
	for _, s := range w.res.Scores {
		if s.Score.Kind == questionnaire.CountEntries {
			continue // below, with the medicines they count
		}
		text := questionnaire.ScoreText(s, l, w.words())
		if !s.Complete {
			text += " — " + label(l, "partial")
		}
		w.bullet(s.Score.Name.In(l) + ": " + text)
	}
	for _, t := range w.in.Session.Tallies(w.res) {
		parts := []string{fmt.Sprintf(label(l, "entries"), t.Entries)}
		for _, s := range t.Scores {
			parts = append(parts, fmt.Sprintf("%s: %d", s.Score.Name.In(l), s.Value))
		}
		parts = append(parts, fmt.Sprintf("%s: %d", label(l, "not_counted"), len(t.NotCounted)))
		w.bullet(strings.Join(parts, "; "))
	}
}

// table is a list's entries (the antidepressants), one row per entry.
func (w *writer) table(part *questionnaire.SummaryPart) {
	l := w.in.Lang
	list := part.Table
	if !w.in.Session.Visible(list.ID) {
		return
	}
	w.heading(part.Title.In(l))
	entries := w.in.Session.Entries(list.ID)
	if len(entries) == 0 {
		w.para(label(l, "none"), "", 9.5)
		return
	}
	// One column for the medicine (with any name typed for it), one for
	// each other question asked about it, and whether it counted.
	var fields []*questionnaire.Item
	for _, f := range list.Fields[1:] {
		if f.Type != questionnaire.TextField {
			fields = append(fields, f)
		}
	}
	const nameWidth, countedWidth = 34.0, 42.0
	header := []string{list.Fields[0].LabelIn(l)}
	for _, f := range fields {
		header = append(header, f.LabelIn(l))
	}
	header = append(header, label(l, "col_counted"))
	var rows [][]string
	for i, e := range entries {
		cells := []string{orDash(questionnaire.EntryName(list, e, l))}
		for _, f := range fields {
			text := "—"
			if w.in.Session.FieldShownIn(list.ID, i, f.ID) {
				text = orDash(questionnaire.FieldAnswerText(f, e, l))
			}
			cells = append(cells, text)
		}
		rows = append(rows, append(cells, w.counted(part, i)))
	}
	widths := []float64{nameWidth}
	widths = append(widths, w.answerWidths(bodyWidth-nameWidth-countedWidth, header, rows)...)
	widths = append(widths, countedWidth)
	w.row(widths, header, "B")
	for _, cells := range rows {
		w.row(widths, cells, "")
	}
}

// answerWidths shares the room between the answer columns (every column but
// the first and the last) so that no word is split: each column gets its
// longest word, and what is left is shared evenly. When the longest words do
// not fit, the room is shared in proportion to them.
func (w *writer) answerWidths(room float64, header []string, rows [][]string) []float64 {
	n := len(header) - 2
	need := make([]float64, n)
	measure := func(text, style string, col int) {
		w.pdf.SetFont("Helvetica", style, 8.5)
		for _, word := range strings.Fields(text) {
			need[col] = max(need[col], w.pdf.GetStringWidth(forMeasuring(toCodePage(word)))+3)
		}
	}
	for c := range n {
		measure(header[c+1], "B", c)
		for _, r := range rows {
			measure(r[c+1], "", c)
		}
	}
	total := 0.0
	for _, x := range need {
		total += x
	}
	out := make([]float64, n)
	for c := range n {
		if total <= room {
			out[c] = need[c] + (room-total)/float64(n)
		} else {
			out[c] = room * need[c] / total
		}
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// counted says whether entry i counts (as a failed trial), is uncertain,
// and why not.
func (w *writer) counted(part *questionnaire.SummaryPart, i int) string {
	l := w.in.Lang
	s := w.in.Session
	failed := w.res.Score(part.Counted.ID)
	var uncertain *questionnaire.ScoreResult
	if part.Uncertain != nil {
		uncertain = w.res.Score(part.Uncertain.ID)
	}
	in := func(sr *questionnaire.ScoreResult) bool {
		if sr == nil {
			return false
		}
		for _, n := range sr.Entries {
			if n == i+1 {
				return true
			}
		}
		return false
	}
	var why []string
	for _, t := range s.EntryNotCounted(part.Counted.ID, i) {
		why = append(why, t.In(l))
	}
	switch {
	case in(failed):
		return label(l, "counted_yes")
	case in(uncertain):
		return label(l, "counted_uncertain") + ": " + strings.Join(why, "; ")
	case len(why) > 0:
		return label(l, "counted_no") + ": " + strings.Join(why, "; ")
	}
	return label(l, "counted_no")
}

// row draws one table row; every cell wraps and the row is as tall as its
// tallest cell, moving to a new page first when it would not fit.
func (w *writer) row(widths []float64, cells []string, style string) {
	p := w.pdf
	p.SetFont("Helvetica", style, 8.5)
	const lh = 4.2
	height := 0.0
	for i, c := range cells {
		lines := p.SplitText(forMeasuring(toCodePage(c)), widths[i]-2)
		height = max(height, float64(len(lines))*lh+1.5)
	}
	_, pageHeight := p.GetPageSize()
	if p.GetY()+height > pageHeight-footerRoom {
		p.AddPage()
	}
	x, y := p.GetX(), p.GetY()
	for i, c := range cells {
		p.Rect(x, y, widths[i], height, "D")
		p.SetXY(x+1, y+0.75)
		p.MultiCell(widths[i]-2, lh, w.tr(c), "", "L", false)
		x += widths[i]
	}
	p.SetXY(margin, y+height)
}

// itemsOf lists some items with their answers, when shown.
func (w *writer) itemsOf(title string, items []*questionnaire.Item) {
	l := w.in.Lang
	var lines []string
	for _, it := range items {
		if !w.in.Session.Visible(it.ID) {
			continue
		}
		if a, ok := w.in.Session.Answer(it.ID); ok {
			lines = append(lines, it.Text.In(l)+" — "+questionnaire.AnswerText(it, a, l))
		}
	}
	if len(lines) == 0 {
		return
	}
	w.heading(title)
	for _, line := range lines {
		w.bullet(line)
	}
}

// appendix lists every question asked and its answer, in two columns.
func (w *writer) appendix() {
	l := w.in.Lang
	w.heading(label(l, "appendix"))
	p := w.pdf
	colWidth := (bodyWidth - 6) / 2
	top, col := p.GetY(), 0
	p.SetLeftMargin(margin)
	p.SetRightMargin(pageWidth - margin - colWidth)
	p.SetAcceptPageBreakFunc(func() bool {
		if col == 0 { // go on at the top of the right-hand column
			col = 1
			p.SetLeftMargin(margin + colWidth + 6)
			p.SetRightMargin(margin)
			p.SetXY(margin+colWidth+6, top)
			return false
		}
		col, top = 0, margin // a new page starts in the left-hand column
		p.SetLeftMargin(margin)
		p.SetRightMargin(pageWidth - margin - colWidth)
		return true
	})
	defer func() {
		p.SetAcceptPageBreakFunc(nil)
		p.SetLeftMargin(margin)
		p.SetRightMargin(margin)
	}()
	var section *questionnaire.Section
	var instrument *questionnaire.Instrument
	for _, it := range w.in.Session.Flow() {
		if it.Section != section {
			section = it.Section
			p.SetFont("Helvetica", "B", 8)
			p.MultiCell(colWidth, 4, w.tr(section.Title.In(l)), "", "L", false)
		}
		if it.Instrument != instrument { // each stem once above its items, as on screen
			instrument = it.Instrument
			if instrument != nil && instrument.Stem.In(l) != "" {
				p.SetFont("Helvetica", "I", 7)
				p.MultiCell(colWidth, 3.1, w.tr(instrument.Stem.In(l)), "", "L", false)
			}
		}
		answer := label(l, "not_answered")
		if a, ok := w.in.Session.Answer(it.ID); ok {
			answer = questionnaire.AnswerText(it, a, l)
		}
		p.SetFont("Helvetica", "", 7)
		p.MultiCell(colWidth, 3.1, w.tr(it.Text.In(l)+" — "+answer), "", "L", false)
	}
	if help, ok := w.in.Session.Answer(questionnaire.HelpNow); ok && help.Code == "yes" {
		p.SetFont("Helvetica", "B", 8)
		p.MultiCell(colWidth, 4, w.tr(label(l, "help_pressed")), "", "L", false)
	}
}
