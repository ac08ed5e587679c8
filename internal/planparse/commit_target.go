package planparse

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/planwatch/planwatch/internal/cnnum"
	"github.com/planwatch/planwatch/internal/plan"
)

// preWindow bounds, in bytes, how far before a number its comparator,
// verb and ban words are looked for: about forty Chinese characters.
const preWindow = 120

// candidate is a number met in a clause, with the words around it.
type candidate struct {
	q        cnnum.Quantity
	before   string // comparator written before the number
	cmpStart int    // where that comparator word starts (q.Start without one)
	after    string // comparator written after the unit ("以上")
	end      int    // end of the number, unit and that word
}

// readTargets reads the targets of the clause body[cs:ce] and returns how
// many it found.
func (r *commitReader) readTargets(cs, ce int, marks []dateMark) int {
	var buf [8]candidate
	cands := r.candidates(cs, ce, marks, buf[:0])
	if len(cands) == 0 {
		return 0
	}
	// A number followed, with no separator, by another number of the same
	// clause qualifies what the second one counts: "500千伏及以上输变电
	// 工程11项", "每10万人口拥有…".
	kept := cands[:0]
	for k, c := range cands {
		if k+1 < len(cands) && !hasSeparator(r.body[c.end:cands[k+1].q.Start]) {
			continue
		}
		kept = append(kept, c)
	}
	cands = kept
	// "分别不超过3个、4个工作日": the unit written once at the end of an
	// enumeration is that of every item; "个" alone was its first word.
	for k := len(cands) - 2; k >= 0; k-- {
		c, next := &cands[k], cands[k+1]
		if strings.TrimSpace(r.body[c.end:next.q.Start]) == "、" && len(next.q.Unit) > len(c.q.Unit) &&
			c.q.Unit != "" && hasPrefixStr(next.q.Unit, c.q.Unit) {
			c.q.Unit = next.q.Unit
		}
	}

	found := 0
	segStart := cs
	var prev *plan.Target
	prevBefore := ""
	firstOfRun := len(r.targets)
	runPre := ""
	settled := 0 // targets before this index had their comparator settled
	for k, c := range cands {
		nextStart := ce
		if k+1 < len(cands) {
			nextStart = cands[k+1].q.Start
		}
		t, consumed, enumerated := r.target(segStart, c, nextStart, k+1 == len(cands), marks)
		if enumerated && prev != nil {
			// "下降15%、10%和26%", "分别压缩至30小时、1.5小时以内": the
			// items after the first share its subject and comparator.
			t.Subject = prev.Subject
			if c.before == "" {
				t.Comparator = cnnum.Combine(prevBefore, c.after)
			}
			t.Kind = prev.Kind
			t.Cumulative = prev.Cumulative
		} else {
			if prev != nil {
				r.distribute(firstOfRun, runPre)
			}
			firstOfRun = len(r.targets)
			prevBefore = c.before
			runPre = r.body[segStart:c.cmpStart]
		}
		// A ceiling or an approximation written once after the last item
		// holds for the items before it.
		if c.after == cnnum.LE || c.after == cnnum.Approx {
			for j := max(firstOfRun, settled); j < len(r.targets); j++ {
				if r.targets[j].Comparator == cnnum.GE {
					r.targets[j].Comparator = c.after
				}
			}
			settled = len(r.targets)
		}
		r.targets = append(r.targets, t)
		prev = &r.targets[len(r.targets)-1]
		r.lastKind = t.Kind
		segStart = consumed
		found++
	}
	r.distribute(firstOfRun, runPre)
	return found
}

// distribute shares out a run of targets (r.targets[from:], one number
// or several enumerated ones) over the items their subject lists:
// "进口、出口整体通关时间分别压缩至30小时、1.5小时以内" gives each item its
// own value; "及时受理率、按期办结率均达到100%" gives both items the one
// value. pre is the raw text before the run's first number.
func (r *commitReader) distribute(from int, pre string) {
	n := len(r.targets) - from
	if n < 1 {
		return
	}
	first := r.targets[from]
	parts := splitSubjects(first.Subject)
	if len(parts) < 2 && n == 2 && containsStr(pre, "分别") {
		parts = pairedSubjects(first.Subject)
	}
	if len(parts) < 2 {
		return
	}
	switch {
	case n > 1 && len(parts) == n && containsStr(pre, "分别"):
		for i := range n {
			r.targets[from+i].Subject = parts[i]
		}
	case n == 1 && (hasSuffixStr(strings.TrimSpace(pre), "均") || hasSuffixStr(strings.TrimSpace(pre), "都")):
		undated := len(r.undated) > 0 && r.undated[len(r.undated)-1] == from
		r.targets[from].Subject = parts[0]
		for _, p := range parts[1:] {
			t := first
			t.Subject = p
			if undated {
				r.undated = append(r.undated, len(r.targets))
			}
			r.targets = append(r.targets, t)
		}
	}
}

