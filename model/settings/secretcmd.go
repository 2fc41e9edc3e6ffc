package settings

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
	"unicode"
)

// Bounds on a secret command's output and on its exit after a timeout.
const (
	maxSecretOutput = 64 << 10
	maxStderrShown  = 200
	secretWaitDelay = 2 * time.Second
)

// runSecretCommand runs argv without a shell and returns the first line of
// its standard output, trimmed, as the secret. A command that runs past
// timeout is killed.
func runSecretCommand(argv []string, timeout time.Duration) (Secret, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	var stdout, stderr limitedBuffer
	stdout.limit, stderr.limit = maxSecretOutput, maxSecretOutput
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = secretWaitDelay

	err := cmd.Run()
	switch {
	case ctx.Err() != nil:
		return Secret{}, fmt.Errorf("%s did not finish within %s", quoted(argv[0]), timeout)
	case err != nil:
		return Secret{}, fmt.Errorf("%s failed: %w%s", quoted(argv[0]), commandError(err),
			stderrHint(stderr.String()))
	}

	line, _, _ := strings.Cut(stdout.String(), "\n")
	line = strings.TrimSpace(line)
	if line == "" {
		return Secret{}, fmt.Errorf("%s printed no secret on its first line", quoted(argv[0]))
	}
	return NewSecret(line), nil
}

// commandError keeps the parts of err that name the failure, not the
// output.
func commandError(err error) error {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return errors.New(exit.ProcessState.String())
	}
	return err
}

// stderrHint quotes the first line of what the command wrote to stderr,
// cut short and made printable.
func stderrHint(stderr string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(stderr), "\n")
	line = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '?'
		}
		return r
	}, line)
	if line == "" {
		return ""
	}
	if len(line) > maxStderrShown {
		line = cut(line, maxStderrShown) + "…"
	}
	return " (it said: " + line + ")"
}

// limitedBuffer keeps the first limit bytes written to it and discards the
// rest, so a runaway command cannot fill memory.
type limitedBuffer struct {
	bytes.Buffer
	limit int
}

// Write keeps what fits and reports every byte as written.
func (b *limitedBuffer) Write(p []byte) (int, error) {
	room := b.limit - b.Len()
	if room > 0 {
		b.Buffer.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}
