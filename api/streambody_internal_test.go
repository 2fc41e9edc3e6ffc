package api

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// TestStreamBodyLimitsEvents feeds event streams through streamBody one
// byte at a time (the hardest way to split them) and checks what the
// decoder would be handed.
func TestStreamBodyLimitsEvents(t *testing.T) {
	tests := []struct {
		name string
		max  int
		in   string
		want string
	}{
		{"small events pass whole", 64,
			"id: 1\ndata: {}\n\n: heartbeat\n\nid: 2\ndata: {}\n\n",
			"id: 1\ndata: {}\n\n: heartbeat\n\nid: 2\ndata: {}\n\n"},
		{"a long line is cut, its event still ends", 12,
			"id: 1\ndata: 0123456789\n\nid: 2\n\n",
			"id: 1\ndata: 0\n\nid: 2\n\n"},
		{"lines past the limit are dropped with their breaks", 10,
			"data: abc\ndata: defghij\ndata: klm\n\nid: 3\n\n",
			"data: abc\nd\n\nid: 3\n\n"},
		{"CRLF line breaks", 12,
			"id: 1\r\ndata: 0123456789\r\n\r\nid: 2\r\n\r\n",
			"id: 1\r\ndata: 0\r\n\r\nid: 2\r\n\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			watch := newWatchdog(time.Hour, func() {})
			defer watch.stop()
			body := &streamBody{r: iotest.OneByteReader(strings.NewReader(tt.in)),
				watch: watch, max: tt.max}
			got, err := io.ReadAll(body)
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			if string(got) != tt.want {
				t.Errorf("passed on %q\nwant        %q", got, tt.want)
			}
		})
	}
}
