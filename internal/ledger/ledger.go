// Package ledger joins stored plans, targets and observations with the
// status engine's verdicts: the 督办台账 that the CLI, the API, the
// dashboard and the exports all show.
package ledger

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

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
	// Config holds the thresholds the verdicts were judged by, so that a
	// printed ledger can state its rules.
	Config status.Config `json:"config"`
}

// Options select what Build judges; zero fields do not filter.
type Options struct {
	PlanID int64 // 0: all plans
	Unit   string
	AsOf   plan.Date
	Config status.Config
	// Brief is for tables of many plans, which show statuses, values,
	// shares and explanations but no evidence: observations are read
	// without their evidence text (store.ObservationFilter.Slim), verdicts
	// leave out Used and Excluded (status.Input.Brief), Row.Latest is nil
	// and Context carries no source, quote or reporter. Everything else is
	// as a whole ledger has it.
	Brief bool
}

// chinaTime is UTC+8 without a tz database: offline intranet machines
// often lack one, and China has one zone without daylight saving.
var chinaTime = time.FixedZone("CST", 8*60*60)

// Today is the current date in China, the as-of date when none is given.
func Today() plan.Date { return plan.DateOf(time.Now().In(chinaTime)) }

// Build judges every selected target as of opts.AsOf (today in China when
// zero). With opts.Unit set, only targets of tasks the unit leads or
// co-leads are judged (aliases resolve through the unit registry), and
// Context keeps plan-wide observations and those of the selected tasks.
// Context leaves out observations a correction superseded; the
// correction is there. Rows carry canonical unit names, so that 市工信局
// and 市工业和信息化局 read, filter and roll up as one unit, and a unit
// named both lead and co-unit of a task answers for it once, as lead.
func Build(ctx context.Context, st store.Store, opts Options) (*Ledger, error) {
	if opts.AsOf.IsZero() {
		opts.AsOf = Today()
	}
	if _, err := plan.ParseDate(string(opts.AsOf)); err != nil {
		return nil, store.Errorf(store.EInvalid, "ledger as-of %v", err)
	}
	// A brief ledger from a store that can scan judges plan by plan as the
	// observations arrive, never holding them all.
	scanner, scan := st.(store.ObservationScanner)
	scan = scan && opts.Brief

	// Independent reads, at once: for every plan of a province each takes
	// a noticeable part of the time.
	var plans map[int64]planInfo
	var targets []store.TargetRow
	var obs []plan.Observation
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) {
		plans, err = loadPlans(gctx, st, opts.PlanID)
		return err
	})
	g.Go(func() (err error) {
		if targets, err = st.ListTargets(gctx, opts.PlanID); err != nil {
			return fmt.Errorf("ledger: list targets: %w", err)
		}
		return nil
	})
	if !scan {
		g.Go(func() (err error) {
			if obs, err = st.ListObservations(gctx, store.ObservationFilter{PlanID: opts.PlanID, IncludeSuperseded: true, Slim: opts.Brief}); err != nil {
				return fmt.Errorf("ledger: list observations: %w", err)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	units := resolver{st: st, cache: map[string]string{}}
	var want string
	var err error
	if opts.Unit != "" {
		if want, err = units.resolve(ctx, opts.Unit); err != nil {
			return nil, err
		}
	}

	l := &Ledger{AsOf: opts.AsOf, Rows: make([]Row, 0, len(targets)), Tasks: []TaskRollup{}, Units: []UnitRollup{}, Context: []plan.Observation{},
		Config: opts.Config.WithDefaults()}
	selected := map[taskKey]bool{}
	var inputs []status.Input
	for _, tr := range targets {
		leads, err := units.resolveAll(ctx, tr.LeadUnits)
		if err != nil {
			return nil, err
		}
		cos, err := units.resolveAll(ctx, tr.CoUnits)
		if err != nil {
			return nil, err
		}
		cos = slices.DeleteFunc(cos, func(u string) bool { return contains(leads, u) })
		if want != "" && !contains(leads, want) && !contains(cos, want) {
			continue
		}
		selected[taskKey{tr.PlanID, tr.SectionID}] = true
		p, ok := plans[tr.PlanID]
		if !ok {
			return nil, store.Errorf(store.EInternal, "ledger: target %s names plan %d, which is not stored", tr.Target.ID, tr.PlanID)
		}
		inputs = append(inputs, status.Input{Target: tr.Target, Start: p.start, Scope: p.scope, Brief: opts.Brief})
		row := Row{TargetRow: tr}
		row.LeadUnits, row.CoUnits = leads, cos
		l.Rows = append(l.Rows, row)
	}
	isContext := func(o *plan.Observation) bool {
		return o.TargetID == "" && o.SupersededBy == 0 &&
			(want == "" || o.SectionID == "" || selected[taskKey{o.PlanID, o.SectionID}])
	}
	if scan {
		if err := l.judgeScanned(ctx, scanner, inputs, isContext, opts); err != nil {
			return nil, fmt.Errorf("ledger: %w", err)
		}
	} else {
		byTarget := groupByTarget(obs)
		for i := range inputs {
			inputs[i].Observations = byTarget[targetKey{l.Rows[i].PlanID, l.Rows[i].Target.ID}]
		}
		judgeAll(l.Rows, inputs, opts)
		for i := range obs {
			if isContext(&obs[i]) {
				l.Context = append(l.Context, obs[i])
			}
		}
	}
	// Oldest first, however the store ordered its list (a slim read comes
	// by plan and target).
	slices.SortFunc(l.Context, func(a, b plan.Observation) int { return cmp.Compare(a.ID, b.ID) })
	l.rollUp()
	return l, nil
}

// judgeScanned judges the rows plan by plan as the scanner hands over
// each plan's observations (on several goroutines: each row is written by
// the one goroutine scanning its plan), then the rows nobody reported on.
func (l *Ledger) judgeScanned(ctx context.Context, sc store.ObservationScanner, inputs []status.Input, isContext func(*plan.Observation) bool, opts Options) error {
	idx := make(map[targetKey]int, len(l.Rows))
	for i := range l.Rows {
		idx[targetKey{l.Rows[i].PlanID, l.Rows[i].Target.ID}] = i
	}
	judged := make([]bool, len(l.Rows))
	var mu sync.Mutex
	err := sc.ScanObservations(ctx, opts.PlanID, func(planID int64, obs []plan.Observation) error {
		var context []plan.Observation
		for i := 0; i < len(obs); {
			j := i + 1
			for j < len(obs) && obs[j].TargetID == obs[i].TargetID {
				j++
			}
			if k, ok := idx[targetKey{planID, obs[i].TargetID}]; ok && obs[i].TargetID != "" {
				in := inputs[k]
				in.Observations = obs[i:j:j]
				l.Rows[k].Verdict = status.Judge(in, opts.AsOf, opts.Config)
				judged[k] = true
			}
			for n := i; n < j; n++ {
				if isContext(&obs[n]) {
					// The scan reuses obs and the values it points to.
					o := obs[n]
					if o.Value != nil {
						v := *o.Value
						o.Value = &v
					}
					context = append(context, o)
				}
			}
			i = j
		}
		if len(context) > 0 {
			mu.Lock()
			l.Context = append(l.Context, context...)
			mu.Unlock()
		}
		return nil
	})
	if err != nil {
		return err
	}
	for k := range l.Rows {
		if !judged[k] {
			l.Rows[k].Verdict = status.Judge(inputs[k], opts.AsOf, opts.Config)
		}
	}
	return nil
}

// judgeAll fills in each row's verdict and latest observation. Judging is
// pure and each target is independent, so the rows are shared out among
// the CPUs: judging every plan of a province is a million observations.
func judgeAll(rows []Row, inputs []status.Input, opts Options) {
	judge := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			v := status.Judge(inputs[i], opts.AsOf, opts.Config)
			rows[i].Verdict = v
			if !opts.Brief {
				rows[i].Latest = latest(v, inputs[i].Observations, opts.AsOf)
			}
		}
	}
	workers := min(runtime.GOMAXPROCS(0), len(rows)/judgeChunk)
	if workers <= 1 {
		judge(0, len(rows))
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				lo := int(next.Add(judgeChunk)) - judgeChunk
				if lo >= len(rows) {
					return
				}
				judge(lo, min(lo+judgeChunk, len(rows)))
			}
		})
	}
	wg.Wait()
}

