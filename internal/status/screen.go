package status

import (
	"math"
	"strconv"
	"strings"

	"github.com/planwatch/planwatch/internal/plan"
)

// judgement carries one Judge call's inputs and the verdict being built.
type judgement struct {
	in     Input
	asOf   plan.Date
	cfg    Config
	kind   string
	window plan.Date // first day a flow may start: January 1st of Start's year
	v      Verdict
	// excl collects exclusions by pointer; the verdict copies them once,
	// at the end, into a slice of the exact size.
	excl []exclusion
	// late is the newest level (stock or rate) reported for after the
	// deadline: it cannot undo a miss, but the record should show a
	// target met late (逾期完成).
	late cand
}

type exclusion struct {
	o              *plan.Observation
	reason, detail string
}

// cand is a countable observation with its value in the target's unit.
// It points into Input.Observations: observations are large, and a city's
// ledger judges tens of thousands of targets at once.
type cand struct {
	o *plan.Observation
	v float64
}

// exclude records why o is not counted. Details are built by
// concatenation, not fmt: a ledger writes tens of thousands of them, and
// fmt was a quarter of the engine's time.
func (j *judgement) exclude(o *plan.Observation, reason, detail string) {
	j.excl = append(j.excl, exclusion{o: o, reason: reason, detail: detail})
}

// screen sorts the observations into countable flows, stocks and rates,
// recording every other one in Excluded with its reason.
func (j *judgement) screen() (flows, stocks, rates []cand) {
	t := j.in.Target
	var replaced map[int64]int64
	for i := range j.in.Observations {
		if o := &j.in.Observations[i]; o.Supersedes != 0 {
			if replaced == nil {
				replaced = map[int64]int64{}
			}
			replaced[o.Supersedes] = o.ID
		}
	}
	tunit := unitKey(t.Unit)
	sized := false
	j.excl = make([]exclusion, 0, len(j.in.Observations))
	for i := range j.in.Observations {
		o := &j.in.Observations[i]
		by := o.SupersededBy
		if by == 0 && replaced != nil {
			by = replaced[o.ID]
		}
		switch {
		case by != 0:
			j.exclude(o, ReasonSuperseded, "已被更正数据#"+strconv.FormatInt(by, 10)+"取代")
			continue
		case !plan.CountableKind(o.Kind):
			j.exclude(o, ReasonKind, contextDetail(o.Kind))
			continue
		case o.PeriodEnd.IsZero():
			j.exclude(o, ReasonOutsidePeriod, "未注明统计截止日期，无法判断属于哪个时期")
			continue
		case !validDate(o.PeriodEnd):
			j.exclude(o, ReasonOutsidePeriod, "统计截止日期“"+string(o.PeriodEnd)+"”不是YYYY-MM-DD格式的日期")
			continue
		case o.PeriodEnd > j.asOf:
			j.exclude(o, ReasonAfterAsOf, "统计期截至"+string(o.PeriodEnd)+"，晚于评估日"+string(j.asOf)+"，评估时尚不可知")
			continue
		case o.Value == nil || math.IsNaN(*o.Value) || math.IsInf(*o.Value, 0):
			j.exclude(o, ReasonNoValue, "未给出可计入的数值（"+o.ValueText+"）")
			continue
		}
		// Scope first: "not this city" is the plainer reason when a
		// province-wide figure is also in another unit.
		if !sameScope(o.Scope, j.in.Scope) {
			j.exclude(o, ReasonScope, "统计范围为"+o.Scope+"，不是本计划的"+j.in.Scope)
			continue
		}
		factor, ok := 1.0, o.Unit == t.Unit
		if !ok {
			factor, ok = keyFactor(unitKey(o.Unit), tunit)
		}
		if !ok {
			j.exclude(o, ReasonUnit, "单位“"+o.Unit+"”与目标单位“"+t.Unit+"”口径不符")
			continue
		}
		if (j.kind == plan.KindRate) != (o.Kind == plan.ObsRate) {
			j.exclude(o, ReasonKind, kindLabel(o.Kind)+"数据不能计入"+kindLabel(j.kind)+"目标")
			continue
		}
		c := cand{o: o, v: *o.Value * factor}
		if !t.Deadline.IsZero() && o.PeriodEnd > t.Deadline {
			j.exclude(o, ReasonOutsidePeriod, "统计期截至"+string(o.PeriodEnd)+"，晚于完成时限"+string(t.Deadline))
			if o.Kind != plan.ObsFlow && (j.late.o == nil || o.PeriodEnd > j.late.o.PeriodEnd ||
				(o.PeriodEnd == j.late.o.PeriodEnd && o.ID > j.late.o.ID)) {
				j.late = c
			}
			continue
		}
		if !sized {
			// Sized once, from one array: a city's ledger judges tens
			// of thousands of targets. A rate target only ever gets
			// rates, the others flows and stocks (the kind check above).
			sized = true
			n := len(j.in.Observations) - i
			if j.kind == plan.KindRate {
				rates = make([]cand, 0, n)
			} else {
				buf := make([]cand, 0, 2*n)
				flows, stocks = buf[0:0:n], buf[n:n:2*n]
			}
		}
		switch o.Kind {
		case plan.ObsFlow:
			switch {
			case o.PeriodStart.IsZero():
				j.exclude(o, ReasonOutsidePeriod, "新增量未注明统计起始日期，无法判断是否与其他数据重复")
			case !validDate(o.PeriodStart):
				j.exclude(o, ReasonOutsidePeriod, "统计起始日期“"+string(o.PeriodStart)+"”不是YYYY-MM-DD格式的日期")
			case o.PeriodStart > o.PeriodEnd:
				j.exclude(o, ReasonOutsidePeriod, "统计起始日期"+string(o.PeriodStart)+"晚于截止日期"+string(o.PeriodEnd))
			case !j.window.IsZero() && o.PeriodStart < j.window:
				j.exclude(o, ReasonOutsidePeriod, "统计期始于"+string(o.PeriodStart)+"，早于规划期（自"+string(j.window)+"起）")
			default:
				flows = append(flows, c)
			}
		case plan.ObsStock:
			stocks = append(stocks, c)
		default:
			rates = append(rates, c)
		}
	}
	return flows, stocks, rates
}

