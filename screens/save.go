package screens

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

	"ketascreen/questionnaire"
	"ketascreen/records"
	"ketascreen/summary"
)

// Printer sends a PDF to a printer. LPPrinter is the real one.
type Printer interface {
	// Available tells whether there is a printer to send to.
	Available() bool
	Print(pdf []byte) error
}

// DefaultPrinter is the system's printing: CUPS lp on Linux and macOS, the
// shell's print verb on Windows (printer_windows.go).
func DefaultPrinter(destination string) Printer { return defaultPrinter(destination) }

// LPPrinter prints with CUPS' lp, to Destination or the default printer.
type LPPrinter struct{ Destination string }

// Available tells whether lp exists and, without a named destination, a
// default printer is set.
func (p LPPrinter) Available() bool {
	if _, err := exec.LookPath("lp"); err != nil {
		return false
	}
	if p.Destination != "" {
		return true
	}
	out, err := exec.Command("lpstat", "-d").Output()
	return err == nil && strings.Contains(string(out), ":") && !strings.Contains(string(out), "no system default")
}

// Print sends the PDF to lp on standard input.
func (p LPPrinter) Print(pdf []byte) error {
	args := []string{"-t", "KetaScreen summary"}
	if p.Destination != "" {
		args = append(args, "-d", p.Destination)
	}
	cmd := exec.Command("lp", args...)
	cmd.Stdin = bytes.NewReader(pdf)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("printing failed: %v %s", err, strings.TrimSpace(string(out)))
	}
	return nil
}

// summaryState is what the app keeps of the current person's summary: its
// random id and when it was finished (kept until the session is cleared),
// the initials they may type, and the part of the result shown.
type summaryState struct {
	responseID string
	finished   time.Time
	initials   string
	// claimCode is what the person tells the front desk to find their
	// kiosk record (records.NewClaimCode), once the record is saved.
	claimCode string
	tab       int
	// printer: whether a printer was found when the result was reached;
	// printerKnown is false while the search runs.
	printer, printerKnown bool
}

// summaryInput is the current screening, named by a random id kept until the
// session is cleared. On a kiosk the PDF is in the clinic's record language.
func (ui *UI) summaryInput() summary.Input {
	if ui.summary.responseID == "" {
		ui.summary.responseID = uuid.NewString()
		ui.summary.finished = time.Now()
	}
	in := summary.Input{Session: ui.session, Lang: ui.lang, ResponseID: ui.summary.responseID, Created: ui.summary.finished, Initials: ui.summary.initials, Kiosk: ui.kiosk != nil, KioskName: ui.kioskName(), ClaimCode: ui.summary.claimCode}
	if ui.kiosk != nil { // the record and the front desk's printout are for the clinic
		in.RecordLang = ui.kiosk.opts.Config.RecordLang(ui.def.Languages)
	}
	return in
}

func (ui *UI) summaryPDF() ([]byte, error) { return summary.PDF(ui.summaryInput()) }

func (ui *UI) summaryFHIR() ([]byte, error) { return summary.FHIR(ui.summaryInput()) }

// findPrinter looks for a printer off the UI goroutine (lpstat can take a
// while) and draws the result again when it knows.
func (ui *UI) findPrinter() {
	p := ui.opts.Printer
	ui.summary.printerKnown = p == nil
	if p == nil {
		return
	}
	ui.background(func() {
		ok := p.Available()
		fyne.Do(func() {
			ui.summary.printer, ui.summary.printerKnown = ok, true
			if ui.nav.step.Kind == questionnaire.StepResult {
				ui.redrawKeepingFocus()
			}
		})
	})
}

