package web_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/store"
)

func TestLanguageSwitchIsRemembered(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()
	_, body := get(t, c, e.srv.URL+"/?lang=en")
	if !strings.Contains(body, "Action plans") || !strings.Contains(body, `lang="en"`) {
		t.Fatal("?lang=en did not give the English page")
	}
	_, body = get(t, c, e.srv.URL+fmt.Sprintf("/plans/%d?as_of=2022-12-31", e.planID))
	if !strings.Contains(body, "Plan overview") || !strings.Contains(body, "31 Dec 2022") {
		t.Error("the next page forgot the English choice")
	}
	_, body = get(t, c, e.srv.URL+"/?lang=zh")
	if !strings.Contains(body, "行动计划") {
		t.Error("?lang=zh did not switch back")
	}
	// A new visitor gets Chinese whatever the browser says.
	_, body = get(t, e.client(), e.srv.URL+"/")
	if !strings.Contains(body, `lang="zh-CN"`) {
		t.Error("default language is not Chinese")
	}
}

var assetRE = regexp.MustCompile(`(?:href|src)="(/static/[0-9a-f]{12}/[^"]+)"`)

func TestAssetsAreHashedCachedAndCompressed(t *testing.T) {
	e := newEnv(t, true)
	_, body := get(t, e.client(), e.srv.URL+"/")
	urls := assetRE.FindAllStringSubmatch(body, -1)
	if len(urls) < 2 {
		t.Fatalf("page links %d hashed assets, want app.css and app.js at least", len(urls))
	}
	for _, m := range urls {
		req, _ := http.NewRequest(http.MethodGet, e.srv.URL+m[1], nil)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := http.DefaultTransport.RoundTrip(req) // no transparent gunzip
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", m[1], resp.StatusCode)
		}
		if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") || !strings.Contains(cc, "immutable") {
			t.Errorf("%s: Cache-Control %q", m[1], cc)
		}
		if resp.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: not gzip-compressed", m[1])
			continue
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: %v", m[1], err)
		}
		if plain, err := io.ReadAll(zr); err != nil || len(plain) <= len(raw) {
			t.Errorf("%s: gzip body does not decompress to something larger (%d -> %d, %v)", m[1], len(raw), len(plain), err)
		}
	}
	// A stale hash is not served: the browser must fetch the page again.
	code, _ := get(t, e.client(), e.srv.URL+"/static/000000000000/app.css")
	if code != http.StatusNotFound {
		t.Errorf("stale asset URL: status %d, want 404", code)
	}
}

func TestUnknownPlanAndTargetAre404(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()
	for _, p := range []string{"/plans/999", "/plans/abc", fmt.Sprintf("/plans/%d/targets/nope", e.planID), "/no/such/page", "/units/不存在的单位"} {
		code, body := get(t, c, e.srv.URL+p)
		if code != http.StatusNotFound || !strings.Contains(body, "出错了") {
			t.Errorf("%s: status %d", p, code)
		}
	}
	code, body := get(t, c, e.srv.URL+fmt.Sprintf("/plans/%d?as_of=2021-13-01", e.planID))
	if code != http.StatusBadRequest || !strings.Contains(body, "as_of") {
		t.Errorf("bad as_of: status %d", code)
	}
}

func TestAnonymousAccessOffSendsToLogin(t *testing.T) {
	e := newEnv(t, false)
	c := e.client()
	resp, err := c.Get(e.srv.URL + fmt.Sprintf("/plans/%d", e.planID))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
		t.Fatalf("status %d location %q, want a redirect to /login", resp.StatusCode, resp.Header.Get("Location"))
	}
	e.login(t, c, e.reporter)
	if code, _ := get(t, c, e.srv.URL+fmt.Sprintf("/plans/%d", e.planID)); code != http.StatusOK {
		t.Errorf("after login: status %d", code)
	}
}

func TestLoginRejectsBadTokenAndOffsiteNext(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()
	code, body, _ := post(t, c, e.srv.URL+"/login", url.Values{"token": {"wrong"}})
	if code != http.StatusUnauthorized || !strings.Contains(body, "令牌无效") {
		t.Errorf("bad token: status %d", code)
	}
	code, _, h := post(t, c, e.srv.URL+"/login", url.Values{"token": {e.reporter}, "next": {"//evil.example/x"}})
	if code != http.StatusSeeOther || h.Get("Location") != "/" {
		t.Errorf("offsite next: status %d location %q, want /", code, h.Get("Location"))
	}
}

func TestFormsNeedTheCSRFToken(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()
	e.login(t, c, e.admin)
	form := url.Values{"action": {"unit"}, "unit_name": {"市测试局"}}
	code, _, _ := post(t, c, e.srv.URL+"/admin", form)
	if code != http.StatusForbidden {
		t.Errorf("admin form without CSRF token: status %d, want 403", code)
	}
	units, _ := e.st.ListUnits(context.Background())
	for _, u := range units {
		if u.Name == "市测试局" {
			t.Fatal("a form without CSRF token created a unit")
		}
	}
	_, page := get(t, c, e.srv.URL+"/admin")
	form.Set("csrf_token", csrfFrom(t, page))
	if code, body, _ := post(t, c, e.srv.URL+"/admin", form); code != http.StatusOK || !strings.Contains(body, "已添加单位") {
		t.Errorf("admin form with CSRF token: status %d", code)
	}
}

