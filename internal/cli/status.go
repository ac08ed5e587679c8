package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
)

// statusLabels are the Chinese words the supervision office uses.
var statusLabels = map[string]string{
	status.Achieved: "已完成",
	status.OnTrack:  "进展顺利",
	status.AtRisk:   "存在风险",
	status.OffTrack: "明显滞后",
	status.Missed:   "逾期未完成",
	status.NoData:   "暂无数据",
}

var statusOrder = []string{status.Achieved, status.OnTrack, status.AtRisk, status.OffTrack, status.Missed, status.NoData}

var lightLabels = map[string]string{status.Green: "绿灯", status.Amber: "黄灯", status.Red: "红灯", status.Grey: "灰灯"}

// runStatus prints every target's verdict as of a date, then roll-ups.
func runStatus(ctx context.Context, env Env, args []string) error {
	fs := newFlagSet(env, "status", "[--plan ID] [--unit NAME] [--as-of YYYY-MM-DD] [--json] [--db FILE|URL]")
	db := dbFlag(fs, defaultDB)
	planID := fs.Int64("plan", 0, "plan ID (default: all plans)")
	unit := fs.String("unit", "", "only targets this unit leads or co-leads (name or alias)")
	asOfText := fs.String("as-of", "", "judge as of this date, YYYY-MM-DD (default today)")
	asJSON := fs.Bool("json", false, "print the ledger as JSON")
	thresholds := thresholdFlags(fs)
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	cfg, err := thresholds()
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, pos[0])
	}
	// The table shows no evidence text, so it is judged from a slim read;
	// the JSON ledger carries every observation whole.
	l, err := judgeTargets(ctx, *db, *asOfText, ledger.Options{PlanID: *planID, Unit: *unit, Config: cfg, Brief: !*asJSON})
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(l)
	}
	return printLedger(env.Stdout, l)
}

// asOfDate reads --as-of; empty means today, in local time since that is
// the day the user sits in.
func asOfDate(s string) (plan.Date, error) {
	if s == "" {
		return plan.DateOf(time.Now()), nil
	}
	d, err := plan.ParseDate(s)
	if err != nil {
		return "", fmt.Errorf("%w: --as-of: %v", errUsage, err)
	}
	return d, nil
}

// printLedger writes the ledger as aligned tables.
func printLedger(w io.Writer, l *ledger.Ledger) error {
	fmt.Fprintf(w, "截至 %s 各目标进展 (status as of %s)\n\n", l.AsOf, l.AsOf)
	// Target IDs repeat across plans ("2.1.1-1" in each), so with several
	// plans each ID carries its plan's number.
	plans := map[int64]bool{}
	for _, r := range l.Rows {
		plans[r.PlanID] = true
	}
	t := table{header: []string{"编号", "任务", "牵头单位", "目标", "当前值", "完成比例", "序时进度", "状态"}}
	for _, r := range l.Rows {
		id := r.Target.ID
		if len(plans) > 1 {
			id = fmt.Sprintf("%d/%s", r.PlanID, id)
		}
		lead := strings.Join(r.LeadUnits, "、")
		t.add(id, clip(r.TaskTitle, 24), clip(lead, 20), clip(targetText(r.Target), 34),
			counted(r.Verdict.Counted, r.Target.Unit), percent(r.Verdict.Share), percent(r.Verdict.Expected), label(r.Verdict.Status))
	}
	if len(plans) > 1 {
		fmt.Fprintln(w, "编号为“计划/目标”(plan/target)")
	}
	if err := t.write(w); err != nil {
		return err
	}
	if len(l.Rows) == 0 {
		fmt.Fprintln(w, "（没有目标 no targets）")
	}
	fmt.Fprintln(w)
	if len(plans) > 1 {
		byPlan := map[int64][]status.Verdict{}
		titles := map[int64]string{}
		var order []int64
		for _, r := range l.Rows {
			if _, ok := byPlan[r.PlanID]; !ok {
				order = append(order, r.PlanID)
			}
			byPlan[r.PlanID] = append(byPlan[r.PlanID], r.Verdict)
			titles[r.PlanID] = r.PlanTitle
		}
		for _, id := range order {
			fmt.Fprintf(w, "计划 %d %s: %s\n", id, clip(titles[id], 40), rollupText(status.Roll(byPlan[id])))
		}
	}
	fmt.Fprintf(w, "汇总 (roll-up): %s\n", rollupText(l.Plan))
	if len(l.Units) > 0 {
		fmt.Fprintln(w)
		u := table{header: []string{"单位", "牵头目标", "牵头情况", "配合目标", "配合情况"}}
		for _, ur := range l.Units {
			u.add(ur.Unit, strconv.Itoa(ur.Lead.Total), countsText(ur.Lead), strconv.Itoa(ur.Co.Total), countsText(ur.Co))
		}
		if err := u.write(w); err != nil {
			return err
		}
	}
	return nil
}

