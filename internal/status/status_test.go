package status

import (
	"math"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
)

// ob builds an observation; start may be "" for levels.
func ob(id int64, kind string, v float64, unit, start, end string) plan.Observation {
	return plan.Observation{ID: id, Kind: kind, Value: &v, Unit: unit,
		PeriodStart: plan.Date(start), PeriodEnd: plan.Date(end)}
}

func with(o plan.Observation, f func(*plan.Observation)) plan.Observation {
	f(&o)
	return o
}

// fiveG is the Changsha plan's "新建5G基站4万个" target.
var fiveG = plan.Target{ID: "2.1.1-1", Subject: "5G基站", Comparator: plan.GE, Value: 40000, Unit: "个",
	Deadline: "2022-12-31", Quote: "新建5G基站4万个"}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func reasonOf(v Verdict, id int64) string {
	for _, e := range v.Excluded {
		if e.Observation.ID == id {
			return e.Reason
		}
	}
	return ""
}

func TestJudge(t *testing.T) {
	tests := []struct {
		name  string
		in    Input
		asOf  plan.Date
		check func(t *testing.T, v Verdict)
	}{
		{
			name: "Changsha 5G: province row, logical stations and announced target not counted; overdue",
			in: Input{Target: fiveG, Start: "2020-05-18", Scope: "长沙市", Observations: []plan.Observation{
				ob(1, plan.ObsFlow, 30490, "个 (5G基站; unit not defined in source)", "2020-01-01", "2020-11-30"),
				ob(2, plan.ObsTarget, 30000, "个 (5G基站)", "2020-01-01", "2020-12-31"),
				ob(3, plan.ObsFlow, 10736, "个 逻辑基站", "2022-01-01", "2022-12-31"),
				with(ob(4, plan.ObsFlow, 21044, "个", "2020-01-01", "2020-10-31"), func(o *plan.Observation) { o.Scope = "湖南省" }),
			}},
			asOf: "2022-12-31",
			check: func(t *testing.T, v Verdict) {
				if v.Status != Missed {
					t.Errorf("status = %s, want missed", v.Status)
				}
				if v.Counted == nil || *v.Counted != 30490 {
					t.Fatalf("counted = %v, want 30490", v.Counted)
				}
				if !near(*v.Share, 30490.0/40000) || *v.Expected != 1 {
					t.Errorf("share %v expected %v", *v.Share, *v.Expected)
				}
				for id, want := range map[int64]string{2: ReasonKind, 3: ReasonUnit, 4: ReasonScope} {
					if got := reasonOf(v, id); got != want {
						t.Errorf("observation %d excluded as %q, want %q", id, got, want)
					}
				}
				for _, e := range v.Excluded {
					if e.Reason == ReasonScope && !strings.Contains(e.Detail, "湖南省") {
						t.Errorf("scope detail %q does not name the province", e.Detail)
					}
				}
				for _, s := range []string{"截至2022-12-31累计新增30490个", "为目标40000个的76.2%", "按序时进度应完成100%", "已逾期未完成"} {
					if !strings.Contains(v.Explanation, s) {
						t.Errorf("explanation %q lacks %q", v.Explanation, s)
					}
				}
			},
		},
		{
			name: "a province-wide figure in another unit is excluded for its scope, the plainer reason",
			in: Input{Target: plan.Target{ID: "p", Comparator: plan.GE, Value: 10, Unit: "个", Deadline: "2022-12-31"},
				Start: "2020-01-01", Scope: "长沙市", Observations: []plan.Observation{
					with(ob(1, plan.ObsStock, 64, "家 (省级工业互联网平台, WHOLE PROVINCE)", "", "2020-12-31"), func(o *plan.Observation) { o.Scope = "湖南省" }),
					ob(2, plan.ObsFlow, 3, "家", "2020-01-01", "2020-12-31"),
				}},
			asOf: "2021-01-31",
			check: func(t *testing.T, v Verdict) {
				if reasonOf(v, 1) != ReasonScope {
					t.Errorf("reason %q, want scope", reasonOf(v, 1))
				}
				if v.Counted == nil || *v.Counted != 3 {
					t.Errorf("3家 must count towards a target in 个: counted %v", v.Counted)
				}
			},
		},
		{
			name: "a report about a later period is not yet known",
			in: Input{Target: fiveG, Start: "2020-01-01", Observations: []plan.Observation{
				ob(1, plan.ObsFlow, 30490, "个", "2020-01-01", "2020-11-30"),
			}},
			asOf: "2020-10-31",
			check: func(t *testing.T, v Verdict) {
				if v.Status != NoData || v.Counted != nil {
					t.Errorf("status %s counted %v, want no_data", v.Status, v.Counted)
				}
				if reasonOf(v, 1) != ReasonAfterAsOf {
					t.Errorf("reason %q, want after_as_of", reasonOf(v, 1))
				}
				if strings.Contains(v.Explanation, "已过完成时限") {
					t.Errorf("not overdue yet: %q", v.Explanation)
				}
			},
		},
		{
			name: "a correction replaces the figure it supersedes, both listed",
			in: Input{Target: fiveG, Start: "2020-01-01", Observations: []plan.Observation{
				with(ob(1, plan.ObsFlow, 3000, "个", "2020-01-01", "2020-12-31"), func(o *plan.Observation) { o.SupersededBy = 2 }),
				with(ob(2, plan.ObsFlow, 30000, "个", "2020-01-01", "2020-12-31"), func(o *plan.Observation) { o.Supersedes = 1 }),
				ob(3, plan.ObsFlow, 500, "个", "2021-01-01", "2021-06-30"),
				with(ob(4, plan.ObsFlow, 5000, "个", "2021-01-01", "2021-06-30"), func(o *plan.Observation) { o.Supersedes = 3 }),
			}},
			asOf: "2021-07-31",
			check: func(t *testing.T, v Verdict) {
				if *v.Counted != 35000 {
					t.Errorf("counted %v, want 35000", *v.Counted)
				}
				if reasonOf(v, 1) != ReasonSuperseded || reasonOf(v, 3) != ReasonSuperseded {
					t.Errorf("superseded not excluded: %+v", v.Excluded)
				}
				if len(v.Used) != 2 {
					t.Errorf("used %d observations, want 2", len(v.Used))
				}
			},
		},
		{
			name: "Jan-Nov and Jan-Dec of one year: keep the full year, never add both",
			in: Input{Target: fiveG, Start: "2020-01-01", Observations: []plan.Observation{
				ob(1, plan.ObsFlow, 30490, "个", "2020-01-01", "2020-11-30"),
				ob(2, plan.ObsFlow, 30500, "个", "2020-01-01", "2020-12-31"),
			}},
			asOf: "2021-01-31",
			check: func(t *testing.T, v Verdict) {
				if *v.Counted != 30500 {
					t.Errorf("counted %v, want 30500", *v.Counted)
				}
				if reasonOf(v, 1) != ReasonOverlap {
					t.Errorf("Jan-Nov reason %q, want overlap", reasonOf(v, 1))
				}
			},
		},
		{
			name: "two halves beat an overlapping Jan-Sep",
			in: Input{Target: fiveG, Start: "2020-01-01", Observations: []plan.Observation{
				ob(1, plan.ObsFlow, 9000, "个", "2020-01-01", "2020-09-30"),
				ob(2, plan.ObsFlow, 6000, "个", "2020-01-01", "2020-06-30"),
				ob(3, plan.ObsFlow, 7000, "个", "2020-07-01", "2020-12-31"),
				ob(4, plan.ObsFlow, 8000, "个", "2021-01-01", "2021-12-31"),
			}},
			asOf: "2022-01-31",
			check: func(t *testing.T, v Verdict) {
				if *v.Counted != 21000 {
					t.Errorf("counted %v, want 6000+7000+8000", *v.Counted)
				}
				if reasonOf(v, 1) != ReasonOverlap {
					t.Errorf("Jan-Sep reason %q, want overlap", reasonOf(v, 1))
				}
				want := []Point{{"2020-06-30", 6000}, {"2020-12-31", 13000}, {"2021-12-31", 21000}}
				if len(v.Series) != len(want) {
					t.Fatalf("series %v, want %v", v.Series, want)
				}
				for i := range want {
					if v.Series[i] != want[i] {
						t.Errorf("series[%d] = %v, want %v", i, v.Series[i], want[i])
					}
				}
			},
		},
		{
			name: "a flow before the plan's first year is outside the period",
			in: Input{Target: fiveG, Start: "2020-05-18", Observations: []plan.Observation{
				ob(1, plan.ObsFlow, 5000, "个", "2019-01-01", "2019-12-31"),
				ob(2, plan.ObsFlow, 20000, "个", "2020-01-01", "2020-12-31"),
			}},
			asOf: "2021-01-31",
			check: func(t *testing.T, v Verdict) {
				if *v.Counted != 20000 || reasonOf(v, 1) != ReasonOutsidePeriod {
					t.Errorf("counted %v, reason %q", *v.Counted, reasonOf(v, 1))
				}
			},
		},
		{
			name: "flow target from the rise of stocks over the baseline",
			in: Input{Target: fiveG, Start: "2020-01-01", Observations: []plan.Observation{
				ob(1, plan.ObsStock, 8000, "个", "", "2018-12-31"),
				ob(2, plan.ObsStock, 10000, "个", "", "2019-12-31"),
				ob(3, plan.ObsStock, 30000, "个", "", "2021-06-30"),
				ob(4, plan.ObsStock, 52000, "个", "", "2022-12-31"),
			}},
			asOf: "2023-01-31",
			check: func(t *testing.T, v Verdict) {
				if *v.Counted != 42000 || v.Status != Achieved {
					t.Errorf("counted %v status %s, want 42000 achieved", *v.Counted, v.Status)
				}
				if reasonOf(v, 1) != ReasonOutsidePeriod {
					t.Errorf("older stock reason %q", reasonOf(v, 1))
				}
				if !strings.Contains(v.Explanation, "期初基数") {
					t.Errorf("explanation does not say it used a baseline: %q", v.Explanation)
				}
			},
		},
		{
			name: "a plan starting mid-year takes its baseline at its start when none is dated January 1st",
			in: Input{Target: fiveG, Start: "2020-05-18", Observations: []plan.Observation{
				ob(1, plan.ObsStock, 5000, "个", "", "2020-04-30"),
				ob(2, plan.ObsStock, 25000, "个", "", "2021-06-30"),
			}},
			asOf: "2021-07-31",
			check: func(t *testing.T, v Verdict) {
				if v.Counted == nil || *v.Counted != 20000 {
					t.Errorf("counted %v, want 25000-5000", v.Counted)
				}
			},
		},
		{
			name: "flow target with stocks but no baseline cannot be judged",
			in: Input{Target: fiveG, Start: "2020-01-01", Observations: []plan.Observation{
				ob(1, plan.ObsStock, 67358, "个", "", "2022-06-30"),
			}},
			asOf: "2022-07-31",
			check: func(t *testing.T, v Verdict) {
				if v.Status != NoData || reasonOf(v, 1) != ReasonKind {
					t.Errorf("status %s reason %q", v.Status, reasonOf(v, 1))
				}
			},
		},
		{
			name: "stock target: latest stock plus a flow after it",
			in: Input{Target: plan.Target{ID: "s", Comparator: plan.GE, Value: 3000, Unit: "家", Deadline: "2022-12-31", Cumulative: true},
				Start: "2020-01-01", Observations: []plan.Observation{
					ob(1, plan.ObsStock, 1000, "家", "", "2020-12-31"),
					ob(2, plan.ObsStock, 1800, "家", "", "2021-12-31"),
					ob(3, plan.ObsFlow, 300, "家", "2021-01-01", "2021-12-31"),
					ob(4, plan.ObsFlow, 400, "家", "2022-01-01", "2022-06-30"),
				}},
			asOf: "2022-07-31",
			check: func(t *testing.T, v Verdict) {
				if *v.Counted != 2200 {
					t.Errorf("counted %v, want 1800+400", *v.Counted)
				}
				if reasonOf(v, 3) != ReasonOverlap {
					t.Errorf("flow inside the stock: reason %q", reasonOf(v, 3))
				}
				if v.Kind != plan.KindStock {
					t.Errorf("kind %s", v.Kind)
				}
			},
		},
		{
			name: "a stock target met after its deadline stays missed and says it was met late",
			in: Input{Target: plan.Target{ID: "s", Comparator: plan.GE, Value: 3000, Unit: "家", Deadline: "2022-12-31", Cumulative: true},
				Start: "2020-01-01", Observations: []plan.Observation{
					ob(1, plan.ObsStock, 2500, "家", "", "2022-12-31"),
					ob(2, plan.ObsStock, 3100, "家", "", "2023-06-30"),
				}},
			asOf: "2023-07-31",
			check: func(t *testing.T, v Verdict) {
				if v.Status != Missed || *v.Counted != 2500 {
					t.Errorf("status %s counted %v, want missed at 2500", v.Status, *v.Counted)
				}
				if !strings.Contains(v.Explanation, "截至2023-06-30已达到3100家，属逾期完成") {
					t.Errorf("explanation %q does not record the late completion", v.Explanation)
				}
			},
		},
		{
			name: "an unmet target within a month of its deadline is flagged",
			in: Input{Target: fiveG, Start: "2020-01-01", Observations: []plan.Observation{
				ob(1, plan.ObsFlow, 39000, "个", "2020-01-01", "2022-11-30"),
			}},
			asOf: "2022-12-10",
			check: func(t *testing.T, v Verdict) {
				if v.Status != OnTrack || !strings.Contains(v.Explanation, "距完成时限仅剩21天") {
					t.Errorf("status %s, explanation %q", v.Status, v.Explanation)
				}
			},
		},
		{
			name: "rate target: latest rate; a count never fits a percentage",
			in: Input{Target: plan.Target{ID: "r", Comparator: plan.GE, Value: 100, Unit: "%", Deadline: "2022-12-31"},
				Start: "2020-01-01", Observations: []plan.Observation{
					ob(1, plan.ObsRate, 90, "%", "", "2021-12-31"),
					ob(2, plan.ObsRate, 99.99, "％", "", "2022-12-31"),
					ob(3, plan.ObsRate, 21.89, "个/万人", "", "2022-12-31"),
					ob(4, plan.ObsStock, 100, "个", "", "2022-12-31"),
				}},
			asOf: "2022-12-31",
			check: func(t *testing.T, v Verdict) {
				if *v.Counted != 99.99 || v.Status != Missed {
					t.Errorf("counted %v status %s, want 99.99 missed", *v.Counted, v.Status)
				}
				if reasonOf(v, 3) != ReasonUnit || reasonOf(v, 4) != ReasonUnit {
					t.Errorf("reasons %q %q, want unit", reasonOf(v, 3), reasonOf(v, 4))
				}
				if !strings.Contains(v.Explanation, "最新为99.99%，目标为100%（完成目标的99.9%）") {
					t.Errorf("explanation %q", v.Explanation)
				}
			},
		},
		{
			name: "万户 counts towards a target in 户",
			in: Input{Target: plan.Target{ID: "u", Comparator: plan.GT, Value: 500000, Unit: "户", Deadline: "2020-12-31"},
				Start: "2020-01-01", Observations: []plan.Observation{
					ob(1, plan.ObsFlow, 52, "万户", "2020-01-01", "2020-12-31"),
				}},
			asOf: "2020-12-31",
			check: func(t *testing.T, v Verdict) {
				if *v.Counted != 520000 || v.Status != Achieved {
					t.Errorf("counted %v status %s", *v.Counted, v.Status)
				}
			},
		},
		{
			name: "\">\" is not met by the value itself",
			in: Input{Target: plan.Target{ID: "g", Comparator: plan.GT, Value: 1300, Unit: "个", Deadline: "2020-12-31"},
				Start: "2020-01-01", Observations: []plan.Observation{ob(1, plan.ObsFlow, 1300, "个", "2020-01-01", "2020-12-31")}},
			asOf: "2021-01-15",
			check: func(t *testing.T, v Verdict) {
				if v.Status != Missed {
					t.Errorf("status %s, want missed", v.Status)
				}
			},
		},
		{
			name: "\"~\" is met within 5% below",
			in: Input{Target: plan.Target{ID: "a", Comparator: plan.Approx, Value: 30000, Unit: "个", Deadline: "2020-12-31"},
				Start: "2020-01-01", Observations: []plan.Observation{ob(1, plan.ObsFlow, 28600, "个", "2020-01-01", "2020-12-31")}},
			asOf: "2020-12-31",
			check: func(t *testing.T, v Verdict) {
				if v.Status != Achieved {
					t.Errorf("status %s, want achieved", v.Status)
				}
			},
		},
		{
			name: "\"~\" is missed more than 5% below",
			in: Input{Target: plan.Target{ID: "a", Comparator: plan.Approx, Value: 30000, Unit: "个", Deadline: "2020-12-31"},
				Start: "2020-01-01", Observations: []plan.Observation{ob(1, plan.ObsFlow, 28400, "个", "2020-01-01", "2020-12-31")}},
			asOf: "2020-12-31",
			check: func(t *testing.T, v Verdict) {
				if v.Status != Missed {
					t.Errorf("status %s, want missed", v.Status)
				}
			},
		},
		{
			name: "a limit approached before its deadline is at risk",
			in: Input{Target: plan.Target{ID: "l", Comparator: plan.LE, Value: 35, Unit: "微克/立方米", Deadline: "2022-12-31", Kind: plan.KindRate},
				Start: "2020-01-01", Observations: []plan.Observation{with(ob(1, plan.ObsRate, 34, "微克/立方米", "", "2021-12-31"), func(o *plan.Observation) {})}},
			asOf: "2022-01-31",
			check: func(t *testing.T, v Verdict) {
				if v.Status != AtRisk {
					t.Errorf("status %s, want at_risk (%s)", v.Status, v.Explanation)
				}
			},
		},
		{
			name: "a limit well above before its deadline is off track",
			in: Input{Target: plan.Target{ID: "l", Comparator: plan.LE, Value: 35, Unit: "微克/立方米", Deadline: "2022-12-31", Kind: plan.KindRate},
				Start: "2020-01-01", Observations: []plan.Observation{ob(1, plan.ObsRate, 50, "微克/立方米", "", "2021-12-31")}},
			asOf: "2022-01-31",
			check: func(t *testing.T, v Verdict) {
				if v.Status != OffTrack {
					t.Errorf("status %s, want off_track", v.Status)
				}
			},
		},
		{
			name: "a limit kept at the deadline is achieved",
			in: Input{Target: plan.Target{ID: "l", Comparator: plan.LE, Value: 35, Unit: "微克/立方米", Deadline: "2022-12-31", Kind: plan.KindRate},
				Start: "2020-01-01", Observations: []plan.Observation{ob(1, plan.ObsRate, 30, "微克/立方米", "", "2022-12-31")}},
			asOf: "2023-01-31",
			check: func(t *testing.T, v Verdict) {
				if v.Status != Achieved {
					t.Errorf("status %s, want achieved", v.Status)
				}
			},
		},
		{
			name: "a limit exceeded at the deadline is missed",
			in: Input{Target: plan.Target{ID: "l", Comparator: plan.LT, Value: 35, Unit: "微克/立方米", Deadline: "2022-12-31", Kind: plan.KindRate},
				Start: "2020-01-01", Observations: []plan.Observation{ob(1, plan.ObsRate, 35, "微克/立方米", "", "2022-12-31")}},
			asOf: "2023-01-31",
			check: func(t *testing.T, v Verdict) {
				if v.Status != Missed {
					t.Errorf("status %s, want missed", v.Status)
				}
			},
		},
		{
			name: "no deadline and not met: not yet, without a schedule",
			in: Input{Target: plan.Target{ID: "n", Comparator: plan.GE, Value: 100, Unit: "个"},
				Start: "2020-01-01", Observations: []plan.Observation{ob(1, plan.ObsFlow, 10, "个", "2020-01-01", "2020-12-31")}},
			asOf: "2030-01-01",
			check: func(t *testing.T, v Verdict) {
				if v.Status != OnTrack || v.Expected != nil {
					t.Errorf("status %s expected %v, want on_track without schedule", v.Status, v.Expected)
				}
				if !strings.Contains(v.Explanation, "未设完成时限") {
					t.Errorf("explanation %q", v.Explanation)
				}
			},
		},
		{
			name: "a limit without a deadline is achieved while kept",
			in: Input{Target: plan.Target{ID: "l", Comparator: plan.LE, Value: 35, Unit: "微克/立方米", Kind: plan.KindRate},
				Start: "2020-01-01", Observations: []plan.Observation{ob(1, plan.ObsRate, 30, "微克/立方米", "", "2021-12-31")}},
			asOf: "2022-01-31",
			check: func(t *testing.T, v Verdict) {
				if v.Status != Achieved {
					t.Errorf("status %s, want achieved (%s)", v.Status, v.Explanation)
				}
			},
		},
		{
			name: "no deadline and met: achieved",
			in: Input{Target: plan.Target{ID: "n", Comparator: plan.GE, Value: 100, Unit: "个"},
				Start: "2020-01-01", Observations: []plan.Observation{ob(1, plan.ObsFlow, 120, "个", "2020-01-01", "2020-12-31")}},
			asOf: "2021-01-01",
			check: func(t *testing.T, v Verdict) {
				if v.Status != Achieved {
					t.Errorf("status %s", v.Status)
				}
			},
		},
		{
			name: "overdue with nothing reported stays no_data but says it is overdue",
			in: Input{Target: fiveG, Start: "2020-01-01", Observations: []plan.Observation{
				{ID: 1, Kind: plan.ObsEvent, ValueText: "投运", PeriodEnd: "2021-12-26"},
			}},
			asOf: "2023-03-01",
			check: func(t *testing.T, v Verdict) {
				if v.Status != NoData {
					t.Errorf("status %s", v.Status)
				}
				if !strings.Contains(v.Explanation, "已过完成时限2022-12-31") {
					t.Errorf("explanation %q does not say overdue", v.Explanation)
				}
				if reasonOf(v, 1) != ReasonKind {
					t.Errorf("event reason %q", reasonOf(v, 1))
				}
			},
		},
		{
			name: "a malformed date is listed, never counted or dropped",
			in: Input{Target: fiveG, Start: "2020-01-01", Observations: []plan.Observation{
				ob(1, plan.ObsFlow, 100, "个", "2020-01-01", "20200"),
				ob(2, plan.ObsFlow, 100, "个", "2020/01/01", "2020-06-30"),
			}},
			asOf: "2022-01-01",
			check: func(t *testing.T, v Verdict) {
				if v.Status != NoData || reasonOf(v, 1) != ReasonOutsidePeriod || reasonOf(v, 2) != ReasonOutsidePeriod {
					t.Errorf("status %s, excluded %+v", v.Status, v.Excluded)
				}
			},
		},
		{
			name: "a figure without a value is listed as no_value",
			in: Input{Target: fiveG, Start: "2020-01-01", Observations: []plan.Observation{
				{ID: 1, Kind: plan.ObsStock, ValueText: "突破", PeriodEnd: "2021-12-26"},
			}},
			asOf: "2022-01-01",
			check: func(t *testing.T, v Verdict) {
				if v.Status != NoData || reasonOf(v, 1) != ReasonNoValue {
					t.Errorf("status %s reason %q", v.Status, reasonOf(v, 1))
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.check(t, Judge(tc.in, tc.asOf, DefaultConfig()))
		})
	}
}

// TestJudgeSchedule checks the 序时进度 bands: a three-year plan half way
// through, with shares at, just behind and far behind schedule.
func TestJudgeSchedule(t *testing.T) {
	target := plan.Target{ID: "t", Comparator: plan.GE, Value: 1000, Unit: "个", Deadline: "2021-12-31"}
	asOf := plan.Date("2021-01-01") // 366 of 730 days: expected 50.1%
	tests := []struct {
		counted float64
		want    string
	}{
		{500, OnTrack},
		{420, OnTrack}, // 8 points behind
		{380, AtRisk},  // 12 points behind
		{210, AtRisk},  // 29 points behind
		{190, OffTrack},
		{1000, Achieved},
	}
	for _, tc := range tests {
		in := Input{Target: target, Start: "2020-01-01", Observations: []plan.Observation{
			ob(1, plan.ObsFlow, tc.counted, "个", "2020-01-01", "2020-12-31")}}
		v := Judge(in, asOf, Config{})
		if v.Status != tc.want {
			t.Errorf("counted %v: status %s, want %s (%s)", tc.counted, v.Status, tc.want, v.Explanation)
		}
	}
}

func TestExpectedShare(t *testing.T) {
	tests := []struct {
		asOf plan.Date
		want float64
	}{
		{"2019-06-01", 0},
		{"2020-01-01", 0},
		{"2021-01-01", 366.0 / 730},
		{"2021-12-31", 1},
		{"2025-01-01", 1},
	}
	for _, tc := range tests {
		got := expectedShare("2020-01-01", "2021-12-31", tc.asOf)
		if got == nil || !near(*got, tc.want) {
			t.Errorf("expected share at %s = %v, want %v", tc.asOf, got, tc.want)
		}
	}
	if expectedShare("", "2021-12-31", "2021-01-01") != nil {
		t.Error("no start must give no expected share")
	}
}

func TestProjected(t *testing.T) {
	in := Input{Target: plan.Target{ID: "p", Comparator: plan.GE, Value: 20000, Unit: "个", Deadline: "2020-12-31"},
		Start: "2020-01-01", Observations: []plan.Observation{ob(1, plan.ObsFlow, 10000, "个", "2020-01-01", "2020-06-30")}}
	v := Judge(in, "2020-07-15", DefaultConfig())
	// Half a year done at 10000: the full year reaches about 20000.
	if v.Projected == nil || math.Abs(*v.Projected-20110) > 5 {
		t.Errorf("projected %v, want about 20110", v.Projected)
	}
	if !strings.Contains(v.Explanation, "预计到2020-12-31可达约") {
		t.Errorf("explanation %q lacks projection", v.Explanation)
	}
}

func TestTargetKind(t *testing.T) {
	tests := []struct {
		t    plan.Target
		want string
	}{
		{plan.Target{Unit: "%"}, plan.KindRate},
		{plan.Target{Unit: "个", Cumulative: true}, plan.KindStock},
		{plan.Target{Unit: "个"}, plan.KindFlow},
		{plan.Target{Unit: "%", Kind: plan.KindStock}, plan.KindStock},
	}
	for _, tc := range tests {
		if got := TargetKind(tc.t); got != tc.want {
			t.Errorf("TargetKind(%+v) = %s, want %s", tc.t, got, tc.want)
		}
	}
}

func TestUnitFits(t *testing.T) {
	tests := []struct {
		obs, target string
		fits        bool
	}{
		{"个 (5G基站)", "个", true},
		{"个（5G基站）", "个", true},
		{"个 逻辑基站 (logical base stations)", "个", false},
		{"%", "个", false},
		{"％", "%", true},
		{"万户", "户", true},
		{"亿元", "万元", true},
		{"", "个", true},
		{"个 (省级区块链产业园)", "家", true},
		{"户", "个", false},
		{"人", "个", false},
	}
	for _, tc := range tests {
		if _, ok := unitFactor(tc.obs, tc.target); ok != tc.fits {
			t.Errorf("unit %q for target %q: fits %v, want %v", tc.obs, tc.target, ok, tc.fits)
		}
	}
	if f, _ := unitFactor("亿元", "万元"); f != 1e4 {
		t.Errorf("亿元 to 万元 factor %v", f)
	}
}

func TestRoll(t *testing.T) {
	vs := func(ss ...string) []Verdict {
		var out []Verdict
		for _, s := range ss {
			out = append(out, Verdict{Status: s})
		}
		return out
	}
	tests := []struct {
		in   []Verdict
		want string
	}{
		{vs(Achieved, OnTrack), Green},
		{vs(Achieved, AtRisk), Amber},
		{vs(Achieved, NoData, NoData), Amber},
		{vs(Achieved, OnTrack, NoData), Green},
		{vs(Achieved, Missed), Red},
		{vs(OffTrack, AtRisk), Red},
		{vs(NoData, NoData), Grey},
		{nil, Grey},
	}
	for _, tc := range tests {
		r := Roll(tc.in)
		if r.Light != tc.want {
			t.Errorf("Roll(%v).Light = %s, want %s", tc.in, r.Light, tc.want)
		}
		if r.Total != len(tc.in) {
			t.Errorf("total %d", r.Total)
		}
	}
	r := Roll(vs(Achieved, Achieved, Missed))
	if r.Counts[Achieved] != 2 || r.Counts[Missed] != 1 || r.Counts[OnTrack] != 0 {
		t.Errorf("counts %v", r.Counts)
	}
}

func TestDayNumber(t *testing.T) {
	for _, d := range []plan.Date{"1970-01-01", "2000-02-29", "2020-03-01", "2022-12-31", "2100-03-01", "1969-12-31"} {
		want := int(d.Time().Unix() / 86400)
		if d.Time().Unix() < 0 {
			want = -1
		}
		if got := dayNumber(d); got != want {
			t.Errorf("dayNumber(%s) = %d, want %d", d, got, want)
		}
	}
}

func TestSharePct(t *testing.T) {
	for f, want := range map[float64]string{0.57: "57%", 0.76225: "76.2%", 0.9999: "99.9%", 1: "100%", 6.6667: "666.7%"} {
		if got := sharePct(f); got != want {
			t.Errorf("sharePct(%v) = %q, want %q", f, got, want)
		}
	}
}

func TestJudgeSaysWhenReportingStopped(t *testing.T) {
	in := Input{Target: fiveG, Start: "2020-08-01", Scope: "长沙市", Observations: []plan.Observation{
		ob(1, plan.ObsFlow, 30490, "个", "2020-01-01", "2020-11-30"),
	}}
	v := Judge(in, "2022-12-31", DefaultConfig())
	if v.Status != Missed || !v.Stale {
		t.Fatalf("status %s stale %v, want missed and stale", v.Status, v.Stale)
	}
	if !strings.Contains(v.Explanation, "最近一次可计入的数据截至2020-11-30") || !strings.Contains(v.Explanation, "请督促报送") {
		t.Errorf("explanation does not say reporting stopped: %s", v.Explanation)
	}
	// A recent figure is not stale.
	v = Judge(in, "2020-12-31", DefaultConfig())
	if v.Stale || strings.Contains(v.Explanation, "无报送") {
		t.Errorf("a one-month-old figure is called stale: %s", v.Explanation)
	}
}
