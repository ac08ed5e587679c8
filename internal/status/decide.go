package status

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/planwatch/planwatch/internal/plan"
)

// decide turns the count into a status and its Chinese explanation.
func (j *judgement) decide(c count) {
	t := j.in.Target
	v := &j.v
	v.Expected = expectedShare(j.in.Start, t.Deadline, j.asOf)
	passed := !t.Deadline.IsZero() && j.asOf >= t.Deadline
	if !c.ok {
		v.Status = NoData
		v.Explanation = j.noDataText(passed)
		return
	}
	v.Counted = ptr(c.value)
	if !j.in.Brief {
		v.Used = make([]plan.Observation, len(c.used))
		for i, o := range c.used {
			v.Used[i] = *o
		}
	}
	if c.series != nil {
		v.Series = c.series
	}
	v.DataDate = c.dataDate
	v.Projected = c.projected
	var share float64
	if t.Value != 0 && !math.IsNaN(t.Value) && !math.IsInf(t.Value, 0) {
		share = c.value / t.Value
		v.Share = ptr(share)
	}
	limit := t.Comparator == plan.LE || t.Comparator == plan.LT
	met := meets(t.Comparator, c.value, t.Value, j.cfg.ApproxTolerance)

	var verdict string
	switch {
	case limit && passed && met:
		v.Status, verdict = Achieved, "控制在目标以内，已完成"
	case limit && passed:
		v.Status, verdict = Missed, "超过限值，已逾期未完成"
	case limit && t.Deadline.IsZero() && met:
		v.Status, verdict = Achieved, "控制在目标以内（未设完成时限）"
	case !limit && met:
		v.Status, verdict = Achieved, "已完成目标"
	case passed:
		v.Status, verdict = Missed, "已逾期未完成"
	case t.Deadline.IsZero():
		v.Status, verdict = OnTrack, "尚未达到目标（未设完成时限，不按序时进度评判）"
	case limit:
		switch {
		case v.Share == nil:
			v.Status, verdict = OnTrack, "限值为0，到期再评判"
		case share > 1+j.cfg.OffTrackGap:
			v.Status, verdict = OffTrack, "超过限值"+pct(share-1)+"，明显滞后"
		case share > 1-j.cfg.AtRiskGap:
			v.Status, verdict = AtRisk, "接近或超过限值，存在风险"
		default:
			v.Status, verdict = OnTrack, "控制在限值以内，进展顺利"
		}
	case v.Expected == nil || v.Share == nil:
		v.Status, verdict = OnTrack, "尚未达到目标（计划未注明起始日期，无法计算序时进度）"
	default:
		gap := *v.Expected - share
		switch {
		case gap > j.cfg.OffTrackGap:
			v.Status, verdict = OffTrack, "落后序时进度"+points(gap)+"个百分点，明显滞后"
		case gap > j.cfg.AtRiskGap:
			v.Status, verdict = AtRisk, "落后序时进度"+points(gap)+"个百分点，存在风险"
		default:
			v.Status, verdict = OnTrack, "进展顺利"
		}
	}
	switch {
	case v.Status == Missed && !limit && j.kind != plan.KindFlow && j.late.o != nil &&
		meets(t.Comparator, j.late.v, t.Value, j.cfg.ApproxTolerance):
		verdict += "；完成时限后，截至" + string(j.late.o.PeriodEnd) + "已达到" + fmtNum(j.late.v) + t.Unit + "，属逾期完成"
	case v.Status == AtRisk || v.Status == OffTrack || v.Status == OnTrack:
		if left := days(j.asOf, t.Deadline); !t.Deadline.IsZero() && left <= dueSoonDays {
			verdict += "；距完成时限仅剩" + strconv.Itoa(int(left)) + "天"
		}
	}
	if v.Status != Achieved && c.dataDate != "" {
		// A verdict drawn from old figures is weaker than it looks: a
		// supervision office must know that the units stopped reporting,
		// not only that the target is behind.
		ref := j.asOf
		if passed {
			ref = t.Deadline
		}
		if gap := days(c.dataDate, ref); gap > staleDays {
			verdict += "；最近一次可计入的数据截至" + string(c.dataDate) + "，此后" + strconv.Itoa(int(gap)) + "天无报送，结论仅以已报数据为准，请督促报送"
			v.Stale = true
		}
	}
	v.Explanation = j.text(c, verdict)
}

// staleDays is how old the newest counted figure may be, measured to the
// as-of date (or the deadline once it has passed), before the verdict says
// that reporting stopped: a quarter, the usual reporting cycle.
const staleDays = 92

// dueSoonDays is how close to its deadline an unmet target gets a
// warning in its explanation: a month, as several supervision systems
// flag (shared/design/status.md).
const dueSoonDays = 30

// meets reports whether value satisfies the comparator against target.
func meets(cmp string, value, target, tol float64) bool {
	switch cmp {
	case plan.GT:
		return value > target
	case plan.LE:
		return value <= target
	case plan.LT:
		return value < target
	case plan.Approx:
		return value >= target*(1-tol)
	}
	return value >= target
}

