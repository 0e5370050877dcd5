package questionnaire

import "testing"

// TestEqualsAndNotEqualsAreNegations: for every pair of answered values
// (numbers, codes, an empty code, a multiple choice), != holds exactly when
// = does not.
func TestEqualsAndNotEqualsAreNegations(t *testing.T) {
	values := []value{
		{n: 3, isNum: true, code: "3"}, {n: 3, isNum: true}, {n: 2, isNum: true, code: "2"},
		{code: "yes"}, {code: "no"}, {}, {codes: []string{"none"}}, {b: true},
	}
	for _, l := range values {
		for _, r := range values {
			if eq, ne := compareValues("=", l, r), compareValues("!=", l, r); eq == ne {
				t.Errorf("%+v and %+v: = %v, != %v", l, r, eq, ne)
			}
		}
	}
	if !compareValues("=", values[0], values[1]) {
		t.Error("3 from an answer and 3 from a score are not equal")
	}
	if !compareValues(">=", values[0], values[2]) || compareValues("<", values[0], values[2]) || compareValues(">", values[3], values[4]) {
		t.Error("ordering is wrong, or applies to codes")
	}
}
