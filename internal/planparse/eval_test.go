package planparse_test

// The evaluation runs the parser on plans read by hand (the eight real
// openings in ../shared/plans/dev, the plans in testdata/plans and the
// Changsha plan) and scores it against those readings. It prints one row
// per plan with `go test -run Eval -v ./internal/planparse/` and fails when
// a total falls below the floors in evalFloors.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"text/tabwriter"
	"unicode"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/width"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/planparse"
)

// sharedPlans is where CI puts the shared folder: beside the repository.
const sharedPlans = "../../../shared/plans"

// gold is a hand reading of one plan, in the format of the dev golds.
type gold struct {
	File             string               `json:"file"`
	MetadataAccept   map[string][]*string `json:"metadata_accept"`
	Targets          []goldTarget         `json:"targets"`
	NonTargets       []goldNonTarget      `json:"non_targets"`
	Responsibilities []goldResp           `json:"responsibilities"`
	UnitAliases      map[string][]string  `json:"unit_aliases"`
	OptionalUnits    []string             `json:"optional_units"`
	Milestones       []goldMilestone      `json:"milestones"`

	meta     map[string]*string         // metadata fields present in the file (nil value: gold null)
	accept   map[string]map[string]bool // normalised accepted values per field
	alias    map[string]string          // normalised alias -> normalised gold unit
	optional map[string]bool            // normalised units that may be present or not
}

type goldTarget struct {
	Subject    string    `json:"subject"`
	Comparator string    `json:"comparator"`
	Value      float64   `json:"value"`
	Unit       string    `json:"unit"`
	Deadline   plan.Date `json:"deadline"`
	Cumulative bool      `json:"cumulative"`
	Quote      string    `json:"quote"`
}

type goldNonTarget struct {
	Quote  string    `json:"quote"`
	Why    string    `json:"why"`
	Values []float64 `json:"values"`
}

type goldResp struct {
	Section       string   `json:"section"`
	SectionTitle  string   `json:"section_title"`
	Quote         string   `json:"quote"`
	LeadUnits     []string `json:"lead_units"`
	CoUnits       []string `json:"co_units"`
	RoleAmbiguous bool     `json:"role_ambiguous"`
}

type goldMilestone struct {
	Quote    string    `json:"quote"`
	Deadline plan.Date `json:"deadline"`
}

// metaFields are the plan fields a gold may state; a field absent from a
// gold file is not scored.
var metaFields = []string{"title", "doc_number", "issuer", "issued", "effective_from", "effective_to"}

func loadGold(t testing.TB, path string) *gold {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read gold: %v", err)
	}
	g := &gold{}
	if err := json.Unmarshal(b, g); err != nil {
		t.Fatalf("gold %s: %v", path, err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatalf("gold %s: %v", path, err)
	}
	g.meta = map[string]*string{}
	for _, f := range metaFields {
		raw, ok := raw[f]
		if !ok {
			continue
		}
		var v *string
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatalf("gold %s field %s: %v", path, f, err)
		}
		g.meta[f] = v
	}
	g.accept = map[string]map[string]bool{}
	for f, vs := range g.MetadataAccept {
		g.accept[f] = map[string]bool{}
		for _, v := range vs {
			s := ""
			if v != nil {
				s = *v
			}
			g.accept[f][norm(s)] = true
		}
	}
	g.alias = map[string]string{}
	for unit, as := range g.UnitAliases {
		for _, a := range as {
			g.alias[norm(a)] = norm(unit)
		}
	}
	g.optional = map[string]bool{}
	for _, u := range append(g.OptionalUnits, devOptionalUnits[filepath.Base(path)]...) {
		g.optional[norm(u)] = true
	}
	return g
}

// devOptionalUnits adds optional units to dev golds, which are shared and
// not ours to edit: units of a "以下…均需…落实，不再列出" clause, which a
// reader may or may not list on the tasks that follow it.
var devOptionalUnits = map[string][]string{
	"30_chaozhou_lantianbaoweizhan_2019.gold.json": {"各县", "区人民政府(管委会)"},
}

