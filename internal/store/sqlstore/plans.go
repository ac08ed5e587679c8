package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
)

// copyPlan returns a deep copy of p, so that assigning target IDs never
// changes the caller's plan.
func copyPlan(p *plan.Plan) (*plan.Plan, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	var c plan.Plan
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, err
	}
	return &c, nil
}

// checkPlan rejects a plan the store cannot key its rows by.
func checkPlan(p *plan.Plan) error {
	if p == nil {
		return store.Errorf(store.EInvalid, "plan is missing")
	}
	// A null section would make Walk panic: find it first.
	var nullAt func([]*plan.Section) bool
	nullAt = func(ss []*plan.Section) bool {
		for _, s := range ss {
			if s == nil || nullAt(s.Children) {
				return true
			}
		}
		return false
	}
	if nullAt(p.Sections) {
		return store.Errorf(store.EInvalid, "plan %q: a section is null", p.Title)
	}
	seen := map[string]bool{}
	var err error
	p.Walk(func(s *plan.Section) {
		switch {
		case err != nil:
		case strings.TrimSpace(s.ID) == "":
			err = store.Errorf(store.EInvalid, "plan %q: section %q %q has no id", p.Title, s.Number, s.Title)
		case seen[s.ID]:
			err = store.Errorf(store.EInvalid, "plan %q: section id %q appears twice", p.Title, s.ID)
		}
		seen[s.ID] = true
		// ListTargets reads these packed with U+001F between them.
		for _, f := range append([]string{p.Title, s.ID, s.Title}, targetTexts(s.Targets)...) {
			if strings.Contains(f, obsSep) && err == nil {
				err = store.Errorf(store.EInvalid, "plan %q section %s: text %q contains the control character U+001F", p.Title, s.ID, f)
			}
		}
		for i, tg := range s.Targets {
			if _, e := plan.ParseDate(string(tg.Deadline)); e != nil && err == nil {
				err = store.Errorf(store.EInvalid, "plan %q section %s target %d (%s): deadline: %v", p.Title, s.ID, i+1, tg.Subject, e)
			}
		}
		for i, m := range s.Milestones {
			if _, e := plan.ParseDate(string(m.Deadline)); e != nil && err == nil {
				err = store.Errorf(store.EInvalid, "plan %q section %s milestone %d: deadline: %v", p.Title, s.ID, i+1, e)
			}
		}
	})
	for _, d := range []plan.Date{p.Issued, p.EffectiveFrom, p.EffectiveTo} {
		if _, e := plan.ParseDate(string(d)); e != nil && err == nil {
			err = store.Errorf(store.EInvalid, "plan %q: %v", p.Title, e)
		}
	}
	return err
}

// targetTexts lists the text fields of targets.
func targetTexts(ts []plan.Target) []string {
	var out []string
	for _, t := range ts {
		out = append(out, t.ID, t.Subject, t.Comparator, t.Unit, string(t.Deadline), t.Kind, t.Quote)
	}
	return out
}

// assignTargetIDs numbers every target "<section id>-<n>", n counting from
// 1 within its section, as the import contract says.
func assignTargetIDs(p *plan.Plan) {
	p.Walk(func(s *plan.Section) {
		for i := range s.Targets {
			s.Targets[i].ID = s.ID + "-" + strconv.Itoa(i+1)
		}
	})
}

// keepTargetIDs checks the IDs of a corrected plan: targets keep the IDs
// they have (observations point at them) and new ones get the next free
// "<section id>-<n>".
func keepTargetIDs(p *plan.Plan) error {
	used := map[string]bool{}
	var err error
	p.Walk(func(s *plan.Section) {
		for _, t := range s.Targets {
			if t.ID == "" {
				continue
			}
			if used[t.ID] && err == nil {
				err = store.Errorf(store.EInvalid, "plan %q: target id %q appears twice", p.Title, t.ID)
			}
			used[t.ID] = true
		}
	})
	if err != nil {
		return err
	}
	p.Walk(func(s *plan.Section) {
		n := 1
		for i := range s.Targets {
			if s.Targets[i].ID != "" {
				continue
			}
			for used[s.ID+"-"+strconv.Itoa(n)] {
				n++
			}
			s.Targets[i].ID = s.ID + "-" + strconv.Itoa(n)
			used[s.Targets[i].ID] = true
		}
	})
	return nil
}

