package model

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/sinchtop/sinchtop/api"
)

// MaxJSONLLine is the longest line ReadJSONL accepts, in bytes.
const MaxJSONLLine = 64 << 20

// WriteJSONL writes the requests of entries to w as JSON Lines, one request
// per line, in the order given. Each line is the request's raw JSON as the
// server sent it, compacted onto one line, so fields sinchtop does not know
// survive; a request without valid raw JSON is encoded from its fields.
func WriteJSONL(w io.Writer, entries []*Entry) error {
	bw := bufio.NewWriter(w)
	var line bytes.Buffer
	for i, e := range entries {
		line.Reset()
		if err := encodeLine(&line, e.Request); err != nil {
			return fmt.Errorf("model: exporting request %d (%s): %w", i+1, e.ID, err)
		}
		line.WriteByte('\n')
		if _, err := bw.Write(line.Bytes()); err != nil {
			return fmt.Errorf("model: exporting request %d (%s): %w", i+1, e.ID, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("model: exporting requests: %w", err)
	}
	return nil
}

func encodeLine(buf *bytes.Buffer, req api.Request) error {
	if len(req.Raw) > 0 && json.Compact(buf, req.Raw) == nil {
		return nil
	}

	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(req); err != nil {
		return err
	}
	buf.Truncate(buf.Len() - 1) // Encode ends with a newline
	return nil
}

// ReadJSONL reads requests written as JSON Lines, one JSON object per line;
// blank lines are skipped. Each request keeps its line as Raw. An error
// names the line it is on. A line longer than MaxJSONLLine is an error; the
// caller bounds the number of lines by bounding r.
func ReadJSONL(r io.Reader) ([]api.Request, error) {
	return readJSONL(r, MaxJSONLLine)
}

func readJSONL(r io.Reader, maxLine int) ([]api.Request, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, min(64<<10, maxLine)), maxLine)

	var out []api.Request
	n := 0
	for sc.Scan() {
		n++
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		req, err := decodeLine(text)
		if err != nil {
			return nil, fmt.Errorf("model: reading requests: line %d: %w", n, err)
		}
		out = append(out, req)
	}

	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("model: reading requests: line %d: longer than %d bytes",
				n+1, maxLine)
		}
		return nil, fmt.Errorf("model: reading requests: %w", err)
	}
	return out, nil
}

func decodeLine(text []byte) (api.Request, error) {
	var req api.Request
	if text[0] != '{' {
		return req, errors.New("not a JSON object")
	}
	if err := json.Unmarshal(text, &req); err != nil {
		return req, err
	}
	if len(req.Raw) == 0 {
		req.Raw = bytes.Clone(text)
	}
	return req, nil
}

// RequestJSON returns req as indented JSON, for copying (the J key): its
// raw JSON as the server sent it when that is valid, else its fields
// encoded. The text is untrusted; sanitize it before drawing it.
func RequestJSON(req api.Request) ([]byte, error) {
	var buf bytes.Buffer
	if len(req.Raw) > 0 && json.Indent(&buf, req.Raw, "", "  ") == nil {
		return buf.Bytes(), nil
	}

	buf.Reset()
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(req); err != nil {
		return nil, fmt.Errorf("model: encoding request %s as JSON: %w", Sanitize(req.ID), err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
