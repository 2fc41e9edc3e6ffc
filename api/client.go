package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/sinchtop/sinchtop/api/clock"
)

// The vendor's endpoints, used when Config leaves them empty.
const (
	DefaultAPIURL  = "https://functions.api.sinch.com"
	DefaultAuthURL = "https://auth.sinch.com/oauth2/token"
)

// DefaultTimeout bounds one plain call when Config sets no Timeout.
const DefaultTimeout = 30 * time.Second

// Config says how to reach the API and as whom.
type Config struct {
	// APIURL is the Functions API's base URL; empty means DefaultAPIURL.
	APIURL string
	// AuthURL is the OAuth 2.0 token endpoint; empty means DefaultAuthURL.
	// A URL without a path gets "/oauth2/token".
	AuthURL string
	// ProjectID is the project every call is scoped to.
	ProjectID string
	// KeyID and KeySecret are the access key. The secret is never shown.
	KeyID, KeySecret string
	// CredentialSource says where the key came from, for error messages,
	// e.g. "environment (SINCH_KEY_ID)".
	CredentialSource string
	// HTTPClient sends the calls; nil means a client with dial and header
	// timeouts. Streams use a copy without Client.Timeout.
	HTTPClient *http.Client
	// Clock drives the budget, token expiry and stream backoff; nil means
	// the wall clock.
	Clock clock.Clock
	// Timeout bounds one plain call, token fetch included; zero means
	// DefaultTimeout.
	Timeout time.Duration
	// Logger receives debug records of calls; nil discards them. Secrets
	// and tokens are never logged.
	Logger *slog.Logger
	// Budget is shared by the clients of one project; nil makes a new one
	// with the documented limits.
	Budget *Budget
}

// Client calls the operations API of one project. It is safe for
// concurrent use.
type Client struct {
	base    *url.URL
	project string
	keyID   string
	source  string
	timeout time.Duration
	clock   clock.Clock
	logger  *slog.Logger
	http    *http.Client
	stream  *http.Client
	budget  *Budget
	auth    *auth
}

// NewClient checks cfg and returns a client. It makes no network call.
func NewClient(cfg Config) (*Client, error) {
	cfg, base, err := checkConfig(cfg)
	if err != nil {
		return nil, err
	}

	httpClient := cfg.HTTPClient
	if httpClient == nil {
		httpClient = defaultHTTPClient()
	}
	streamClient := *httpClient
	streamClient.Timeout = 0

	budget := cfg.Budget
	if budget == nil {
		budget = NewBudget(cfg.Clock, DefaultLimits())
	}

	return &Client{
		base:    base,
		project: cfg.ProjectID,
		keyID:   cfg.KeyID,
		source:  cfg.CredentialSource,
		timeout: cfg.Timeout,
		clock:   cfg.Clock,
		logger:  cfg.Logger,
		http:    httpClient,
		stream:  &streamClient,
		budget:  budget,
		auth:    newAuth(cfg, httpClient, cfg.Clock),
	}, nil
}

// checkConfig fills defaults and rejects what cannot work, saying why.
func checkConfig(cfg Config) (Config, *url.URL, error) {
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	if cfg.AuthURL == "" {
		cfg.AuthURL = DefaultAuthURL
	}
	if cfg.Clock == nil {
		cfg.Clock = clock.Real{}
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}

	from := ""
	if cfg.CredentialSource != "" {
		from = " (credentials from " + cfg.CredentialSource + ")"
	}
	switch {
	case strings.TrimSpace(cfg.ProjectID) == "":
		return cfg, nil, errors.New("api: config: the project ID is empty")
	case strings.ContainsAny(cfg.ProjectID, "/?#% \t\r\n"):
		return cfg, nil, fmt.Errorf("api: config: project ID %q holds characters an ID cannot",
			cfg.ProjectID)
	case cfg.KeyID == "":
		return cfg, nil, errors.New("api: config: the Key ID is empty" + from)
	case cfg.KeySecret == "":
		return cfg, nil, fmt.Errorf("api: config: the Key Secret of Key ID %q is empty%s",
			cfg.KeyID, from)
	case cfg.Timeout < 0:
		return cfg, nil, fmt.Errorf("api: config: timeout %s is negative", cfg.Timeout)
	}

	base, err := checkURL("API URL", cfg.APIURL)
	if err != nil {
		return cfg, nil, err
	}
	authURL, err := checkURL("auth URL", cfg.AuthURL)
	if err != nil {
		return cfg, nil, err
	}
	if authURL.Path == "" || authURL.Path == "/" {
		authURL.Path = "/oauth2/token"
	}
	cfg.AuthURL = authURL.String()
	base.Path = strings.TrimRight(base.Path, "/")
	return cfg, base, nil
}

