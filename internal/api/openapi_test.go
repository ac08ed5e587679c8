package api

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

type openAPIPaths struct {
	OpenAPI string                                `json:"openapi"`
	Paths   map[string]map[string]json.RawMessage `json:"paths"`
}

func loadOpenAPI(t *testing.T) openAPIPaths {
	t.Helper()
	var doc openAPIPaths
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatalf("openapi.json does not parse: %v", err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Fatalf("openapi = %q, want 3.1", doc.OpenAPI)
	}
	return doc
}

// docPaths maps a route pattern to the documented paths it serves: the
// export route's {export} segment is three documented files.
func docPaths(path string) []string {
	if base, ok := strings.CutSuffix(path, "/{export}"); ok {
		return []string{base + "/export.xlsx", base + "/export.csv", base + "/export.json"}
	}
	return []string{path}
}

func TestOpenAPICoversRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	documented := map[string]bool{}
	for p, ops := range doc.Paths {
		for m := range ops {
			documented[strings.ToUpper(m)+" "+p] = true
		}
	}
	served := map[string]bool{}
	for _, rt := range (&API{}).routes() {
		method, path, _ := strings.Cut(rt.pattern, " ")
		for _, p := range docPaths(path) {
			served[method+" "+p] = true
			if !documented[method+" "+p] {
				t.Errorf("route %s %s is not in openapi.json", method, p)
			}
		}
	}
	for op := range documented {
		if !served[op] {
			t.Errorf("openapi.json describes %s, which no route serves", op)
		}
	}
}

func TestOpenAPIIsServed(t *testing.T) {
	a := New(Deps{})
	rec := httptest.NewRecorder()
	a.ServeHTTP(rec, httptest.NewRequest("GET", "/api/openapi.json", nil))
	if rec.Code != http.StatusOK || !json.Valid(rec.Body.Bytes()) {
		t.Fatalf("GET /api/openapi.json: %d, valid JSON %v", rec.Code, json.Valid(rec.Body.Bytes()))
	}
	var doc openAPIPaths
	json.Unmarshal(rec.Body.Bytes(), &doc)
	paths := make([]string, 0, len(doc.Paths))
	for p := range doc.Paths {
		paths = append(paths, p)
	}
	if !slices.Contains(paths, "/api/observations") {
		t.Errorf("served document lacks /api/observations: %v", paths)
	}
}
