package headless

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"ketascreen/records"
)

func TestScoreWritesThePDFAndFHIRAndReadsFHIRBack(t *testing.T) {
	dir := t.TempDir()
	pdf, fhir := filepath.Join(dir, "s.pdf"), filepath.Join(dir, "s.json")
	code, first, errOut := score(t, "--pdf", pdf, "--fhir", fhir, filepath.Join("testdata", "trd-severe.json"))
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if data, _ := os.ReadFile(pdf); !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Error("no PDF written")
	}
	code, second, errOut := score(t, fhir)
	if code != ExitOK {
		t.Fatalf("scoring the QuestionnaireResponse: exit %d: %s", code, errOut)
	}
	var a, b ResultReport
	json.Unmarshal([]byte(first), &a)
	json.Unmarshal([]byte(second), &b)
	if a.Outcome != b.Outcome || a.Pathway != b.Pathway || strings.Join(a.Flags, ",") != strings.Join(b.Flags, ",") {
		t.Errorf("from answers: %s %s %v; from its FHIR: %s %s %v", a.Outcome, a.Pathway, a.Flags, b.Outcome, b.Pathway, b.Flags)
	}
	// A key given twice in the FHIR is refused too, before it is decoded.
	data, _ := os.ReadFile(fhir)
	twice := filepath.Join(dir, "twice.json")
	os.WriteFile(twice, []byte(strings.Replace(string(data), "{", `{"id": "a", "id": "b", `, 1)), 0o600)
	if code, _, errOut := score(t, twice); code != ExitInput || !strings.Contains(errOut, "twice.json:1:") || !strings.Contains(errOut, `the key "id" is given twice`) {
		t.Errorf("a FHIR file with a key given twice: exit %d %s", code, errOut)
	}
	code, _, errOut = score(t, "--pdf", filepath.Join(dir, "missing", "s.pdf"), filepath.Join("testdata", "trd-severe.json"))
	if code != ExitInput || !strings.Contains(errOut, "does not exist") {
		t.Errorf("an unwritable PDF path: exit %d %s", code, errOut)
	}
}

func TestExportFHIRQuestionnaire(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := ExportFHIRQuestionnaire(nil, &out, &errOut); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var q map[string]any
	if err := json.Unmarshal(out.Bytes(), &q); err != nil || q["resourceType"] != "Questionnaire" {
		t.Fatalf("%v %.80q", err, out.String())
	}
	if !strings.Contains(out.String(), `"linkId": "phq9_9"`) || !strings.Contains(out.String(), `"linkId": "med_weeks"`) {
		t.Error("items missing from the Questionnaire")
	}
}

func TestDecryptOpensAKioskRecord(t *testing.T) {
	staff, _ := age.GenerateX25519Identity()
	dir := t.TempDir()
	path, err := records.SaveEncrypted(dir, "r.pdf", []byte("%PDF-1.3 hello"), staff.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(dir, "key.txt")
	os.WriteFile(key, []byte("# clinic key\n"+staff.String()+"\n"), 0o600)
	var out, errOut bytes.Buffer
	if code := Decrypt([]string{"-i", key, path}, &out, &errOut); code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "r.pdf")); string(data) != "%PDF-1.3 hello" {
		t.Errorf("decrypted %q", data)
	}
	other, _ := age.GenerateX25519Identity()
	os.WriteFile(key, []byte(other.String()+"\n"), 0o600)
	if code := Decrypt([]string{"-i", key, "-o", filepath.Join(dir, "x"), path}, &out, &errOut); code != ExitInput {
		t.Error("another key decrypted the record")
	}
}