// norm folds full-width forms to ASCII and drops all white space, so that
// "（一）" equals "(一)" and the PDF spaces in "濮政办〔 2020〕38号" vanish.
func norm(s string) string {
	s = width.Fold.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// evalCase is one plan text with its hand reading.
type evalCase struct {
	name, text, gold string
	group            string // "dev", "own" or "changsha"
}

// evalCases lists every plan with a gold; the shared ones only when the
// shared folder is there.
func evalCases(t testing.TB) []evalCase {
	var cs []evalCase
	dev, _ := filepath.Glob(filepath.Join(sharedPlans, "dev", "*.gold.json"))
	for _, g := range dev {
		base := strings.TrimSuffix(filepath.Base(g), ".gold.json")
		cs = append(cs, evalCase{name: base, text: strings.TrimSuffix(g, ".gold.json") + ".txt", gold: g, group: "dev"})
	}
	own, err := filepath.Glob("testdata/plans/*.gold.json")
	if err != nil || len(own) == 0 {
		t.Fatalf("no golds in testdata/plans (%v)", err)
	}
	// testdata/holdout holds plans that were kept from the parser's
	// authors until they were measured: their first scores are the honest
	// estimate of how the parser does on plans it has not seen.
	held, _ := filepath.Glob("testdata/holdout/*.gold.json")
	for group, golds := range map[string][]string{"own": own, "holdout": held} {
		for _, g := range golds {
			base := strings.TrimSuffix(filepath.Base(g), ".gold.json")
			cs = append(cs, evalCase{name: base, text: strings.TrimSuffix(g, ".gold.json") + ".txt", gold: g, group: group})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return groupOrder[cs[i].group] < groupOrder[cs[j].group] })
	if _, err := os.Stat(changshaText); err == nil {
		cs = append(cs, evalCase{name: "changsha_xinjijian_2020", text: changshaText, gold: "testdata/changsha.gold.json", group: "changsha"})
	} else {
		t.Logf("shared plans not found beside the repository (%v): the dev plans and Changsha are not scored", err)
	}
	return cs
}

const changshaText = sharedPlans + "/changsha_xinjijian_2020.txt"

var groupOrder = map[string]int{"dev": 0, "own": 1, "holdout": 2, "changsha": 3}

// readPlanText returns the bytes of a plan file; the dev files open with
// up to four "# " lines recording their source, which are not document text.
func readPlanText(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read plan: %v", err)
	}
	for i := 0; i < 4 && bytes.HasPrefix(b, []byte("# ")); i++ {
		nl := bytes.IndexByte(b, '\n')
		if nl < 0 {
			return nil
		}
		b = b[nl+1:]
	}
	return b
}

// planInput is what the parser is given for a plan file: its text, or for
// a file named *_gbk_* the text encoded as GBK and for *_docx_* a .docx
// holding the text, as offices still save plans.
func planInput(t testing.TB, path string) []byte {
	t.Helper()
	b := readPlanText(t, path)
	base := filepath.Base(path)
	switch {
	case strings.Contains(base, "_docx_"):
		return docxOf(t, string(b))
	case strings.Contains(base, "_gbk_"):
		gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(b)
		if err != nil {
			t.Fatalf("encode %s as GBK: %v", path, err)
		}
		if bytes.Equal(gbk, b) {
			t.Fatalf("%s: GBK encoding changed nothing; the plan tests no decoding", path)
		}
		return gbk
	}
	return b
}

// score is what one plan earned; the fields add up across plans.
type score struct {
	metaOK, metaN            int
	gold, parsed, matched    int // targets
	nonTargetHits            int // parser targets on a number the gold calls a non-target
	resp, lead, co, respBoth int
	ms, msFound              int
	misses, falsePos         []string
	respMisses, msMisses     []string
}