// checkURL parses an endpoint URL: absolute http(s), no credentials in it.
func checkURL(what, raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("api: config: %s %q: %w", what, raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("api: config: %s %q must be an absolute http or https URL",
			what, u.Redacted())
	}
	if u.User != nil {
		return nil, fmt.Errorf("api: config: %s %q must not hold credentials", what, u.Redacted())
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("api: config: %s %q must not hold a query or fragment",
			what, u.Redacted())
	}
	return u, nil
}

// defaultHTTPClient bounds dialing and waiting for headers, but not whole
// exchanges: plain calls carry a context deadline and streams last.
func defaultHTTPClient() *http.Client {
	transport := http.DefaultTransport.(*http.Transport).Clone()
	transport.DialContext = (&net.Dialer{
		Timeout:   10 * time.Second,
		KeepAlive: 30 * time.Second,
	}).DialContext
	transport.ResponseHeaderTimeout = 30 * time.Second
	transport.MaxIdleConnsPerHost = 8
	return &http.Client{Transport: transport}
}

// Budget returns the rate budget the client's calls go through.
func (c *Client) Budget() *Budget { return c.budget }

// ProjectID returns the project the client is scoped to.
func (c *Client) ProjectID() string { return c.project }

// KeyID returns the Key ID the client authenticates with.
func (c *Client) KeyID() string { return c.keyID }

// Functions lists the project's functions.
func (c *Client) Functions(ctx context.Context) (FunctionList, error) {
	var list FunctionList
	err := c.get(ctx, GroupRead, "/functions", nil, &list)
	return list, err
}

// Status returns one function's status, error and URL.
func (c *Client) Status(ctx context.Context, functionID string) (FunctionStatus, error) {
	var status FunctionStatus
	path, err := functionPath(functionID, "/status")
	if err == nil {
		err = c.get(ctx, GroupRead, path, nil, &status)
	}
	return status, err
}

// LogQuery selects historical requests. Zero fields are left to the API's
// defaults: all time, all levels, page 1, 100 a page, newest first.
type LogQuery struct {
	// Start (inclusive) and End (exclusive) bound the requests' start times.
	Start, End time.Time
	// Level keeps requests with a console line at this level or above.
	Level Level
	// Search is a case-insensitive substring of URL, body or log message.
	Search string
	// StatusClass is "success" (2xx), "redirect" (3xx) or "error" (4xx, 5xx).
	StatusClass string
	// Page counts from 1; PageSize is 1 to 1000.
	Page, PageSize int
	// Order is "desc" (newest first) or "asc".
	Order string
}

// values encodes q as the logs endpoint's query parameters.
func (q LogQuery) values() url.Values {
	v := url.Values{}
	if !q.Start.IsZero() {
		v.Set("startTime", formatTime(q.Start))
	}
	if !q.End.IsZero() {
		v.Set("endTime", formatTime(q.End))
	}
	if q.Level != "" {
		v.Set("level", strings.ToLower(string(q.Level)))
	}
	if q.Search != "" {
		v.Set("search", q.Search)
	}
	if q.StatusClass != "" {
		v.Set("status", q.StatusClass)
	}
	if q.Page != 0 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	if q.PageSize != 0 {
		v.Set("pageSize", strconv.Itoa(q.PageSize))
	}
	if q.Order != "" {
		v.Set("order", q.Order)
	}
	return v
}

