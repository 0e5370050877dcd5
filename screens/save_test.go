package screens

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"ketascreen/records"
)

type fakePrinter struct{ printed [][]byte }

func (p *fakePrinter) Available() bool { return true }

func (p *fakePrinter) Print(pdf []byte) error {
	p.printed = append(p.printed, pdf)
	return nil
}

func TestSavingTheSummaryOnADesktop(t *testing.T) {
	d := newDriver(t)
	printer := &fakePrinter{}
	d.ui.opts.Printer = printer
	reachDiscussResult(d)
	dir := t.TempDir()
	path := filepath.Join(dir, "summary.pdf")
	d.ui.writeSummaryFile(path, d.ui.summaryPDF)
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Fatalf("saved file: %v %.10q", err, data)
	}
	if !d.sees("Saved to " + path) {
		t.Errorf("no confirmation:\n%s", d.screenText())
	}
	d.tapDialog("OK")
	d.ui.writeSummaryFile(filepath.Join(dir, "no-such-folder", "summary.pdf"), d.ui.summaryPDF)
	if !d.sees("does not exist") || d.ui.nav.name != screenResult || d.ui.session.IsEmpty() {
		t.Errorf("a failed save: %s screen, message shown %v", d.ui.nav.name, d.sees("does not exist"))
	}
	d.tapDialog("OK")
	d.tap("Print")
	if len(printer.printed) != 1 || !bytes.HasPrefix(printer.printed[0], []byte("%PDF")) {
		t.Errorf("printed %d documents", len(printer.printed))
	}
}

func TestNoPrinterIsSaidOnTheButton(t *testing.T) {
	d := newDriver(t)
	reachDiscussResult(d)
	if !d.sees("No printer found") || d.hasButton("Print") {
		t.Errorf("without a printer:\n%s", d.screenText())
	}
}

// keepRecords gives the kiosk a staff key and a records folder, and
// returns the staff's identity.
func (k *kioskDriver) keepRecords(dir string) *age.X25519Identity {
	staff, err := age.GenerateX25519Identity()
	if err != nil {
		k.t.Fatal(err)
	}
	k.ui.kiosk.opts.Config.AgeRecipient = staff.Recipient().String()
	k.ui.kiosk.opts.Config.RecordsFolder = dir
	return staff
}

func TestKioskSavesAnEncryptedRecordForTheStaff(t *testing.T) {
	k := newKioskDriver(t)
	dir := t.TempDir()
	staff := k.keepRecords(dir)
	k.ui.kiosk.opts.Config.Name = "Sala 2"
	k.tap("Touch to start")
	reachDiscussResult(k.driver)
	if !k.sees("Your summary was saved securely for the clinic staff.") || !k.sees("Tell the front desk this code:") {
		t.Fatalf("result screen:\n%s", k.screenText())
	}
	code := k.ui.summary.claimCode
	if _, ok := records.NormalizeClaimCode(code); !ok || !k.sees(code) {
		t.Fatalf("claim code %q, on screen:\n%s", code, k.screenText())
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.age"))
	if len(files) != 2 {
		t.Fatalf("records: %v", files)
	}
	for _, f := range files {
		if n, ok := records.ParseRecordName(filepath.Base(f)); !ok || n.Code != code || n.Kiosk != "sala-2" {
			t.Errorf("record %s does not carry the kiosk and the code %s: %+v", filepath.Base(f), code, n)
		}
		sealed, _ := os.ReadFile(f)
		plain, err := records.Decrypt(bytes.NewReader(sealed), strings.NewReader(staff.String()))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(f, ".pdf.age") != bytes.HasPrefix(plain, []byte("%PDF")) {
			t.Errorf("%s holds %.20q", f, plain)
		}
		if strings.HasSuffix(f, ".fhir.json.age") && !bytes.Contains(plain, []byte(`"value": "`+code+`"`)) {
			t.Errorf("the FHIR record lacks the claim code %s", code)
		}
	}
	k.tab("Why") // showing the result again must not save it twice
	if files, _ := filepath.Glob(filepath.Join(dir, "*.age")); len(files) != 2 {
		t.Errorf("records after another look: %d", len(files))
	}
	if k.hasButton("Save summary (PDF)") {
		t.Error("a kiosk offers a file dialog")
	}
}

// TestKioskRecordIsInTheClinicsLanguage: a kiosk whose record_language is
// Spanish saves a Spanish record of a screening done in English, and the
// record says the person used English.
func TestKioskRecordIsInTheClinicsLanguage(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; make test installs it")
	}
	k := newKioskDriver(t)
	dir := t.TempDir()
	staff := k.keepRecords(dir)
	k.ui.kiosk.opts.Config.RecordLanguage = "es"
	k.tap("Touch to start")
	reachDiscussResult(k.driver)
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf.age"))
	if len(files) != 1 {
		t.Fatalf("records: %v", files)
	}
	sealed, _ := os.ReadFile(files[0])
	plain, err := records.Decrypt(bytes.NewReader(sealed), strings.NewReader(staff.String()))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "record.pdf")
	os.WriteFile(path, plain, 0o600)
	out, err := exec.Command("pdftotext", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"KetaScreen: resumen de la evaluación para el proveedor", "Idioma de la evaluación: English", "Tal como respondió (English)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the record lacks %q: %.400s", want, text)
		}
	}
	if !k.sees("It may be worth asking") {
		t.Errorf("the person's screen is not in English:\n%s", k.screenText())
	}
}

func TestKioskWithoutAKeySavesNothingAndSaysSo(t *testing.T) {
	k := newKioskDriver(t)
	k.tap("Touch to start")
	reachDiscussResult(k.driver)
	if !k.sees("This kiosk keeps no copy of your answers.") {
		t.Errorf("result screen:\n%s", k.screenText())
	}
}

func TestKioskRecordFailureIsSaidAndLosesNothing(t *testing.T) {
	k := newKioskDriver(t)
	k.keepRecords(filepath.Join(t.TempDir(), "removed"))
	k.tap("Touch to start")
	reachDiscussResult(k.driver)
	if !k.sees("could not be saved for the staff") || k.ui.nav.name != screenResult || !k.sees("It may be worth asking") {
		t.Errorf("after a failed save:\n%s", k.screenText())
	}
}
