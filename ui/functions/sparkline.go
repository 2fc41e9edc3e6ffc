package functions

import (
	"strings"

	"github.com/sinchtop/sinchtop/model"
)

// bars are the eight heights of a sparkline cell, lowest first.
var bars = []rune("▁▂▃▄▅▆▇█")

// sparkline draws a series in at most width cells, newest at the right.
// With more buckets than cells, each cell shows the mean of the buckets it
// covers, so the line spans the whole hour at an even scale. Unknown
// buckets count as zero; a series with no buckets draws nothing.
func sparkline(s model.Series, width int) string {
	n := len(s.Points)
	if n == 0 || width <= 0 {
		return ""
	}

	cells := min(n, width)
	sums := make([]float64, cells)
	counts := make([]int, cells)
	for i, p := range s.Points {
		c := i * cells / n
		counts[c]++
		if p.Known && p.Value > 0 {
			sums[c] += p.Value
		}
	}

	peak := 0.0
	for c := range sums {
		sums[c] /= float64(counts[c])
		peak = max(peak, sums[c])
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