// validDate reports whether d is a calendar date written YYYY-MM-DD;
// dates are compared as strings, which is only sound in that form.
func validDate(d plan.Date) bool {
	s := string(d)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i := 0; i < 10; i++ {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return false
		}
	}
	m := int(s[5]-'0')*10 + int(s[6]-'0')
	day := int(s[8]-'0')*10 + int(s[9]-'0')
	return m >= 1 && m <= 12 && day >= 1 && day <= 31
}

// contextDetail says why a non-figure is not counted.
func contextDetail(k string) string {
	switch k {
	case plan.ObsTarget:
		return "这是目标或预期数，不是完成数，仅作背景"
	case plan.ObsEvent:
		return "这是事件信息，仅作背景，不计入完成值"
	case plan.ObsStatus:
		return "这是情况描述，仅作背景，不计入完成值"
	}
	return "数据类型" + kindLabel(k) + "不能计入完成值"
}

func kindLabel(k string) string {
	switch k {
	case plan.ObsFlow:
		return "新增量"
	case plan.ObsStock:
		return "累计数"
	case plan.ObsRate:
		return "比率"
	case plan.ObsTarget:
		return "目标"
	case plan.ObsEvent:
		return "事件"
	case plan.ObsStatus:
		return "状态"
	}
	return "“" + k + "”"
}

// fold maps full-width ASCII forms (％, （, Ａ) to their ASCII runes and
// the ideographic space to a space, as text typed in Chinese IMEs needs.
func fold(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000:
		return ' '
	}
	return r
}

// unitKey folds a unit for comparison: half-width, no spaces, lower case,
// parenthesised notes dropped ("个 (5G基站)" -> "个").
func unitKey(u string) string {
	var b strings.Builder
	depth := 0
	for _, r := range u {
		r = fold(r)
		switch {
		case r == '(' || r == '[':
			depth++
		case (r == ')' || r == ']') && depth > 0:
			depth--
		case depth > 0, r == ' ', r == '\t':
		default:
			b.WriteRune(r)
		}
	}
	return strings.ToLower(b.String())
}

// unitScale splits a folded unit into its base and the factor of its
// leading 万/亿 ("万户" -> "户", 1e4). A bare "万" stays as it is.
func unitScale(key string) (string, float64) {
	f := 1.0
	for {
		switch {
		case strings.HasPrefix(key, "万") && len(key) > len("万"):
			key, f = strings.TrimPrefix(key, "万"), f*1e4
		case strings.HasPrefix(key, "亿") && len(key) > len("亿"):
			key, f = strings.TrimPrefix(key, "亿"), f*1e8
		default:
			return key, f
		}
	}
}

// unitFactor reports whether an observation in unit obs can count towards
// a target in unit target, and the factor that converts its value. An
// observation without a unit fits: nothing contradicts the target's.
func unitFactor(obs, target string) (float64, bool) {
	return keyFactor(unitKey(obs), unitKey(target))
}

// classifiers are measure words that count whole things (parks, firms,
// schools, projects) and are used interchangeably for them: "2家产业园"
// and "1个产业园" count the same parks. Units of measure (公里, 亿元, %)
// and people or households (人, 户) are not among them.
var classifiers = map[string]bool{"个": true, "家": true, "所": true, "项": true, "座": true, "处": true}

// keyFactor is unitFactor on folded units.
func keyFactor(ok, tk string) (float64, bool) {
	if ok == "" || ok == tk || (classifiers[ok] && classifiers[tk]) {
		return 1, true
	}
	ob, of := unitScale(ok)
	tb, tf := unitScale(tk)
	if ob != tb {
		return 0, false
	}
	return of / tf, true
}

func isPercent(u string) bool {
	k := unitKey(u)
	return k == "%" || k == "百分比"
}

// scopeKey folds a jurisdiction name; "长沙" and "长沙市" are one scope,
// "长沙县" is another.
func scopeKey(s string) string {
	s = strings.TrimSpace(strings.Map(fold, s))
	return strings.TrimSuffix(s, "市")
}

// sameScope reports whether an observation's scope is the plan's: an empty
// observation scope is the plan's own, and an unknown plan scope accepts any.
func sameScope(obs, planScope string) bool {
	if obs == planScope || strings.TrimSpace(obs) == "" || strings.TrimSpace(planScope) == "" {
		return true
	}
	return scopeKey(obs) == scopeKey(planScope)
}
