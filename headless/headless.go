// Package headless runs KetaScreen's command-line commands: check, which
// validates a questionnaire definition and runs its examples, and score,
// which prints the result of an answers file as JSON.
package headless

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"ketascreen/assets"
	"ketascreen/internal/limitedfile"
	"ketascreen/questionnaire"
	"ketascreen/records"
	"ketascreen/summary"
)

// Exit codes of the commands.
const (
	ExitOK      = 0 // valid, examples pass, result printed
	ExitInvalid = 1 // check: the definition is invalid or an example fails
	ExitInput   = 2 // score: the answers file (or definition) cannot be used
)

// Check validates a definition (the embedded one when no file is named),
// runs its example cases and checks that they fire every rule and flag. It
// prints the problems and a one-line summary.
func Check(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ketascreen check [DEFINITION.yaml]")
		fmt.Fprintln(stderr, "Validates a questionnaire definition (the built-in one when none is given) and runs its examples.")
	}
	if err := fs.Parse(args); err != nil {
		return ExitInput
	}
	if fs.NArg() > 1 {
		fs.Usage()
		return ExitInput
	}
	def, err := questionnaire.Open(fs.Arg(0))
	if err != nil {
		fmt.Fprintln(stderr, err)
		var list questionnaire.ErrorList
		if errors.As(err, &list) {
			fmt.Fprintf(stdout, "%s: invalid, %d %s\n", nameOf(fs.Arg(0)), len(list), plural(len(list), "problem", "problems"))
		} else {
			fmt.Fprintf(stdout, "%s: cannot be read\n", nameOf(fs.Arg(0)))
		}
		return ExitInvalid
	}
	warnUnprintable(fs.Arg(0), def.File, stderr)
	failures := def.RunExamples()
	for _, f := range failures {
		fmt.Fprintln(stderr, f.Error())
	}
	uncovered := Uncovered(def)
	for _, u := range uncovered {
		fmt.Fprintf(stderr, "%s: %s\n", def.File, u)
	}
	passed := len(def.Examples) - len(failures)
	status := "valid"
	if len(failures) > 0 || len(uncovered) > 0 {
		status = "FAILED"
	}
	fmt.Fprintf(stdout, "%s: %s, %d of %d examples pass, %d rules and %d flags", def.File, status, passed, len(def.Examples),
		len(def.OutcomeRule)+len(def.PathwayRule), len(def.Flags))
	if len(uncovered) > 0 {
		fmt.Fprintf(stdout, ", %d not covered by any example", len(uncovered))
	}
	fmt.Fprintln(stdout)
	if status != "valid" {
		return ExitInvalid
	}
	return ExitOK
}

// warnUnprintable warns of characters the summary PDF's font cannot draw
// (a language in a script it lacks): the screens still show them, but the
// PDF would not. A warning, not a failure.
func warnUnprintable(path, name string, stderr io.Writer) {
	src := assets.Questionnaire
	if path != "" {
		var err error
		if src, err = os.ReadFile(path); err != nil {
			return // Open read it a moment ago; it reported any problem
		}
	}
	for _, g := range summary.Unprintable(src) {
		fmt.Fprintf(stderr, "%s:%d: warning: the summary PDF cannot print %q (U+%04X): its font, DejaVu Sans, has no such character, so the PDF shows a box or a question mark there\n", name, g.Line, string(g.Rune), g.Rune)
	}
}

// Uncovered lists the rules and flags no example makes fire. Every rule must
// be tested by an example, so that a change to it shows in check.
func Uncovered(def *questionnaire.Definition) []string {
	fired := def.FiredRules()
	var out []string
	for _, r := range append(append([]*questionnaire.Rule{}, def.OutcomeRule...), def.PathwayRule...) {
		if !fired[r.ID] {
			out = append(out, fmt.Sprintf("rule %q is not fired by any example; add one", r.ID))
		}
	}
	for _, f := range def.Flags {
		if !fired["flag:"+f.ID] {
			out = append(out, fmt.Sprintf("flag %q is not raised by any example; add one", f.ID))
		}
	}
	return out
}

