package api

import (
	"bytes"
	"fmt"
	"github.com/planwatch/planwatch/internal/planparse"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/planwatch/planwatch/internal/auth"
	"github.com/planwatch/planwatch/internal/export"
	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
)

// planSummary is a plan in a list: everything but the section tree.
type planSummary struct {
	ID         int64     `json:"id"`
	Key        string    `json:"key"`
	Scope      string    `json:"scope"`
	Title      string    `json:"title"`
	DocNumber  string    `json:"doc_number"`
	Issuer     string    `json:"issuer"`
	Issued     plan.Date `json:"issued"`
	SourceName string    `json:"source_name"`
	ImportedAt time.Time `json:"imported_at"`
	Targets    int       `json:"targets"`
}

func summarize(rec store.PlanRecord) planSummary {
	s := planSummary{ID: rec.ID, Key: rec.Key, Scope: rec.Scope, SourceName: rec.SourceName, ImportedAt: rec.ImportedAt}
	if p := rec.Plan; p != nil {
		s.Title, s.DocNumber, s.Issuer, s.Issued = p.Title, p.DocNumber, p.Issuer, p.Issued
		p.Walk(func(sec *plan.Section) { s.Targets += len(sec.Targets) })
	}
	return s
}

func (a *API) listPlans(w http.ResponseWriter, r *http.Request) error {
	recs, err := a.Store.ListPlans(r.Context())
	if err != nil {
		return fmt.Errorf("list plans: %w", err)
	}
	out := make([]planSummary, 0, len(recs))
	for _, rec := range recs {
		out = append(out, summarize(rec))
	}
	writeJSON(w, http.StatusOK, map[string]any{"plans": out})
	return nil
}

// importRequest is the JSON form of POST /api/plans. Any other body is
// the plan file itself (text in UTF-8 or GB18030, or .docx), with name,
// scope and replace in the query string.
type importRequest struct {
	Text    string `json:"text"`
	Name    string `json:"name"`
	Scope   string `json:"scope"`
	Replace bool   `json:"replace"`
	data    []byte
}

func (a *API) importPlan(w http.ResponseWriter, r *http.Request) error {
	id := auth.FromContext(r.Context())
	if err := auth.Require(id, store.RoleAdmin); err != nil {
		return err
	}
	req, err := readImportRequest(r)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(req.data)) == 0 {
		return invalidf("text", "计划文本为空 (plan text is empty)")
	}
	if a.Parse == nil {
		return fmt.Errorf("import plan: no parser configured")
	}
	p, err := a.Parse(req.Name, req.data)
	if err != nil {
		return store.Errorf(store.EInvalid, "无法读取计划 %s (cannot read plan %s): %v", req.Name, req.Name, err)
	}
	if planparse.Empty(p) {
		return store.Errorf(store.EInvalid, "%s: 没有找到编号的章节、责任单位或目标，这不像一份行动计划 (no numbered sections, units or targets found)", req.Name)
	}
	source := string(req.data)
	if a.Decode != nil {
		if source, err = a.Decode(req.data); err != nil {
			return store.Errorf(store.EInvalid, "无法读取计划 %s (cannot decode %s): %v", req.Name, req.Name, err)
		}
	}
	rec, created, err := a.Store.ImportPlan(r.Context(), store.PlanImport{
		Plan: p, Source: source, SourceName: req.Name, Scope: req.Scope, Replace: req.Replace,
	}, id.Actor())
	if err != nil {
		return fmt.Errorf("import plan %s: %w", req.Name, err)
	}
	status := http.StatusOK
	if created || req.Replace {
		status = http.StatusCreated
	}
	writeJSON(w, status, map[string]any{"created": created, "plan": rec})
	return nil
}

func readImportRequest(r *http.Request) (importRequest, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "application/json" {
		var req importRequest
		if err := decodeJSON(r, &req); err != nil {
			return req, err
		}
		if req.Name == "" {
			req.Name = "upload.txt"
		}
		req.data = []byte(req.Text)
		return req, nil
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return importRequest{}, err
	}
	replace, err := queryBool(r, "replace")
	if err != nil {
		return importRequest{}, err
	}
	q := r.URL.Query()
	name := q.Get("name")
	if name == "" {
		name = "upload.txt"
	}
	return importRequest{Name: name, Scope: q.Get("scope"), Replace: replace, data: b}, nil
}

func (a *API) getPlan(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rec, err := a.Store.FindPlanByID(r.Context(), id)
	if err != nil {
		return fmt.Errorf("plan %d: %w", id, err)
	}
	writeJSON(w, http.StatusOK, rec)
	return nil
}

func (a *API) listPlanTargets(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := a.Store.FindPlanByID(r.Context(), id); err != nil {
		return fmt.Errorf("plan %d: %w", id, err)
	}
	rows, err := a.Store.ListTargets(r.Context(), id)
	if err != nil {
		return fmt.Errorf("targets of plan %d: %w", id, err)
	}
	if rows == nil {
		rows = []store.TargetRow{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"targets": rows})
	return nil
}

func (a *API) planStatus(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	asOf, err := a.asOf(r)
	if err != nil {
		return err
	}
	// Build answers ENotFound for an unknown plan; no need to load it twice.
	l, err := ledger.Build(r.Context(), a.Store, ledger.Options{PlanID: id, Unit: r.URL.Query().Get("unit"), AsOf: asOf, Config: a.Status})
	if err != nil {
		return fmt.Errorf("status of plan %d as of %s: %w", id, asOf, err)
	}
	writeJSON(w, http.StatusOK, l)
	return nil
}

func (a *API) exportPlan(w http.ResponseWriter, r *http.Request) error {
	format, ok := strings.CutPrefix(r.PathValue("export"), "export.")
	if !ok || export.ContentType(format) == "" {
		return store.Errorf(store.ENotFound, "没有这个接口；导出请用 export.xlsx、export.csv 或 export.json (no such route)")
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	asOf, err := a.asOf(r)
	if err != nil {
		return err
	}
	lang := r.URL.Query().Get("lang")
	if lang != "" && lang != "zh" && lang != "en" {
		return invalidf("lang", "应为 zh 或 en，收到 %q (want zh or en)", lang)
	}
	l, err := ledger.Build(r.Context(), a.Store, ledger.Options{PlanID: id, Unit: r.URL.Query().Get("unit"), AsOf: asOf, Config: a.Status})
	if err != nil {
		return fmt.Errorf("ledger of plan %d: %w", id, err)
	}
	// Render into memory first: a failure halfway must be a clean error,
	// not a truncated spreadsheet that Excel refuses to open.
	var buf bytes.Buffer
	if err := export.Write(&buf, format, l, lang); err != nil {
		return fmt.Errorf("export plan %d as %s: %w", id, format, err)
	}
	w.Header().Set("Content-Type", export.ContentType(format))
	w.Header().Set("Content-Disposition", export.ContentDisposition(export.FileName(format, asOf, lang)))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(buf.Bytes())
	return nil
}
