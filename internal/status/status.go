// Package status judges targets against reported observations as of a
// date. It is pure: no I/O, no clock; the caller passes everything in.
package status

import "github.com/planwatch/planwatch/internal/plan"

// Statuses, from best to worst; NoData when nothing countable was reported.
const (
	Achieved = "achieved"
	OnTrack  = "on_track"
	AtRisk   = "at_risk"
	OffTrack = "off_track"
	Missed   = "missed"
	NoData   = "no_data"
)

// Lights for roll-ups.
const (
	Green = "green"
	Amber = "amber"
	Red   = "red"
	Grey  = "grey"
)

// Config holds the documented, configurable thresholds.
type Config struct {
	// AtRiskGap: a target is at_risk when its share falls behind the
	// expected share by more than this many points (0.10 = 10 points).
	AtRiskGap float64
	// OffTrackGap: off_track when behind by more than this (0.30).
	OffTrackGap float64
}

// DefaultConfig follows the supervision practice in shared/design/status.md.
func DefaultConfig() Config { return Config{AtRiskGap: 0.10, OffTrackGap: 0.30} }

// Input is one target to judge.
type Input struct {
	Target plan.Target
	// Start is the plan period's first day; the expected share grows
	// linearly from Start to Target.Deadline.
	Start plan.Date
	// Scope is the plan's jurisdiction ("长沙市"); observations with a
	// non-empty different scope are not counted.
	Scope        string
	Observations []plan.Observation // every observation of this target, superseded ones included
}

// Excluded is an observation shown as context, with why it was not counted.
type Excluded struct {
	Observation plan.Observation `json:"observation"`
	Reason      string           `json:"reason"` // machine code: "unit", "scope", "kind", "superseded", "outside_period", "no_value", "overlap", "after_as_of"
	Detail      string           `json:"detail"` // human explanation, Chinese
}

// Verdict is the judgement of one target as of a date, with its reasons.
type Verdict struct {
	TargetID string `json:"target_id"`
	Status   string `json:"status"`
	// Counted is the value counted towards the target; nil with NoData.
	Counted *float64 `json:"counted"`
	// Share is Counted / Target.Value (for "<=" targets, how far within the limit).
	Share *float64 `json:"share"`
	// Expected is the share expected by AsOf on a linear schedule (0..1).
	Expected *float64 `json:"expected"`
	// Projected is the value projected at the deadline at the current pace.
	Projected *float64 `json:"projected"`
	// Used are the observations counted; Excluded are shown as context.
	Used     []plan.Observation `json:"used"`
	Excluded []Excluded         `json:"excluded"`
	// Explanation says in Chinese how the status was reached.
	Explanation string `json:"explanation"`
	// Series is the counted value over time, for charts.
	Series []Point `json:"series"`
}

// Point is the counted value as of a date.
type Point struct {
	Date  plan.Date `json:"date"`
	Value float64   `json:"value"`
}

// Rollup counts statuses over a set of targets.
type Rollup struct {
	Counts map[string]int `json:"counts"` // status -> number of targets
	Total  int            `json:"total"`
	Light  string         `json:"light"`
}

// Judge returns the verdict on in as of asOf.
func Judge(in Input, asOf plan.Date, cfg Config) Verdict {
	panic("status.Judge: implemented by the status engine work")
}

// Roll counts verdicts into a roll-up with a traffic light.
func Roll(vs []Verdict) Rollup {
	panic("status.Roll: implemented by the status engine work")
}
