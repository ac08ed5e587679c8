package api_test

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzObservationBody posts arbitrary bodies as a reporter: whatever
// arrives, the answer is a stored observation or a client error in the
// envelope, never a 500 or a panic.
func FuzzObservationBody(f *testing.F) {
	for _, seed := range []string{
		`{"plan_id":1,"target_id":"1.1-1","kind":"flow","value":1,"period_start":"2020-01-01","period_end":"2020-12-31","quote":"q"}`,
		`[{"plan_id":1,"section_id":"1.1","kind":"event","period_end":"2020-09-01","quote":"q"}]`,
		`{"plan_id":1,"kind":"stock","value":1e308,"period_end":"2020-02-30","source_url":"x"}`,
		`{"plan_id":-1}`, `[]`, `[[]]`, `null`, `"x"`, `{"value":"1"}`, `{"plan_id":1e99}`, "{\"quote\":\"\xff\"}",
	} {
		f.Add(seed)
	}
	fx := newFixture(f, openSQLite, true)
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/api/observations", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+fx.secrets["gxj"])
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		fx.handler.ServeHTTP(rec, req)
		switch rec.Code {
		case 201, 400, 403, 413:
		default:
			t.Fatalf("body %q: status %d %s", body, rec.Code, rec.Body)
		}
		if rec.Code != 201 && !strings.Contains(rec.Body.String(), `"error"`) {
			t.Fatalf("body %q: %d without the envelope", body, rec.Code)
		}
	})
}
