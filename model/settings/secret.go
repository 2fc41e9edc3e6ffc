package settings

import (
	"fmt"
	"log/slog"
)

// redacted is what a Secret shows instead of its value.
const redacted = "[redacted]"

// Secret holds a key secret. However it is printed, logged or encoded
// (String, every fmt verb, JSON, text, slog) it shows "[redacted]"; Reveal
// is the one way to read it, for the code that authenticates.
type Secret struct {
	value string
}

// NewSecret wraps s.
func NewSecret(s string) Secret { return Secret{value: s} }

// Reveal returns the secret itself. Hand it only to the authentication.
func (s Secret) Reveal() string { return s.value }

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s.value == "" }

// String returns "[redacted]".
func (s Secret) String() string { return redacted }

// GoString returns "[redacted]", for %#v.
func (s Secret) GoString() string { return redacted }

// Format writes "[redacted]" for every verb, so no fmt verb reveals the
// secret.
func (s Secret) Format(f fmt.State, _ rune) {
	fmt.Fprint(f, redacted)
}

// MarshalJSON encodes the secret as "[redacted]".
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }

// MarshalText encodes the secret as "[redacted]".
func (s Secret) MarshalText() ([]byte, error) { return []byte(redacted), nil }

// LogValue logs the secret as "[redacted]".
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }
