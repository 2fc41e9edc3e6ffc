// Package notify tells the terminal about alerts and copies: the bell, the
// window or tab title, desktop notifications (OSC 9 or OSC 777) and the
// clipboard (OSC 52). An Encoder builds the exact bytes, with no I/O, so
// they can be tested; a Notifier writes them inside Bubble Tea commands.
//
// # Writing while Bubble Tea runs
//
// Bubble Tea v1 offers tea.Printf, which prints above the program and does
// nothing in the alternate screen, and tea.SetWindowTitle, which its
// renderer writes straight to the output, outside its frame lock. The
// Notifier does the same for every sequence: it writes each one, whole, in
// a single Write to the program's output, from a command's goroutine. On an
// *os.File a Write holds the file's write lock until every byte is out, and
// the renderer also writes each frame in one Write, so a sequence lands
// between two frames, never inside one. None of these sequences prints or
// moves the cursor, so the next frame draws where the renderer expects.
// This works in the alternate screen too. Give New the same *os.File the
// program writes to (os.Stdout unless tea.WithOutput says otherwise).
//
// # Untrusted text
//
// Titles and notifications carry function names and alert text, which come
// from the API. They pass through model.Sanitize, which turns every C0 and
// C1 control into a visible stand-in, and then through a filter that drops
// any code point a terminal could take as the end of the sequence (BEL,
// ESC, ST and the rest of C0 and C1), so hostile text cannot end the
// sequence early and start one of its own. Clipboard data is sent as
// base64 and needs no filter. Bytes 0x80 to 0x9F then occur only inside
// UTF-8 characters, which a UTF-8 terminal never reads as C1 controls; the
// whole dashboard draws UTF-8 and needs such a terminal anyway.
//
// # tmux
//
// Inside tmux ($TMUX set) the bell and the title are sent as they are:
// tmux handles both itself. A BEL marks the window in the status line and,
// by bell-action, rings the outer terminal. OSC 0 sets the pane title
// (allow-set-title, on by default), which the status line shows as #T and
// which reaches the outer terminal's window title with
//
//	set -g set-titles on                 # default string includes "#T"
//
// tmux's window name is another matter: a program can set it with
// ESC k … ESC \ only under `allow-rename on` (off by default), and doing so
// turns automatic-rename off for that window, so the name would outlive
// sinchtop. sinchtop therefore never renames the window; show the pane
// title with #T in window-status-format instead.
//
// Desktop notifications are wrapped in tmux's passthrough,
// ESC Ptmux; … ESC \ with every ESC inside doubled, which tmux 3.3 and
// later forward only with
//
//	set -g allow-passthrough on          # "all" also from hidden windows
//
// "all" (tmux 3.4 and later) lets an alert through while sinchtop's window
// is not the one on screen, which is when an alert matters most.
//
// A clipboard copy is sent twice inside tmux: plain, which tmux takes into a
// paste buffer and forwards to the outer terminal under
//
//	set -g set-clipboard on              # the default, "external", drops it
//
// and wrapped in passthrough, which reaches the outer terminal under
// allow-passthrough. Either setting is enough; with both, the terminal sets
// the same text twice.
//
// # GNU screen
//
// Inside GNU screen ($STY set) the bell and title are sent as they are;
// notifications and clipboard copies are wrapped in screen's DCS,
// ESC P … ESC \, cut into pieces of at most 512 bytes because
// screen drops longer strings.
//
// # Confirmation
//
// No terminal answers an OSC 52 write or a notification, so a copy is never
// reported as done: CopiedMsg says it was sent and may have been ignored. A
// failed write is an error, and output that is not a terminal gets nothing.
package notify
