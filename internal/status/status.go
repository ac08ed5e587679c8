// Package status judges targets against reported observations as of a
// date. It is pure: no I/O, no clock; the caller passes everything in.
//
// The judgement follows Chinese supervision practice (序时进度): by a given
// day the share of a target that should be done is the share of the plan
// period that has passed, growing linearly from the plan's start to the
// target's deadline. A published key-project rule (see
// shared/design/status.md) calls a project amber when it is 10–30
// percentage points behind that schedule and red when more than 30 points
// behind; DefaultConfig uses those two thresholds. Short action plans count
// flows from zero ("新建5G基站4万个"), so growth-rate methods (CAGR) do not
// apply and are not used.
//
// Which observations count:
//   - only figures (kinds flow, stock, rate) with a value; targets, events
//     and statuses are context (reason "kind");
//   - only those whose PeriodEnd is on or before the as-of date; a report
//     about a later period is not yet known (reason "after_as_of");
//   - only those whose PeriodEnd is on or before the deadline, so that the
//     verdict at the deadline does not change when later figures arrive
//     (reason "outside_period");
//   - not superseded by a correction (reason "superseded");
//   - only in the target's unit. Units are compared after folding width,
//     spaces and case, and after dropping a parenthesised note: "个 (5G基站)"
//     fits "个", because the note only repeats what is counted and the
//     observation was already tied to this target by a person, whereas
//     "个 逻辑基站" does not fit "个" (a logical base station is another
//     measure). The classifiers 个, 家, 所, 项, 座 and 处 fit each
//     other: parks and firms are counted with either ("2家产业园", "1个
//     产业园"). A leading 万 or 亿 scales the value ("万户" fits "户").
//     "%" never fits a count (reason "unit"). An observation without a
//     unit fits: nothing in it contradicts the target's;
//   - only in the plan's scope (checked before the unit, the plainer
//     reason when both differ): an empty scope means the plan's own, and a
//     different one (湖南省 for a 长沙市 plan) is not counted (reason
//     "scope"). When the plan's scope is unknown every scope counts,
//     because there is nothing to compare with.
//
// How they add up, by target kind (Target.Kind; when empty, a "%" unit
// means rate, Cumulative means stock, anything else flow):
//   - flow: the sum of flow figures inside the plan period. Chinese
//     statistics run from January ("1—11月"), so the period is taken to
//     begin on January 1st of the start's year. Overlapping flows are
//     never added twice: the set of non-overlapping periods covering the
//     most days is kept (so Jan–Nov loses to Jan–Dec, while Jan–Jun plus
//     Jul–Dec beats Jan–Sep), the rest are excluded as "overlap". With no
//     flows, the rise of stock figures over a baseline stock is counted
//     instead; the baseline is the latest stock dated on or before
//     January 1st of the first year, else on or before the plan's start.
//   - stock: the latest stock, plus flows that start after it; with only
//     flows, their sum (the baseline is unknown and taken as zero, which
//     the explanation says).
//   - rate: the latest rate.
//
// Of two levels (stock or rate) for the same date, or two flows for the
// same period, the later report (higher ID) counts and the other is
// excluded as "overlap".
//
// Statuses:
//   - ">=", ">" and "~" targets are achieved as soon as the counted value
//     meets them. "~" (约, 左右) is read as a floor with tolerance: met at
//     95 % of the value or more; exceeding an approximate target is not a
//     failure in plan language, so overshoot is achieved too.
//   - "<=" and "<" targets (limits) are achieved only at or after the
//     deadline while within the limit; before it they are at_risk when
//     within AtRiskGap of the limit or above it, and off_track when above
//     it by more than OffTrackGap.
//   - the deadline day itself counts as passed: a target not met by its
//     deadline is missed.
//   - before the deadline, gap = expected share − share: more than
//     OffTrackGap is off_track, more than AtRiskGap at_risk, else on_track.
//   - a target without a deadline has no schedule: it is achieved when met
//     and otherwise on_track ("not yet"), with an explanation saying so; a
//     plan without a start date gives no expected share, and is judged the
//     same way until its deadline.
//   - a target missed whose later level (stock or rate, reported for after
//     the deadline) meets it stays missed, and the explanation records the
//     late completion (逾期完成), as supervision records keep lateness;
//     an unmet target within 30 days of its deadline says how many are left.
//   - an unmet target whose newest counted figure is more than a quarter
//     older than the as-of date (or than the deadline, once passed) keeps
//     its status but is marked Stale, and the explanation says since when
//     nothing was reported: "missed" from a 2020 figure against a 2022
//     deadline means the reports stopped, not only that the work did.
//   - with nothing countable the status is no_data, also after the
//     deadline: missed would claim a failure nobody reported. The
//     explanation then says the target is overdue with no data, and the
//     excluded reports are listed, so the supervision office can chase it.
package status