func TestAdminShowsANewTokenSecretOnce(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()
	e.login(t, c, e.admin)
	_, page := get(t, c, e.srv.URL+"/admin")
	code, body, _ := post(t, c, e.srv.URL+"/admin", url.Values{"csrf_token": {csrfFrom(t, page)}, "action": {"token"},
		"token_name": {"发改委填报"}, "token_role": {"reporter"}, "token_unit": {"市发展改革委"}})
	if code != http.StatusOK {
		t.Fatalf("create token: status %d", code)
	}
	m := regexp.MustCompile(`id="new-secret" class="mono" readonly value="([^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the new secret is not shown")
	}
	tok, err := e.st.AuthenticateToken(context.Background(), m[1])
	if err != nil || tok.Unit != "市发展改革委" {
		t.Fatalf("shown secret does not authenticate as the new reporter: %v %+v", err, tok)
	}
	if _, again := get(t, c, e.srv.URL+"/admin"); strings.Contains(again, m[1]) {
		t.Error("the secret is shown again on the next visit")
	}
	// A reporter cannot reach the admin page.
	r := e.client()
	e.login(t, r, e.reporter)
	if code, _ := get(t, r, e.srv.URL+"/admin"); code != http.StatusForbidden {
		t.Errorf("reporter on /admin: status %d, want 403", code)
	}
}

func TestReportFormValidatesEachField(t *testing.T) {
	e := newEnv(t, true)
	tr := e.firstTarget(t, "市工业和信息化局")
	c := e.client()
	e.login(t, c, e.reporter)
	u := fmt.Sprintf("%s/plans/%d/targets/%s/report", e.srv.URL, e.planID, tr.Target.ID)
	_, page := get(t, c, u)
	tok := csrfFrom(t, page)
	cases := []struct {
		name  string
		form  url.Values
		field string
		want  string
	}{
		{"not a number", url.Values{"value": {"三万"}, "kind": {"flow"}, "period_start": {"2021-01-01"}, "period_end": {"2021-03-31"}, "source_url": {"x"}}, "value", "数值须为数字"},
		{"end before start", url.Values{"value": {"5"}, "kind": {"flow"}, "period_start": {"2021-05-01"}, "period_end": {"2021-03-31"}, "source_url": {"x"}}, "period_start", "不能晚于统计期止"},
		{"future", url.Values{"value": {"5"}, "kind": {"stock"}, "period_end": {"2030-01-01"}, "source_url": {"x"}}, "period_end", "不能晚于今天"},
		{"bad url", url.Values{"value": {"5"}, "kind": {"stock"}, "period_end": {"2021-03-31"}, "source_url": {"ftp://x/y"}}, "source_url", "http"},
		{"no source", url.Values{"value": {"5"}, "kind": {"stock"}, "period_end": {"2021-03-31"}}, "source_url", "请注明来源"},
		{"kind", url.Values{"value": {"5"}, "kind": {"event"}, "period_end": {"2021-03-31"}, "source_url": {"x"}}, "kind", "请选择数据类型"},
	}
	before, _ := e.st.ListObservations(context.Background(), store.ObservationFilter{PlanID: e.planID, IncludeSuperseded: true})
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.form.Set("csrf_token", tok)
			code, body, _ := post(t, c, u, tc.form)
			if code != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", code)
			}
			re := regexp.MustCompile(`<p class="field-err" id="` + tc.field + `-err">([^<]*)</p>`)
			m := re.FindStringSubmatch(body)
			if m == nil || !strings.Contains(m[1], tc.want) {
				t.Errorf("message beside %s = %v, want it to say %q", tc.field, m, tc.want)
			}
		})
	}
	after, _ := e.st.ListObservations(context.Background(), store.ObservationFilter{PlanID: e.planID, IncludeSuperseded: true})
	if len(after) != len(before) {
		t.Errorf("rejected forms stored %d observations", len(after)-len(before))
	}
}

func TestPagesAreGzippedForBrowsersThatAccept(t *testing.T) {
	e := newEnv(t, true)
	req, _ := http.NewRequest(http.MethodGet, e.srv.URL+fmt.Sprintf("/plans/%d/ledger", e.planID), nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Fatal("ledger page not compressed")
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(zr)
	if !strings.Contains(string(b), "督办台账") || !strings.Contains(string(b), "</html>") {
		t.Error("decompressed page is not the whole ledger")
	}
}

var reportLinkRE = regexp.MustCompile(`href="/plans/\d+/targets/([^"/]+)/report"`)