// splitSubjects splits a subject that lists several items ("A、B和C等…")
// into one subject per item. Items that are only a qualifier ("进口、出口
// 整体通关时间") take the words the last item adds; a closing "等…" adds its
// words to every item.
func splitSubjects(s string) []string {
	s = strings.ReplaceAll(s, "分别", "")
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		switch c {
		case '（', '(', '“':
			depth++
		case '）', ')', '”':
			if depth > 0 {
				depth--
			}
		}
		if depth == 0 && c == '、' {
			parts = append(parts, s[start:i])
			start = i + size
		}
		i += size
	}
	parts = append(parts, s[start:])
	if len(parts) < 2 {
		return nil
	}
	last := parts[len(parts)-1]
	for _, w := range [...]string{"和", "及", "与"} {
		if k := strings.Index(last, w); k > 0 && k+len(w) < len(last) {
			parts = append(parts[:len(parts)-1], last[:k], last[k+len(w):])
			break
		}
	}
	last = parts[len(parts)-1]
	if k := strings.Index(last, "等"); k > 0 {
		tail := last[k+len("等"):]
		parts[len(parts)-1] = last[:k]
		for i := range parts {
			parts[i] += tail
		}
		return parts
	}
	head := utf8.RuneCountInString(parts[0])
	short := true
	for _, p := range parts[:len(parts)-1] {
		if n := utf8.RuneCountInString(p); n > 4 || n != head {
			short = false
		}
	}
	if short && utf8.RuneCountInString(last) > head+1 {
		tail := string([]rune(last)[head:])
		for i := range parts[:len(parts)-1] {
			parts[i] += tail
		}
	}
	for _, p := range parts {
		if strings.TrimSpace(p) == "" {
			return nil
		}
	}
	return parts
}

// candidates lists the numbers of body[cs:ce] that can be targets.
func (r *commitReader) candidates(cs, ce int, marks []dateMark, out []candidate) []candidate {
	body := r.body
	clause := body[cs:ce]
	frequency := -1 // whether the clause states a routine; looked up once, when needed
	quoteDepth := 0
	mi := 0 // marks before mi end before i
	for i := cs; i < ce; {
		c, size := runeAt(body[:ce], i)
		switch c {
		case '“', '《', '「', '〈', '『':
			quoteDepth++
		case '”', '》', '」', '〉', '』':
			if quoteDepth > 0 {
				quoteDepth--
			}
		}
		for mi < len(marks) && marks[mi].end <= i {
			mi++
		}
		inDate := mi < len(marks) && marks[mi].start <= i
		if quoteDepth > 0 || inDate || !mayStartNumber(body, i, c) {
			i += size
			continue
		}
		q, ok := cnnum.QuantityAt(body, i)
		if !ok || q.End > ce {
			i += size
			continue
		}
		next := q.End
		if q.End <= i {
			next = i + size
		}
		if q.Unit == "次" && frequency < 0 {
			frequency = 0
			if frequencyWordsSet.in(clause) {
				frequency = 1
			}
		}
		routine := frequency == 1 && q.Unit == "次"
		if routine {
			// "每年开展…不少于4次": a floor on a routine is checkable.
			cmp, _ := cnnum.ComparatorBefore(body[:q.Start], q.Start)
			routine = cmp == ""
		}
		if !r.past && !routine {
			if cand, ok := r.judge(cs, ce, q); ok {
				out = append(out, cand)
			} else if k := len(out) - 1; k >= 0 && parallelItem(body, out[k].q, q, cs) {
				out = append(out, cand)
			}
		}
		i = next
	}
	return out
}

func mayStartNumber(body string, i int, c rune) bool {
	if commitDigit(c) {
		return true
	}
	if c == '百' || c == '千' {
		// "百分之六十", and "百亿元", "千万元" (one hundred 亿).
		if hasPrefixStr(body[i:], "百分之") || hasPrefixStr(body[i:], "千分之") {
			return true
		}
		rest := body[i+len("百"):]
		if !hasPrefixStr(rest, "亿") && !hasPrefixStr(rest, "万") {
			return false
		}
		p, _ := utf8.DecodeLastRuneInString(body[:i])
		return !cnnum.IsChineseNumeral(p)
	}
	if !isChineseDigitRune(c) && c != '两' {
		return false
	}
	// Inside a longer Chinese numeral ("两万五千" at 五) is not a start.
	if i > 0 {
		p, _ := utf8.DecodeLastRuneInString(body[:i])
		if cnnum.IsChineseNumeral(p) {
			return false
		}
	}
	return true
}