// saveActions are the result screen's ways to take the summary away: on a
// desktop, save it as a PDF or for a provider's system, or print it; in a
// kiosk, the encrypted record for the staff and the front-desk printer.
func (s *resultScreen) saveActions() fyne.CanvasObject {
	ui := s.ui
	if ui.kiosk != nil {
		return s.kioskSaveActions()
	}
	l := ui.lang
	initials, initialsFrame := ui.entry(tr(l, "save.initials_hint"))
	initials.SetText(ui.summary.initials)
	initials.OnChanged = func(text string) {
		ui.touched()
		ui.summary.initials = strings.TrimSpace(text)
	}
	savePDF := ui.button(tr(l, "save.pdf"), widget.HighImportance, ui.onSavePDF)
	savePDF.SetIcon(theme.DocumentSaveIcon())
	saveFHIR := ui.button(tr(l, "save.fhir"), widget.MediumImportance, ui.onSaveFHIR)
	saveFHIR.SetIcon(theme.DocumentSaveIcon())
	buttons := []fyne.CanvasObject{savePDF, saveFHIR}
	switch printer := ui.opts.Printer; {
	case !ui.summary.printerKnown:
		looking := ui.button(tr(l, "save.finding_printer"), widget.MediumImportance, nil)
		looking.Disable()
		buttons = append(buttons, looking)
	case ui.summary.printer:
		p := ui.button(tr(l, "save.print"), widget.MediumImportance, func() { ui.print(printer) })
		p.SetIcon(theme.DocumentPrintIcon())
		buttons = append(buttons, p)
	default:
		none := ui.button(tr(l, "save.no_printer"), widget.MediumImportance, nil)
		none.Disable()
		buttons = append(buttons, none)
	}
	return container.NewVBox(
		subheading(tr(l, "save.heading")),
		body(tr(l, "save.why")),
		wrapped(tr(l, "save.initials"), theme.SizeNameText, true),
		initialsFrame,
		buttonRow(fyne.TextAlignLeading, buttons...),
	)
}

// saveToFile asks where to save and writes the file there atomically; a
// failure is said on screen and the result stays as it was.
func (ui *UI) saveToFile(name string, make func() ([]byte, error)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		ui.safely(func() {
			if err != nil {
				ui.showMessage(tr(ui.lang, "save.failed_title"), tr(ui.lang, "save.failed")+"\n"+err.Error(), true)
				return
			}
			if w == nil {
				return // cancelled
			}
			path := w.URI().Path()
			w.Close()
			ui.writeSummaryFile(path, make)
		})
	}, ui.win)
	d.SetFileName(name)
	if folder, err := storage.ListerForURI(storage.NewFileURI(ui.saveFolder())); err == nil {
		d.SetLocation(folder)
	}
	// Fyne sizes a file dialog only once it is shown; before, Resize
	// dereferences the dialog it has not made yet and the app crashes.
	d.Show()
	win := ui.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(900, win.Width-2*theme.Padding()), min(640, win.Height-2*theme.Padding())))
}

// saveFolder is where the save dialog opens: the configured folder, else
// the person's Documents folder, else their home folder.
func (ui *UI) saveFolder() string {
	if ui.opts.SaveFolder != "" {
		return ui.opts.SaveFolder
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "."
	}
	if docs := filepath.Join(home, "Documents"); isDir(docs) {
		return docs
	}
	return home
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}

// writeSummaryFile writes a summary to the chosen path and says how it went.
func (ui *UI) writeSummaryFile(path string, make func() ([]byte, error)) {
	data, err := make()
	if err == nil {
		err = records.WriteFile(path, data, 0o644)
	}
	if err != nil {
		ui.showMessage(tr(ui.lang, "save.failed_title"), tr(ui.lang, "save.failed")+"\n"+err.Error(), true)
		return
	}
	ui.showMessage(tr(ui.lang, "save.done_title"), fmt.Sprintf(tr(ui.lang, "save.done"), path), false)
}

// onSaveShortcut is Ctrl+S (the PDF) and Ctrl+Shift+S (for a provider's
// system): on the result screen it opens the save dialog.
func (ui *UI) onSaveShortcut(fhir bool) {
	if ui.nav.name != screenResult || ui.kiosk != nil || ui.dialogOpen > 0 {
		return
	}
	if fhir {
		ui.onSaveFHIR()
		return
	}
	ui.onSavePDF()
}

