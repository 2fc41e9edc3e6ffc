package settings

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Bounds on the work one settings file can cause.
const (
	maxProblems = 50        // problems kept; the rest are counted
	maxVisits   = 1_000_000 // nodes visited, aliases followed included
)

var (
	durationType = reflect.TypeFor[time.Duration]()
	byteSizeType = reflect.TypeFor[ByteSize]()
)

// decoder walks a YAML node tree into a Go value shaped by yaml tags. It
// keeps going past a wrong value, recording a Problem for it and leaving
// the target's value (the default) alone, and it records the line of every
// field it sets so that later checks can name it.
type decoder struct {
	path     string
	problems []Problem
	dropped  int            // problems past maxProblems
	lines    map[string]int // field -> line of its value
	visits   int
}

func newDecoder(path string) *decoder {
	return &decoder{path: path, lines: map[string]int{}}
}

// report records a problem at line about field.
func (d *decoder) report(line int, field, format string, args ...any) {
	if len(d.problems) >= maxProblems {
		d.dropped++
		return
	}
	d.problems = append(d.problems, Problem{
		Path:    d.path,
		Line:    max(line, 1),
		Field:   field,
		Message: fmt.Sprintf(format, args...),
	})
}

// finish returns the problems, the last one counting those left out.
func (d *decoder) finish() []Problem {
	if d.dropped > 0 {
		last := d.problems[len(d.problems)-1]
		d.problems = append(d.problems, Problem{
			Path:    d.path,
			Line:    last.Line,
			Message: fmt.Sprintf("%d more problems not shown", d.dropped),
		})
	}
	return d.problems
}

// decode stores node n into out, which must be settable. It reports false
// when it recorded a problem and left out unchanged.
func (d *decoder) decode(n *yaml.Node, field string, out reflect.Value) bool {
	n = d.follow(n, field)
	if n == nil {
		return false
	}
	if isNull(n) {
		return true // written but empty: keep the default
	}

	switch {
	case out.Type() == durationType:
		return d.duration(n, field, out)
	case out.Type() == byteSizeType:
		return d.byteSize(n, field, out)
	}

	switch out.Kind() {
	case reflect.Struct:
		return d.fields(n, field, out)
	case reflect.Map:
		return d.entries(n, field, out)
	case reflect.Slice:
		return d.items(n, field, out)
	case reflect.Pointer:
		return d.pointer(n, field, out)
	default:
		return d.scalar(n, field, out)
	}
}

// follow resolves aliases and counts the visit, reporting nil when the file
// has made the walk too long.
func (d *decoder) follow(n *yaml.Node, field string) *yaml.Node {
	for hops := 0; n != nil && n.Kind == yaml.AliasNode; hops++ {
		if hops > 100 {
			d.report(n.Line, field, "alias chain too long")
			return nil
		}
		n = n.Alias
	}

	d.visits++
	if n == nil || d.visits > maxVisits {
		if d.visits == maxVisits+1 {
			d.report(1, "", "file too large to check: more than %d values, aliases counted",
				maxVisits)
		}
		return nil
	}
	return n
}

// fields stores a mapping node into the struct out, field by field.
func (d *decoder) fields(n *yaml.Node, field string, out reflect.Value) bool {
	if !d.want(n, yaml.MappingNode, field) {
		return false
	}
	d.lines[field] = n.Line

	seen := map[string]int{}
	ok := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, value := n.Content[i], n.Content[i+1]
		name, good := d.key(key, field, seen)
		if !good {
			ok = false
			continue
		}

		index := fieldIndex(out.Type(), name)
		if index < 0 {
			d.unknown(key, field, name, out.Type())
			ok = false
			continue
		}
		ok = d.decode(value, join(field, name), out.Field(index)) && ok
	}
	return ok
}

// entries stores a mapping node into the map out, keeping entries already
// there unless the node replaces them.
func (d *decoder) entries(n *yaml.Node, field string, out reflect.Value) bool {
	if !d.want(n, yaml.MappingNode, field) {
		return false
	}
	d.lines[field] = n.Line
	if out.IsNil() {
		out.Set(reflect.MakeMap(out.Type()))
	}

	seen := map[string]int{}
	ok := true
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, value := n.Content[i], n.Content[i+1]
		name, good := d.key(key, field, seen)
		if !good {
			ok = false
			continue
		}

		elem := reflect.New(out.Type().Elem()).Elem()
		if d.decode(value, join(field, name), elem) {
			out.SetMapIndex(reflect.ValueOf(name), elem)
			continue
		}
		ok = false
	}
	return ok
}

// key reads a mapping key, reporting empty, non-scalar and repeated keys.
func (d *decoder) key(key *yaml.Node, field string, seen map[string]int) (string, bool) {
	key = d.follow(key, field)
	if key == nil {
		return "", false
	}
	if key.Kind != yaml.ScalarNode || isNull(key) || key.Value == "" {
		d.report(key.Line, field, "a key must be a plain name")
		return "", false
	}
	if first, dup := seen[key.Value]; dup {
		d.report(key.Line, join(field, key.Value), "given twice (first on line %d)", first)
		return "", false
	}
	seen[key.Value] = key.Line
	return key.Value, true
}

// unknown reports a key that names no field of t.
func (d *decoder) unknown(key *yaml.Node, field, name string, t reflect.Type) {
	where := join(field, name)
	if looksLikeSecret(name) {
		d.report(key.Line, where, "a key secret is never read from the settings file: "+
			"use secretCommand (a password manager, say) or SINCH_KEY_SECRET")
		return
	}
	d.report(key.Line, where, "unknown field %s (known: %s)",
		quoted(name), strings.Join(fieldNames(t), ", "))
}