// judge decides whether quantity q of clause body[cs:ce] states a
// commitment, and reads the comparator words around it.
func (r *commitReader) judge(cs, ce int, q cnnum.Quantity) (candidate, bool) {
	body := r.body
	c := candidate{q: q}
	if nonTargetUnits[q.Unit] {
		return c, false // dates, document and line numbers, voltage classes
	}
	c.before, c.cmpStart = cnnum.ComparatorBefore(body[:q.Start], q.Start)
	if c.before == "" {
		c.cmpStart = q.Start
	}
	if c.cmpStart < cs {
		c.before, c.cmpStart = "", q.Start
	}
	if c.before == "" {
		// The subject keeps the base ("…控制在现状总面积的20%以内"
		// reads with its base), so only the comparator is taken.
		c.before, _ = openingComparator(body, max(cs, q.Start-predicateSpan), q.Start)
	}
	if c.before == "" && floorBeforeVerb(body[max(cs, q.Start-floorSpan):q.Start]) {
		c.before = cnnum.GE // "至少储备1台", "最少配备2名"
	}
	c.after, c.end = cnnum.ComparatorAfter(body[:ce], q.End)
	if c.after == "" && limitUnits[q.Unit] && hasPrefixStr(body[q.End:ce], "内") &&
		!frequencyWordsSet.in(body[cs:q.Start]) {
		// "24小时内响应", "5个工作日内办结": a time limit. Without 内 the
		// duration names a thing ("24小时自助服务区", "15分钟生活圈");
		// in a routine it places a window ("每季度末最后5个工作日内报送").
		c.after, c.end = cnnum.LE, q.End+len("内")
	}
	// The words that decide are near the number; looking no further back
	// than preWindow keeps a clause of thousands of items linear.
	ps := max(cs, c.cmpStart-preWindow)
	for ps < c.cmpStart && !utf8.RuneStart(body[ps]) {
		ps++
	}
	pre := body[ps:c.cmpStart]

	// Ordinals, list counts, per-item figures and starting points: "第二批",
	// "等8个方案", "每部不超过20万元", "前10名", "由20个工作日压缩至…".
	for _, w := range [...]string{"第", "等", "每", "前", "编号", "序号", "由", "从"} {
		if hasSuffixStr(strings.TrimRight(pre, " "), w) && !(w == "等" && countedWork(pre)) {
			return c, false
		}
	}
	for _, w := range specWords {
		if hasSuffixStr(strings.TrimRight(pre, " "), w) {
			return c, false
		}
	}
	if designParameter(pre) || perHeadDuration(pre, q.Unit) {
		return c, false
	}
	if perItem(pre) || grantWordsSet.in(pre) && !shareOfWhole(pre, c.before) || reckonedBasis(pre) {
		return c, false
	}
	// A threshold inside a ban is no quantity to reach: "不再新建每小时35
	// 蒸吨以下燃煤锅炉".
	// A share that reaches a level ("不再二次包装比例达到95%") measures
	// how far the ban is kept; that is a target.
	if c.before != cnnum.LE && banWordsSet.in(pre) && !(rateUnits[q.Unit] && c.before != "") {
		return c, false
	}
	rest := body[c.end:ce]
	if hasPrefixStr(rest, "级") || hasPrefixStr(rest, "量级") {
		return c, false // "10万吨级码头": a class
	}
	if consentThreshold(pre, rest) {
		return c, false
	}
	// "1000亩以上的产业园", "年产值5000万元以上企业": a size class of
	// what is counted. A share may lead its subject, though ("50%以上
	// 旗区级综合医院达到…").
	if sizeUnits[q.Unit] && (hasPrefixStr(rest, "的") || c.after != "" && q.Unit != "%" && startsWord(rest)) {
		return c, false
	}
	// A ratio is a target where a comparator or a ratio's name states it
	// ("床人比不低于1:1.6"), not in "按5:5比例分担".
	if q.Ratio && c.before == "" && !hasSuffixStr(strings.TrimRight(pre, " "), "比") {
		return c, false
	}
	if ageUnits[q.Unit] && c.before == "" {
		return c, false
	}
	// "年综合能耗5000吨标准煤以上（的）企业", "500人以上单位": a threshold
	// saying who is covered, not an amount to reach.
	if c.after != "" && !classifierOf[q.Unit] && scopeNoun(strings.TrimPrefix(rest, "的")) {
		return c, false
	}
	// "人口规模三万人以上的乡镇", "营业收入2000万元以上的企业": a
	// threshold on an attribute of what is counted picks who qualifies.
	if c.after != "" && c.before == "" && hasPrefixStr(rest, "的") && attributeNoun(pre) {
		return c, false
	}
	// "满足年径流总量控制率75%的规划要求", "符合…不低于30%的标准": a
	// standard each project must comply with, not a goal of the plan.
	if complianceStandard(pre, rest) {
		return c, false
	}
	// "按照不低于常住人口3‰的比例配备": the basis of an allotment.
	if containsStr(pre, "按") && (hasPrefixStr(rest, "的比例") || hasPrefixStr(rest, "比例") || hasPrefixStr(rest, "的标准")) {
		return c, false
	}
	// "35蒸吨/小时及以下燃煤锅炉": a rating and its bound name a class of
	// equipment.
	if perTime, ok := cutPerTime(rest); ok && classBound(perTime) {
		return c, false
	}
	// "15分钟健身圈", "1小时经济圈": a name, not a duration to meet.
	if namedCircle(rest) {
		return c, false
	}
	if growth, ok := growthRate(q, pre); ok {
		// "比2023年增长一倍", "翻一番": growth over a base, a rate.
		q.Value, q.Unit, q.Chinese = growth, "%", false
		c.q = q
		return c, true
	}
	first, _ := utf8.DecodeRuneInString(rest)
	// "智慧教育未来学校50所": a plainly stated amount closing its clause
	// or its item ("高层次人才500名、青年人才2万名").
	closes := rest == "" || allFiller(rest) || isSeparatorRune(first) || first == '（' || first == '('
	if q.Chinese && !rateUnits[q.Unit] { // "百分之九十" is as plain as "90%"
		return c, r.chineseCommitment(c, pre, closes)
	}
	if q.Unit == "" && !q.Ratio && c.before == "" {
		return c, false // "8大", "2.0", "8300安置小区"
	}
	if c.before != "" || c.after != "" || rateUnits[q.Unit] || q.Ratio {
		return c, true
	}
	if flowVerbsSet.in(pre) || levelWordsSet.in(pre) {
		return c, true
	}
	if beneficiaryCount(pre, rest, q.Unit) {
		return c, true
	}
	return c, closes
}

// growthRate reads growth stated as a multiple, in percent: "增长一倍"
// is 100 %, "提高1.5倍" 150 %, "翻一番" 100 % and "翻两番" 300 % (each
// 番 doubles). A multiple after another word ("是全国平均的2倍") is no
// growth.
func growthRate(q cnnum.Quantity, pre string) (float64, bool) {
	p := strings.TrimRight(pre, " ")
	switch q.Unit {
	case "倍":
		for _, v := range [...]string{"增长", "提高", "增加", "提升", "扩大", "翻"} {
			if hasSuffixStr(p, v) {
				return q.Value * 100, true
			}
		}
	case "番":
		if hasSuffixStr(p, "翻") && q.Value >= 1 && q.Value <= 4 {
			return (math.Pow(2, q.Value) - 1) * 100, true
		}
	}
	return 0, false
}

