package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
)

var obsKinds = map[string]bool{
	plan.ObsFlow: true, plan.ObsStock: true, plan.ObsRate: true,
	plan.ObsTarget: true, plan.ObsEvent: true, plan.ObsStatus: true,
}

// checkObservation rejects what no reader of the evidence could use.
func checkObservation(o *plan.Observation) error {
	for _, f := range []string{o.TargetID, o.SectionID, o.ValueText, o.Unit, o.Kind, o.Scope, o.SourceURL,
		o.SourceDate, o.Quote, o.ReportedBy, o.Note} {
		if strings.Contains(f, obsSep) || strings.Contains(f, factSep) {
			return store.Errorf(store.EInvalid, "text %q contains the control character U+001E or U+001F", f)
		}
	}
	if !obsKinds[o.Kind] {
		return store.Errorf(store.EInvalid, "kind %q: want one of flow, stock, rate, target, event, status", o.Kind)
	}
	for _, f := range []struct {
		name string
		d    plan.Date
	}{{"period_start", o.PeriodStart}, {"period_end", o.PeriodEnd}} {
		if _, err := plan.ParseDate(string(f.d)); err != nil {
			return store.Errorf(store.EInvalid, "%s: %v", f.name, err)
		}
	}
	if o.PeriodStart != "" && o.PeriodEnd != "" && o.PeriodEnd < o.PeriodStart {
		return store.Errorf(store.EInvalid, "period_end %s is before period_start %s", o.PeriodEnd, o.PeriodStart)
	}
	return nil
}

// planTargets caches, within one transaction, which plans exist and their target IDs.
type planTargets map[int64]map[string]bool

func (pt planTargets) load(ctx context.Context, t *tx, planID int64) (map[string]bool, error) {
	if ids, ok := pt[planID]; ok {
		return ids, nil
	}
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM plans WHERE id = ?`, planID).Scan(&n); err != nil {
		return nil, err
	}
	if n == 0 {
		pt[planID] = nil
		return nil, nil
	}
	rows, err := t.query(ctx, `SELECT target_id FROM targets WHERE plan_id = ?`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids[id] = true
	}
	pt[planID] = ids
	return ids, rows.Err()
}

// CreateObservations stores all of obs or none; an error names the index
// of the first observation it rejects.
func (db *DB) CreateObservations(ctx context.Context, obs []plan.Observation, by store.Actor) ([]plan.Observation, error) {
	if len(obs) == 0 {
		return []plan.Observation{}, nil
	}
	out := make([]plan.Observation, len(obs))
	err := db.write(ctx, "create observations", func(t *tx) error {
		copy(out, obs)
		now := db.now()
		pt := planTargets{}
		stmt, err := t.tx.PrepareContext(ctx, db.q(insertObsSQL))
		if err != nil {
			return err
		}
		defer stmt.Close()
		aud, err := db.prepareAudit(ctx, t)
		if err != nil {
			return err
		}
		defer aud.Close()
		for i := range out {
			o := &out[i]
			o.ID, o.SupersededBy = 0, 0
			o.CreatedAt, o.CreatedBy = now, actorName(by)
			if err := db.checkNew(ctx, t, pt, o); err != nil {
				return fmt.Errorf("observation %d: %w", i, err)
			}
			if err := stmt.QueryRowContext(ctx, db.obsArgs(o)...).Scan(&o.ID); err != nil {
				if db.Dialect.Unique != nil && db.Dialect.Unique(err) {
					return fmt.Errorf("observation %d: %w", i, store.Errorf(store.EConflict, "observation %d is already superseded", o.Supersedes))
				}
				return fmt.Errorf("observation %d: %w", i, err)
			}
			if err := aud.add(ctx, by, "observation.create", entity("observation", o.ID), nil, o); err != nil {
				return fmt.Errorf("observation %d: %w", i, err)
			}
		}
		return db.appendFacts(ctx, t, out)
	})
	if err != nil {
		return nil, fmt.Errorf("create observations: %w", err)
	}
	return out, nil
}

// checkNew validates o against the stored plans inside the write transaction.
func (db *DB) checkNew(ctx context.Context, t *tx, pt planTargets, o *plan.Observation) error {
	if err := checkObservation(o); err != nil {
		return err
	}
	ids, err := pt.load(ctx, t, o.PlanID)
	if err != nil {
		return err
	}
	if ids == nil {
		return store.Errorf(store.ENotFound, "plan %d not found", o.PlanID)
	}
	if o.TargetID != "" && !ids[o.TargetID] {
		return store.Errorf(store.EInvalid, "plan %d has no target %q", o.PlanID, o.TargetID)
	}
	if o.Supersedes != 0 {
		var planID int64
		err := t.queryRow(ctx, `SELECT plan_id FROM observations WHERE id = ?`, o.Supersedes).Scan(&planID)
		if errors.Is(err, sql.ErrNoRows) {
			return store.Errorf(store.ENotFound, "observation %d (to supersede) not found", o.Supersedes)
		}
		if err != nil {
			return err
		}
		if planID != o.PlanID {
			return store.Errorf(store.EInvalid, "observation %d belongs to plan %d, not plan %d", o.Supersedes, planID, o.PlanID)
		}
		var n int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM observations WHERE supersedes = ?`, o.Supersedes).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return store.Errorf(store.EConflict, "observation %d is already superseded; correct the newest one", o.Supersedes)
		}
	}
	return nil
}

