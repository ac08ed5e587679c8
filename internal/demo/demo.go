// Package demo loads the Changsha new-infrastructure plan and its reported
// outcomes (embedded copies of shared/plans and shared/demo) into a store,
// with a unit registry and two demo tokens, so a newcomer can try every
// page and every write. README.md records how each outcome row is mapped.
package demo

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/csv"
	"fmt"
	"strings"

	"github.com/planwatch/planwatch/internal/obsimport"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/planparse"
	"github.com/planwatch/planwatch/internal/store"
)

// PlanFile and OutcomesFile are the embedded demo data, as published.
var (
	//go:embed data/changsha_xinjijian_2020.txt
	PlanFile []byte
	//go:embed data/changsha_outcomes.csv
	OutcomesFile []byte
)

// Names of the embedded files, as shown in the stored plan and in errors.
const (
	PlanName     = "changsha_xinjijian_2020.txt"
	OutcomesName = "changsha_outcomes.csv"
	// Scope is the plan's jurisdiction; Province marks Hunan-wide figures.
	Scope    = "长沙市"
	Province = "湖南省"
	// ReportedBy names who gathered the outcomes: public reports, by hand.
	ReportedBy = "公开报道整理（示例数据）"
)

// AsOf is the plan's last day, the date the demo is judged at.
const AsOf = plan.Date("2022-12-31")

var actor = store.Actor{Name: "demo", Role: store.RoleAdmin}

// Token is a demo token with its secret, which the store shows only once.
type Token struct {
	ID     int64
	Name   string
	Role   string
	Unit   string
	Secret string
}

// Result is what Setup created.
type Result struct {
	PlanID       int64
	Observations int
	Units        int
	Tokens       []Token
	// Existing is true when the demo plan was already in the store;
	// nothing else was written then.
	Existing bool
}

// Load imports the demo plan and observations into st and returns the plan's ID.
// It also creates the unit registry and the demo tokens; use Setup to get their secrets.
func Load(ctx context.Context, st store.Store) (int64, error) {
	r, err := Setup(ctx, st)
	return r.PlanID, err
}

// Setup imports the demo plan, every outcome row as an observation, the
// unit registry and an admin and a reporter token. On a store that holds
// the demo plan already it changes nothing and reports Existing.
func Setup(ctx context.Context, st store.Store) (Result, error) {
	p, err := planparse.Parse(PlanName, PlanFile)
	if err != nil {
		return Result{}, fmt.Errorf("demo plan: %w", err)
	}
	rec, created, err := st.ImportPlan(ctx, store.PlanImport{Plan: p, Source: string(PlanFile), SourceName: PlanName, Scope: Scope}, actor)
	if err != nil {
		return Result{}, fmt.Errorf("demo plan: %w", err)
	}
	res := Result{PlanID: rec.ID, Existing: !created}
	if !created {
		return res, nil
	}
	obs, err := Observations(rec.ID, rec.Plan)
	if err != nil {
		return res, err
	}
	if _, err := st.CreateObservations(ctx, obs, actor); err != nil {
		return res, fmt.Errorf("demo observations: %w", err)
	}
	res.Observations = len(obs)
	for _, u := range units {
		if _, err := st.CreateUnit(ctx, u.name, u.aliases, actor); err != nil {
			return res, fmt.Errorf("demo unit %s: %w", u.name, err)
		}
		res.Units++
	}
	for _, t := range []store.Token{
		{Name: "演示管理员 (demo admin)", Role: store.RoleAdmin},
		{Name: "市工信局演示填报员 (demo reporter)", Role: store.RoleReporter, Unit: "市工业和信息化局"},
	} {
		tok, secret, err := st.CreateToken(ctx, t, actor)
		if err != nil {
			return res, fmt.Errorf("demo token %s: %w", t.Name, err)
		}
		res.Tokens = append(res.Tokens, Token{ID: tok.ID, Name: tok.Name, Role: tok.Role, Unit: tok.Unit, Secret: secret})
	}
	return res, nil
}

// units are the plan's responsible units with spellings used in Changsha's
// own documents, so that reports naming 市工信局 reach 市工业和信息化局.
var units = []struct {
	name    string
	aliases []string
}{
	{"市工业和信息化局", []string{"市工信局", "长沙市工业和信息化局"}},
	{"市发展改革委", []string{"市发改委", "市发展和改革委员会", "长沙市发展和改革委员会"}},
	{"市数据资源局", []string{"市数据局", "长沙市数据资源管理局"}},
	{"市自然资源规划局", []string{"市自然资源和规划局"}},
	{"市住房城乡建设局", []string{"市住建局", "市住房和城乡建设局"}},
	{"市城管执法局", []string{"市城管局", "市城市管理和综合执法局"}},
	{"市通信发展管理办公室", []string{"市通信办", "市通信管理办"}},
	{"市委网信办", []string{"市委网络安全和信息化委员会办公室"}},
	{"市科技局", []string{"市科学技术局"}},
	{"市教育局", nil},
	{"市卫生健康委", []string{"市卫健委", "市卫生健康委员会"}},
	{"市医保局", []string{"市医疗保障局"}},
	{"市公安局", nil},
	{"市交通运输局", []string{"市交通局"}},
	{"湘江新区管委会", []string{"湖南湘江新区管理委员会"}},
	// The plan writes both; Changsha's county-level units are 区, 县 and 县级市.
	{"相关区县市人民政府和园区管委会", []string{"相关区县人民政府和园区管委会"}},
}