// limitUnits are durations that, followed by 内, set a time limit.
var limitUnits = map[string]bool{
	"小时": true, "分钟": true, "天": true, "个工作日": true, "工作日": true, "个月": true,
	"秒": true, "个小时": true, "日": true,
}

// predicateSpan bounds, in bytes, how far before a number a comparator
// that opens its predicate is looked for: about fifteen characters.
const predicateSpan = 45

// openingComparator finds the comparator word that opens a predicate
// ending in "…的" + number: "不超过上年末存量的5%" is a ceiling of 5 %,
// "达到全国平均水平的90%" a floor. The words between are the base the
// number is a part of, with no number or separator of their own. Only
// words of two characters or more count: a lone 近 or 达 is too often a
// part of a word ("近三年", "不达标"). It returns "" and end when none.
func openingComparator(body string, from, end int) (string, int) {
	between := body[from:end]
	if !hasSuffixStr(strings.TrimRight(between, " "), "的") {
		return "", end
	}
	cmp, start := "", end
	for k := end - len("的"); k > from; k-- {
		if !utf8.RuneStart(body[k]) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(body[k:])
		if isSeparatorRune(r) || commitDigit(r) || r == '：' || r == ':' {
			break
		}
		if w, ws := cnnum.ComparatorBefore(body[:k], k); w != "" && k-ws >= 6 && ws >= from {
			cmp, start = w, ws
		}
	}
	return cmp, start
}

// countedWork reports whether a list closed by 等 and a count is the
// object of work to be done ("完成A河、B港等6条河道清淤", "改造A、B等3座
// 桥梁"), not a count of cited documents ("印发…等8个方案").
func countedWork(pre string) bool {
	p := strings.TrimSuffix(strings.TrimRight(pre, " "), "等")
	if containsAny(p, []string{"印发", "关于", "《", "》", "根据", "按照", "依据"}) {
		return false
	}
	return flowVerbsSet.in(p)
}

// consentThreshold reports the share of votes a decision needs ("改造方案
// 须经三分之二以上业主同意", "经业主大会三分之二以上表决通过"): a rule of
// procedure, not a result to reach.
func consentThreshold(pre, rest string) bool {
	if !containsStr(pre, "经") {
		return false
	}
	for _, w := range [...]string{"同意", "表决", "签字确认"} {
		if containsStr(rest, w) {
			return true
		}
	}
	return false
}

// capacityNouns name a parameter of a facility ("调蓄容积", "设计流量"):
// in parentheses after its name they describe it, they are not a goal.
var capacityNouns = [...]string{"容积", "库容", "流量", "装机容量", "处理能力", "管径", "直径", "功率", "扬程"}

// designParameter reports a figure describing a facility rather than a
// commitment: its words since the last separator open with 设计 ("设计
// 规模8万立方米/日", "（设计流量8立方米/秒）"), or inside parentheses end
// in a capacity noun ("滨河路调蓄池（调蓄容积2万立方米）").
func designParameter(pre string) bool {
	if !strings.Contains(pre, "设计") && !strings.Contains(pre, "（") && strings.IndexByte(pre, '(') < 0 {
		return false // most figures: no need to find the last separator
	}
	p := strings.TrimRight(pre, " ")
	seg, open := p, false
	if k := strings.LastIndexAny(p, "（(，,；;、：:"); k >= 0 {
		r, size := utf8.DecodeRuneInString(p[k:])
		seg, open = p[k+size:], r == '（' || r == '('
	}
	if hasPrefixStr(seg, "设计") && utf8.RuneCountInString(seg) <= 8 {
		return true
	}
	if !open {
		return false
	}
	for _, w := range capacityNouns {
		if hasSuffixStr(seg, w) {
			return true
		}
	}
	return false
}

// perHeadDuration reports a duration each person or item must serve or
// keep ("每人服务时间原则上不少于六个月", "每批次驻点期限不少于3天"): a
// condition of how the work is done, not a result to reach by a date.
// An average time to bring down ("平均候诊时间不超过二十分钟") has no 每.
func perHeadDuration(pre, unit string) bool {
	if !limitUnits[unit] && unit != "年" && unit != "周" && unit != "月" {
		return false
	}
	if !containsStr(pre, "每") {
		return false
	}
	p := strings.TrimRight(pre, " ")
	for _, w := range [...]string{"原则上", "一般", "均", "应"} {
		p = strings.TrimSuffix(p, w)
	}
	for _, w := range [...]string{"时间", "时长", "期限", "年限", "周期"} {
		if hasSuffixStr(p, w) {
			return true
		}
	}
	return false
}

// attributeNouns measure a place or a body; a threshold on one before 的
// names a class ("人口规模三万人以上的中心镇").
var attributeNouns = [...]string{"规模", "人口", "面积", "产值", "收入", "营收", "能耗", "户数", "人数", "用地", "投资", "投资额", "床位数", "资产"}

func attributeNoun(pre string) bool {
	p := strings.TrimRight(pre, " ")
	for _, w := range attributeNouns {
		if hasSuffixStr(p, w) {
			return true
		}
	}
	return false
}

// complianceStandard reports a figure quoted from a standard that is to
// be met or complied with: 满足/符合/执行 before it and "的（规划）要求",
// "的标准", "的规定" right after.
func complianceStandard(pre, rest string) bool {
	if !hasPrefixStr(rest, "的") {
		return false
	}
	standard := false
	for _, w := range [...]string{"的规划要求", "的要求", "的标准", "的规定", "的规范", "的设计要求"} {
		if hasPrefixStr(rest, w) {
			standard = true
			break
		}
	}
	return standard && (containsStr(pre, "满足") || containsStr(pre, "符合") || containsStr(pre, "执行"))
}

// floorSpan bounds how far back floorBeforeVerb looks: 至少, a verb of up
// to four characters, in UTF-8.
const floorSpan = (2 + 4) * 3