const insertObsSQL = `INSERT INTO observations (plan_id, target_id, section_id, value, value_text, unit, period_start, period_end,
	kind, scope, source_url, source_date, quote, reported_by, note, supersedes, created_at, created_by)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`

func (db *DB) obsArgs(o *plan.Observation) []any {
	var value, supersedes any
	if o.Value != nil {
		value = *o.Value
	}
	if o.Supersedes != 0 {
		supersedes = o.Supersedes
	}
	return []any{o.PlanID, o.TargetID, o.SectionID, value, o.ValueText, o.Unit, string(o.PeriodStart), string(o.PeriodEnd),
		o.Kind, o.Scope, o.SourceURL, o.SourceDate, o.Quote, o.ReportedBy, o.Note, supersedes,
		db.Dialect.TimeArg(o.CreatedAt), o.CreatedBy}
}

// SupersedeObservation stores corrected as a correction of oldID. Plan,
// target and section default to the old observation's when left empty.
func (db *DB) SupersedeObservation(ctx context.Context, oldID int64, corrected plan.Observation, by store.Actor) (plan.Observation, error) {
	o := corrected
	err := db.write(ctx, "supersede observation", func(t *tx) error {
		o = corrected
		old, err := findObs(t.queryRow(ctx, selectObsSQL+` WHERE o.id = ?`, oldID))
		if errors.Is(err, sql.ErrNoRows) {
			return store.Errorf(store.ENotFound, "observation %d not found", oldID)
		}
		if err != nil {
			return err
		}
		if o.PlanID == 0 {
			o.PlanID = old.PlanID
		}
		if o.TargetID == "" {
			o.TargetID = old.TargetID
		}
		if o.SectionID == "" {
			o.SectionID = old.SectionID
		}
		o.Supersedes, o.ID, o.SupersededBy = oldID, 0, 0
		o.CreatedAt, o.CreatedBy = db.now(), actorName(by)
		if err := db.checkNew(ctx, t, planTargets{}, &o); err != nil {
			return err
		}
		if err := t.queryRow(ctx, insertObsSQL, db.obsArgs(&o)...).Scan(&o.ID); err != nil {
			if db.Dialect.Unique != nil && db.Dialect.Unique(err) {
				return store.Errorf(store.EConflict, "observation %d is already superseded", oldID)
			}
			return err
		}
		if err := db.appendFacts(ctx, t, []plan.Observation{o}); err != nil {
			return err
		}
		return db.audit(ctx, t, by, "observation.supersede", entity("observation", o.ID), old, o)
	})
	if err != nil {
		return plan.Observation{}, fmt.Errorf("supersede observation %d: %w", oldID, err)
	}
	return o, nil
}

// obsSep joins the text fields of an observation into one column.
const obsSep = "\x1f"

