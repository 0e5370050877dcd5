// Package testanswers holds the answers the tests of every package start
// from: calm-adult.json, an adult whose answers, written from the
// specification, raise nothing. Each test changes only what it needs. Only
// tests import it.
package testanswers

import (
	_ "embed"
	"encoding/json"
)

// CalmAdultFile is calm-adult.json as an answers file ({"answers": …}).
//
//go:embed calm-adult.json
var CalmAdultFile []byte

// CalmAdult returns a fresh copy of the calm adult's answers: an answer
// code as a string, the codes of a multiple choice as a []string.
func CalmAdult() map[string]any {
	var file struct {
		Answers map[string]json.RawMessage `json:"answers"`
	}
	if err := json.Unmarshal(CalmAdultFile, &file); err != nil {
		panic("testanswers: calm-adult.json: " + err.Error())
	}
	out := map[string]any{}
	for id, raw := range file.Answers {
		var code string
		if json.Unmarshal(raw, &code) == nil {
			out[id] = code
			continue
		}
		var codes []string
		if err := json.Unmarshal(raw, &codes); err != nil {
			panic("testanswers: calm-adult.json: " + id + ": " + err.Error())
		}
		out[id] = codes
	}
	return out
}
