// Package uitext holds the words of the app itself (buttons, headings, the
// summary's labels), one catalogue for the screens and the summary, read
// from the per-language files in assets/text. The questionnaire's own
// wording comes from its definition.
package uitext

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"path"
	"strings"
	"sync"

	"ketascreen/assets"
	"ketascreen/questionnaire"
)

// Fallback is the language used for a word a language lacks.
const Fallback = "en"

var catalogue = sync.OnceValue(func() map[string]map[string]string {
	out, err := read(assets.Text)
	if err != nil {
		log.Printf("uitext: %v", err) // the tests make sure this never happens
	}
	return out
})

// read loads every text/*.json file of fsys, keyed by language.
func read(fsys fs.FS) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	names, err := fs.Glob(fsys, "text/*.json")
	if err != nil {
		return out, err
	}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return out, err
		}
		words := map[string]string{}
		if err := json.Unmarshal(data, &words); err != nil {
			line := 1
			var syn *json.SyntaxError
			if errors.As(err, &syn) {
				line += bytes.Count(data[:min(int(syn.Offset), len(data))], []byte("\n"))
			}
			return out, fmt.Errorf("assets/%s:%d: %v", name, line, err)
		}
		out[strings.TrimSuffix(path.Base(name), ".json")] = words
	}
	return out, nil
}

// Get returns the words for key in lang, else in English, else the key.
func Get(lang, key string) string {
	if s, ok := catalogue()[lang][key]; ok {
		return s
	}
	if s, ok := catalogue()[Fallback][key]; ok {
		return s
	}
	return key
}

// Getf formats the words for key in lang with args.
func Getf(lang, key string, args ...any) string { return fmt.Sprintf(Get(lang, key), args...) }

// Answers are the words descriptions of answers need, in lang.
func Answers(lang string) questionnaire.Words {
	return questionnaire.Words{
		Entry: Get(lang, "meds.entry"), Count: Get(lang, "result.count"),
		Positive: Get(lang, "result.positive"), Negative: Get(lang, "result.negative"),
		NotAnswered: Get(lang, "review.unanswered"), NotCompleted: Get(lang, "result.not_completed"),
		Changed: Get(lang, "result.changed"),
	}
}
