package screens

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log"
	"os/exec"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/google/uuid"

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

// summaryInput is the current screening, named by a random id kept until the
// session is cleared.
func (ui *UI) summaryInput() summary.Input {
	if ui.responseID == "" {
		ui.responseID = uuid.NewString()
		ui.finished = time.Now()
	}
	return summary.Input{Session: ui.session, Lang: ui.lang, ResponseID: ui.responseID, Created: ui.finished, Initials: ui.initials}
}

func (ui *UI) summaryPDF() ([]byte, error) {
	var buf bytes.Buffer
	err := summary.WritePDF(&buf, ui.summaryInput())
	return buf.Bytes(), err
}

func (ui *UI) summaryFHIR() ([]byte, error) {
	data, err := json.MarshalIndent(summary.Response(ui.summaryInput()), "", "  ")
	return append(data, '\n'), err
}

// saveActions are the result screen's ways to take the summary away: on a
// desktop, save it as a PDF or for a provider's system, or print it; in a
// kiosk, the encrypted record for the staff and the front-desk printer.
func (ui *UI) saveActions() fyne.CanvasObject {
	if ui.kiosk != nil {
		return ui.kioskSaveActions()
	}
	l := ui.lang
	initials := widget.NewEntry()
	initials.SetPlaceHolder(tr(l, "save.initials"))
	initials.SetText(ui.initials)
	initials.OnChanged = func(s string) {
		ui.touched()
		ui.initials = strings.TrimSpace(s)
	}
	savePDF := ui.button(tr(l, "save.pdf"), widget.MediumImportance, func() {
		ui.saveToFile(fmt.Sprintf("ketascreen-summary-%s.pdf", time.Now().Format("2006-01-02")), ui.summaryPDF)
	})
	savePDF.SetIcon(theme.DocumentSaveIcon())
	saveFHIR := ui.button(tr(l, "save.fhir"), widget.MediumImportance, func() {
		ui.saveToFile(fmt.Sprintf("ketascreen-fhir-%s.json", time.Now().Format("2006-01-02")), ui.summaryFHIR)
	})
	columns := 4
	if ui.scale > 1.25 {
		columns = 1 // large text: one under another, never off the screen
	}
	row := container.NewGridWithColumns(columns, initials, savePDF, saveFHIR)
	printer := ui.opts.Printer
	if printer != nil && printer.Available() {
		p := ui.button(tr(l, "save.print"), widget.MediumImportance, func() { ui.print(printer) })
		p.SetIcon(theme.DocumentPrintIcon())
		row.Add(p)
	} else {
		none := ui.button(tr(l, "save.no_printer"), widget.MediumImportance, nil)
		none.Disable()
		row.Add(none)
	}
	return row
}

// saveToFile asks where to save and writes the file there atomically; a
// failure is said on screen and the result stays as it was.
func (ui *UI) saveToFile(name string, make func() ([]byte, error)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, ui.win)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close()
		ui.writeSummaryFile(path, make)
	}, ui.win)
	d.SetFileName(name)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// writeSummaryFile writes a summary to the chosen path and says how it went.
func (ui *UI) writeSummaryFile(path string, make func() ([]byte, error)) {
	data, err := make()
	if err == nil {
		err = records.WriteFile(path, data, 0o644)
	}
	if err != nil {
		dialog.ShowError(fmt.Errorf("%s\n%w", tr(ui.lang, "save.failed"), err), ui.win)
		return
	}
	dialog.ShowInformation(tr(ui.lang, "save.done_title"), fmt.Sprintf(tr(ui.lang, "save.done"), path), ui.win)
}

func (ui *UI) print(p Printer) {
	data, err := ui.summaryPDF()
	if err == nil {
		err = p.Print(data)
	}
	if err != nil {
		dialog.ShowError(fmt.Errorf("%s\n%w", tr(ui.lang, "save.print_failed"), err), ui.win)
		return
	}
	dialog.ShowInformation(tr(ui.lang, "save.done_title"), tr(ui.lang, "save.printed"), ui.win)
}

// kioskSaveActions saves the encrypted record for the staff once per person
// (when the kiosk has a key), says what happened, and offers the front-desk
// printer when one is configured. No file dialog ever opens in a kiosk.
func (ui *UI) kioskSaveActions() fyne.CanvasObject {
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
		if err := ui.saveKioskRecord(); err != nil {
			log.Printf("kiosk: saving the record: %v", err)
			status.SetText(tr(l, "kiosk.record_failed"))
		} else {
			status.SetText(tr(l, "kiosk.record_saved"))
		}
	}
	if cfg.Printer != "" && ui.opts.Printer != nil {
		box.Add(ui.button(tr(l, "kiosk.print"), widget.MediumImportance, func() { ui.print(ui.opts.Printer) }))
	}
	return box
}

// saveKioskRecord writes the PDF and the FHIR JSON, each encrypted for the
// clinic's age key, into the records folder.
func (ui *UI) saveKioskRecord() error {
	cfg := ui.kiosk.opts.Config
	recipient, err := records.ParseRecipient(cfg.AgeRecipient)
	if err != nil {
		return err
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
	base := in.Created.UTC().Format("20060102-150405") + "-" + in.ResponseID
	if _, err := records.SaveEncrypted(cfg.RecordsPath(), base+".pdf", pdf, recipient); err != nil {
		return err
	}
	if _, err := records.SaveEncrypted(cfg.RecordsPath(), base+".fhir.json", fhir, recipient); err != nil {
		return err
	}
	ui.kiosk.recordSaved = base
	return nil
}