func TestTreeOffersReportLinksOnlyWhereTheWriteIsAccepted(t *testing.T) {
	e := newEnv(t, true)
	tree := fmt.Sprintf("%s/plans/%d/tree", e.srv.URL, e.planID)
	if _, body := get(t, e.client(), tree); reportLinkRE.MatchString(body) {
		t.Error("anonymous visitors see report links")
	}
	c := e.client()
	e.login(t, c, e.reporter)
	_, body := get(t, c, tree)
	links := reportLinkRE.FindAllStringSubmatch(body, -1)
	if len(links) == 0 {
		t.Fatal("the 市工业和信息化局 reporter sees no report link on the tree")
	}
	rows, _ := e.st.ListTargets(context.Background(), e.planID)
	byID := map[string]store.TargetRow{}
	for _, r := range rows {
		byID[r.Target.ID] = r
	}
	mine := func(r store.TargetRow) bool {
		for _, u := range append(append([]string{}, r.LeadUnits...), r.CoUnits...) {
			if c, _ := e.st.ResolveUnit(context.Background(), u); c == "市工业和信息化局" {
				return true
			}
		}
		return false
	}
	shown := map[string]bool{}
	for _, m := range links {
		shown[m[1]] = true
		if !mine(byID[m[1]]) {
			t.Errorf("report link on %s, a target of another unit", m[1])
		}
	}
	for id, r := range byID {
		if mine(r) && !shown[id] {
			t.Errorf("no report link on %s, a target the reporter's unit shares", id)
		}
	}
}

var downloadRE = regexp.MustCompile(`href="(/api/plans/\d+/export\.(xlsx|csv)\?as_of=[0-9-]+)"`)

func TestLedgerDownloadLinksGiveTheFiles(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()
	_, body := get(t, c, fmt.Sprintf("%s/plans/%d/ledger?as_of=2022-12-31", e.srv.URL, e.planID))
	links := downloadRE.FindAllStringSubmatch(body, -1)
	if len(links) != 2 {
		t.Fatalf("ledger page has %d download links, want xlsx and csv", len(links))
	}
	for _, l := range links {
		resp, err := c.Get(e.srv.URL + strings.ReplaceAll(l[1], "&amp;", "&"))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", l[1], resp.StatusCode)
			continue
		}
		switch l[2] {
		case "xlsx":
			if !bytes.HasPrefix(b, []byte("PK")) {
				t.Errorf("%s is not an xlsx file", l[1])
			}
		case "csv":
			if !strings.Contains(string(b), "新建5G基站") {
				t.Errorf("%s lacks the 5G target", l[1])
			}
		}
	}
}

func TestLogoutEndsTheSession(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()
	e.login(t, c, e.admin)
	_, page := get(t, c, e.srv.URL+"/admin")
	code, _, h := post(t, c, e.srv.URL+"/logout", url.Values{"csrf_token": {csrfFrom(t, page)}})
	if code != http.StatusSeeOther || h.Get("Location") != "/" {
		t.Fatalf("logout: status %d location %q", code, h.Get("Location"))
	}
	resp, err := c.Get(e.srv.URL + "/admin")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("after logout /admin gives %d %q, want a redirect to /login", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestAdminRevokesAReporterToken(t *testing.T) {
	e := newEnv(t, true)
	rep := e.client()
	e.login(t, rep, e.reporter)
	tok, err := e.st.AuthenticateToken(context.Background(), e.reporter)
	if err != nil {
		t.Fatal(err)
	}
	c := e.client()
	e.login(t, c, e.admin)
	_, page := get(t, c, e.srv.URL+"/admin")
	code, body, _ := post(t, c, e.srv.URL+"/admin", url.Values{"csrf_token": {csrfFrom(t, page)}, "action": {"revoke"}, "token_id": {fmt.Sprint(tok.ID)}})
	if code != http.StatusOK || !strings.Contains(body, "已吊销令牌") {
		t.Fatalf("revoke: status %d", code)
	}
	// The reporter's browser session ends with the token.
	_, body = get(t, rep, e.srv.URL+"/")
	if strings.Contains(body, `class="who"`) {
		t.Error("the revoked reporter is still logged in")
	}
}

// On English pages a verdict is explained in English (its units marked as
// Chinese) and a report not counted says why in English; Chinese pages
// keep the engine's Chinese explanation.
func TestExplanationsFollowTheLanguage(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()
	target := e.srv.URL + fmt.Sprintf("/plans/%d/targets/2.1.1-1?as_of=2022-12-31", e.planID)
	_, body := get(t, c, target+"&lang=en")
	for _, want := range []string{"Added since the plan began: 30490<span lang=\"zh-CN\">个</span>", "Not met by the deadline 2022-12-31: missed", "another jurisdiction"} {
		if !strings.Contains(body, want) {
			t.Errorf("English target page lacks %q", want)
		}
	}
	if strings.Contains(body, "累计新增") {
		t.Error("English target page shows the Chinese explanation")
	}
	_, body = get(t, c, target+"&lang=zh")
	if !strings.Contains(body, "累计新增30490个") || strings.Contains(body, "Added since the plan began") {
		t.Error("Chinese target page lost its Chinese explanation")
	}
}
