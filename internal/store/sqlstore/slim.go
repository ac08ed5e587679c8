package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"runtime"

	"golang.org/x/sync/errgroup"

	"github.com/planwatch/planwatch/internal/plan"
)

// slimCols reads what the status engine needs of an observation in two
// columns: the value (a REAL, so it round-trips exactly) and everything
// else packed with obsSep. Each column read through database/sql costs
// about as much as the row itself, and judging every plan reads a million
// rows, so the number of columns is the speed of the dashboard's widest
// view. The integers travel as text; CAST keeps PostgreSQL's || happy.
const slimCols = `o.value, CAST(o.id AS TEXT) || '` + obsSep + `' || CAST(o.plan_id AS TEXT) || '` + obsSep + `' ||
	COALESCE(CAST(o.supersedes AS TEXT), '') || '` + obsSep + `' || o.target_id || '` + obsSep + `' || o.section_id || '` + obsSep + `' ||
	o.value_text || '` + obsSep + `' || o.unit || '` + obsSep + `' || o.period_start || '` + obsSep + `' || o.period_end || '` + obsSep + `' ||
	o.kind || '` + obsSep + `' || o.scope`

// scanSlim reads the observations matching cond without their evidence
// text, ordered by plan, target and id so that each target's observations
// are adjacent. A large read is split into plan ranges read in parallel,
// each filling its own stretch of one array: an Observation is 400 bytes,
// and at a million rows every extra copy of the list costs more than the
// database does.
func (db *DB) scanSlim(ctx context.Context, cond string, args []any, mayParallel bool) ([]plan.Observation, error) {
	perPlan, err := db.countByPlan(ctx, cond, args)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, c := range perPlan {
		n += c.n
	}
	if n == 0 {
		return []plan.Observation{}, nil
	}
	parts := 1
	if mayParallel && n >= db.ParallelReadFrom && db.R.Stats().MaxOpenConnections != 1 {
		parts = min(runtime.NumCPU(), 4, len(perPlan))
	}
	// Cut the plans into parts of about equal rows.
	type part struct {
		first, last int64
		from, to    int // the stretch of out this part fills
		filled      int
		extra       []plan.Observation // rows beyond the count (added since it was taken)
	}
	ps := make([]part, 0, parts)
	want, at := (n+parts-1)/parts, 0
	for i := 0; i < len(perPlan); {
		p := part{first: perPlan[i].plan, from: at}
		for i < len(perPlan) && (at-p.from < want || len(ps) == parts-1) {
			p.last = perPlan[i].plan
			at += perPlan[i].n
			i++
		}
		p.to = at
		ps = append(ps, p)
	}
	out := make([]plan.Observation, n)
	and := ` WHERE `
	if cond != "" {
		and = cond + ` AND `
	}
	g, gctx := errgroup.WithContext(ctx)
	for i := range ps {
		p := &ps[i]
		g.Go(func() error {
			rows, err := db.query(gctx, `SELECT `+slimCols+` FROM observations o`+and+`o.plan_id BETWEEN ? AND ? ORDER BY o.plan_id, o.target_id, o.id`,
				append(args[:len(args):len(args)], p.first, p.last)...)
			if err != nil {
				return err
			}
			defer rows.Close()
			r := slimReader{intern: map[string]string{}, values: make([]float64, 0, p.to-p.from+1)}
			var spare plan.Observation
			for rows.Next() {
				spare = plan.Observation{}
				o := &spare
				if p.from+p.filled < p.to {
					o = &out[p.from+p.filled]
				}
				if err := r.row(rows, o); err != nil {
					return err
				}
				if o == &spare {
					p.extra = append(p.extra, spare)
				} else {
					p.filled++
				}
			}
			return rows.Err()
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	exact := true
	for _, p := range ps {
		exact = exact && p.filled == p.to-p.from && len(p.extra) == 0
	}
	if exact {
		return out, nil
	}
	// Rows were added or deleted between the count and the read: join the
	// parts as read.
	joined := make([]plan.Observation, 0, n)
	for _, p := range ps {
		joined = append(joined, out[p.from:p.from+p.filled]...)
		joined = append(joined, p.extra...)
	}
	return joined, nil
}

type planCount struct {
	plan int64
	n    int
}

// countByPlan counts the observations matching cond per plan, in plan order.
func (db *DB) countByPlan(ctx context.Context, cond string, args []any) ([]planCount, error) {
	rows, err := db.query(ctx, `SELECT o.plan_id, COUNT(*) FROM observations o`+cond+` GROUP BY o.plan_id ORDER BY o.plan_id`, args...)
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

// slimReader turns slimCols rows into observations with as few
// allocations as it can: the packed text is read into a reused buffer,
// the short repeated fields (target IDs, units, dates, kinds, scopes) are
// interned, and values share one backing array.
type slimReader struct {
	packed sql.RawBytes
	value  sql.NullFloat64
	intern map[string]string
	values []float64
}

// internLimit bounds the intern table: value_text can be unique per row,
// and past this many distinct strings interning costs more than it saves.
const internLimit = 1 << 16

func (r *slimReader) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s, ok := r.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(r.intern) < internLimit {
		r.intern[s] = s
	}
	return s
}

// row reads one row into o, which must be zero: clearing 400 bytes that
// make already cleared cost more than the rest of the row.
func (r *slimReader) row(sc interface{ Scan(...any) error }, o *plan.Observation) error {
	if err := sc.Scan(&r.value, &r.packed); err != nil {
		return err
	}
	if r.value.Valid {
		if len(r.values) == cap(r.values) {
			r.values = make([]float64, 0, 1024)
		}
		r.values = append(r.values, r.value.Float64)
		o.Value = &r.values[len(r.values)-1]
	}
	var f [11][]byte
	rest := []byte(r.packed)
	for i := range f {
		if i == len(f)-1 {
			f[i] = rest
			break
		}
		var ok bool
		if f[i], rest, ok = bytes.Cut(rest, []byte(obsSep)); !ok {
			return fmt.Errorf("observation row %q: packed fields are garbled", r.packed)
		}
	}
	var err error
	if o.ID, err = digits(f[0]); err != nil {
		return err
	}
	if o.PlanID, err = digits(f[1]); err != nil {
		return err
	}
	if len(f[2]) > 0 {
		if o.Supersedes, err = digits(f[2]); err != nil {
			return err
		}
	}
	o.TargetID, o.SectionID, o.ValueText, o.Unit = r.str(f[3]), r.str(f[4]), r.str(f[5]), r.str(f[6])
	o.PeriodStart, o.PeriodEnd = plan.Date(r.str(f[7])), plan.Date(r.str(f[8]))
	o.Kind, o.Scope = r.str(f[9]), r.str(f[10])
	return nil
}

// digits parses a positive decimal ID without allocating.
func digits(b []byte) (int64, error) {
	if len(b) == 0 || len(b) > 18 {
		return 0, fmt.Errorf("observation row: id %q is not a number", b)
	}
	var n int64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("observation row: id %q is not a number", b)
		}
		n = n*10 + int64(c-'0')
	}
	return n, nil
}
