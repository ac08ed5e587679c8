package web_test

import (
	"bytes"
	"context"
	"errors"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
)

// devPlan reads a plan opening from shared/plans/dev without its "# " notes.
func devPlan(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "plans", "dev", name))
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("shared/plans not beside the repository")
	}
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(l, "# ") {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

var (
	leadFieldRE  = regexp.MustCompile(`name="(s\.[0-9.]+\.lead)" type="text" value="([^"]+)"`)
	valueFieldRE = regexp.MustCompile(`name="(t\.[0-9.]+\.0)\.value" type="text" inputmode="decimal" value="([^"]+)"`)
)

func TestImportSavesCorrectionsOfUnitsAndTargets(t *testing.T) {
	e := newEnv(t, true)
	src := devPlan(t, "24_haiyan_zerenfenjie_2022.txt")
	c := e.client()
	e.login(t, c, e.admin)
	_, page := get(t, c, e.srv.URL+"/import")
	tok := csrfFrom(t, page)

	code, body, _ := post(t, c, e.srv.URL+"/import", url.Values{"csrf_token": {tok}, "source": {src}, "action": {"preview"}})
	if code != http.StatusOK {
		t.Fatalf("preview: status %d", code)
	}
	lead := leadFieldRE.FindStringSubmatch(body)
	val := valueFieldRE.FindStringSubmatch(body)
	if lead == nil || val == nil {
		t.Fatal("preview shows no editable lead unit or target value")
	}
	if !strings.Contains(body, `data-field="`+lead[1]+`"`) {
		t.Errorf("the source marks no unit for field %s", lead[1])
	}
	secID := strings.TrimSuffix(strings.TrimPrefix(lead[1], "s."), ".lead")
	tsec := strings.TrimSuffix(strings.TrimPrefix(val[1], "t."), ".0")

	// A reporter may preview but not save.
	r := e.client()
	e.login(t, r, e.reporter)
	_, rpage := get(t, r, e.srv.URL+"/import")
	save := url.Values{"source": {src}, "step": {"review"}, "action": {"save"},
		lead[1]: {"县发改局、县财政局"}, val[1] + ".value": {"9.5"}, val[1] + ".deadline": {"2022-06-30"}}
	save.Set("csrf_token", csrfFrom(t, rpage))
	if code, _, _ := post(t, r, e.srv.URL+"/import", save); code != http.StatusForbidden {
		t.Errorf("reporter saving a plan: status %d, want 403", code)
	}

	save.Set("csrf_token", tok)
	code, body, h := post(t, c, e.srv.URL+"/import", save)
	if code != http.StatusSeeOther || !strings.HasSuffix(h.Get("Location"), "/tree") {
		t.Fatalf("save: status %d location %q\n%.2000s", code, h.Get("Location"), body)
	}
	var rec store.PlanRecord
	recs, _ := e.st.ListPlans(context.Background())
	for _, p := range recs {
		if p.ID != e.planID {
			rec, _ = e.st.FindPlanByID(context.Background(), p.ID)
		}
	}
	if rec.ID == 0 {
		t.Fatal("no new plan stored")
	}
	paths := map[string]store.Correction{}
	for _, c := range rec.Corrections {
		paths[c.Path] = c
	}
	if c, ok := paths["sections/"+secID+"/lead_units"]; !ok || c.Old != lead[2] || c.New != "县发改局、县财政局" {
		t.Errorf("lead-unit correction %+v (all: %+v)", c, rec.Corrections)
	}
	tid := tsec + "-1"
	if c, ok := paths["sections/"+tsec+"/targets/"+tid+"/value"]; !ok || c.Old != val[2] || c.New != "9.5" {
		t.Errorf("value correction %+v (all: %+v)", c, rec.Corrections)
	}
	if _, ok := paths["sections/"+tsec+"/targets/"+tid+"/deadline"]; !ok {
		t.Errorf("no deadline correction in %+v", rec.Corrections)
	}
	var gotLead []string
	var gotTarget plan.Target
	rec.Plan.Walk(func(s *plan.Section) {
		if s.ID == secID {
			gotLead = s.LeadUnits
		}
		if s.ID == tsec && len(s.Targets) > 0 {
			gotTarget = s.Targets[0]
		}
	})
	if strings.Join(gotLead, "、") != "县发改局、县财政局" {
		t.Errorf("stored lead units %v", gotLead)
	}
	if gotTarget.Value != 9.5 || gotTarget.Deadline != "2022-06-30" {
		t.Errorf("stored target %+v, want value 9.5 due 2022-06-30", gotTarget)
	}
	if len(rec.Corrections) != 3 {
		t.Errorf("%d corrections stored, want exactly the 3 fields changed: %+v", len(rec.Corrections), rec.Corrections)
	}
}

func TestImportUploadAndBadInput(t *testing.T) {
	e := newEnv(t, true)
	c := e.client()
	e.login(t, c, e.admin)
	_, page := get(t, c, e.srv.URL+"/import")
	tok := csrfFrom(t, page)
	upload := func(name string, data []byte) (int, string) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("csrf_token", tok)
		mw.WriteField("action", "preview")
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
		mw.Close()
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/import", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		b.ReadFrom(resp.Body)
		return resp.StatusCode, b.String()
	}
	code, body := upload("plan.txt", []byte(devPlan(t, "35_puyang_5g_sannianxingdong_2020.txt")))
	if code != http.StatusOK || !strings.Contains(body, "濮阳") || !strings.Contains(body, "<mark") {
		t.Errorf("uploaded .txt: status %d, no preview", code)
	}
	code, body = upload("broken.docx", []byte("PK\x03\x04 not really a zip"))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "broken.docx") {
		t.Errorf("broken .docx: status %d; the error must name the file", code)
	}
	code, body, _ = post(t, c, e.srv.URL+"/import", url.Values{"csrf_token": {tok}, "source": {"   "}, "action": {"preview"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "请粘贴计划文本") {
		t.Errorf("empty paste: status %d", code)
	}
	// Prose with no numbering, units or targets is refused on save, and nothing is stored.
	before, _ := e.st.ListPlans(context.Background())
	code, body, _ = post(t, c, e.srv.URL+"/import", url.Values{"csrf_token": {tok}, "source": {"关于天气的一段话。今天天气很好。"},
		"title": {"天气"}, "action": {"save"}, "step": {"review"}})
	after, _ := e.st.ListPlans(context.Background())
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "这不像一份行动计划") || len(after) != len(before) {
		t.Errorf("saving prose: status %d, plans %d -> %d", code, len(before), len(after))
	}
}