// ImportPlan stores a plan under its key (store.PlanKey); see store.Store.
func (db *DB) ImportPlan(ctx context.Context, in store.PlanImport, by store.Actor) (store.PlanRecord, bool, error) {
	if err := checkPlan(in.Plan); err != nil {
		return store.PlanRecord{}, false, fmt.Errorf("import plan: %w", err)
	}
	p, err := copyPlan(in.Plan)
	if err != nil {
		return store.PlanRecord{}, false, fmt.Errorf("import plan: %w", err)
	}
	assignTargetIDs(p)
	key := store.PlanKey(p, in.Source)
	scope := strings.TrimSpace(in.Scope)
	if scope == "" {
		scope = store.ScopeFromIssuer(p.Issuer)
	}
	corr := in.Corrections
	if corr == nil {
		corr = []store.Correction{}
	}
	rec := store.PlanRecord{Key: key, Scope: scope, Plan: p, Source: in.Source, SourceName: in.SourceName, Corrections: corr}

	var created bool
	attempt := func() error {
		created = false
		return db.write(ctx, "import plan", func(t *tx) error {
			var id int64
			err := t.queryRow(ctx, `SELECT id FROM plans WHERE key = ?`, key).Scan(&id)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				rec.ImportedAt = db.now()
				id, err = db.insertPlan(ctx, t, &rec)
				if err != nil {
					return err
				}
				rec.ID = id
				created = true
				return db.audit(ctx, t, by, "plan.import", entity("plan", id), nil, planSummary(&rec))
			case err != nil:
				return err
			case !in.Replace:
				rec.ID = id
				return nil
			}
			rec.ID = id
			rec.ImportedAt = db.now()
			return db.replacePlan(ctx, t, &rec, by)
		})
	}
	err = attempt()
	if err != nil && db.Dialect.Unique != nil && db.Dialect.Unique(err) {
		// Another writer stored the same key between our SELECT and
		// INSERT (PostgreSQL, read committed): now it exists, so the
		// second attempt takes the "already stored" path.
		err = attempt()
	}
	if err != nil {
		return store.PlanRecord{}, false, fmt.Errorf("import plan %q (%s): %w", p.Title, key, err)
	}
	if !created && !in.Replace {
		stored, err := db.FindPlanByID(ctx, rec.ID)
		return stored, false, err
	}
	return rec, created, nil
}

func planSummary(r *store.PlanRecord) map[string]any {
	n := 0
	r.Plan.Walk(func(s *plan.Section) { n += len(s.Targets) })
	return map[string]any{"key": r.Key, "title": r.Plan.Title, "scope": r.Scope, "source_name": r.SourceName, "targets": n}
}

func entity(kind string, id int64) string { return kind + ":" + strconv.FormatInt(id, 10) }

