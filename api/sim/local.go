package sim

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"time"
)

// Local is a simulator serving on a local port.
type Local struct {
	// URL is the API base URL, e.g. http://127.0.0.1:41234 (paths start /v1).
	URL string
	// TokenURL is the token endpoint, URL + "/oauth2/token".
	TokenURL string
	*Server

	http      *http.Server
	serveErr  chan error
	closeOnce sync.Once
	closeErr  error
}

// Start builds a simulator from cfg and serves it on 127.0.0.1 at a free
// port until Close.
func Start(cfg Config) (*Local, error) {
	return Listen(cfg, "127.0.0.1:0")
}

// Listen builds a simulator from cfg and serves it on addr until Close.
//
// With cfg.FunctionURLs set to FunctionURLsSelf, the function URLs it
// reports, http://fn-<id>.localhost:<port>, point at the simulator, which
// answers them as the function would. Such names reach the loopback
// address, so they reach the simulator when addr is a loopback or
// unspecified address (Start's is).
func Listen(cfg Config, addr string) (*Local, error) {
	if err := cfg.withDefaults().validate(); err != nil {
		return nil, err // before taking the port, so a bad config holds nothing
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	base := "http://" + ln.Addr().String()
	_, port, err := net.SplitHostPort(ln.Addr().String())
	if err != nil {
		_ = ln.Close() // the address is the error to report
		return nil, fmt.Errorf("sim: the listening address %s has no port: %w", ln.Addr(), err)
	}
	srv, err := newServer(cfg, port)
	if err != nil {
		_ = ln.Close() // the simulator's error is the one to report
		return nil, err
	}
	l := &Local{
		URL:      base,
		TokenURL: base + "/oauth2/token",
		Server:   srv,
		http:     &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second},
		serveErr: make(chan error, 1),
	}
	go func() { l.serveErr <- l.http.Serve(ln) }()
	return l, nil
}

// Close ends every stream, stops serving and waits until the serving
// goroutines have returned.
// Closing twice is harmless.
func (l *Local) Close() error {
	l.closeOnce.Do(func() {
		l.Server.shutdown()
		l.closeErr = l.http.Close()
		l.Server.Close()
		if err := <-l.serveErr; !errors.Is(err, http.ErrServerClosed) {
			l.closeErr = err
		}
	})
	return l.closeErr
}