// floorBeforeVerb reports whether pre ends in "至少" or "最少" and a short
// verb: the floor is put before the verb ("至少储备1台移动泵车") rather
// than before the number ("储备不少于1台").
func floorBeforeVerb(pre string) bool {
	for _, w := range [...]string{"至少", "最少"} {
		k := strings.LastIndex(pre, w)
		if k < 0 {
			continue
		}
		verb := pre[k+len(w):]
		n := utf8.RuneCountInString(verb)
		if n < 1 || n > 4 {
			continue
		}
		ok := true
		for _, r := range verb {
			if !unicode.Is(unicode.Han, r) || cnnum.IsChineseNumeral(r) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// shareOfWhole reports a share named by 比重 or 占比 right before its
// comparator ("补助资金用于产业发展的比重不低于60%"): the part a whole
// gives to something, a level to reach even where the whole is a grant.
// 比例 is left out: "补助比例不超过50%" is the rate a grant pays.
func shareOfWhole(pre, before string) bool {
	if before == "" {
		return false
	}
	p := strings.TrimRight(pre, " ")
	return hasSuffixStr(p, "比重") || hasSuffixStr(p, "占比")
}

// beneficiaryCount reports a count of those a measure is done for, the
// number before its noun and the verb after: "为1000户特殊困难老年人
// 家庭实施适老化改造", "对500家企业开展诊断".
func beneficiaryCount(pre, rest, unit string) bool {
	if !countUnits[unit] {
		return false
	}
	p := strings.TrimRight(pre, " ")
	if !hasSuffixStr(p, "为") && !hasSuffixStr(p, "对") && !hasSuffixStr(p, "向") && !hasSuffixStr(p, "帮助") {
		return false
	}
	// The verb stands in the same clause, within a short noun phrase.
	if len(rest) > 30*3 {
		rest = rest[:30*3]
	}
	return flowVerbsSet.in(rest)
}

// cutPerTime cuts the "/小时" of a rating ("35蒸吨/小时") from the start
// of rest.
func cutPerTime(rest string) (string, bool) {
	for _, sl := range [...]string{"/", "／"} {
		if r, ok := strings.CutPrefix(rest, sl); ok {
			for _, w := range [...]string{"小时", "时", "天", "日", "年"} {
				if r2, ok := strings.CutPrefix(r, w); ok {
					return r2, true
				}
			}
		}
	}
	return rest, false
}

// classBound reports a bound followed by the noun it bounds: "及以下燃煤
// 锅炉", "以上机组".
func classBound(s string) bool {
	for _, w := range [...]string{"及以下", "及以上", "以下", "以上"} {
		if r, ok := strings.CutPrefix(s, w); ok {
			return startsWord(strings.TrimPrefix(r, "的"))
		}
	}
	return false
}

// classifierOf are the measure words that count the scope nouns
// themselves: "推动2家以上企业…" counts enterprises, it bounds none.
var classifierOf = map[string]bool{"家": true, "个": true, "所": true, "项": true, "户": true, "座": true, "处": true}

// scopeNouns name whom a threshold covers ("…以上企业").
var scopeNouns = [...]string{"企业", "单位", "项目", "园区", "用户", "工业企业", "用能单位", "重点用能单位", "机构", "学校", "医院", "规模企业"}

func scopeNoun(s string) bool {
	for _, w := range scopeNouns {
		if hasPrefixStr(s, w) {
			return true
		}
	}
	return false
}

// namedCircle reports a "…圈" name right after a number and its unit:
// "分钟健身圈", "小时生活圈" (the unit is already read, so rest opens
// with the noun before 圈).
func namedCircle(rest string) bool {
	n := 0
	for _, c := range rest {
		if c == '圈' {
			return n >= 1
		}
		if n >= 4 || !(c >= 0x4e00 && c <= 0x9fff) {
			return false
		}
		n++
	}
	return false
}

// chineseCommitment accepts a number in Chinese numerals only where it is
// plainly a quantity to reach: after a comparator ("超过五千亿"), or as the
// count of a commitment verb with a measure word ("建成三个中心"). Chinese
// digits are everywhere in words ("统一", "一批", "三级网络", "两个
// 100"), so the bar is higher than for Arabic digits.
//
// A compound numeral of ten or more with a measure word ("新增学位三千六百
// 个", "改造一百五十万平方米") is no word, though: it counts where an
// Arabic number would, closing its clause or after a verb of making.
func (r *commitReader) chineseCommitment(c candidate, pre string, closes bool) bool {
	q := c.q
	if c.before != "" {
		return q.Unit != "级" && q.Unit != "分"
	}
	// Below a hundred a verb further back is not enough: "推进十个方面
	// 工作" counts aspects of the work.
	if (countUnits[q.Unit] || sizeUnits[q.Unit]) && (q.Value >= 10 && closes ||
		q.Value >= 100 && (flowVerbsSet.in(pre) || levelWordsSet.in(pre))) {
		return true
	}
	// "建成县域医疗卫生次中心六个": a small count closing the clause whose
	// verb makes things is what the clause commits to.
	if countUnits[q.Unit] && q.Value >= 2 && closes && flowVerbsSet.in(pre) {
		return true
	}
	if q.Value < 2 || q.Unit == "" || !countUnits[q.Unit] {
		return false
	}
	for _, v := range flowVerbs {
		if hasSuffixStr(pre, v) {
			return true
		}
	}
	return false
}

// parallelItem reports a count listed after an accepted one of the same
// kind in the same clause, "完成十二个乡镇卫生院、三十个村卫生室改造":
// the second shares the verb of the first, so it is judged as the first
// was. Only the words of one item and a 、 stand between them.
func parallelItem(body string, prev, q cnnum.Quantity, cs int) bool {
	if prev.Start < cs || prev.Unit == "" || prev.Unit != q.Unit || prev.Chinese != q.Chinese || prev.End > q.Start {
		return false
	}
	between := body[prev.End:q.Start]
	if !hasSuffixStr(between, "、") || utf8.RuneCountInString(between) > 16 {
		return false
	}
	between = strings.TrimSuffix(between, "、")
	return !hasSeparator(between) && !containsDigit(between)
}

// perItem reports a per-item figure: "每部", "每户", "每人" just before
// the number.
func perItem(pre string) bool {
	p := strings.TrimRight(pre, " ")
	if p == "" {
		return false
	}
	_, size := utf8.DecodeLastRuneInString(p)
	return hasSuffixStr(p[:len(p)-size], "每")
}

func hasSeparator(s string) bool {
	for _, w := range [...]string{"、", "和", "及", "与", "并", "，", ",", "；", "或"} {
		if containsStr(s, w) {
			return true
		}
	}
	return false
}

func containsAny(s string, words []string) bool {
	for _, w := range words {
		if containsStr(s, w) {
			return true
		}
	}
	return false
}

// target builds the target of candidate c; segStart is where the text
// that may hold its subject starts (after the previous target), nextStart
// where the next candidate's number starts. It returns the target, where
// its text ends, and whether it is a further item of an enumeration with
// no words of its own ("、10%").
func (r *commitReader) target(segStart int, c candidate, nextStart int, last bool, marks []dateMark) (plan.Target, int, bool) {
	body := r.body
	q := c.q
	t := plan.Target{
		Comparator: cnnum.Combine(c.before, c.after),
		Value:      q.Value,
		Unit:       q.Unit,
	}
	deadline, dated := r.deadlineAt(q.Start, marks)
	t.Deadline = deadline
	// The subject: the words before the number, or when those are only a
	// verb ("建成2家…", "打造10个以上…"), the words after it.
	preStart := segStart
	first := sort.Search(len(marks), func(k int) bool { return marks[k].start >= segStart })
	for _, m := range marks[first:] {
		if m.end > c.cmpStart {
			break
		}
		// "3月底前新建成2家", "2024年起每年培训…": a date heading the
		// words is not the subject; a baseline inside them is
		// ("比2015年下降").
		if m.start >= preStart && m.end <= c.cmpStart && (m.deadline || allFiller(body[preStart:m.start])) {
			preStart = m.end
			for _, w := range [...]string{"起", "开始", "以后"} {
				if hasPrefixStr(body[preStart:c.cmpStart], w) {
					preStart += len(w)
				}
			}
		}
	}
	raw := body[preStart:c.cmpStart]
	if k := strings.LastIndex(raw, "、"); k >= 0 && containsDigit(raw[:k]) {
		// "推进10大工程、50个重点项目": the words before the 、 belong
		// to another item.
		raw = raw[k+len("、"):]
	}
	t.Cumulative = containsStr(body[segStart:c.cmpStart], "累计")
	verb, subject := cleanSubject(dropMeans(raw))
	quoteStart := skipLead(body, segStart, c.cmpStart)
	for quoteStart < c.cmpStart {
		ch, size := utf8.DecodeRuneInString(body[quoteStart:])
		if !isSeparatorRune(ch) {
			break
		}
		quoteStart += size
	}
	end := c.end
	enumerated := false
	post, postEnd := postSubject(body, c.end, nextStart, last)
	switch {
	case subject == "" && post != "":
		subject, end = verb+post, postEnd
	case subject == "" && r.label != "":
		subject = verb + cleanLabel(r.label)
	case subject == "" && verb == "":
		enumerated = true
		// "到2025年达到1200亿元" after "软件业务收入年均增长12%以上":
		// the figure is the sentence's previous subject's.
		if r.lastSubject != "" && !startsWithSeparator(body[segStart:c.cmpStart]) {
			subject, enumerated = levelOf(r.lastSubject), false
		}
	case subject == "" && r.lastSubject != "":
		// "建设人才公寓1000套，2024年6月底前交付500套".
		subject = levelOf(r.lastSubject)
		if !strings.HasPrefix(subject, verb) {
			subject = verb + subject
		}
	case subject == "":
		subject = verb
	case r.lastSubject != "" && post == "" && bareVerb(subject):
		subject += levelOf(r.lastSubject)
	case post != "" && (qualifierOnly(subject) || strings.Contains(subject, "、") && !last):
		// "完成首批24个小区管网改造": 首批 only qualifies what follows.
		subject, end = subject+post, postEnd
	case post != "" && commitEndsWithAny(subject, fundVerbs[:]):
		// "市财政每年安排不少于1亿元专项资金": the verb wants its object.
		subject, end = subject+post, postEnd
	case post != "" && strings.Contains(subject, "、") && last:
		// "启动老城、滨湖、火车站3个片区城市更新试点": the list names
		// the members of what is counted.
		subject, end = post, postEnd
	}
	if r.lastSubject != "" && changeOnly(subject) {
		// "数字经济规模突破1万亿元，年均增长15%以上": the growth of
		// the figure before.
		subject = levelOf(r.lastSubject) + subject
	}
	if (strings.HasPrefix(subject, "占") || strings.HasPrefix(subject, "比") || strings.HasPrefix(subject, "较")) && r.lastSubject != "" {
		// "增加值达到3000亿元以上，占地区生产总值比重达到10%".
		subject = levelOf(r.lastSubject) + subject
	}
	t.Subject = capSubject(subject)
	if quoteStart >= c.cmpStart && enumerated {
		quoteStart = q.Start
	}
	t.Quote = strings.TrimSpace(body[quoteStart:end])
	t.Kind = r.kind(t, c, body[segStart:c.cmpStart])
	if !dated {
		r.undated = append(r.undated, len(r.targets))
	}
	if t.Subject != "" {
		r.lastSubject = t.Subject
	}
	return t, end, enumerated
}

// levelOf drops a trailing rate of change from a subject ("软件业务收入
// 年均增长" → "软件业务收入") so that a level can borrow it.
func levelOf(subject string) string {
	for _, v := range newVerbs {
		// "累计达到8000个" after "新建5G基站2000个" counts 5G基站.
		if strings.HasPrefix(subject, v) && len(subject) > len(v) {
			subject = subject[len(v):]
			break
		}
	}
	for _, w := range [...]string{"年均增长", "年均下降", "同比增长", "同比下降", "增长", "下降", "分别"} {
		if strings.HasSuffix(subject, w) && len(subject) > len(w) {
			return strings.TrimSuffix(subject, w)
		}
	}
	return subject
}

func startsWithSeparator(s string) bool {
	c, _ := utf8.DecodeRuneInString(strings.TrimLeft(s, " "))
	return isSeparatorRune(c)
}

// qualifierWords qualify a count without naming what is counted.
var qualifierWords = [...]string{"首批", "第一批", "第二批", "新一批", "其中", "全部", "至少", "总共", "合计", "另", "再"}

func qualifierOnly(s string) bool {
	for _, w := range qualifierWords {
		if s == w {
			return true
		}
	}
	return utf8.RuneCountInString(s) < 2
}

func isSeparatorRune(c rune) bool {
	switch c {
	case '、', '和', '及', '与', '并', ' ', '，', ',':
		return true
	}
	return false
}

// postSubject reads the thing counted after the number ("10个以上5G示范
// 应用场景"): up to the next number, or to a separator that starts another
// item.
// postSubject reads the thing counted after the number ("10个以上5G示范
// 应用场景"): up to the next number, or, when another number follows in
// the clause, to the separator that starts its item. An attributive
// phrase ending in 的 is dropped ("具有核心竞争力的人工智能骨干企业" →
// "人工智能骨干企业").
func postSubject(body string, from, to int, last bool) (string, int) {
	s := body[from:to]
	if c, _ := utf8.DecodeRuneInString(s); isSeparatorRune(c) {
		return "", from // "15%、10%和26%": the item ends at its number
	}
	cut := len(s)
	depth := 0
	for i := 0; i < len(s); {
		c, size := utf8.DecodeRuneInString(s[i:])
		switch c {
		case '（', '(':
			depth++
		case '）', ')':
			if depth > 0 {
				depth--
			}
		}
		if depth == 0 && (c == '，' || c == ',' || c == '；') {
			cut = i
			break
		}
		if depth == 0 && !last && (c == '、' || (c == '和' || c == '及' || c == '并') && i > 0) {
			cut = i
			break
		}
		i += size
	}
	sub := strings.TrimSpace(s[:cut])
	if k := strings.LastIndex(sub, "的"); k >= 0 && utf8.RuneCountInString(sub[k+len("的"):]) >= 2 {
		sub = sub[k+len("的"):]
	}
	sub = strings.TrimPrefix(sub, "的")
	return sub, from + len(strings.TrimRight(s[:cut], " "))
}

// cleanSubject strips the words around a subject that are not the thing
// counted: scope ("全市"), resolve ("力争", "确保"), generic verbs ("完成",
// "建设", "打造"), connectors. Verbs that make the count a count of new
// things ("新增", "新建成") are kept, as they name the indicator. It
// returns the kept verb separately when nothing else is left.
func cleanSubject(s string) (verb, subject string) {
	s = strings.TrimSpace(s)
	for changed := true; changed && s != ""; {
		changed = false
		if startsWithAny(s, subjectLeadKeep[:]) {
			break
		}
		for _, w := range subjectLead {
			if hasPrefixStr(s, w) && len(s) > len(w) || s == w {
				s = strings.TrimSpace(s[len(w):])
				changed = true
				break
			}
		}
		if n := clauseItemNumber(s); n > 0 {
			s = s[n:]
			changed = true
		}
	}
	for changed := true; changed && s != ""; {
		changed = false
		// "施工许可办理时限压缩至不超过": a comparator word left before the
		// one that was read.
		if cmp, k := cnnum.ComparatorBefore(s, len(s)); cmp != "" && k > 0 {
			s = strings.TrimSpace(s[:k])
			changed = true
			continue
		}
		for _, w := range subjectTrail {
			if hasSuffixStr(s, w) {
				s = strings.TrimSpace(s[:len(s)-len(w)])
				changed = true
				break
			}
		}
	}
	for _, v := range newVerbs {
		if s == v {
			return v, ""
		}
	}
	return "", s
}

// cleanLabel turns "婴幼儿照护服务托位" (an item's heading before a colon)
// into a subject.
func cleanLabel(s string) string {
	_, sub := cleanSubject(s)
	return sub
}

// kind reads how the target's figure accumulates:
//   - rate: a percentage, per-mille or percentage points, a ratio, or a
//     subject naming a share or a per-head figure (率, 占比, 比重, 比例,
//     人均, 每千人, 浓度);
//   - stock: a level at the deadline: 累计, 总数, 总量, 规模, 保有量, or
//     reached with 达到/达/突破/超过 without a verb of making;
//   - flow: something new within the period: 新建, 新增, 建设, 建成, 打造,
//     培育, 引进, 创建, 完成, 开展, 实施 and their kin;
//
// a bare amount after one of these in the same sentence takes that one's
// kind ("创建…示范区县6个，智慧教育未来学校50所"); otherwise stock.
func (r *commitReader) kind(t plan.Target, c candidate, pre string) string {
	if rateUnits[t.Unit] || c.q.Ratio || rateWordsSet.in(t.Subject) {
		return plan.KindRate
	}
	if t.Cumulative || levelWordsSet.in(pre) || t.Comparator == cnnum.LE {
		// A ceiling ("审批时间压减至50个工作日以内") is a level too.
		return plan.KindStock
	}
	if flowVerbsSet.in(pre) {
		return plan.KindFlow
	}
	if c.before == "" && r.lastKind != "" {
		return r.lastKind
	}
	return plan.KindStock
}

func startsWithAny(s string, words []string) bool {
	for _, w := range words {
		if hasPrefixStr(s, w) {
			return true
		}
	}
	return false
}

// reckonedBasis reports "按投资额的10%": a share of something a payment is
// reckoned on.
func reckonedBasis(pre string) bool {
	return hasSuffixStr(pre, "的") && containsStr(pre, "按")
}

// meansWords open a phrase of means or scope before the real verb:
// "依托县现代农业产业园建设5G智慧农业示范基地".
var meansWords = [...]string{"依托", "围绕", "通过", "结合", "利用", "按照", "聚焦", "面向", "立足", "在全市", "在全县", "在全区", "在全省"}

// dropMeans cuts a leading phrase of means up to the last verb of making
// after it, keeping the verb for cleanSubject to judge.
func dropMeans(s string) string {
	t := strings.TrimSpace(s)
	if !startsWithAny(t, meansWords[:]) {
		return s
	}
	best := -1
	for _, v := range flowVerbs {
		if k := strings.LastIndex(t, v); k > best && k > 0 {
			best = k
		}
	}
	if best < 0 {
		return s
	}
	return t[best:]
}

// startsWord reports whether s starts with a Chinese character or letter,
// not with punctuation: the number runs on into a noun.
func startsWord(s string) bool {
	c, _ := utf8.DecodeRuneInString(s)
	return c >= 0x4e00 && c <= 0x9fff || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// changeOnly reports a subject that names only a rate of change.
func changeOnly(s string) bool {
	switch s {
	case "年均增长", "增长", "同比增长", "年均下降", "下降", "同比下降", "提高", "降低", "年均提高":
		return true
	}
	return false
}

func containsDigit(s string) bool {
	for _, c := range s {
		if commitDigit(c) {
			return true
		}
	}
	return false
}

// fundVerbs take the thing counted after the figure: "安排…1亿元专项资金",
// "每个乡镇建设1个综合养老服务中心".
var fundVerbs = [...]string{"安排", "投入", "筹集", "争取", "建设", "新建", "建成", "打造", "培育", "设立", "配备", "引进"}

func commitEndsWithAny(s string, words []string) bool {
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// bareVerb reports a subject that is only a verb ("交付", "完成").
func bareVerb(s string) bool {
	for _, v := range completionVerbs {
		if s == v {
			return true
		}
	}
	for _, v := range flowVerbs {
		if s == v {
			return true
		}
	}
	return false
}

// maxSubject bounds a subject, in characters; a longer run of words
// before a number is text that lost its punctuation, and the words
// nearest the number name it.
const maxSubject = 40

// capSubject keeps what follows the last space (a text that lost its line
// breaks runs items together with spaces) and at most maxSubject
// characters of it, those nearest the number.
func capSubject(s string) string {
	if k := strings.LastIndexAny(s, " \u3000"); k >= 0 && k+1 < len(s) {
		s = strings.TrimLeft(s[k:], " \u3000")
	}
	if n := utf8.RuneCountInString(s); n > maxSubject {
		r := []rune(s)
		s = string(r[n-maxSubject:])
	}
	return s
}

// pairedWords are words that name two things at once, as statistics pair
// them: "城乡居民人均可支配收入分别增长7%和8%".
var pairedWords = [...][3]string{{"城乡", "城镇", "农村"}, {"进出口", "进口", "出口"}, {"中小学", "中学", "小学"}}

// pairedSubjects splits a subject holding one of pairedWords in two.
func pairedSubjects(s string) []string {
	s = strings.ReplaceAll(s, "分别", "")
	for _, p := range pairedWords {
		if strings.Contains(s, p[0]) {
			return []string{strings.Replace(s, p[0], p[1], 1), strings.Replace(s, p[0], p[2], 1)}
		}
	}
	return nil
}

// wordSet finds whether a text holds any of its words in one pass over the
// text: a bitset of the words' first characters (over the Basic
// Multilingual Plane) rules out most positions, and only the words that
// start with the character found are compared. containsAny searches the
// whole text once per word, which for the longer lists read on every
// clause cost more than the rest of the clause's reading.
type wordSet struct {
	lead   [1 << 16 / 64]uint64
	byLead map[rune][]string
	other  []string // words starting outside the BMP
}

func newWordSet(words ...string) *wordSet {
	s := &wordSet{byLead: make(map[rune][]string)}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if r >= 1<<16 {
			s.other = append(s.other, w)
			continue
		}
		s.lead[r>>6] |= 1 << (r & 63)
		s.byLead[r] = append(s.byLead[r], w)
	}
	return s
}

// in reports whether text contains any word of s.
func (s *wordSet) in(text string) bool {
	for i, c := range text {
		if c >= 1<<16 || s.lead[c>>6]&(1<<(c&63)) == 0 {
			continue
		}
		for _, w := range s.byLead[c] {
			if strings.HasPrefix(text[i:], w) {
				return true
			}
		}
	}
	return len(s.other) > 0 && containsAny(text, s.other)
}
