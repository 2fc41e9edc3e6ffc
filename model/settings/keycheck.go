package settings

import (
	"fmt"
	"slices"
	"strings"
)

// keyContext is a place in the dashboard and the actions whose keys work
// there at once, so that no key may do two of them.
type keyContext struct {
	where   string   // "in the request list", for messages
	members []string // scopes, or whole action names
}

// keyContexts lists every place keys work. The root takes its global keys
// before a pane sees them, so global actions are in every context but
// those where text is typed or the help overlay or a list is open, which
// take every key but ctrl+c (global.forceQuit). A question's yes and no keys
// go before every other key but ctrl+c while it is asked.
func keyContexts() []keyContext {
	return []keyContext{
		{"in the functions list", []string{"global", "functions"}},
		{"in the request list", []string{"global", "logs"}},
		{"in the metrics pane", []string{"global", "metrics"}},
		{"in the billing pane", []string{"global", "billing"}},
		{"in one function's view", []string{"global", "detail", "logs", "metrics"}},
		{"over one request", []string{"global", "request"}},
		{"while a filter is typed", []string{"global.forceQuit", "filter"}},
		{"while a search is typed", []string{"global.forceQuit", "search"}},
		{"in the help overlay", []string{"global.forceQuit", "help"}},
		{"in the list of alerts", []string{"global.forceQuit", "alerts"}},
		{"in the list of profiles", []string{"global.forceQuit", "profiles"}},
		{"while a question is asked", []string{"global.forceQuit", "prompt"}},
	}
}

// sharesKeys reports whether actions a and b may have a key in common:
// the root hands the global back key on to the view it goes back from.
func sharesKeys(a, b string) bool {
	switch [2]string{min(a, b), max(a, b)} {
	case [2]string{"detail.back", "global.back"}, [2]string{"global.back", "request.back"}:
		return true
	}
	return false
}

// has reports whether action a works in context x.
func (x keyContext) has(a Action) bool {
	return slices.Contains(x.members, a.Name) || slices.Contains(x.members, a.Scope())
}

// keys checks key bindings: known actions; keys that the terminal can send,
// each listed once; and no key doing two things in one place. "space" is
// accepted for the space bar and stored as " ". A wrong binding keeps the
// action's default keys.
func (c checker) keys(keys map[string][]string) {
	actions := KeyActions()
	defaults := DefaultKeys()

	names := make([]string, 0, len(keys))
	for name := range keys {
		names = append(names, name)
	}
	slices.Sort(names)

	for _, name := range names {
		field := join("keys", name)
		if _, known := defaults[name]; !known {
			c.report(field, "%s", unknownAction(name, actions))
			delete(keys, name)
			continue
		}

		list := keys[name]
		for i, key := range list {
			list[i] = NormalizeKey(key)
		}
		if msg, i := badKeys(list); msg != "" {
			c.d.report(c.line(fmt.Sprintf("%s[%d]", field, max(i, 0))), field, "%s", msg)
			keys[name] = defaults[name]
		}
	}

	c.clashes(keys, actions, defaults)
}

// badKeys says what is wrong with a list of keys and at which one, or "".
func badKeys(list []string) (string, int) {
	if len(list) == 0 {
		return "want at least one key", -1
	}
	for i, key := range list {
		if msg := CheckKey(key); msg != "" {
			return msg, i
		}
		if slices.Index(list, key) < i {
			return fmt.Sprintf("key %s is listed twice", quoted(key)), i
		}
	}
	return "", -1
}

// unknownAction says that name is no action, and what was likely meant.
func unknownAction(name string, actions []Action) string {
	scope, verb, scoped := strings.Cut(name, ".")
	if !scoped {
		scope, verb = "", name
	}

	var like, inScope []string
	scopes := []string{}
	for _, a := range actions {
		_, v, _ := strings.Cut(a.Name, ".")
		if strings.EqualFold(v, verb) {
			like = append(like, a.Name)
		}
		if a.Scope() == scope {
			inScope = append(inScope, a.Name)
		}
		if !slices.Contains(scopes, a.Scope()) {
			scopes = append(scopes, a.Scope())
		}
	}

	msg := fmt.Sprintf("unknown action %s", quoted(name))
	switch {
	case len(like) > 0:
		return fmt.Sprintf("%s: actions are named by where they work (did you mean %s?)",
			msg, strings.Join(like, " or "))
	case len(inScope) > 0:
		return fmt.Sprintf("%s (known here: %s)", msg, strings.Join(inScope, ", "))
	}
	return fmt.Sprintf("%s: want a scope (%s), a dot and an action, such as logs.pause",
		msg, strings.Join(scopes, ", "))
}

// keyClash is one key bound to two actions that work in the same place.
type keyClash struct {
	key, first, second, where string
}

// clashes finds keys that do two things in one place and puts back the
// default keys of the action the file changed (of the two, the one written
// last), until no key clashes. The defaults never clash, so each round puts
// back one changed action and the rounds are bounded.
func (c checker) clashes(keys map[string][]string, actions []Action, defaults map[string][]string) {
	bound := func(name string) []string {
		if list, ok := keys[name]; ok {
			return list
		}
		return defaults[name]
	}

	for range actions {
		clash, found := firstClash(bound, actions)
		if !found {
			return
		}

		changed := func(name string) bool { return !slices.Equal(bound(name), defaults[name]) }
		keep, back := clash.first, clash.second
		if !changed(back) ||
			(changed(keep) && c.line(join("keys", keep)) > c.line(join("keys", back))) {
			keep, back = back, keep
		}
		if !changed(back) || keys == nil {
			return // cannot happen: the defaults never clash
		}

		c.report(join("keys", back), "key %s is also bound to %s, and both work %s; "+
			"keeping the default %s", quoted(clash.key), keep, clash.where,
			quotedList(defaults[back]))
		keys[back] = defaults[back]
	}
}

// firstClash finds a key bound to two actions that work in one place.
func firstClash(bound func(string) []string, actions []Action) (keyClash, bool) {
	for _, x := range keyContexts() {
		owner := map[string]string{}
		for _, a := range actions {
			if !x.has(a) {
				continue
			}
			for _, key := range bound(a.Name) {
				first, taken := owner[key]
				if taken && first != a.Name && !sharesKeys(first, a.Name) {
					return keyClash{key: key, first: first, second: a.Name, where: x.where}, true
				}
				owner[key] = a.Name
			}
		}
	}
	return keyClash{}, false
}

// quotedList writes keys quoted and joined by commas.
func quotedList(keys []string) string {
	out := make([]string, len(keys))
	for i, key := range keys {
		out[i] = quoted(key)
	}
	return strings.Join(out, ", ")
}
