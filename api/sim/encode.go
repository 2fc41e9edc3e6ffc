package sim

import (
	"slices"
	"strconv"
	"unicode/utf8"
)

// A hand-written encoder for the one record the stream sends thousands of
// times a second; encoding/json spends most of its time on reflection and
// on sorting the header maps. It writes the same JSON as MarshalJSON would
// with encoding/json, apart from not escaping <, > and &.

// MarshalJSON encodes the record; see appendJSON.
func (r *Request) MarshalJSON() ([]byte, error) {
	return r.appendJSON(make([]byte, 0, 1536)), nil
}

// appendJSON appends the record as one line of JSON to b.
func (r *Request) appendJSON(b []byte) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, r.ID)
	b = append(b, `,"httpMethod":`...)
	b = appendString(b, r.HTTPMethod)
	b = append(b, `,"url":`...)
	b = appendString(b, r.URL)
	b = append(b, `,"statusCode":`...)
	b = strconv.AppendInt(b, int64(r.StatusCode), 10)
	b = append(b, `,"executionTimeMs":`...)
	b = strconv.AppendInt(b, int64(r.ExecutionTimeMs), 10)
	b = append(b, `,"memoryUsedMB":`...)
	b = strconv.AppendInt(b, int64(r.MemoryUsedMB), 10)
	b = append(b, `,"startTime":`...)
	b = appendTime(b, r.StartTime)
	b = append(b, `,"endTime":`...)
	b = appendTime(b, r.EndTime)
	b = append(b, `,"logs":[`...)
	for i, l := range r.Logs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"level":`...)
		b = appendString(b, l.Level)
		b = append(b, `,"message":`...)
		b = appendString(b, l.Message)
		b = append(b, `,"timestamp":`...)
		b = appendTime(b, l.Timestamp)
		b = append(b, '}')
	}
	b = append(b, `],"requestHeaders":`...)
	b = appendHeaders(b, r.RequestHeaders)
	b = append(b, `,"requestBody":`...)
	b = appendString(b, r.RequestBody)
	b = append(b, `,"responseHeaders":`...)
	b = appendHeaders(b, r.ResponseHeaders)
	b = append(b, `,"responseBody":`...)
	b = appendString(b, r.ResponseBody)
	return append(b, '}')
}

func appendTime(b []byte, t Time) []byte {
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, timeLayout)
	return append(b, '"')
}

func appendHeaders(b []byte, h map[string]string) []byte {
	if h == nil {
		return append(b, "null"...)
	}
	names := make([]string, 0, len(h))
	for name := range h {
		names = append(names, name)
	}
	slices.Sort(names)
	b = append(b, '{')
	for i, name := range names {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, name)
		b = append(b, ':')
		b = appendString(b, h[name])
	}
	return append(b, '}')
}

// appendString appends s as a JSON string: control characters, quotes and
// backslashes escaped, invalid UTF-8 replaced, U+2028 and U+2029 escaped
// for JavaScript readers.
func appendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < utf8.RuneSelf {
			b = append(b, c)
			i++
			continue
		}
		if c < utf8.RuneSelf {
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&15])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