func nameOf(path string) string {
	if path == "" {
		return "built-in questionnaire"
	}
	return path
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Score reads an answers file (or standard input for "-") and prints its
// result as JSON. It refuses, with exit code 2 and a message naming the item,
// answers that are not JSON, name an unknown item or code, or leave a shown
// item unanswered when the flow did not end early.
func Score(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	fs.SetOutput(stderr)
	defPath := fs.String("definition", "", "questionnaire definition `FILE` (default: the built-in one)")
	lang := fs.String("lang", "en", "language of the reason texts")
	pdfPath := fs.String("pdf", "", "also write the provider summary PDF to `FILE`")
	pdfLang := fs.String("pdf-lang", "", "language of the PDF's pages for the provider (default: --lang); the person's answers stay in --lang beside them")
	fhirPath := fs.String("fhir", "", "also write the screening as a FHIR R4 Bundle (the QuestionnaireResponse, the scores, the outcome and flags) to `FILE`")
	transaction := fs.Bool("transaction", false, "write the --fhir Bundle as a transaction, to POST to a FHIR server (default: a collection)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: ketascreen score [--definition FILE] [--lang en] [--pdf OUT.pdf [--pdf-lang es]] [--fhir OUT.json [--transaction]] ANSWERS.json")
		fmt.Fprintln(stderr, "Prints the screening result of an answers file (or a FHIR QuestionnaireResponse, or the Bundle --fhir writes) as JSON. Use - to read standard input.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return ExitInput
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return ExitInput
	}
	def, err := questionnaire.Open(*defPath)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInput
	}
	if *pdfLang != "" && !slices.Contains(def.Languages, *pdfLang) {
		fmt.Fprintf(stderr, "--pdf-lang %q is not a language of the questionnaire (%s)\n", *pdfLang, strings.Join(def.Languages, ", "))
		return ExitInput
	}
	name, answers, err := readAnswers(def, fs.Arg(0), stdin)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInput
	}
	session := questionnaire.NewSessionWith(def, answers)
	session.SetLanguage(*lang)
	res := session.Result()
	if !res.Complete {
		for _, it := range res.Unanswered {
			fmt.Fprintf(stderr, "%s: item %q is shown but not answered%s\n", name, it.ID, missingDetail(session, it))
		}
		return ExitInput
	}
	out, err := json.MarshalIndent(Report(res, *lang), "", "  ")
	if err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInput
	}
	in := summary.Input{Session: session, Lang: *lang, RecordLang: *pdfLang, ResponseID: uuid.NewString(), Created: time.Now()}
	kind := summary.Collection
	if *transaction {
		kind = summary.Transaction
	}
	if err := writeSummaries(in, *pdfPath, *fhirPath, kind); err != nil {
		fmt.Fprintln(stderr, err)
		return ExitInput
	}
	fmt.Fprintln(stdout, string(out))
	return ExitOK
}

// readAnswers reads an answers file, a FHIR QuestionnaireResponse or the
// Bundle score --fhir writes, from the file named or standard input ("-"),
// and returns the name to give it in messages.
func readAnswers(def *questionnaire.Definition, name string, stdin io.Reader) (string, questionnaire.Answers, error) {
	var data []byte
	var err error
	if name == "-" {
		name = "standard input"
		data, err = io.ReadAll(io.LimitReader(stdin, questionnaire.MaxAnswersBytes+1))
		if err == nil && len(data) > questionnaire.MaxAnswersBytes {
			err = fmt.Errorf("more than %d bytes came; an answers file may be at most that", questionnaire.MaxAnswersBytes)
		}
	} else {
		data, err = limitedfile.Read(name, questionnaire.MaxAnswersBytes)
	}
	if err != nil {
		return name, nil, fmt.Errorf("reading the answers: %w", err)
	}
	if summary.IsFHIR(data) {
		if err := questionnaire.CheckJSONKeys(name, data); err != nil {
			return name, nil, err
		}
		if data, err = summary.AnswersFromResponse(def, data); err != nil {
			return name, nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	answers, err := questionnaire.ReadAnswers(name, data, def)
	return name, answers, err
}

// writeSummaries writes the PDF and FHIR files asked for, atomically.
func writeSummaries(in summary.Input, pdfPath, fhirPath, kind string) error {
	fhir := func(in summary.Input) ([]byte, error) { return summary.FHIRBundle(in, kind) }
	for _, out := range []struct {
		path string
		make func(summary.Input) ([]byte, error)
	}{{pdfPath, summary.PDF}, {fhirPath, fhir}} {
		if out.path == "" {
			continue
		}
		data, err := out.make(in)
		if err != nil {
			return err
		}
		if err := records.WriteFile(out.path, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func missingDetail(s *questionnaire.Session, it *questionnaire.Item) string {
	if it.Type != questionnaire.List {
		return ""
	}
	entries := s.Entries(it.ID)
	if len(entries) < it.MinEntries {
		return fmt.Sprintf(" (it needs at least %d %s)", it.MinEntries, plural(it.MinEntries, "entry", "entries"))
	}
	var parts []string
	for i := range entries {
		for _, id := range s.MissingFields(it.ID, i) {
			parts = append(parts, fmt.Sprintf("entry %d lacks %s", i+1, id))
		}
	}
	return " (" + strings.Join(parts, "; ") + ")"
}