import (
	"fmt"
	"math"

	"github.com/planwatch/planwatch/internal/plan"
)

// Statuses, from best to worst; NoData when nothing countable was reported.
const (
	Achieved = "achieved"
	OnTrack  = "on_track"
	AtRisk   = "at_risk"
	OffTrack = "off_track"
	Missed   = "missed"
	NoData   = "no_data"
)

// Statuses lists every status from best to worst, for tables and legends.
var Statuses = []string{Achieved, OnTrack, AtRisk, OffTrack, Missed, NoData}

// Lights for roll-ups.
const (
	Green = "green"
	Amber = "amber"
	Red   = "red"
	Grey  = "grey"
)

// Reasons an observation is excluded (Excluded.Reason).
const (
	ReasonUnit          = "unit"
	ReasonScope         = "scope"
	ReasonKind          = "kind"
	ReasonSuperseded    = "superseded"
	ReasonOutsidePeriod = "outside_period"
	ReasonNoValue       = "no_value"
	ReasonOverlap       = "overlap"
	ReasonAfterAsOf     = "after_as_of"
)

// Config holds the documented, configurable thresholds. The zero Config
// means DefaultConfig.
type Config struct {
	// AtRiskGap: a target is at_risk when its share falls behind the
	// expected share by more than this many points (0.10 = 10 points),
	// the amber band of the key-project practice in shared/design/status.md.
	AtRiskGap float64 `json:"at_risk_gap"`
	// OffTrackGap: off_track when behind by more than this (0.30), the red
	// band of the same practice.
	OffTrackGap float64 `json:"off_track_gap"`
	// ApproxTolerance: a "~" target is met at (1 − ApproxTolerance) of its
	// value (0.05); zero means the default.
	ApproxTolerance float64 `json:"approx_tolerance"`
}

// DefaultConfig follows the supervision practice in shared/design/status.md.
func DefaultConfig() Config { return Config{AtRiskGap: 0.10, OffTrackGap: 0.30, ApproxTolerance: 0.05} }

// WithDefaults is c with DefaultConfig's values where c leaves them zero:
// the thresholds Judge actually applies, for showing beside a ledger.
func (c Config) WithDefaults() Config { return c.withDefaults() }

func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.AtRiskGap == 0 && c.OffTrackGap == 0 {
		c.AtRiskGap, c.OffTrackGap = d.AtRiskGap, d.OffTrackGap
	}
	if c.ApproxTolerance == 0 {
		c.ApproxTolerance = d.ApproxTolerance
	}
	return c
}

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
	// Brief leaves Verdict.Used and Excluded nil; everything else is the
	// same. Copying each observation into its verdict is most of the cost
	// of judging, and a table of every plan's statuses shows none of them.
	Brief bool
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
	// Used are the observations behind the counted value and the series;
	// Excluded are shown as context.
	Used     []plan.Observation `json:"used"`
	Excluded []Excluded         `json:"excluded"`
	// Explanation says in Chinese how the status was reached.
	Explanation string `json:"explanation"`
	// Stale is set when the newest counted figure is more than a quarter
	// older than the as-of date (or the passed deadline): the verdict rests
	// on old reports.
	Stale bool `json:"stale,omitempty"`
	// Series is the counted value over time, for charts.
	Series []Point `json:"series"`
	// Kind is the target kind the engine judged by (flow, stock or rate),
	// inferred when the target does not say.
	Kind string `json:"kind,omitempty"`
	// DataDate is the latest PeriodEnd among the used observations.
	DataDate plan.Date `json:"data_date,omitempty"`
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

// TargetKind returns how t's figures accumulate: its Kind when set,
// otherwise rate for a "%" unit, stock when cumulative, else flow.
func TargetKind(t plan.Target) string {
	switch t.Kind {
	case plan.KindFlow, plan.KindStock, plan.KindRate:
		return t.Kind
	}
	switch {
	case isPercent(t.Unit):
		return plan.KindRate
	case t.Cumulative:
		return plan.KindStock
	}
	return plan.KindFlow
}

