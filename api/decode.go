package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// MaxBodyBytes caps the size of one answer of a plain call.
const MaxBodyBytes = 32 << 20

// readBody reads at most MaxBodyBytes of r, failing clearly beyond.
func readBody(endpoint string, r io.Reader) ([]byte, error) {
	body, err := io.ReadAll(io.LimitReader(r, MaxBodyBytes+1))
	if err != nil {
		return nil, fmt.Errorf("api: %s: reading the answer: %w", endpoint, err)
	}
	if len(body) > MaxBodyBytes {
		return nil, fmt.Errorf("api: %s: %w: the answer exceeds %d MiB",
			endpoint, ErrTooLarge, MaxBodyBytes>>20)
	}
	return body, nil
}

// isJSON reports whether an answer with this Content-Type and body is JSON.
// A missing Content-Type is accepted when the body looks like JSON.
func isJSON(contentType string, body []byte) bool {
	if strings.TrimSpace(contentType) == "" {
		trimmed := bytes.TrimSpace(body)
		return len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[')
	}
	media, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	return media == "application/json" || strings.HasSuffix(media, "+json")
}

// notJSONError describes an answer that should have been JSON.
func notJSONError(endpoint string, status int, contentType string) error {
	return fmt.Errorf("api: %s: HTTP %d answered with %s: %w (a proxy or login page in the way?)",
		endpoint, status, contentTypeText(contentType), ErrNotJSON)
}

// decodeJSON fills v from data tolerantly. Unknown fields are ignored, null
// leaves the zero value, and a field of the wrong type is left zero without
// losing the rest of the record; each such field is listed in problems.
// Input that is not JSON, or not the object or array v needs, is an error
// naming what was wrong.
func decodeJSON(data []byte, v any, what string) (problems []string, err error) {
	if err := json.Unmarshal(data, v); err == nil {
		return nil, nil
	}

	target := reflect.ValueOf(v)
	if target.Kind() != reflect.Pointer || target.IsNil() {
		return nil, fmt.Errorf("api: decoding %s: need a non-nil pointer, got %T", what, v)
	}
	elem := target.Elem()
	elem.SetZero()

	d := lenient{}
	if err := d.top(data, elem, what); err != nil {
		return nil, err
	}
	return d.problems, nil
}

// maxProblems bounds the problems one decode reports.
const maxProblems = 20

// lenient decodes JSON field by field into reflect values.
type lenient struct {
	problems []string
}

func (d *lenient) note(path, format string, args ...any) {
	if len(d.problems) < maxProblems {
		d.problems = append(d.problems, path+": "+fmt.Sprintf(format, args...))
	}
}

// top decodes the outermost value, where hopeless input is an error rather
// than a problem.
func (d *lenient) top(data []byte, v reflect.Value, what string) error {
	if !json.Valid(data) {
		var probe any
		err := json.Unmarshal(data, &probe)
		return fmt.Errorf("api: decoding %s: not valid JSON: %w", what, err)
	}

	kind := jsonKind(data)
	want := wantedKind(v.Type())
	if want != "" && kind != want && kind != "null" {
		return fmt.Errorf("api: decoding %s: want a JSON %s, got %s", what, want, kind)
	}
	d.value(data, v, what)
	return nil
}

// value decodes data into v: the standard way first, field by field when
// that fails.
func (d *lenient) value(data json.RawMessage, v reflect.Value, path string) {
	if isNull(data) {
		return
	}
	if err := json.Unmarshal(data, v.Addr().Interface()); err == nil {
		return
	}
	v.SetZero()

	switch {
	case v.Type() == reflect.TypeFor[time.Time]():
		d.time(data, v, path)
	case v.Kind() == reflect.Struct:
		d.object(data, v, path)
	case v.Kind() == reflect.Slice:
		d.slice(data, v, path)
	case v.Kind() == reflect.Map && v.Type().Key().Kind() == reflect.String:
		d.mapping(data, v, path)
	case v.Kind() == reflect.String:
		d.text(data, v, path)
	case v.CanInt() || v.CanFloat():
		d.number(data, v, path)
	default:
		d.note(path, "cannot use %s as %s", jsonKind(data), v.Type())
	}
}

// object decodes a JSON object into a struct, one known field at a time.
func (d *lenient) object(data json.RawMessage, v reflect.Value, path string) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		d.note(path, "want an object, got %s", jsonKind(data))
		return
	}

	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		name := jsonName(sf)
		if name == "" {
			continue
		}
		raw, ok := fields[name]
		if !ok {
			raw, ok = foldedField(fields, name)
		}
		if ok {
			d.value(raw, v.Field(i), path+"."+name)
		}
	}
}

// foldedField finds a field whose name differs from name only in case, as
// the standard decoder would.
func foldedField(fields map[string]json.RawMessage, name string) (json.RawMessage, bool) {
	for key, raw := range fields {
		if strings.EqualFold(key, name) {
			return raw, true
		}
	}
	return nil, false
}

// jsonName returns the JSON name of an exported struct field, "" to skip.
func jsonName(sf reflect.StructField) string {
	if !sf.IsExported() {
		return ""
	}
	tag := sf.Tag.Get("json")
	if tag == "-" {
		return ""
	}
	name, _, _ := strings.Cut(tag, ",")
	if name == "" {
		name = sf.Name
	}
	return name
}

