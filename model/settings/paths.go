package settings

import "path/filepath"

// appName names sinchtop's folders under the XDG directories.
const appName = "sinchtop"

// ConfigPath returns the settings file's path: config.yaml in the sinchtop
// folder of $XDG_CONFIG_HOME, or of home/.config when that variable is unset
// or not an absolute path (as the XDG specification asks).
func ConfigPath(env map[string]string, home string) string {
	return filepath.Join(xdgDir(env, "XDG_CONFIG_HOME", home, ".config"), appName, "config.yaml")
}

// StateDir returns the folder for sinchtop's logs: the sinchtop folder of
// $XDG_STATE_HOME, or of home/.local/state.
func StateDir(env map[string]string, home string) string {
	return filepath.Join(xdgDir(env, "XDG_STATE_HOME", home, ".local/state"), appName)
}

func xdgDir(env map[string]string, name, home, fallback string) string {
	if dir := env[name]; filepath.IsAbs(dir) {
		return dir
	}
	return filepath.Join(home, fallback)
}
