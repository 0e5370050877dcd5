package questionnaire

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"go/format"
	"os"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"ketascreen/assets"
)

// generatedFile is where go generate writes the embedded definition as Go.
const generatedFile = "default_gen.go"

// TestGeneratedDefaultIsCurrent writes the embedded definition, as loaded
// from its YAML, as Go code and compares it with default_gen.go. go generate
// (KETASCREEN_WRITE_GENERATED=1) writes the file instead of failing.
func TestGeneratedDefaultIsCurrent(t *testing.T) {
	def, err := Load(assets.QuestionnaireName, assets.Questionnaire)
	if err != nil {
		t.Fatal(err)
	}
	src, err := generateDefinitionCode(def, sha256.Sum256(assets.Questionnaire))
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("KETASCREEN_WRITE_GENERATED") == "1" {
		if err := os.WriteFile(generatedFile, src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	have, err := os.ReadFile(generatedFile)
	if err != nil || !bytes.Equal(have, src) {
		t.Fatalf("%s is not the Go form of %s (%v): run go generate ./questionnaire", generatedFile, assets.QuestionnaireName, err)
	}
}

// TestGeneratedDefaultEqualsTheYAML loads the definition both ways and
// compares them object by object, including which pointers are shared: the
// rules compare outcomes by pointer, items point back to their section.
func TestGeneratedDefaultEqualsTheYAML(t *testing.T) {
	parsed, err := Load(assets.QuestionnaireName, assets.Questionnaire)
	if err != nil {
		t.Fatal(err)
	}
	if sha256.Sum256(assets.Questionnaire) != generatedSum {
		t.Fatalf("%s was generated from another %s: run go generate ./questionnaire", generatedFile, assets.QuestionnaireName)
	}
	gen := generatedDefinition()
	if err := sameGraph(reflect.ValueOf(parsed), reflect.ValueOf(gen), map[typedPointer]uintptr{}, map[typedPointer]uintptr{}, "Definition"); err != nil {
		t.Fatal(err)
	}
	def, err := Default()
	if err != nil || def == parsed {
		t.Fatalf("Default: %v", err)
	}
	if again := generatedDefinition(); again == gen || again.Items[0] == gen.Items[0] {
		t.Error("two calls share one definition: a caller that changes one would change the other")
	}
}

// TestDefaultFallsBackToTheYAMLWhenTheCodeIsStale: a build whose YAML was
// edited without go generate still gets the YAML's definition.
func TestDefaultFallsBackToTheYAMLWhenTheCodeIsStale(t *testing.T) {
	edited := bytes.Replace(assets.Questionnaire, []byte("version:"), []byte("# edited\nversion:"), 1)
	def, err := defaultFrom(edited)
	if err != nil || def == nil {
		t.Fatalf("edited YAML: %v", err)
	}
	if generatedUsed(edited) || !generatedUsed(assets.Questionnaire) {
		t.Error("the generated definition must serve exactly the YAML it was made from")
	}
}

// typedPointer is a pointer with its type: a struct and its first field
// share an address.
type typedPointer struct {
	t reflect.Type
	p uintptr
}

// sameGraph reports the first difference between two values, following
// pointers with a one-to-one map between the two graphs' pointers.
func sameGraph(a, b reflect.Value, ab, ba map[typedPointer]uintptr, path string) error {
	if a.Kind() != b.Kind() || a.Type() != b.Type() {
		return fmt.Errorf("%s: %s against %s", path, a.Type(), b.Type())
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				return fmt.Errorf("%s: nil in one only", path)
			}
			return nil
		}
		pa, pb := typedPointer{a.Type(), a.Pointer()}, typedPointer{b.Type(), b.Pointer()}
		if seen, ok := ab[pa]; ok {
			if seen != pb.p {
				return fmt.Errorf("%s: a shared pointer is not shared the same way", path)
			}
			return nil
		}
		if _, ok := ba[pb]; ok {
			return fmt.Errorf("%s: a pointer shared in the generated definition only", path)
		}
		ab[pa], ba[pb] = pb.p, pa.p
		return sameGraph(a.Elem(), b.Elem(), ab, ba, path)
	case reflect.Struct:
		for i := range a.NumField() {
			if err := sameGraph(a.Field(i), b.Field(i), ab, ba, path+"."+a.Type().Field(i).Name); err != nil {
				return err
			}
		}
		return nil
	case reflect.Slice:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return fmt.Errorf("%s: %d elements (nil %v) against %d (nil %v)", path, a.Len(), a.IsNil(), b.Len(), b.IsNil())
		}
		for i := range a.Len() {
			if err := sameGraph(a.Index(i), b.Index(i), ab, ba, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
		return nil
	case reflect.Map:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			return fmt.Errorf("%s: %d keys (nil %v) against %d (nil %v)", path, a.Len(), a.IsNil(), b.Len(), b.IsNil())
		}
		for _, k := range a.MapKeys() {
			bv := b.MapIndex(k)
			if !bv.IsValid() {
				return fmt.Errorf("%s: key %v missing", path, k)
			}
			if err := sameGraph(a.MapIndex(k), bv, ab, ba, fmt.Sprintf("%s[%v]", path, k)); err != nil {
				return err
			}
		}
		return nil
	case reflect.String:
		if a.String() != b.String() {
			return fmt.Errorf("%s: %q against %q", path, a.String(), b.String())
		}
	case reflect.Bool:
		if a.Bool() != b.Bool() {
			return fmt.Errorf("%s: %v against %v", path, a.Bool(), b.Bool())
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if a.Int() != b.Int() {
			return fmt.Errorf("%s: %d against %d", path, a.Int(), b.Int())
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if a.Uint() != b.Uint() {
			return fmt.Errorf("%s: %d against %d", path, a.Uint(), b.Uint())
		}
	case reflect.Float32, reflect.Float64:
		if a.Float() != b.Float() {
			return fmt.Errorf("%s: %v against %v", path, a.Float(), b.Float())
		}
	default:
		return fmt.Errorf("%s: cannot compare a %s", path, a.Kind())
	}
	return nil
}

// codeWriter turns a definition into Go: every struct reached through a
// pointer gets a place in an arena, one slice per type, so that shared
// pointers stay shared and cycles (an item and its section) need no order.
type codeWriter struct {
	index map[typedPointer]int             // pointer → its place in the arena of its type
	queue map[reflect.Type][]reflect.Value // the structs of each type, in order
	types []reflect.Type
	err   error
}

func generateDefinitionCode(def *Definition, sum [32]byte) ([]byte, error) {
	w := &codeWriter{index: map[typedPointer]int{}, queue: map[reflect.Type][]reflect.Value{}}
	root := w.ref(reflect.ValueOf(def))
	// Every struct is written as an assignment to its place; the assignments
	// are split into functions of a few hundred so the compiler stays quick.
	// Writing one object can reach new ones of a type already written, so
	// go round until every queued object has its assignment.
	var stmts []string
	written := map[reflect.Type]int{}
	for more := true; more; {
		more = false
		for i := 0; i < len(w.types); i++ {
			t := w.types[i]
			for j := written[t]; j < len(w.queue[t]); j++ {
				stmts = append(stmts, fmt.Sprintf("a.%s[%d] = %s", arenaField(t), j, w.value(w.queue[t][j])))
				written[t], more = j+1, true
			}
		}
	}
	if w.err != nil {
		return nil, w.err
	}
	var b strings.Builder
	b.WriteString("// Code generated by TestGeneratedDefaultIsCurrent (go generate ./questionnaire); DO NOT EDIT.\n\n")
	b.WriteString("package questionnaire\n\n")
	fmt.Fprintf(&b, "// generatedSum is the SHA-256 of the YAML this file was made from.\nvar generatedSum = [32]byte{%s}\n\n", byteList(sum[:]))
	types := slices.Clone(w.types)
	sort.Slice(types, func(i, j int) bool { return arenaField(types[i]) < arenaField(types[j]) })
	b.WriteString("// generatedArena holds every object of the generated definition.\ntype generatedArena struct {\n")
	for _, t := range types {
		fmt.Fprintf(&b, "\t%s []%s\n", arenaField(t), t.Name())
	}
	b.WriteString("}\n\n")
	b.WriteString("// generatedDefinition builds a new copy of the embedded definition.\nfunc generatedDefinition() *Definition {\n\ta := &generatedArena{\n")
	for _, t := range types {
		fmt.Fprintf(&b, "\t\t%s: make([]%s, %d),\n", arenaField(t), t.Name(), len(w.queue[t]))
	}
	b.WriteString("\t}\n")
	const chunk = 300
	for i := 0; i < len(stmts); i += chunk {
		fmt.Fprintf(&b, "\ta.fill%d()\n", i/chunk)
	}
	fmt.Fprintf(&b, "\treturn %s\n}\n", root)
	for i := 0; i < len(stmts); i += chunk {
		fmt.Fprintf(&b, "\nfunc (a *generatedArena) fill%d() {\n", i/chunk)
		for _, s := range stmts[i:min(i+chunk, len(stmts))] {
			b.WriteString("\t" + s + "\n")
		}
		b.WriteString("}\n")
	}
	return format.Source([]byte(b.String()))
}

func byteList(p []byte) string {
	parts := make([]string, len(p))
	for i, c := range p {
		parts[i] = strconv.Itoa(int(c))
	}
	return strings.Join(parts, ", ")
}

func arenaField(t reflect.Type) string { return "t" + t.Name() }

// ref gives a pointer to a struct its place in the arena and returns the
// expression that points at it.
func (w *codeWriter) ref(p reflect.Value) string {
	t := p.Type().Elem()
	if t.Kind() != reflect.Struct || t.PkgPath() != reflect.TypeOf(Definition{}).PkgPath() {
		w.fail("a pointer to %s", t)
		return "nil"
	}
	key := typedPointer{p.Type(), p.Pointer()}
	i, ok := w.index[key]
	if !ok {
		if _, known := w.queue[t]; !known {
			w.types = append(w.types, t)
		}
		i = len(w.queue[t])
		w.index[key] = i
		w.queue[t] = append(w.queue[t], p.Elem())
	}
	return fmt.Sprintf("&a.%s[%d]", arenaField(t), i)
}

func (w *codeWriter) fail(format string, args ...any) {
	if w.err == nil {
		w.err = fmt.Errorf("generating the definition's code: cannot write "+format, args...)
	}
}

// typeName is how the generated file names t.
func (w *codeWriter) typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Pointer:
		return "*" + w.typeName(t.Elem())
	case reflect.Slice:
		if t.Name() == "" {
			return "[]" + w.typeName(t.Elem())
		}
	case reflect.Map:
		if t.Name() == "" {
			return "map[" + w.typeName(t.Key()) + "]" + w.typeName(t.Elem())
		}
	}
	if t.PkgPath() != "" && t.PkgPath() != reflect.TypeOf(Definition{}).PkgPath() {
		w.fail("a value of %s from another package", t)
	}
	return t.Name()
}

