package web_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
)

// The browser tests drive headless Chromium (Debian's `chromium`, installed
// by .ci/chromium.sh) against the real handler stack. Without a browser they
// skip, unless PLANWATCH_REQUIRE_BROWSER=1 (CI) makes that a failure.

// chromiumPath finds a Chromium or Chrome binary.
func chromiumPath() string {
	if p := os.Getenv("PLANWATCH_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// newBrowser starts a fresh headless Chromium for one test, sized like
// the office's 1280 px screens.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped with -short")
	}
	path := chromiumPath()
	if path == "" {
		if os.Getenv("PLANWATCH_REQUIRE_BROWSER") == "1" {
			t.Fatal("no chromium binary found and PLANWATCH_REQUIRE_BROWSER=1; run .ci/chromium.sh")
		}
		t.Skip("no chromium binary found; install it with .ci/chromium.sh to run the browser tests")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		// No network here: without these Chromium stalls on refused connections.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900)); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// do runs steps with a time limit, failing the test with what was going on.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(c, steps...); err != nil {
		shot(t, ctx, "FAILED-"+t.Name())
		t.Fatalf("%s: %v", what, err)
	}
}

// eval returns the value of a JavaScript expression on the current page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(c, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// text is the visible text of the page.
func text(t *testing.T, ctx context.Context) string {
	return eval[string](t, ctx, "document.body.innerText")
}

// shot saves a full-page screenshot under screenshots/ at the repository root.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := filepath.Join("..", "..", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Log(err)
		return
	}
	c, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	img, err := chromedp.Run(c, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	name = strings.NewReplacer("/", "_", " ", "_").Replace(name)
	if err := os.WriteFile(filepath.Join(dir, name+".png"), img, 0o644); err != nil {
		t.Log(err)
	}
}

// viewShot saves what the screen shows without scrolling: on a phone the
// full page is too tall to judge at a glance.
func viewShot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	img, err := chromedp.Run(c, chromedp.CaptureScreenshot())
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	os.WriteFile(filepath.Join("..", "..", "screenshots", name+".png"), img, 0o644)
}

// chartsBuilt reports whether ECharts was vendored into this build.
func chartsBuilt() bool {
	_, err := os.Stat(filepath.Join("static", "vendor", "echarts.min.js"))
	return err == nil
}

// loginAs fills in the login form like a user.
func loginAs(t *testing.T, ctx context.Context, e *env, secret string) {
	t.Helper()
	do(t, ctx, "log in",
		chromedp.Navigate(e.srv.URL+"/login"),
		chromedp.SendKeys(chromedp.CSS("#token"), secret),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".top-user .who")),
	)
}

func TestBrowserWalkEveryPage(t *testing.T) {
	ctx := newBrowser(t)
	e := newEnv(t, true)
	tr := e.firstTarget(t, "市工业和信息化局")
	p := fmt.Sprintf("/plans/%d", e.planID)
	pages := []struct{ name, path string }{
		{"plans", "/"},
		{"overview", p},
		{"tree", p + "/tree"},
		{"target", p + "/targets/" + tr.Target.ID},
		{"ledger", p + "/ledger"},
		{"matrix", p + "/matrix"},
		{"deadlines", p + "/deadlines"},
		{"unit", "/units/" + url.PathEscape("市工业和信息化局")},
		{"search", "/search?q=" + url.QueryEscape("基站")},
		{"import", "/import"},
		{"login", "/login"},
	}
	for _, width := range []int64{1280, 390} {
		do(t, ctx, "viewport", chromedp.EmulateViewport(width, 860))
		for _, pg := range pages {
			do(t, ctx, "open "+pg.path, chromedp.Navigate(e.srv.URL+pg.path), chromedp.WaitVisible(chromedp.CSS("main h1")))
			if strings.Contains(text(t, ctx), "出错了") {
				t.Errorf("%s at %d px shows the error page", pg.path, width)
			}
			if (pg.name == "overview" || pg.name == "target") && chartsBuilt() {
				c, cancel := context.WithTimeout(ctx, 15*time.Second)
				_, err := chromedp.Run(c, chromedp.Poll[bool]("document.querySelector('[data-chart-ready] canvas') !== null"))
				cancel()
				if err != nil {
					t.Errorf("%s at %d px: chart not drawn: %v", pg.path, width, err)
				}
			}
			// Wide tables scroll inside their box; the page itself must not.
			if over := eval[bool](t, ctx, "document.documentElement.scrollWidth > window.innerWidth + 1"); over {
				t.Errorf("%s at %d px scrolls sideways (scrollWidth %v)", pg.path, width, eval[float64](t, ctx, "document.documentElement.scrollWidth"))
			}
			shot(t, ctx, fmt.Sprintf("walk-%d-%s", width, pg.name))
			if width < 600 {
				viewShot(t, ctx, fmt.Sprintf("walk-%d-%s-screen", width, pg.name))
			}
		}
	}
	// Keyboard: the first Tab lands on the skip link, which leads to main.
	do(t, ctx, "skip link", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(e.srv.URL+p), chromedp.KeyEvent("\t"))
	if got := eval[string](t, ctx, "document.activeElement.className"); got != "skip" {
		t.Errorf("first Tab focuses %q, want the skip link", got)
	}
}