// judgeChunk is how many targets a judging worker takes at a time; a
// ledger smaller than two chunks is judged on the calling goroutine.
const judgeChunk = 256

// groupByTarget splits the observations tied to a target by target, in
// their order. It counts first and copies once into one array: a city's
// ledger holds a hundred thousand observations, and growing a slice per
// target copied each several times.
func groupByTarget(obs []plan.Observation) map[targetKey][]plan.Observation {
	counts := map[targetKey]int{}
	n := 0
	for i := range obs {
		if obs[i].TargetID != "" {
			counts[targetKey{obs[i].PlanID, obs[i].TargetID}]++
			n++
		}
	}
	all := make([]plan.Observation, 0, n)
	groups := make(map[targetKey][]plan.Observation, len(counts))
	for k, c := range counts {
		groups[k] = all[len(all) : len(all) : len(all)+c]
		all = all[:len(all)+c]
	}
	for i := range obs {
		if obs[i].TargetID != "" {
			k := targetKey{obs[i].PlanID, obs[i].TargetID}
			groups[k] = append(groups[k], obs[i])
		}
	}
	return groups
}

type targetKey struct {
	plan   int64
	target string
}

type taskKey struct {
	plan    int64
	section string
}

// planInfo is what judging needs of a plan, worked out once per plan
// (PlanRecord.Start may walk the whole tree).
type planInfo struct {
	start plan.Date
	scope string
}

