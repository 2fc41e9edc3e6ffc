package cli

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/sinchtop/sinchtop/api/sim"
)

// TestDemoReportsItsOwnFunctionURLs checks that the demo of a real process
// reports function URLs on its simulator, which a copied cURL command
// reaches, while the paths it shows stay those of the vendor's URLs.
func TestDemoReportsItsOwnFunctionURLs(t *testing.T) {
	if got := processEnvironment().demoFunctionURLs; got != sim.FunctionURLsSelf {
		t.Errorf("the process environment's demo reports %q function URLs", got)
	}

	self, _ := testEnv(t)
	self.demoFunctionURLs = sim.FunctionURLsSelf
	r := runCLI(t, self, "--demo", "status", "ivr-handler", "--json")
	var status struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &status); err != nil || r.code != 0 {
		t.Fatalf("status: exit %d, %v\n%s%s", r.code, err, r.stdout, r.stderr)
	}
	u, err := url.Parse(status.URL)
	if err != nil || u.Scheme != "http" || u.Port() == "" ||
		u.Hostname() != "fn-01jkxf00000000000001.localhost" {
		t.Errorf("status URL %q, want http://fn-01jkxf00000000000001.localhost:<port>",
			status.URL)
	}

	vendor, _ := testEnv(t)
	args := []string{"--demo", "logs", "ivr-handler", "--lines", "40"}
	want, got := runCLI(t, vendor, args...), runCLI(t, self, args...)
	if got.code != 0 || got.stdout != want.stdout {
		t.Errorf("logs with the simulator's URLs (exit %d):\n%s\nwith the vendor's:\n%s",
			got.code, got.stdout, want.stdout)
	}
	if strings.Contains(got.stdout, "/fn/") {
		t.Errorf("a path names the function:\n%s", got.stdout)
	}
}
