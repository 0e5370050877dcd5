package headless

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"ketascreen/questionnaire"
	"ketascreen/records"
	"ketascreen/summary"
)

// ExportFHIRQuestionnaire writes the SDC Questionnaire (FHIR R4) of a
// definition, to a file or standard output.
func ExportFHIRQuestionnaire(args []string, stdout, stderr io.Writer) int {
	return exportFHIR("export-fhir-questionnaire", args, stdout, stderr, func(def *questionnaire.Definition, lang string) any {
		return summary.QuestionnaireOf(def, lang)
	})
}

// ExportFHIRCodeSystem writes the definition's own code systems (the codes
// of everything without a LOINC code) as a FHIR Bundle of two CodeSystems.
func ExportFHIRCodeSystem(args []string, stdout, stderr io.Writer) int {
	return exportFHIR("export-fhir-codesystem", args, stdout, stderr, func(def *questionnaire.Definition, _ string) any {
		b := summary.Bundle{ResourceType: "Bundle", Type: summary.Collection}
		for _, cs := range summary.ProjectCodeSystems(def) {
			b.Entry = append(b.Entry, summary.BundleEntry{FullURL: cs.URL, Resource: cs})
		}
		return b
	})
}

func exportFHIR(name string, args []string, stdout, stderr io.Writer, build func(*questionnaire.Definition, string) any) int {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	defPath := fs.String("definition", "", "questionnaire definition `FILE` (default: the built-in one)")
	lang := fs.String("lang", "en", "language of the texts")
	out := fs.String("o", "", "write to `FILE` instead of standard output")
	if err := fs.Parse(args); err != nil || fs.NArg() > 0 {
		fmt.Fprintf(stderr, "usage: ketascreen %s [--definition FILE] [--lang en] [-o OUT.json]\n", name)
		return ExitInput
	}
	def, err := questionnaire.Open(*defPath)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInput
	}
	data, err := json.MarshalIndent(build(def, *lang), "", "  ")
	if err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInput
	}
	data = append(data, '\n')
	if *out == "" {
		stdout.Write(data)
		return ExitOK
	}
	if err := records.WriteFile(*out, data, 0o644); err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInput
	}
	return ExitOK
}

// Decrypt opens a kiosk record (.age) with the clinic's age identity file and
// writes the plain file; the standard age tool does the same.
func Decrypt(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("decrypt", flag.ContinueOnError)
	fs.SetOutput(stderr)
	identity := fs.String("i", "", "the clinic's age identity `FILE` (AGE-SECRET-KEY-…)")
	out := fs.String("o", "", "write to `FILE` (default: the record's name without .age)")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 || *identity == "" {
		fmt.Fprintln(stderr, "usage: ketascreen decrypt -i KEY.txt [-o OUT] RECORD.age")
		return ExitInput
	}
	in, err := os.Open(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInput
	}
	defer in.Close()
	idFile, err := os.Open(*identity)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInput
	}
	defer idFile.Close()
	data, err := records.Decrypt(in, idFile)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", fs.Arg(0), err)
		return ExitInput
	}
	path := *out
	if path == "" {
		path = fs.Arg(0)
		if len(path) > 4 && path[len(path)-4:] == ".age" {
			path = path[:len(path)-4]
		} else {
			path += ".decrypted"
		}
	}
	if err := records.WriteFile(path, data, 0o600); err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInput
	}
	fmt.Fprintf(stdout, "wrote %s\n", path)
	return ExitOK
}
