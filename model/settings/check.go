package settings

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
)

// checker validates decoded settings, putting back the default of each
// value out of range and reporting it at the line the decoder recorded.
type checker struct {
	d   *decoder
	def File
}

// check validates f in place.
func check(d *decoder, f *File) {
	c := checker{d: d, def: Defaults()}

	c.theme(&f.Theme)
	c.refresh(&f.Refresh)
	c.buffers(&f.Buffers)
	c.alerts(&f.Alerts)
	c.keys(f.Keys)
	for name, p := range f.Profiles {
		f.Profiles[name] = c.profile(join("profiles", name), p)
	}

	slices.SortStableFunc(d.problems, func(a, b Problem) int { return a.Line - b.Line })
}

// report records a problem about field at the line of its value.
func (c checker) report(field, format string, args ...any) {
	c.d.report(c.line(field), field, format, args...)
}

// line finds the line of field's value, or of its nearest parent.
func (c checker) line(field string) int {
	for field != "" {
		if line, ok := c.d.lines[field]; ok {
			return line
		}
		cut := strings.LastIndexAny(field, ".[")
		if cut < 0 {
			break
		}
		field = field[:cut]
	}
	return 1
}

func (c checker) theme(t *Theme) {
	if slices.Contains(Themes(), *t) {
		return
	}
	names := make([]string, 0, len(Themes()))
	for _, name := range Themes() {
		names = append(names, string(name))
	}
	c.report("theme", "unknown theme %s (want one of %s)", quoted(string(*t)),
		strings.Join(names, ", "))
	*t = c.def.Theme
}

func (c checker) refresh(r *Refresh) {
	c.duration("refresh.functions", &r.Functions, c.def.Refresh.Functions,
		2*time.Second, time.Hour)
	c.duration("refresh.metrics", &r.Metrics, c.def.Refresh.Metrics,
		10*time.Second, time.Hour)
	c.duration("refresh.focused", &r.Focused, c.def.Refresh.Focused,
		time.Second, time.Hour)
	c.duration("refresh.billing", &r.Billing, c.def.Refresh.Billing,
		time.Minute, 24*time.Hour)
}

func (c checker) buffers(b *Buffers) {
	if b.Requests < 100 || b.Requests > 1_000_000 {
		c.report("buffers.requests", "%d is out of range (100 to 1000000)", b.Requests)
		b.Requests = c.def.Buffers.Requests
	}
	if b.Bytes < MiB || b.Bytes > 4*GiB {
		c.report("buffers.bytes", "%s is out of range (1MiB to 4GiB)", b.Bytes)
		b.Bytes = c.def.Buffers.Bytes
	}
}

func (c checker) alerts(a *Alerts) {
	def := c.def.Alerts
	c.number("alerts.errorRate.threshold", &a.ErrorRate.Threshold,
		def.ErrorRate.Threshold, 0, 100)
	c.duration("alerts.errorRate.window", &a.ErrorRate.Window, def.ErrorRate.Window,
		time.Minute, 24*time.Hour)
	c.number("alerts.p95.thresholdMs", &a.P95.ThresholdMs, def.P95.ThresholdMs, 0, 600_000)
	c.durationOrOff("alerts.streamDown", &a.StreamDown, def.StreamDown,
		10*time.Second, 24*time.Hour)
	c.number("alerts.monthlyBudget", &a.MonthlyBudget, def.MonthlyBudget, 0, 1e9)

	for name, o := range a.Functions {
		a.Functions[name] = c.override(join("alerts.functions", name), o)
	}
}

