package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/ui/request"
)

// copiedMsg reports the end of a copy to the clipboard.
type copiedMsg struct {
	format request.CopyFormat
	err    error
}

// text is the footer's note about the copy.
func (c copiedMsg) text() string {
	what := "JSON"
	if c.format == request.CopyCURL {
		what = "a cURL command"
	}
	if c.err != nil {
		return model.Truncate(model.Sanitize("could not copy "+what+": "+c.err.Error()), 120)
	}
	return "copied the request as " + what
}

// copyCmd formats the request and hands it to the clipboard in a command.
func copyCmd(clipboard func(string) error, msg request.CopyRequestMsg) tea.Cmd {
	return func() tea.Msg {
		var text string
		switch msg.Format {
		case request.CopyCURL:
			text = model.CurlCommand(msg.Request)
		default:
			data, err := model.RequestJSON(msg.Request)
			if err != nil {
				return copiedMsg{msg.Format, err}
			}
			text = string(data)
		}
		return copiedMsg{msg.Format, clipboard(text)}
	}
}

// clipboardTools are the programs tried, in order, to set the clipboard.
var clipboardTools = [][]string{
	{"wl-copy"},
	{"xclip", "-selection", "clipboard"},
	{"xsel", "--clipboard", "--input"},
	{"pbcopy"},
	{"clip.exe"},
}

// clipboardTimeout bounds one clipboard program.
const clipboardTimeout = 3 * time.Second

// systemClipboard sets the clipboard with the first clipboard program
// found, and otherwise asks the terminal to (OSC 52, through termenv),
// which also works over SSH in most terminals.
func systemClipboard(text string) error {
	for _, tool := range clipboardTools {
		path, err := exec.LookPath(tool[0])
		if err != nil {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), clipboardTimeout)
		cmd := exec.CommandContext(ctx, path, tool[1:]...)
		cmd.Stdin = bytes.NewBufferString(text)
		// No pipes for output: xclip leaves a child holding the selection,
		// which would keep a pipe, and Run, open.
		err = cmd.Run()
		cancel()
		if err == nil {
			return nil
		}
		if !errors.Is(err, exec.ErrNotFound) {
			return fmt.Errorf("%s: %w", tool[0], err)
		}
	}
	termenv.NewOutput(os.Stdout).Copy(text)
	return nil
}
