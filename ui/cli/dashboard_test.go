package cli

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model/settings"
)

// TestProfileSwitcher switches, as the dashboard does, to profiles of a
// settings file served by the simulator: a good one gives a client that
// reaches its project; an unknown one and one whose key is refused give
// errors that say why, and no client.
func TestProfileSwitcher(t *testing.T) {
	env, _ := testEnv(t)
	local := startSim(t, env)
	profile := func(secret string) string {
		return "    projectId: demo\n    keyId: demo-key\n" +
			"    apiUrl: " + local.URL + "\n    authUrl: " + local.TokenURL + "\n" +
			"    secretCommand: [printf, '%s\\n', " + secret + "]\n"
	}
	writeFile(t, filepath.Join(env.home, ".config/sinchtop/config.yaml"),
		"profiles:\n  good:\n"+profile(testSecret)+"  refused:\n"+profile(testSecret+"-no"))

	s, err := openSession(env, globalOptions{flags: settings.Flags{Profile: "good"}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := profileNames(s.settings); !slices.Equal(got, []string{"good", "refused"}) {
		t.Fatalf("profile names %v", got)
	}
	switchTo := profileSwitcher(env, s)
	ctx := context.Background()

	client, project, err := switchTo(ctx, "good")
	if err != nil || client == nil || project != "demo" {
		t.Fatalf("switch to good: client %v project %q err %v", client != nil, project, err)
	}
	if _, err := client.Functions(ctx); err != nil {
		t.Fatalf("the switched client cannot list functions: %v", err)
	}

	client, _, err = switchTo(ctx, "missing")
	if client != nil || !errors.Is(err, settings.ErrNoSuchProfile) ||
		!strings.Contains(err.Error(), "good") {
		t.Fatalf("switch to a missing profile: client %v err %v", client != nil, err)
	}

	client, _, err = switchTo(ctx, "refused")
	if client != nil || !errors.Is(err, api.ErrUnauthorized) {
		t.Fatalf("switch to a refused key: client %v err %v", client != nil, err)
	}
	if strings.Contains(err.Error(), testSecret) {
		t.Fatalf("the error shows the secret: %v", err)
	}
}
