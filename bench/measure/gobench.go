//go:build linux

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// goBench is one testing.B benchmark over several counts.
type goBench struct {
	pkg, name         string
	ns, bytes, allocs []float64
}

var benchPackages = []string{"./screens", "./questionnaire", "./summary"}

// goBenchmarks runs the Go benchmarks count times each and collects them.
func goBenchmarks(count int) ([]*goBench, error) {
	args := append([]string{"test", "-tags", "ci", "-run", "^$", "-bench", ".", "-benchmem", "-count", strconv.Itoa(count)}, benchPackages...)
	cmd := exec.Command("go", args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return parseGoBench(out)
}

// parseGoBench reads `go test -bench -benchmem` output: "pkg:" lines name the
// package of the benchmark lines after them.
func parseGoBench(out []byte) ([]*goBench, error) {
	var (
		pkg   string
		order []*goBench
		seen  = map[string]*goBench{}
	)
	lines := bufio.NewScanner(bytes.NewReader(out))
	for lines.Scan() {
		f := strings.Fields(lines.Text())
		if len(f) == 2 && f[0] == "pkg:" {
			pkg = filepath.Base(f[1])
			continue
		}
		if len(f) < 8 || !strings.HasPrefix(f[0], "Benchmark") || f[3] != "ns/op" || f[5] != "B/op" || f[7] != "allocs/op" {
			continue
		}
		name := strings.TrimPrefix(f[0], "Benchmark")
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			name = name[:i] // the GOMAXPROCS suffix
		}
		var v [3]float64
		for i, s := range []string{f[2], f[4], f[6]} {
			n, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return nil, fmt.Errorf("benchmark line %q: %v", lines.Text(), err)
			}
			v[i] = n
		}
		key := pkg + "." + name
		b := seen[key]
		if b == nil {
			b = &goBench{pkg: pkg, name: name}
			seen[key] = b
			order = append(order, b)
		}
		b.ns, b.bytes, b.allocs = append(b.ns, v[0]), append(b.bytes, v[1]), append(b.allocs, v[2])
	}
	if len(order) == 0 {
		return nil, fmt.Errorf("no benchmark results in:\n%s", out)
	}
	return order, nil
}

// distSize is the size of one file of make dist.
type distSize struct {
	name  string
	bytes int64
}

// distSizes lists the packages in dist/ and the stripped Linux binary in the
// tarball; missing says why there are none.
func distSizes() (sizes []distSize, missing string) {
	files, _ := filepath.Glob("dist/*")
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil || !st.Mode().IsRegular() || strings.HasPrefix(filepath.Base(f), ".") {
			continue
		}
		if strings.HasSuffix(f, "-linux-amd64.tar.xz") {
			bin, err := exec.Command("tar", "-xJf", f, "-O", "ketascreen/usr/local/bin/ketascreen").Output()
			if err == nil {
				sizes = append(sizes, distSize{"Linux binary, stripped (in the tarball)", int64(len(bin))})
			}
		}
		sizes = append(sizes, distSize{filepath.Base(f), st.Size()})
	}
	if len(sizes) == 0 {
		return nil, "dist/ is empty: run make dist first (make bench does)"
	}
	return sizes, ""
}