// Observations maps every row of the embedded outcomes CSV to an
// observation of plan planID, whose parsed tree is p (target IDs set).
func Observations(planID int64, p *plan.Plan) ([]plan.Observation, error) {
	r := csv.NewReader(bytes.NewReader(OutcomesFile))
	recs, err := r.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", OutcomesName, err)
	}
	want := []string{"indicator_key", "period_end", "value", "unit", "kind", "quote", "source_url", "source_date"}
	if len(recs) == 0 || strings.Join(recs[0], ",") != strings.Join(want, ",") {
		return nil, fmt.Errorf("%s line 1: want columns %s", OutcomesName, strings.Join(want, ","))
	}
	var out []plan.Observation
	for i, rec := range recs[1:] {
		o, err := observation(planID, p, rec)
		if err != nil {
			return nil, fmt.Errorf("%s line %d (%s): %w", OutcomesName, i+2, rec[0], err)
		}
		out = append(out, o)
	}
	return out, nil
}

func observation(planID int64, p *plan.Plan, rec []string) (plan.Observation, error) {
	key, end, value, unit, kindText, quote, url, srcDate := rec[0], rec[1], rec[2], rec[3], rec[4], rec[5], rec[6], rec[7]
	ru, ok := ruleFor(key)
	if !ok {
		return plan.Observation{}, fmt.Errorf("no mapping rule for indicator %q: add one to rules.go and README.md", key)
	}
	o := plan.Observation{
		PlanID:     planID,
		Unit:       unit,
		Scope:      Scope,
		SourceURL:  url,
		SourceDate: srcDate,
		Quote:      quote,
		ReportedBy: ReportedBy,
		Note:       ru.note + "（原表类型：" + kindText + "）",
	}
	if ru.province {
		o.Scope = Province
	}
	o.Kind = ru.kind
	if o.Kind == "" {
		k, err := kindOf(kindText)
		if err != nil {
			return o, err
		}
		o.Kind = k
	}
	if v, err := obsimport.ParseValue(value, ""); err == nil {
		n := v.Number
		o.Value = &n
		if !v.Plain {
			o.ValueText = value
		}
	} else {
		o.ValueText = value // "commissioned", "一城两园": words, never counted
	}
	if plan.CountableKind(o.Kind) && o.Value == nil {
		return o, fmt.Errorf("%s value %q is not a number", o.Kind, value)
	}
	switch {
	case end == "unknown" && ru.end != "":
		o.PeriodEnd = ru.end
	default:
		d, err := plan.ParseDate(end)
		if err != nil {
			return o, fmt.Errorf("period_end: %w", err)
		}
		o.PeriodEnd = d
	}
	o.PeriodStart = ru.start
	o.SectionID, o.TargetID = locate(p, ru)
	if ru.subject != "" && o.TargetID == "" {
		// The parser did not read the target this row reports on: keep the
		// row, as context, and say so rather than drop it.
		o.Note += "；解析结果中未找到目标“" + ru.subject + "”，暂作背景"
	}
	return o, nil
}

// kindOf reads the CSV's kind column, whose first word is the kind:
// "new (built in Jan-Nov 2020)" is a flow, "cumulative (province)" a stock.
func kindOf(s string) (string, error) {
	w := strings.ToLower(strings.TrimSpace(s))
	for _, p := range []struct{ prefix, kind string }{
		{"new", plan.ObsFlow},
		{"cumulative", plan.ObsStock},
		{"ratio", plan.ObsRate},
		{"target", plan.ObsTarget},
		{"plan", plan.ObsTarget},
		{"event", plan.ObsEvent},
		{"status", plan.ObsStatus},
	} {
		if strings.HasPrefix(w, p.prefix) {
			return p.kind, nil
		}
	}
	return "", fmt.Errorf("kind %q: no observation kind for it", s)
}

// locate finds the rule's task by title words and, within it, the one
// target whose subject or quote holds the subject words.
func locate(p *plan.Plan, ru rule) (sectionID, targetID string) {
	if ru.task == "" {
		return "", ""
	}
	var task *plan.Section
	p.Walk(func(s *plan.Section) {
		if task == nil && len(s.Children) == 0 && strings.Contains(s.Title, ru.task) {
			task = s
		}
	})
	if task == nil {
		return "", ""
	}
	if ru.subject == "" {
		return task.ID, ""
	}
	var hits []string
	for _, t := range task.Targets {
		if strings.Contains(t.Subject, ru.subject) || strings.Contains(t.Quote, ru.subject) {
			hits = append(hits, t.ID)
		}
	}
	if len(hits) != 1 {
		return task.ID, ""
	}
	return task.ID, hits[0]
}
