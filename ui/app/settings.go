package app

import (
	"github.com/sinchtop/sinchtop/model"
	"github.com/sinchtop/sinchtop/model/settings"
)

// SettingsFrom turns the settings file's polling intervals and buffer
// bounds into the dashboard's settings; what the file leaves at zero takes
// the dashboard's defaults.
func SettingsFrom(f settings.File) Settings {
	return Settings{
		Refresh: model.RefreshIntervals{
			List:    f.Refresh.Functions,
			Metrics: f.Refresh.Metrics,
			Focused: f.Refresh.Focused,
			Billing: f.Refresh.Billing,
		},
		Buffer: model.Limits{
			MaxRequests: f.Buffers.Requests,
			MaxBytes:    int(min(int64(f.Buffers.Bytes), int64(^uint(0)>>1))),
		},
		Freshness: DefaultSettings().Freshness,
		Keys:      f.Keys,
	}
}
