package screens

import (
	"fmt"
	"log"
	"slices"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"ketascreen/desk"
	"ketascreen/questionnaire"
	"ketascreen/records"
	"ketascreen/uitext"
)

// DeskOptions set up the front desk's window (ketascreen desk).
type DeskOptions struct {
	Folder *desk.Folder
	Lang   string
	// Every is how often the folder is read; zero means DeskEvery.
	Every time.Duration
	// Speaker says a new crisis or urgent record aloud; nil is silent.
	Speaker Speaker
	// Printer prints a record's PDF; nil offers no Print button.
	Printer Printer
	// SaveFolder is where "Save PDF" opens; empty means the home folder.
	SaveFolder string
}

// DeskEvery is how often the desk reads the records folder by default: a
// record shows within this long of the kiosk saving it (plus the time a
// synced folder takes). Reading the folder is polling, which works on a
// network share or a synced folder, where change events do not come.
const DeskEvery = 2 * time.Second

// deskRows is the most records the list shows at once; a claim code finds
// any record.
const deskRows = 300

// Desk is the front desk's window: the records of the kiosks, crisis and
// urgent first, each opened to its provider summary.
type Desk struct {
	win  fyne.Window
	opts DeskOptions
	lang string

	mu      sync.Mutex // guards opts.Folder, read by the watcher too
	records []desk.Record
	checked time.Time
	failure string // why the folder could not be read last time
	news    []news
	filter  string
	open    *desk.Record // the record shown, or nil for the list
	first   bool         // the first reading is still to come
	stop    chan struct{}
	once    sync.Once

	// The list's parts that a reading of the folder changes; the search
	// field and the scroll stay as they are.
	listView fyne.CanvasObject
	status   *widget.Label
	banner   *fyne.Container
	rowBox   *fyne.Container
	scroll   *container.Scroll
	find     *widget.Entry
	header   *fyne.Container // the title, the status and the notices: hidden while searching
	drawn    string          // what the rows show (rowsKey), so a reading that changed nothing keeps them, and the focus
}

// news is a new crisis or urgent record announced at the top of the list
// until staff open it or dismiss the notice.
type news struct {
	base, line string
	crisis     bool
}

// NewDesk shows the desk in w and starts watching the folder.
func NewDesk(w fyne.Window, opts DeskOptions) *Desk {
	if opts.Every <= 0 {
		opts.Every = DeskEvery
	}
	d := &Desk{win: w, opts: opts, lang: opts.Lang, first: true, stop: make(chan struct{})}
	if d.lang == "" {
		d.lang = "en"
	}
	w.SetTitle(d.title())
	d.draw()
	return d
}

// Watch reads the folder now and then every opts.Every until Stop.
func (d *Desk) Watch() {
	go func() {
		t := time.NewTicker(d.opts.Every)
		defer t.Stop()
		for {
			d.Refresh()
			select {
			case <-d.stop:
				return
			case <-t.C:
			}
		}
	}()
}

// Stop ends the watching.
func (d *Desk) Stop() { d.once.Do(func() { close(d.stop) }) }

// Refresh reads the folder (on the caller's goroutine; decrypting can take
// a moment) and shows what it found.
func (d *Desk) Refresh() {
	d.mu.Lock()
	fresh, err := d.opts.Folder.Scan()
	list := d.opts.Folder.Records()
	snapshot := make([]desk.Record, len(list))
	for i, r := range list {
		snapshot[i] = *r
	}
	d.mu.Unlock()
	fyne.DoAndWait(func() { d.show(snapshot, fresh, err) })
}

