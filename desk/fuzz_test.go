package desk

import (
	"testing"
	"time"

	"ketascreen/internal/testrecords"
	"ketascreen/summary"
)

// FuzzReadRecord: whatever a record decrypts to (anyone with the clinic's
// public key can encrypt a file for the desk), reading it never panics;
// it is read, or listed with its problem.
func FuzzReadRecord(f *testing.F) {
	k := testrecords.New(f)
	in := k.Save(k.Example("crisis"), "a", time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC), nil)
	good, err := summary.FHIR(in)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"QuestionnaireResponse","item":[{"linkId":"phq9_9","answer":[{"valueCoding":{"code":"x"}}]}]}}]}`))
	f.Add([]byte(`[]`))
	folder := folderOf(k, nil)
	f.Fuzz(func(t *testing.T, plain []byte) {
		r := &Record{ID: in.ResponseID, Code: in.ClaimCode}
		err := r.readBundle(plain)
		if err == nil {
			if s, err := folder.session(plain); err == nil && s.Result() == nil {
				t.Fatal("a session without a result")
			}
		}
	})
}
