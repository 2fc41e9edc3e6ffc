package model

import (
	"slices"
	"time"

	"github.com/sinchtop/sinchtop/api"
)

// StatusSeverity says how a status should be coloured. The symbol and word
// carry the same meaning for a terminal without colour.
type StatusSeverity int

// The severities of a status, from calm to alarming.
const (
	SeverityNeutral StatusSeverity = iota // created, or a status nobody documented
	SeverityOK                            // running
	SeverityWarn                          // deploying, stopped
	SeverityError                         // failed
)

// StatusSymbol returns the one-character badge of a status: ● running,
// ✖ failed, ◌ any step of a deploy, ■ stopped, ○ created, ? anything else.
func StatusSymbol(s api.Status) string {
	switch s {
	case api.StatusRunning:
		return "●"
	case api.StatusFailed:
		return "✖"
	case api.StatusStopped:
		return "■"
	case api.StatusCreated:
		return "○"
	case api.StatusQueued, api.StatusPreparingBuild, api.StatusBuilding, api.StatusDeploying:
		return "◌"
	}
	return "?"
}

// StatusWord returns the word shown beside the symbol: the status as the API
// spelled it, "unknown" when it sent none. A value nobody documented is shown
// as it came, sanitized and cut to a sensible length.
func StatusWord(s api.Status) string {
	if s == "" {
		return "unknown"
	}
	if s.Known() {
		return string(s)
	}
	return SanitizeLimit(string(s), maxStatusBytes)
}

// maxStatusBytes bounds an undocumented status word.
const maxStatusBytes = 64

// SeverityOf returns the colour class of a status.
func SeverityOf(s api.Status) StatusSeverity {
	switch s {
	case api.StatusRunning:
		return SeverityOK
	case api.StatusFailed:
		return SeverityError
	case api.StatusStopped, api.StatusQueued, api.StatusPreparingBuild,
		api.StatusBuilding, api.StatusDeploying:
		return SeverityWarn
	}
	return SeverityNeutral
}

// statusRank orders statuses for the status column, the most urgent first:
// failed, then values nobody documented (they need a look), stopped, deploy
// steps, created, running, and last a function whose status is not known.
func statusRank(s api.Status) int {
	switch s {
	case api.StatusFailed:
		return 0
	case api.StatusStopped:
		return 2
	case api.StatusQueued, api.StatusPreparingBuild, api.StatusBuilding, api.StatusDeploying:
		return 3
	case api.StatusCreated:
		return 4
	case api.StatusRunning:
		return 5
	case "":
		return 6
	}
	return 1
}

// StatusChange is one observed status transition of a function.
type StatusChange struct {
	// From is the status before; empty for the status a function had when
	// sinchtop first saw it.
	From api.Status
	To   api.Status
	// At is when the change happened: the API's updatedAt for the first
	// sighting, or when it fell between two observations; otherwise the
	// time of the observation that saw it.
	At time.Time
}

// statusHistoryLimit bounds the transitions kept per function.
const statusHistoryLimit = 10

// statusTrack follows one function's status across observations.
type statusTrack struct {
	status   api.Status
	changed  time.Time
	lastSeen time.Time
	history  []StatusChange
}

// observe records status as seen at now. updatedAt is the API's last-change
// time when the answer carried one, else zero.
func (s *statusTrack) observe(status api.Status, now, updatedAt time.Time) {
	if s.lastSeen.IsZero() {
		s.status, s.changed, s.lastSeen = status, updatedAt, now
		s.history = append(s.history, StatusChange{To: status, At: updatedAt})
		return
	}

	previous := s.lastSeen
	s.lastSeen = now
	if status == s.status {
		return
	}

	at := now
	if updatedAt.After(previous) && !updatedAt.After(now) {
		at = updatedAt
	}
	s.history = append(s.history, StatusChange{From: s.status, To: status, At: at})
	if len(s.history) > statusHistoryLimit {
		// A fresh array, so a row handed out earlier keeps what it showed.
		s.history = slices.Clone(s.history[len(s.history)-statusHistoryLimit:])
	}
	s.status, s.changed = status, at
}
