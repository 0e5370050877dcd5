package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/questionnaire"
)

// listScreen shows the entries of a list item (the antidepressants) as
// cards, with buttons to change or remove each. Adding another and going on
// stay in view at the foot of the screen. The card focus (the one just
// added or changed) is brought into view; -1 shows the top.
type listScreen struct {
	ui    *UI
	step  questionnaire.Step
	focus int
}

func (s *listScreen) draw() drawn {
	ui, list, focus := s.ui, s.step.Item, s.focus
	l := ui.lang
	ui.setProgress(list)
	// The rows are gathered first and the box made once: a container lays
	// itself out again on every Add, which made a long list quadratic.
	entries := ui.session.Entries(list.ID)
	rows := make([]fyne.CanvasObject, 0, len(entries)+3)
	rows = append(rows, subheading(list.Text.In(l)))
	if len(entries) == 0 {
		rows = append(rows, body(tr(l, "meds.none")))
	}
	var shown fyne.CanvasObject
	for i, e := range entries {
		card := s.card(i, e)
		if i == focus {
			shown = card
		}
		rows = append(rows, card)
	}
	addText, addImportance := tr(l, "meds.add"), widget.HighImportance
	if len(entries) > 0 {
		addText, addImportance = tr(l, "meds.another"), widget.MediumImportance
	}
	add := ui.button(addText, addImportance, s.onAdd)
	add.SetIcon(theme.ContentAddIcon())
	if len(entries) >= questionnaire.MaxEntries {
		add.Disable() // the list is full (the session keeps no more)
	}

	cont := ui.button(tr(l, "nav.continue"), widget.HighImportance, s.onContinue)
	cont.SetIcon(theme.NavigateNextIcon())
	cont.IconPlacement = widget.ButtonIconTrailingText
	if !ui.session.ItemComplete(list.ID) {
		cont.Disable()
	}
	back := ui.button(tr(l, "nav.back"), widget.MediumImportance, s.onBack)
	back.SetIcon(theme.NavigateBackIcon())
	bar := ui.footer(back, add, cont)
	if !fitsOneRow(ui.win, back, add, cont) { // no room in the foot: adding another is below the cards
		rows = append(rows, buttonRow(fyne.TextAlignLeading, add))
		bar = ui.footer(back, cont)
	}
	page := ui.newPage(container.NewVBox(rows...))
	content := container.NewBorder(nil, bar, nil, nil, page.Container)
	keys := keyHandlers{
		back:  s.onBack,
		enter: s.onContinue,
		digit: func(n int) {
			if n == 1 {
				s.onAdd()
			}
		},
	}
	d := drawn{name: screenMedications, title: list.Section.Title.In(l), content: content, keys: keys}
	if shown != nil {
		d.shown = func() { page.revealOnceLaidOut(shown) }
	}
	return d
}

// onContinue goes on once every entry has what it needs.
func (s *listScreen) onContinue() {
	if s.ui.session.ItemComplete(s.step.Item.ID) {
		s.ui.nav.enter(s.ui.session.After(s.step.Item.ID))
	}
}

func (s *listScreen) onBack() { s.ui.nav.enter(s.ui.session.Back(s.step.Item.ID)) }

// onAdd finds a medicine to add.
func (s *listScreen) onAdd() { s.ui.nav.show(&pickerScreen{list: s, entry: -1}) }

// showCards shows the cards again, bringing card focus into view.
func (s *listScreen) showCards(focus int) {
	s.ui.nav.show(&listScreen{ui: s.ui, step: s.step, focus: focus})
}

// askField asks field f of entry i, or the next one its answers show; after
// the last, the cards come back.
func (s *listScreen) askField(i, f int) {
	list := s.step.Item
	if i < 0 || i >= len(s.ui.session.Entries(list.ID)) {
		s.showCards(-1)
		return
	}
	f, ok := s.ui.session.NextField(list.ID, i, f-1)
	switch {
	case !ok:
		s.showCards(i)
	case len(list.Fields[f].Options) > pickerFieldLimit:
		s.ui.nav.show(&pickerScreen{list: s, entry: i})
	default:
		s.ui.nav.show(&entryFieldScreen{list: s, entry: i, field: f})
	}
}

// askFieldBefore goes back from field f of entry i to the field asked
// before it, or to the cards from the first.
func (s *listScreen) askFieldBefore(i, f int) {
	if prev, ok := s.ui.session.PreviousField(s.step.Item.ID, i, f); ok {
		s.askField(i, prev)
		return
	}
	s.showCards(i)
}