// formatTime writes t as the API reads times: UTC, RFC 3339, milliseconds.
func formatTime(t time.Time) string {
	return t.UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

// Logs returns one page of a function's historical requests.
func (c *Client) Logs(ctx context.Context, functionID string, q LogQuery) (LogPage, error) {
	var page LogPage
	path, err := functionPath(functionID, "/logs")
	if err == nil {
		err = c.get(ctx, GroupLogs, path, q.values(), &page)
	}
	return page, err
}

// Metrics returns a function's summary and series over r; an empty r is
// the API's default, 24h.
func (c *Client) Metrics(ctx context.Context, functionID string, r TimeRange) (Metrics, error) {
	var metrics Metrics
	path, err := functionPath(functionID, "/metrics")
	if err != nil {
		return metrics, err
	}

	query := url.Values{}
	if r != "" {
		query.Set("timeRange", string(r))
	}
	err = c.get(ctx, GroupRead, path, query, &metrics)
	return metrics, err
}

// Billing returns the project's costs in the current billing period.
func (c *Client) Billing(ctx context.Context) (Billing, error) {
	var billing Billing
	err := c.get(ctx, GroupRead, "/billing/current", nil, &billing)
	return billing, err
}

// Costs returns a function's cost breakdown for period; empty means the
// API's default, "month".
func (c *Client) Costs(ctx context.Context, functionID, period string) (Costs, error) {
	var costs Costs
	path, err := functionPath(functionID, "/costs")
	if err != nil {
		return costs, err
	}

	query := url.Values{}
	if period != "" {
		query.Set("period", period)
	}
	err = c.get(ctx, GroupRead, path, query, &costs)
	return costs, err
}

// functionPath builds the path of a function's endpoint.
func functionPath(functionID, suffix string) (string, error) {
	if strings.TrimSpace(functionID) == "" {
		return "", errors.New("api: the function ID is empty")
	}
	return "/functions/" + url.PathEscape(functionID) + suffix, nil
}

// maxAttempts bounds the sends of one call: a 401 and a 429 each earn one
// more.
const maxAttempts = 3

// get runs one plain call: it waits for the budget, sends with a token,
// retries once on 401 with a new token, waits out a 429, and decodes.
func (c *Client) get(ctx context.Context, g Group, path string, query url.Values, v any) error {
	endpoint := "GET " + path
	refreshed := false
	var last error

	for range maxAttempts {
		resp, err := c.attempt(ctx, g, endpoint, path, query)
		if err != nil {
			return err
		}

		switch {
		case resp.status/100 == 2:
			return c.decode(endpoint, resp, v)
		case resp.status == http.StatusUnauthorized && !refreshed:
			c.auth.invalidate(resp.token)
			refreshed = true
			last = resp.apiError
			continue
		case resp.status == http.StatusUnauthorized:
			return c.refusedCredentials(resp.apiError)
		case resp.status == http.StatusTooManyRequests:
			c.budget.Pause(g, c.clock.Now().Add(max(resp.apiError.RetryAfter, time.Second)))
			last = resp.apiError
			continue
		}
		return resp.apiError
	}
	return last
}

// answer is one exchange's result.
type answer struct {
	status      int
	contentType string
	body        []byte
	token       string
	apiError    *Error // for non-2xx
}

// attempt sends the request once, inside the budget and the call timeout.
func (c *Client) attempt(
	ctx context.Context, g Group, endpoint, path string, query url.Values,
) (*answer, error) {
	done, err := c.budget.Acquire(ctx, g)
	if err != nil {
		return nil, fmt.Errorf("api: %s: waiting for the rate budget: %w", endpoint, err)
	}
	defer done()

	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()

	token, err := c.auth.bearer(ctx)
	if err != nil {
		return nil, err
	}

	started := time.Now()
	resp, err := c.send(ctx, c.endpointURL(path, query), token)
	if err != nil {
		return nil, fmt.Errorf("api: %s: %w", endpoint, c.cleanTransportError(err))
	}
	defer func() { _ = resp.Body.Close() }()

	body, err := readBody(endpoint, resp.Body)
	if err != nil {
		return nil, err
	}
	c.logger.Debug("api call", "endpoint", endpoint, "status", resp.StatusCode,
		"bytes", len(body), "elapsed", time.Since(started))

	a := &answer{
		status:      resp.StatusCode,
		contentType: resp.Header.Get("Content-Type"),
		body:        body,
		token:       token,
	}
	if resp.StatusCode/100 != 2 {
		a.apiError = c.apiError(endpoint, resp, body)
	}
	return a, nil
}

// endpointURL joins the project's base with path (already escaped) and
// query.
func (c *Client) endpointURL(path string, query url.Values) string {
	u := *c.base
	u.RawPath = c.base.EscapedPath() + "/v1/projects/" + url.PathEscape(c.project) + path
	u.Path, _ = url.PathUnescape(u.RawPath)
	u.RawQuery = query.Encode()
	return u.String()
}

// send issues one GET with the bearer token.
func (c *Client) send(ctx context.Context, target, token string) (*http.Response, error) {
	req, err := newRequest(ctx, target, token, "application/json")
	if err != nil {
		return nil, err
	}
	return c.http.Do(req)
}

// newRequest builds a GET of target that carries the bearer token and
// accepts the media type accept; plain calls and streams share it.
func newRequest(ctx context.Context, target, token, accept string) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", accept)
	req.Header.Set("User-Agent", "sinchtop")
	return req, nil
}

