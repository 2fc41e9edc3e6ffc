package theme

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/sinchtop/sinchtop/api"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestMain(m *testing.M) {
	lipgloss.SetColorProfile(termenv.Ascii)
	os.Exit(m.Run())
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestBoxGolden(t *testing.T) {
	st := New(Options{Name: NameNone})
	body := "first line that is far too long for the box\nsecond\nthird\nfourth"
	cases := []struct {
		name          string
		title, status string
		w, h          int
		focused       bool
	}{
		{"box_rest_30x5", "Functions 8", "", 30, 5, false},
		{"box_focused_30x5", "Functions 8", "", 30, 5, true},
		{"box_status_40x4", "Live · ivr", "● live · 12 kept", 40, 4, false},
		{"box_status_dropped_20x4", "Live · ivr-handler", "● live · 12 kept", 20, 4, false},
		{"box_long_title_10x3", "A title far wider than the box", "", 10, 3, true},
		{"box_tiny_1x3", "T", "", 1, 3, false},
		{"box_tiny_6x1", "Title", "", 6, 1, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := BoxStatus(st, tc.title, tc.status, body, tc.w, tc.h, tc.focused)
			golden(t, tc.name, got)
		})
	}
}

func TestBoxExactSizeEverywhere(t *testing.T) {
	st := New(Options{})
	body := "wide ✖ line with a double-width 日本語 run and more text\n\nx"
	for w := 0; w <= 40; w++ {
		for h := 0; h <= 12; h++ {
			for _, focused := range []bool{false, true} {
				got := BoxStatus(st, "Title · 日本", "status", body, w, h, focused)
				if w == 0 || h == 0 {
					if got != "" {
						t.Fatalf("%d×%d: want empty, got %q", w, h, got)
					}
					continue
				}
				checkSize(t, fmt.Sprintf("%d×%d", w, h), got, w, h)
			}
		}
	}
}

func checkSize(t *testing.T, where, s string, w, h int) {
	t.Helper()
	lines := strings.Split(s, "\n")
	if len(lines) != h {
		t.Fatalf("%s: %d lines, want %d:\n%s", where, len(lines), h, s)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw != w {
			t.Fatalf("%s: line %d is %d cells, want %d: %q", where, i, lw, w, l)
		}
	}
}

func TestFitBlock(t *testing.T) {
	cases := []struct {
		in   string
		w, h int
		want string
	}{
		{"abc", 2, 1, "ab"},
		{"a\nb\nc", 2, 2, "a \nb "},
		{"", 3, 2, "   \n   "},
		{"x", 0, 2, ""},
		{"日本", 3, 1, "日 "},
	}
	for _, tc := range cases {
		if got := FitBlock(tc.in, tc.w, tc.h); got != tc.want {
			t.Errorf("FitBlock(%q, %d, %d) = %q, want %q", tc.in, tc.w, tc.h, got, tc.want)
		}
	}
}

func TestNewEveryTheme(t *testing.T) {
	for _, name := range append(Names(), "", "bogus") {
		st := New(Options{Name: name})
		if st == nil {
			t.Fatalf("New(%q) = nil", name)
		}
		if name == "bogus" && st.Name != NameAuto {
			t.Errorf("unknown theme built %q, want auto", st.Name)
		}
		if st.FunctionColor(-3).Render("x") != "x" || st.FunctionColor(99).Render("y") != "y" {
			t.Errorf("%q: function colours do not render plain text under Ascii", name)
		}
	}
}

func TestValidate(t *testing.T) {
	if err := Validate("dark"); err != nil {
		t.Fatal(err)
	}
	err := Validate("neon")
	if err == nil || !strings.Contains(err.Error(), "high-contrast") {
		t.Fatalf("Validate(neon) = %v, want an error listing the themes", err)
	}
}

func TestStatusSymbolsReadWithoutColour(t *testing.T) {
	seen := map[string]api.Status{}
	for _, s := range []api.Status{api.StatusRunning, api.StatusFailed, api.StatusStopped,
		api.StatusDeploying} {
		sym := StatusSymbol(s)
		if prev, ok := seen[sym]; ok {
			t.Errorf("%s and %s share the symbol %q", prev, s, sym)
		}
		seen[sym] = s
	}
	if StatusSymbol("Exploded") != "?" {
		t.Errorf("unknown status symbol = %q, want ?", StatusSymbol("Exploded"))
	}
}

func TestStatusStyleFollowsSeverity(t *testing.T) {
	st := New(Options{Name: NameDark})
	cases := []struct {
		status api.Status
		want   lipgloss.Style
	}{
		{api.StatusRunning, st.OK},
		{api.StatusFailed, st.Error.Bold(true)},
		{api.StatusStopped, st.Warn},
		{api.StatusQueued, st.Warn},
		{api.StatusPreparingBuild, st.Warn},
		{api.StatusBuilding, st.Warn},
		{api.StatusDeploying, st.Warn},
		{api.StatusCreated, st.Faint},
		{"", st.Faint},
		{"Hibernating", st.Faint},
	}
	for _, tc := range cases {
		got := st.Status(tc.status)
		if got.GetForeground() != tc.want.GetForeground() || got.GetBold() != tc.want.GetBold() {
			t.Errorf("Status(%q) is %v bold %v, want %v bold %v", tc.status,
				got.GetForeground(), got.GetBold(), tc.want.GetForeground(), tc.want.GetBold())
		}
	}
	if st.OK.GetForeground() == st.Warn.GetForeground() {
		t.Fatal("ok and warn share a colour: this test cannot tell them apart")
	}
}
