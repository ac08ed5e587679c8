package cli

import (
	"flag"
	"fmt"
	"os"
	"strconv"

	"github.com/planwatch/planwatch/internal/status"
)

// thresholdFlags adds the status engine's thresholds to fs. Offices set
// their own (one city's list turns amber at 10 points behind schedule,
// another at 15), so they are flags with PLANWATCH_* defaults rather than
// constants. The returned func validates and returns the config.
func thresholdFlags(fs *flag.FlagSet) func() (status.Config, error) {
	def := status.DefaultConfig()
	risk := fs.Float64("at-risk-gap", envFloat("PLANWATCH_AT_RISK_GAP", def.AtRiskGap),
		"存在风险：落后序时进度超过此比例 (at_risk when behind schedule by more than this share; env PLANWATCH_AT_RISK_GAP)")
	off := fs.Float64("off-track-gap", envFloat("PLANWATCH_OFF_TRACK_GAP", def.OffTrackGap),
		"明显滞后：落后序时进度超过此比例 (off_track when behind by more than this share; env PLANWATCH_OFF_TRACK_GAP)")
	return func() (status.Config, error) {
		c := def
		c.AtRiskGap, c.OffTrackGap = *risk, *off
		if c.AtRiskGap < 0 || c.AtRiskGap > 1 || c.OffTrackGap < 0 || c.OffTrackGap > 1 {
			return c, fmt.Errorf("%w: --at-risk-gap and --off-track-gap are shares between 0 and 1 (0.1 = 10 points)", errUsage)
		}
		if c.OffTrackGap < c.AtRiskGap {
			return c, fmt.Errorf("%w: --off-track-gap (%g) must not be below --at-risk-gap (%g)", errUsage, c.OffTrackGap, c.AtRiskGap)
		}
		return c, nil
	}
}

func envFloat(name string, def float64) float64 {
	if v, err := strconv.ParseFloat(os.Getenv(name), 64); err == nil {
		return v
	}
	return def
}
