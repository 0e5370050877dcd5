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

// FHIR is the screening as a FHIR Bundle of type collection (ResultBundle),
// indented JSON ending in a newline.
func FHIR(in Input) ([]byte, error) { return FHIRBundle(in, Collection) }

// FHIRBundle is the screening as a FHIR Bundle of the kind given
// (Collection or Transaction), indented JSON ending in a newline.
func FHIRBundle(in Input, kind string) ([]byte, error) {
	data, err := json.MarshalIndent(ResultBundle(in, kind), "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}
