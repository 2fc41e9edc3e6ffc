package sim

import (
	"errors"
	"fmt"
	"time"

	"github.com/sinchtop/sinchtop/api/clock"
)

// Config describes the simulated project and how the simulator behaves.
type Config struct {
	// ProjectID is the only project the simulator knows. Default "demo".
	ProjectID string
	// KeyID and KeySecret are the credentials the token endpoint accepts.
	// Defaults "demo-key" and "demo-secret".
	KeyID     string
	KeySecret string
	// Seed selects the generated project and its traffic.
	Seed int64
	// Clock drives visibility, tokens, rate limits and streams. Default
	// clock.Real{}.
	Clock clock.Clock
	// TokenLifetime is how long an issued token stays good. Default 1 h.
	TokenLifetime time.Duration
	// Faults are the failures injected from the start; see SetFaults.
	Faults Faults
	// Incidents turns on the recurring error and latency spikes.
	Incidents bool
	// FunctionURLs chooses the function URLs the simulator reports, in
	// every log record's url and in the status: FunctionURLsVendor (also
	// when empty) or FunctionURLsSelf.
	FunctionURLs string
}

// The choices of Config.FunctionURLs.
const (
	// FunctionURLsVendor reports URLs of the vendor's shape,
	// https://fn-<id>.functions.sinch.com plus the request path, which
	// nothing here serves. It keeps records the same whatever the port.
	FunctionURLsVendor = "vendor"
	// FunctionURLsSelf reports URLs on the simulator itself,
	// http://fn-<id>.localhost:<port> plus the request path, so that a
	// request copied from the logs can be replayed against it while its
	// path stays the function's. Names under localhost reach the loopback
	// address (curl resolves them so). Only Start and Listen know the port;
	// a Server from New reports vendor URLs.
	FunctionURLsSelf = "self"
)

// Faults are failures the simulator injects on purpose.
type Faults struct {
	// Latency delays every answer by this much (on the simulator's clock).
	Latency time.Duration
	// ErrorRate is the share (0..1) of API answers replaced by 500 or 503.
	ErrorRate float64
	// StreamDropEvery closes a stream after this many events (0: never).
	StreamDropEvery int
	// MalformedEvery breaks the JSON of every Nth stream event (0: never).
	MalformedEvery int
	// FirehoseFunction is the ID or name of a function that receives
	// FirehoseRate extra requests per second from the moment it is set.
	FirehoseFunction string
	// FirehoseRate is the firehose's requests per second; when a function
	// is named and the rate is 0, DefaultFirehoseRate applies.
	FirehoseRate int
}

// DefaultFirehoseRate is the firehose rate used when only a function is named.
const DefaultFirehoseRate = 2000

// maxFirehoseRate bounds the firehose so that a minute's requests fit the
// 24 bits a request ID keeps for its index within the minute.
const maxFirehoseRate = 200_000

// DefaultConfig returns the demo project's configuration: the demo
// credentials, seed 1, the wall clock, one-hour tokens, incidents on and
// vendor function URLs.
func DefaultConfig() Config {
	return Config{
		ProjectID:     "demo",
		KeyID:         "demo-key",
		KeySecret:     "demo-secret",
		Seed:          1,
		Clock:         clock.Real{},
		TokenLifetime: time.Hour,
		Incidents:     true,
		FunctionURLs:  FunctionURLsVendor,
	}
}

// withDefaults fills the zero fields of cfg from DefaultConfig, keeping
// Seed, Faults and Incidents as given.
func (cfg Config) withDefaults() Config {
	def := DefaultConfig()
	if cfg.ProjectID == "" {
		cfg.ProjectID = def.ProjectID
	}
	if cfg.KeyID == "" {
		cfg.KeyID = def.KeyID
	}
	if cfg.KeySecret == "" {
		cfg.KeySecret = def.KeySecret
	}
	if cfg.Clock == nil {
		cfg.Clock = def.Clock
	}
	if cfg.TokenLifetime == 0 {
		cfg.TokenLifetime = def.TokenLifetime
	}
	if cfg.FunctionURLs == "" {
		cfg.FunctionURLs = def.FunctionURLs
	}
	return cfg
}

func (cfg Config) validate() error {
	if cfg.TokenLifetime < 0 {
		return fmt.Errorf("sim: token lifetime must be positive, got %v", cfg.TokenLifetime)
	}
	if cfg.FunctionURLs != FunctionURLsVendor && cfg.FunctionURLs != FunctionURLsSelf {
		return fmt.Errorf("sim: function URLs must be %q or %q, got %q",
			FunctionURLsVendor, FunctionURLsSelf, cfg.FunctionURLs)
	}
	return cfg.Faults.validate()
}

func (f Faults) validate() error {
	switch {
	case f.Latency < 0:
		return fmt.Errorf("sim: fault latency must not be negative, got %v", f.Latency)
	case f.ErrorRate < 0 || f.ErrorRate > 1:
		return fmt.Errorf("sim: fault error rate must be 0..1, got %v", f.ErrorRate)
	case f.StreamDropEvery < 0:
		return errors.New("sim: stream drop interval must not be negative")
	case f.MalformedEvery < 0:
		return errors.New("sim: malformed event interval must not be negative")
	case f.FirehoseRate < 0 || f.FirehoseRate > maxFirehoseRate:
		return fmt.Errorf("sim: firehose rate must be 0..%d, got %d",
			maxFirehoseRate, f.FirehoseRate)
	}
	return nil
}
