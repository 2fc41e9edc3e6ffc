package app

import (
	"slices"

	"github.com/sinchtop/sinchtop/api"
	"github.com/sinchtop/sinchtop/model"
)

// maxRecentMetrics bounds the metrics answers kept for functions looked at.
const maxRecentMetrics = 16

// recentMetrics keeps the last metrics answers of the functions the user
// looked at, so that going back to one, or drilling into it, shows its
// charts at once instead of "loading" until the next fetch.
type recentMetrics struct {
	order   []model.Fetch
	answers map[model.Fetch]api.Metrics
}

func newRecentMetrics() *recentMetrics {
	return &recentMetrics{answers: map[model.Fetch]api.Metrics{}}
}

func metricsKey(id string, r api.TimeRange) model.Fetch {
	return model.Fetch{Kind: model.FetchMetrics, FunctionID: id, Range: r}
}

func (c *recentMetrics) put(id string, r api.TimeRange, m api.Metrics) {
	k := metricsKey(id, r)
	if i := slices.Index(c.order, k); i >= 0 {
		c.order = slices.Delete(c.order, i, i+1)
	}
	c.order = append(c.order, k)
	c.answers[k] = m
	if len(c.order) > maxRecentMetrics {
		delete(c.answers, c.order[0])
		c.order = c.order[1:]
	}
}

func (c *recentMetrics) get(id string, r api.TimeRange) (api.Metrics, bool) {
	m, ok := c.answers[metricsKey(id, r)]
	return m, ok
}
