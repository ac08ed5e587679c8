package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/planwatch/planwatch/internal/plan"
)

// factSep separates the observations of a group in observation_facts
// (see migration 0003); obsSep separates the fields of each.
const factSep = "\x1e"

// factRecord is one observation as observation_facts stores it. The same
// expression is in both 0003 migrations, which build the table from
// existing rows.
const factRecord = `CAST(o.id AS TEXT) || '` + obsSep + `' || COALESCE(CAST(o.supersedes AS TEXT), '') || '` + obsSep + `' || o.section_id || '` + obsSep + `' ||
		COALESCE(CAST(o.value AS TEXT), '') || '` + obsSep + `' || o.value_text || '` + obsSep + `' || o.unit || '` + obsSep + `' || o.period_start || '` + obsSep + `' ||
		o.period_end || '` + obsSep + `' || o.kind || '` + obsSep + `' || o.scope`

const insertFactsSQL = `INSERT INTO observation_facts (plan_id, target_id, n, facts)
	SELECT o.plan_id, o.target_id, COUNT(*), string_agg(` + factRecord + `, '` + factSep + `' ORDER BY o.id)
	FROM observations o`

// factChunk is how many observations a facts row holds before a new row
// (chunk) is started: adding to a row rewrites it, so a target reported
// thousands of times would otherwise rewrite all its facts per report.
const factChunk = 256

// appendFacts adds new observations to the facts of their targets, one
// statement per target and batch: it rewrites one row of the target's
// once, whatever the batch's size (a 100,000-row import into fifty
// targets is fifty rewrites, not 100,000), and never reads the target's
// older observations. The row is the target's last chunk while it holds
// fewer than factChunk observations, else a new one. Plans are locked
// first, in plan order, so that two writers lock them in the same order
// and see each other's chunks; IDs may still be appended out of order by
// writers that committed in another order than they took IDs, and the
// reader sorts a group that is.
func (db *DB) appendFacts(ctx context.Context, t *tx, obs []plan.Observation) error {
	type group struct {
		plan   int64
		target string
	}
	ids := map[group][]int64{}
	var order []group
	for i := range obs {
		g := group{obs[i].PlanID, obs[i].TargetID}
		if _, ok := ids[g]; !ok {
			order = append(order, g)
		}
		ids[g] = append(ids[g], obs[i].ID)
	}
	slices.SortFunc(order, func(a, b group) int { return cmp.Or(cmp.Compare(a.plan, b.plan), cmp.Compare(a.target, b.target)) })
	for i, g := range order {
		if i == 0 || order[i-1].plan != g.plan {
			if err := db.lockPlan(ctx, t, g.plan); err != nil {
				return err
			}
		}
		for part := range slices.Chunk(ids[g], 500) {
			chunk, n := int64(0), 0
			err := t.queryRow(ctx, `SELECT chunk, n FROM observation_facts WHERE plan_id = ? AND target_id = ? ORDER BY chunk DESC LIMIT 1`,
				g.plan, g.target).Scan(&chunk, &n)
			switch {
			case errors.Is(err, sql.ErrNoRows):
			case err != nil:
				return fmt.Errorf("append facts of plan %d target %q: %w", g.plan, g.target, err)
			case n >= factChunk:
				chunk++
			}
			in := strings.Repeat("?, ", len(part)-1) + "?"
			args := make([]any, 0, len(part)+1)
			args = append(args, chunk)
			for _, id := range part {
				args = append(args, id)
			}
			if _, err := t.exec(ctx, `INSERT INTO observation_facts (plan_id, target_id, chunk, n, facts)
				SELECT o.plan_id, o.target_id, ?, COUNT(*), string_agg(`+factRecord+`, '`+factSep+`' ORDER BY o.id)
				FROM observations o WHERE o.id IN (`+in+`) GROUP BY o.plan_id, o.target_id
				ON CONFLICT (plan_id, target_id, chunk) DO UPDATE SET n = observation_facts.n + excluded.n,
				facts = observation_facts.facts || '`+factSep+`' || excluded.facts`, args...); err != nil {
				return fmt.Errorf("append facts of plan %d target %q: %w", g.plan, g.target, err)
			}
		}
	}
	return nil
}

// lockPlan serializes rebuilds of one plan's facts (see Dialect.LockPlan).
func (db *DB) lockPlan(ctx context.Context, t *tx, planID int64) error {
	if db.Dialect.LockPlan == "" {
		return nil
	}
	rows, err := t.query(ctx, db.Dialect.LockPlan, planID)
	if err != nil {
		return fmt.Errorf("lock plan %d: %w", planID, err)
	}
	return rows.Close()
}

