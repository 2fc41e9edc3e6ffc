package sim

import (
	"time"
)

// The simulator's own wire types. They are deliberately independent of
// package api's, so that a mistake on one side shows up as a failing test
// instead of agreeing with itself.

// timeLayout is RFC 3339 with milliseconds, in UTC.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

// Time is a time that encodes as RFC 3339 with milliseconds, in UTC.
type Time struct{ time.Time }

// MarshalJSON renders the time as a JSON string in timeLayout.
func (t Time) MarshalJSON() ([]byte, error) {
	return appendTime(make([]byte, 0, len(timeLayout)+2), t), nil
}

// LogLine is one console line of a request.
type LogLine struct {
	Level     string `json:"level"`
	Message   string `json:"message"`
	Timestamp Time   `json:"timestamp"`
}

// Request is one request/response cycle as the logs endpoint and the
// stream send it.
type Request struct {
	ID              string            `json:"id"`
	HTTPMethod      string            `json:"httpMethod"`
	URL             string            `json:"url"`
	StatusCode      int               `json:"statusCode"`
	ExecutionTimeMs int               `json:"executionTimeMs"`
	MemoryUsedMB    int               `json:"memoryUsedMB"`
	StartTime       Time              `json:"startTime"`
	EndTime         Time              `json:"endTime"`
	Logs            []LogLine         `json:"logs"`
	RequestHeaders  map[string]string `json:"requestHeaders"`
	RequestBody     string            `json:"requestBody"`
	ResponseHeaders map[string]string `json:"responseHeaders"`
	ResponseBody    string            `json:"responseBody"`
}

// MaxLevel is the highest console level of the request ("" if it wrote
// nothing), in the API's spelling.
func (r *Request) MaxLevel() string {
	best := levelNone
	for _, l := range r.Logs {
		for i, name := range levelNames {
			if name == l.Level && uint8(i) > best {
				best = uint8(i)
			}
		}
	}
	return levelNames[best]
}

type functionJSON struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Runtime   string `json:"runtime"`
	Status    string `json:"status"`
	CreatedAt Time   `json:"createdAt"`
	UpdatedAt Time   `json:"updatedAt"`
}

type functionListJSON struct {
	Functions []functionJSON `json:"functions"`
	Total     int            `json:"total"`
}

type statusJSON struct {
	FunctionID string  `json:"functionId"`
	Status     string  `json:"status"`
	Error      *string `json:"error"`
	URL        string  `json:"url"`
}

type paginationJSON struct {
	Page       int   `json:"page"`
	PageSize   int   `json:"pageSize"`
	TotalCount int64 `json:"totalCount"`
	TotalPages int64 `json:"totalPages"`
}

type logPageJSON struct {
	Requests   []Request      `json:"requests"`
	Pagination paginationJSON `json:"pagination"`
}

type summaryJSON struct {
	TotalRequests   int64   `json:"totalRequests"`
	AvgResponseTime float64 `json:"avgResponseTime"`
	ErrorRate       float64 `json:"errorRate"`
	AvgMemory       float64 `json:"avgMemory"`
	AvgCPUUsage     float64 `json:"avgCpuUsage"`
}

type responseTimeJSON struct {
	Timestamp           Time    `json:"timestamp"`
	AverageResponseTime float64 `json:"averageResponseTime"`
	P95ResponseTime     float64 `json:"p95ResponseTime"`
}

type volumeJSON struct {
	Timestamp     Time  `json:"timestamp"`
	TotalRequests int64 `json:"totalRequests"`
}

type errorRateJSON struct {
	Timestamp Time    `json:"timestamp"`
	ErrorRate float64 `json:"errorRate"`
}

type metricsJSON struct {
	FunctionName        string             `json:"functionName"`
	TimeRange           string             `json:"timeRange"`
	Summary             summaryJSON        `json:"summary"`
	ResponseTimeSeries  []responseTimeJSON `json:"responseTimeSeries"`
	RequestVolumeSeries []volumeJSON       `json:"requestVolumeSeries"`
	ErrorRateSeries     []errorRateJSON    `json:"errorRateSeries"`
}

type functionCostJSON struct {
	FunctionID   string  `json:"functionId"`
	FunctionName string  `json:"functionName"`
	Cost         float64 `json:"cost"`
}

type billingJSON struct {
	PeriodStart Time               `json:"periodStart"`
	PeriodEnd   Time               `json:"periodEnd"`
	Currency    string             `json:"currency"`
	TotalCost   float64            `json:"totalCost"`
	Functions   []functionCostJSON `json:"functions"`
}

type costItemJSON struct {
	Item     string  `json:"item"`
	Quantity float64 `json:"quantity"`
	Unit     string  `json:"unit"`
	UnitCost float64 `json:"unitCost"`
	Cost     float64 `json:"cost"`
}

type costsJSON struct {
	FunctionID  string         `json:"functionId"`
	Period      string         `json:"period"`
	PeriodStart Time           `json:"periodStart"`
	PeriodEnd   Time           `json:"periodEnd"`
	Currency    string         `json:"currency"`
	TotalCost   float64        `json:"totalCost"`
	Breakdown   []costItemJSON `json:"breakdown"`
}

type tokenJSON struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
}

type oauthErrorJSON struct {
	Error       string `json:"error"`
	Description string `json:"error_description,omitempty"`
}

type errorJSON struct {
	Error     string `json:"error"`
	Parameter string `json:"parameter,omitempty"`
	Message   string `json:"message"`
}

type problemJSON struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
}