// card shows one medicine and its answers, each with the name of what it
// answers. Change and Remove sit well apart; Remove asks first.
func (s *listScreen) card(i int, e questionnaire.Entry) fyne.CanvasObject {
	ui, list := s.ui, s.step.Item
	l := ui.lang
	lines := []fyne.CanvasObject{subheading(ui.session.EntryTitle(list, i+1, l, ui.words()))}
	for _, f := range ui.session.EntryFields(list.ID, i)[1:] {
		if text := questionnaire.FieldAnswerText(f, e, l); text != "" {
			lines = append(lines, body(f.LabelIn(l)+": "+text))
		}
	}
	if len(ui.session.MissingFields(list.ID, i)) > 0 {
		lines = append(lines, wrapped(tr(l, "meds.incomplete"), theme.SizeNameText, true))
	}
	change := ui.button(tr(l, "meds.change"), widget.MediumImportance, func() { s.askField(i, 0) })
	change.SetIcon(theme.DocumentCreateIcon())
	remove := ui.button(tr(l, "meds.remove"), widget.MediumImportance, func() {
		name := ui.session.EntryTitle(list, i+1, l, ui.words())
		ui.confirm(tr(l, "meds.remove_title"), trf(l, "meds.remove_text", name), tr(l, "meds.remove_keep"), tr(l, "meds.remove_go"), func() {
			ui.check(ui.session.RemoveEntry(list.ID, i))
			s.showCards(min(i, len(ui.session.Entries(list.ID))-1))
		})
	})
	remove.SetIcon(theme.DeleteIcon())
	// Change on the leading edge, Remove on the trailing one: never side by side.
	lines = append(lines, bottomBar(change, remove))
	return framed(container.NewVBox(lines...))
}

// framed draws a thin border around content, as a card.
func framed(content fyne.CanvasObject) fyne.CanvasObject {
	return bordered(content, theme.ColorNameInputBorder, 2)
}

// bordered sets content on a card with a border of a colour and width.
func bordered(content fyne.CanvasObject, color fyne.ThemeColorName, width float32) fyne.CanvasObject {
	border := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	border.StrokeColor = theme.Color(color)
	border.StrokeWidth = width
	border.CornerRadius = theme.Size(theme.SizeNameInputRadius) * 2
	return container.NewStack(border, container.NewPadded(container.NewPadded(content)))
}

// entryFieldScreen asks field f of entry i of the list (the medicine's
// weeks, dose, how well it worked).
type entryFieldScreen struct {
	list         *listScreen
	entry, field int
}

func (s *entryFieldScreen) draw() drawn {
	ui, list, i, f := s.list.ui, s.list.step.Item, s.entry, s.field
	field := list.Fields[f]
	entry := ui.session.Entries(list.ID)[i]
	q := &questionView{ui: ui, item: field, selected: []string{entry[field.ID]}, typed: entry[field.ID]}
	q.stem = ui.session.EntryTitle(list, i+1, ui.lang, ui.words())
	q.onBack = func() { s.list.askFieldBefore(i, f) }
	next := func() { s.list.askField(i, f+1) }
	save := func(value string) bool {
		entry[field.ID] = value
		return ui.check(ui.session.UpdateEntry(list.ID, i, entry))
	}
	q.onChoose = func(code string) {
		if save(code) {
			ui.nav.after(next)
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
	content, keys := q.build()
	d := drawn{name: screenQuestion, title: list.Section.Title.In(ui.lang), content: content, keys: keys}
	if q.entry != nil {
		d.shown = func() { ui.win.Canvas().Focus(q.entry) }
	}
	return d
}

// pickerFieldLimit: fields with more answers than this are picked from a
// searchable list rather than a column of buttons.
const pickerFieldLimit = 9

// pickerScreen lets the person find a medicine by typing part of its
// generic or brand name (a slip or two in it does not matter), then tap it.
// The answers for a medicine not in the list are always in view below.
// entry is the entry being changed, or -1 for a new one.
type pickerScreen struct {
	list  *listScreen
	entry int
}

func (s *pickerScreen) draw() drawn {
	ui, list, i := s.list.ui, s.list.step.Item, s.entry
	l := ui.lang
	field := list.Fields[0]
	results := container.NewVBox()
	search, searchFrame := ui.entry(tr(l, "meds.search"))
	var shown []*questionnaire.Option
	pick := func(o *questionnaire.Option) {
		if i < 0 {
			idx, err := ui.session.AddEntry(list.ID, questionnaire.Entry{field.ID: o.Code})
			if ui.check(err) {
				s.list.askField(idx, 1)
			}
			return
		}
		entry := ui.session.Entries(list.ID)[i]
		entry[field.ID] = o.Code
		if ui.check(ui.session.UpdateEntry(list.ID, i, entry)) {
			s.list.askField(i, 1)
		}
	}
	optionButton := func(o *questionnaire.Option) *keyButton {
		b := ui.button(o.Label(l), widget.MediumImportance, func() { pick(o) })
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	filter := func(text string) {
		shown = field.Search(text)
		rows := make([]fyne.CanvasObject, 0, len(shown)+1)
		for _, o := range shown {
			rows = append(rows, optionButton(o))
		}
		if len(shown) == 0 {
			rows = append(rows, body(tr(l, "meds.no_match")))
		}
		results.Objects = rows // set at once and laid out once, not per Add
		results.Refresh()
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
	back := func() { s.list.showCards(i) }
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
	return drawn{name: screenPicker, title: list.Section.Title.In(l), content: content, keys: keyHandlers{back: back},
		shown: func() { ui.win.Canvas().Focus(search) }}
}