// value writes v as a Go expression.
func (w *codeWriter) value(v reflect.Value) string {
	t := v.Type()
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return "nil"
		}
		if t.Elem().Kind() != reflect.Struct {
			// A pointer to a number or flag: never shared, a fresh copy.
			return fmt.Sprintf("ptrTo[%s](%s)", w.typeName(t.Elem()), w.value(v.Elem()))
		}
		return w.ref(v)
	case reflect.Struct:
		var fields []string
		for i := range v.NumField() {
			f := v.Field(i)
			if f.IsZero() {
				continue
			}
			fields = append(fields, t.Field(i).Name+": "+w.value(f))
		}
		return w.typeName(t) + "{" + strings.Join(fields, ", ") + "}"
	case reflect.Slice:
		if v.IsNil() {
			return "nil"
		}
		parts := make([]string, v.Len())
		for i := range v.Len() {
			parts[i] = w.value(v.Index(i))
		}
		return w.typeName(t) + "{" + strings.Join(parts, ", ") + "}"
	case reflect.Map:
		if v.IsNil() {
			return "nil"
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		parts := make([]string, len(keys))
		for i, k := range keys {
			if k.Kind() != reflect.String {
				w.fail("a map keyed by %s", k.Type())
			}
			parts[i] = w.value(k) + ": " + w.value(v.MapIndex(k))
		}
		return w.typeName(t) + "{" + strings.Join(parts, ", ") + "}"
	case reflect.String:
		return w.basic(t, strconv.Quote(v.String()))
	case reflect.Bool:
		return w.basic(t, strconv.FormatBool(v.Bool()))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return w.basic(t, strconv.FormatInt(v.Int(), 10))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return w.basic(t, strconv.FormatUint(v.Uint(), 10))
	case reflect.Float32, reflect.Float64:
		return w.basic(t, strconv.FormatFloat(v.Float(), 'g', -1, 64))
	}
	w.fail("a %s (%s)", v.Kind(), t)
	return "nil"
}

// basic writes a constant, converted when its type has a name of its own.
func (w *codeWriter) basic(t reflect.Type, lit string) string {
	if t.PkgPath() == "" {
		return lit
	}
	return w.typeName(t) + "(" + lit + ")"
}
