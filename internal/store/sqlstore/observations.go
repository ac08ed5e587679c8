package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
)

var obsKinds = map[string]bool{
	plan.ObsFlow: true, plan.ObsStock: true, plan.ObsRate: true,
	plan.ObsTarget: true, plan.ObsEvent: true, plan.ObsStatus: true,
}

// checkObservation rejects what no reader of the evidence could use.
func checkObservation(o *plan.Observation) error {
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
		return nil
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
		return db.audit(ctx, t, by, "observation.supersede", entity("observation", o.ID), old, o)
	})
	if err != nil {
		return plan.Observation{}, fmt.Errorf("supersede observation %d: %w", oldID, err)
	}
	return o, nil
}

// selectObsSQL derives superseded_by from the correction's supersedes, so
// that the corrected row is never written to.
const selectObsSQL = `SELECT o.id, o.plan_id, o.target_id, o.section_id, o.value, o.value_text, o.unit, o.period_start, o.period_end,
	o.kind, o.scope, o.source_url, o.source_date, o.quote, o.reported_by, o.note, COALESCE(o.supersedes, 0), COALESCE(n.id, 0),
	o.created_at, o.created_by
	FROM observations o LEFT JOIN observations n ON n.supersedes = o.id`

func findObs(sc interface{ Scan(...any) error }) (plan.Observation, error) {
	var o plan.Observation
	var value sql.NullFloat64
	var ps, pe string
	err := sc.Scan(&o.ID, &o.PlanID, &o.TargetID, &o.SectionID, &value, &o.ValueText, &o.Unit, &ps, &pe,
		&o.Kind, &o.Scope, &o.SourceURL, &o.SourceDate, &o.Quote, &o.ReportedBy, &o.Note, &o.Supersedes, &o.SupersededBy,
		timeCol{&o.CreatedAt}, &o.CreatedBy)
	if value.Valid {
		v := value.Float64
		o.Value = &v
	}
	o.PeriodStart, o.PeriodEnd = plan.Date(ps), plan.Date(pe)
	return o, err
}

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

// ListObservations returns the observations f selects, oldest first.
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
	if !f.IncludeSuperseded {
		where = append(where, `n.id IS NULL`)
	}
	q := selectObsSQL
	if len(where) > 0 {
		q += ` WHERE ` + strings.Join(where, ` AND `)
	}
	q += ` ORDER BY o.id`
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list observations: %w", err)
	}
	defer rows.Close()
	out := []plan.Observation{}
	for rows.Next() {
		o, err := findObs(rows)
		if err != nil {
			return nil, fmt.Errorf("list observations: %w", err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list observations: %w", err)
	}
	return out, nil
}
