package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// showMedications shows the entries of a list item (the antidepressants) as
// cards, with buttons to change or remove each. Adding another and going on
// stay in view at the foot of the screen.
func (ui *UI) showMedications(list *questionnaire.Item) { ui.showMedicationsAt(list, -1) }

// showMedicationsAt shows the cards and brings card i into view (the one
// just added or changed); -1 shows the top.
func (ui *UI) showMedicationsAt(list *questionnaire.Item, focus int) {
	ui.redraw = func() { ui.showMedicationsAt(list, focus) }
	l := ui.lang
	ui.current = list
	ui.setProgress(list)
	cards := container.NewVBox(subheading(list.Text.In(l)))
	entries := ui.session.Entries(list.ID)
	if len(entries) == 0 {
		cards.Add(body(tr(l, "meds.none")))
	}
	var shown fyne.CanvasObject
	for i, e := range entries {
		card := ui.entryCard(list, i, e)
		if i == focus {
			shown = card
		}
		cards.Add(card)
	}
	addText, addImportance := tr(l, "meds.add"), widget.HighImportance
	if len(entries) > 0 {
		addText, addImportance = tr(l, "meds.another"), widget.MediumImportance
	}
	add := ui.button(addText, addImportance, func() { ui.showPicker(list, -1) })
	add.SetIcon(theme.ContentAddIcon())

	done := func() { ui.afterAnswer(list) }
	cont := ui.button(tr(l, "nav.continue"), widget.HighImportance, done)
	cont.SetIcon(theme.NavigateNextIcon())
	cont.IconPlacement = widget.ButtonIconTrailingText
	if !ui.listComplete(list) {
		cont.Disable()
	}
	back := ui.button(tr(l, "nav.back"), widget.MediumImportance, func() { ui.backFrom(list) })
	back.SetIcon(theme.NavigateBackIcon())
	bar := ui.footer(back, add, cont)
	if !fitsOneRow(ui.win, back, add, cont) { // no room in the foot: adding another is below the cards
		cards.Add(buttonRow(fyne.TextAlignLeading, add))
		bar = ui.footer(back, cont)
	}
	page := ui.newPage(cards)
	content := container.NewBorder(nil, bar, nil, nil, page.Container)
	keys := keyHandlers{
		back: func() { ui.backFrom(list) },
		enter: func() {
			if ui.listComplete(list) {
				done()
			}
		},
		digit: func(n int) {
			if n == 1 {
				ui.showPicker(list, -1)
			}
		},
	}
	ui.show(screenMedications, list.Section.Title.In(l), content, keys)
	if shown != nil {
		page.revealOnceLaidOut(shown)
	}
}

// listComplete tells whether the session has what the list needs, by asking
// it for the unanswered items.
func (ui *UI) listComplete(list *questionnaire.Item) bool {
	for _, it := range ui.session.Unanswered() {
		if it == list {
			return false
		}
	}
	return true
}

// entryCard shows one medicine and its answers, each with the name of what
// it answers. Change and Remove sit well apart; Remove asks first.
func (ui *UI) entryCard(list *questionnaire.Item, i int, e questionnaire.Entry) fyne.CanvasObject {
	l := ui.lang
	lines := container.NewVBox(subheading(ui.session.EntryTitle(list, i+1, l, ui.words())))
	complete := true
	for _, f := range ui.session.EntryFields(list.ID, i)[1:] {
		text := questionnaire.FieldAnswerText(f, e, l)
		if text == "" {
			complete = complete && f.Optional
			continue
		}
		lines.Add(body(f.LabelIn(l) + ": " + text))
	}
	if !complete {
		lines.Add(wrapped(tr(l, "meds.incomplete"), theme.SizeNameText, true))
	}
	change := ui.button(tr(l, "meds.change"), widget.MediumImportance, func() { ui.showEntryField(list, i, 0) })
	change.SetIcon(theme.DocumentCreateIcon())
	remove := ui.button(tr(l, "meds.remove"), widget.MediumImportance, func() {
		name := ui.session.EntryTitle(list, i+1, l, ui.words())
		ui.confirm(tr(l, "meds.remove_title"), trf(l, "meds.remove_text", name), tr(l, "meds.remove_keep"), tr(l, "meds.remove_go"), func() {
			_ = ui.session.RemoveEntry(list.ID, i)
			ui.showMedicationsAt(list, min(i, len(ui.session.Entries(list.ID))-1))
		})
	})
	remove.SetIcon(theme.DeleteIcon())
	// Change on the leading edge, Remove on the trailing one: never side by side.
	actions := bottomBar(change, remove)
	return framed(container.NewVBox(lines, actions))
}

// framed draws a thin border around content, as a card.
func framed(content fyne.CanvasObject) fyne.CanvasObject {
	border := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	border.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	border.StrokeWidth = 2
	border.CornerRadius = theme.Size(theme.SizeNameInputRadius) * 2
	return container.NewStack(border, container.NewPadded(container.NewPadded(content)))
}

