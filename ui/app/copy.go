package app

import (
	"errors"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/ui/notify"
	"github.com/sinchtop/sinchtop/ui/request"
)

// copyWhat names what a copy holds, for the status line.
func copyWhat(f request.CopyFormat) string {
	if f == request.CopyCURL {
		return "request as a cURL command"
	}
	return "request as JSON"
}

// copyCmd formats the request and sends it to the clipboard in a command:
// to the terminal (OSC 52), which works over SSH and inside tmux, or to
// Options.Clipboard when one was given. The outcome comes back as a
// notify.CopiedMsg, which never claims more than happened.
func (m Model) copyCmd(msg request.CopyRequestMsg) tea.Cmd {
	what := copyWhat(msg.Format)
	n, clipboard := m.notifier, m.opts.Clipboard
	return func() tea.Msg {
		data, err := copyText(msg)
		switch {
		case err != nil:
			return notify.CopiedMsg{What: what, Err: err}
		case clipboard != nil:
			return notify.CopiedMsg{What: what, Err: clipboard(string(data))}
		}
		return run(n.Copy(what, data))
	}
}

// copyText is the request in the format asked for.
func copyText(msg request.CopyRequestMsg) ([]byte, error) {
	if msg.Format == request.CopyCURL {
		return []byte(model.CurlCommand(msg.Request)), nil
	}
	data, err := model.RequestJSON(msg.Request)
	if err != nil {
		return nil, errors.New("the request cannot be written as JSON: " + err.Error())
	}
	return data, nil
}
