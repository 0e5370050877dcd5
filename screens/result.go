package screens

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
	"ketascreen/uitext"
)

// resultTab is one part of the result, picked with its button or number key.
type resultTab struct {
	title string
	build func(res *questionnaire.Result) fyne.CanvasObject
}

// resultScreen shows what the answers mean: the headline in plain words,
// the pathway, why (each reason with the answers behind it), the flags for
// the provider, the scores with their bands, what to do next, and on every
// tab the crisis lines and that this is not a diagnosis. The session has
// made sure the result is complete before this step (ToResult).
type resultScreen struct{ ui *UI }

func (s *resultScreen) draw() drawn {
	ui := s.ui
	l := ui.lang
	res := ui.session.Result()
	top := container.NewVBox(heading(res.Outcome.Headline.In(l)), body(res.Outcome.Explanation.In(l)))
	if res.Outcome != res.Pathway { // urgent: its resources come first
		for _, step := range res.Outcome.NextSteps {
			top.Add(wrapped("• "+step.In(l), theme.SizeNameText, true))
		}
	}
	if code := ui.summary.claimCode; ui.kiosk != nil && code != "" {
		top.Add(claimCard(l, code))
	}
	tabs := []resultTab{
		{tr(l, "result.next"), s.nextSteps},
		{tr(l, "result.why"), s.reasons},
		{tr(l, "result.provider"), s.flags},
		{tr(l, "result.scores"), s.scores},
		{tr(l, "result.treatments"), func(*questionnaire.Result) fyne.CanvasObject { return s.treatments() }},
	}
	ui.summary.tab = min(max(ui.summary.tab, 0), len(tabs)-1)
	// The tabs are buttons in rows that wrap, so every tab can be reached at
	// any text size; the chosen one is filled and ticked, the focused one
	// outlined.
	var tabButtons []fyne.CanvasObject
	for i, tab := range tabs {
		i := i
		b := ui.button(tab.title, widget.MediumImportance, func() { s.selectTab(i) })
		b.Key = fmt.Sprint(i + 1)
		if i == ui.summary.tab {
			b.Importance = widget.HighImportance
			b.SetIcon(theme.ConfirmIcon())
		}
		tabButtons = append(tabButtons, b)
	}
	column := container.NewVBox(top)
	crisis := s.compactCrisisLine()
	if ui.compact() {
		column.Add(crisis) // a small window: near the top, scrolling with the rest
	}
	column.Add(buttonRow(fyne.TextAlignLeading, tabButtons...))
	column.Add(widget.NewSeparator())
	column.Add(tabs[ui.summary.tab].build(res))
	column.Add(widget.NewSeparator())
	column.Add(wrapped(ui.def.Text(questionnaire.TextNotADiagnosis).In(l)+" "+ui.def.Text(questionnaire.TextClinicianDecides).In(l), theme.SizeNameCaptionText, true))
	column.Add(s.saveActions())

	start := ui.button(tr(l, "result.start_over"), widget.MediumImportance, ui.onStartOverAsked)
	start.SetIcon(theme.HomeIcon())
	var bottom fyne.CanvasObject = bottomBar(start)
	if !ui.compact() {
		// the crisis lines never scroll away
		bottom = container.NewBorder(nil, nil, natural(start), nil, crisis)
	}
	content := container.NewBorder(nil, bottom, nil, nil, ui.scrolled(column))
	keys := keyHandlers{digit: func(n int) {
		if n <= len(tabs) {
			s.selectTab(n - 1)
		}
	}}
	return drawn{name: screenResult, title: res.Outcome.Headline.In(l), content: content, keys: keys}
}

// claimCard shows a kiosk record's claim code, large and in a face where
// each character stands apart, with what to do with it.
func claimCard(l, code string) fyne.CanvasObject {
	shown := wrapped(code, theme.SizeNameHeadingText, true)
	shown.TextStyle.Monospace = true
	return framed(container.NewVBox(wrapped(tr(l, "kiosk.claim"), theme.SizeNameText, true), shown))
}

// selectTab shows another part of the result.
func (s *resultScreen) selectTab(i int) {
	s.ui.summary.tab = i
	s.ui.redrawKeepingFocus()
}

// compactCrisisLine puts the crisis lines on one line under every tab.
func (s *resultScreen) compactCrisisLine() fyne.CanvasObject {
	ui := s.ui
	var parts []string
	for _, r := range ui.resources() {
		parts = append(parts, r.Text.In(ui.lang))
	}
	return wrapped(strings.Join(parts, " · "), theme.SizeNameCaptionText, false)
}

