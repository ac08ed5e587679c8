package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/planwatch/planwatch/internal/ledger"
)

func TestExportXLSXOpens(t *testing.T) {
	db := statusDB(t)
	out := filepath.Join(t.TempDir(), "台账.xlsx")
	mustRun(t, "export", "--db", db, "--format", "xlsx", "--plan", "1", "--as-of", "2022-12-31", "-o", out)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatalf("exported workbook does not open: %v", err)
	}
	defer f.Close()
	found := false
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatalf("sheet %s: %v", sh, err)
		}
		for _, r := range rows {
			line := strings.Join(r, "|")
			if strings.Contains(line, "新建5G基站4万个以上") && strings.Contains(line, "30490") && strings.Contains(line, "逾期未完成") {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("no row with the 5G target, its 30490 and 逾期未完成 in %v", f.GetSheetList())
	}
}

func TestExportCSVAndJSONToStdout(t *testing.T) {
	db := statusDB(t)
	out := mustRun(t, "export", "--db", db, "--format", "csv", "--as-of", "2022-12-31")
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("csv on stdout: %d records, %v", len(recs), err)
	}
	if !strings.Contains(out, "30490") {
		t.Error("csv lacks the counted 30490")
	}
	if !strings.Contains(recs[0][0], "序号") {
		t.Errorf("csv header %v, want Chinese labels by default", recs[0])
	}
	en := mustRun(t, "export", "--db", db, "--format", "csv", "--lang", "en", "--as-of", "2022-12-31")
	if !strings.Contains(en, "Status") || !strings.Contains(en, "Missed") {
		t.Errorf("--lang en: want English headers and labels:\n%.300s", en)
	}
	var l ledger.Ledger
	if err := json.Unmarshal([]byte(mustRun(t, "export", "--db", db, "--format", "json", "--as-of", "2021-01-31")), &l); err != nil || l.AsOf != "2021-01-31" {
		t.Errorf("json export: as_of %q, %v", l.AsOf, err)
	}
}

func TestExportErrors(t *testing.T) {
	db := statusDB(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--db", db, "--format", "xlsx"}, "xlsx needs -o"},
		{[]string{"export", "--db", db, "--format", "pdf", "-o", "x.pdf"}, "want xlsx, csv or json"},
		{[]string{"export", "--db", db, "--format", "csv", "--lang", "fr"}, "want zh or en"},
	} {
		if code, _, errs := runCLI(t, c.args...); code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d %q, want 2 with %q", c.args, code, errs, c.want)
		}
	}
	// A failed export leaves an existing file as it was.
	out := filepath.Join(t.TempDir(), "old.xlsx")
	os.WriteFile(out, []byte("previous"), 0o644)
	code, _, errs := runCLI(t, "export", "--db", db, "--plan", "99", "--format", "xlsx", "-o", out)
	if code != 1 || !strings.Contains(errs, "plan 99") {
		t.Errorf("unknown plan: exit %d %q", code, errs)
	}
	if b, _ := os.ReadFile(out); !bytes.Equal(b, []byte("previous")) {
		t.Error("a failed export overwrote the existing file")
	}
}