// rebuildPlanFacts rewrites the facts of every target of a plan.
func (db *DB) rebuildPlanFacts(ctx context.Context, t *tx, planID int64) error {
	if err := db.lockPlan(ctx, t, planID); err != nil {
		return err
	}
	if _, err := t.exec(ctx, `DELETE FROM observation_facts WHERE plan_id = ?`, planID); err != nil {
		return fmt.Errorf("rebuild facts of plan %d: %w", planID, err)
	}
	if _, err := t.exec(ctx, insertFactsSQL+` WHERE o.plan_id = ? GROUP BY o.plan_id, o.target_id`, planID); err != nil {
		return fmt.Errorf("rebuild facts of plan %d: %w", planID, err)
	}
	return nil
}

// ScanObservations calls fn once per plan (one plan when planID > 0) with
// the plan's observations read slim from observation_facts (see
// store.ObservationScanner). A large read is split into plan ranges read
// in parallel, so fn runs on several goroutines at once; each reuses one
// buffer from plan to plan, so judging every plan never holds a million
// observations (400 bytes each) in memory at once.
func (db *DB) ScanObservations(ctx context.Context, planID int64, fn func(planID int64, obs []plan.Observation) error) error {
	cond, args := ``, []any{}
	if planID > 0 {
		cond, args = ` WHERE f.plan_id = ?`, []any{planID}
	}
	perPlan, err := db.factCounts(ctx, cond, args)
	if err != nil {
		return fmt.Errorf("scan observations: %w", err)
	}
	n := 0
	for _, c := range perPlan {
		n += c.n
	}
	if n == 0 {
		return nil
	}
	parts := 1
	if n >= db.ParallelReadFrom && db.R.Stats().MaxOpenConnections != 1 {
		parts = min(runtime.NumCPU(), 4, len(perPlan))
	}
	// Plan ranges of about equal rows.
	type span struct{ first, last int64 }
	var spans []span
	want, at, from := (n+parts-1)/parts, 0, 0
	for i := 0; i < len(perPlan); {
		sp := span{first: perPlan[i].plan}
		for i < len(perPlan) && (at-from < want || len(spans) == parts-1) {
			sp.last = perPlan[i].plan
			at += perPlan[i].n
			i++
		}
		spans, from = append(spans, sp), at
	}
	and := ` WHERE `
	if cond != "" {
		and = cond + ` AND `
	}
	g, gctx := errgroup.WithContext(ctx)
	for _, sp := range spans {
		g.Go(func() error {
			rows, err := db.query(gctx, `SELECT f.plan_id, f.target_id, f.facts FROM observation_facts f`+and+
				`f.plan_id BETWEEN ? AND ? ORDER BY f.plan_id, f.target_id, f.chunk`, append(args[:len(args):len(args)], sp.first, sp.last)...)
			if err != nil {
				return err
			}
			defer rows.Close()
			r := factReader{intern: map[string]string{}}
			var buf []plan.Observation
			cur := int64(-1)
			curTarget, groupStart, sorted := "", 0, true
			endGroup := func() {
				if !sorted {
					// Appended by writers that committed in another order
					// than they took IDs (see appendFacts).
					slices.SortFunc(buf[groupStart:], func(a, b plan.Observation) int { return cmp.Compare(a.ID, b.ID) })
				}
				groupStart, sorted = len(buf), true
			}
			flush := func() error {
				endGroup()
				if len(buf) == 0 {
					return nil
				}
				markSuperseded(buf)
				return fn(cur, buf)
			}
			var planID int64
			var target, facts string
			for rows.Next() {
				if err := rows.Scan(&planID, &target, &facts); err != nil {
					return err
				}
				if planID != cur {
					if err := flush(); err != nil {
						return err
					}
					cur, buf, r.values, curTarget, groupStart = planID, buf[:0], r.values[:0], target, 0
				} else if target != curTarget {
					endGroup()
					curTarget = target
				}
				var inOrder bool
				if buf, inOrder, err = r.group(buf, groupStart, planID, target, facts); err != nil {
					return fmt.Errorf("observation facts of plan %d target %q: %w", planID, target, err)
				}
				sorted = sorted && inOrder
			}
			if err := rows.Err(); err != nil {
				return err
			}
			return flush()
		})
	}
	if err := g.Wait(); err != nil {
		return fmt.Errorf("scan observations: %w", err)
	}
	return nil
}

// markSuperseded sets SupersededBy within one plan's observations: a
// correction is always in the plan of what it corrects.
func markSuperseded(obs []plan.Observation) {
	var by map[int64]int64
	for i := range obs {
		if obs[i].Supersedes != 0 {
			if by == nil {
				by = map[int64]int64{}
			}
			by[obs[i].Supersedes] = obs[i].ID
		}
	}
	if by == nil {
		return
	}
	for i := range obs {
		obs[i].SupersededBy = by[obs[i].ID]
	}
}