// items stores a sequence node into the slice out.
func (d *decoder) items(n *yaml.Node, field string, out reflect.Value) bool {
	if !d.want(n, yaml.SequenceNode, field) {
		return false
	}

	list := reflect.MakeSlice(out.Type(), 0, len(n.Content))
	for i, item := range n.Content {
		elem := reflect.New(out.Type().Elem()).Elem()
		if !d.decode(item, fmt.Sprintf("%s[%d]", field, i), elem) {
			return false
		}
		list = reflect.Append(list, elem)
	}

	d.lines[field] = n.Line
	out.Set(list)
	return true
}

// pointer stores n into a new value and points out at it.
func (d *decoder) pointer(n *yaml.Node, field string, out reflect.Value) bool {
	elem := reflect.New(out.Type().Elem())
	if !d.decode(n, field, elem.Elem()) {
		return false
	}
	out.Set(elem)
	return true
}

// want reports whether n is of the kind wanted, recording a problem if not.
func (d *decoder) want(n *yaml.Node, kind yaml.Kind, field string) bool {
	if n.Kind == kind {
		return true
	}
	d.report(n.Line, field, "want %s, got %s", kindName(kind), describe(n))
	return false
}

// scalar stores a scalar node into a bool, integer, float or string out.
func (d *decoder) scalar(n *yaml.Node, field string, out reflect.Value) bool {
	if !d.want(n, yaml.ScalarNode, field) {
		return false
	}

	var err error
	switch out.Kind() {
	case reflect.Bool:
		err = d.boolean(n, out)
	case reflect.Int, reflect.Int64:
		err = d.integer(n, out)
	case reflect.Float64:
		err = d.float(n, out)
	case reflect.String:
		out.SetString(n.Value)
	default:
		err = fmt.Errorf("cannot hold a value of type %s", out.Type())
	}
	if err != nil {
		d.report(n.Line, field, "%v", err)
		return false
	}

	d.lines[field] = n.Line
	return true
}

func (d *decoder) boolean(n *yaml.Node, out reflect.Value) error {
	var b bool
	if n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
		return fmt.Errorf("want true or false, got %s", describe(n))
	}
	out.SetBool(b)
	return nil
}

func (d *decoder) integer(n *yaml.Node, out reflect.Value) error {
	var i int64
	if n.ShortTag() != "!!int" || n.Decode(&i) != nil || out.OverflowInt(i) {
		return fmt.Errorf("want a whole number, got %s", describe(n))
	}
	out.SetInt(i)
	return nil
}

func (d *decoder) float(n *yaml.Node, out reflect.Value) error {
	var f float64
	tag := n.ShortTag()
	if (tag != "!!int" && tag != "!!float") || n.Decode(&f) != nil ||
		math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Errorf("want a number, got %s", describe(n))
	}
	out.SetFloat(f)
	return nil
}

// duration stores a duration written as "15s", "5m" or "1h30m".
func (d *decoder) duration(n *yaml.Node, field string, out reflect.Value) bool {
	if !d.want(n, yaml.ScalarNode, field) {
		return false
	}

	v, err := time.ParseDuration(strings.TrimSpace(n.Value))
	if err != nil || v < 0 {
		hint := ""
		if n.ShortTag() == "!!int" {
			hint = " (a duration needs a unit)"
		}
		d.report(n.Line, field, "want a duration such as 30s, 5m or 1h, got %s%s",
			describe(n), hint)
		return false
	}

	out.SetInt(int64(v))
	d.lines[field] = n.Line
	return true
}

// byteSize stores a size written as a number of bytes or with a unit.
func (d *decoder) byteSize(n *yaml.Node, field string, out reflect.Value) bool {
	if !d.want(n, yaml.ScalarNode, field) {
		return false
	}

	v, err := ParseByteSize(n.Value)
	if err != nil {
		d.report(n.Line, field, "%v", err)
		return false
	}

	out.SetInt(int64(v))
	d.lines[field] = n.Line
	return true
}

// fieldIndex returns the index of t's field whose yaml tag is name, or -1.
func fieldIndex(t reflect.Type, name string) int {
	for i := range t.NumField() {
		if yamlName(t.Field(i)) == name {
			return i
		}
	}
	return -1
}

// fieldNames lists the yaml names of t's fields.
func fieldNames(t reflect.Type) []string {
	names := make([]string, 0, t.NumField())
	for i := range t.NumField() {
		if name := yamlName(t.Field(i)); name != "" {
			names = append(names, name)
		}
	}
	return names
}

func yamlName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	return name
}

// looksLikeSecret reports whether a field name asks to store a secret.
func looksLikeSecret(name string) bool {
	lower := strings.ToLower(name)
	return strings.Contains(lower, "secret") || strings.Contains(lower, "password") ||
		strings.Contains(lower, "token")
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func kindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "a mapping (name: value lines)"
	case yaml.SequenceNode:
		return "a list"
	}
	return "a single value"
}

// describe names what a node holds, for messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return quoted(n.Value)
}

// quoted quotes s for a message, cut to a readable length.
func quoted(s string) string {
	const limit = 60
	if len(s) > limit {
		return strconv.Quote(cut(s, limit)) + "…"
	}
	return strconv.Quote(s)
}

// cut returns at most the first n bytes of s, never splitting a rune.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}

// join names a child field.
func join(parent, child string) string {
	if parent == "" {
		return child
	}
	return parent + "." + child
}