func (j *judgement) text(c count, verdict string) string {
	t := j.in.Target
	var b strings.Builder
	b.Grow(512)
	b.WriteString("截至" + string(j.asOf))
	switch j.kind {
	case plan.KindFlow:
		b.WriteString("累计新增")
	case plan.KindStock:
		b.WriteString("累计达到")
	default:
		b.WriteString("最新为")
	}
	b.WriteString(fmtNum(c.value) + t.Unit)
	if c.dataDate != "" && c.dataDate != j.asOf {
		b.WriteString("（数据截至" + string(c.dataDate) + "）")
	}
	target := cmpWord(t.Comparator) + fmtNum(t.Value) + t.Unit
	limit := t.Comparator == plan.LE || t.Comparator == plan.LT
	switch {
	case limit || j.v.Share == nil:
		b.WriteString("，目标为" + target)
	case j.kind == plan.KindRate:
		// "为目标60%的66.7%" reads as two rates; say what each one is.
		b.WriteString("，目标为" + target + "（完成目标的" + sharePct(*j.v.Share) + "）")
	default:
		b.WriteString("，为目标" + target + "的" + sharePct(*j.v.Share))
	}
	if j.v.Expected != nil && !limit {
		if j.kind == plan.KindRate {
			b.WriteString("，按序时进度应达到目标的" + pct(*j.v.Expected))
		} else {
			b.WriteString("，按序时进度应完成" + pct(*j.v.Expected))
		}
	}
	b.WriteString("，" + verdict)
	if c.projected != nil && j.v.Status != Achieved && j.v.Status != Missed && !t.Deadline.IsZero() {
		p := *c.projected
		if math.Abs(p) >= 100 {
			p = math.Round(p) // a projection is an estimate: whole units read better
		}
		b.WriteString("；按当前进度预计到" + string(t.Deadline) + "可达约" + fmtNum(p) + t.Unit)
	}
	if c.note != "" {
		b.WriteString("；" + c.note)
	}
	if n := len(j.excl); n > 0 {
		b.WriteString("；另有" + strconv.Itoa(n) + "条数据未计入（" + j.reasonSummary() + "）")
	}
	b.WriteString("。")
	return b.String()
}

func (j *judgement) noDataText(passed bool) string {
	t := j.in.Target
	var b strings.Builder
	b.WriteString("截至" + string(j.asOf) + "暂无可计入的数据")
	if passed {
		b.WriteString("，已过完成时限" + string(t.Deadline) + "，请督促牵头单位报送")
	}
	if n := len(j.excl); n > 0 {
		b.WriteString("；" + strconv.Itoa(n) + "条数据未计入（" + j.reasonSummary() + "）")
	}
	b.WriteString("。")
	return b.String()
}

// reasonSummary names the exclusion reasons in Chinese, in first-seen order.
func (j *judgement) reasonSummary() string {
	var seen []string
	for _, e := range j.excl {
		if !slices.Contains(seen, e.reason) {
			seen = append(seen, e.reason)
		}
	}
	names := make([]string, len(seen))
	for i, r := range seen {
		names[i] = ReasonLabel(r)
	}
	return strings.Join(names, "、")
}

// ReasonLabel is the short Chinese name of an exclusion reason code.
func ReasonLabel(reason string) string {
	switch reason {
	case ReasonUnit:
		return "单位不符"
	case ReasonScope:
		return "统计范围不符"
	case ReasonKind:
		return "数据类型不计入"
	case ReasonSuperseded:
		return "已被更正"
	case ReasonOutsidePeriod:
		return "不在规划期内"
	case ReasonNoValue:
		return "无数值"
	case ReasonOverlap:
		return "统计期重叠"
	case ReasonAfterAsOf:
		return "晚于评估日"
	}
	return reason
}

func cmpWord(c string) string {
	switch c {
	case plan.GT:
		return "超过"
	case plan.Approx:
		return "约"
	case plan.LE:
		return "不超过"
	case plan.LT:
		return "低于"
	}
	return ""
}

// fmtNum writes a figure as a reader expects it: whole numbers without
// decimals, others with at most two.
func fmtNum(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		return strconv.FormatFloat(f, 'f', 0, 64)
	}
	return strconv.FormatFloat(round(f, 2), 'f', -1, 64)
}

// pct writes a share as a percentage with one decimal ("76.2%").
func pct(f float64) string { return strconv.FormatFloat(round(f*100, 1), 'f', -1, 64) + "%" }

// sharePct writes a share done; short of the target it rounds down, so
// that 99.99% never reads as a finished "100%".
func sharePct(f float64) string {
	if f < 1 {
		return strconv.FormatFloat(math.Floor(f*1000+1e-6)/10, 'f', -1, 64) + "%" // 1e-6: 0.57*1000 is 569.99…
	}
	return pct(f)
}

// points writes a share difference as percentage points ("23.8").
func points(f float64) string { return strconv.FormatFloat(round(f*100, 1), 'f', -1, 64) }