func (s *score) add(o score) {
	s.metaOK += o.metaOK
	s.metaN += o.metaN
	s.gold += o.gold
	s.parsed += o.parsed
	s.matched += o.matched
	s.nonTargetHits += o.nonTargetHits
	s.resp += o.resp
	s.lead += o.lead
	s.co += o.co
	s.respBoth += o.respBoth
	s.ms += o.ms
	s.msFound += o.msFound
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

func (s score) precision() float64 { return ratio(s.matched, s.parsed) }
func (s score) recall() float64    { return ratio(s.matched, s.gold) }
func (s score) respAcc() float64   { return ratio(s.respBoth, s.resp) }
func (s score) msRecall() float64  { return ratio(s.msFound, s.ms) }
func (s score) metaAcc() float64   { return ratio(s.metaOK, s.metaN) }

// evaluate scores p against g.
func evaluate(p *plan.Plan, g *gold) score {
	var s score
	got := map[string]string{
		"title": p.Title, "doc_number": p.DocNumber, "issuer": p.Issuer,
		"issued": string(p.Issued), "effective_from": string(p.EffectiveFrom), "effective_to": string(p.EffectiveTo),
	}
	for _, f := range metaFields {
		want, ok := g.meta[f]
		if !ok {
			continue
		}
		s.metaN++
		w := ""
		if want != nil {
			w = *want
		}
		if norm(got[f]) == norm(w) || g.accept[f][norm(got[f])] {
			s.metaOK++
		} else {
			s.misses = append(s.misses, fmt.Sprintf("meta %s: got %q, want %q", f, got[f], w))
		}
	}

	var targets []plan.Target
	var milestones []plan.Milestone
	var sections []*plan.Section
	p.Walk(func(sec *plan.Section) {
		targets = append(targets, sec.Targets...)
		milestones = append(milestones, sec.Milestones...)
		sections = append(sections, sec)
	})
	scoreTargets(&s, targets, g)
	scoreResponsibilities(&s, sections, g)
	s.ms = len(g.Milestones)
	for _, m := range g.Milestones {
		found := false
		for _, pm := range milestones {
			q := pm.Quote
			if q == "" {
				q = pm.Text
			}
			if pm.Deadline == m.Deadline && overlaps(q, m.Quote, 6) {
				found = true
				break
			}
		}
		if found {
			s.msFound++
		} else {
			s.msMisses = append(s.msMisses, fmt.Sprintf("milestone %s %q", m.Deadline, m.Quote))
		}
	}
	return s
}

func scoreTargets(s *score, targets []plan.Target, g *gold) {
	s.gold = len(g.Targets)
	s.parsed = len(targets)
	used := make([]bool, len(targets))
	for _, gt := range g.Targets {
		hit := -1
		for i, pt := range targets {
			if !used[i] && targetMatches(gt, pt) {
				hit = i
				break
			}
		}
		if hit >= 0 {
			used[hit] = true
			s.matched++
			continue
		}
		s.misses = append(s.misses, "missed "+describeGold(gt)+nearest(gt, targets, used))
	}
	for i, pt := range targets {
		if used[i] {
			continue
		}
		s.falsePos = append(s.falsePos, "extra  "+describe(pt))
		for _, nt := range g.NonTargets {
			if overlaps(pt.Quote, nt.Quote, 4) && containsValue(nt.Values, pt.Value) {
				s.nonTargetHits++
				break
			}
		}
	}
}

// targetMatches is the scoring rule: same comparator, value, unit and
// deadline (a gold without a deadline accepts any), and quotes that share
// at least four characters, so a figure read from elsewhere does not count.
func targetMatches(g goldTarget, p plan.Target) bool {
	return g.Comparator == p.Comparator && sameValue(g.Value, p.Value) &&
		norm(g.Unit) == norm(p.Unit) &&
		(g.Deadline.IsZero() || g.Deadline == p.Deadline) &&
		overlaps(g.Quote, p.Quote, 4)
}

func sameValue(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(a))
}

func containsValue(vs []float64, v float64) bool {
	for _, x := range vs {
		if sameValue(x, v) {
			return true
		}
	}
	return false
}

