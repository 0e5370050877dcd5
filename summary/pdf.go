// Package summary writes what a person takes to their provider: a PDF a
// clinician can read in a minute, and (bundle.go) the screening as HL7 FHIR
// R4 for the provider's system.
package summary

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"ketascreen/assets"
	"ketascreen/questionnaire"
	"ketascreen/uitext"
)

// Input is one finished screening to summarise.
type Input struct {
	Session *questionnaire.Session
	// Lang is the language the person used: the part of the PDF that says
	// what they were told is in it, and their answers beside the provider's.
	Lang string
	// RecordLang is the language the provider reads (a kiosk's
	// record_language); empty means Lang.
	RecordLang string
	ResponseID string    // a random id (uuid) naming this screening
	Created    time.Time // when it was finished, in the computer's time zone
	Initials   string    // optional; no name is recorded otherwise
	// Kiosk is set for a screening done on a clinic's kiosk, where some
	// reasons are worded for the clinic ("before you leave").
	Kiosk bool
	// KioskName names the kiosk (kiosk_name) in the PDF and the FHIR Device.
	KioskName string
	// ClaimCode is the code a person read from a kiosk's result screen to
	// the front desk (records.NewClaimCode); printed in the PDF's title and
	// the FHIR Bundle's identifier. Empty off a kiosk.
	ClaimCode string
}

// providerLang is the language of the provider's pages.
func (in Input) providerLang() string {
	if in.RecordLang != "" {
		return in.RecordLang
	}
	return in.Lang
}

// Page layout, in millimetres on US Letter.
const (
	margin     = 15.0
	pageWidth  = 215.9
	bodyWidth  = pageWidth - 2*margin
	footerRoom = 34.0
	font       = "DejaVu"
	tableSize  = 7.5 // the medicine table's text
)

// writer wraps fpdf with the summary's fonts and the screening it writes.
type writer struct {
	pdf *fpdf.Fpdf
	in  Input
	pl  string // the provider's language
	def *questionnaire.Definition
	res *questionnaire.Result
}

// WritePDF writes the provider summary of a screening: first what the
// provider needs (result, safety screen, score table, flags, treatment so
// far), then what the person was told, then every question and answer.
func WritePDF(out io.Writer, in Input) error {
	w := newWriter(in)
	w.title()
	w.result()
	w.safety()
	w.scores()
	w.flags()
	w.basis()
	for _, part := range w.def.Summary {
		if part.Table != nil {
			w.table(part)
		} else {
			w.itemsOf(part.Title.In(w.pl), part.Items)
		}
	}
	w.personPart()
	w.appendix()
	if err := w.pdf.Error(); err != nil {
		return fmt.Errorf("making the PDF: %w", err)
	}
	return w.pdf.Output(out)
}

func newWriter(in Input) *writer {
	pdf := fpdf.New("P", "mm", "Letter", "")
	pdf.AddUTF8FontFromBytes(font, "", assets.FontRegular)
	pdf.AddUTF8FontFromBytes(font, "B", assets.FontBold)
	pdf.AddUTF8FontFromBytes(font, "I", assets.FontOblique)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, footerRoom)
	pdf.SetCreationDate(in.Created)
	pdf.SetModificationDate(in.Created)
	pdf.SetTitle(uitext.Get(in.providerLang(), "summary.title"), true)
	pdf.SetCreator("KetaScreen", true)
	pdf.SetLang(in.providerLang())
	pdf.AliasNbPages("{nb}")
	w := &writer{pdf: pdf, in: in, pl: in.providerLang(), def: in.Session.Definition(), res: in.Session.Result()}
	pdf.SetFooterFunc(w.footer)
	pdf.AddPage()
	return w
}

// printable keeps text within what the font's width table covers (the
// Basic Multilingual Plane): fpdf measures text by that table and fails on
// a character beyond it (an emoji), which becomes a question mark instead.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return '?'
		}
		return r
	}, s)
}

func (w *writer) label(key string) string { return label(w.pl, key) }

func (w *writer) multi(width, height float64, text, border, align string) {
	w.pdf.MultiCell(width, height, printable(text), border, align, false)
}