// loadPlans returns the plans Build needs by ID: one (ENotFound when it
// does not exist) or all.
func loadPlans(ctx context.Context, st store.Store, id int64) (map[int64]planInfo, error) {
	if hl, ok := st.(store.PlanHeadLister); ok {
		heads, err := hl.ListPlanHeads(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("ledger: plans: %w", err)
		}
		m := make(map[int64]planInfo, len(heads))
		for _, h := range heads {
			m[h.ID] = planInfo{start: h.Start, scope: h.Scope}
		}
		return m, nil
	}
	var recs []store.PlanRecord
	if id > 0 {
		rec, err := st.FindPlanByID(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("ledger: plan %d: %w", id, err)
		}
		recs = []store.PlanRecord{rec}
	} else {
		var err error
		if recs, err = st.ListPlans(ctx); err != nil {
			return nil, fmt.Errorf("ledger: list plans: %w", err)
		}
	}
	m := make(map[int64]planInfo, len(recs))
	for i := range recs {
		info := planInfo{scope: recs[i].Scope}
		if recs[i].Plan != nil { // a listing may leave the tree out
			info.start = recs[i].Start()
		}
		m[recs[i].ID] = info
	}
	return m, nil
}

// rollUp counts the rows by plan, task and unit. Tasks and units keep the
// order they first appear in, which is the plan's document order.
func (l *Ledger) rollUp() {
	// Statuses, not verdicts: a verdict is a few hundred bytes, and a
	// province's ledger copies each into a task and several units.
	all := make([]string, len(l.Rows))
	taskIdx := map[taskKey]int{}
	var taskSs [][]string
	unitIdx := map[string]int{}
	var leadSs, coSs [][]string
	unit := func(name string) int {
		i, ok := unitIdx[name]
		if !ok {
			i = len(l.Units)
			unitIdx[name] = i
			l.Units = append(l.Units, UnitRollup{Unit: name})
			leadSs, coSs = append(leadSs, nil), append(coSs, nil)
		}
		return i
	}
	for n := range l.Rows {
		r := &l.Rows[n]
		st := r.Verdict.Status
		all[n] = st
		k := taskKey{r.PlanID, r.SectionID}
		i, ok := taskIdx[k]
		if !ok {
			i = len(l.Tasks)
			taskIdx[k] = i
			l.Tasks = append(l.Tasks, TaskRollup{PlanID: r.PlanID, SectionID: r.SectionID, Title: r.TaskTitle})
			taskSs = append(taskSs, nil)
		}
		taskSs[i] = append(taskSs[i], st)
		for _, u := range r.LeadUnits {
			i := unit(u)
			leadSs[i] = append(leadSs[i], st)
		}
		for _, u := range r.CoUnits {
			i := unit(u)
			coSs[i] = append(coSs[i], st)
		}
	}
	l.Plan = status.RollStatuses(all)
	for i := range l.Tasks {
		l.Tasks[i].Rollup = status.RollStatuses(taskSs[i])
	}
	for i := range l.Units {
		l.Units[i].Lead = status.RollStatuses(leadSs[i])
		l.Units[i].Co = status.RollStatuses(coSs[i])
	}
}

// latest is the newest observation behind the verdict, else the newest
// one reported for the target that no correction replaced and that was
// known by asOf (a report about a later period would leak the future
// into a look back).
func latest(v status.Verdict, obs []plan.Observation, asOf plan.Date) *plan.Observation {
	pick := func(os []plan.Observation, other bool) *plan.Observation {
		var best *plan.Observation
		for i := range os {
			o := &os[i]
			if other && (o.SupersededBy != 0 || o.PeriodEnd > asOf) {
				continue
			}
			if best == nil || o.PeriodEnd > best.PeriodEnd || (o.PeriodEnd == best.PeriodEnd && o.ID > best.ID) {
				best = o
			}
		}
		if best == nil {
			return nil
		}
		c := *best
		return &c
	}
	if o := pick(v.Used, false); o != nil {
		return o
	}
	return pick(obs, true)
}

// resolver maps unit names to canonical ones, asking the store once per name.
type resolver struct {
	st    store.Store
	cache map[string]string
}

func (r *resolver) resolve(ctx context.Context, name string) (string, error) {
	if c, ok := r.cache[name]; ok {
		return c, nil
	}
	c, err := r.st.ResolveUnit(ctx, name)
	if err != nil {
		return "", fmt.Errorf("ledger: resolve unit %q: %w", name, err)
	}
	r.cache[name] = c
	return c, nil
}

// resolveAll resolves names, dropping duplicates that aliases create.
func (r *resolver) resolveAll(ctx context.Context, names []string) ([]string, error) {
	out := make([]string, 0, len(names))
	for _, n := range names {
		c, err := r.resolve(ctx, n)
		if err != nil {
			return nil, err
		}
		if !contains(out, c) {
			out = append(out, c)
		}
	}
	return out, nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
