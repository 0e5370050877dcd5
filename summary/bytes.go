package summary

import (
	"bytes"
	"encoding/json"
)

// PDF is the provider summary of a screening as the bytes of a PDF file.
func PDF(in Input) ([]byte, error) {
	var buf bytes.Buffer
	if err := WritePDF(&buf, in); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// FHIR is the screening's QuestionnaireResponse as indented JSON, ending
// in a newline.
func FHIR(in Input) ([]byte, error) {
	data, err := json.MarshalIndent(Response(in), "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}