// show takes a new reading of the folder, announces the new records that
// need someone now, and draws.
func (d *Desk) show(list []desk.Record, fresh []*desk.Record, err error) {
	d.records, d.checked, d.failure = list, time.Now(), ""
	if err != nil {
		d.failure = err.Error()
	}
	d.announce(fresh)
	d.first = false
	d.win.SetTitle(d.title())
	if d.open == nil {
		d.refreshList()
		return
	}
	for i := range list { // the record shown may have been replaced by its complete one
		if r := &list[i]; r.Base == d.open.Base && (r.Problem != d.open.Problem || r.Complete != d.open.Complete || r.Result != d.open.Result) {
			d.open = r
			d.draw()
		}
	}
}

// announce puts the new crisis and urgent records at the top of the list
// and says them aloud, a crisis first.
func (d *Desk) announce(fresh []*desk.Record) {
	l := d.lang
	var spoken []string
	for _, crisis := range []bool{true, false} {
		for _, r := range fresh {
			if r.Seen || (r.Priority != desk.Crisis && r.Priority != desk.Urgent) || (r.Priority == desk.Crisis) != crisis {
				continue
			}
			key := "desk.new_urgent"
			if crisis {
				key = "desk.new_crisis"
			}
			at := r.Finished.Local().Format("15:04")
			d.news = append(d.news, news{base: r.Base, line: uitext.Getf(l, key, r.Kiosk, at, r.Code), crisis: crisis})
			spoken = append(spoken, uitext.Getf(l, key, r.Kiosk, at, spell(r.Code)))
		}
	}
	slices.SortStableFunc(d.news, func(a, b news) int { return boolOrder(a.crisis, b.crisis) })
	if len(spoken) > 0 && d.opts.Speaker != nil {
		d.opts.Speaker.Speak(l, strings.Join(spoken, ". "))
	}
}

// boolOrder puts true before false.
func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

// spell spaces out a claim code so that a speech synthesizer reads it
// letter by letter.
func spell(code string) string {
	return strings.Join(strings.Split(strings.ReplaceAll(code, "-", ""), ""), " ")
}

// title says in the window's title (and the task bar) how many records
// need someone.
func (d *Desk) title() string {
	waiting := 0
	for _, r := range d.records {
		if !r.Seen && r.Priority != desk.Routine {
			waiting++
		}
	}
	if waiting > 0 {
		return uitext.Getf(d.lang, "desk.title_waiting", waiting)
	}
	return uitext.Get(d.lang, "desk.title")
}

func (d *Desk) draw() {
	if d.open != nil {
		d.win.SetContent(d.detail(*d.open))
		return
	}
	if d.listView == nil {
		d.listView = d.list()
	}
	d.refreshList()
	d.win.SetContent(d.listView)
	d.win.Canvas().Focus(d.find) // staff type the code they are told at once
}

// list builds the list's view once: what the desk is watching, the notices
// of new records, the code search and the records.
func (d *Desk) list() fyne.CanvasObject {
	l := d.lang
	d.status = small("")
	d.banner = container.NewVBox()
	d.rowBox = container.NewVBox()
	find := widget.NewEntry()
	d.find = find
	find.SetPlaceHolder(uitext.Get(l, "desk.find"))
	find.OnChanged = func(s string) {
		d.filter = s
		d.refreshList()
		d.scroll.ScrollToTop()
	}
	// Only the search field stays put: the notices and the records scroll,
	// so that at 200% text in a small window the list is still reached.
	d.header = container.NewVBox(d.banner, subheading(uitext.Get(l, "desk.title")), d.status) // a notice first, in sight at any size
	d.scroll = container.NewVScroll(container.NewVBox(d.header, d.rowBox))
	return container.NewBorder(find, nil, nil, nil, d.scroll)
}

