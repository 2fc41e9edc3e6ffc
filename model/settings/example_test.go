package settings

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

func TestExampleParsesAsDefaults(t *testing.T) {
	got, problems := Parse("example.yaml", Example())
	if len(problems) > 0 {
		t.Fatalf("the example has problems: %v", problems)
	}
	if want := Defaults(); !reflect.DeepEqual(got, want) {
		t.Errorf("the example reads as\n%+v\nwant the defaults\n%+v", got, want)
	}
}

// TestExampleEntriesAreValid uncomments the example profile and alert
// override and checks that they read back as what was written.
func TestExampleEntriesAreValid(t *testing.T) {
	got, problems := Parse("example.yaml", example(true))
	if len(problems) > 0 {
		t.Fatalf("the example's entries have problems: %v", problems)
	}

	want := Defaults()
	want.Profiles[exampleProfileName] = exampleProfile()
	want.Alerts.Functions[exampleFunctionName] = exampleOverride()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the uncommented example reads as\n%+v\nwant\n%+v", got, want)
	}
}

// TestExampleCommentsOutOnlyTheEntries checks that the example file is
// the live one with a "# " put before each line of its entries, so that
// removing it gives valid settings.
func TestExampleCommentsOutOnlyTheEntries(t *testing.T) {
	commented := strings.Split(string(Example()), "\n")
	live := strings.Split(string(example(true)), "\n")
	if len(commented) != len(live) {
		t.Fatalf("%d lines, the live example %d", len(commented), len(live))
	}

	changed := 0
	for i := range live {
		if commented[i] == live[i] {
			continue
		}
		changed++
		if strings.Replace(commented[i], "# ", "", 1) != live[i] {
			t.Errorf("line %d is %q; want %q with \"# \" after its indentation",
				i+1, commented[i], live[i])
		}
	}
	if changed == 0 {
		t.Error("no line is commented out")
	}
}

func TestExampleShowsEveryField(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal(example(true), &doc); err != nil {
		t.Fatal(err)
	}

	docs := fieldDocs()
	paths := fieldPaths(reflect.TypeFor[File](), "")
	for _, path := range paths {
		if lookup(doc.Content[0], strings.Split(path, ".")) == nil {
			t.Errorf("%s is not in the example: give it a value or an example entry", path)
		}
		if _, ok := docs[path]; !ok {
			t.Errorf("%s has no note in fieldDocs", path)
		}
	}
	for path := range docs {
		if !slices.Contains(paths, path) {
			t.Errorf("fieldDocs has a note for %s, which is no field", path)
		}
	}
}

func TestExampleShowsEveryKeyAction(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal(Example(), &doc); err != nil {
		t.Fatal(err)
	}
	keys := lookup(doc.Content[0], []string{"keys"})
	if keys == nil {
		t.Fatal("the example has no keys")
	}

	var names []string
	for i := 0; i+1 < len(keys.Content); i += 2 {
		names = append(names, keys.Content[i].Value)
	}
	actions := DefaultKeys()
	for name := range actions {
		if !slices.Contains(names, name) {
			t.Errorf("action %s is not in the example", name)
		}
	}
	for _, name := range names {
		if _, ok := actions[name]; !ok {
			t.Errorf("the example binds %s, which is no action", name)
		}
	}

	for _, a := range KeyActions() {
		if !strings.Contains(string(Example()), "# "+a.Description+"\n") {
			t.Errorf("%s's description %q is not in the example", a.Name, a.Description)
		}
		if scopeDocs()[a.Scope()] == "" {
			t.Errorf("scope %s has no note in scopeDocs", a.Scope())
		}
	}
}

// TestExampleRangesMatchChecks checks every range the example states
// against what Parse takes: both bounds are taken, values just past them
// are reported.
func TestExampleRangesMatchChecks(t *testing.T) {
	for path, doc := range fieldDocs() {
		if doc.low == "" {
			continue
		}
		typ := typeAt(t, reflect.TypeFor[File](), strings.Split(path, "."))
		below, above := beyond(t, typ, doc.low, doc.high)
		field := strings.ReplaceAll(path, "*", "x")

		t.Run(path, func(t *testing.T) {
			for _, value := range []string{doc.low, doc.high} {
				if problems := parseOne(path, value); len(problems) > 0 {
					t.Errorf("%s: %s is in the stated range but Parse says %v", path, value,
						problems)
				}
			}
			for _, value := range []string{below, above} {
				problems := parseOne(path, value)
				if len(problems) != 1 || problems[0].Field != field {
					t.Errorf("%s: %s is out of the stated range; Parse says %v", path, value,
						problems)
				}
			}
			if !doc.orOff {
				return
			}
			if problems := parseOne(path, "0"); len(problems) > 0 {
				t.Errorf("%s: 0 turns it off, but Parse says %v", path, problems)
			}
		})
	}
}

