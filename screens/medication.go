package screens

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// showMedications shows the entries of a list item (the antidepressants) as
// cards, with buttons to change or remove each, add another, and go on.
func (ui *UI) showMedications(list *questionnaire.Item) {
	ui.redraw = func() { ui.showMedications(list) }
	l := ui.lang
	ui.current = list
	ui.setProgress(list)
	cards := container.NewVBox()
	entries := ui.session.Entries(list.ID)
	if len(entries) == 0 {
		cards.Add(body(tr(l, "meds.none")))
	}
	for i, e := range entries {
		cards.Add(ui.entryCard(list, i, e))
	}
	addText := tr(l, "meds.add")
	if len(entries) > 0 {
		addText = tr(l, "meds.another")
	}
	add := ui.button(addText, widget.HighImportance, func() { ui.showPicker(list, -1) })
	add.SetIcon(theme.ContentAddIcon())
	cards.Add(add)

	done := func() { ui.afterAnswer(list) }
	cont := ui.button(tr(l, "nav.continue"), widget.HighImportance, done)
	cont.SetIcon(theme.NavigateNextIcon())
	cont.IconPlacement = widget.ButtonIconTrailingText
	ready := ui.listComplete(list)
	if !ready {
		cont.Disable()
	}
	back := ui.button(tr(l, "nav.back"), widget.MediumImportance, func() { ui.backFrom(list) })
	back.SetIcon(theme.NavigateBackIcon())
	top := container.NewVBox(subheading(list.Text.In(l)))
	content := container.NewBorder(top, bottomBar(back, cont), nil, nil, scrolled(cards))
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

// entryCard shows one medicine and its answers.
func (ui *UI) entryCard(list *questionnaire.Item, i int, e questionnaire.Entry) fyne.CanvasObject {
	l := ui.lang
	title := trf(l, "meds.entry", i+1)
	lines := container.NewVBox()
	complete := true
	for _, f := range list.Fields {
		code := e[f.ID]
		if code == "" {
			complete = complete && f.Optional
			continue
		}
		if o := f.Option(code); o != nil {
			if f == list.Fields[0] {
				title = fmt.Sprintf("%s: %s", title, o.Label(l))
				continue
			}
			lines.Add(body(fmt.Sprintf("%s — %s", f.Text.In(l), o.Text.In(l))))
		}
	}
	if !complete {
		lines.Add(wrapped(tr(l, "meds.incomplete"), theme.SizeNameText, true))
	}
	change := ui.button(tr(l, "meds.change"), widget.MediumImportance, func() { ui.showEntryField(list, i, 0) })
	change.SetIcon(theme.DocumentCreateIcon())
	remove := ui.button(tr(l, "meds.remove"), widget.MediumImportance, func() {
		_ = ui.session.RemoveEntry(list.ID, i)
		ui.showMedications(list)
	})
	remove.SetIcon(theme.DeleteIcon())
	card := widget.NewCard("", "", container.NewBorder(subheading(title), nil, nil, container.NewVBox(change, remove), lines))
	return card
}

// pickerFieldLimit: fields with more answers than this are picked from a
// searchable list rather than a column of buttons.
const pickerFieldLimit = 9

// showEntryField asks field number f of entry i (i = -1 for a new entry),
// or goes back to the cards after the last field.
func (ui *UI) showEntryField(list *questionnaire.Item, i, f int) {
	ui.redraw = func() { ui.showEntryField(list, i, f) }
	if f >= len(list.Fields) {
		ui.showMedications(list)
		return
	}
	field := list.Fields[f]
	if len(field.Options) > pickerFieldLimit {
		ui.showPicker(list, i)
		return
	}
	entries := ui.session.Entries(list.ID)
	if i < 0 || i >= len(entries) {
		ui.showMedications(list)
		return
	}
	entry := entries[i]
	q := &questionView{ui: ui, item: field, selected: []string{entry[field.ID]}}
	name := ""
	if o := list.Fields[0].Option(entry[list.Fields[0].ID]); o != nil {
		name = o.Label(ui.lang)
	}
	q.stem = strings.TrimSpace(trf(ui.lang, "meds.entry", i+1) + ": " + name)
	q.onBack = func() { ui.showEntryField(list, i, f-1) }
	if f == 0 {
		q.onBack = func() { ui.showMedications(list) }
	}
	next := func() { ui.showEntryField(list, i, f+1) }
	q.onChoose = func(code string) {
		entry[field.ID] = code
		if err := ui.session.UpdateEntry(list.ID, i, entry); err == nil {
			ui.after(next)
		}
	}
	if entry[field.ID] != "" {
		q.onContinue = next
	}
	if field.Optional {
		q.onSkip = next
	}
	ui.current = list
	content, keys := q.build()
	ui.show(screenQuestion, list.Section.Title.In(ui.lang), content, keys)
}

// showPicker lets the person find a medicine by typing part of its generic or
// brand name, then tap it. i is the entry being changed, or -1 for a new one.
func (ui *UI) showPicker(list *questionnaire.Item, i int) {
	ui.redraw = func() { ui.showPicker(list, i) }
	l := ui.lang
	field := list.Fields[0]
	results := container.NewVBox()
	search := widget.NewEntry()
	search.SetPlaceHolder(tr(l, "meds.search"))
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
	filter := func(text string) {
		results.RemoveAll()
		shown = matchingOptions(field, text, l)
		for _, o := range shown {
			o := o
			b := ui.button(o.Label(l), widget.MediumImportance, func() { pick(o) })
			b.Alignment = widget.ButtonAlignLeading
			results.Add(b)
		}
		if len(shown) == 0 {
			results.Add(body(tr(l, "meds.no_match")))
		}
	}
	search.OnChanged = func(text string) {
		ui.touched()
		filter(text)
	}
	search.OnSubmitted = func(string) {
		if len(shown) == 1 {
			pick(shown[0])
		}
	}
	filter("")
	back := func() { ui.showMedications(list) }
	backButton := ui.button(tr(l, "nav.back"), widget.MediumImportance, back)
	backButton.SetIcon(theme.NavigateBackIcon())
	top := container.NewVBox(subheading(tr(l, "meds.pick")), search)
	content := container.NewBorder(top, bottomBar(backButton), nil, nil, scrolled(results))
	ui.current = list
	ui.show(screenPicker, list.Section.Title.In(l), content, keyHandlers{back: back})
	ui.win.Canvas().Focus(search)
}

// matchingOptions lists the answers a typed text finds: those with a word of
// the name or other names starting with it ("zol" finds Zoloft), or, when
// none does, those containing it anywhere. Case and spaces at the ends are
// ignored; an empty text lists them all.
func matchingOptions(field *questionnaire.Item, text, lang string) []*questionnaire.Option {
	needle := strings.ToLower(strings.TrimSpace(text))
	if needle == "" {
		return field.Options
	}
	var starts, contains []*questionnaire.Option
	for _, o := range field.Options {
		names := strings.ToLower(o.Text.In(lang) + " " + strings.Join(o.Also, " "))
		words := strings.FieldsFunc(names, func(r rune) bool { return r == ' ' || r == '(' || r == ')' || r == '-' || r == ',' })
		switch {
		case slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, needle) }):
			starts = append(starts, o)
		case strings.Contains(names, needle):
			contains = append(contains, o)
		}
	}
	if len(starts) > 0 {
		return starts
	}
	return contains
}