// slice decodes a JSON array element by element; elements that cannot be
// read at all are dropped.
func (d *lenient) slice(data json.RawMessage, v reflect.Value, path string) {
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		d.note(path, "want an array, got %s", jsonKind(data))
		return
	}

	out := reflect.MakeSlice(v.Type(), 0, len(items))
	elemType := v.Type().Elem()
	for i, raw := range items {
		elem := reflect.New(elemType).Elem()
		itemPath := path + "[" + strconv.Itoa(i) + "]"
		if want := wantedKind(elemType); want != "" && jsonKind(raw) != want {
			d.note(itemPath, "want %s, got %s: dropped", want, jsonKind(raw))
			continue
		}
		d.value(raw, elem, itemPath)
		out = reflect.Append(out, elem)
	}
	v.Set(out)
}

// mapping decodes a JSON object into a map with string keys.
func (d *lenient) mapping(data json.RawMessage, v reflect.Value, path string) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		d.note(path, "want an object, got %s", jsonKind(data))
		return
	}

	out := reflect.MakeMapWithSize(v.Type(), len(fields))
	for key, raw := range fields {
		elem := reflect.New(v.Type().Elem()).Elem()
		d.value(raw, elem, path+"."+key)
		out.SetMapIndex(reflect.ValueOf(key).Convert(v.Type().Key()), elem)
	}
	v.Set(out)
}

// text fills a string from a number or boolean as written, and from an
// object or array as its compact JSON, noting the latter.
func (d *lenient) text(data json.RawMessage, v reflect.Value, path string) {
	switch kind := jsonKind(data); kind {
	case "number", "boolean":
		v.SetString(string(data))
	default:
		var compact bytes.Buffer
		if json.Compact(&compact, data) == nil {
			v.SetString(compact.String())
		}
		d.note(path, "want a string, got %s", kind)
	}
}

// number fills an integer or float from a number or a numeric string.
func (d *lenient) number(data json.RawMessage, v reflect.Value, path string) {
	text := string(data)
	if jsonKind(data) == "string" {
		_ = json.Unmarshal(data, &text)
	}

	f, err := strconv.ParseFloat(strings.TrimSpace(text), 64)
	if err != nil {
		d.note(path, "want a number, got %s", jsonKind(data))
		return
	}
	if v.CanFloat() {
		v.SetFloat(f)
		return
	}
	if f != float64(int64(f)) {
		d.note(path, "want an integer, got %s", text)
	}
	v.SetInt(int64(f))
}

// timeLayouts are the time spellings read besides RFC 3339.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
}

// time fills a time from an RFC 3339 string or a near spelling of it.
func (d *lenient) time(data json.RawMessage, v reflect.Value, path string) {
	var text string
	if json.Unmarshal(data, &text) != nil {
		d.note(path, "want a time, got %s", jsonKind(data))
		return
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, strings.TrimSpace(text)); err == nil {
			v.Set(reflect.ValueOf(t.UTC()))
			return
		}
	}
	d.note(path, "want an RFC 3339 time, got %q", cleanText(text))
}

// wantedKind returns the JSON kind a Go type must come from to be worth
// decoding: "object" for structs and maps, "array" for slices, "" for any.
func wantedKind(t reflect.Type) string {
	switch {
	case t == reflect.TypeFor[time.Time]():
		return ""
	case t.Kind() == reflect.Struct, t.Kind() == reflect.Map:
		return "object"
	case t.Kind() == reflect.Slice && t != reflect.TypeFor[json.RawMessage]():
		return "array"
	}
	return ""
}

// jsonKind names the kind of a JSON value from its first byte.
func jsonKind(data []byte) string {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return "nothing"
	}
	switch trimmed[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

// isNull reports whether data is the JSON null, which leaves a value as it
// is.
func isNull(data []byte) bool {
	return jsonKind(data) == "null"
}

// rawCopy returns a copy of data that stays valid after the decoder reuses
// its buffer.
func rawCopy(data []byte) json.RawMessage {
	return append(json.RawMessage(nil), data...)
}

// decodeRecord decodes data tolerantly into F, the method-less twin of a
// record type. ok is false for null, which leaves the record as it is, and
// for input that is not a JSON object, which is the error.
func decodeRecord[F any](data []byte, what string) (fields F, ok bool, err error) {
	if isNull(data) {
		return fields, false, nil
	}
	if _, err := decodeJSON(data, &fields, what); err != nil {
		return fields, false, err
	}
	return fields, true, nil
}

// requestFields is Request without its methods, for the standard decoder.
type requestFields Request

// UnmarshalJSON decodes a request tolerantly (see the package's rules for
// unknown, null and mistyped fields) and keeps the JSON in Raw. Only input
// that is not a JSON object is an error.
func (r *Request) UnmarshalJSON(data []byte) error {
	fields, ok, err := decodeRecord[requestFields](data, "request")
	if !ok {
		return err
	}
	*r = Request(fields)
	r.Raw = rawCopy(data)
	return nil
}

// billingFields is Billing without its methods.
type billingFields Billing

// UnmarshalJSON decodes a billing summary tolerantly and keeps the JSON in
// Raw.
func (b *Billing) UnmarshalJSON(data []byte) error {
	fields, ok, err := decodeRecord[billingFields](data, "billing")
	if !ok {
		return err
	}
	*b = Billing(fields)
	b.Raw = rawCopy(data)
	return nil
}

// costsFields is Costs without its methods.
type costsFields Costs

// UnmarshalJSON decodes a cost breakdown tolerantly and keeps the JSON in
// Raw.
func (c *Costs) UnmarshalJSON(data []byte) error {
	fields, ok, err := decodeRecord[costsFields](data, "costs")
	if !ok {
		return err
	}
	*c = Costs(fields)
	c.Raw = rawCopy(data)
	return nil
}
