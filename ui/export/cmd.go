package export

import (
	"strconv"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/model"
)

// ExportedMsg reports an export: the file written, or why none was.
type ExportedMsg struct {
	// What is "requests" or "screen".
	What string
	// Count is the number of requests written; zero for the screen.
	Count int
	// Path is the file written; empty on error.
	Path string
	Err  error
}

// Text says what happened in one line for the status line. The path is
// sanitized: the directory may come from the user's settings.
func (m ExportedMsg) Text() string {
	if m.Err != nil {
		return "could not export the " + m.What + ": " + model.Sanitize(m.Err.Error())
	}
	what := "the screen"
	if m.What == "requests" {
		what = strconv.Itoa(m.Count) + " requests"
		if m.Count == 1 {
			what = "1 request"
		}
	}
	return "exported " + what + " to " + model.Sanitize(m.Path)
}

// RequestsCmd returns the command that runs ExportRequests and reports it
// as an ExportedMsg. Give it the view's entries as a slice of its own (as
// model.LogBuffer.FilteredEntries returns) and the time from Update.
func RequestsCmd(dir, functionName string, entries []*model.Entry, now time.Time) tea.Cmd {
	return func() tea.Msg {
		path, err := ExportRequests(dir, functionName, entries, now)
		if err != nil {
			return ExportedMsg{What: "requests", Err: err}
		}
		return ExportedMsg{What: "requests", Count: len(entries), Path: path}
	}
}

// ScreenCmd returns the command that runs ExportScreen and reports it as an
// ExportedMsg. Give it the View the program last drew.
func ScreenCmd(dir, screen string, now time.Time) tea.Cmd {
	return func() tea.Msg {
		path, err := ExportScreen(dir, screen, now)
		return ExportedMsg{What: "screen", Path: path, Err: err}
	}
}