// refreshList shows the latest reading in the list's view.
func (d *Desk) refreshList() {
	if d.listView == nil {
		return
	}
	l := d.lang
	status := uitext.Getf(l, "desk.watching", d.opts.Folder.Dir)
	if days := d.opts.Folder.Days; days > 0 {
		status = uitext.Getf(l, "desk.watching_days", days, d.opts.Folder.Dir)
	}
	switch {
	case d.first:
		status += " " + uitext.Get(l, "desk.reading")
	case d.failure != "":
		status += " " + d.failure
	default:
		status += " " + uitext.Getf(l, "desk.checked", d.checked.Format("15:04:05"), len(d.records))
	}
	d.status.SetText(status)
	d.banner.Objects = nil
	if len(d.news) > 0 {
		lines := make([]fyne.CanvasObject, len(d.news))
		for i, n := range d.news {
			lines[i] = wrapped(n.line, theme.SizeNameText, true)
		}
		dismiss := widget.NewButton(uitext.Get(l, "desk.dismiss"), func() { d.news = nil; d.refreshList() })
		lines = append(lines, container.NewHBox(dismiss)) // under the notices: its words stay on screen
		d.banner.Objects = []fyne.CanvasObject{alarm(container.NewVBox(lines...))}
	}
	d.banner.Refresh()
	if strings.TrimSpace(d.filter) == "" { // the record found comes right under the field
		d.header.Show()
	} else {
		d.header.Hide()
	}
	if key := d.rowsKey(); key != d.drawn {
		d.drawn = key
		d.rowBox.Objects = d.rows()
		d.rowBox.Refresh()
	}
}

// rowsKey sums up what the rows show.
func (d *Desk) rowsKey() string {
	var b strings.Builder
	b.WriteString(d.lang + "\x00" + d.filter)
	for i := range d.records {
		r := &d.records[i]
		fmt.Fprintf(&b, "\x00%s %d %v %v %p %s", r.Base, r.Priority, r.Seen, r.Complete, r.Result, r.Problem)
	}
	return b.String()
}

// rows are the records the code search leaves, as the list shows them.
func (d *Desk) rows() []fyne.CanvasObject {
	l := d.lang
	var out []fyne.CanvasObject
	match, ok := desk.CodeFilter(d.filter)
	if !ok {
		return []fyne.CanvasObject{body(uitext.Get(l, "desk.not_a_code"))}
	}
	searching := strings.TrimSpace(d.filter) != ""
	for i := range d.records {
		r := &d.records[i]
		if !match(r) {
			continue
		}
		if len(out) == deskRows {
			out = append(out, small(uitext.Getf(l, "desk.more", len(d.records)-deskRows)))
			break
		}
		out = append(out, d.row(r))
	}
	if len(out) == 0 {
		key := "desk.none"
		if searching {
			key = "desk.no_match"
		}
		out = append(out, body(uitext.Get(l, key)))
	}
	return out
}

// row is one record in the list: its mark, when, where, its code and what
// it found, and a button to open it.
func (d *Desk) row(r *desk.Record) fyne.CanvasObject {
	l := d.lang
	what := uitext.Get(l, "desk.unreadable")
	if r.Result != nil && r.Result.Outcome != nil {
		what = r.Result.Outcome.Headline.In(l)
	} else if r.Result != nil {
		what = uitext.Get(l, "desk.incomplete")
	}
	code := r.Code
	if code == "" {
		code = uitext.Get(l, "desk.no_code")
	}
	head := fmt.Sprintf("%s · %s · %s", deskTime(l, r.Finished, false), r.Kiosk, code)
	if !r.Seen {
		head = uitext.Get(l, "desk.new") + " · " + head
	}
	lines := container.NewVBox(wrapped(head, theme.SizeNameText, true), body(what))
	if mark := d.mark(r.Priority); mark != nil { // above the text: at 200% a column beside it would squeeze it
		lines.Objects = append([]fyne.CanvasObject{container.NewHBox(mark)}, lines.Objects...)
	}
	switch {
	case r.Problem != "":
		lines.Add(small(r.Problem))
	case !r.Complete:
		lines.Add(small(uitext.Get(l, "desk.not_finished")))
	case len(r.Result.Flags) > 0:
		lines.Add(small(uitext.Getf(l, "desk.flags", len(r.Result.Flags))))
	}
	open := widget.NewButton(uitext.Get(l, "desk.open"), func() { d.openRecord(r.Base) })
	open.Importance = widget.HighImportance
	row := container.NewBorder(nil, nil, nil, container.NewVBox(open), lines) // at the top, its word in sight
	if r.Priority == desk.Crisis || r.Priority == desk.Urgent {
		return alarm(row)
	}
	return framed(row)
}