// obsCols reads an observation in seven columns instead of twenty: the
// fourteen text fields come concatenated with obsSep (a control character
// no evidence contains; checkObservation rejects it) and are split in Go.
// Through modernc every column read is a pair of calls into SQLite under
// its mutex, so on the million-row load behind the dashboard this is the
// difference between seconds and a fraction of that. superseded_by is
// derived from the correction's supersedes, so the corrected row is never
// written to.
const obsCols = `o.id, o.plan_id, o.value, COALESCE(o.supersedes, 0), o.created_at,
	o.target_id || '` + obsSep + `' || o.section_id || '` + obsSep + `' || o.value_text || '` + obsSep + `' || o.unit || '` + obsSep + `' ||
	o.period_start || '` + obsSep + `' || o.period_end || '` + obsSep + `' || o.kind || '` + obsSep + `' || o.scope || '` + obsSep + `' ||
	o.source_url || '` + obsSep + `' || o.source_date || '` + obsSep + `' || o.quote || '` + obsSep + `' || o.reported_by || '` + obsSep + `' ||
	o.note || '` + obsSep + `' || o.created_by`

// selectObsSQL selects one observation with its superseded_by.
const selectObsSQL = `SELECT ` + obsCols + `, COALESCE((SELECT n.id FROM observations n WHERE n.supersedes = o.id), 0) FROM observations o`

// obsRow scans obsCols (and, with supersededBy, the column selectObsSQL adds).
func obsRow(sc interface{ Scan(...any) error }, supersededBy bool) (plan.Observation, error) {
	var o plan.Observation
	var value sql.NullFloat64
	var packed string
	dest := []any{&o.ID, &o.PlanID, &value, &o.Supersedes, timeCol{&o.CreatedAt}, &packed}
	if supersededBy {
		dest = append(dest, &o.SupersededBy)
	}
	if err := sc.Scan(dest...); err != nil {
		return o, err
	}
	if value.Valid {
		v := value.Float64
		o.Value = &v
	}
	var f [14]string
	if !unpack(packed, f[:]) {
		return o, fmt.Errorf("observation %d: stored text fields are garbled", o.ID)
	}
	o.TargetID, o.SectionID, o.ValueText, o.Unit = f[0], f[1], f[2], f[3]
	o.PeriodStart, o.PeriodEnd, o.Kind, o.Scope = plan.Date(f[4]), plan.Date(f[5]), f[6], f[7]
	o.SourceURL, o.SourceDate, o.Quote, o.ReportedBy, o.Note, o.CreatedBy = f[8], f[9], f[10], f[11], f[12], f[13]
	return o, nil
}

func findObs(sc interface{ Scan(...any) error }) (plan.Observation, error) { return obsRow(sc, true) }