// scanFacts is ListObservations with Slim and no target: every plan's
// observations scanned, copied out of the scan's buffers, in plan order.
func (db *DB) scanFacts(ctx context.Context, planID int64) ([]plan.Observation, error) {
	var mu sync.Mutex
	byPlan := map[int64][]plan.Observation{}
	err := db.ScanObservations(ctx, planID, func(planID int64, obs []plan.Observation) error {
		// The scan reuses obs and the values it points to.
		own := slices.Clone(obs)
		values := make([]float64, 0, len(own))
		for i := range own {
			if own[i].Value != nil {
				values = append(values, *own[i].Value)
				own[i].Value = &values[len(values)-1]
			}
		}
		mu.Lock()
		defer mu.Unlock()
		byPlan[planID] = own
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := []plan.Observation{}
	for _, id := range slices.Sorted(maps.Keys(byPlan)) {
		out = append(out, byPlan[id]...)
	}
	return out, nil
}

type planCount struct {
	plan int64
	n    int
}

// factCounts counts the observations in observation_facts per plan, in plan order.
func (db *DB) factCounts(ctx context.Context, cond string, args []any) ([]planCount, error) {
	rows, err := db.query(ctx, `SELECT f.plan_id, SUM(f.n) FROM observation_facts f`+cond+` GROUP BY f.plan_id ORDER BY f.plan_id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []planCount
	for rows.Next() {
		var c planCount
		if err := rows.Scan(&c.plan, &c.n); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// factReader turns fact records into observations with as few
// allocations as it can: the short repeated fields (units, dates, kinds,
// scopes) are interned and values share one backing array.
type factReader struct {
	intern map[string]string
	values []float64
}

// internLimit bounds the intern table: value_text can be unique per row,
// and past this many distinct strings interning costs more than it saves.
const internLimit = 1 << 16

func (r *factReader) str(s string) string {
	if s == "" {
		return ""
	}
	if c, ok := r.intern[s]; ok {
		return c
	}
	if len(r.intern) < internLimit {
		// A copy, so that the table does not keep the whole row alive.
		s = strings.Clone(s)
		r.intern[s] = s
	}
	return s
}

// group appends one row of a target's fact records to buf, whose
// target's records start at start, and reports whether they all follow
// in id order.
func (r *factReader) group(buf []plan.Observation, start int, planID int64, target, facts string) ([]plan.Observation, bool, error) {
	target = r.str(target)
	prev, sorted := int64(0), true
	if len(buf) > start {
		prev = buf[len(buf)-1].ID
	}
	for rec := range strings.SplitSeq(facts, factSep) {
		buf = append(buf, plan.Observation{})
		o := &buf[len(buf)-1]
		o.PlanID, o.TargetID = planID, target
		if err := r.record(rec, o); err != nil {
			return buf, false, err
		}
		sorted = sorted && o.ID > prev
		prev = o.ID
	}
	return buf, sorted, nil
}

// record reads one fact record into o, whose other fields must be zero.
func (r *factReader) record(rec string, o *plan.Observation) error {
	var f [10]string
	if !unpack(rec, f[:]) {
		return fmt.Errorf("record %q has fewer than %d fields", rec, len(f))
	}
	var err error
	if o.ID, err = strconv.ParseInt(f[0], 10, 64); err != nil {
		return fmt.Errorf("record %q: id: %w", rec, err)
	}
	if f[1] != "" {
		if o.Supersedes, err = strconv.ParseInt(f[1], 10, 64); err != nil {
			return fmt.Errorf("record %q: supersedes: %w", rec, err)
		}
	}
	if f[3] != "" {
		v, err := strconv.ParseFloat(f[3], 64)
		if err != nil {
			return fmt.Errorf("record %q: value: %w", rec, err)
		}
		if len(r.values) == cap(r.values) {
			// A new array, not a grown one: observations already read
			// point into the old.
			r.values = make([]float64, 0, max(1024, 2*cap(r.values)))
		}
		r.values = append(r.values, v)
		o.Value = &r.values[len(r.values)-1]
	}
	o.SectionID, o.ValueText, o.Unit = r.str(f[2]), r.str(f[4]), r.str(f[5])
	o.PeriodStart, o.PeriodEnd = plan.Date(r.str(f[6])), plan.Date(r.str(f[7]))
	o.Kind, o.Scope = r.str(f[8]), r.str(f[9])
	return nil
}

// unpack splits text packed with obsSep into fields, the last taking the
// rest; false when there are fewer separators than that needs.
func unpack(packed string, fields []string) bool {
	rest := packed
	for i := range fields {
		if i == len(fields)-1 {
			fields[i] = rest
			break
		}
		var ok bool
		if fields[i], rest, ok = strings.Cut(rest, obsSep); !ok {
			return false
		}
	}
	return true
}