// nextSteps shows the pathway and what to do.
func (s *resultScreen) nextSteps(res *questionnaire.Result) fyne.CanvasObject {
	ui := s.ui
	l := ui.lang
	box := container.NewVBox()
	if res.Outcome != res.Pathway {
		box.Add(subheading(tr(l, "result.pathway") + ": " + res.Pathway.Headline.In(l)))
		box.Add(body(res.Pathway.Explanation.In(l)))
	}
	for _, step := range res.Pathway.NextSteps {
		box.Add(body("• " + step.In(l)))
	}
	return box
}

// treatments tells esketamine, IV ketamine and at-home ketamine apart.
func (s *resultScreen) treatments() fyne.CanvasObject {
	ui := s.ui
	box := container.NewVBox()
	for _, key := range questionnaire.TreatmentTexts {
		box.Add(body(ui.def.Text(key).In(ui.lang)))
	}
	return box
}

// reasons shows each rule that fired with the answers that made it fire.
func (s *resultScreen) reasons(res *questionnaire.Result) fyne.CanvasObject {
	ui := s.ui
	l := ui.lang
	box := container.NewVBox()
	for _, r := range res.Reasons {
		box.Add(wrapped(r.Rule.ReasonFor(ui.kiosk != nil).In(l), theme.SizeNameText, true))
		if lines := ui.session.DescribeCauses(res, r.Causes, l, ui.words()); len(lines) > 0 {
			box.Add(small(trf(l, "result.your_answers", "")))
			for _, line := range lines {
				box.Add(small("• " + line))
			}
		}
		if r.Rule.Source != nil {
			box.Add(small(trf(l, "result.source", r.Rule.Source.Citation.In(l))))
		}
		box.Add(widget.NewSeparator())
	}
	return box
}

// words are the interface words descriptions of answers need.
func (ui *UI) words() questionnaire.Words { return uitext.Answers(ui.lang) }

// flags shows what to raise with the provider: first the safety screen,
// whatever its result, then the flags by group.
func (s *resultScreen) flags(res *questionnaire.Result) fyne.CanvasObject {
	ui := s.ui
	l := ui.lang
	box := container.NewVBox()
	if lines := ui.session.SafetyLines(res, l, ui.words()); len(lines) > 0 {
		box.Add(subheading(tr(l, "result.safety_screen")))
		for _, line := range lines {
			box.Add(body("• " + line))
		}
	}
	if len(res.Flags) == 0 {
		box.Add(body(tr(l, "result.no_flags")))
	}
	for _, g := range res.FlagsByGroup(ui.def) {
		box.Add(subheading(g.Group.Title.In(l)))
		for _, f := range g.Flags {
			box.Add(body("• " + f.Flag.Text.In(l)))
		}
	}
	return box
}

// scores shows each score with its band, the medicines as counted, then
// the instruments' attributions.
func (s *resultScreen) scores(res *questionnaire.Result) fyne.CanvasObject {
	ui := s.ui
	l := ui.lang
	box := container.NewVBox()
	for _, score := range res.Scores {
		if score.Score.Kind != questionnaire.CountEntries {
			box.Add(body(score.Score.Name.In(l) + ": " + s.scoreText(score)))
		}
	}
	for _, t := range ui.session.Tallies(res) {
		box.Add(wrapped(trf(l, "result.entries", t.Entries), theme.SizeNameText, true))
		for _, score := range t.Scores {
			box.Add(body(fmt.Sprintf("• %s: %d", score.Score.Name.In(l), score.Value)))
		}
		box.Add(body(fmt.Sprintf("• %s: %d", tr(l, "result.not_counted"), len(t.NotCounted))))
	}
	for _, sec := range ui.session.SkippedSections() {
		box.Add(wrapped(sec.NotOffered.In(l), theme.SizeNameText, true))
	}
	box.Add(widget.NewSeparator())
	box.Add(wrapped(tr(l, "result.attributions"), theme.SizeNameText, true))
	for _, in := range ui.def.Instruments {
		box.Add(small(in.Name.In(l) + ": " + in.Attribution.In(l)))
	}
	return box
}

func (s *resultScreen) scoreText(score *questionnaire.ScoreResult) string {
	return questionnaire.ScoreText(score, s.ui.lang, s.ui.words())
}