// mark is a record's priority as a word on a coloured label; routine
// records have none.
func (d *Desk) mark(p desk.Priority) fyne.CanvasObject {
	key := map[desk.Priority]string{desk.Crisis: "desk.crisis", desk.Urgent: "desk.urgent", desk.Unreadable: "desk.cannot_read"}[p]
	if key == "" {
		return nil
	}
	color := theme.Color(theme.ColorNameError)
	if p == desk.Unreadable {
		color = theme.Color(theme.ColorNameWarning)
	}
	bg := canvas.NewRectangle(color)
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	word := canvas.NewText(uitext.Get(d.lang, key), theme.Color(theme.ColorNameBackground))
	word.TextStyle = fyne.TextStyle{Bold: true}
	word.TextSize = theme.TextSize()
	return container.NewStack(bg, container.NewPadded(word))
}

// alarm draws content on a card with a thick red border.
func alarm(content fyne.CanvasObject) fyne.CanvasObject {
	return bordered(content, theme.ColorNameError, 4)
}

// openRecord shows a record's summary and notes that staff have seen it.
func (d *Desk) openRecord(base string) {
	for i := range d.records {
		r := &d.records[i]
		if r.Base != base {
			continue
		}
		d.mu.Lock()
		err := d.opts.Folder.MarkSeen(r)
		d.mu.Unlock()
		if err != nil {
			log.Printf("desk: %v", err)
		}
		d.news = slices.DeleteFunc(d.news, func(n news) bool { return n.base == base })
		d.open = r
		d.win.SetTitle(d.title())
		d.draw()
		return
	}
}

// detail is one record's provider summary, with its PDF to save or print.
func (d *Desk) detail(r desk.Record) fyne.CanvasObject {
	l := d.lang
	back := widget.NewButtonWithIcon(uitext.Get(l, "desk.back"), theme.NavigateBackIcon(), func() { d.open = nil; d.draw() })
	head := container.NewVBox(heading(fmt.Sprintf("%s · %s", r.Code, r.Kiosk)),
		small(uitext.Getf(l, "desk.saved_at", deskTime(l, r.Finished, true), r.ID)))
	body := container.NewVBox()
	if mark := d.mark(r.Priority); mark != nil {
		body.Add(container.NewHBox(mark))
	}
	switch {
	case r.Problem != "":
		body.Add(wrapped(r.Problem, theme.SizeNameText, true))
	case r.Result != nil:
		d.summary(body, r)
	}
	actions := []fyne.CanvasObject{back}
	if r.Problem == "" {
		save := widget.NewButtonWithIcon(uitext.Get(l, "desk.save_pdf"), theme.DocumentSaveIcon(), func() { d.savePDF(r) })
		actions = append(actions, save)
		if d.opts.Printer != nil {
			actions = append(actions, widget.NewButtonWithIcon(uitext.Get(l, "desk.print"), theme.DocumentPrintIcon(), func() { d.print(r) }))
		}
	}
	return container.NewBorder(head, buttonRow(fyne.TextAlignLeading, actions...), nil, nil, container.NewVScroll(body))
}

