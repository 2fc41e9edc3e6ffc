package metrics

import (
	"math"
	"time"

	"github.com/sinchtop/sinchtop/model"
)

// aggregate says how the buckets that fall into one column combine.
type aggregate int

const (
	aggSum  aggregate = iota // request counts
	aggMean                  // averages and rates
	aggMax                   // percentiles: the worst bucket shows
)

// columns lays s out on n columns spanning [from, to) for bars: a column
// holds the buckets that start in it when buckets are narrower than a
// column, and the bucket that covers its middle when they are wider. A
// column without a known bucket is NaN.
func columns(s model.Series, from, to time.Time, n int, agg aggregate) []float64 {
	return layOut(s, from, to, n, agg, true)
}

// points lays s out on n columns spanning [from, to) for a line: each
// bucket falls in the one column that holds its middle, so a line joins
// bucket to bucket instead of drawing steps.
func points(s model.Series, from, to time.Time, n int, agg aggregate) []float64 {
	return layOut(s, from, to, n, agg, false)
}

func layOut(s model.Series, from, to time.Time, n int, agg aggregate, fill bool) []float64 {
	out := make([]float64, max(n, 0))
	for i := range out {
		out[i] = math.NaN()
	}
	span := to.Sub(from)
	if n <= 0 || span <= 0 {
		return out
	}

	width := span / time.Duration(n)
	counts := make([]int, n)
	for _, p := range s.Points {
		if !p.Known {
			continue
		}
		first, last := columnSpan(p.At, s.Step, from, width, n)
		if !fill {
			c := floorDiv(p.At.Add(s.Step/2).Sub(from), width)
			first, last = c, min(c, n-1)
		}
		for c := first; c <= last; c++ {
			out[c] = combine(out[c], p.Value, counts[c], agg)
			counts[c]++
		}
	}
	return out
}

// columnSpan returns the columns a bucket at "at" lasting step falls into;
// first > last when none.
func columnSpan(at time.Time, step time.Duration, from time.Time, width time.Duration,
	n int) (first, last int) {
	offset := at.Sub(from)
	if step <= width || width <= 0 {
		c := floorDiv(offset, width)
		if c < 0 || c >= n {
			return 1, 0
		}
		return c, c
	}

	// A wide bucket: the columns whose middle lies in [at, at+step).
	first = ceilDiv(offset-width/2, width)
	last = ceilDiv(offset+step-width/2, width) - 1
	return max(first, 0), min(last, n-1)
}

func combine(acc, v float64, count int, agg aggregate) float64 {
	if count == 0 {
		return v
	}
	switch agg {
	case aggSum:
		return acc + v
	case aggMax:
		return max(acc, v)
	}
	return acc + (v-acc)/float64(count+1)
}

func floorDiv(a, b time.Duration) int {
	if b <= 0 {
		return 0
	}
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return int(q)
}

func ceilDiv(a, b time.Duration) int {
	return -floorDiv(-a, b)
}

// highest returns the largest non-NaN value of vs, NaN when there is none.
func highest(vs ...[]float64) float64 {
	top := math.NaN()
	for _, v := range vs {
		for _, x := range v {
			if !math.IsNaN(x) && (math.IsNaN(top) || x > top) {
				top = x
			}
		}
	}
	return top
}