// override checks one function's alert override, dropping wrong values so
// that the project-wide ones apply.
func (c checker) override(field string, o AlertOverride) AlertOverride {
	o.ErrorRate.Threshold = c.optionalNumber(join(field, "errorRate.threshold"),
		o.ErrorRate.Threshold, 0, 100)
	o.ErrorRate.Window = c.optionalDuration(join(field, "errorRate.window"),
		o.ErrorRate.Window, time.Minute, 24*time.Hour, false)
	o.P95.ThresholdMs = c.optionalNumber(join(field, "p95.thresholdMs"),
		o.P95.ThresholdMs, 0, 600_000)
	o.StreamDown = c.optionalDuration(join(field, "streamDown"),
		o.StreamDown, 10*time.Second, 24*time.Hour, true)
	return o
}

// profile checks one profile and fills in its secret timeout.
func (c checker) profile(field string, p Profile) Profile {
	if p.ProjectID != "" && !validProjectID(p.ProjectID) {
		c.report(join(field, "projectId"), "%s is not a project ID", quoted(p.ProjectID))
		p.ProjectID = ""
	}
	p.APIURL = c.url(join(field, "apiUrl"), p.APIURL)
	p.AuthURL = c.url(join(field, "authUrl"), p.AuthURL)
	if len(p.SecretCommand) > 0 && strings.TrimSpace(p.SecretCommand[0]) == "" {
		c.report(join(field, "secretCommand"), "the program to run cannot be empty")
		p.SecretCommand = nil
	}

	if p.SecretTimeout == 0 {
		p.SecretTimeout = defaultSecretTimeout
	}
	c.duration(join(field, "secretTimeout"), &p.SecretTimeout, defaultSecretTimeout,
		time.Second, 5*time.Minute)
	return p
}

// url returns s, or "" after reporting why when s is set but is not an
// http or https URL.
func (c checker) url(field, s string) string {
	if s == "" {
		return s
	}
	if err := checkURL(s); err != nil {
		c.report(field, "%v", err)
		return ""
	}
	return s
}

// duration checks that *d is within [low, high].
func (c checker) duration(field string, d *time.Duration, def, low, high time.Duration) {
	if *d >= low && *d <= high {
		return
	}
	c.report(field, "%s is out of range (%s to %s)", *d, low, high)
	*d = def
}

// durationOrOff is duration that also accepts 0, meaning off.
func (c checker) durationOrOff(field string, d *time.Duration, def, low, high time.Duration) {
	if *d == 0 {
		return
	}
	if *d >= low && *d <= high {
		return
	}
	c.report(field, "%s is out of range (0 for off, or %s to %s)", *d, low, high)
	*d = def
}

// number checks that *v is within [low, high].
func (c checker) number(field string, v *float64, def, low, high float64) {
	if *v >= low && *v <= high {
		return
	}
	c.report(field, "%g is out of range (%g to %g)", *v, low, high)
	*v = def
}

// optionalNumber checks a number an override may leave out.
func (c checker) optionalNumber(field string, v *float64, low, high float64) *float64 {
	if v == nil || (*v >= low && *v <= high) {
		return v
	}
	c.report(field, "%g is out of range (%g to %g)", *v, low, high)
	return nil
}

// optionalDuration checks a duration an override may leave out.
func (c checker) optionalDuration(field string, d *time.Duration, low, high time.Duration,
	zeroIsOff bool) *time.Duration {
	if d == nil || (*d >= low && *d <= high) || (zeroIsOff && *d == 0) {
		return d
	}
	c.report(field, "%s is out of range (%s to %s)", *d, low, high)
	return nil
}

// validProjectID reports whether id can be a project ID: it goes into URL
// paths, so it holds no slash, space, query or control character.
func validProjectID(id string) bool {
	if len(id) > 200 {
		return false
	}
	return !strings.ContainsFunc(id, func(r rune) bool {
		return r == '/' || r == '?' || r == '#' || r == '%' || unicode.IsSpace(r) ||
			unicode.IsControl(r)
	})
}

// checkURL reports why s is not an absolute http or https URL.
func checkURL(s string) error {
	u, err := url.Parse(s)
	if err == nil && u.User != nil {
		return fmt.Errorf("a URL must not hold a user name or password")
	}
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("%s is not an http or https URL", quoted(s))
	}
	return nil
}
