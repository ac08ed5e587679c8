package web_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/web"
)

// The accessibility test runs axe-core (npm devDependency, never embedded)
// in every dashboard page, the way a GB/T 37668-2019 / WCAG 2.0 AA audit
// would: both languages, the office's 1280 px screens and a 390 px phone,
// anonymous and signed in as admin.

// axeSource reads axe.min.js from node_modules at the repository root. It
// skips when npm ci has not run, unless PLANWATCH_REQUIRE_BROWSER=1.
func axeSource(t *testing.T) string {
	t.Helper()
	path := filepath.Join("..", "..", "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		if os.Getenv("PLANWATCH_REQUIRE_BROWSER") == "1" {
			t.Fatalf("%s missing and PLANWATCH_REQUIRE_BROWSER=1; run npm ci at the repository root", path)
		}
		t.Skipf("%s missing; run npm ci at the repository root to check accessibility", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// axeViolation is the part of an axe result a reader needs to find and fix
// the problem.
type axeViolation struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	Nodes  []axeNode `json:"nodes"`
}

type axeNode struct {
	Target  string `json:"target"`
	Summary string `json:"summary"`
}

// axeRun is the audit: WCAG 2.0/2.1 level A and AA rules only, which is
// what GB/T 37668-2019 asks of government sites. Results are trimmed in the
// page so only what the report prints crosses the DevTools connection.
const axeRun = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || '', help: v.help,
	nodes: v.nodes.map(n => ({target: n.target.map(String).join(' '), summary: (n.failureSummary || '').replace(/\s+/g, ' ').trim()}))
})))`

// audit injects axe into the current page and returns its violations.
func audit(t *testing.T, ctx context.Context, axeJS string) []axeViolation {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if _, err := chromedp.Run(c, chromedp.Evaluate[bool](axeJS+";\ntypeof axe === 'object'")); err != nil {
		t.Fatalf("inject axe-core: %v", err)
	}
	v, err := chromedp.Run(c, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe-core: %v", err)
	}
	return v
}

// describe lists violations one node a line: rule, impact, selector, what
// axe says is wrong.
func describe(vs []axeViolation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "\n  %s (%s): %s", v.ID, v.Impact, v.Help)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n    %s\n      %s", n.Target, n.Summary)
		}
	}
	return b.String()
}

// unmarkedChineseJS lists the elements whose Chinese text (or label, title
// or field value) has no lang="zh…" around it. On the English dashboard
// plan titles, units, quotes and the engine's explanations stay Chinese;
// without the mark a screen reader set to English spells them out as
// unknown characters or skips them (WCAG 3.1.2 Language of Parts, AA),
// and axe does not look at languages of parts.
const unmarkedChineseJS = `(() => {
	const han = /\p{Script=Han}/u, out = [], seen = new Set();
	const zh = el => { const l = el.closest('[lang]'); return l && l.lang.toLowerCase().startsWith('zh'); };
	const name = el => {
		const parts = [];
		for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
			parts.unshift(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.classList.length ? '.' + [...e.classList].join('.') : ''));
		}
		return parts.join(' > ');
	};
	const flag = (el, what, text) => {
		if (seen.has(el) || zh(el)) return;
		seen.add(el);
		out.push(name(el) + ' ' + what + ': ' + text.trim().replace(/\s+/g, ' ').slice(0, 40));
	};
	const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		const el = n.parentElement;
		if (el && !el.closest('script, style') && han.test(n.data)) flag(el, 'text', n.data);
	}
	for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], input:not([type=hidden])')) {
		for (const a of ['aria-label', 'title', 'placeholder']) {
			const v = el.getAttribute(a);
			if (v && han.test(v)) flag(el, a, v);
		}
		// A search box holds the reader's own words, in whatever language
		// they typed them.
		if (el.tagName === 'INPUT' && el.type !== 'search' && han.test(el.value)) flag(el, 'value', el.value);
	}
	return out;
})()`

// langGaps are unmarked Chinese texts this package cannot fix, each reported
// to the lead with its owner; delete an entry once it is fixed, and the test
// holds the fix. A gap matches a page by name and a finding by substring
// ("" matches every finding on the page).
var langGaps = []struct{ page, finding, why string }{
	{"import", "p.hint text: E.g. 长沙市", "the message import.scope.hint (i18n.go) quotes 长沙市 inside the English sentence"},
}

// withoutGaps drops the findings langGaps explains.
func withoutGaps(page string, found []string) []string {
	var out []string
next:
	for _, f := range found {
		for _, g := range langGaps {
			if g.page == page && strings.Contains(f, g.finding) {
				continue next
			}
		}
		out = append(out, f)
	}
	return out
}

// a11yPage is one page to audit: how to reach it and when it is ready.
type a11yPage struct {
	name string
	path string
	only string // "admin" or "anonymous" to audit it as that reader only
	// then runs after the page has loaded, e.g. submitting its form to
	// audit the page in its error or preview state.
	then  []chromedp.Action[chromedp.Void]
	ready string // CSS selector visible once the page is ready; "main h1" if empty
	chart bool   // wait for the ECharts canvas, so axe sees the drawn page
}

// importSample is the opening of the Changsha plan: enough for the import
// preview to mark units, targets, milestones and deadlines.
func importSample(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "plans", "changsha_xinjijian_2020.txt"))
	if errors.Is(err, os.ErrNotExist) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if len(s) > 9000 {
		s = s[:strings.LastIndexByte(s[:9000], '\n')]
	}
	return s
}

func TestAccessibilityAxe(t *testing.T) {
	ctx := newBrowser(t)
	axeJS := axeSource(t)
	e := newEnv(t, true)
	tr := reportable(t, e, "市工业和信息化局", true)
	p := fmt.Sprintf("/plans/%d", e.planID)
	target := p + "/targets/" + tr.Target.ID
	pages := []a11yPage{
		{name: "plans", path: "/"},
		{name: "overview", path: p, chart: true},
		{name: "tree", path: p + "/tree"},
		{name: "target", path: target, chart: true},
		{name: "unit", path: "/units/" + url.PathEscape("市工业和信息化局")},
		{name: "ledger", path: p + "/ledger"},
		{name: "deadlines", path: p + "/deadlines"},
		{name: "matrix", path: p + "/matrix"},
		{name: "search", path: "/search?q=" + url.QueryEscape("基站")},
		// An ASCII query: the "nothing found for %s" sentence quotes the
		// query inside the page's language, which no template can mark.
		{name: "search-nothing", path: "/search?q=nosuchword"},
		{name: "import", path: "/import"},
		{name: "login", path: "/login"},
		// Anonymous only: a refused login must not sign the admin out.
		{name: "login-refused", path: "/login", only: "anonymous", then: []chromedp.Action[chromedp.Void]{
			chromedp.SendKeys(chromedp.CSS("#token"), "not-a-token"),
			chromedp.Click(chromedp.CSS("main form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("#token-err")),
		}},
		{name: "not-found", path: "/no-such-page"},
		{name: "report", path: target + "/report", only: "admin"},
		{name: "report-errors", path: target + "/report", only: "admin", then: []chromedp.Action[chromedp.Void]{
			chromedp.Click(chromedp.CSS("main form button[type=submit]")),
			chromedp.WaitVisible(chromedp.CSS("#value-err")),
		}},
		{name: "admin", path: "/admin", only: "admin"},
	}
	if src := importSample(t); src != "" {
		pages = append(pages, a11yPage{name: "import-preview", path: "/import", only: "admin", ready: "pre.src", then: []chromedp.Action[chromedp.Void]{
			chromedp.SetValue(chromedp.CSS("#source"), src),
			chromedp.Click(chromedp.CSS("button[value=preview]")),
		}}, a11yPage{name: "import-title-error", path: "/import", only: "admin", ready: "#f-title-err", then: []chromedp.Action[chromedp.Void]{
			chromedp.SetValue(chromedp.CSS("#source"), src),
			chromedp.Click(chromedp.CSS("button[value=preview]")),
			chromedp.WaitVisible(chromedp.CSS("pre.src")),
			chromedp.Evaluate[chromedp.Void]("document.getElementById('f-title').value = ''"),
			chromedp.Click(chromedp.CSS("button[value=save]")),
		}})
	}

	byRule := map[string]int{} // nodes in violation, by rule, over every page
	for _, who := range []string{"anonymous", "admin"} {
		if who == "admin" {
			loginAs(t, ctx, e, e.admin)
		}
		for _, lang := range []string{"zh", "en"} {
			do(t, ctx, "choose "+lang, chromedp.Navigate(e.srv.URL+"/?lang="+lang), chromedp.WaitVisible(chromedp.CSS("main h1")))
			for _, width := range []int64{1280, 390} {
				do(t, ctx, "viewport", chromedp.EmulateViewport(width, 860))
				for _, pg := range pages {
					if pg.only != "" && pg.only != who {
						continue
					}
					where := fmt.Sprintf("%s %s %d px %s (%s)", who, lang, width, pg.name, pg.path)
					ready := pg.ready
					if ready == "" {
						ready = "main h1"
					}
					steps := append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(e.srv.URL + pg.path)}, pg.then...)
					steps = append(steps, chromedp.WaitVisible(chromedp.CSS(ready)))
					do(t, ctx, "open "+where, steps...)
					// Charts are audited like the rest, not excluded: axe reports
					// nothing on them, since the canvas sits in a role=img box with
					// a label. What a canvas cannot give is its figures, so every
					// chart must be followed by the same data as a table.
					if pg.chart && chartsBuilt() {
						c, cancel := context.WithTimeout(ctx, 15*time.Second)
						_, err := chromedp.Run(c, chromedp.Poll[bool]("document.querySelector('[data-chart-ready] canvas') !== null"))
						cancel()
						if err != nil {
							t.Errorf("%s: chart not drawn: %v", where, err)
						}
					}
					if pg.chart {
						bare := eval[int](t, ctx, `[...document.querySelectorAll('[data-chart]')].filter(c =>
							c.getAttribute('role') !== 'img' || !(c.getAttribute('aria-label') || '').trim() ||
							!(c.nextElementSibling && c.nextElementSibling.matches('details.chart-table') && c.nextElementSibling.querySelector('tbody tr'))).length`)
						if bare > 0 {
							t.Errorf("%s: %d charts lack role=img with a label, or a data table after them", where, bare)
						}
					}
					// Reflow (WCAG 1.4.10): wide tables scroll in their own box, the
					// page never sideways; the walk test checks this too, but not on
					// the admin, report and error pages, nor in English.
					if over := eval[float64](t, ctx, "document.documentElement.scrollWidth - window.innerWidth"); over > 1 {
						byRule["reflow"]++
						t.Errorf("%s: the page scrolls sideways by %.0f px", where, over)
					}
					vs := audit(t, ctx, axeJS)
					for _, v := range vs {
						byRule[v.ID] += len(v.Nodes)
					}
					if len(vs) > 0 {
						t.Errorf("%s: %d accessibility rules violated:%s", where, len(vs), describe(vs))
					}
					if lang == "en" {
						if bad := withoutGaps(pg.name, eval[[]string](t, ctx, unmarkedChineseJS)); len(bad) > 0 {
							byRule["language-of-parts"] += len(bad)
							t.Errorf("%s: %d elements show Chinese without lang=\"zh-CN\" on an English page:\n  %s", where, len(bad), strings.Join(bad, "\n  "))
						}
					}
				}
			}
		}
	}
	if len(byRule) > 0 {
		rules := make([]string, 0, len(byRule))
		for id := range byRule {
			rules = append(rules, id)
		}
		sort.Strings(rules)
		var b strings.Builder
		for _, id := range rules {
			fmt.Fprintf(&b, " %s=%d", id, byRule[id])
		}
		t.Errorf("violating nodes by rule, over every page:%s", b.String())
	}
}

// The palette check needs no browser: axe cannot judge text it finds
// clipped in a scrolling table or too short (a lone "—"), measures no focus
// ring or field border, and says nothing of whether two statuses look
// alike. So the colours are measured here, from app.css's :root, which is
// where every colour of the dashboard is declared.

var cssVarRE = regexp.MustCompile(`--([a-z-]+):\s*(#[0-9a-fA-F]{6})\b`)

// palette reads the colour custom properties of static/app.css's :root.
func palette(t *testing.T) map[string]string {
	t.Helper()
	css, err := os.ReadFile(filepath.Join("static", "app.css"))
	if err != nil {
		t.Fatal(err)
	}
	root, _, ok := strings.Cut(string(css), "}")
	if !ok || !strings.Contains(root, ":root") {
		t.Fatal("app.css does not open with its :root colours")
	}
	p := map[string]string{"white": "#ffffff"}
	for _, m := range cssVarRE.FindAllStringSubmatch(root, -1) {
		p[m[1]] = strings.ToLower(m[2])
	}
	return p
}

// linear is an sRGB channel (0-255) in linear light, as WCAG 2 defines it.
func linear(c uint64) float64 {
	v := float64(c) / 255
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

func rgb(t *testing.T, hex string) (r, g, b float64) {
	t.Helper()
	n, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		t.Fatalf("colour %q is not #rrggbb", hex)
	}
	return linear(n >> 16), linear(n >> 8 & 0xff), linear(n & 0xff)
}

// contrast is the WCAG 2 contrast ratio of two colours.
func contrast(t *testing.T, a, b string) float64 {
	lum := func(h string) float64 {
		r, g, bl := rgb(t, h)
		return 0.2126*r + 0.7152*g + 0.0722*bl
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// deltaE is the CIE76 distance of two colours in CIELAB (D65): about 2 is
// just noticeable, above 20 two colours read as different at a glance.
func deltaE(t *testing.T, a, b string) float64 {
	lab := func(h string) [3]float64 {
		r, g, bl := rgb(t, h)
		x := (0.4124*r + 0.3576*g + 0.1805*bl) / 0.95047
		y := 0.2126*r + 0.7152*g + 0.0722*bl
		z := (0.0193*r + 0.1192*g + 0.9505*bl) / 1.08883
		f := func(v float64) float64 {
			if v > 216.0/24389 {
				return math.Cbrt(v)
			}
			return (24389.0/27*v + 16) / 116
		}
		return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
	}
	p, q := lab(a), lab(b)
	return math.Sqrt((p[0]-q[0])*(p[0]-q[0]) + (p[1]-q[1])*(p[1]-q[1]) + (p[2]-q[2])*(p[2]-q[2]))
}

// statusVars name the CSS colours of the six statuses, in the order the
// ledger's legend lists them.
var statusVars = []string{"green", "blue", "amber", "orange", "red", "grey"}

func TestPaletteContrast(t *testing.T) {
	p := palette(t)
	type pair struct {
		fg, bg string
		min    float64
		why    string
	}
	var pairs []pair
	// Text: WCAG 1.4.3 asks 4.5:1 for body text; every text colour is
	// checked on every background a table row or panel can have.
	for _, fg := range append([]string{"ink", "muted", "accent", "quote"}, statusVars...) {
		for _, bg := range []string{"white", "bg", "row-alt"} {
			pairs = append(pairs, pair{fg, bg, 4.5, "text"})
		}
	}
	for _, fg := range []string{"ink", "muted"} {
		for _, bg := range []string{"note-bg", "ok-bg", "alert-bg", "mark-unit", "mark-target", "mark-milestone", "mark-deadline"} {
			pairs = append(pairs, pair{fg, bg, 4.5, "text on a panel or mark"})
		}
	}
	for _, bg := range []string{"accent", "accent-hover", "top", "green"} {
		pairs = append(pairs, pair{"white", bg, 4.5, "button or top bar text"})
	}
	pairs = append(pairs, pair{"red", "white", 4.5, "field error"}, pair{"top", "white", 4.5, "top bar button"})
	// Boundaries and indicators: WCAG 2.1 1.4.11 asks 3:1 against what
	// is beside them.
	for _, bg := range []string{"white", "bg", "row-alt", "top"} {
		pairs = append(pairs, pair{"focus", bg, 3, "focus ring"})
	}
	pairs = append(pairs,
		pair{"field-line", "white", 3, "form field border"},
		pair{"note-line", "white", 3, "note edge"},
		pair{"blue", "mark-unit", 3, "unit mark underline"},
		pair{"amber", "mark-target", 3, "target mark underline"},
		pair{"green", "mark-milestone", 3, "milestone mark underline"},
		pair{"purple", "mark-deadline", 3, "deadline mark underline"},
	)
	for _, pr := range pairs {
		fg, bg := p[pr.fg], p[pr.bg]
		if fg == "" || bg == "" {
			t.Errorf("app.css :root lacks --%s or --%s (%s)", pr.fg, pr.bg, pr.why)
			continue
		}
		if r := contrast(t, fg, bg); r < pr.min {
			t.Errorf("%s: --%s %s on --%s %s has contrast %.2f:1, want at least %.1f:1", pr.why, pr.fg, fg, pr.bg, bg, r, pr.min)
		}
	}
	// The overview's charts paint statuses with the same palette.
	for i, st := range status.Statuses {
		if got, want := web.StatusColours[st], p[statusVars[i]]; !strings.EqualFold(got, want) {
			t.Errorf("overview chart colour of %s is %s, want --%s %s from app.css", st, got, statusVars[i], want)
		}
	}
	// Statuses carry icons and words too, but a supervisor scanning a
	// ledger goes by colour first: no two may look alike.
	for i, a := range statusVars {
		t.Logf("status --%s %s: %.2f:1 on white, %.2f:1 on --bg", a, p[a], contrast(t, p[a], p["white"]), contrast(t, p[a], p["bg"]))
		for _, b := range statusVars[i+1:] {
			if d := deltaE(t, p[a], p[b]); d < 20 {
				t.Errorf("status colours --%s %s and --%s %s are %.1f apart (CIE76), want 20 or more", a, p[a], b, p[b], d)
			}
		}
	}
}

// TestBrowserFocusNotObscured tabs through the import preview, a long form
// whose save bar sticks to the bottom of the window: every field Tab
// reaches must show above the bar (WCAG 2.2 2.4.11), or a keyboard user
// types into a field they cannot see.
func TestBrowserFocusNotObscured(t *testing.T) {
	ctx := newBrowser(t)
	e := newEnv(t, true)
	src := importSample(t)
	if src == "" {
		t.Skip("shared/plans not beside the repository")
	}
	loginAs(t, ctx, e, e.admin)
	const hidden = `(() => {
		const a = document.activeElement, bar = document.querySelector('.sticky');
		if (!a || !bar || bar.contains(a)) return '';
		const f = a.getBoundingClientRect(), b = bar.getBoundingClientRect();
		return f.bottom > b.top + 1 && f.top < b.bottom ? '#' + a.id + ' at ' + Math.round(f.top) + '-' + Math.round(f.bottom) + ' px, bar from ' + Math.round(b.top) + ' px' : '';
	})()`
	for _, width := range []int64{1280, 390} {
		do(t, ctx, "preview",
			chromedp.EmulateViewport(width, 860),
			chromedp.Navigate(e.srv.URL+"/import"),
			chromedp.SetValue(chromedp.CSS("#source"), src),
			chromedp.Click(chromedp.CSS("button[value=preview]")),
			chromedp.WaitVisible(chromedp.CSS("pre.src")),
			chromedp.Evaluate[chromedp.Void]("window.scrollTo(0, 0); document.getElementById('f-title').focus()"),
		)
		var under []string
		for range 60 {
			do(t, ctx, "Tab", chromedp.KeyEvent("\t"))
			// A date field takes three Tabs (year, month, day): list it once.
			if h := eval[string](t, ctx, hidden); h != "" && (len(under) == 0 || under[len(under)-1] != h) {
				under = append(under, h)
			}
		}
		if len(under) > 0 {
			t.Errorf("at %d px, Tab put %d fields under the sticky save bar:\n  %s", width, len(under), strings.Join(under, "\n  "))
		}
	}
}
