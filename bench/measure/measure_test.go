//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseGoBenchGroupsCountsByPackage(t *testing.T) {
	out := []byte(`goos: linux
pkg: ketascreen/screens
BenchmarkAnswerAndRender-2   	      12	  90706258 ns/op	13607032 B/op	    4738 allocs/op
BenchmarkAnswerAndRender-2   	      12	  80000000 ns/op	13607000 B/op	    4737 allocs/op
PASS
pkg: ketascreen/summary
BenchmarkWritePDF-2   	     100	   8700000 ns/op	 4500000 B/op	   30000 allocs/op
`)
	got, err := parseGoBench(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].pkg != "screens" || got[0].name != "AnswerAndRender" || len(got[0].ns) != 2 ||
		got[1].pkg != "summary" || got[1].name != "WritePDF" || got[1].allocs[0] != 30000 {
		t.Fatalf("parsed %+v %+v", got[0], got[1])
	}
	if s := stats(got[0].ns); s.med != 85353129 || s.lo != 80000000 || s.hi != 90706258 {
		t.Errorf("stats %+v", s)
	}
	if _, err := parseGoBench([]byte("FAIL\n")); err == nil {
		t.Error("output without benchmarks was accepted")
	}
}

func TestWriteReportKeepsTheWrittenTextAroundTheTable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "benchmarks.md")
	before := "# Benchmarks\n\nWhy the numbers are what they are.\n\n"
	after := "\n## Profiles\n\nBefore and after.\n"
	if err := os.WriteFile(file, []byte(before+beginMark+"\nold table\n"+endMark+after), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeReport(file, "new table\n"); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(file)
	if want := before + beginMark + "\nnew table\n" + endMark + after; string(data) != want {
		t.Errorf("wrote:\n%s\nwant:\n%s", data, want)
	}

	plain := filepath.Join(t.TempDir(), "notes.md")
	if err := os.WriteFile(plain, []byte("hand-written notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := writeReport(plain, "table"); err == nil || !strings.Contains(err.Error(), "notes.md") {
		t.Errorf("a file without marks: %v", err)
	}
	if data, _ := os.ReadFile(plain); string(data) != "hand-written notes\n" {
		t.Errorf("the file without marks was changed to %q", data)
	}
}

func TestSessionMixEndsEveryKindAndStartsWithAFullScreening(t *testing.T) {
	kinds := map[string]int{}
	for i := range 200 {
		kinds[sessionKind(i)]++
	}
	if sessionKind(0) != "full" || kinds["full"] != 20 || kinds["help"] != 100 || kinds["under18"] != 80 {
		t.Errorf("session mix %v", kinds)
	}
}
