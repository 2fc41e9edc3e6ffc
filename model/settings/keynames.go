package settings

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// KeyNames returns the names the terminal library gives the keys that are
// not characters, as a new slice: "enter", "ctrl+r", "shift+tab", "f5".
// A binding is one of these or one printable character, either of them
// optionally after "alt+".
func KeyNames() []string {
	names := []string{
		"ctrl+@", "ctrl+\\", "ctrl+]", "ctrl+^", "ctrl+_",
		"enter", "tab", "esc", "backspace", "delete", "insert",
		"up", "down", "left", "right", "shift+tab",
		"home", "end", "pgup", "pgdown",
		"ctrl+home", "ctrl+end", "shift+home", "shift+end",
		"ctrl+shift+home", "ctrl+shift+end", "ctrl+pgup", "ctrl+pgdown",
		"ctrl+up", "ctrl+down", "ctrl+left", "ctrl+right",
		"shift+up", "shift+down", "shift+left", "shift+right",
		"ctrl+shift+up", "ctrl+shift+down", "ctrl+shift+left", "ctrl+shift+right",
	}
	// ctrl+i, ctrl+m and ctrl+[ arrive as tab, enter and esc.
	for c := 'a'; c <= 'z'; c++ {
		if c != 'i' && c != 'm' {
			names = append(names, "ctrl+"+string(c))
		}
	}
	for n := 1; n <= 20; n++ {
		names = append(names, fmt.Sprintf("f%d", n))
	}
	return names
}

// keyAlias returns the terminal library's name for a name people write
// for a key the library names otherwise.
func keyAlias(name string) (string, bool) {
	switch name {
	case "escape", "ctrl+[":
		return "esc", true
	case "return", "ret", "ctrl+m":
		return "enter", true
	case "del":
		return "delete", true
	case "ins":
		return "insert", true
	case "pagedown", "pgdn":
		return "pgdown", true
	case "pageup":
		return "pgup", true
	case "spacebar":
		return "space", true
	case "ctrl+i":
		return "tab", true
	case "ctrl+space":
		return "ctrl+@", true
	case "bs":
		return "backspace", true
	}
	return "", false
}

// NormalizeKey turns the names the settings file accepts for the space bar
// ("space", "alt+space") into the terminal library's (" ", "alt+ ").
func NormalizeKey(key string) string {
	rest, alt := strings.CutPrefix(key, "alt+")
	if strings.EqualFold(rest, "space") {
		rest = " "
	}
	if alt {
		return "alt+" + rest
	}
	return rest
}

// CheckKey says why key cannot be bound, or returns "" when it can: a key
// is one of KeyNames or one printable character ("q", "G", "?", " "),
// either optionally after "alt+". Call NormalizeKey first.
func CheckKey(key string) string {
	rest, _ := strings.CutPrefix(key, "alt+")
	if slices.Contains(KeyNames(), rest) || isCharacterKey(rest) {
		return ""
	}

	if key == "" {
		return "a key cannot be empty"
	}
	msg := fmt.Sprintf("%s is not a key the terminal sends: want one character or a "+
		"key name such as enter, esc, tab, space, ctrl+r, shift+tab, pgup or f5", quoted(key))
	if hint := keyHint(rest); hint != "" {
		msg = fmt.Sprintf("%s is not a key the terminal sends (did you mean %s?)",
			quoted(key), quoted(strings.TrimSuffix(key, rest)+hint))
	}
	return msg
}

// isCharacterKey reports whether s is one printable character that stands
// on its own: not a combining mark, which help could not draw alone.
func isCharacterKey(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	return size > 0 && size == len(s) && r != utf8.RuneError &&
		(r == ' ' || unicode.IsPrint(r)) && !unicode.Is(unicode.M, r)
}

// keyHint guesses the key name meant by a wrong one, or returns "".
func keyHint(s string) string {
	lower := strings.ToLower(s)
	if alias, ok := keyAlias(lower); ok {
		return alias
	}
	if slices.Contains(KeyNames(), lower) {
		return lower
	}
	if c, ok := strings.CutPrefix(lower, "shift+"); ok && len(c) == 1 && c[0] >= 'a' &&
		c[0] <= 'z' {
		return strings.ToUpper(c)
	}
	return ""
}