// FindObservationByID returns one observation, superseded or not.
func (db *DB) FindObservationByID(ctx context.Context, id int64) (plan.Observation, error) {
	o, err := findObs(db.queryRow(ctx, selectObsSQL+` WHERE o.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return o, store.Errorf(store.ENotFound, "observation %d not found", id)
	}
	if err != nil {
		return o, fmt.Errorf("find observation %d: %w", id, err)
	}
	return o, nil
}

// scanObservations reads the observations matching cond, in id order. A
// large read is split into id ranges read in parallel on the reader pool
// (each part is its own snapshot; rows added after the read began are
// left out of all of them).
func (db *DB) scanObservations(ctx context.Context, cond string, args []any, mayParallel bool) ([]plan.Observation, error) {
	// Sizing the slices first saves copying (and write-barriering) hundreds
	// of megabytes while they grow. Each aggregate is a subquery of its
	// own: SQLite answers a lone COUNT(*), MIN(id) or MAX(id) from a b-tree
	// at once, but all three together with a scan of the table.
	var n int
	var lo, hi sql.NullInt64
	from := ` FROM observations o` + cond
	bounds := `SELECT (SELECT COUNT(*)` + from + `), (SELECT MIN(o.id)` + from + `), (SELECT MAX(o.id)` + from + `)`
	if err := db.queryRow(ctx, bounds, slices.Concat(args, args, args)...).Scan(&n, &lo, &hi); err != nil {
		return nil, err
	}
	if n == 0 || !hi.Valid {
		return []plan.Observation{}, nil
	}
	parts := 1
	if mayParallel && n >= db.ParallelReadFrom && db.R.Stats().MaxOpenConnections != 1 {
		parts = min(runtime.NumCPU(), 4)
	}
	and := ` WHERE `
	if cond != "" {
		and = cond + ` AND `
	}
	span := (hi.Int64 - lo.Int64 + int64(parts)) / int64(parts)
	results := make([][]plan.Observation, parts)
	g, gctx := errgroup.WithContext(ctx)
	for i := range parts {
		from := lo.Int64 + int64(i)*span
		to := min(from+span-1, hi.Int64)
		g.Go(func() error {
			rows, err := db.query(gctx, `SELECT `+obsCols+` FROM observations o`+and+`o.id BETWEEN ? AND ? ORDER BY o.id`,
				append(args[:len(args):len(args)], from, to)...)
			if err != nil {
				return err
			}
			defer rows.Close()
			out := make([]plan.Observation, 0, n/parts+n/(16*parts)+1)
			for rows.Next() {
				o, err := obsRow(rows, false)
				if err != nil {
					return err
				}
				out = append(out, o)
			}
			results[i] = out
			return rows.Err()
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if parts == 1 {
		return results[0], nil
	}
	return slices.Concat(results...), nil
}

// slim blanks what a slim read leaves out.
func slim(o *plan.Observation) {
	o.SourceURL, o.SourceDate, o.Quote, o.ReportedBy, o.Note, o.CreatedBy = "", "", "", "", "", ""
	o.CreatedAt = time.Time{}
}

// ListObservations returns the observations f selects, oldest first; with
// f.Slim, ordered by plan, target and id instead, and read (unless one
// target is asked for) from observation_facts.
func (db *DB) ListObservations(ctx context.Context, f store.ObservationFilter) ([]plan.Observation, error) {
	var where []string
	var args []any
	if f.PlanID > 0 {
		where = append(where, `o.plan_id = ?`)
		args = append(args, f.PlanID)
	}
	if f.TargetID != "" {
		where = append(where, `o.target_id = ?`)
		args = append(args, f.TargetID)
	}
	cond := ""
	if len(where) > 0 {
		cond = ` WHERE ` + strings.Join(where, ` AND `)
	}
	var out []plan.Observation
	var err error
	switch {
	case f.Slim && f.TargetID == "":
		out, err = db.scanFacts(ctx, f.PlanID)
	default:
		out, err = db.scanObservations(ctx, cond, args, f.TargetID == "")
		if f.Slim {
			for i := range out {
				slim(&out[i])
			}
			slices.SortStableFunc(out, func(a, b plan.Observation) int { return cmp.Compare(a.PlanID, b.PlanID) })
		}
	}
	if err != nil {
		return nil, fmt.Errorf("list observations: %w", err)
	}

	// superseded_by: a correction is in the same plan as what it corrects,
	// so without a target filter the corrections are among the rows read.
	// With one, a correction may have moved to another target: ask.
	by := map[int64]int64{}
	if f.TargetID == "" {
		for i := range out { // by index: an Observation is 400 bytes to copy
			if out[i].Supersedes != 0 {
				by[out[i].Supersedes] = out[i].ID
			}
		}
	} else {
		q := `SELECT supersedes, id FROM observations WHERE supersedes IS NOT NULL`
		var qargs []any
		if f.PlanID > 0 {
			q += ` AND plan_id = ?`
			qargs = append(qargs, f.PlanID)
		}
		srows, err := db.query(ctx, q, qargs...)
		if err != nil {
			return nil, fmt.Errorf("list observations: %w", err)
		}
		defer srows.Close()
		for srows.Next() {
			var old, id int64
			if err := srows.Scan(&old, &id); err != nil {
				return nil, fmt.Errorf("list observations: %w", err)
			}
			by[old] = id
		}
		if err := srows.Err(); err != nil {
			return nil, fmt.Errorf("list observations: %w", err)
		}
	}
	if len(by) == 0 {
		return out, nil
	}
	kept := out[:0]
	for i := range out {
		out[i].SupersededBy = by[out[i].ID]
		if out[i].SupersededBy != 0 && !f.IncludeSuperseded {
			continue
		}
		kept = append(kept, out[i])
	}
	return kept, nil
}