func TestExampleLinesFit(t *testing.T) {
	for i, line := range strings.Split(string(Example()), "\n") {
		if n := utf8.RuneCountInString(line); n > 100 {
			t.Errorf("line %d has %d characters, more than 100: %q", i+1, n, line)
		}
	}
}

// fieldPaths lists the dotted paths of every field under t, "*" standing
// for a key of a mapping of structs.
func fieldPaths(t reflect.Type, path string) []string {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}

	var paths []string
	switch {
	case t == durationType || t == byteSizeType:
	case t.Kind() == reflect.Struct:
		for i := range t.NumField() {
			field := join(path, yamlName(t.Field(i)))
			paths = append(paths, field)
			paths = append(paths, fieldPaths(t.Field(i).Type, field)...)
		}
	case t.Kind() == reflect.Map && t.Elem().Kind() == reflect.Struct:
		entry := join(path, "*")
		paths = append(paths, entry)
		paths = append(paths, fieldPaths(t.Elem(), entry)...)
	}
	return paths
}

// lookup finds the value at path in a mapping node, "*" taking the first
// entry; nil when it is not there.
func lookup(n *yaml.Node, path []string) *yaml.Node {
	if len(path) == 0 {
		return n
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if path[0] == "*" || n.Content[i].Value == path[0] {
			return lookup(n.Content[i+1], path[1:])
		}
	}
	return nil
}

// typeAt finds the type of the field at path under t.
func typeAt(t *testing.T, typ reflect.Type, path []string) reflect.Type {
	t.Helper()
	for _, name := range path {
		if typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		if name == "*" {
			typ = typ.Elem()
			continue
		}
		i := fieldIndex(typ, name)
		if i < 0 {
			t.Fatalf("no field %s in %s", name, typ)
		}
		typ = typ.Field(i).Type
	}
	if typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	return typ
}

// beyond returns values of type typ just below low and just above high.
func beyond(t *testing.T, typ reflect.Type, low, high string) (string, string) {
	t.Helper()
	var lo, hi string
	var err error
	switch {
	case typ == durationType:
		lo, hi, err = beyondParsed(low, high, time.ParseDuration, time.Millisecond)
	case typ == byteSizeType:
		lo, hi, err = beyondParsed(low, high, ParseByteSize, 1)
	case typ.Kind() == reflect.Int:
		lo, hi, err = beyondParsed(low, high, strconv.Atoi, 1)
	case typ.Kind() == reflect.Float64:
		parse := func(s string) (float64, error) { return strconv.ParseFloat(s, 64) }
		lo, hi, err = beyondParsed(low, high, parse, 0.5)
	default:
		t.Fatalf("a range of %s values cannot be checked", typ)
	}
	if err != nil {
		t.Fatal(err)
	}
	return lo, hi
}

// beyondParsed reads low and high and returns them less and plus step, as
// plain numbers for sizes and counts.
func beyondParsed[T time.Duration | ByteSize | int | float64](low, high string,
	parse func(string) (T, error), step T) (string, string, error) {
	l, err := parse(low)
	if err != nil {
		return "", "", fmt.Errorf("low bound %q: %w", low, err)
	}
	h, err := parse(high)
	if err != nil {
		return "", "", fmt.Errorf("high bound %q: %w", high, err)
	}

	text := func(v T) string {
		switch v := any(v).(type) {
		case time.Duration:
			return v.String()
		case float64:
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		return fmt.Sprint(int64(v))
	}
	return text(l - step), text(h + step), nil
}

// parseOne parses a file that sets only the field at path, "*" standing
// for the entry x, to value.
func parseOne(path, value string) []Problem {
	var b strings.Builder
	names := strings.Split(strings.ReplaceAll(path, "*", "x"), ".")
	for depth, name := range names {
		b.WriteString(indent(depth) + name + ":")
		if depth == len(names)-1 {
			b.WriteString(" " + value)
		}
		b.WriteString("\n")
	}
	_, problems := Parse("probe.yaml", []byte(b.String()))
	return problems
}
