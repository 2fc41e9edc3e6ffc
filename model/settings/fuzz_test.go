package settings

import "testing"

// FuzzLoadSettings feeds arbitrary bytes to the settings parser: it never
// panics, every problem names the file and a line within it, and the
// settings it returns pass their own checks.
func FuzzLoadSettings(f *testing.F) {
	f.Add([]byte(fullFile))
	f.Add([]byte(""))
	f.Add([]byte("theme: [\n"))

	f.Fuzz(func(t *testing.T, data []byte) {
		file, problems := Parse("f.yaml", data)

		lines := countLines(data)
		for _, p := range problems {
			if p.Path != "f.yaml" || p.Line < 1 || p.Line > lines+1 {
				t.Errorf("problem %q names no line of the %d-line file", p, lines)
			}
		}
		if len(problems) > maxProblems+1 {
			t.Errorf("%d problems, more than the bound", len(problems))
		}

		d := newDecoder("f.yaml")
		check(d, &file)
		if len(d.problems) != 0 {
			t.Errorf("the settings returned fail their checks: %q", d.problems)
		}
	})
}
