package notify

import "strings"

// Desktop is the way desktop notifications are sent.
type Desktop string

// The ways to send a desktop notification.
const (
	// DesktopOff sends none.
	DesktopOff Desktop = "off"
	// DesktopOSC9 sends OSC 9: iTerm2, WezTerm, kitty, Ghostty.
	DesktopOSC9 Desktop = "osc9"
	// DesktopOSC777 sends OSC 777 notify: urxvt (with its notify
	// extension), foot, Ghostty.
	DesktopOSC777 Desktop = "osc777"
)

// DetectDesktop picks the sequence the terminal most likely shows, for a
// user who turned notifications on without naming one: OSC 777 for foot
// and urxvt, which do not read OSC 9, and OSC 9 for the rest. Inside tmux
// $TERM names tmux's terminal, not the outer one, and the pick is OSC 9.
func DetectDesktop(getenv func(string) string) Desktop {
	term := getenv("TERM")
	if strings.HasPrefix(term, "foot") || strings.HasPrefix(term, "rxvt") {
		return DesktopOSC777
	}
	return DesktopOSC9
}
