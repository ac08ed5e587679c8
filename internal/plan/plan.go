// Package plan holds the domain types of planwatch: a parsed action plan
// (sections, responsibilities, targets, milestones) and what is reported
// against it (observations). It does no I/O; parsers produce these types,
// stores persist them and the status engine judges them.
package plan

import (
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar date kept as ISO "YYYY-MM-DD"; the zero value means
// "no date" and marshals to JSON null, as the plan schema requires.
type Date string

// DateOf returns the calendar date of t.
func DateOf(t time.Time) Date { return Date(t.Format(time.DateOnly)) }

// MakeDate returns the date y-m-d; out-of-range days normalise as time.Date does.
func MakeDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// ParseDate accepts "YYYY-MM-DD"; the empty string gives the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return "", nil
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return "", fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return Date(s), nil
}

// IsZero reports whether d holds no date.
func (d Date) IsZero() bool { return d == "" }

// Time returns d at midnight UTC; the zero Date gives the zero time.
func (d Date) Time() time.Time {
	t, _ := time.Parse(time.DateOnly, string(d))
	return t
}

// Before reports whether d is strictly before e (both non-zero).
func (d Date) Before(e Date) bool { return d < e }

// MarshalJSON writes null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(d))
}

// UnmarshalJSON accepts null or "YYYY-MM-DD".
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = ""
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Plan is one action plan as read from its text. The JSON field names are a
// published schema: other programs read them.
type Plan struct {
	Title         string     `json:"title"`
	DocNumber     string     `json:"doc_number"`
	Issuer        string     `json:"issuer"`
	Issued        Date       `json:"issued"`
	EffectiveFrom Date       `json:"effective_from"`
	EffectiveTo   Date       `json:"effective_to"`
	Sections      []*Section `json:"sections"`
}

// Section is a node of the plan's numbered tree: a part, a chapter or a task.
// ID is positional ("2.1.1"); Number is as written ("（一）", "1.").
type Section struct {
	ID         string      `json:"id"`
	Number     string      `json:"number"`
	Title      string      `json:"title"`
	Text       string      `json:"text"`
	LeadUnits  []string    `json:"lead_units"`
	CoUnits    []string    `json:"co_units"`
	Targets    []Target    `json:"targets"`
	Milestones []Milestone `json:"milestones"`
	Children   []*Section  `json:"children"`
}

// Comparators a target can carry.
const (
	GE     = ">="
	GT     = ">"
	LE     = "<="
	LT     = "<"
	Approx = "~"
)

// Target kinds: how reported figures add up towards the target.
const (
	// KindFlow is an amount new in the plan period ("新建5G基站4万个").
	KindFlow = "flow"
	// KindStock is a level at the deadline ("累计培育3000个", "达到100个").
	KindStock = "stock"
	// KindRate is a percentage or ratio at the deadline ("覆盖率100%").
	KindRate = "rate"
)

// Target is one quantitative commitment. Quote is the exact span of the
// source text it was read from. Kind is planwatch's reading of how the
// figure accumulates (flow, stock or rate); it is not part of the text.
type Target struct {
	Subject    string  `json:"subject"`
	Comparator string  `json:"comparator"`
	Value      float64 `json:"value"`
	Unit       string  `json:"unit"`
	Deadline   Date    `json:"deadline"`
	Cumulative bool    `json:"cumulative"`
	Quote      string  `json:"quote"`
	Kind       string  `json:"kind,omitempty"`
	// ID identifies the target within its plan ("2.1.1-1"); the store
	// assigns it on import, the parser leaves it empty.
	ID string `json:"id,omitempty"`
}

// Milestone is a dated qualitative commitment.
type Milestone struct {
	Text     string `json:"text"`
	Deadline Date   `json:"deadline"`
	Quote    string `json:"quote"`
}

// Walk calls fn for every section of p in document order, depth first.
func (p *Plan) Walk(fn func(s *Section)) {
	var walk func([]*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			fn(s)
			walk(s.Children)
		}
	}
	walk(p.Sections)
}

// Observation kinds. Flow, stock and rate are figures that can count
// towards a target; the others are kept as context and never counted.
const (
	ObsFlow   = "flow"   // new in [PeriodStart, PeriodEnd]
	ObsStock  = "stock"  // cumulative level at PeriodEnd
	ObsRate   = "rate"   // a percentage or ratio at PeriodEnd
	ObsTarget = "target" // a goal or expectation someone announced
	ObsEvent  = "event"  // something that happened (投运, 获批)
	ObsStatus = "status" // a qualitative state of affairs
)

// CountableKind reports whether observations of kind k can count towards a target.
func CountableKind(k string) bool { return k == ObsFlow || k == ObsStock || k == ObsRate }

// Observation is one reported figure with its evidence. Observations are
// never edited: a correction is a new observation whose Supersedes names
// the one it replaces, and both are kept.
type Observation struct {
	ID     int64 `json:"id"`
	PlanID int64 `json:"plan_id"`
	// TargetID is the target's ID within the plan; empty when the
	// observation is context for the plan (or a task) rather than a target.
	TargetID string `json:"target_id"`
	// SectionID optionally ties context to a task ("2.1.1").
	SectionID string `json:"section_id,omitempty"`
	// Value is nil for qualitative reports (events, statuses).
	Value *float64 `json:"value"`
	// ValueText is the value as reported ("约30000", ">20000", "投运").
	ValueText    string    `json:"value_text,omitempty"`
	Unit         string    `json:"unit"`
	PeriodStart  Date      `json:"period_start"`
	PeriodEnd    Date      `json:"period_end"`
	Kind         string    `json:"kind"`
	Scope        string    `json:"scope"`
	SourceURL    string    `json:"source_url"`
	SourceDate   string    `json:"source_date"`
	Quote        string    `json:"quote"`
	ReportedBy   string    `json:"reported_by"`
	Note         string    `json:"note,omitempty"`
	Supersedes   int64     `json:"supersedes,omitempty"`
	SupersededBy int64     `json:"superseded_by,omitempty"`
	CreatedAt    time.Time `json:"created_at"`
	CreatedBy    string    `json:"created_by"`
}
