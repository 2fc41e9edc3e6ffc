package settings

import "slices"

// The actions keys can be bound to, as named in the settings file.
const (
	ActionUp       = "up"       // move the selection up
	ActionDown     = "down"     // move the selection down
	ActionPageUp   = "pageUp"   // move a page up
	ActionPageDown = "pageDown" // move a page down
	ActionTop      = "top"      // go to the first row
	ActionBottom   = "bottom"   // go to the last row
	ActionOpen     = "open"     // open the selected function or request
	ActionBack     = "back"     // go back one level
	ActionFilter   = "filter"   // type a filter
	ActionSort     = "sort"     // change the sort order
	ActionPause    = "pause"    // pause or resume the live view
	ActionLevel    = "level"    // cycle the minimum log level
	ActionStatus   = "status"   // cycle the status class filter
	ActionRange1h  = "range1h"  // show metrics over 1 hour
	ActionRange4h  = "range4h"  // show metrics over 4 hours
	ActionRange24h = "range24h" // show metrics over 24 hours
	ActionRange7d  = "range7d"  // show metrics over 7 days
	ActionRange30d = "range30d" // show metrics over 30 days
	ActionNextPane = "nextPane" // focus the next pane
	ActionPrevPane = "prevPane" // focus the previous pane
	ActionCopyJSON = "copyJSON" // copy the request as JSON
	ActionCopyCurl = "copyCurl" // copy the request as a cURL command
	ActionRefresh  = "refresh"  // fetch everything now
	ActionHelp     = "help"     // show every key
	ActionQuit     = "quit"     // leave sinchtop
)

// DefaultKeys returns every action's default keys, as a new map.
func DefaultKeys() map[string][]string {
	return map[string][]string{
		ActionUp:       {"up", "k"},
		ActionDown:     {"down", "j"},
		ActionPageUp:   {"pgup", "ctrl+u"},
		ActionPageDown: {"pgdown", "ctrl+d"},
		ActionTop:      {"home", "g"},
		ActionBottom:   {"end", "G"},
		ActionOpen:     {"enter"},
		ActionBack:     {"esc"},
		ActionFilter:   {"/"},
		ActionSort:     {"s"},
		ActionPause:    {" "},
		ActionLevel:    {"l"},
		ActionStatus:   {"e"},
		ActionRange1h:  {"1"},
		ActionRange4h:  {"2"},
		ActionRange24h: {"3"},
		ActionRange7d:  {"4"},
		ActionRange30d: {"5"},
		ActionNextPane: {"tab"},
		ActionPrevPane: {"shift+tab"},
		ActionCopyJSON: {"J"},
		ActionCopyCurl: {"C"},
		ActionRefresh:  {"ctrl+r"},
		ActionHelp:     {"?"},
		ActionQuit:     {"q", "ctrl+c"},
	}
}

// Actions returns the name of every action keys can be bound to, sorted.
func Actions() []string {
	keys := DefaultKeys()
	names := make([]string, 0, len(keys))
	for name := range keys {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