// showEntryField asks field f of entry i (i = -1 for a new entry), skipping
// fields its earlier answers hide, or goes back to the cards after the last.
func (ui *UI) showEntryField(list *questionnaire.Item, i, f int) {
	entries := ui.session.Entries(list.ID)
	if i < 0 || i >= len(entries) {
		ui.showMedications(list)
		return
	}
	if f >= len(list.Fields) {
		ui.showMedicationsAt(list, i)
		return
	}
	field := list.Fields[f]
	if !ui.fieldShown(list, i, field) {
		ui.showEntryField(list, i, f+1)
		return
	}
	ui.redraw = func() { ui.showEntryField(list, i, f) }
	if len(field.Options) > pickerFieldLimit {
		ui.showPicker(list, i)
		return
	}
	entry := entries[i]
	q := &questionView{ui: ui, item: field, selected: []string{entry[field.ID]}, typed: entry[field.ID]}
	q.stem = ui.session.EntryTitle(list, i+1, ui.lang, ui.words())
	q.onBack = func() { ui.showEntryFieldBefore(list, i, f) }
	next := func() { ui.showEntryField(list, i, f+1) }
	save := func(value string) bool {
		entry[field.ID] = value
		return ui.session.UpdateEntry(list.ID, i, entry) == nil
	}
	q.onChoose = func(code string) {
		if save(code) {
			ui.after(next)
		}
	}
	q.onType = func(text string) {
		if clean, msg := questionnaire.CleanText(text); msg == "" {
			save(clean)
		}
	}
	if entry[field.ID] != "" || field.Type == questionnaire.TextField {
		q.onContinue = next
	}
	if field.Optional {
		q.onSkip = func() {
			if field.Type == questionnaire.TextField {
				save("") // skipping a name keeps no half-typed words
			}
			next()
		}
	}
	ui.current = list
	content, keys := q.build()
	ui.show(screenQuestion, list.Section.Title.In(ui.lang), content, keys)
	if q.entry != nil {
		ui.win.Canvas().Focus(q.entry)
	}
}

// showEntryFieldBefore goes back from field f of entry i to the field asked
// before it, or to the cards from the first.
func (ui *UI) showEntryFieldBefore(list *questionnaire.Item, i, f int) {
	for f--; f >= 0; f-- {
		if ui.fieldShown(list, i, list.Fields[f]) {
			ui.showEntryField(list, i, f)
			return
		}
	}
	ui.showMedicationsAt(list, i)
}

func (ui *UI) fieldShown(list *questionnaire.Item, i int, field *questionnaire.Item) bool {
	for _, shown := range ui.session.EntryFields(list.ID, i) {
		if shown == field {
			return true
		}
	}
	return false
}

// pickerFieldLimit: fields with more answers than this are picked from a
// searchable list rather than a column of buttons.
const pickerFieldLimit = 9

// showPicker lets the person find a medicine by typing part of its generic or
// brand name (a slip or two in it does not matter), then tap it. The answers
// for a medicine not in the list are always in view below. i is the entry
// being changed, or -1 for a new one.
func (ui *UI) showPicker(list *questionnaire.Item, i int) {
	ui.redraw = func() { ui.showPicker(list, i) }
	l := ui.lang
	field := list.Fields[0]
	results := container.NewVBox()
	search, searchFrame := ui.entry(tr(l, "meds.search"))
	var shown []*questionnaire.Option
	pick := func(o *questionnaire.Option) {
		if i < 0 {
			idx, err := ui.session.AddEntry(list.ID, questionnaire.Entry{field.ID: o.Code})
			if err != nil {
				return
			}
			ui.showEntryField(list, idx, 1)
			return
		}
		entry := ui.session.Entries(list.ID)[i]
		entry[field.ID] = o.Code
		if ui.session.UpdateEntry(list.ID, i, entry) == nil {
			ui.showEntryField(list, i, 1)
		}
	}
	optionButton := func(o *questionnaire.Option) *keyButton {
		b := ui.button(o.Label(l), widget.MediumImportance, func() { pick(o) })
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	filter := func(text string) {
		results.RemoveAll()
		shown = field.Search(text)
		for _, o := range shown {
			results.Add(optionButton(o))
		}
		if len(shown) == 0 {
			results.Add(body(tr(l, "meds.no_match")))
		}
	}
	search.OnChanged = func(text string) {
		ui.touched()
		filter(text)
		if ui.page != nil {
			ui.page.refit()
		}
	}
	search.OnSubmitted = func(string) {
		if len(shown) == 1 {
			ui.safely(func() { pick(shown[0]) })
		}
	}
	filter("")
	var always []fyne.CanvasObject
	for _, code := range field.AlwaysOffer {
		if o := field.Option(code); o != nil {
			always = append(always, optionButton(o))
		}
	}
	back := func() {
		if i >= 0 {
			ui.showMedicationsAt(list, i)
			return
		}
		ui.showMedications(list)
	}
	backButton := ui.button(tr(l, "nav.back"), widget.MediumImportance, back)
	backButton.SetIcon(theme.NavigateBackIcon())
	top := container.NewVBox(subheading(tr(l, "meds.pick")), searchFrame)
	var notListed fyne.CanvasObject = container.NewVBox()
	if len(always) > 0 {
		notListed = container.NewVBox(small(tr(l, "meds.not_listed")), buttonRow(fyne.TextAlignLeading, always...))
	}
	var content fyne.CanvasObject
	if ui.compact() {
		// A small window: the search and the answers for a medicine not in
		// the list come first in one scrolling column, the matches after.
		content = container.NewBorder(nil, ui.footer(backButton), nil, nil,
			ui.scrolled(container.NewVBox(top, notListed, widget.NewSeparator(), results)))
	} else {
		content = container.NewBorder(top, container.NewVBox(notListed, ui.footer(backButton)), nil, nil, ui.scrolled(results))
	}
	ui.current = list
	ui.show(screenPicker, list.Section.Title.In(l), content, keyHandlers{back: back})
	ui.win.Canvas().Focus(search)
}
