// Package ledger joins stored plans, targets and observations with the
// status engine's verdicts: the 督办台账 that the CLI, the API, the
// dashboard and the exports all show.
package ledger

import (
	"context"
	"errors"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
)

// Row is one target of the ledger with its verdict.
type Row struct {
	store.TargetRow
	Verdict status.Verdict `json:"verdict"`
	// Latest is the newest counted or context observation, if any.
	Latest *plan.Observation `json:"latest,omitempty"`
}

// UnitRollup is a unit's targets counted by status, as lead and as co-unit.
type UnitRollup struct {
	Unit string        `json:"unit"`
	Lead status.Rollup `json:"lead"`
	Co   status.Rollup `json:"co"`
}

// TaskRollup is a task's targets counted by status.
type TaskRollup struct {
	PlanID    int64         `json:"plan_id"`
	SectionID string        `json:"section_id"`
	Title     string        `json:"title"`
	Rollup    status.Rollup `json:"rollup"`
}

// Ledger is the judged state of one plan (or all plans) as of a date.
type Ledger struct {
	AsOf  plan.Date     `json:"as_of"`
	Rows  []Row         `json:"rows"`
	Plan  status.Rollup `json:"plan"`
	Tasks []TaskRollup  `json:"tasks"`
	Units []UnitRollup  `json:"units"`
	// Context is every observation of the plan(s) not tied to a target.
	Context []plan.Observation `json:"context"`
}

// Options select what Build judges; zero fields do not filter.
type Options struct {
	PlanID int64 // 0: all plans
	Unit   string
	AsOf   plan.Date
	Config status.Config
}

// Build judges every selected target as of opts.AsOf.
func Build(ctx context.Context, st store.Store, opts Options) (*Ledger, error) {
	return nil, errors.New("ledger.Build: not built yet")
}
