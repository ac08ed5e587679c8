package status

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/planwatch/planwatch/internal/plan"
)

// count is what the counting rules made of the screened observations.
type count struct {
	ok        bool // something was counted
	value     float64
	series    []Point
	used      []*plan.Observation
	dataDate  plan.Date
	projected *float64
	// note adds a sentence to the explanation about how value was reached.
	note string
}

func (c *count) use(x cand) {
	if c.used == nil {
		c.used = make([]*plan.Observation, 0, 8)
		c.series = make([]Point, 0, 8)
	}
	c.used = append(c.used, x.o)
	if x.o.PeriodEnd > c.dataDate {
		c.dataDate = x.o.PeriodEnd
	}
}

// countFlow sums non-overlapping flows; without flows it counts the rise
// of stocks over a baseline stock at or before the period's start.
func (j *judgement) countFlow(flows, stocks []cand) count {
	if len(flows) > 0 {
		for _, s := range stocks {
			j.exclude(s.o, ReasonKind, "已有新增量数据，累计数仅作参考")
		}
		kept := j.pickFlows(flows)
		return j.sumFlows(kept, 0)
	}
	stocks = j.latestPerDate(stocks)
	if len(stocks) == 0 {
		return count{}
	}
	start := j.window
	if start.IsZero() {
		for _, s := range stocks {
			j.exclude(s.o, ReasonKind, "计划未注明起始日期，无法从累计数算出期内新增量")
		}
		return count{}
	}
	// The best baseline is the level when the first year began, which
	// matches the flows' window; failing that, the level at the plan's
	// start (the rise then misses the months before it).
	base := lastAtOrBefore(stocks, start)
	if base < 0 {
		base = lastAtOrBefore(stocks, j.in.Start)
	}
	if base < 0 {
		for _, s := range stocks {
			j.exclude(s.o, ReasonKind, "新增目标只有累计数，缺少规划期初（"+string(j.in.Start)+"前）的基数，无法算出新增量")
		}
		return count{}
	}
	for _, s := range stocks[:base] {
		j.exclude(s.o, ReasonOutsidePeriod, "早于期初基数（"+string(stocks[base].o.PeriodEnd)+"）")
	}
	if base == len(stocks)-1 {
		j.exclude(stocks[base].o, ReasonOutsidePeriod, "期初基数，规划期内尚无新的累计数")
		return count{}
	}
	b := stocks[base]
	var c count
	c.use(b)
	for _, s := range stocks[base+1:] {
		c.use(s)
		c.value = s.v - b.v
		c.series = append(c.series, Point{Date: s.o.PeriodEnd, Value: c.value})
	}
	c.ok = true
	c.note = "按累计数较期初基数（" + string(b.o.PeriodEnd) + "，" + fmtNum(b.v) + "）的增加计算"
	c.projected = j.pace(b.o.PeriodEnd, c.dataDate, c.value)
	return c
}

// lastAtOrBefore is the index of the last of cs (sorted by date) dated on
// or before d, or -1.
func lastAtOrBefore(cs []cand, d plan.Date) int {
	i := -1
	for k, c := range cs {
		if c.o.PeriodEnd <= d {
			i = k
		}
	}
	return i
}

// countStock takes the latest stock plus flows that start after it; with
// only flows, their sum.
func (j *judgement) countStock(stocks, flows []cand) count {
	stocks = j.latestPerDate(stocks)
	kept := j.pickFlows(flows)
	if len(stocks) == 0 {
		c := j.sumFlows(kept, 0)
		if c.ok {
			c.note = "未报告累计数，按规划期内新增量合计（基数按0计）"
		}
		return c
	}
	var c count
	for _, s := range stocks {
		c.use(s)
		c.series = append(c.series, Point{Date: s.o.PeriodEnd, Value: s.v})
	}
	last := stocks[len(stocks)-1]
	c.value = last.v
	for _, f := range kept {
		if f.o.PeriodStart <= last.o.PeriodEnd {
			j.exclude(f.o, ReasonOverlap, "已包含在"+string(last.o.PeriodEnd)+"的累计数中")
			continue
		}
		c.use(f)
		c.value += f.v
		c.series = append(c.series, Point{Date: f.o.PeriodEnd, Value: c.value})
	}
	c.ok = true
	c.projected = j.extrapolate(c.series, false)
	return c
}

// countRate takes the latest rate.
func (j *judgement) countRate(rates []cand) count {
	rates = j.latestPerDate(rates)
	if len(rates) == 0 {
		return count{}
	}
	var c count
	for _, r := range rates {
		c.use(r)
		c.series = append(c.series, Point{Date: r.o.PeriodEnd, Value: r.v})
	}
	c.value = rates[len(rates)-1].v
	c.ok = true
	c.projected = j.extrapolate(c.series, isPercent(j.in.Target.Unit))
	return c
}