// nearest explains a miss: the unused parser target with an overlapping
// quote, preferably with the same value, shows which field was wrong.
func nearest(g goldTarget, ts []plan.Target, used []bool) string {
	best := -1
	for i, t := range ts {
		if used[i] || !overlaps(g.Quote, t.Quote, 4) {
			continue
		}
		if sameValue(g.Value, t.Value) {
			best = i
			break
		}
		if best < 0 {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return "\n         nearest " + describe(ts[best])
}

func describeGold(t goldTarget) string {
	return fmt.Sprintf("%s %v %q by %s (%q)", t.Comparator, t.Value, t.Unit, dateOrNone(t.Deadline), t.Quote)
}

func describe(t plan.Target) string {
	return fmt.Sprintf("%s %v %q by %s (%q)", t.Comparator, t.Value, t.Unit, dateOrNone(t.Deadline), t.Quote)
}

func dateOrNone(d plan.Date) string {
	if d.IsZero() {
		return "none"
	}
	return string(d)
}

// overlaps reports whether a and b (normalised) share a run of at least
// min(n, len) characters, len being the shorter one's length.
func overlaps(a, b string, n int) bool {
	ra, rb := []rune(norm(a)), []rune(norm(b))
	if len(ra) == 0 || len(rb) == 0 {
		return false
	}
	need := min(n, len(ra), len(rb))
	return longestCommon(ra, rb) >= need
}

func longestCommon(a, b []rune) int {
	best := 0
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			if a[i-1] == b[j-1] {
				cur[j] = prev[j-1] + 1
				best = max(best, cur[j])
			} else {
				cur[j] = 0
			}
		}
		prev, cur = cur, prev
	}
	return best
}

// unitSet maps the units a parser gave to the gold's spellings: aliases
// become the unit they stand for (and an unsplit alias such as
// "各县、区人民政府(管委会)" also stands for the gold units it contains);
// optional units are dropped.
func unitSet(units []string, g *gold, goldUnits []string) map[string]bool {
	set := map[string]bool{}
	for _, u := range units {
		n := norm(u)
		if g.optional[n] {
			continue
		}
		if to, ok := g.alias[n]; ok {
			set[to] = true
			for _, gu := range goldUnits {
				if gn := norm(gu); gn != to && strings.Contains(n, gn) {
					set[gn] = true
				}
			}
			continue
		}
		set[n] = true
	}
	return set
}

