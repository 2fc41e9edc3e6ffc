package app

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

// reasonError is an error whose text is the short reason the screen shows,
// wrapping the error it explains.
type reasonError struct {
	reason string
	err    error
}

func (e reasonError) Error() string { return e.reason }
func (e reasonError) Unwrap() error { return e.err }

// explain returns err with a short reason a person can act on, for the
// header and the panes: the API's sentinel errors in words, the HTTP status
// of a server error, and the rest cut to a line.
func explain(err error) error {
	if err == nil {
		return nil
	}
	return reasonError{reason: reason(err), err: err}
}

func reason(err error) string {
	var apiErr *api.Error
	switch {
	case errors.Is(err, api.ErrUnauthorized):
		return "unauthorized: check the key ID and secret"
	case errors.Is(err, api.ErrForbidden):
		return "forbidden: the key has no access to this project"
	case errors.Is(err, api.ErrNotFound):
		return "not found"
	case errors.Is(err, api.ErrStreamLimit):
		return "all stream slots are taken"
	case errors.Is(err, api.ErrRateLimited):
		return "rate limited"
	case errors.As(err, &apiErr) && apiErr.StatusCode >= 500:
		return "server error (HTTP " + strconv.Itoa(apiErr.StatusCode) + ")"
	case errors.Is(err, api.ErrNotJSON):
		return "the answer was not JSON"
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out"
	}
	return model.Truncate(model.Sanitize(err.Error()), 80)
}

// failure describes a failed fetch for the refresh plan: a 429 holds the
// whole group until its Retry-After.
func failure(err error, now time.Time) model.FetchFailure {
	var apiErr *api.Error
	if errors.As(err, &apiErr) && apiErr.RetryAfter > 0 {
		return model.FetchFailure{
			RetryAt:     now.Add(apiErr.RetryAfter),
			RateLimited: apiErr.StatusCode == 429,
		}
	}
	return model.FetchFailure{RateLimited: errors.Is(err, api.ErrRateLimited) &&
		!errors.Is(err, api.ErrStreamLimit)}
}

// errStreamLost stands for a stream that ended or dropped without saying
// why.
var errStreamLost = errors.New("stream lost")
