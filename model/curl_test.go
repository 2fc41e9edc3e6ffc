package model

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/sinchtop/sinchtop/api"
)

// fakeCurl stands in for curl in a real POSIX shell: it prints each
// argument it received NUL-terminated, then what it read on stdin.
const fakeCurl = `curl() { printf '%s\0' "$@"; printf 'STDIN\0'; cat; }; `

// runCurl runs command in sh with the fake curl and returns the arguments
// curl saw and its stdin.
func runCurl(t *testing.T, command string) ([]string, []byte) {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no POSIX shell:", err)
	}
	dir := t.TempDir()
	cmd := exec.Command(sh, "-c", fakeCurl+command)
	cmd.Stdin = strings.NewReader("")
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("sh failed on %q: %v", command, err)
	}
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Fatalf("the command ran something: it left %s", left[0].Name())
	}

	argv, stdin, ok := bytes.Cut(out, []byte("STDIN\x00"))
	if !ok {
		t.Fatalf("curl was not called by %q; output %q", command, out)
	}
	args := strings.Split(string(argv), "\x00")
	return args[:len(args)-1], stdin
}

func TestCurlCommandReplaysRequest(t *testing.T) {
	req := logRequest("r1", 1)
	req.URL = "https://fn.example.com/ice?a=1&b=[2]"
	req.RequestHeaders = map[string]string{
		"Content-Type":   "application/json",
		"X-Trace":        "abc",
		"Content-Length": "17",
		"host":           "fn.example.com",
	}
	req.RequestBody = `{"event":"ice","who":"O'Brien"}`

	cmd := CurlCommand(req)
	want := `curl --globoff -X 'POST' -H 'Content-Type: application/json' -H 'X-Trace: abc' ` +
		`--data-raw '{"event":"ice","who":"O'\''Brien"}' --url 'https://fn.example.com/ice?a=1&b=[2]'`
	if cmd != want {
		t.Errorf("got  %s\nwant %s", cmd, want)
	}

	args, stdin := runCurl(t, cmd)
	wantArgs := []string{"--globoff", "-X", "POST", "-H", "Content-Type: application/json",
		"-H", "X-Trace: abc", "--data-raw", req.RequestBody, "--url", req.URL}
	if !slices.Equal(args, wantArgs) || len(stdin) != 0 {
		t.Errorf("curl saw %q, stdin %q", args, stdin)
	}
}

func TestCurlCommandWithoutBodyOrMethod(t *testing.T) {
	req := api.Request{URL: "https://fn/x"}
	if got := CurlCommand(req); got != `curl --globoff --url 'https://fn/x'` {
		t.Errorf("got %s", got)
	}
}

// TestCurlCommandHostileValues runs commands built from hostile values in
// a real shell: curl must receive exactly the body, and nothing may run.
func TestCurlCommandHostileValues(t *testing.T) {
	bodies := []string{
		`'; touch pwned; echo '`,
		`$(touch pwned) ` + "`touch pwned`" + ` $HOME \"`,
		"line one\nline two\r\n\ttabbed",
		"\x1b[201~; touch pwned\n\x1b]52;c;dG91Y2ggcHduZWQ=\x07",
		"nul\x00byte and \\0101 and \\n and %s %b %%",
		"bad utf8 \xff\xfe and c1 \u009b and bidi \u202e",
		"'", "''", "\\", "-", "@/etc/passwd",
	}
	for _, body := range bodies {
		req := logRequest("r1", 1)
		req.RequestBody = body
		req.HTTPMethod = "PO'ST;id"
		req.URL = "-o/tmp/pwned https://h/p?q='$(id)'\x1b]8;;x\x07 \u202e"
		req.RequestHeaders = map[string]string{"X-Evil'$(id)": "a'b\"c`id`\r\nInjected: 1\x1b[2J"}

		cmd := CurlCommand(req)
		checkSanitized(t, "CurlCommand", cmd, false)

		args, stdin := runCurl(t, cmd)
		got := body
		if i := slices.Index(args, "--data-raw"); i >= 0 {
			got = args[i+1]
			if len(stdin) != 0 {
				t.Errorf("body quoted and piped: %q", stdin)
			}
		} else if slices.Contains(args, "@-") {
			got = string(stdin)
		} else {
			t.Fatalf("no body in %q", args)
		}
		if got != body {
			t.Errorf("body %q reached curl as %q (command %s)", body, got, cmd)
		}

		wantTail := []string{"--url",
			"-o/tmp/pwned%20https://h/p?q='$(id)'%1B]8;;x%07%20%E2%80%AE"}
		if !slices.Equal(args[len(args)-2:], wantTail) {
			t.Errorf("URL reached curl as %q", args[len(args)-2:])
		}
		if args[1] != "-X" || args[2] != "PO'ST;id" {
			t.Errorf("method reached curl as %q", args[1:3])
		}
		if h := args[4]; !strings.HasPrefix(h, "X-Evil'$(id): a'b\"c`id`␍⏎Injected") {
			t.Errorf("header reached curl as %q", h)
		}
	}
}

// TestCurlCommandRandomBodies checks random bodies of arbitrary bytes
// through a real shell.
func TestCurlCommandRandomBodies(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{
		"'", "\"", "\\", "$", "`", "\n", "\x00", "\x1b", "%", "a", "é", "\xff", "\u202e", " ",
	}
	for range 40 {
		var sb strings.Builder
		for range rng.IntN(20) {
			sb.WriteString(pieces[rng.IntN(len(pieces))])
		}
		body := sb.String()
		req := api.Request{HTTPMethod: "POST", URL: "https://h/", RequestBody: body}
		cmd := CurlCommand(req)
		checkSanitized(t, "CurlCommand", cmd, false)

		args, stdin := runCurl(t, cmd)
		got := string(stdin)
		if i := slices.Index(args, "--data-raw"); i >= 0 {
			got = args[i+1]
		}
		if body != "" && got != body {
			t.Fatalf("body %q reached curl as %q (command %s)", body, got, cmd)
		}
	}
}
