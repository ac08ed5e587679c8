package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/planwatch/planwatch/internal/store"
)

// actorName is who a write is recorded as: the token's or user's name,
// "#id" for a token, so that two tokens of one name stay apart.
func actorName(by store.Actor) string {
	name := strings.TrimSpace(by.Name)
	if name == "" {
		name = "unknown"
	}
	if by.TokenID > 0 {
		name = fmt.Sprintf("%s#%d", name, by.TokenID)
	}
	return name
}

func auditJSON(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return string(b), nil
}

const insertAuditSQL = `INSERT INTO audit_log (at, actor, action, entity, before, after) VALUES (?, ?, ?, ?, ?, ?)`

// audit appends one entry in the write's transaction; the store never
// updates or deletes audit_log rows (triggers refuse it in both databases).
func (db *DB) audit(ctx context.Context, t *tx, by store.Actor, action, ent string, before, after any) error {
	b, err := auditJSON(before)
	if err != nil {
		return err
	}
	a, err := auditJSON(after)
	if err != nil {
		return err
	}
	if _, err := t.exec(ctx, insertAuditSQL, db.Dialect.TimeArg(db.now()), actorName(by), action, ent, b, a); err != nil {
		return fmt.Errorf("audit %s %s: %w", action, ent, err)
	}
	return nil
}

// auditStmt is a prepared audit insert for writes that record many entries.
type auditStmt struct {
	db   *DB
	stmt *sql.Stmt
}

func (db *DB) prepareAudit(ctx context.Context, t *tx) (*auditStmt, error) {
	s, err := t.tx.PrepareContext(ctx, db.q(insertAuditSQL))
	if err != nil {
		return nil, err
	}
	return &auditStmt{db: db, stmt: s}, nil
}

func (a *auditStmt) add(ctx context.Context, by store.Actor, action, ent string, before, after any) error {
	b, err := auditJSON(before)
	if err != nil {
		return err
	}
	af, err := auditJSON(after)
	if err != nil {
		return err
	}
	if _, err := a.stmt.ExecContext(ctx, a.db.Dialect.TimeArg(a.db.now()), actorName(by), action, ent, b, af); err != nil {
		return fmt.Errorf("audit %s %s: %w", action, ent, err)
	}
	return nil
}

func (a *auditStmt) Close() error { return a.stmt.Close() }

// ListAudit returns audit entries newest first; Limit <= 0 returns all.
func (db *DB) ListAudit(ctx context.Context, f store.AuditFilter) ([]store.AuditEntry, error) {
	q := `SELECT id, at, actor, action, entity, before, after FROM audit_log`
	var args []any
	if f.Entity != "" {
		q += ` WHERE entity = ?`
		args = append(args, f.Entity)
	}
	q += ` ORDER BY id DESC`
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	rows, err := db.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list audit: %w", err)
	}
	defer rows.Close()
	out := []store.AuditEntry{}
	for rows.Next() {
		var e store.AuditEntry
		var before, after sql.NullString
		if err := rows.Scan(&e.ID, timeCol{&e.At}, &e.Actor, &e.Action, &e.Entity, &before, &after); err != nil {
			return nil, fmt.Errorf("list audit: %w", err)
		}
		if before.Valid {
			e.Before = json.RawMessage(before.String)
		}
		if after.Valid {
			e.After = json.RawMessage(after.String)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list audit: %w", err)
	}
	return out, nil
}
