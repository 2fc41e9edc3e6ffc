package settings

import "strings"

// Action is one thing a key can do, as the settings file names it.
//
// Name is the scope, a dot, and the action: "logs.pause". The scope says
// where the keys work: global (wherever the user is), functions (the list
// of functions), filter (typing a filter in that list), logs (a request
// list, in the overview or in one function's view), search (typing a
// search in a request list), metrics (the charts), detail (one function's
// view), request (one request shown whole), billing, help (the full help
// overlay while it is open), alerts and profiles (those lists while open),
// and prompt (a question the status line asks).
type Action struct {
	// Name is "scope.action", the key of the settings file's keys mapping.
	Name string
	// Keys are the default keys, in the key names of the terminal library
	// (see CheckKey).
	Keys []string
	// Description says in a few words what the keys do; help shows it
	// beside them.
	Description string
	// HelpKeys is how help names the default keys when not simply by
	// listing them ("pgup" for pgup and ctrl+u); empty means list them.
	HelpKeys string
	// HelpDesc is what help says beside the default keys when it is not
	// Description ("next/prev match"); empty means Description.
	HelpDesc string
}

// Scope returns the part of the name before the first dot: "logs".
func (a Action) Scope() string {
	scope, _, _ := strings.Cut(a.Name, ".")
	return scope
}

// KeyActions returns every action keys can be bound to, with its default
// keys and description, grouped by scope in the order help lists them. It
// is the one list the dashboard's keymaps are built from. Every call
// returns a new slice.
func KeyActions() []Action {
	var all []Action
	for _, group := range [][]Action{
		globalActions(), functionsActions(), filterActions(), logsActions(),
		searchActions(), metricsActions(), detailActions(), requestActions(),
		billingActions(), helpActions(), alertsActions(), profilesActions(),
		promptActions(),
	} {
		all = append(all, group...)
	}
	return all
}

// globalActions are handled by the root wherever the user is. The alert,
// export and profile keys are ones no pane binds: a lists alerts and A
// acknowledges them all (a list-then-act pair), x exports the requests the
// log view shows and X the screen, and P lists profiles (p pins a
// function).
func globalActions() []Action {
	return []Action{
		{Name: "global.quit", Keys: []string{"q"}, Description: "quit"},
		{Name: "global.forceQuit", Keys: []string{"ctrl+c"}, Description: "quit now"},
		{Name: "global.back", Keys: []string{"esc"}, Description: "back"},
		{Name: "global.nextPane", Keys: []string{"tab"}, Description: "next pane"},
		{Name: "global.prevPane", Keys: []string{"shift+tab"}, Description: "previous pane"},
		{Name: "global.help", Keys: []string{"?"}, Description: "help"},
		{Name: "global.refresh", Keys: []string{"ctrl+r"}, Description: "refresh all"},
		{Name: "global.alerts", Keys: []string{"a"}, Description: "alerts"},
		{Name: "global.acknowledge", Keys: []string{"A"},
			Description: "acknowledge all alerts"},
		{Name: "global.exportLogs", Keys: []string{"x"},
			Description: "export requests (JSONL)"},
		{Name: "global.exportScreen", Keys: []string{"X"}, Description: "export screen"},
		{Name: "global.profiles", Keys: []string{"P"}, Description: "profiles"},
	}
}

// alertsActions work while the list of alerts is open.
func alertsActions() []Action {
	return []Action{
		{Name: "alerts.up", Keys: []string{"up", "k"}, Description: "up"},
		{Name: "alerts.down", Keys: []string{"down", "j"}, Description: "down"},
		{Name: "alerts.acknowledge", Keys: []string{"enter"}, Description: "acknowledge"},
		{Name: "alerts.acknowledgeAll", Keys: []string{"A"}, Description: "acknowledge all"},
		{Name: "alerts.close", Keys: []string{"esc", "a", "q"}, Description: "close",
			HelpKeys: "esc"},
	}
}

