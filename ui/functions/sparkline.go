package functions

import (
	"strings"

	"github.com/sinchtop/sinchtop/model"
)

// bars are the eight heights of a sparkline cell, lowest first.
var bars = []rune("▁▂▃▄▅▆▇█")

// sparkline draws a series in at most width cells, newest at the right.
// When the series has more buckets than cells, neighbouring buckets are
// summed, so the line still covers the whole hour. Unknown buckets count as
// zero; a series with no buckets draws nothing.
func sparkline(s model.Series, width int) string {
	n := len(s.Points)
	if n == 0 || width <= 0 {
		return ""
	}

	per := (n + width - 1) / width
	cells := (n + per - 1) / per
	sums := make([]float64, cells)
	// Group from the newest bucket back, so the newest cell is whole.
	for i := n - 1; i >= 0; i-- {
		p := s.Points[i]
		if p.Known && p.Value > 0 {
			sums[cells-1-(n-1-i)/per] += p.Value
		}
	}

	peak := 0.0
	for _, v := range sums {
		peak = max(peak, v)
	}
	var b strings.Builder
	b.Grow(cells * 3)
	for _, v := range sums {
		level := 0
		if peak > 0 {
			level = min(int(v/peak*float64(len(bars)-1)+0.5), len(bars)-1)
		}
		b.WriteRune(bars[level])
	}
	return b.String()
}