// Judge returns the verdict on in as of asOf.
func Judge(in Input, asOf plan.Date, cfg Config) Verdict {
	cfg = cfg.withDefaults()
	j := judgement{
		in:     in,
		asOf:   asOf,
		cfg:    cfg,
		kind:   TargetKind(in.Target),
		window: windowStart(in.Start),
	}
	j.v = Verdict{
		TargetID: in.Target.ID,
		Kind:     j.kind,
		Series:   []Point{},
	}
	if !in.Brief {
		j.v.Used = []plan.Observation{}
	}
	flows, stocks, rates := j.screen()
	var c count
	switch j.kind {
	case plan.KindRate:
		c = j.countRate(rates)
	case plan.KindStock:
		c = j.countStock(stocks, flows)
	default:
		c = j.countFlow(flows, stocks)
	}
	if !j.in.Brief {
		j.v.Excluded = j.excluded()
	}
	j.decide(c)
	return j.v
}

// excluded is the verdict's copy of the exclusions.
func (j *judgement) excluded() []Excluded {
	out := make([]Excluded, len(j.excl))
	for i, e := range j.excl {
		o := *e.o
		if o.Value != nil && (math.IsNaN(*o.Value) || math.IsInf(*o.Value, 0)) {
			// JSON has no NaN or Inf: keep the verdict encodable and
			// the figure readable as text.
			if o.ValueText == "" {
				o.ValueText = fmt.Sprint(*o.Value)
			}
			o.Value = nil
		}
		out[i] = Excluded{Observation: o, Reason: e.reason, Detail: e.detail}
	}
	return out
}

// Roll counts verdicts into a roll-up with a traffic light: red when any
// target is missed or off_track (a failure someone must answer for), amber
// when any is at_risk or more than half have no data (an office that
// cannot see most of its targets is not green), grey when every target
// (or none at all) has no data, green otherwise.
func Roll(vs []Verdict) Rollup {
	statuses := make([]string, len(vs))
	for i := range vs {
		statuses[i] = vs[i].Status
	}
	return RollStatuses(statuses)
}

// RollStatuses is Roll of verdicts with these statuses.
func RollStatuses(statuses []string) Rollup {
	r := Rollup{Counts: make(map[string]int, len(Statuses)), Total: len(statuses)}
	for _, s := range Statuses {
		r.Counts[s] = 0
	}
	for _, s := range statuses {
		r.Counts[s]++
	}
	c := r.Counts
	switch {
	case c[NoData] == r.Total:
		r.Light = Grey
	case c[Missed] > 0 || c[OffTrack] > 0:
		r.Light = Red
	case c[AtRisk] > 0 || 2*c[NoData] > r.Total:
		r.Light = Amber
	default:
		r.Light = Green
	}
	return r
}

// expectedShare is the linear schedule's share at asOf: 0 before start, 1
// from the deadline on; nil without both dates.
func expectedShare(start, deadline, asOf plan.Date) *float64 {
	if start.IsZero() || deadline.IsZero() {
		return nil
	}
	var e float64
	switch {
	case asOf >= deadline:
		e = 1
	case asOf <= start:
		e = 0
	default:
		total := days(start, deadline)
		if total <= 0 {
			e = 1
		} else {
			e = days(start, asOf) / total
		}
	}
	return &e
}

// days is the number of days from a to b.
func days(a, b plan.Date) float64 {
	return float64(dayNumber(b) - dayNumber(a))
}

// dayNumber counts days since 1970-01-01 without time.Parse, which
// dominated the engine's profile (Hinnant's days_from_civil).
func dayNumber(d plan.Date) int {
	s := string(d)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return int(d.Time().Unix() / 86400)
	}
	num := func(s string) int {
		n := 0
		for i := 0; i < len(s); i++ {
			n = n*10 + int(s[i]-'0')
		}
		return n
	}
	y, m, dd := num(s[:4]), num(s[5:7]), num(s[8:])
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + dd - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// windowStart is January 1st of start's year: flows are reported from
// January, so a plan issued in May still counts its first year in full.
func windowStart(start plan.Date) plan.Date {
	if start.IsZero() {
		return ""
	}
	if len(start) < 4 {
		return plan.MakeDate(start.Time().Year(), 1, 1)
	}
	return start[:4] + "-01-01"
}

func ptr(f float64) *float64 { return &f }

func round(f float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(f*p) / p
}