// sumFlows adds kept flows (sorted by period end) onto base.
func (j *judgement) sumFlows(kept []cand, base float64) count {
	if len(kept) == 0 {
		return count{}
	}
	c := count{ok: true, value: base}
	first := kept[0].o.PeriodStart
	for _, f := range kept {
		c.use(f)
		c.value += f.v
		c.series = append(c.series, Point{Date: f.o.PeriodEnd, Value: c.value})
		if f.o.PeriodStart < first {
			first = f.o.PeriodStart
		}
	}
	if !j.window.IsZero() {
		first = j.window
	}
	c.projected = j.pace(first, c.dataDate, c.value-base)
	if c.projected != nil {
		*c.projected += base
	}
	return c
}

// pickFlows keeps the set of pairwise non-overlapping flows that covers
// the most days (weighted interval scheduling) and excludes the others.
// Among equal periods the later report (higher ID) wins.
func (j *judgement) pickFlows(fs []cand) []cand {
	if len(fs) == 0 {
		return nil
	}
	// fs is this judgement's own list: sorted and compacted in place.
	slices.SortStableFunc(fs, func(x, y cand) int {
		if c := strings.Compare(string(x.o.PeriodEnd), string(y.o.PeriodEnd)); c != 0 {
			return c
		}
		if c := strings.Compare(string(y.o.PeriodStart), string(x.o.PeriodStart)); c != 0 {
			return c
		}
		return cmp.Compare(x.o.ID, y.o.ID)
	})
	n := len(fs)
	// best is the most days covered by the first i flows; take and prev
	// record the choice for the walk back, keep its outcome.
	type step struct {
		best       float64
		take, keep bool
		prev       int
	}
	dp := make([]step, n+1)
	for i := 1; i <= n; i++ {
		f := fs[i-1]
		p := sort.Search(i-1, func(k int) bool { return fs[k].o.PeriodEnd >= f.o.PeriodStart })
		// At least one day, so that a flow overlapping nothing kept is
		// always worth keeping: the exclusions below rely on that.
		inc := max(days(f.o.PeriodStart, f.o.PeriodEnd)+1, 1) + dp[p].best
		if inc >= dp[i-1].best {
			dp[i] = step{best: inc, take: true, prev: p}
		} else {
			dp[i] = step{best: dp[i-1].best}
		}
	}
	for i := n; i > 0; {
		if dp[i].take {
			dp[i].keep = true
			i = dp[i].prev
		} else {
			i--
		}
	}
	for i, f := range fs {
		if dp[i+1].keep {
			continue
		}
		found := false
		for k, g := range fs {
			if dp[k+1].keep && g.o.PeriodStart <= f.o.PeriodEnd && f.o.PeriodStart <= g.o.PeriodEnd {
				found = true
				j.exclude(f.o, ReasonOverlap, "与#"+strconv.FormatInt(g.o.ID, 10)+"（"+string(g.o.PeriodStart)+"至"+
					string(g.o.PeriodEnd)+"）统计期重叠，取覆盖期更长的数据，避免重复计算")
				break
			}
		}
		if !found { // cannot happen with valid periods; never drop a report silently
			j.exclude(f.o, ReasonOverlap, "与其他数据统计期重叠，未计入")
		}
	}
	kept := fs[:0]
	for i, f := range fs {
		if dp[i+1].keep {
			kept = append(kept, f)
		}
	}
	return kept
}

// latestPerDate sorts level figures by date and keeps one per date, the
// later report (higher ID); the others are excluded as overlap.
func (j *judgement) latestPerDate(cs []cand) []cand {
	cs = slices.Clone(cs)
	slices.SortStableFunc(cs, func(x, y cand) int {
		if c := strings.Compare(string(x.o.PeriodEnd), string(y.o.PeriodEnd)); c != 0 {
			return c
		}
		return cmp.Compare(x.o.ID, y.o.ID)
	})
	out := cs[:0:0]
	for i, c := range cs {
		if i+1 < len(cs) && cs[i+1].o.PeriodEnd == c.o.PeriodEnd {
			j.exclude(c.o, ReasonOverlap, "与#"+strconv.FormatInt(cs[i+1].o.ID, 10)+"同为"+string(c.o.PeriodEnd)+"的数据，取较新的一条")
			continue
		}
		out = append(out, c)
	}
	return out
}

// pace projects an amount gained from start to end onto the deadline at
// the same daily rate.
func (j *judgement) pace(start, end plan.Date, gained float64) *float64 {
	dl := j.in.Target.Deadline
	if dl.IsZero() || end >= dl {
		return ptr(gained)
	}
	elapsed := days(start, end) + 1
	if elapsed <= 0 {
		return nil
	}
	return ptr(gained * (days(start, dl) + 1) / elapsed)
}

// extrapolate continues the line through the last two points of a level
// series to the deadline; one point stays flat. Percentages stop at 100.
func (j *judgement) extrapolate(s []Point, percent bool) *float64 {
	if len(s) == 0 {
		return nil
	}
	last := s[len(s)-1]
	dl := j.in.Target.Deadline
	p := last.Value
	if len(s) >= 2 && !dl.IsZero() && last.Date < dl {
		prev := s[len(s)-2]
		if d := days(prev.Date, last.Date); d > 0 {
			p = last.Value + (last.Value-prev.Value)/d*days(last.Date, dl)
		}
	}
	if percent && p > 100 {
		p = 100
	}
	if p < 0 {
		p = 0
	}
	return &p
}
