package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"github.com/sinchtop/sinchtop/api/clock"
)

// TokenError reports a token request that failed. It names the Key ID and
// where the credentials came from, never the secret.
type TokenError struct {
	// TokenURL is the token endpoint asked.
	TokenURL string
	// KeyID is the Key ID that was presented.
	KeyID string
	// Source says where the credentials came from.
	Source string
	// StatusCode is the token endpoint's HTTP status; zero when no answer came.
	StatusCode int
	// Code and Description are the OAuth 2.0 error fields, when sent.
	Code, Description string
	// Err is the underlying failure.
	Err error
}

// Error describes the failure in one line.
func (e *TokenError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "api: token request to %s for Key ID %q", e.TokenURL, e.KeyID)
	if e.Source != "" {
		fmt.Fprintf(&b, " (from %s)", e.Source)
	}
	switch {
	case e.Code == "invalid_client":
		b.WriteString(" refused: invalid_client: the Key ID or Key Secret is wrong")
	case e.Code != "":
		b.WriteString(" refused: " + e.Code)
	case e.StatusCode != 0:
		fmt.Fprintf(&b, " failed with HTTP %d", e.StatusCode)
	default:
		b.WriteString(" failed")
	}
	if e.Description != "" {
		b.WriteString(" (" + e.Description + ")")
	}
	if e.Code == "" && e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying failure.
func (e *TokenError) Unwrap() error { return e.Err }

// Is matches ErrUnauthorized when the token endpoint refused the
// credentials.
func (e *TokenError) Is(target error) bool {
	if target != ErrUnauthorized {
		return false
	}
	return e.Code == "invalid_client" || e.StatusCode == http.StatusUnauthorized
}

// auth fetches and caches the bearer token on the injected clock. A token
// is renewed a fifth of its lifetime (at most a minute) before it expires,
// so short lifetimes work too.
type auth struct {
	config   clientcredentials.Config
	client   *http.Client
	clock    clock.Clock
	timeout  time.Duration
	source   string
	fetching chan struct{} // holds one token while a fetch runs

	mu      sync.Mutex
	token   string
	renewAt time.Time // zero: no known expiry
}

func newAuth(cfg Config, client *http.Client, clk clock.Clock) *auth {
	return &auth{
		config: clientcredentials.Config{
			ClientID:     cfg.KeyID,
			ClientSecret: cfg.KeySecret,
			TokenURL:     cfg.AuthURL,
			AuthStyle:    oauth2.AuthStyleInHeader,
		},
		client:   client,
		clock:    clk,
		timeout:  cfg.Timeout,
		source:   cfg.CredentialSource,
		fetching: make(chan struct{}, 1),
	}
}

// current returns the cached token while it is fresh.
func (a *auth) current() string {
	a.mu.Lock()
	defer a.mu.Unlock()

	if a.token == "" {
		return ""
	}
	if !a.renewAt.IsZero() && !a.clock.Now().Before(a.renewAt) {
		return ""
	}
	return a.token
}

// bearer returns a fresh token, fetching one when the cache holds none.
// Concurrent callers share one fetch.
func (a *auth) bearer(ctx context.Context) (string, error) {
	if token := a.current(); token != "" {
		return token, nil
	}

	select {
	case a.fetching <- struct{}{}:
	case <-ctx.Done():
		return "", ctx.Err()
	}
	defer func() { <-a.fetching }()

	if token := a.current(); token != "" {
		return token, nil
	}
	return a.fetch(ctx)
}

// fetch asks the token endpoint for a new token and caches it.
func (a *auth) fetch(ctx context.Context) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, a.timeout)
	defer cancel()

	obtained := a.clock.Now()
	tok, err := a.config.Token(context.WithValue(ctx, oauth2.HTTPClient, a.client))
	if err != nil {
		return "", a.tokenError(err)
	}
	if t := tok.Type(); !strings.EqualFold(t, "Bearer") {
		return "", a.tokenError(fmt.Errorf("token type %q, want Bearer", cleanText(t)))
	}

	a.mu.Lock()
	defer a.mu.Unlock()

	a.token = tok.AccessToken
	a.renewAt = time.Time{}
	if life := lifetime(tok); life > 0 {
		a.renewAt = obtained.Add(life - min(life/5, time.Minute))
	}
	return a.token, nil
}

// invalidate drops token from the cache after the API refused it, unless a
// newer one has replaced it already.
func (a *auth) invalidate(token string) {
	a.mu.Lock()
	defer a.mu.Unlock()

	if a.token == token {
		a.token = ""
	}
}

// redact removes the secret and the cached token from text from outside.
func (a *auth) redact(text string) string {
	a.mu.Lock()
	token := a.token
	a.mu.Unlock()

	for _, secret := range []string{a.config.ClientSecret, token} {
		if len(secret) >= 4 {
			text = strings.ReplaceAll(text, secret, "[redacted]")
		}
	}
	return text
}

// clean makes untrusted text from outside fit for an error message: no
// secret, no token, one line, bounded.
func (a *auth) clean(text string) string {
	return cleanText(a.redact(text))
}

// tokenError wraps a failed fetch with the Key ID and its source.
func (a *auth) tokenError(err error) error {
	e := &TokenError{
		TokenURL: a.config.TokenURL,
		KeyID:    a.config.ClientID,
		Source:   a.source,
		Err:      err,
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		e.Code = a.clean(re.ErrorCode)
		e.Description = a.clean(re.ErrorDescription)
		e.Err = errors.New("the token endpoint refused the request")
		if re.Response != nil {
			e.StatusCode = re.Response.StatusCode
		}
	}
	return e
}

// lifetime reads a token's expires_in as the server sent it, so that the
// expiry can be placed on the injected clock. It falls back on the library's
// wall-clock expiry and returns zero when the token states none.
func lifetime(tok *oauth2.Token) time.Duration {
	switch v := tok.Extra("expires_in").(type) {
	case float64:
		return time.Duration(v * float64(time.Second))
	case string:
		if secs, err := strconv.ParseFloat(v, 64); err == nil {
			return time.Duration(secs * float64(time.Second))
		}
	}
	if tok.Expiry.IsZero() {
		return 0
	}
	return time.Until(tok.Expiry).Round(time.Second)
}