// profilesActions work while the list of profiles is open.
func profilesActions() []Action {
	return []Action{
		{Name: "profiles.up", Keys: []string{"up", "k"}, Description: "up"},
		{Name: "profiles.down", Keys: []string{"down", "j"}, Description: "down"},
		{Name: "profiles.switch", Keys: []string{"enter"}, Description: "switch"},
		{Name: "profiles.close", Keys: []string{"esc", "P", "q"}, Description: "close",
			HelpKeys: "esc"},
	}
}

// promptActions answer a question the status line asks; other keys go on
// to where the user is.
func promptActions() []Action {
	return []Action{
		{Name: "prompt.yes", Keys: []string{"y"}, Description: "yes"},
		{Name: "prompt.no", Keys: []string{"n", "esc"}, Description: "no", HelpKeys: "n"},
	}
}

func functionsActions() []Action {
	return []Action{
		{Name: "functions.up", Keys: []string{"up", "k"}, Description: "up"},
		{Name: "functions.down", Keys: []string{"down", "j"}, Description: "down"},
		{Name: "functions.pageUp", Keys: []string{"pgup", "ctrl+u"}, Description: "page up",
			HelpKeys: "pgup"},
		{Name: "functions.pageDown", Keys: []string{"pgdown", "ctrl+d"},
			Description: "page down", HelpKeys: "pgdn"},
		{Name: "functions.top", Keys: []string{"home", "g"}, Description: "first", HelpKeys: "g"},
		{Name: "functions.bottom", Keys: []string{"end", "G"}, Description: "last",
			HelpKeys: "G"},
		{Name: "functions.open", Keys: []string{"enter"}, Description: "open"},
		{Name: "functions.filter", Keys: []string{"/"}, Description: "filter"},
		{Name: "functions.sort", Keys: []string{"s"}, Description: "sort"},
		{Name: "functions.reverse", Keys: []string{"S"}, Description: "reverse"},
		{Name: "functions.pin", Keys: []string{"p"}, Description: "pin"},
	}
}

// filterActions work while a filter of the functions list is typed; every
// other key is typed into it.
func filterActions() []Action {
	return []Action{
		{Name: "filter.accept", Keys: []string{"enter"}, Description: "keep filter"},
		{Name: "filter.cancel", Keys: []string{"esc"}, Description: "clear filter"},
		{Name: "filter.erase", Keys: []string{"backspace"}, Description: "erase"},
		{Name: "filter.clear", Keys: []string{"ctrl+u"}, Description: "erase all"},
	}
}

func logsActions() []Action {
	return []Action{
		{Name: "logs.up", Keys: []string{"up", "k"}, Description: "up"},
		{Name: "logs.down", Keys: []string{"down", "j"}, Description: "down"},
		{Name: "logs.pageUp", Keys: []string{"pgup", "ctrl+b"}, Description: "page up",
			HelpKeys: "pgup"},
		{Name: "logs.pageDown", Keys: []string{"pgdown", "ctrl+f"}, Description: "page down",
			HelpKeys: "pgdn"},
		{Name: "logs.top", Keys: []string{"g", "home"}, Description: "oldest", HelpKeys: "g"},
		{Name: "logs.bottom", Keys: []string{"G", "end"}, Description: "newest, follow",
			HelpKeys: "G"},
		{Name: "logs.open", Keys: []string{"enter"}, Description: "open request"},
		{Name: "logs.pause", Keys: []string{" "}, Description: "pause"},
		{Name: "logs.level", Keys: []string{"l"}, Description: "level"},
		{Name: "logs.status", Keys: []string{"s"}, Description: "status class"},
		{Name: "logs.search", Keys: []string{"/"}, Description: "search"},
		{Name: "logs.onlyMatches", Keys: []string{"f"}, Description: "only matches"},
		{Name: "logs.nextMatch", Keys: []string{"n"}, Description: "next match",
			HelpKeys: "n/N", HelpDesc: "next/prev match"},
		{Name: "logs.prevMatch", Keys: []string{"N"}, Description: "previous match"},
		{Name: "logs.clear", Keys: []string{"c"}, Description: "clear filters"},
		{Name: "logs.wrap", Keys: []string{"w"}, Description: "wrap"},
		{Name: "logs.timestamps", Keys: []string{"t"}, Description: "timestamps"},
	}
}