// summary adds what the provider summary says first: the outcome and the
// pathway as the provider reads them, the safety screen, the flags by
// group and the scores. The full summary is the PDF.
func (d *Desk) summary(box *fyne.Container, r desk.Record) {
	l := d.lang
	res, def := r.Result, d.opts.Folder.Def
	words := uitext.Answers(l)
	if !r.Complete {
		box.Add(wrapped(uitext.Get(l, "desk.not_finished"), theme.SizeNameText, true))
	}
	if res.Outcome != nil {
		box.Add(subheading(res.Outcome.Headline.In(l)))
		box.Add(body(res.Outcome.ForProvider().In(l)))
	}
	if res.Pathway != nil && res.Pathway != res.Outcome {
		box.Add(subheading(res.Pathway.Headline.In(l)))
		box.Add(body(res.Pathway.ForProvider().In(l)))
	}
	if lines := r.Session.SafetyLines(res, l, words); len(lines) > 0 {
		box.Add(subheading(uitext.Get(l, "result.safety_screen")))
		for _, line := range lines {
			box.Add(body("• " + line))
		}
	}
	for _, g := range res.FlagsByGroup(def) {
		box.Add(subheading(g.Group.Title.In(l)))
		for _, f := range g.Flags {
			box.Add(body("• " + f.Flag.Text.In(l)))
		}
	}
	box.Add(subheading(uitext.Get(l, "desk.scores")))
	for _, s := range res.Scores {
		if s.Score.Kind != questionnaire.CountEntries { // Result.Scores has no internal one
			box.Add(body(s.Score.Name.In(l) + ": " + questionnaire.ScoreText(s, l, words)))
		}
	}
}

// savePDF decrypts the record's PDF and saves it where staff choose: the
// one readable copy the desk writes, and only when asked.
func (d *Desk) savePDF(r desk.Record) {
	l := d.lang
	dlg := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, d.win)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		pdf, err := d.opts.Folder.PDF(&r)
		if err == nil {
			err = records.WriteFile(path, pdf, 0o600)
		}
		if err != nil {
			dialog.ShowError(err, d.win)
			return
		}
		dialog.ShowInformation(uitext.Get(l, "save.done_title"), fmt.Sprintf(uitext.Get(l, "save.done"), path), d.win)
	}, d.win)
	dlg.SetFileName("ketascreen-" + r.Code + ".pdf")
	if d.opts.SaveFolder != "" {
		if folder, err := storage.ListerForURI(storage.NewFileURI(d.opts.SaveFolder)); err == nil {
			dlg.SetLocation(folder)
		}
	}
	dlg.Show() // sized only once shown (see saveToFile)
	win := d.win.Canvas().Size()
	dlg.Resize(fyne.NewSize(min(900, win.Width-2*theme.Padding()), min(640, win.Height-2*theme.Padding())))
}

// print sends the record's PDF to the printer, off the UI goroutine.
func (d *Desk) print(r desk.Record) {
	l := d.lang
	go func() {
		pdf, err := d.opts.Folder.PDF(&r)
		if err == nil {
			err = d.opts.Printer.Print(pdf)
		}
		fyne.Do(func() {
			if err != nil {
				dialog.ShowError(err, d.win)
				return
			}
			dialog.ShowInformation(uitext.Get(l, "desk.print"), uitext.Get(l, "save.printed"), d.win)
		})
	}()
}

// deskTime writes when a record was saved in the desk's language, in local
// time: "Mon 23:17" in the list, "Mon 7 Dec 2026 23:17:05" when one is open
// ("lun 23:17", "lun 7 dic 2026 23:17:05" in Spanish).
func deskTime(lang string, t time.Time, long bool) string {
	t = t.Local()
	day := nth(uitext.Get(lang, "desk.weekdays"), int(t.Weekday()), t.Format("Mon"))
	if !long {
		return day + " " + t.Format("15:04")
	}
	month := nth(uitext.Get(lang, "desk.months"), int(t.Month())-1, t.Format("Jan"))
	return fmt.Sprintf("%s %d %s %d %s", day, t.Day(), month, t.Year(), t.Format("15:04:05"))
}

// nth is the i-th of the space-separated words, or fallback.
func nth(words string, i int, fallback string) string {
	if f := strings.Fields(words); i >= 0 && i < len(f) {
		return f[i]
	}
	return fallback
}
