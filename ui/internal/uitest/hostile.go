package uitest

import "strings"

// Hostile text: pieces that each try to make a terminal do more than show
// text. Fixtures build their untrusted fields from them, with harmless
// words around each piece that must still be shown.
const (
	// ClearScreen clears the screen and moves the cursor home.
	ClearScreen = "\x1b[2J\x1b[H"
	// ClipboardWrite puts "echo owned" on the clipboard (OSC 52, ended by BEL).
	ClipboardWrite = "\x1b]52;c;ZWNobyBvd25lZA==\x07"
	// TitleBEL sets the window title (OSC 0, ended by BEL).
	TitleBEL = "\x1b]0;pwned\x07"
	// TitleST sets the window title (OSC 2, ended by ST).
	TitleST = "\x1b]2;pwned\x1b\\"
	// EightBitCSI clears the screen with the one-byte C1 form of CSI.
	EightBitCSI = "\u009b2J"
	// BadUTF8 is bytes that are not UTF-8.
	BadUTF8 = "\xff\xfe\xc3"
	// BidiOverride draws "evil" right to left, then pops the override.
	BidiOverride = "\u202eevil\u202c"
)

// HugeLine returns a console line of over 10 MiB that starts with "huge".
func HugeLine() string { return "huge " + strings.Repeat("x", 10<<20) }