// footer puts the not-a-diagnosis line, the instruments' attributions and
// the page number on every page.
func (w *writer) footer() {
	l := w.pl
	p := w.pdf
	p.SetY(-footerRoom + 4)
	p.SetFont(font, "B", 7)
	w.multi(bodyWidth, 3.3, w.def.Text(questionnaire.TextNotADiagnosis).In(l)+" "+w.def.Text(questionnaire.TextClinicianDecides).In(l), "T", "L")
	p.SetFont(font, "", 6)
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
	w.multi(bodyWidth, 2.7, strings.Join(attributions, "  "), "", "L")
	p.SetFont(font, "", 7)
	p.CellFormat(bodyWidth, 3.5, fmt.Sprintf(w.label("page"), p.PageNo()), "", 0, "R", false, 0, "")
}

// room is how much of the page is left above the footer.
func (w *writer) room() float64 {
	_, pageHeight := w.pdf.GetPageSize()
	return pageHeight - footerRoom - w.pdf.GetY()
}

func (w *writer) heading(text string) {
	if w.room() < 25 { // never leave a heading alone at the foot of a page
		w.pdf.AddPage()
	}
	w.pdf.Ln(2)
	w.pdf.SetFont(font, "B", 11.5)
	w.multi(bodyWidth, 6.5, text, "B", "L")
	w.pdf.Ln(1)
}

func (w *writer) para(text string, style string, size float64) {
	w.pdf.SetFont(font, style, size)
	w.multi(bodyWidth, size*0.48, text, "", "L")
}

// bullet writes one point; a point of a few lines is never split over two
// pages, so it is read whole.
func (w *writer) bullet(text string) {
	w.pdf.SetFont(font, "", 8.5)
	const lh = 4.3
	lines := len(w.pdf.SplitText(printable(text), bodyWidth-5))
	if lines <= 6 && float64(lines)*lh > w.room() {
		w.pdf.AddPage()
	}
	x := w.pdf.GetX()
	w.pdf.CellFormat(5, lh, "•", "", 0, "L", false, 0, "")
	w.multi(bodyWidth-5, lh, text, "", "L")
	w.pdf.SetX(x)
}

// when is the time the screening was finished with its time zone, so a
// record read elsewhere is not an hour off.
func when(t time.Time) string {
	return t.Format("2006-01-02 15:04 MST (UTC-07:00)")
}

func (w *writer) title() {
	p := w.pdf
	p.SetFont(font, "B", 15)
	w.multi(bodyWidth, 7.5, w.label("title"), "", "L")
	initials := w.in.Initials
	if strings.TrimSpace(initials) == "" {
		initials = w.label("no_name")
	}
	w.para(fmt.Sprintf(w.label("meta"), when(w.in.Created), w.in.ResponseID), "", 8.5)
	meta := []string{fmt.Sprintf(w.label("meta_initials"), initials), fmt.Sprintf(w.label("meta_language"), label(w.in.Lang, "language_name"))}
	if w.in.Kiosk && w.in.KioskName != "" {
		meta = append(meta, fmt.Sprintf(w.label("meta_kiosk"), w.in.KioskName))
	}
	w.para(strings.Join(meta, "   "), "", 8.5)
	if w.in.ClaimCode != "" {
		w.para(fmt.Sprintf(w.label("meta_claim"), w.in.ClaimCode), "B", 12)
	}
}

// result is the outcome and the pathway as the provider reads them.
func (w *writer) result() {
	l := w.pl
	w.heading(w.label("result"))
	if w.res.Outcome == nil {
		w.para(w.label("incomplete"), "I", 10)
		return
	}
	w.para(w.res.Outcome.ForProvider().In(l), "B", 10)
	if w.res.EndedEarly {
		w.para(w.label("ended_early"), "I", 9)
	}
	if w.res.Pathway != nil && w.res.Pathway != w.res.Outcome {
		w.para(w.label("pathway")+": "+w.res.Pathway.ForProvider().In(l), "B", 9.5)
	}
}

// basis lists the answers the result rests on, each once. It comes after
// the flags, so that a long treatment history does not push the scores,
// the safety screen and the flags off page 1.
func (w *writer) basis() {
	l := w.pl
	var causes []string
	seen := map[string]bool{}
	for _, r := range w.res.Reasons {
		for _, line := range w.in.Session.DescribeCauses(w.res, r.Causes, l, w.words()) {
			if !seen[line] {
				seen[line] = true
				causes = append(causes, line)
			}
		}
	}
	if len(causes) > 0 {
		w.heading(w.label("based_on"))
		for _, line := range causes {
			w.bullet(line)
		}
	}
}