// searchActions work while a search of a request list is typed; every
// other key is typed into it.
func searchActions() []Action {
	return []Action{
		{Name: "search.accept", Keys: []string{"enter"}, Description: "search"},
		{Name: "search.cancel", Keys: []string{"esc"}, Description: "cancel"},
	}
}

func metricsActions() []Action {
	return []Action{
		{Name: "metrics.range1h", Keys: []string{"1"}, Description: "range 1h"},
		{Name: "metrics.range4h", Keys: []string{"2"}, Description: "range 4h"},
		{Name: "metrics.range24h", Keys: []string{"3"}, Description: "range 24h"},
		{Name: "metrics.range7d", Keys: []string{"4"}, Description: "range 7d"},
		{Name: "metrics.range30d", Keys: []string{"5"}, Description: "range 30d"},
		{Name: "metrics.shorterRange", Keys: []string{"["}, Description: "shorter range"},
		{Name: "metrics.longerRange", Keys: []string{"]"}, Description: "longer range"},
		{Name: "metrics.spike", Keys: []string{"e"},
			Description: "open the requests of an error spike"},
	}
}

func detailActions() []Action {
	return []Action{
		{Name: "detail.back", Keys: []string{"esc"}, Description: "back"},
	}
}

func requestActions() []Action {
	return []Action{
		{Name: "request.up", Keys: []string{"up", "k"}, Description: "up"},
		{Name: "request.down", Keys: []string{"down", "j"}, Description: "down"},
		{Name: "request.pageUp", Keys: []string{"pgup", "b"}, Description: "page up",
			HelpKeys: "pgup"},
		{Name: "request.pageDown", Keys: []string{"pgdown", " "}, Description: "page down",
			HelpKeys: "pgdn"},
		{Name: "request.halfPageUp", Keys: []string{"ctrl+u", "u"}, Description: "½ page up",
			HelpKeys: "u"},
		{Name: "request.halfPageDown", Keys: []string{"ctrl+d", "d"},
			Description: "½ page down", HelpKeys: "d"},
		{Name: "request.top", Keys: []string{"g", "home"}, Description: "top", HelpKeys: "g"},
		{Name: "request.bottom", Keys: []string{"G", "end"}, Description: "bottom",
			HelpKeys: "G"},
		{Name: "request.copyJSON", Keys: []string{"J"}, Description: "copy as JSON"},
		{Name: "request.copyCurl", Keys: []string{"C"}, Description: "copy as cURL"},
		{Name: "request.back", Keys: []string{"esc"}, Description: "back"},
	}
}

func billingActions() []Action {
	return []Action{
		{Name: "billing.up", Keys: []string{"up", "k"}, Description: "scroll up"},
		{Name: "billing.down", Keys: []string{"down", "j"}, Description: "scroll down"},
	}
}

func helpActions() []Action {
	return []Action{
		{Name: "help.up", Keys: []string{"up", "k"}, Description: "scroll up"},
		{Name: "help.down", Keys: []string{"down", "j"}, Description: "scroll down"},
		{Name: "help.pageUp", Keys: []string{"pgup", "ctrl+u"}, Description: "page up",
			HelpKeys: "pgup"},
		{Name: "help.pageDown", Keys: []string{"pgdown", "ctrl+d"}, Description: "page down",
			HelpKeys: "pgdn"},
		{Name: "help.close", Keys: []string{"esc", "?", "q"}, Description: "close help",
			HelpKeys: "esc/?"},
	}
}

// DefaultKeys returns every action's default keys, by action name, as a
// new map.
func DefaultKeys() map[string][]string {
	keys := map[string][]string{}
	for _, a := range KeyActions() {
		keys[a.Name] = a.Keys
	}
	return keys
}
