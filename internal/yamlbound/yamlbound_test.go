package yamlbound

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestDepthCountsEveryNestedCollection(t *testing.T) {
	cases := []struct {
		src   string
		depth int // the least limit it passes
	}{
		{"a: 1\nb: 2\n", 1},
		{"languages: [en, es]\n", 2},
		{"crisis_lines:\n  - number: \"1\"\n    text: x\n  - number: \"2\"\n    text: y\nname: z\n", 3},
		{"a:\n  b:\n    c: [1, {d: [2]}]\n", 6},
		{"- - - - x\n", 4},
	}
	for _, c := range cases {
		if err := Check([]byte(c.src), Limits{Depth: c.depth}); err != nil {
			t.Errorf("%q at depth %d: %v", c.src, c.depth, err)
		}
		if err := Check([]byte(c.src), Limits{Depth: c.depth - 1}); err == nil {
			t.Errorf("%q passed at depth %d", c.src, c.depth-1)
		}
	}
}

func TestDeepFilesAreRefusedWhereTheyGoTooDeep(t *testing.T) {
	flow := "crisis_lines: " + strings.Repeat("[", 100000) + strings.Repeat("]", 100000) + "\n"
	var e *Error
	if err := Check([]byte(flow), Limits{Depth: 8}); !errors.As(err, &e) || e.Line != 1 || e.Column != 22 || !strings.Contains(e.Msg, "more than 8 levels") {
		t.Errorf("100,000 brackets: %v", err)
	}
	var block strings.Builder
	block.WriteString("crisis_lines:\n")
	for i := range 20 {
		block.WriteString(strings.Repeat(" ", 2*i+2) + "-\n")
	}
	if err := Check([]byte(block.String()), Limits{Depth: 8}); !errors.As(err, &e) || e.Line != 9 {
		t.Errorf("20 nested lists: %v", err)
	}
}

func TestAliasesAreRefusedOrCounted(t *testing.T) {
	bomb := "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	var e *Error
	if err := Check([]byte(bomb), Limits{Depth: 8}); !errors.As(err, &e) || e.Line != 1 || !strings.Contains(e.Msg, "not allowed") {
		t.Errorf("an alias bomb with aliases off: %v", err)
	}
	if err := Check([]byte(bomb), Limits{Depth: 8, Aliases: 10}); !errors.As(err, &e) || e.Line != 3 || !strings.Contains(e.Msg, "more than 10 aliases") {
		t.Errorf("an alias bomb with 10 allowed: %v", err)
	}
}

// The built-in definition (which uses a few anchors) is well within the
// limits the loader gives it.
func TestTheDefinitionIsWithinItsLimits(t *testing.T) {
	src, err := os.ReadFile("../../assets/questionnaire.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := Check(src, Limits{Depth: 12, Aliases: 100}); err != nil {
		t.Error(err)
	}
}

func FuzzCheck(f *testing.F) {
	f.Add("a: [1, {b: *c}]\n- - x\n")
	f.Add("crisis_lines:\n  - number: 1\n    text: &t x\n")
	f.Fuzz(func(t *testing.T, src string) {
		Check([]byte(src), Limits{Depth: 8, Aliases: 3})
	})
}