func label(s string) string {
	if l, ok := statusLabels[s]; ok {
		return l
	}
	return s
}

func targetText(t plan.Target) string {
	if t.Quote != "" {
		return t.Quote
	}
	return fmt.Sprintf("%s %s%s%s", t.Subject, t.Comparator, formatNumber(t.Value), t.Unit)
}

func counted(v *float64, unit string) string {
	if v == nil {
		return "—"
	}
	return formatNumber(*v) + unit
}

func percent(v *float64) string {
	if v == nil {
		return "—"
	}
	return strconv.FormatFloat(*v*100, 'f', 1, 64) + "%"
}

func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// rollupText reads "共 12 个目标：已完成 3，进展顺利 2 … （红灯）".
func rollupText(r status.Rollup) string {
	s := fmt.Sprintf("共 %d 个目标", r.Total)
	if c := countsText(r); c != "" {
		s += "：" + c
	}
	if l, ok := lightLabels[r.Light]; ok {
		s += "（" + l + "）"
	}
	return s
}

func countsText(r status.Rollup) string {
	var parts []string
	for _, k := range statusOrder {
		if n := r.Counts[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", statusLabels[k], n))
		}
	}
	return strings.Join(parts, "，")
}

// table aligns columns for a terminal where a CJK rune takes two cells,
// which text/tabwriter does not know.
type table struct {
	header []string
	rows   [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(w io.Writer) error {
	widths := make([]int, len(t.header))
	for _, r := range append([][]string{t.header}, t.rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	var b strings.Builder
	line := func(r []string) {
		var l strings.Builder
		for i, c := range r {
			l.WriteString(c)
			if i < len(r)-1 {
				l.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		b.WriteString(strings.TrimRight(l.String(), " "))
		b.WriteString("\n")
	}
	line(t.header)
	for _, r := range t.rows {
		line(r)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// displayWidth counts terminal cells: wide and fullwidth runes take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// clip shortens s to at most w cells, ending in "…" when cut, so one long
// quote does not push the table off the screen.
func clip(s string, w int) string {
	s = strings.Join(strings.Fields(s), " ")
	if displayWidth(s) <= w {
		return s
	}
	n := 0
	for i, r := range s {
		rw := displayWidth(string(r))
		if n+rw > w-1 {
			return s[:i] + "…"
		}
		n += rw
	}
	return s
}

// judgeTargets opens the database, judges the selected targets as of
// asOfText (today when empty) and closes it again: what status and export
// both print.
func judgeTargets(ctx context.Context, dsn, asOfText string, opts ledger.Options) (*ledger.Ledger, error) {
	asOf, err := asOfDate(asOfText)
	if err != nil {
		return nil, err
	}
	st, err := openStore(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	opts.AsOf = asOf
	l, err := ledger.Build(ctx, st, opts)
	if err != nil {
		return nil, fmt.Errorf("judge targets as of %s: %w", asOf, err)
	}
	return l, nil
}
