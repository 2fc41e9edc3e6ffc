package settings

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestSecretNeverShows(t *testing.T) {
	const secret = "hunter2-very-secret"
	r := Resolved{
		ProjectID: Value{Value: "p", Source: "--project"},
		KeyID:     Value{Value: "k", Source: "SINCH_KEY_ID"},
		KeySecret: NewSecret(secret),
	}

	var shown []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T"} {
		shown = append(shown, fmt.Sprintf(verb, r), fmt.Sprintf(verb, r.KeySecret),
			fmt.Sprintf(verb, &r))
	}
	shown = append(shown, fmt.Sprint(r), fmt.Sprintln(r.KeySecret), r.KeySecret.String())

	encoded, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	shown = append(shown, string(encoded))

	var log bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&log, nil))
	logger.Info("resolved", "settings", r, "secret", r.KeySecret)
	slog.New(slog.NewTextHandler(&log, nil)).Info("resolved", "settings", r)
	shown = append(shown, log.String())

	for _, s := range shown {
		if strings.Contains(s, secret) || strings.Contains(s, fmt.Sprintf("%x", secret)) {
			t.Errorf("secret shown in %q", s)
		}
	}
	if r.KeySecret.Reveal() != secret {
		t.Error("Reveal does not give the secret back")
	}
}
