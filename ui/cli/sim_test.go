package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestSimCommandServesUntilCancelled runs `sinchtop sim` on a free port,
// fetches a token with the printed credentials, and stops it.
func TestSimCommandServesUntilCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Execute(ctx, []string{"sim", "--listen", "127.0.0.1:0", "--seed", "3",
			"--key-secret", "s3cret", "--error-rate", "0"}, &stdout, &stderr)
	}()

	var tokenURL string
	deadline := time.Now().Add(5 * time.Second)
	for tokenURL == "" {
		for _, line := range strings.Split(stdout.String(), "\n") {
			if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "token URL"); ok {
				tokenURL = strings.TrimSpace(rest)
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no banner; stdout %q stderr %q", stdout.String(), stderr.String())
		}
		time.Sleep(time.Millisecond)
	}
	for _, want := range []string{"API base URL  http://127.0.0.1:", "project ID    demo",
		"key ID        demo-key", "key secret    s3cret", "curl "} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("banner lacks %q:\n%s", want, stdout.String())
		}
	}

	req, _ := http.NewRequest(http.MethodPost, tokenURL,
		strings.NewReader(url.Values{"grant_type": {"client_credentials"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth("demo-key", "s3cret")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "access_token") {
		t.Fatalf("token: %d %s", resp.StatusCode, body)
	}

	cancel()
	if code := <-done; code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
}

func TestSimCommandRejectsBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"sim", "--error-rate", "2"},
		{"sim", "--firehose", "no-such-function"},
		{"sim", "--firehose-rate", "100"},
		{"sim", "--token-lifetime", "0s"},
		{"sim", "--listen", "256.0.0.1:99999"},
	} {
		var stdout, stderr bytes.Buffer
		code := Execute(context.Background(), args, &stdout, &stderr)
		if code != exitSettings || stderr.Len() == 0 {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr.String())
		}
	}
}