func goldSet(units []string) map[string]bool {
	set := map[string]bool{}
	for _, u := range units {
		set[norm(u)] = true
	}
	return set
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func union(a, b map[string]bool) map[string]bool {
	u := map[string]bool{}
	for k := range a {
		u[k] = true
	}
	for k := range b {
		u[k] = true
	}
	return u
}

// respResult compares one section's units with one gold note.
func respResult(sec *plan.Section, r goldResp, g *gold) (lead, co bool) {
	all := append(append([]string{}, r.LeadUnits...), r.CoUnits...)
	gl, gc := goldSet(r.LeadUnits), goldSet(r.CoUnits)
	// An optional unit counts on neither side, whether the gold lists it
	// or not.
	for u := range g.optional {
		delete(gl, u)
		delete(gc, u)
	}
	pl, pc := unitSet(sec.LeadUnits, g, all), unitSet(sec.CoUnits, g, all)
	if r.RoleAmbiguous {
		ok := sameSet(union(pl, pc), union(gl, gc))
		return ok, ok
	}
	return sameSet(pl, gl), sameSet(pc, gc)
}

// sectionFor finds the section a gold note belongs to: by positional ID
// when its title agrees, else by title.
func sectionFor(sections []*plan.Section, r goldResp) *plan.Section {
	title := norm(r.SectionTitle)
	titled := func(s *plan.Section) bool {
		t := norm(s.Title)
		return t != "" && (strings.Contains(t, title) || strings.Contains(title, t))
	}
	for _, s := range sections {
		if s.ID == r.Section && (title == "" || titled(s)) {
			return s
		}
	}
	if title == "" {
		return nil
	}
	for _, s := range sections {
		if titled(s) {
			return s
		}
	}
	return nil
}

func scoreResponsibilities(s *score, sections []*plan.Section, g *gold) {
	s.resp = len(g.Responsibilities)
	used := map[*plan.Section]bool{}
	for _, r := range g.Responsibilities {
		var sec *plan.Section
		if r.Section != "" || r.SectionTitle != "" {
			sec = sectionFor(sections, r)
		} else {
			// The dev golds do not say which section a note belongs to:
			// take the unused section whose units agree best.
			best := -1
			for _, c := range sections {
				if used[c] || len(c.LeadUnits)+len(c.CoUnits) == 0 {
					continue
				}
				l, co := respResult(c, r, g)
				sc := b2i(l) + b2i(co)
				if sc > best {
					best, sec = sc, c
				}
			}
		}
		if sec == nil {
			s.respMisses = append(s.respMisses, fmt.Sprintf("note %s %s: no section found", r.Section, r.SectionTitle))
			continue
		}
		used[sec] = true
		l, co := respResult(sec, r, g)
		s.lead += b2i(l)
		s.co += b2i(co)
		if l && co {
			s.respBoth++
			continue
		}
		s.respMisses = append(s.respMisses, fmt.Sprintf("note %s %s: got lead %v co %v, want lead %v co %v",
			sec.ID, r.SectionTitle, sec.LeadUnits, sec.CoUnits, r.LeadUnits, r.CoUnits))
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// evalFloors are the totals the parser must keep, set a little below the
// numbers measured when they were last raised (see git log of this file);
// a drop below any of them is a regression. The holdout group has no
// floors: its plans measure, they are not something to tune against.
var evalFloors = map[string]struct{ targetP, targetR, resp, milestone, meta float64 }{
	"dev":      {targetP: 0.95, targetR: 0.95, resp: 0.90, milestone: 0.90, meta: 0.95},
	"own":      {targetP: 0.95, targetR: 0.95, resp: 0.95, milestone: 0.90, meta: 0.95},
	"changsha": {targetP: 0.90, targetR: 1.00, resp: 1.00, milestone: 1.00, meta: 1.00},
}

func TestEval(t *testing.T) {
	cases := evalCases(t)
	totals := map[string]*score{}
	var tab bytes.Buffer
	w := tabwriter.NewWriter(&tab, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "plan\tmeta\ttargets gold\tparsed\tmatched\tP\tR\tnon-target hits\tnotes ok\tlead ok\tco ok\tmilestones\t")
	row := func(name string, s score) {
		fmt.Fprintf(w, "%s\t%d/%d\t%d\t%d\t%d\t%s\t%s\t%d\t%d/%d\t%d\t%d\t%d/%d\t\n", name, s.metaOK, s.metaN,
			s.gold, s.parsed, s.matched, pct(s.precision()), pct(s.recall()), s.nonTargetHits,
			s.respBoth, s.resp, s.lead, s.co, s.msFound, s.ms)
	}
	for _, c := range cases {
		g := loadGold(t, c.gold)
		p, err := planparse.Parse(filepath.Base(c.text), planInput(t, c.text))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		s := evaluate(p, g)
		row(c.name, s)
		if totals[c.group] == nil {
			totals[c.group] = &score{}
		}
		totals[c.group].add(s)
		var detail []string
		detail = append(detail, s.misses...)
		detail = append(detail, s.falsePos...)
		detail = append(detail, s.respMisses...)
		detail = append(detail, s.msMisses...)
		if len(detail) > 0 {
			t.Logf("%s:\n  %s", c.name, strings.Join(detail, "\n  "))
		}
	}
	groups := make([]string, 0, len(totals))
	for k := range totals {
		groups = append(groups, k)
	}
	sort.Strings(groups)
	for _, k := range groups {
		row("TOTAL "+k, *totals[k])
	}
	w.Flush()
	t.Logf("scores (P/R = target precision/recall; a target matches on comparator, value, unit, deadline and quote):\n%s", tab.String())

	for _, k := range groups {
		s, f := totals[k], evalFloors[k]
		check := func(what string, got, floor float64) {
			if !math.IsNaN(got) && got < floor {
				t.Errorf("%s: %s %.3f below floor %.3f", k, what, got, floor)
			}
		}
		check("target precision", s.precision(), f.targetP)
		check("target recall", s.recall(), f.targetR)
		check("responsibility accuracy", s.respAcc(), f.resp)
		check("milestone recall", s.msRecall(), f.milestone)
		check("metadata accuracy", s.metaAcc(), f.meta)
	}
}

func pct(f float64) string {
	if math.IsNaN(f) {
		return "-"
	}
	return fmt.Sprintf("%.0f%%", 100*f)
}

// TestGoldsQuoteTheirTexts keeps the hand readings honest: every quote a
// gold cites is in its text (white space and character width aside).
func TestGoldsQuoteTheirTexts(t *testing.T) {
	for _, c := range evalCases(t) {
		g := loadGold(t, c.gold)
		text := norm(string(readPlanText(t, c.text)))
		var quotes []string
		for _, x := range g.Targets {
			quotes = append(quotes, x.Quote)
		}
		for _, x := range g.NonTargets {
			quotes = append(quotes, x.Quote)
		}
		for _, x := range g.Milestones {
			quotes = append(quotes, x.Quote)
		}
		for _, x := range g.Responsibilities {
			quotes = append(quotes, x.Quote)
		}
		for _, q := range quotes {
			if !strings.Contains(text, norm(q)) {
				t.Errorf("%s: quote %q is not in %s", c.gold, q, c.text)
			}
		}
	}
}

// TestScoringRules pins the scorer's rules, so that a change to them shows
// up here and not as a silent change of the numbers.
func TestScoringRules(t *testing.T) {
	gt := goldTarget{Comparator: ">=", Value: 40000, Unit: "个", Deadline: "2022-12-31", Quote: "新建5G基站4万个以上"}
	pt := plan.Target{Comparator: ">=", Value: 40000, Unit: "个", Deadline: "2022-12-31", Quote: "新建5G基站4万个以上"}
	if !targetMatches(gt, pt) {
		t.Error("identical target does not match")
	}
	for name, mutate := range map[string]func(*plan.Target){
		"comparator": func(p *plan.Target) { p.Comparator = ">" },
		"value":      func(p *plan.Target) { p.Value = 4 },
		"unit":       func(p *plan.Target) { p.Unit = "座" },
		"deadline":   func(p *plan.Target) { p.Deadline = "2021-12-31" },
		"quote":      func(p *plan.Target) { p.Quote = "培育20家以上" },
	} {
		p := pt
		mutate(&p)
		if targetMatches(gt, p) {
			t.Errorf("a target with another %s matches", name)
		}
	}
	open := gt
	open.Deadline = ""
	if !targetMatches(open, pt) {
		t.Error("a gold target without deadline should accept any deadline")
	}
	wide := pt
	wide.Quote = "新建５Ｇ基站４万个以上"
	if !targetMatches(gt, wide) {
		t.Error("full-width and ASCII forms of one quote should overlap")
	}

	g := &gold{
		alias:    map[string]string{norm("各县、区人民政府(管委会)"): norm("各县")},
		optional: map[string]bool{norm("各区县（市）政府"): true},
	}
	r := goldResp{LeadUnits: []string{"市生态环境局"}, CoUnits: []string{"各县", "区人民政府(管委会)", "各区县（市）政府"}}
	for _, co := range [][]string{
		{"各县", "区人民政府(管委会)"},
		{"各县、区人民政府（管委会）"},
		{"各县", "区人民政府(管委会)", "各区县(市)政府"},
	} {
		lead, coOK := respResult(&plan.Section{LeadUnits: []string{"市生态环境局"}, CoUnits: co}, r, g)
		if !lead || !coOK {
			t.Errorf("co-units %q should match %q (aliases, optional units)", co, r.CoUnits)
		}
	}
	if _, coOK := respResult(&plan.Section{LeadUnits: []string{"市生态环境局"}, CoUnits: []string{"各县"}}, r, g); coOK {
		t.Error("a missing co-unit is not noticed")
	}
	amb := goldResp{LeadUnits: []string{"县发改局"}, CoUnits: []string{"县统计局"}, RoleAmbiguous: true}
	if l, c := respResult(&plan.Section{LeadUnits: []string{"县统计局"}, CoUnits: []string{"县发改局"}}, amb, g); !l || !c {
		t.Error("role_ambiguous should accept the roles swapped")
	}
}
