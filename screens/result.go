package screens

import (
	"fmt"
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
	l := ui.lang
	res := ui.session.Result()
	if res.EndedEarly {
		ui.showEnded(res.Outcome)
		return
	}
	if res.Outcome == nil || res.Pathway == nil {
		ui.advance() // not finished: go to what is missing
		return
	}
	top := container.NewVBox(heading(res.Outcome.Headline.In(l)), body(res.Outcome.Explanation.In(l)))
	if res.Outcome != res.Pathway { // urgent: its resources come first
		for _, s := range res.Outcome.NextSteps {
			top.Add(wrapped("• "+s.In(l), theme.SizeNameText, true))
		}
	}
	tabs := container.NewAppTabs(
		container.NewTabItem(tr(l, "result.next"), scrolled(ui.nextSteps(res))),
		container.NewTabItem(tr(l, "result.why"), scrolled(ui.reasons(res))),
		container.NewTabItem(tr(l, "result.provider"), scrolled(ui.flags(res))),
		container.NewTabItem(tr(l, "result.scores"), scrolled(ui.scores(res))),
		container.NewTabItem(tr(l, "result.treatments"), scrolled(ui.treatments())),
	)
	tabs.OnSelected = func(*container.TabItem) { ui.touched() }
	footer := container.NewVBox(
		widget.NewSeparator(),
		wrapped(ui.def.Texts["not_a_diagnosis"].In(l)+" "+ui.def.Texts["clinician_decides"].In(l), theme.SizeNameCaptionText, true),
		ui.compactCrisisLine(),
	)
	start := ui.button(tr(l, "result.start_over"), widget.MediumImportance, ui.onStartOver)
	start.SetIcon(theme.HomeIcon())
	actions := container.NewHBox(start)
	for _, action := range ui.opts.ResultActions {
		actions.Add(action(res))
	}
	content := container.NewBorder(top, container.NewVBox(footer, actions), nil, nil, tabs)
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
		if lines := ui.causeLines(res, r.Causes); len(lines) > 0 {
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

// causeLines writes the answers behind a reason, one line each: answers that
// add up to a score as that score, a medicine's answers together, and any
// other answer as "question — answer".
func (ui *UI) causeLines(res *questionnaire.Result, causes []questionnaire.Cause) []string {
	l := ui.lang
	var lines []string
	done := map[string]bool{}
	for _, c := range causes {
		it := ui.def.Item(c.Item)
		switch {
		case it == nil:
			continue
		case c.Field != "":
			key := fmt.Sprintf("%s#%d", c.Item, c.Entry)
			if !done[key] {
				done[key] = true
				lines = append(lines, ui.entryLine(it, c.Entry, causes))
			}
		case ui.scoreOf(res, it) != nil:
			s := ui.scoreOf(res, it)
			if !done[s.Score.ID] {
				done[s.Score.ID] = true
				lines = append(lines, s.Score.Name.In(l)+": "+ui.scoreText(s))
			}
		default:
			a, _ := ui.session.Answer(c.Item)
			lines = append(lines, fmt.Sprintf("%s — %s", it.Text.In(l), answerText(it, a, l)))
		}
	}
	return lines
}

// scoreOf returns the sum or count score an item adds to, if any.
func (ui *UI) scoreOf(res *questionnaire.Result, it *questionnaire.Item) *questionnaire.ScoreResult {
	for _, s := range res.Scores {
		if s.Score.Kind == questionnaire.Sum || s.Score.Kind == questionnaire.Count {
			for _, x := range s.Score.Items {
				if x == it {
					return s
				}
			}
		}
	}
	return nil
}

// entryLine writes one medicine and the answers of it that a reason used.
func (ui *UI) entryLine(list *questionnaire.Item, entry int, causes []questionnaire.Cause) string {
	l := ui.lang
	title := trf(l, "meds.entry", entry)
	entries := ui.session.Entries(list.ID)
	if entry >= 1 && entry <= len(entries) {
		if o := list.Fields[0].Option(entries[entry-1][list.Fields[0].ID]); o != nil {
			title += " (" + optionLabel(o, l) + ")"
		}
	}
	var parts []string
	for _, c := range causes {
		if c.Item != list.ID || c.Entry != entry {
			continue
		}
		if f := list.Field(c.Field); f != nil {
			if o := f.Option(c.Answer); o != nil {
				parts = append(parts, o.Text.In(l))
			}
		}
	}
	return title + ": " + strings.Join(parts, " · ")
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
	box.Add(widget.NewSeparator())
	box.Add(wrapped(tr(l, "result.attributions"), theme.SizeNameText, true))
	for _, in := range ui.def.Instruments {
		box.Add(small(in.Name.In(l) + ": " + in.Attribution.In(l)))
	}
	return box
}

func (ui *UI) scoreText(s *questionnaire.ScoreResult) string {
	l := ui.lang
	switch s.Score.Kind {
	case questionnaire.Classify:
		for _, c := range s.Score.Cases {
			if c.Result == s.Result {
				return c.Text.In(l)
			}
		}
		return s.Score.OtherwiseText.In(l)
	case questionnaire.Count:
		text := trf(l, "result.count", s.Value, len(s.Score.Items))
		if s.Score.Positive != nil {
			if s.Positive {
				return text + " (" + tr(l, "result.positive") + ")"
			}
			return text + " (" + tr(l, "result.negative") + ")"
		}
		return text
	}
	if s.Band != nil {
		return fmt.Sprintf("%d (%s)", s.Value, s.Band.Text.In(l))
	}
	return fmt.Sprint(s.Value)
}
