package api

import (
	"encoding/json"
	"time"
)

// Status is a function's lifecycle state as the API reports it. Values the
// API documents have constants below; anything else is kept as it came.
type Status string

// The documented status values.
const (
	StatusRunning        Status = "Running"
	StatusStopped        Status = "Stopped"
	StatusFailed         Status = "Failed"
	StatusBuilding       Status = "Building"
	StatusDeploying      Status = "Deploying"
	StatusPreparingBuild Status = "PreparingBuild"
	StatusQueued         Status = "Queued"
	StatusCreated        Status = "Created"
)

// Known reports whether s is one of the documented status values.
func (s Status) Known() bool {
	switch s {
	case StatusRunning, StatusStopped, StatusFailed, StatusBuilding,
		StatusDeploying, StatusPreparingBuild, StatusQueued, StatusCreated:
		return true
	}
	return false
}

// Deploying reports whether s is a step of a deploy cycle.
func (s Status) Deploying() bool {
	switch s {
	case StatusQueued, StatusPreparingBuild, StatusBuilding, StatusDeploying, StatusCreated:
		return true
	}
	return false
}

// Function is one entry of GET /functions.
type Function struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Runtime   string    `json:"runtime"`
	Status    Status    `json:"status"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// FunctionList is the answer of GET /functions.
type FunctionList struct {
	Functions []Function `json:"functions"`
	Total     int        `json:"total"`
}

// FunctionStatus is the answer of GET /functions/{id}/status. Error is empty
// when the API sent null.
type FunctionStatus struct {
	FunctionID string `json:"functionId"`
	Status     Status `json:"status"`
	Error      string `json:"error"`
	URL        string `json:"url"`
}

// Level is a console line's severity. The API sends it capitalised
// ("Info"); query parameters take it in lower case.
type Level string

// The documented levels, in the API's spelling.
const (
	LevelDebug   Level = "Debug"
	LevelInfo    Level = "Info"
	LevelWarning Level = "Warning"
	LevelError   Level = "Error"
)

// LogLine is one console line a function wrote while serving a request.
type LogLine struct {
	Level     Level     `json:"level"`
	Message   string    `json:"message"`
	Timestamp time.Time `json:"timestamp"`
}

// Request is one request/response cycle: a record of the historical logs
// endpoint and the payload of one stream event.
//
// The vendor documents the fields up to Logs. The event also "contains the
// HTTP request, response": the headers and bodies below are read when the
// server sends them under these names and are empty otherwise. Raw keeps the
// record exactly as it arrived, so copy and export lose nothing.
type Request struct {
	ID              string            `json:"id"`
	HTTPMethod      string            `json:"httpMethod"`
	URL             string            `json:"url"`
	StatusCode      int               `json:"statusCode"`
	ExecutionTimeMs float64           `json:"executionTimeMs"`
	MemoryUsedMB    float64           `json:"memoryUsedMB"`
	StartTime       time.Time         `json:"startTime"`
	EndTime         time.Time         `json:"endTime"`
	Logs            []LogLine         `json:"logs"`
	RequestHeaders  map[string]string `json:"requestHeaders,omitempty"`
	RequestBody     string            `json:"requestBody,omitempty"`
	ResponseHeaders map[string]string `json:"responseHeaders,omitempty"`
	ResponseBody    string            `json:"responseBody,omitempty"`

	Raw json.RawMessage `json:"-"`
}

// Pagination describes one page of historical logs.
type Pagination struct {
	Page       int `json:"page"`
	PageSize   int `json:"pageSize"`
	TotalCount int `json:"totalCount"`
	TotalPages int `json:"totalPages"`
}

// LogPage is the answer of GET /functions/{id}/logs.
type LogPage struct {
	Requests   []Request  `json:"requests"`
	Pagination Pagination `json:"pagination"`
}

// TimeRange is a metrics window the API accepts.
type TimeRange string

// The documented metrics windows.
const (
	Range1h  TimeRange = "1h"
	Range4h  TimeRange = "4h"
	Range24h TimeRange = "24h"
	Range7d  TimeRange = "7d"
	Range30d TimeRange = "30d"
)

// TimeRanges lists the metrics windows from shortest to longest.
var TimeRanges = []TimeRange{Range1h, Range4h, Range24h, Range7d, Range30d}

// MetricsSummary holds a window's aggregate figures. ErrorRate is a
// percentage (2.3 means 2.3 %).
type MetricsSummary struct {
	TotalRequests   int64   `json:"totalRequests"`
	AvgResponseTime float64 `json:"avgResponseTime"`
	ErrorRate       float64 `json:"errorRate"`
	AvgMemory       float64 `json:"avgMemory"`
	AvgCPUUsage     float64 `json:"avgCpuUsage"`
}

// ResponseTimePoint is one bucket of the response time series.
type ResponseTimePoint struct {
	Timestamp           time.Time `json:"timestamp"`
	AverageResponseTime float64   `json:"averageResponseTime"`
	P95ResponseTime     float64   `json:"p95ResponseTime"`
}

// VolumePoint is one bucket of the request volume series.
type VolumePoint struct {
	Timestamp     time.Time `json:"timestamp"`
	TotalRequests int64     `json:"totalRequests"`
}

// ErrorRatePoint is one bucket of the error rate series, in percent.
type ErrorRatePoint struct {
	Timestamp time.Time `json:"timestamp"`
	ErrorRate float64   `json:"errorRate"`
}

// Metrics is the answer of GET /functions/{id}/metrics.
type Metrics struct {
	FunctionName        string              `json:"functionName"`
	TimeRange           TimeRange           `json:"timeRange"`
	Summary             MetricsSummary      `json:"summary"`
	ResponseTimeSeries  []ResponseTimePoint `json:"responseTimeSeries"`
	RequestVolumeSeries []VolumePoint       `json:"requestVolumeSeries"`
	ErrorRateSeries     []ErrorRatePoint    `json:"errorRateSeries"`
}

// The vendor's page gives no fields for the two billing answers. The names
// below are what the simulator sends; a real server may send others, which
// decode as zero values and show as unknown, while Raw keeps the original.

// FunctionCost is one function's share of a billing period.
type FunctionCost struct {
	FunctionID   string  `json:"functionId"`
	FunctionName string  `json:"functionName"`
	Cost         float64 `json:"cost"`
}

// Billing is the answer of GET /billing/current.
type Billing struct {
	PeriodStart time.Time      `json:"periodStart"`
	PeriodEnd   time.Time      `json:"periodEnd"`
	Currency    string         `json:"currency"`
	TotalCost   float64        `json:"totalCost"`
	Functions   []FunctionCost `json:"functions"`

	Raw json.RawMessage `json:"-"`
}

// CostItem is one line of a function's cost breakdown.
type CostItem struct {
	Item     string  `json:"item"`
	Quantity float64 `json:"quantity"`
	Unit     string  `json:"unit"`
	UnitCost float64 `json:"unitCost"`
	Cost     float64 `json:"cost"`
}

// Costs is the answer of GET /functions/{id}/costs.
type Costs struct {
	FunctionID  string     `json:"functionId"`
	Period      string     `json:"period"`
	PeriodStart time.Time  `json:"periodStart"`
	PeriodEnd   time.Time  `json:"periodEnd"`
	Currency    string     `json:"currency"`
	TotalCost   float64    `json:"totalCost"`
	Breakdown   []CostItem `json:"breakdown"`

	Raw json.RawMessage `json:"-"`
}