func (ui *UI) onSavePDF() {
	ui.saveToFile(fmt.Sprintf("ketascreen-summary-%s.pdf", time.Now().Format("2006-01-02")), ui.summaryPDF)
}

func (ui *UI) onSaveFHIR() {
	ui.saveToFile(fmt.Sprintf("ketascreen-fhir-%s.json", time.Now().Format("2006-01-02")), ui.summaryFHIR)
}

// print makes the PDF and sends it to the printer off the UI goroutine,
// then says how it went.
func (ui *UI) print(p Printer) {
	lang := ui.lang
	said := func(err error) {
		if err != nil {
			ui.showMessage(tr(lang, "save.print_failed_title"), tr(lang, "save.print_failed")+"\n"+err.Error(), true)
			return
		}
		ui.showMessage(tr(lang, "save.done_title"), tr(lang, "save.printed"), false)
	}
	data, err := ui.summaryPDF()
	if err != nil {
		said(err)
		return
	}
	ui.background(func() {
		err := p.Print(data)
		fyne.Do(func() { said(err) })
	})
}

// kioskSaveActions says what became of the encrypted record for the staff
// (saved as the result was reached, see kioskState.entered), and offers the
// front-desk printer when one is configured. No file dialog ever opens in a
// kiosk.
func (s *resultScreen) kioskSaveActions() fyne.CanvasObject {
	ui := s.ui
	l := ui.lang
	box := container.NewVBox()
	status := small("")
	box.Add(status)
	cfg := ui.kiosk.opts.Config
	switch {
	case cfg.AgeRecipient == "":
		status.SetText(tr(l, "kiosk.no_record"))
	case ui.kiosk.recordSaved != "":
		status.SetText(tr(l, "kiosk.record_saved"))
	default:
		status.SetText(tr(l, "kiosk.record_failed"))
	}
	if cfg.Printer != "" && ui.opts.Printer != nil {
		box.Add(ui.button(tr(l, "kiosk.print"), widget.MediumImportance, func() { ui.print(ui.opts.Printer) }))
	}
	return box
}

// saveKioskRecord gives the screening a claim code no record in the records
// folder has, and writes the PDF and the FHIR JSON, each encrypted for the
// clinic's age key, into that folder under names that carry the kiosk's
// name and the code (records.RecordBase).
func (ui *UI) saveKioskRecord() error {
	if ui.kiosk.opts.Config.AgeRecipient == "" {
		return nil
	}
	cfg := ui.kiosk.opts.Config
	recipient, err := records.ParseRecipient(cfg.AgeRecipient)
	if err != nil {
		return err
	}
	if ui.summary.claimCode == "" {
		taken, err := records.ClaimCodesIn(cfg.RecordsPath())
		if err != nil {
			return fmt.Errorf("reading the records folder: %w", err)
		}
		code, err := records.NewClaimCode(func(c string) bool { return taken[c] })
		if err != nil {
			return err
		}
		ui.summary.claimCode = code
	}
	pdf, err := ui.summaryPDF()
	if err != nil {
		return err
	}
	fhir, err := ui.summaryFHIR()
	if err != nil {
		return err
	}
	in := ui.summaryInput()
	base := records.RecordBase(in.Created, cfg.Name, in.ClaimCode, in.ResponseID)
	if _, err := records.SaveEncrypted(cfg.RecordsPath(), base+".pdf", pdf, recipient); err != nil {
		return err
	}
	if _, err := records.SaveEncrypted(cfg.RecordsPath(), base+".fhir.json", fhir, recipient); err != nil {
		return err
	}
	ui.kiosk.recordSaved = base
	return nil
}

// kioskName is the kiosk's name for the FHIR Device, empty off a kiosk.
func (ui *UI) kioskName() string {
	if ui.kiosk == nil {
		return ""
	}
	return ui.kiosk.opts.Config.Name
}