// words are the words describing answers on the provider's pages.
func (w *writer) words() questionnaire.Words {
	words := w.personWords(w.pl)
	words.ForProvider = true
	return words
}

// personWords describe answers as the person was told them.
func (w *writer) personWords(lang string) questionnaire.Words {
	words := uitext.Answers(lang)
	words.NotAnswered = label(lang, "not_answered") // lower case, within a line
	return words
}

func (w *writer) flags() {
	l := w.pl
	if w.res.Outcome == nil {
		return
	}
	w.heading(w.label("flags"))
	if len(w.res.Flags) == 0 {
		w.para(w.label("no_flags"), "", 9)
	}
	for _, g := range w.res.FlagsByGroup(w.def) {
		w.para(g.Group.ForProvider().In(l), "B", 9.5)
		for _, f := range g.Flags {
			w.bullet(f.Flag.ForProvider().In(l))
		}
	}
}

// safety gives the safety screen's results whatever they are, so that a
// provider never has to look for them.
func (w *writer) safety() {
	lines := w.in.Session.SafetyLines(w.res, w.pl, w.words())
	if len(lines) == 0 || w.res.Outcome == nil {
		return
	}
	w.heading(w.label("safety"))
	for _, line := range lines {
		w.bullet(line)
	}
}

// itemScore is one item's cell: its points in a sum, 1 or 0 in a count,
// yes or no otherwise (the ASQ); "–" when shown and not answered, blank when not
// asked.
func (w *writer) itemScore(s *questionnaire.Score, it *questionnaire.Item) string {
	a, ok := w.in.Session.Answer(it.ID)
	switch {
	case !w.in.Session.Visible(it.ID):
		return ""
	case !ok:
		return "–"
	case s.Kind == questionnaire.Sum:
		return a.Code
	case s.Kind == questionnaire.Count && a.Code == s.CountCode:
		return "1"
	case s.Kind == questionnaire.Count:
		return "0"
	case a.Code == "yes":
		return w.label("yes_short")
	case a.Code == "no":
		return w.label("no_short")
	}
	return "–"
}

