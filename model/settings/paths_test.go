package settings

import "testing"

func TestPaths(t *testing.T) {
	tests := []struct {
		name          string
		env           map[string]string
		config, state string
	}{
		{"defaults", nil, "/h/.config/sinchtop/config.yaml", "/h/.local/state/sinchtop"},
		{"XDG variables", map[string]string{"XDG_CONFIG_HOME": "/x/c", "XDG_STATE_HOME": "/x/s"},
			"/x/c/sinchtop/config.yaml", "/x/s/sinchtop"},
		{"relative XDG variables are ignored",
			map[string]string{"XDG_CONFIG_HOME": "c", "XDG_STATE_HOME": "s"},
			"/h/.config/sinchtop/config.yaml", "/h/.local/state/sinchtop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ConfigPath(tt.env, "/h"); got != tt.config {
				t.Errorf("ConfigPath = %q, want %q", got, tt.config)
			}
			if got := StateDir(tt.env, "/h"); got != tt.state {
				t.Errorf("StateDir = %q, want %q", got, tt.state)
			}
		})
	}
}
