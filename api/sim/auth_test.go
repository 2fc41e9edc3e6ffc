package sim_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sinchtop/sinchtop/api/sim"
)

func TestTokenEndpoint(t *testing.T) {
	h := newHarness(t, nil)

	tok := h.fetchToken("demo-key", "demo-secret")
	if tok.TokenType != "Bearer" || tok.ExpiresIn != 3600 || len(tok.AccessToken) < 20 {
		t.Errorf("token answer = %+v", tok)
	}

	cases := []struct {
		name, id, secret, grant string
		code                    int
		errCode                 string
	}{
		{"wrong secret", "demo-key", "nope", "client_credentials", 401, "invalid_client"},
		{"unknown key", "other", "demo-secret", "client_credentials", 401, "invalid_client"},
		{"no credentials", "", "", "client_credentials", 401, "invalid_client"},
		{"other grant", "demo-key", "demo-secret", "password", 400, "unsupported_grant_type"},
		{"no grant", "demo-key", "demo-secret", "", 400, "invalid_request"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp := h.postToken(c.id, c.secret, c.grant)
			var answer tokenAnswer
			decode(t, resp, &answer)
			if resp.StatusCode != c.code || answer.Error != c.errCode || answer.AccessToken != "" {
				t.Errorf("got %d %+v, want %d %s", resp.StatusCode, answer, c.code, c.errCode)
			}
		})
	}

	resp, _ := h.do(http.MethodGet, "/oauth2/token", "")
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "POST" {
		t.Errorf("GET token: %d Allow=%q", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

func TestAPIAuthentication(t *testing.T) {
	h := newHarness(t, func(cfg *sim.Config) { cfg.TokenLifetime = 90 * time.Second })
	if tok := h.fetchToken("demo-key", "demo-secret"); tok.ExpiresIn != 90 {
		t.Errorf("expires_in = %d, want 90", tok.ExpiresIn)
	}

	for name, token := range map[string]string{"missing": "", "unknown": "not-a-token"} {
		resp, body := h.do(http.MethodGet, "functions", token)
		var e struct{ Error, Message string }
		_ = json.Unmarshal(body, &e)
		if resp.StatusCode != 401 || e.Error != "invalid_token" ||
			!strings.Contains(resp.Header.Get("WWW-Authenticate"), `error="invalid_token"`) {
			t.Errorf("%s token: %d %s %q", name, resp.StatusCode, body,
				resp.Header.Get("WWW-Authenticate"))
		}
	}

	if resp, _ := h.get("functions"); resp.StatusCode != 200 {
		t.Fatalf("fresh token: %d", resp.StatusCode)
	}
	h.clock.Advance(89 * time.Second)
	if resp, _ := h.get("functions"); resp.StatusCode != 200 {
		t.Fatalf("token 1 s before expiry: %d", resp.StatusCode)
	}
	h.clock.Advance(time.Second)
	if resp, _ := h.get("functions"); resp.StatusCode != 401 {
		t.Fatalf("expired token: %d, want 401", resp.StatusCode)
	}
	h.token = h.fetchToken("demo-key", "demo-secret").AccessToken
	if resp, _ := h.get("functions"); resp.StatusCode != 200 {
		t.Fatalf("renewed token: %d", resp.StatusCode)
	}
}

func TestMethodsAndRoutes(t *testing.T) {
	h := newHarness(t, nil)
	id := h.functionID("ivr-handler")

	methods := []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodHead}
	for _, m := range methods {
		resp, _ := h.do(m, "functions/"+id+"/status", h.token)
		if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET" {
			t.Errorf("%s status: %d, Allow=%q", m, resp.StatusCode, resp.Header.Get("Allow"))
		}
	}

	cases := map[string]string{
		"/v1/projects/other/functions": "project other not found",
		"functions/01JKXF0000000000000Z/status": "function 01JKXF0000000000000Z not found " +
			"in project demo",
		"functions/ivr-handler/status": "function ivr-handler not found",
		"functions/":                   "no such endpoint",
		"functions/" + id + "/deploy":  "no such endpoint",
		"/v2/projects/demo/functions":  "no such endpoint",
	}
	for path, want := range cases {
		resp, body := h.get(path)
		if resp.StatusCode != 404 || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d %s, want 404 %q", path, resp.StatusCode, body, want)
		}
	}
}
