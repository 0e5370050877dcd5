package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// showResult shows what the answers mean: the headline in plain words, the
// pathway, why (each reason with the answers behind it), the flags for the
// provider, the scores with their bands, what to do next, and on every tab
// the crisis lines and that this is not a diagnosis.
func (ui *UI) showResult() {
	ui.redraw = ui.showResult
	l := ui.lang
	res := ui.session.Result()
	if res.EndedEarly {
		ui.showEnded(res.Outcome)
		return
	}
	if res.Outcome == nil || res.Pathway == nil {
		// Not finished (a language switch can add the PTSD screen): ask what
		// is missing, then come back to the review, not through every answer.
		ui.returnToReview = true
		ui.advance()
		return
	}
	top := container.NewVBox(heading(res.Outcome.Headline.In(l)), body(res.Outcome.Explanation.In(l)))
	if res.Outcome != res.Pathway { // urgent: its resources come first
		for _, s := range res.Outcome.NextSteps {
			top.Add(wrapped("• "+s.In(l), theme.SizeNameText, true))
		}
	}
	// One scrolling column, so nothing overlaps at any text size: the
	// headline, the tabs at their natural height, the notices and the ways
	// to save. Start over and the crisis lines stay fixed at the bottom.
	tabs := container.NewAppTabs(
		container.NewTabItem(tr(l, "result.next"), ui.nextSteps(res)),
		container.NewTabItem(tr(l, "result.why"), ui.reasons(res)),
		container.NewTabItem(tr(l, "result.provider"), ui.flags(res)),
		container.NewTabItem(tr(l, "result.scores"), ui.scores(res)),
		container.NewTabItem(tr(l, "result.treatments"), ui.treatments()),
	)
	tabs.OnSelected = func(*container.TabItem) { ui.touched() }
	column := container.NewVBox(top, tabs,
		widget.NewSeparator(),
		wrapped(ui.def.Texts["not_a_diagnosis"].In(l)+" "+ui.def.Texts["clinician_decides"].In(l), theme.SizeNameCaptionText, true),
	)
	start := ui.button(tr(l, "result.start_over"), widget.MediumImportance, ui.onStartOver)
	start.SetIcon(theme.HomeIcon())
	bottom := container.NewVBox(container.NewBorder(nil, nil, start, nil, ui.compactCrisisLine())) // the crisis lines never scroll away
	if ui.scale > 1.25 {
		column.Add(ui.saveActions()) // large text: they scroll with the rest
	} else {
		bottom.Add(ui.saveActions())
	}
	content := container.NewBorder(nil, bottom, nil, nil, scrolled(column))
	keys := keyHandlers{digit: func(n int) {
		if n <= len(tabs.Items) {
			tabs.SelectIndex(n - 1)
		}
	}}
	ui.show(screenResult, res.Outcome.Headline.In(l), content, keys)
}

// compactCrisisLine puts the crisis lines on one line under every tab.
func (ui *UI) compactCrisisLine() fyne.CanvasObject {
	var parts []string
	for _, r := range ui.resources() {
		parts = append(parts, r.Text.In(ui.lang))
	}
	return wrapped(strings.Join(parts, " · "), theme.SizeNameCaptionText, false)
}

// nextSteps shows the pathway and what to do.
func (ui *UI) nextSteps(res *questionnaire.Result) fyne.CanvasObject {
	l := ui.lang
	box := container.NewVBox()
	if res.Outcome != res.Pathway {
		box.Add(subheading(tr(l, "result.pathway") + ": " + res.Pathway.Headline.In(l)))
		box.Add(body(res.Pathway.Explanation.In(l)))
	}
	for _, s := range res.Pathway.NextSteps {
		box.Add(body("• " + s.In(l)))
	}
	return box
}

// treatments tells esketamine, IV ketamine and at-home ketamine apart.
func (ui *UI) treatments() fyne.CanvasObject {
	box := container.NewVBox()
	for _, key := range []string{"esketamine", "iv_ketamine", "at_home_ketamine"} {
		box.Add(body(ui.def.Texts[key].In(ui.lang)))
	}
	return box
}

// reasons shows each rule that fired with the answers that made it fire.
func (ui *UI) reasons(res *questionnaire.Result) fyne.CanvasObject {
	l := ui.lang
	box := container.NewVBox()
	for _, r := range res.Reasons {
		box.Add(wrapped(r.Rule.Reason.In(l), theme.SizeNameText, true))
		if lines := ui.session.DescribeCauses(res, r.Causes, l, ui.words()); len(lines) > 0 {
			box.Add(small(trf(l, "result.your_answers", "")))
			for _, line := range lines {
				box.Add(small("• " + line))
			}
		}
		if r.Rule.Source != nil {
			box.Add(small(r.Rule.Source.Citation))
		}
		box.Add(widget.NewSeparator())
	}
	return box
}

// words are the interface words descriptions of answers need.
func (ui *UI) words() questionnaire.Words {
	l := ui.lang
	return questionnaire.Words{Entry: tr(l, "meds.entry"), Count: tr(l, "result.count"), Positive: tr(l, "result.positive"), Negative: tr(l, "result.negative")}
}

// flags shows what to raise with the provider, by group.
func (ui *UI) flags(res *questionnaire.Result) fyne.CanvasObject {
	l := ui.lang
	box := container.NewVBox()
	if len(res.Flags) == 0 {
		box.Add(body(tr(l, "result.no_flags")))
	}
	for _, g := range ui.def.FlagGroups {
		var inGroup []questionnaire.RaisedFlag
		for _, f := range res.Flags {
			if f.Flag.Group == g {
				inGroup = append(inGroup, f)
			}
		}
		if len(inGroup) == 0 {
			continue
		}
		box.Add(subheading(g.Title.In(l)))
		for _, f := range inGroup {
			box.Add(body("• " + f.Flag.Text.In(l)))
		}
	}
	return box
}

// scores shows each score with its band, then the instruments' attributions.
func (ui *UI) scores(res *questionnaire.Result) fyne.CanvasObject {
	l := ui.lang
	box := container.NewVBox()
	for _, s := range res.Scores {
		box.Add(body(s.Score.Name.In(l) + ": " + ui.scoreText(s)))
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

func (ui *UI) scoreText(s *questionnaire.ScoreResult) string {
	return questionnaire.ScoreText(s, ui.lang, ui.words())
}
