package request

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/sinchtop/sinchtop/theme"
)

// prettyJSON indents body when it is JSON of at most maxPrettyBytes; ok is
// false otherwise.
func prettyJSON(body string) (string, bool) {
	trimmed := strings.TrimSpace(body)
	if len(body) > maxPrettyBytes || trimmed == "" || !strings.ContainsAny(trimmed[:1], "{[") {
		return "", false
	}

	var out bytes.Buffer
	if err := json.Indent(&out, []byte(trimmed), "", "  "); err != nil {
		return "", false
	}
	return out.String(), true
}

// jsonSpans colours one line of indented JSON: keys, strings, numbers,
// literals and punctuation. A line is read on its own, which indented JSON
// allows: no token spans two lines.
func jsonSpans(st *theme.Styles, line string) []span {
	var spans []span
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == '"':
			end := stringEnd(line, i)
			style := st.Request.JSONString
			if strings.HasPrefix(strings.TrimLeft(line[end:], " "), ":") {
				style = st.Request.JSONKey
			}
			spans = append(spans, span{i, end, style})
			i = end
		case strings.IndexByte("{}[],:", c) >= 0:
			spans = append(spans, span{i, i + 1, st.Request.JSONPunct})
			i++
		case c == '-' || (c >= '0' && c <= '9'):
			end := tokenEnd(line, i)
			spans = append(spans, span{i, end, st.Request.JSONNumber})
			i = end
		case c == 't' || c == 'f' || c == 'n':
			end := tokenEnd(line, i)
			spans = append(spans, span{i, end, st.Request.JSONLit})
			i = end
		default:
			i++
		}
	}
	return spans
}

// stringEnd returns the offset just past the string that opens at i.
func stringEnd(line string, i int) int {
	for j := i + 1; j < len(line); j++ {
		switch line[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(line)
}

// tokenEnd returns the offset just past a number or literal starting at i.
func tokenEnd(line string, i int) int {
	j := i
	for j < len(line) && strings.IndexByte(" ,]}:", line[j]) < 0 {
		j++
	}
	return j
}
