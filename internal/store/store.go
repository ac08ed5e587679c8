// Package store persists plans, units, observations, users, tokens and the audit
// log. The Store interface is implemented by store/sqlite (the embedded
// default) and store/postgres; store/storetest holds one conformance suite
// that runs on both.
package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/planwatch/planwatch/internal/plan"
)

// Error codes, mapped to HTTP statuses in one place (internal/api).
const (
	EInvalid      = "invalid"
	ENotFound     = "not_found"
	EConflict     = "conflict"
	EUnauthorized = "unauthorized"
	EForbidden    = "forbidden"
	EInternal     = "internal"
)

// Error is a coded application error. Message is safe to show to users.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Errorf returns a coded error.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal
// for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the user-facing message of err.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// Roles a token can carry.
const (
	RoleAdmin    = "admin"
	RoleReporter = "reporter"
)

// Actor is who performs a write; it goes into the audit log.
type Actor struct {
	TokenID int64  // 0 for the local CLI
	Name    string // "cli", a token's name, "demo"
	Role    string
	Unit    string // the reporter's unit, canonical name
}

// PlanRecord is a stored plan. Plan.Sections carry every target with its
// ID set (unique within the plan, e.g. "2.1.1-1").
type PlanRecord struct {
	ID  int64  `json:"id"`
	Key string `json:"key"` // doc_number, else "sha256:<hash of source>"
	// Scope is the jurisdiction the plan covers ("长沙市"); observations
	// with another scope are not counted.
	Scope       string       `json:"scope"`
	Plan        *plan.Plan   `json:"plan"`
	Source      string       `json:"-"` // the text as imported
	SourceName  string       `json:"source_name"`
	Corrections []Correction `json:"corrections"`
	ImportedAt  time.Time    `json:"imported_at"`
}

// Start is the day the plan's period starts: effective_from, else issued,
// else January 1st of the earliest deadline's year.
func (r *PlanRecord) Start() plan.Date {
	p := r.Plan
	if !p.EffectiveFrom.IsZero() || !p.Issued.IsZero() {
		return PlanStart(p.EffectiveFrom, p.Issued, "")
	}
	var first plan.Date
	p.Walk(func(s *plan.Section) {
		for _, t := range s.Targets {
			if !t.Deadline.IsZero() && (first == "" || t.Deadline < first) {
				first = t.Deadline
			}
		}
	})
	return PlanStart("", "", first)
}

// PlanStart is the rule of PlanRecord.Start from a plan's dates and its
// earliest target deadline.
func PlanStart(effectiveFrom, issued, firstDeadline plan.Date) plan.Date {
	switch {
	case !effectiveFrom.IsZero():
		return effectiveFrom
	case !issued.IsZero():
		return issued
	case firstDeadline.IsZero():
		return ""
	}
	return plan.MakeDate(firstDeadline.Time().Year(), time.January, 1)
}

// PlanHead is what judging needs of a plan.
type PlanHead struct {
	ID    int64
	Scope string
	Start plan.Date // as PlanRecord.Start
}

// PlanHeadLister is a Store that can list plans' heads without reading
// their trees: judging every plan of a province otherwise decodes a
// thousand plan documents for two fields each. ledger.Build uses it when
// the store has it.
type PlanHeadLister interface {
	// ListPlanHeads returns the heads of all plans (planID 0) or of one
	// (ENotFound when it does not exist), in ID order.
	ListPlanHeads(ctx context.Context, planID int64) ([]PlanHead, error)
}

// Correction is one field a person changed after the parser read the plan.
type Correction struct {
	Path  string    `json:"path"` // e.g. "sections/2.1.1/lead_units", "sections/2.1.1/targets/2.1.1-1/value"
	Old   string    `json:"old"`
	New   string    `json:"new"`
	By    string    `json:"by"`
	At    time.Time `json:"at"`
	Notes string    `json:"notes,omitempty"`
}

// PlanImport is what ImportPlan stores.
type PlanImport struct {
	Plan        *plan.Plan
	Source      string
	SourceName  string
	Scope       string // "" lets the store derive it from the issuer
	Corrections []Correction
	// Replace re-imports a plan whose Key exists: sections and targets are
	// replaced, observations stay attached to targets that still match
	// (same section ID and subject, or same quote) and the rest are kept
	// as plan context with a note.
	Replace bool
}

// TargetRow is a target with the task it belongs to, for ledgers and lists.
type TargetRow struct {
	PlanID      int64       `json:"plan_id"`
	PlanTitle   string      `json:"plan_title"`
	SectionID   string      `json:"section_id"`   // the task's positional ID
	SectionPath []string    `json:"section_path"` // titles from the root to the task
	TaskTitle   string      `json:"task_title"`
	LeadUnits   []string    `json:"lead_units"`
	CoUnits     []string    `json:"co_units"`
	Target      plan.Target `json:"target"`
}

// Unit is a responsible unit in the registry; Aliases are other spellings
// (市工信局 = 市工业和信息化局) that resolve to Name.
type Unit struct {
	ID      int64    `json:"id"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases"`
}

// User is a person or office that holds tokens ("市工信局 张三"). A user
// may hold several tokens over time: a new one when one leaks, one per
// device. Disabling a user stops all of its tokens at once.
type User struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"` // unique, trimmed
	Role      string    `json:"role"`
	Unit      string    `json:"unit"` // reporters: canonical unit name
	CreatedAt time.Time `json:"created_at"`
	Disabled  bool      `json:"disabled"`
}