// reportable picks a target led by unit that is not yet achieved as of
// testToday and has a deadline after it, with a ">=" goal.
func reportable(t *testing.T, e *env, unit string, mine bool) ledger.Row {
	t.Helper()
	ctx := context.Background()
	l, err := ledger.Build(ctx, e.st, ledger.Options{PlanID: e.planID, AsOf: plan.DateOf(testToday), Config: status.DefaultConfig()})
	if err != nil {
		t.Fatal(err)
	}
	involves := func(r ledger.Row) bool {
		for _, u := range append(append([]string{}, r.LeadUnits...), r.CoUnits...) {
			if c, _ := e.st.ResolveUnit(ctx, u); c == unit {
				return true
			}
		}
		return false
	}
	for _, r := range l.Rows {
		if involves(r) != mine {
			continue
		}
		if !mine || (r.Target.Comparator == plan.GE && r.Verdict.Status != status.Achieved && r.Target.Deadline > plan.DateOf(testToday)) {
			return r
		}
	}
	t.Fatalf("no suitable target (unit %s, mine %v)", unit, mine)
	return ledger.Row{}
}

func TestBrowserReporterChangesStatus(t *testing.T) {
	ctx := newBrowser(t)
	e := newEnv(t, true)
	mine := reportable(t, e, "市工业和信息化局", true)
	other := reportable(t, e, "市工业和信息化局", false)
	loginAs(t, ctx, e, e.reporter)

	targetURL := fmt.Sprintf("%s/plans/%d/targets/%s", e.srv.URL, e.planID, mine.Target.ID)
	do(t, ctx, "open own target", chromedp.Navigate(targetURL), chromedp.WaitVisible(chromedp.CSS("dl.facts .st")))
	before := eval[string](t, ctx, "document.querySelector('dl.facts .st').innerText")

	// An empty form is refused with a message beside the value field.
	do(t, ctx, "open the report form",
		chromedp.Click(chromedp.CSS("a.button[href$='/report']")),
		chromedp.WaitVisible(chromedp.CSS("#value")),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#value-err")),
	)
	if msg := eval[string](t, ctx, "document.getElementById('value-err').innerText"); !strings.Contains(msg, "请填写数值") {
		t.Errorf("value error says %q", msg)
	}
	if msg := eval[string](t, ctx, "document.getElementById('source_url-err').innerText"); !strings.Contains(msg, "来源") {
		t.Errorf("source error says %q", msg)
	}
	shot(t, ctx, "report-validation")

	// The full figure as of today makes the target achieved.
	start := "2020-01-01"
	do(t, ctx, "submit a figure",
		chromedp.SetValue(chromedp.CSS("#value"), fmt.Sprint(mine.Target.Value)),
		chromedp.SetValue(chromedp.CSS("#period_start"), start),
		chromedp.SetValue(chromedp.CSS("#period_end"), "2021-06-30"),
		chromedp.SetValue(chromedp.CSS("#source_url"), "https://gxj.changsha.gov.cn/example"),
		chromedp.SetValue(chromedp.CSS("#quote"), "测试：截至6月底完成目标"),
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("p.ok")),
	)
	after := eval[string](t, ctx, "document.querySelector('dl.facts .st').innerText")
	if after == before || !strings.Contains(after, "已完成") {
		t.Errorf("status went from %q to %q, want it to change to 已完成", before, after)
	}
	if !strings.Contains(text(t, ctx), "测试：截至6月底完成目标") {
		t.Error("the new evidence is not listed on the target page")
	}
	shot(t, ctx, "report-after")

	// Another unit's target: no report button, and the form is refused.
	otherURL := fmt.Sprintf("%s/plans/%d/targets/%s", e.srv.URL, e.planID, other.Target.ID)
	do(t, ctx, "open another unit's target", chromedp.Navigate(otherURL), chromedp.WaitVisible(chromedp.CSS("dl.facts")))
	if n := eval[int](t, ctx, "document.querySelectorAll(\"a[href$='/report']\").length"); n != 0 {
		t.Errorf("another unit's target shows %d report links", n)
	}
	do(t, ctx, "open its report form", chromedp.Navigate(otherURL+"/report"), chromedp.WaitVisible(chromedp.CSS("main h1")))
	if body := text(t, ctx); !strings.Contains(body, "不能报送") {
		t.Errorf("another unit's report form was not refused:\n%s", body)
	}
	obs, err := e.st.ListObservations(context.Background(), store.ObservationFilter{PlanID: e.planID, TargetID: other.Target.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range obs {
		if o.CreatedBy != "demo" {
			t.Errorf("an observation reached another unit's target: %+v", o)
		}
	}
	shot(t, ctx, "report-forbidden")
}

func TestBrowserImportWithCorrection(t *testing.T) {
	ctx := newBrowser(t)
	e := newEnv(t, true)
	src, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "plans", "dev", "35_puyang_5g_sannianxingdong_2020.txt"))
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("shared/plans not beside the repository")
	}
	if err != nil {
		t.Fatal(err)
	}
	// The dev files open with "# source:" notes that are not part of the plan.
	var lines []string
	for _, l := range strings.Split(string(src), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	src = []byte(strings.Join(lines, "\n"))
	loginAs(t, ctx, e, e.admin)
	do(t, ctx, "paste and preview",
		chromedp.Navigate(e.srv.URL+"/import"),
		chromedp.SetValue(chromedp.CSS("#source"), string(src)),
		chromedp.Click(chromedp.CSS("button[value=preview]")),
		chromedp.WaitVisible(chromedp.CSS("pre.src")),
	)
	if n := eval[int](t, ctx, "document.querySelectorAll('pre.src mark').length"); n == 0 {
		t.Error("the source shows no marks where fields were read")
	}
	// A mark links to its field: clicking it puts the cursor there.
	if n := eval[int](t, ctx, "document.querySelectorAll('pre.src mark[data-field] a').length"); n > 0 {
		field := eval[string](t, ctx, "document.querySelector('pre.src mark[data-field]').getAttribute('data-field')")
		do(t, ctx, "click a mark", chromedp.Click(chromedp.CSS("pre.src mark[data-field] a")))
		if got := eval[string](t, ctx, "document.activeElement.id"); got != field {
			t.Errorf("clicking the mark focused %q, want %q", got, field)
		}
	}
	shot(t, ctx, "import-preview")
	oldTitle := eval[string](t, ctx, "document.getElementById('f-title').value")
	newTitle := "濮阳市5G产业发展三年行动计划（更正）"
	do(t, ctx, "correct the title and save",
		chromedp.SetValue(chromedp.CSS("#f-title"), newTitle),
		chromedp.Click(chromedp.CSS("button[value=save]")),
		chromedp.WaitVisible(chromedp.CSS("ol.tree")),
	)
	if got := eval[string](t, ctx, "document.querySelector('.plan-title').innerText"); got != newTitle {
		t.Errorf("saved plan is titled %q, want %q", got, newTitle)
	}
	shot(t, ctx, "import-saved")
	recs, err := e.st.ListPlans(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, r := range recs {
		if r.Plan.Title != newTitle {
			continue
		}
		found = true
		full, err := e.st.FindPlanByID(context.Background(), r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(full.Corrections) != 1 || full.Corrections[0].Path != "title" || full.Corrections[0].Old != oldTitle || full.Corrections[0].New != newTitle {
			t.Errorf("stored corrections %+v, want one title correction from %q", full.Corrections, oldTitle)
		}
	}
	if !found {
		t.Error("the corrected plan is not in the store")
	}
}

func TestBrowserLanguageSwitch(t *testing.T) {
	ctx := newBrowser(t)
	e := newEnv(t, true)
	do(t, ctx, "switch to English",
		chromedp.Navigate(e.srv.URL+"/"),
		chromedp.Click(chromedp.CSS("a[lang=en]")),
		chromedp.WaitVisible(chromedp.CSS("a[lang=zh-CN]")),
	)
	if body := text(t, ctx); !strings.Contains(body, "Action plans") {
		t.Errorf("English page lacks its heading:\n%s", body)
	}
	// The choice is remembered on the next page without ?lang.
	do(t, ctx, "open the overview", chromedp.Navigate(fmt.Sprintf("%s/plans/%d?as_of=2021-06-30", e.srv.URL, e.planID)), chromedp.WaitVisible(chromedp.CSS("main h1")))
	body := text(t, ctx)
	if !strings.Contains(body, "Plan overview") || !strings.Contains(body, "30 Jun 2021") {
		t.Errorf("overview not in English after the switch:\n%.400s", body)
	}
	shot(t, ctx, "lang-en-overview")
	do(t, ctx, "switch back", chromedp.Click(chromedp.CSS("a[lang=zh-CN]")), chromedp.WaitVisible(chromedp.CSS("a[lang=en]")))
	if body := text(t, ctx); !strings.Contains(body, "计划总览") || !strings.Contains(body, "2021年6月30日") {
		t.Errorf("overview not back in Chinese:\n%.400s", body)
	}
}
