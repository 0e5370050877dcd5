//go:build linux

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"ketascreen/questionnaire"
)

const webDir = "bench/web-kiosk"

// browserProgram prepares the PHQ-9 as a SurveyJS page and returns Chromium
// in kiosk mode showing it, or why it cannot.
func (b *bench) browserProgram() (*program, error) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		return nil, errors.New("chromium is not installed (make bench installs Debian's chromium package when it can)")
	}
	lib := filepath.Join(webDir, "node_modules", "survey-js-ui", "survey-js-ui.min.js")
	if _, err := os.Stat(lib); err != nil {
		return nil, fmt.Errorf("SurveyJS is not installed in %s (make bench runs npm ci there): %v", webDir, err)
	}
	if err := writePHQ9(filepath.Join(webDir, "phq9.js")); err != nil {
		return nil, err
	}
	page, err := filepath.Abs(filepath.Join(webDir, "index.html"))
	if err != nil {
		return nil, err
	}
	version, err := exec.Command(chromium, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("chromium --version: %v", err)
	}
	n := 0
	return &program{
		name:  "Chromium + SurveyJS",
		title: "PHQ-9",
		argv: []string{chromium, "--kiosk", "--no-sandbox", "--disable-gpu", "--no-first-run",
			"--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--password-store=basic", "file://" + page},
		// A fresh profile for every start, as a kiosk that keeps nothing.
		fresh: func() []string {
			n++
			return []string{"--user-data-dir=" + filepath.Join(b.dir, fmt.Sprintf("chromium-%d", n))}
		},
		version: strings.TrimSpace(string(version)),
	}, nil
}

// writePHQ9 writes the PHQ-9 of KetaScreen's own definition as a SurveyJS
// model, so that both show the same wording and answers.
func writePHQ9(file string) error {
	def, err := questionnaire.Default()
	if err != nil {
		return err
	}
	type choice struct {
		Value string `json:"value"`
		Text  string `json:"text"`
	}
	type question struct {
		Type       string   `json:"type"`
		Name       string   `json:"name"`
		Title      string   `json:"title"`
		IsRequired bool     `json:"isRequired"`
		Choices    []choice `json:"choices"`
	}
	var (
		title, stem string
		questions   []question
	)
	for _, it := range def.Items {
		if it.Instrument == nil || it.Instrument.ID != "phq9" {
			continue
		}
		title, stem = it.Instrument.Name.In("en"), it.Instrument.Stem.In("en")
		q := question{Type: "radiogroup", Name: it.ID, Title: it.Text.In("en"), IsRequired: true}
		for _, o := range it.Options {
			q.Choices = append(q.Choices, choice{o.Code, o.Text.In("en")})
		}
		questions = append(questions, q)
	}
	if len(questions) == 0 {
		return errors.New("the default definition has no PHQ-9 items")
	}
	model := map[string]any{
		"title": title,
		"pages": []any{map[string]any{"name": "phq9", "description": stem, "elements": questions}},
	}
	data, err := json.MarshalIndent(model, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(append([]byte("var phq9 = "), data...), ";\n"...), 0o644)
}

// surveyJSVersion is the pinned SurveyJS version of the page.
func surveyJSVersion() string {
	data, err := os.ReadFile(filepath.Join(webDir, "package.json"))
	if err != nil {
		return "?"
	}
	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	if json.Unmarshal(data, &pkg) != nil {
		return "?"
	}
	return pkg.Dependencies["survey-core"]
}
