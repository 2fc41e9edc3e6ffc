package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sinchtop/sinchtop/model/settings"
)

// The README's settings section lies between these markers; its yaml block
// is the output of `sinchtop config example`.
const (
	readmePath     = "../../README.md"
	settingsBegin  = "<!-- settings:begin -->"
	settingsEnd    = "<!-- settings:end -->"
	yamlFence      = "```yaml\n"
	closingFence   = "\n```"
	regenerateHint = "go test ./ui/cli -run TestREADMESettings -update"
)

func TestConfigExample(t *testing.T) {
	env, _ := testEnv(t)
	r := runCLI(t, env, "config", "example")
	if r.code != 0 || r.stderr != "" {
		t.Fatalf("config example: exit %d, stderr %q", r.code, r.stderr)
	}
	if r.stdout != string(settings.Example()) {
		t.Errorf("config example printed\n%s\nwant settings.Example()\n%s", r.stdout,
			settings.Example())
	}

	path := filepath.Join(env.home, ".config/sinchtop/config.yaml")
	writeFile(t, path, r.stdout)
	check := runCLI(t, env, "config", "check")
	if check.code != 0 || check.stdout != path+": ok\n" {
		t.Errorf("config check of the example: exit %d, %q%s", check.code, check.stdout,
			check.stderr)
	}
}

// TestREADMESettings checks that README.md shows what `sinchtop config
// example` prints; with -update it rewrites that block and nothing else.
func TestREADMESettings(t *testing.T) {
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	env, _ := testEnv(t)
	r := runCLI(t, env, "config", "example")
	if r.code != 0 {
		t.Fatalf("config example: exit %d: %s", r.code, r.stderr)
	}

	start, end, err := settingsBlock(readme)
	if err != nil {
		t.Fatalf("%s: %v", readmePath, err)
	}
	if *update {
		rewritten := slices.Concat(readme[:start], []byte(r.stdout), readme[end:])
		if err := os.WriteFile(readmePath, rewritten, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}

	if got := string(readme[start:end]); got != r.stdout {
		t.Errorf("README.md's settings example is not what `sinchtop config example` prints "+
			"(%s); regenerate it with:\n\t%s", firstDifference(got, r.stdout), regenerateHint)
	}
}

func TestSettingsBlock(t *testing.T) {
	good := "intro\n" + settingsBegin + "\n## Settings\n\n" + yamlFence + "a: 1\n```\n" +
		settingsEnd + "\nafter\n"
	start, end, err := settingsBlock([]byte(good))
	if err != nil || good[start:end] != "a: 1\n" {
		t.Errorf("settingsBlock = %q, %v; want \"a: 1\\n\"", good[max(start, 0):max(end, 0)], err)
	}

	for name, readme := range map[string]string{
		"no markers":     "# sinchtop\n",
		"no end":         settingsBegin + "\n" + yamlFence + "a: 1\n```\n",
		"end first":      settingsEnd + "\n" + settingsBegin + "\n",
		"two sections":   good + good,
		"no yaml block":  settingsBegin + "\ntext\n" + settingsEnd + "\n",
		"unclosed block": settingsBegin + "\n" + yamlFence + "a: 1\n" + settingsEnd + "\n",
		"block past end": settingsBegin + "\n" + yamlFence + settingsEnd + "\n```\n",
		"fence mid-line": settingsBegin + "\ntext " + yamlFence + "a\n```\n" + settingsEnd,
		"empty section":  settingsBegin + settingsEnd,
	} {
		if _, _, err := settingsBlock([]byte(readme)); err == nil {
			t.Errorf("%s: settingsBlock found a block in %q", name, readme)
		}
	}
}

// settingsBlock finds the content of the yaml block in the README's
// settings section, from its first line to the closing fence.
func settingsBlock(readme []byte) (start, end int, err error) {
	begin := bytes.Index(readme, []byte(settingsBegin))
	stop := bytes.Index(readme, []byte(settingsEnd))
	switch {
	case begin < 0 || stop < 0:
		return -1, -1, fmt.Errorf("no settings section: add %s and %s around it",
			settingsBegin, settingsEnd)
	case stop < begin:
		return -1, -1, fmt.Errorf("%s comes before %s", settingsEnd, settingsBegin)
	case bytes.Count(readme, []byte(settingsBegin)) > 1 ||
		bytes.Count(readme, []byte(settingsEnd)) > 1:
		return -1, -1, errors.New("more than one settings section")
	}

	section := string(readme[begin:stop])
	open := strings.Index(section, "\n"+yamlFence)
	if open < 0 {
		return -1, -1, fmt.Errorf("the settings section has no %q line",
			strings.TrimSpace(yamlFence))
	}
	open += 1 + len(yamlFence)
	closing := strings.Index(section[open-1:], closingFence+"\n")
	if closing < 0 {
		return -1, -1, errors.New("the settings section's yaml block is not closed")
	}
	return begin + open, begin + open + closing, nil
}

// firstDifference says where got and want first differ, by line.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d of the block is %q, want %q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("the block has %d lines, want %d", len(g), len(w))
}
