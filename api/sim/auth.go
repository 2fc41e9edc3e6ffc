package sim

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"math"
	"net/http"
	"strings"
	"sync"
	"time"
)

// maxTokens bounds the token store; past it, expired tokens are pruned and
// then the ones closest to expiry dropped.
const maxTokens = 1024

// tokenStore holds the issued tokens and their expiry.
type tokenStore struct {
	mu     sync.Mutex
	expiry map[string]time.Time
}

func newTokenStore() *tokenStore { return &tokenStore{expiry: map[string]time.Time{}} }

func (t *tokenStore) issue(now time.Time, lifetime time.Duration) (string, error) {
	var raw [24]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", err
	}
	token := base64.RawURLEncoding.EncodeToString(raw[:])

	t.mu.Lock()
	defer t.mu.Unlock()
	t.prune(now)
	t.expiry[token] = now.Add(lifetime)
	return token, nil
}

// prune makes room for one more token.
func (t *tokenStore) prune(now time.Time) {
	if len(t.expiry) < maxTokens {
		return
	}
	for token, at := range t.expiry {
		if !now.Before(at) {
			delete(t.expiry, token)
		}
	}
	for len(t.expiry) >= maxTokens {
		var soonest string
		for token, at := range t.expiry {
			if soonest == "" || at.Before(t.expiry[soonest]) {
				soonest = token
			}
		}
		delete(t.expiry, soonest)
	}
}

// check reports whether token is known and not expired at now.
func (t *tokenStore) check(token string, now time.Time) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	at, ok := t.expiry[token]
	if ok && !now.Before(at) {
		delete(t.expiry, token)
		return false
	}
	return ok
}

// serveToken is the OAuth 2.0 client-credentials token endpoint: POST, a
// form with grant_type=client_credentials, the key as HTTP Basic.
func (s *Server) serveToken(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		writeJSON(w, http.StatusMethodNotAllowed, oauthErrorJSON{
			Error: "invalid_request", Description: "the token endpoint takes POST only"})
		return
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		writeJSON(w, http.StatusBadRequest, oauthErrorJSON{Error: "invalid_request",
			Description: "the body must be application/x-www-form-urlencoded"})
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusBadRequest, oauthErrorJSON{Error: "invalid_request",
			Description: "the form could not be read"})
		return
	}

	id, secret, ok := r.BasicAuth()
	if !ok || !s.validKey(id, secret) {
		w.Header().Set("WWW-Authenticate", `Basic realm="sinch"`)
		writeJSON(w, http.StatusUnauthorized, oauthErrorJSON{Error: "invalid_client",
			Description: "unknown key ID or wrong key secret (send them as HTTP Basic)"})
		return
	}
	switch grant := r.PostForm.Get("grant_type"); grant {
	case "client_credentials":
	case "":
		writeJSON(w, http.StatusBadRequest, oauthErrorJSON{Error: "invalid_request",
			Description: "grant_type is missing"})
		return
	default:
		writeJSON(w, http.StatusBadRequest, oauthErrorJSON{Error: "unsupported_grant_type",
			Description: "only client_credentials is supported"})
		return
	}

	token, err := s.tokens.issue(s.clock.Now(), s.cfg.TokenLifetime)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "internal", "no token could be made")
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, tokenJSON{
		AccessToken: token,
		TokenType:   "Bearer",
		ExpiresIn:   int64(math.Ceil(s.cfg.TokenLifetime.Seconds())),
	})
}

func (s *Server) validKey(id, secret string) bool {
	idOK := subtle.ConstantTimeCompare([]byte(id), []byte(s.cfg.KeyID)) == 1
	secretOK := subtle.ConstantTimeCompare([]byte(secret), []byte(s.cfg.KeySecret)) == 1
	return idOK && secretOK
}

// authorized checks the bearer token; on failure it has answered 401.
func (s *Server) authorized(w http.ResponseWriter, r *http.Request) bool {
	header := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(header, "Bearer ")
	message := ""
	switch {
	case header == "":
		message = "missing Authorization header"
	case !ok || token == "":
		message = "Authorization must be a Bearer token"
	case !s.tokens.check(token, s.clock.Now()):
		message = "the token is unknown or has expired"
	default:
		return true
	}
	w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
	writeError(w, http.StatusUnauthorized, "invalid_token", message)
	return false
}