// cutoff is a score's cut-off as the definition words it, or read from its
// positive condition.
func (w *writer) cutoff(s *questionnaire.Score) string {
	if len(s.Cutoff) > 0 {
		return s.Cutoff.In(w.pl)
	}
	if op, n, ok := s.Threshold(); ok {
		sign := map[string]string{">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}[op]
		return sign + " " + strconv.Itoa(n) + " " + w.label("positive")
	}
	return ""
}

// scoreRow is one instrument's row of the score table.
func (w *writer) scoreRow(sr *questionnaire.ScoreResult, columns int) []string {
	s := sr.Score
	cells := []string{s.Name.In(w.pl)}
	items := s.ItemsRead()
	for i := range columns {
		text := ""
		if i < len(items) {
			text = w.itemScore(s, items[i])
		}
		cells = append(cells, text)
	}
	total, band := "", ""
	switch {
	case sr.NotCompleted:
		total = w.label("not_completed")
	case s.Kind == questionnaire.Classify:
		total = questionnaire.ScoreText(sr, w.pl, w.words())
	default:
		_, hi, _ := s.Range()
		total = fmt.Sprintf("%d (0–%d)", sr.Value, hi)
		if !sr.Complete {
			total += ", " + w.label("incomplete_total")
		}
	}
	switch {
	case sr.NotCompleted || s.Kind == questionnaire.Classify:
	case sr.Band != nil:
		band = sr.Band.Text.In(w.pl)
	case s.Positive != nil && sr.Positive:
		band = w.label("positive")
	case s.Positive != nil:
		band = w.label("negative")
	}
	return append(cells, total, band, w.cutoff(s))
}

// scores is the score table, each instrument with its item scores, total
// against its range, band and cut-off; then the treatment tallies.
func (w *writer) scores() {
	w.heading(w.label("scores"))
	for _, sec := range w.in.Session.SkippedSections() {
		w.para(sec.NotOffered.In(w.pl), "B", 8.5)
	}
	var shown []*questionnaire.ScoreResult
	columns := 0
	for _, s := range w.res.Scores {
		if s.Score.Kind == questionnaire.CountEntries {
			continue
		}
		shown = append(shown, s)
		columns = max(columns, len(s.Score.ItemsRead()))
	}
	if len(shown) > 0 {
		const nameWidth, itemWidth, totalWidth, bandWidth = 40.0, 6.4, 30.0, 27.0
		widths := []float64{nameWidth}
		header := []string{w.label("col_instrument")}
		for i := range columns {
			widths = append(widths, itemWidth)
			header = append(header, strconv.Itoa(i+1))
		}
		rest := bodyWidth - nameWidth - float64(columns)*itemWidth - totalWidth - bandWidth
		widths = append(widths, totalWidth, bandWidth, rest)
		header = append(header, w.label("col_total"), w.label("col_band"), w.label("col_cutoff"))
		t := &grid{w: w, widths: widths, header: header, size: 8}
		t.start()
		for _, s := range shown {
			t.add(w.scoreRow(s, columns), "")
		}
		w.pdf.SetFont(font, "I", 7)
		w.multi(bodyWidth, 3.4, w.label("items_key"), "", "L")
	}
	for _, t := range w.in.Session.Tallies(w.res) {
		parts := []string{fmt.Sprintf(w.label("entries"), t.Entries)}
		for _, s := range t.Scores {
			parts = append(parts, fmt.Sprintf("%s: %d", s.Score.Name.In(w.pl), s.Value))
		}
		parts = append(parts, fmt.Sprintf("%s: %d", w.label("not_counted"), len(t.NotCounted)))
		w.bullet(strings.Join(parts, "; "))
	}
}

// table is a list's entries (the antidepressants), one row per entry.
func (w *writer) table(part *questionnaire.SummaryPart) {
	l := w.pl
	list := part.Table
	if !w.in.Session.Visible(list.ID) {
		return
	}
	w.heading(part.Title.In(l))
	entries := w.in.Session.Entries(list.ID)
	if len(entries) == 0 {
		w.para(w.label("none"), "", 9)
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
	header = append(header, w.label("col_counted"))
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
	t := &grid{w: w, widths: widths, header: header, size: tableSize}
	t.start()
	for _, cells := range rows {
		t.add(cells, "")
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
		w.pdf.SetFont(font, style, tableSize)
		for _, word := range strings.Fields(text) {
			need[col] = max(need[col], w.pdf.GetStringWidth(printable(word))+4.5) // the cell's and the text's margins
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
	l := w.pl
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
		return w.label("counted_yes")
	case in(uncertain):
		return w.label("counted_uncertain") + ": " + strings.Join(why, "; ")
	case len(why) > 0:
		return w.label("counted_no") + ": " + strings.Join(why, "; ")
	}
	return w.label("counted_no")
}

// grid is a table whose header row is drawn again at the top of every page
// it runs onto.
type grid struct {
	w      *writer
	widths []float64
	header []string
	size   float64
}

// start draws the header row.
func (t *grid) start() { t.draw(t.header, "B", true) }

// add draws a row of cells.
func (t *grid) add(cells []string, style string) { t.draw(cells, style, false) }

// height is how tall a row of these cells is.
func (t *grid) height(cells []string, style string) float64 {
	p := t.w.pdf
	p.SetFont(font, style, t.size)
	h := 0.0
	for i, c := range cells {
		lines := max(1, len(p.SplitText(printable(c), t.widths[i]-2)))
		h = max(h, float64(lines)*t.lineHeight()+1.2)
	}
	return h
}

func (t *grid) lineHeight() float64 { return t.size * 0.46 }

// draw draws one row; every cell wraps and the row is as tall as its
// tallest cell. A row that does not fit starts a new page, where the
// header comes first; a header needs room for a row under it.
func (t *grid) draw(cells []string, style string, isHeader bool) {
	p := t.w.pdf
	h := t.height(cells, style)
	need := h
	if isHeader {
		need += 8 // never a header alone at the foot of a page
	}
	if need > t.w.room() {
		p.AddPage()
		if !isHeader {
			t.draw(t.header, "B", true)
		}
	}
	p.SetFont(font, style, t.size)
	x, y := margin, p.GetY()
	for i, c := range cells {
		p.Rect(x, y, t.widths[i], h, "D")
		p.SetXY(x+1, y+0.6)
		t.w.multi(t.widths[i]-2, t.lineHeight(), c, "", "L")
		x += t.widths[i]
	}
	p.SetXY(margin, y+h)
}

// itemsOf lists some items with their answers, when shown.
func (w *writer) itemsOf(title string, items []*questionnaire.Item) {
	l := w.pl
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

// personPart is what the screen told the person, after the provider's
// part, in their language: the result, the reasons tied to their answers, and what
// it said about ketamine.
func (w *writer) personPart() {
	l := w.in.Lang
	if w.res.Outcome == nil {
		return
	}
	if w.room() < 60 { // the result and the first reason together
		w.pdf.AddPage()
	}
	w.heading(w.label("person_part"))
	if l != w.pl {
		w.para(fmt.Sprintf(w.label("person_part_lang"), label(l, "language_name")), "I", 8.5)
	} else {
		w.para(w.label("person_part_intro"), "I", 8.5)
	}
	w.pdf.Ln(1)
	w.para(w.res.Outcome.Headline.In(l), "B", 11)
	w.para(w.res.Outcome.Explanation.In(l), "", 9.5)
	if w.res.Pathway != nil && w.res.Pathway != w.res.Outcome {
		w.pdf.Ln(1)
		w.para(w.res.Pathway.Headline.In(l), "B", 10)
		w.para(w.res.Pathway.Explanation.In(l), "", 9.5)
	}
	if len(w.res.Reasons) == 0 {
		return
	}
	w.heading(label(l, "why"))
	for _, r := range w.res.Reasons {
		w.para(r.Rule.ReasonFor(w.in.Kiosk).In(l), "B", 9)
		for _, line := range w.in.Session.DescribeCauses(w.res, r.Causes, l, w.personWords(l)) {
			w.bullet(line)
		}
	}
}

// appendix lists every question asked and its answer as a table: a row per
// question under its section's title, and, when the person used another
// language than the provider's, their answer as they gave it beside it.
func (w *writer) appendix() {
	l, pl := w.in.Lang, w.pl
	w.heading(w.label("appendix"))
	header := []string{w.label("col_question"), w.label("col_answer")}
	widths := []float64{bodyWidth * 0.62, bodyWidth * 0.38}
	if l != pl {
		header = append(header, fmt.Sprintf(w.label("col_answer_in"), label(l, "language_name")))
		widths = []float64{bodyWidth * 0.5, bodyWidth * 0.25, bodyWidth * 0.25}
	}
	t := &grid{w: w, widths: widths, header: header, size: 7}
	t.start()
	var section *questionnaire.Section
	var instrument *questionnaire.Instrument
	for _, it := range w.in.Session.Flow() {
		if it.Section != section {
			section = it.Section
			w.sectionRow(t, section.Title.In(pl), "B")
		}
		if it.Instrument != instrument { // each stem once above its items, as on screen
			instrument = it.Instrument
			if instrument != nil && instrument.Stem.In(pl) != "" {
				w.sectionRow(t, instrument.Stem.In(pl), "I")
			}
		}
		cells := []string{it.Text.In(pl), w.answerIn(it, pl)}
		if l != pl {
			cells = append(cells, w.answerIn(it, l))
		}
		t.add(cells, "")
	}
	if help, ok := w.in.Session.Answer(questionnaire.HelpNow); ok && help.Code == "yes" {
		w.pdf.Ln(1)
		w.para(w.label("help_pressed"), "B", 9)
	}
}

func (w *writer) answerIn(it *questionnaire.Item, lang string) string {
	if a, ok := w.in.Session.Answer(it.ID); ok {
		return questionnaire.AnswerText(it, a, lang)
	}
	return label(lang, "not_answered")
}

// sectionRow is a title across the whole table, kept with the row after it.
func (w *writer) sectionRow(t *grid, text, style string) {
	p := w.pdf
	p.SetFont(font, style, t.size+0.5)
	lines := max(1, len(p.SplitText(printable(text), bodyWidth-2)))
	h := float64(lines)*t.lineHeight() + 1.2
	if h+t.height([]string{"x"}, "")+6 > w.room() {
		p.AddPage()
		t.draw(t.header, "B", true)
		p.SetFont(font, style, t.size+0.5)
	}
	y := p.GetY()
	p.SetFillColor(235, 235, 235)
	p.Rect(margin, y, bodyWidth, h, "FD")
	p.SetXY(margin+1, y+0.6)
	w.multi(bodyWidth-2, t.lineHeight(), text, "", "L")
	p.SetXY(margin, y+h)
}
