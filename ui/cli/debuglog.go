package cli

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/sinchtop/sinchtop/model/settings"
)

// The debug log's file and its bound: a log past maxLogSize when sinchtop
// starts is moved aside to logFileName+".1", replacing the previous one.
const (
	logFileName = "sinchtop.log"
	maxLogSize  = 10 << 20
)

// openDebugLog opens the debug log under the XDG state folder and returns a
// logger writing JSON records to it, the log's path, and a func that closes
// it. Nothing is written to the terminal.
func openDebugLog(env *environment) (*slog.Logger, string, func() error, error) {
	dir := settings.StateDir(env.vars, env.home)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, "", nil, fmt.Errorf("debug log: %w", err)
	}

	path := filepath.Join(dir, logFileName)
	if info, err := os.Stat(path); err == nil && info.Size() > maxLogSize {
		if err := os.Rename(path, path+".1"); err != nil {
			return nil, "", nil, fmt.Errorf("debug log: %w", err)
		}
	}

	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, "", nil, fmt.Errorf("debug log: %w", err)
	}
	return newLogger(f), path, f.Close, nil
}

// newLogger logs debug records as JSON to w, blanking any attribute whose
// name says it holds a secret, as a guard behind the callers' own care.
func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{
		Level: slog.LevelDebug,
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if secretName(a.Key) {
				return slog.String(a.Key, "[redacted]")
			}
			return a
		},
	}))
}

// secretName reports whether an attribute name suggests a secret.
func secretName(key string) bool {
	key = strings.ToLower(key)
	for _, word := range []string{"secret", "authorization", "token", "password"} {
		if strings.Contains(key, word) {
			return true
		}
	}
	return false
}

// discardLogger drops every record.
func discardLogger() *slog.Logger {
	return slog.New(slog.DiscardHandler)
}