// Token is an API credential. Only a hash of the secret is stored. Its
// Role and Unit are always those of the user it belongs to.
type Token struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	Unit      string    `json:"unit,omitempty"` // reporters: canonical unit name
	CreatedAt time.Time `json:"created_at"`
	Revoked   bool      `json:"revoked"`
	UserID    int64     `json:"user_id"`
	User      string    `json:"user"` // the user's name
}

// AuditEntry is one write, recorded in the same transaction as the write.
type AuditEntry struct {
	ID     int64           `json:"id"`
	At     time.Time       `json:"at"`
	Actor  string          `json:"actor"`
	Action string          `json:"action"` // "plan.import", "observation.create", ...
	Entity string          `json:"entity"` // "plan:3", "observation:17"
	Before json.RawMessage `json:"before,omitempty"`
	After  json.RawMessage `json:"after,omitempty"`
}

// ObservationFilter selects observations; zero fields do not filter.
type ObservationFilter struct {
	PlanID   int64
	TargetID string
	// IncludeSuperseded also returns observations a correction replaced.
	IncludeSuperseded bool
	// Slim leaves out the evidence text (SourceURL, SourceDate, Quote,
	// ReportedBy, Note, CreatedBy) and CreatedAt: what the status engine
	// reads and nothing more. Judging every plan reads a million rows, and
	// most of their bytes are quotes nobody looks at until a row is opened.
	Slim bool
}

// ObservationScanner is a Store that can hand over observations one plan
// at a time instead of in one list, so that judging every plan holds one
// plan's observations in memory at a time. ledger.Build uses it when the
// store has it.
type ObservationScanner interface {
	// ScanObservations calls fn once per plan that has observations (only
	// plan planID when > 0) with the plan's observations read slim (see
	// ObservationFilter.Slim), superseded ones included with SupersededBy
	// set, ordered by target and id. fn may run on several goroutines at
	// once, for different plans, and must not keep obs, nor the values it
	// points to, after it returns. An error from fn stops the scan and is
	// returned.
	ScanObservations(ctx context.Context, planID int64, fn func(planID int64, obs []plan.Observation) error) error
}

// AuditFilter selects audit entries, newest first.
type AuditFilter struct {
	Entity string
	Limit  int
}

// Store is planwatch's persistence. Every method takes ctx first; writes
// are atomic (all or nothing) and append to the audit log in the same
// transaction. Not-found is an *Error with ENotFound, never (nil, nil).
type Store interface {
	Close() error

	// ImportPlan stores a plan. Importing a plan whose Key is already
	// stored returns the stored record and created=false, unless Replace.
	ImportPlan(ctx context.Context, in PlanImport, by Actor) (rec PlanRecord, created bool, err error)
	ListPlans(ctx context.Context) ([]PlanRecord, error) // Source left empty
	FindPlanByID(ctx context.Context, id int64) (PlanRecord, error)
	// UpdatePlan saves a corrected plan tree and appends corrections.
	UpdatePlan(ctx context.Context, id int64, p *plan.Plan, corrections []Correction, by Actor) error
	DeletePlan(ctx context.Context, id int64, by Actor) error

	// ListTargets returns the targets of one plan (planID > 0) or of all.
	ListTargets(ctx context.Context, planID int64) ([]TargetRow, error)

	// CreateObservations stores all or none. Each must name an existing
	// plan and, if TargetID is set, an existing target of that plan.
	CreateObservations(ctx context.Context, obs []plan.Observation, by Actor) ([]plan.Observation, error)
	// SupersedeObservation stores a correction of observation oldID; both stay.
	SupersedeObservation(ctx context.Context, oldID int64, corrected plan.Observation, by Actor) (plan.Observation, error)
	FindObservationByID(ctx context.Context, id int64) (plan.Observation, error)
	ListObservations(ctx context.Context, f ObservationFilter) ([]plan.Observation, error)

	CreateUnit(ctx context.Context, name string, aliases []string, by Actor) (Unit, error)
	AddUnitAlias(ctx context.Context, unitID int64, alias string, by Actor) error
	ListUnits(ctx context.Context) ([]Unit, error)
	// ResolveUnit returns the canonical name for a name or alias, or the
	// name itself when the registry does not know it.
	ResolveUnit(ctx context.Context, name string) (string, error)

	// CreateUser stores a user; its name must be new (EConflict otherwise).
	CreateUser(ctx context.Context, u User, by Actor) (User, error)
	// ListUsers returns every user, disabled ones included, oldest first.
	ListUsers(ctx context.Context) ([]User, error)
	// DisableUser stops every token of the user from authenticating;
	// disabling a disabled user changes nothing.
	DisableUser(ctx context.Context, id int64, by Actor) error

	// CreateToken returns the new token and its secret, shown once. With
	// t.UserID set the token belongs to that user (ENotFound if none,
	// EInvalid if disabled or if t.Role or t.Unit, when set, differ from
	// the user's; an empty t.Name takes the user's name). With t.UserID 0
	// the token gets the user of its name, role and unit, created if
	// there is none.
	CreateToken(ctx context.Context, t Token, by Actor) (Token, string, error)
	// AuthenticateToken returns the live token of an enabled user whose
	// secret this is, or EUnauthorized.
	AuthenticateToken(ctx context.Context, secret string) (Token, error)
	RevokeToken(ctx context.Context, id int64, by Actor) error
	ListTokens(ctx context.Context) ([]Token, error)

	ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, error)

	// Backup writes a consistent copy of the database to path while it is in use.
	Backup(ctx context.Context, path string) error
}