// cleanTransportError keeps secrets out of a transport error's text.
func (c *Client) cleanTransportError(err error) error {
	text := err.Error()
	if clean := c.auth.redact(text); clean != text {
		return errors.New(clean)
	}
	return err
}

// decode checks that a 2xx answer is JSON and decodes it into v.
func (c *Client) decode(endpoint string, a *answer, v any) error {
	if !isJSON(a.contentType, a.body) {
		return notJSONError(endpoint, a.status, a.contentType)
	}
	problems, err := decodeJSON(a.body, v, endpoint)
	if err != nil {
		return err
	}
	if len(problems) > 0 {
		c.logger.Warn("api answer decoded with problems", "endpoint", endpoint,
			"problems", problems)
	}
	return nil
}

// errorBody holds the fields of the API's error answers and of problem
// answers (RFC 9457).
type errorBody struct {
	Error            string `json:"error"`
	Message          string `json:"message"`
	ErrorDescription string `json:"error_description"`
	Parameter        string `json:"parameter"`
	Type             string `json:"type"`
	Title            string `json:"title"`
	Detail           string `json:"detail"`
}

// apiError builds the *Error of a non-2xx answer.
func (c *Client) apiError(endpoint string, resp *http.Response, body []byte) *Error {
	e := &Error{
		Endpoint:   endpoint,
		StatusCode: resp.StatusCode,
		RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), c.clock.Now()),
	}

	contentType := resp.Header.Get("Content-Type")
	var fields errorBody
	if !isJSON(contentType, body) || json.Unmarshal(body, &fields) != nil {
		e.Message = "answered with " + contentTypeText(contentType)
		return e
	}

	e.Code = c.auth.clean(firstOf(fields.Error, fields.Type))
	e.Parameter = c.auth.clean(fields.Parameter)
	e.Message = c.auth.clean(firstOf(fields.Message, fields.Detail, fields.ErrorDescription,
		fields.Title))
	return e
}

// firstOf returns the first non-empty string.
func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// refusedCredentials explains a 401 that a fresh token did not cure.
func (c *Client) refusedCredentials(apiErr *Error) error {
	from := ""
	if c.source != "" {
		from = " from " + c.source
	}
	return fmt.Errorf("%w; a fresh token was refused too: check Key ID %q%s and that it "+
		"belongs to project %q", apiErr, c.keyID, from, c.project)
}