func (db *DB) insertPlan(ctx context.Context, t *tx, r *store.PlanRecord) (int64, error) {
	pj, err := json.Marshal(r.Plan)
	if err != nil {
		return 0, err
	}
	cj, err := json.Marshal(r.Corrections)
	if err != nil {
		return 0, err
	}
	p := r.Plan
	id, err := t.insertID(ctx, `INSERT INTO plans (key, scope, title, doc_number, issuer, issued, effective_from, effective_to,
		source, source_name, plan_json, corrections_json, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Key, r.Scope, p.Title, p.DocNumber, p.Issuer, string(p.Issued), string(p.EffectiveFrom), string(p.EffectiveTo),
		r.Source, r.SourceName, string(pj), string(cj), db.Dialect.TimeArg(r.ImportedAt))
	if err != nil {
		return 0, fmt.Errorf("insert plan: %w", err)
	}
	return id, db.insertTree(ctx, t, id, p)
}

// insertTree writes the sections, targets and milestones of p.
func (db *DB) insertTree(ctx context.Context, t *tx, planID int64, p *plan.Plan) error {
	secStmt, err := t.tx.PrepareContext(ctx, db.q(`INSERT INTO sections (plan_id, section_id, parent_id, ord, number, title, lead_units, co_units, path)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return err
	}
	defer secStmt.Close()
	tgtStmt, err := t.tx.PrepareContext(ctx, db.q(`INSERT INTO targets (plan_id, target_id, section_id, ord, subject, comparator, value, unit, deadline, cumulative, kind, quote)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return err
	}
	defer tgtStmt.Close()
	msStmt, err := t.tx.PrepareContext(ctx, db.q(`INSERT INTO milestones (plan_id, section_id, ord, text, deadline, quote) VALUES (?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return err
	}
	defer msStmt.Close()

	secOrd, tgtOrd := 0, 0
	var walk func(parent string, path []string, ss []*plan.Section) error
	walk = func(parent string, path []string, ss []*plan.Section) error {
		for _, s := range ss {
			sp := append(path[:len(path):len(path)], s.Title)
			secOrd++
			if _, err := secStmt.ExecContext(ctx, planID, s.ID, parent, secOrd, s.Number, s.Title,
				jsonList(s.LeadUnits), jsonList(s.CoUnits), jsonList(sp)); err != nil {
				return fmt.Errorf("insert section %s: %w", s.ID, err)
			}
			for _, tg := range s.Targets {
				tgtOrd++
				if _, err := tgtStmt.ExecContext(ctx, planID, tg.ID, s.ID, tgtOrd, tg.Subject, tg.Comparator, tg.Value,
					tg.Unit, string(tg.Deadline), tg.Cumulative, tg.Kind, tg.Quote); err != nil {
					return fmt.Errorf("insert target %s: %w", tg.ID, err)
				}
			}
			for i, m := range s.Milestones {
				if _, err := msStmt.ExecContext(ctx, planID, s.ID, i+1, m.Text, string(m.Deadline), m.Quote); err != nil {
					return fmt.Errorf("insert milestone %s #%d: %w", s.ID, i+1, err)
				}
			}
			if err := walk(s.ID, sp, s.Children); err != nil {
				return err
			}
		}
		return nil
	}
	return walk("", nil, p.Sections)
}

func jsonList(ss []string) string {
	if len(ss) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(ss)
	return string(b)
}

// oldTarget is what re-attachment needs to know of a target being replaced.
type oldTarget struct{ id, section, subject, quote string }

func (db *DB) loadOldTargets(ctx context.Context, t *tx, planID int64) (map[string]oldTarget, error) {
	rows, err := t.query(ctx, `SELECT target_id, section_id, subject, quote FROM targets WHERE plan_id = ?`, planID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]oldTarget{}
	for rows.Next() {
		var o oldTarget
		if err := rows.Scan(&o.id, &o.section, &o.subject, &o.quote); err != nil {
			return nil, err
		}
		m[o.id] = o
	}
	return m, rows.Err()
}

// replacePlan swaps the stored tree of r.ID for r.Plan and re-attaches
// observations; r.ID and r.ImportedAt are set.
func (db *DB) replacePlan(ctx context.Context, t *tx, r *store.PlanRecord, by store.Actor) error {
	old, err := db.loadOldTargets(ctx, t, r.ID)
	if err != nil {
		return err
	}
	var before store.PlanRecord
	before.Plan = &plan.Plan{}
	if err := t.queryRow(ctx, `SELECT key, scope, title, source_name FROM plans WHERE id = ?`, r.ID).
		Scan(&before.Key, &before.Scope, &before.Plan.Title, &before.SourceName); err != nil {
		return err
	}
	pj, err := json.Marshal(r.Plan)
	if err != nil {
		return err
	}
	cj, err := json.Marshal(r.Corrections)
	if err != nil {
		return err
	}
	p := r.Plan
	if _, err := t.exec(ctx, `UPDATE plans SET scope = ?, title = ?, doc_number = ?, issuer = ?, issued = ?, effective_from = ?,
		effective_to = ?, source = ?, source_name = ?, plan_json = ?, corrections_json = ?, imported_at = ? WHERE id = ?`,
		r.Scope, p.Title, p.DocNumber, p.Issuer, string(p.Issued), string(p.EffectiveFrom), string(p.EffectiveTo),
		r.Source, r.SourceName, string(pj), string(cj), db.Dialect.TimeArg(r.ImportedAt), r.ID); err != nil {
		return fmt.Errorf("update plan: %w", err)
	}
	if err := db.swapTree(ctx, t, r.ID, p); err != nil {
		return err
	}
	moves, err := db.reattach(ctx, t, r.ID, old, p, false)
	if err != nil {
		return err
	}
	after := planSummary(r)
	after["observations_moved"] = moves
	return db.audit(ctx, t, by, "plan.replace", entity("plan", r.ID), planSummary(&before), after)
}

func (db *DB) swapTree(ctx context.Context, t *tx, planID int64, p *plan.Plan) error {
	// Targets and milestones go with their sections (ON DELETE CASCADE).
	if _, err := t.exec(ctx, `DELETE FROM sections WHERE plan_id = ?`, planID); err != nil {
		return fmt.Errorf("delete sections: %w", err)
	}
	return db.insertTree(ctx, t, planID, p)
}

// move is one observation re-pointed by a re-import, for the audit log.
type move struct {
	Observation int64  `json:"observation"`
	From        string `json:"from"`
	To          string `json:"to"`
}

// reattach points the observations of planID that were reported against
// a target of old at the target of p that matches it: the same ID (only
// when keepIDs, i.e. a correction of the same tree), else the same
// section and subject, else the same quote. Observations with no match
// become plan context (TargetID "") with a note naming their old target.
func (db *DB) reattach(ctx context.Context, t *tx, planID int64, old map[string]oldTarget, p *plan.Plan, keepIDs bool) ([]move, error) {
	bySubject := map[[2]string]string{}
	byQuote := map[string]string{}
	ids := map[string]bool{}
	p.Walk(func(s *plan.Section) {
		for _, tg := range s.Targets {
			ids[tg.ID] = true
			k := [2]string{s.ID, tg.Subject}
			if _, dup := bySubject[k]; !dup {
				bySubject[k] = tg.ID
			}
			if q := strings.TrimSpace(tg.Quote); q != "" {
				if _, dup := byQuote[q]; !dup {
					byQuote[q] = tg.ID
				}
			}
		}
	})
	rows, err := t.query(ctx, `SELECT id, target_id, note FROM observations WHERE plan_id = ? AND target_id <> '' ORDER BY id`, planID)
	if err != nil {
		return nil, err
	}
	type obsRef struct {
		id           int64
		target, note string
	}
	var refs []obsRef
	for rows.Next() {
		var o obsRef
		if err := rows.Scan(&o.id, &o.target, &o.note); err != nil {
			rows.Close()
			return nil, err
		}
		refs = append(refs, o)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	moves := []move{}
	for _, o := range refs {
		was, known := old[o.target]
		to := ""
		switch {
		case keepIDs && ids[o.target]:
			to = o.target
		case !known:
			// Reported against a target the old tree did not have either;
			// keep it where it is if that ID exists now.
			if ids[o.target] {
				to = o.target
			}
		case bySubject[[2]string{was.section, was.subject}] != "":
			to = bySubject[[2]string{was.section, was.subject}]
		case strings.TrimSpace(was.quote) != "" && byQuote[strings.TrimSpace(was.quote)] != "":
			to = byQuote[strings.TrimSpace(was.quote)]
		}
		if to == o.target {
			continue
		}
		note := o.note
		if to == "" {
			subj := was.subject
			if subj == "" {
				subj = "未知"
			}
			detached := fmt.Sprintf("原属目标 %s（%s），该目标在计划更新后已不存在，现作为计划背景信息保留", o.target, subj)
			if note != "" {
				note += "；"
			}
			note += detached
		}
		if _, err := t.exec(ctx, `UPDATE observations SET target_id = ?, note = ? WHERE id = ?`, to, note, o.id); err != nil {
			return nil, fmt.Errorf("re-attach observation %d: %w", o.id, err)
		}
		moves = append(moves, move{Observation: o.id, From: o.target, To: to})
	}
	if len(moves) > 0 {
		if err := db.rebuildPlanFacts(ctx, t, planID); err != nil {
			return nil, err
		}
	}
	return moves, nil
}

const planCols = `id, key, scope, source_name, plan_json, corrections_json, imported_at`

func scanPlan(sc interface{ Scan(...any) error }, withSource bool) (store.PlanRecord, error) {
	var r store.PlanRecord
	var pj, cj string
	dest := []any{&r.ID, &r.Key, &r.Scope, &r.SourceName, &pj, &cj, timeCol{&r.ImportedAt}}
	if withSource {
		dest = append(dest, &r.Source)
	}
	if err := sc.Scan(dest...); err != nil {
		return r, err
	}
	r.Plan = &plan.Plan{}
	if err := json.Unmarshal([]byte(pj), r.Plan); err != nil {
		return r, fmt.Errorf("plan %d: stored plan JSON: %w", r.ID, err)
	}
	if err := json.Unmarshal([]byte(cj), &r.Corrections); err != nil {
		return r, fmt.Errorf("plan %d: stored corrections: %w", r.ID, err)
	}
	if r.Corrections == nil {
		r.Corrections = []store.Correction{}
	}
	return r, nil
}

// ListPlans returns every plan in import order, without source texts.
func (db *DB) ListPlans(ctx context.Context) ([]store.PlanRecord, error) {
	rows, err := db.query(ctx, `SELECT `+planCols+` FROM plans ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("list plans: %w", err)
	}
	defer rows.Close()
	out := []store.PlanRecord{}
	for rows.Next() {
		r, err := scanPlan(rows, false)
		if err != nil {
			return nil, fmt.Errorf("list plans: %w", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list plans: %w", err)
	}
	return out, nil
}

// ListPlanHeads implements store.PlanHeadLister from the plans' own
// columns and their targets' earliest deadline.
func (db *DB) ListPlanHeads(ctx context.Context, planID int64) ([]store.PlanHead, error) {
	q := `SELECT p.id, p.scope, p.effective_from, p.issued,
		COALESCE((SELECT MIN(t.deadline) FROM targets t WHERE t.plan_id = p.id AND t.deadline <> ''), '')
		FROM plans p`
	var args []any
	if planID > 0 {
		q += ` WHERE p.id = ?`
		args = append(args, planID)
	}
	rows, err := db.query(ctx, q+` ORDER BY p.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list plan heads: %w", err)
	}
	defer rows.Close()
	out := []store.PlanHead{}
	for rows.Next() {
		var h store.PlanHead
		var from, issued, first string
		if err := rows.Scan(&h.ID, &h.Scope, &from, &issued, &first); err != nil {
			return nil, fmt.Errorf("list plan heads: %w", err)
		}
		h.Start = store.PlanStart(plan.Date(from), plan.Date(issued), plan.Date(first))
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list plan heads: %w", err)
	}
	if planID > 0 && len(out) == 0 {
		return nil, store.Errorf(store.ENotFound, "plan %d not found", planID)
	}
	return out, nil
}

// FindPlanByID returns one plan with its source text.
func (db *DB) FindPlanByID(ctx context.Context, id int64) (store.PlanRecord, error) {
	r, err := scanPlan(db.queryRow(ctx, `SELECT `+planCols+`, source FROM plans WHERE id = ?`, id), true)
	if errors.Is(err, sql.ErrNoRows) {
		return r, store.Errorf(store.ENotFound, "plan %d not found", id)
	}
	if err != nil {
		return r, fmt.Errorf("find plan %d: %w", id, err)
	}
	return r, nil
}

// UpdatePlan saves a corrected plan tree: targets keep their IDs (new ones
// get the next free number in their section), observations follow them
// as on re-import, and corrections are appended to the plan's list.
func (db *DB) UpdatePlan(ctx context.Context, id int64, p *plan.Plan, corrections []store.Correction, by store.Actor) error {
	if err := checkPlan(p); err != nil {
		return fmt.Errorf("update plan %d: %w", id, err)
	}
	p, err := copyPlan(p)
	if err != nil {
		return fmt.Errorf("update plan %d: %w", id, err)
	}
	if err := keepTargetIDs(p); err != nil {
		return fmt.Errorf("update plan %d: %w", id, err)
	}
	err = db.write(ctx, "update plan", func(t *tx) error {
		var cj, title string
		err := t.queryRow(ctx, `SELECT corrections_json, title FROM plans WHERE id = ?`, id).Scan(&cj, &title)
		if errors.Is(err, sql.ErrNoRows) {
			return store.Errorf(store.ENotFound, "plan %d not found", id)
		}
		if err != nil {
			return err
		}
		var all []store.Correction
		if err := json.Unmarshal([]byte(cj), &all); err != nil {
			return fmt.Errorf("stored corrections: %w", err)
		}
		now := db.now()
		for _, c := range corrections {
			if c.At.IsZero() {
				c.At = now
			}
			if c.By == "" {
				c.By = actorName(by)
			}
			all = append(all, c)
		}
		if all == nil {
			all = []store.Correction{}
		}
		old, err := db.loadOldTargets(ctx, t, id)
		if err != nil {
			return err
		}
		pj, err := json.Marshal(p)
		if err != nil {
			return err
		}
		nb, err := json.Marshal(all)
		if err != nil {
			return err
		}
		if _, err := t.exec(ctx, `UPDATE plans SET title = ?, doc_number = ?, issuer = ?, issued = ?, effective_from = ?,
			effective_to = ?, plan_json = ?, corrections_json = ? WHERE id = ?`,
			p.Title, p.DocNumber, p.Issuer, string(p.Issued), string(p.EffectiveFrom), string(p.EffectiveTo),
			string(pj), string(nb), id); err != nil {
			return fmt.Errorf("update plan: %w", err)
		}
		if err := db.swapTree(ctx, t, id, p); err != nil {
			return err
		}
		moves, err := db.reattach(ctx, t, id, old, p, true)
		if err != nil {
			return err
		}
		return db.audit(ctx, t, by, "plan.update", entity("plan", id),
			map[string]any{"title": title},
			map[string]any{"title": p.Title, "corrections": corrections, "observations_moved": moves})
	})
	if err != nil {
		return fmt.Errorf("update plan %d: %w", id, err)
	}
	return nil
}

// DeletePlan deletes a plan with its tree and observations (by cascade);
// the audit log keeps the record that it existed.
func (db *DB) DeletePlan(ctx context.Context, id int64, by store.Actor) error {
	err := db.write(ctx, "delete plan", func(t *tx) error {
		var key, title string
		var nobs int
		err := t.queryRow(ctx, `SELECT key, title FROM plans WHERE id = ?`, id).Scan(&key, &title)
		if errors.Is(err, sql.ErrNoRows) {
			return store.Errorf(store.ENotFound, "plan %d not found", id)
		}
		if err != nil {
			return err
		}
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM observations WHERE plan_id = ?`, id).Scan(&nobs); err != nil {
			return err
		}
		if _, err := t.exec(ctx, `DELETE FROM plans WHERE id = ?`, id); err != nil {
			return err
		}
		return db.audit(ctx, t, by, "plan.delete", entity("plan", id),
			map[string]any{"key": key, "title": title, "observations": nobs}, nil)
	})
	if err != nil {
		return fmt.Errorf("delete plan %d: %w", id, err)
	}
	return nil
}

// ListTargets returns the targets of one plan (planID > 0) or of all, in
// plan and document order, with one query.
func (db *DB) ListTargets(ctx context.Context, planID int64) ([]store.TargetRow, error) {
	// The text columns come packed in one, as observations do (see
	// obsCols): each column read costs about as much as the row, and a
	// province's plans have fifty thousand targets.
	q := `SELECT t.plan_id, t.value, t.cumulative, p.title || '` + obsSep + `' || t.section_id || '` + obsSep + `' || s.path || '` + obsSep + `' ||
		s.title || '` + obsSep + `' || s.lead_units || '` + obsSep + `' || s.co_units || '` + obsSep + `' || t.target_id || '` + obsSep + `' ||
		t.subject || '` + obsSep + `' || t.comparator || '` + obsSep + `' || t.unit || '` + obsSep + `' || t.deadline || '` + obsSep + `' ||
		t.kind || '` + obsSep + `' || t.quote
		FROM targets t
		JOIN sections s ON s.plan_id = t.plan_id AND s.section_id = t.section_id
		JOIN plans p ON p.id = t.plan_id`
	var args []any
	if planID > 0 {
		q += ` WHERE t.plan_id = ?`
		args = append(args, planID)
	}
	q += ` ORDER BY t.plan_id, t.ord`
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list targets: %w", err)
	}
	defer rows.Close()
	out := []store.TargetRow{}
	// Sections repeat across their targets: decode each one's lists once.
	type secLists struct{ path, lead, co []string }
	var lastKey string
	var last secLists
	for rows.Next() {
		var r store.TargetRow
		var packed string
		if err := rows.Scan(&r.PlanID, &r.Target.Value, &r.Target.Cumulative, &packed); err != nil {
			return nil, fmt.Errorf("list targets: %w", err)
		}
		var f [13]string
		if !unpack(packed, f[:]) {
			return nil, fmt.Errorf("list targets: plan %d: stored text fields are garbled", r.PlanID)
		}
		var path, lead, co string
		r.PlanTitle, r.SectionID, path, r.TaskTitle, lead, co = f[0], f[1], f[2], f[3], f[4], f[5]
		r.Target.ID, r.Target.Subject, r.Target.Comparator, r.Target.Unit = f[6], f[7], f[8], f[9]
		r.Target.Deadline, r.Target.Kind, r.Target.Quote = plan.Date(f[10]), f[11], f[12]
		if k := strconv.FormatInt(r.PlanID, 10) + "/" + r.SectionID; k != lastKey {
			lastKey = k
			last = secLists{}
			for _, f := range []struct {
				s   string
				dst *[]string
			}{{path, &last.path}, {lead, &last.lead}, {co, &last.co}} {
				if err := json.Unmarshal([]byte(f.s), f.dst); err != nil {
					return nil, fmt.Errorf("list targets: section %s: %w", r.SectionID, err)
				}
				if *f.dst == nil {
					*f.dst = []string{}
				}
			}
		}
		r.SectionPath, r.LeadUnits, r.CoUnits = last.path, last.lead, last.co
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list targets: %w", err)
	}
	return out, nil
}
