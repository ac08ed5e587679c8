package export

// These tests open the xlsx ledger in LibreOffice Calc, the closest stand-in
// for Excel and WPS that runs on Debian, the way a supervision office uses
// it: read it, save it again, print it. They skip when soffice is missing,
// unless PLANWATCH_REQUIRE_LIBREOFFICE=1 (CI, after .ci/libreoffice.sh)
// makes that a failure.

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/planwatch/planwatch/internal/demo"
	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store/sqlite"
)

// office is a headless LibreOffice with a profile of its own: two soffice
// processes sharing a profile hand their work to each other and collide,
// and go test runs packages in parallel.
type office struct {
	bin     string
	profile string // a file:// URL
}

func newOffice(t *testing.T) *office {
	t.Helper()
	var bin string
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		if os.Getenv("PLANWATCH_REQUIRE_LIBREOFFICE") == "1" {
			t.Fatal("no soffice binary found and PLANWATCH_REQUIRE_LIBREOFFICE=1; run .ci/libreoffice.sh")
		}
		t.Skip("LibreOffice (soffice) is not installed; .ci/libreoffice.sh installs it")
	}
	o := &office{bin: bin, profile: "file://" + filepath.ToSlash(filepath.Join(t.TempDir(), "profile"))}
	// Create the profile (with its Basic library, which macro needs) first,
	// so that no later call pays for it or races it.
	o.run(t, "--terminate_after_init")
	return o
}

// run runs soffice headless with args and returns what it printed. It
// fails the test when soffice fails, hangs, or reports an error: soffice
// exits 0 even when it could not load the file.
func (o *office) run(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	all := append([]string{"-env:UserInstallation=" + o.profile, "--headless", "--norestore", "--nologo"}, args...)
	cmd := exec.CommandContext(ctx, o.bin, all...)
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		// javaldx: no Java runtime, which Calc does not need.
		if strings.Contains(strings.ToLower(line), "error") && !strings.Contains(line, "javaldx") {
			t.Fatalf("soffice %s reported: %s\n%s", strings.Join(args, " "), line, out)
		}
	}
	return string(out)
}

// convert converts src with filter into dir and returns the converted
// file's path (for csv of every sheet, the path without the sheet suffix).
func (o *office) convert(t *testing.T, src, filter, dir string) string {
	t.Helper()
	out := o.run(t, "--convert-to", filter, "--outdir", dir, src)
	ext, _, _ := strings.Cut(filter, ":")
	dst := filepath.Join(dir, strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))+"."+ext)
	if matches, _ := filepath.Glob(strings.TrimSuffix(dst, "."+ext) + "*." + ext); len(matches) == 0 {
		t.Fatalf("soffice wrote no %s file for %s:\n%s", ext, src, out)
	}
	return dst
}

// demoLedger is the Changsha demo judged as of its last day, built the
// way `planwatch export` builds it: imported into a store, then judged.
func demoLedger(t *testing.T) *ledger.Ledger {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	id, err := demo.Load(t.Context(), st)
	if err != nil {
		t.Fatal(err)
	}
	l, err := ledger.Build(t.Context(), st, ledger.Options{PlanID: id, AsOf: demo.AsOf})
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Rows) < 10 {
		t.Fatalf("demo ledger has %d rows; the test needs the whole demo", len(l.Rows))
	}
	return l
}

func writeFile(t *testing.T, dir, name, format string, l *ledger.Ledger) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, l, "zh"); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Calc's CSV export options, as the filter's token string: comma, double
// quote, UTF-8 (76), from line 1, then "save cell contents as shown"
// (token 9) and every sheet to a file of its own (token 12 = -1).
func csvFilter(asShown bool) string {
	return fmt.Sprintf("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,%t,false,false,-1", asShown)
}

func readCSVFile(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// sheetCSV is the csv Calc wrote for one sheet of base.csv.
func sheetCSV(t *testing.T, base, sheet string) [][]string {
	t.Helper()
	return readCSVFile(t, strings.TrimSuffix(base, ".csv")+"-"+sheet+".csv")
}

// TestLibreOfficeReadsLedger opens the demo ledger in Calc and reads it
// back as Calc shows it: every row, the Chinese text byte for byte, the
// numbers and dates as the ledger has them, the same as the csv download.
func TestLibreOfficeReadsLedger(t *testing.T) {
	o := newOffice(t)
	l := demoLedger(t)
	dir := t.TempDir()
	src := writeFile(t, dir, "ledger.xlsx", XLSX, l)

	shown := sheetCSV(t, o.convert(t, src, csvFilter(true), filepath.Join(dir, "shown")), SheetLedger)
	raw := sheetCSV(t, o.convert(t, src, csvFilter(false), filepath.Join(dir, "raw")), SheetLedger)

	// Title, header, one line per target, a blank line, the rules.
	if len(shown) != len(l.Rows)+4 {
		t.Fatalf("Calc reads %d lines on %s, want title, header, %d targets, blank, notes:\n%v", len(shown), SheetLedger, len(l.Rows), shown)
	}
	if got := shown[0][0]; got != title(l, false) {
		t.Errorf("title reads %q, want %q", got, title(l, false))
	}
	if got := strings.Join(shown[1], ","); got != strings.Join(zhHeader, ",") {
		t.Errorf("header reads %s", got)
	}
	if note := shown[len(shown)-1][0]; note != rules(l.Config, false) {
		t.Errorf("notes read %q", note)
	}

	// What Calc shows is what the csv download says, cell for cell; only
	// the thousands separators of plain numbers differ.
	want := readCSVFile(t, writeFile(t, dir, "ledger.csv", CSV, l))
	for i, r := range l.Rows {
		got, w := shown[i+2], want[i+1]
		if len(got) != len(zhHeader) {
			t.Fatalf("row %d has %d cells in Calc: %v", i+1, len(got), got)
		}
		for c, name := range zhHeader {
			g := got[c]
			if name == "序号" || name == "目标值" || name == "当前值" {
				g = strings.ReplaceAll(g, ",", "")
			}
			if g != w[c] {
				t.Errorf("row %d (%s) %s: Calc shows %q, the csv says %q", i+1, r.Target.ID, name, got[c], w[c])
			}
		}
		// The fields a supervisor reads, against the ledger itself.
		for name, v := range map[string]string{
			"任务":   r.TaskTitle,
			"牵头单位": strings.Join(r.LeadUnits, "、"),
			"配合单位": strings.Join(r.CoUnits, "、"),
			"状态":   StatusLabel(r.Verdict.Status, false),
			"完成时限": string(r.Target.Deadline),
			"研判说明": r.Verdict.Explanation,
		} {
			if got[col(name)] != v {
				t.Errorf("row %d %s: Calc shows %q, the ledger has %q", i+1, name, got[col(name)], v)
			}
		}

		// Unformatted, the numbers are the ledger's numbers; only a share
		// short of done is stored as shown, rounded down to 0.1%.
		rr := raw[i+2]
		checkNum(t, i+1, "目标值", rr[col("目标值")], &r.Target.Value, false, 0)
		checkNum(t, i+1, "当前值", rr[col("当前值")], r.Verdict.Counted, false, 0)
		checkNum(t, i+1, "完成比例", rr[col("完成比例")], r.Verdict.Share, true, 0.001)
		checkNum(t, i+1, "序时进度", rr[col("序时进度")], r.Verdict.Expected, true, 0)
	}

	units := sheetCSV(t, filepath.Join(dir, "shown", "ledger.csv"), SheetUnits)
	if got := strings.Join(units[1], ","); got != strings.Join(unitHeader(false), ",") {
		t.Errorf("units header reads %s", got)
	}
	if len(units) != len(l.Units)+3 {
		t.Fatalf("Calc reads %d lines on %s, want title, header, all targets and %d units", len(units), SheetUnits, len(l.Units))
	}
	for i, u := range l.Units {
		got := units[i+3]
		if got[0] != u.Unit || got[1] != strconv.Itoa(u.Lead.Total) || got[1+len(status.Statuses)+2] != strconv.Itoa(u.Co.Total) {
			t.Errorf("unit line %v, want %s with %d led and %d co-led targets", got, u.Unit, u.Lead.Total, u.Co.Total)
		}
	}
}

// TestLibreOfficeShareShortOfDone: a target 99.96% done must not show as
// 100.0% done in Calc (nor in Excel or WPS, which round the same way),
// beside a status that says it is not done; it shows 99.9%, as the csv.
func TestLibreOfficeShareShortOfDone(t *testing.T) {
	o := newOffice(t)
	l := demoLedger(t)
	for i, share := range []float64{0.9996, 0.99951, 0.7625, 1, 1.2346} {
		r := &l.Rows[i]
		r.Verdict.Share = &share
	}
	dir := t.TempDir()
	shown := sheetCSV(t, o.convert(t, writeFile(t, dir, "ledger.xlsx", XLSX, l), csvFilter(true), dir), SheetLedger)
	for i, want := range []string{"99.9%", "99.9%", "76.2%", "100.0%", "123.5%"} {
		if got := shown[i+2][col("完成比例")]; got != want {
			t.Errorf("share %v shows %q in Calc, want %q", *l.Rows[i].Verdict.Share, got, want)
		}
	}
}

// TestXLSXShareShortOfDone is TestLibreOfficeShareShortOfDone for
// machines without LibreOffice, as excelize formats the cell.
func TestXLSXShareShortOfDone(t *testing.T) {
	l := sample()
	l.Rows[0].Verdict.Share = val(0.9996)
	var buf bytes.Buffer
	if err := Write(&buf, XLSX, l, "zh"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ref, _ := excelize.CoordinatesToCellName(col("完成比例")+1, 3)
	if got, _ := f.GetCellValue(SheetLedger, ref); got != "99.9%" {
		t.Errorf("share 0.9996 shows %q, want 99.9%%", got)
	}
}

// TestXLSXWholeNumbersShowNoPoint: Excel and WPS show a whole number under
// a format with optional decimals (#,##0.##) with a dangling point,
// "40,000.", where Calc shows "40,000", so Calc cannot catch it; the
// formats themselves are checked instead, on every number of both sheets.
func TestXLSXWholeNumbersShowNoPoint(t *testing.T) {
	l := sample()
	l.Rows[1].Target.Value = 2.5
	var buf bytes.Buffer
	if err := Write(&buf, XLSX, l, "zh"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	numbers, fractions := 0, 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, raw := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
					continue
				}
				v, err := strconv.ParseFloat(raw, 64)
				if err != nil {
					continue
				}
				sid, _ := f.GetCellStyle(sheet, ref)
				st, err := f.GetStyle(sid)
				if err != nil || st.CustomNumFmt == nil {
					continue
				}
				numFmt := *st.CustomNumFmt
				if strings.Contains(numFmt, "%") {
					continue
				}
				numbers++
				optional := strings.Contains(numFmt, ".#")
				if v == math.Trunc(v) && optional {
					t.Errorf("%s!%s: whole number %v under %q shows as %v. in Excel and WPS", sheet, ref, v, numFmt, v)
				}
				if v != math.Trunc(v) {
					fractions++
					if !optional {
						t.Errorf("%s!%s: %v under %q loses its decimals", sheet, ref, v, numFmt)
					}
				}
			}
		}
	}
	if numbers < 10 || fractions != 1 {
		t.Errorf("checked %d numbers, %d with decimals; want the sample's numbers and its one 2.5", numbers, fractions)
	}
}

// checkNum compares a cell of Calc's unformatted csv with the ledger's
// number, to within tolerance: empty when the ledger has none, a
// percentage for shares.
func checkNum(t *testing.T, row int, name, got string, want *float64, percent bool, tolerance float64) {
	t.Helper()
	if want == nil {
		if got != "" {
			t.Errorf("row %d %s: Calc reads %q where the ledger has no number", row, name, got)
		}
		return
	}
	s, scale := got, 1.0
	if percent {
		var ok bool
		if s, ok = strings.CutSuffix(got, "%"); !ok {
			t.Errorf("row %d %s: Calc reads %q, want a percentage", row, name, got)
			return
		}
		scale = 100
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Errorf("row %d %s: Calc reads %q, not a number", row, name, got)
		return
	}
	if math.Abs(f/scale-*want) > math.Max(tolerance, 1e-9*math.Max(1, math.Abs(*want))) {
		t.Errorf("row %d %s: Calc reads %s, the ledger has %v", row, name, got, *want)
	}
}

// TestLibreOfficeSavesLedger saves the ledger again from Calc, as a WPS or
// Excel user does, and reopens the saved file: the sheets, the header, the
// numbers as numbers, the status colours and the print setup survive.
func TestLibreOfficeSavesLedger(t *testing.T) {
	o := newOffice(t)
	l := demoLedger(t)
	dir := t.TempDir()
	src := writeFile(t, dir, "ledger.xlsx", XLSX, l)
	saved := o.convert(t, src, "xlsx:Calc MS Excel 2007 XML", filepath.Join(dir, "saved"))

	f, err := excelize.OpenFile(saved)
	if err != nil {
		t.Fatalf("the workbook Calc saved does not reopen: %v", err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != SheetLedger || got[1] != SheetUnits {
		t.Fatalf("sheets after saving in Calc: %v", got)
	}
	rows, err := f.GetRows(SheetLedger)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || strings.Join(rows[1], ",") != strings.Join(zhHeader, ",") {
		t.Fatalf("header row after saving in Calc: %v", rows)
	}
	fills := cellFills(t, saved)
	for i, r := range l.Rows {
		ref := func(name string) string {
			c, _ := excelize.CoordinatesToCellName(col(name)+1, i+3)
			return c
		}
		if got, _ := f.GetCellValue(SheetLedger, ref("任务")); got != r.TaskTitle {
			t.Errorf("row %d 任务 after saving: %q, want %q", i+1, got, r.TaskTitle)
		}
		// A number stays a number Excel can sum.
		if typ, _ := f.GetCellType(SheetLedger, ref("目标值")); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("row %d 目标值 saved as type %v, want a number", i+1, typ)
		}
		raw, _ := f.GetCellValue(SheetLedger, ref("目标值"), excelize.Options{RawCellValue: true})
		if v, err := strconv.ParseFloat(raw, 64); err != nil || v != r.Target.Value {
			t.Errorf("row %d 目标值 saved as %q, want %v", i+1, raw, r.Target.Value)
		}
		// The status keeps its colour, the header its fill: no lost style.
		sid, _ := f.GetCellStyle(SheetLedger, ref("状态"))
		st, err := f.GetStyle(sid)
		if err != nil {
			t.Fatal(err)
		}
		if got := fills[sid]; !strings.EqualFold(got, "FF"+statusFill[r.Verdict.Status]) {
			t.Errorf("row %d 状态 %s saved with fill %q, want %s", i+1, r.Verdict.Status, got, statusFill[r.Verdict.Status])
		}
		if st.Font == nil || !st.Font.Bold {
			t.Errorf("row %d 状态 saved without its bold font: %+v", i+1, st.Font)
		}
	}
	sid, _ := f.GetCellStyle(SheetLedger, "L3")
	if st, err := f.GetStyle(sid); err != nil || st.CustomNumFmt == nil || !strings.Contains(*st.CustomNumFmt, "%") {
		t.Errorf("完成比例 saved without its percentage format: %+v %v", st, err)
	}

	for _, sheet := range []string{SheetLedger, SheetUnits} {
		pl, err := f.GetPageLayout(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Size == nil || *pl.Size != 9 || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
			t.Errorf("%s page layout after saving in Calc: size %v, %v, %v page(s) wide; want A4 (9), landscape, 1",
				sheet, deref(pl.Size), deref(pl.Orientation), deref(pl.FitToWidth))
		}
	}
	titles := map[string]bool{}
	for _, d := range f.GetDefinedName() {
		if d.Name == "_xlnm.Print_Titles" && strings.HasSuffix(d.RefersTo, "$2:$2") {
			titles[d.Scope] = true
		}
	}
	if !titles[SheetLedger] || !titles[SheetUnits] {
		t.Errorf("header rows no longer repeat on printed pages after saving: %+v", f.GetDefinedName())
	}
	// Calc run headless has no window and writes no view settings when it
	// saves, frozen panes included (unoconv/unoconv#245: the same happens
	// to an .ods frozen in Calc), so the frozen header is checked where
	// Calc reads it, in TestLibreOfficeFreezesHeader.
}

// cellFills reads the solid fill colour (ARGB) of each cell style of an
// xlsx file from its styles.xml. excelize's GetStyle is no help here: it
// ignores a fill unless the style says applyFill, which Calc leaves out
// and Excel and WPS do not need.
func cellFills(t *testing.T, path string) map[int]string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	r, err := z.Open("xl/styles.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var ss struct {
		Fills []struct {
			FgColor struct {
				RGB string `xml:"rgb,attr"`
			} `xml:"patternFill>fgColor"`
		} `xml:"fills>fill"`
		Xfs []struct {
			FillID int `xml:"fillId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.NewDecoder(r).Decode(&ss); err != nil {
		t.Fatalf("%s styles.xml: %v", path, err)
	}
	out := map[int]string{}
	for i, xf := range ss.Xfs {
		if xf.FillID < len(ss.Fills) {
			out[i] = ss.Fills[xf.FillID].FgColor.RGB
		}
	}
	return out
}

func deref[T any](p *T) any {
	if p == nil {
		return "unset"
	}
	return *p
}

// paneMacro is Basic that writes, for every sheet of the workbook src as
// Calc opens it, the sheet's name, rows frozen and columns frozen (0 when
// that direction is not frozen), tab-separated, to the file dst.
const paneMacro = `Sub Panes(src As String, dst As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(src), "_blank", 0, args())
  n = FreeFile
  Open dst For Output As #n
  For Each p In doc.getViewData().getByIndex(0)
    If p.Name = "Tables" Then
      tables = p.Value
      For Each sheet In tables.getElementNames()
        vmode = 0 : vpos = 0 : hmode = 0 : hpos = 0
        For Each s In tables.getByName(sheet)
          Select Case s.Name
          Case "VerticalSplitMode"
            vmode = s.Value
          Case "VerticalSplitPositionTwips"
            vpos = s.Value
          Case "HorizontalSplitMode"
            hmode = s.Value
          Case "HorizontalSplitPositionTwips"
            hpos = s.Value
          End Select
        Next s
        rows = 0 : cols = 0
        ' Mode 2 is a freeze; its position then counts rows or columns.
        If vmode = 2 Then rows = vpos
        If hmode = 2 Then cols = hpos
        Print #n, sheet & Chr(9) & rows & Chr(9) & cols
      Next sheet
    End If
  Next p
  Close #n
  doc.close(True)
End Sub
`

// basicModule wraps Basic source as the Module1.xba of a profile's
// Standard library.
func basicModule(src string) []byte {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">`)
	xml.EscapeText(&b, []byte(src))
	b.WriteString("</script:module>\n")
	return b.Bytes()
}

// TestLibreOfficeFreezesHeader opens the ledger in Calc and asks Calc
// which rows and columns it froze: the title and header rows stay on
// screen while a supervisor scrolls a long ledger.
func TestLibreOfficeFreezesHeader(t *testing.T) {
	o := newOffice(t)
	l := demoLedger(t)
	dir := t.TempDir()
	src := writeFile(t, dir, "ledger.xlsx", XLSX, l)

	profileDir := strings.TrimPrefix(o.profile, "file://")
	module := filepath.Join(profileDir, "user", "basic", "Standard", "Module1.xba")
	if _, err := os.Stat(module); err != nil {
		t.Fatalf("LibreOffice profile has no Basic library to hold the macro: %v", err)
	}
	// A macro in the profile's own library runs without a security prompt.
	if err := os.WriteFile(module, basicModule(paneMacro), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "panes.txt")
	o.run(t, fmt.Sprintf("macro:///Standard.Module1.Panes(%q,%q)", src, out))
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("the macro wrote nothing: %v", err)
	}
	got := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(strings.ReplaceAll(string(b), "\r", "")), "\n") {
		name, frozen, _ := strings.Cut(line, "\t")
		got[name] = frozen
	}
	// rows, columns: the ledger freezes title and header; the unit
	// roll-up also the unit names.
	for sheet, want := range map[string]string{SheetLedger: "2\t0", SheetUnits: "2\t1"} {
		if got[sheet] != want {
			t.Errorf("Calc freezes %q (rows, columns) on %s, want %q; all: %q", got[sheet], sheet, want, b)
		}
	}
}

// TestLibreOfficePrintsLedger prints the ledger to PDF through Calc and
// checks the page setup a supervision office relies on: A4 landscape,
// every column on the page width, the header repeated and the pages
// numbered on every page.
func TestLibreOfficePrintsLedger(t *testing.T) {
	o := newOffice(t)
	l := demoLedger(t)
	dir := t.TempDir()

	// The demo's sixteen targets fit on one page, the unit roll-up on a
	// second.
	pdf := o.convert(t, writeFile(t, dir, "demo.xlsx", XLSX, l), "pdf:calc_pdf_Export", filepath.Join(dir, "demo"))
	if n := pdfPages(t, pdf); n != 2 {
		t.Errorf("the demo ledger prints on %d pages, want 2: the ledger and the unit roll-up", n)
	}
	checkA4Landscape(t, pdf)

	// A city's ledger runs over many pages; each repeats the header and
	// shows the last column, so nothing spilled onto pages of its own.
	long := *l
	long.Rows = nil
	for len(long.Rows) < 120 {
		long.Rows = append(long.Rows, l.Rows...)
	}
	pdf = o.convert(t, writeFile(t, dir, "long.xlsx", XLSX, &long), "pdf:calc_pdf_Export", filepath.Join(dir, "long"))
	n := pdfPages(t, pdf)
	if n < 4 {
		t.Fatalf("a %d-target ledger prints on %d pages; its rows cannot fit on so few", len(long.Rows), n)
	}
	t.Logf("%d targets print on %d pages", len(long.Rows), n)
	checkA4Landscape(t, pdf)
	text := pdfText(t, pdf)
	if text == nil {
		return
	}
	if len(text) != n {
		t.Fatalf("pdftotext found %d pages, pdfinfo %d", len(text), n)
	}
	for i, page := range text[:n-1] { // the last page is the unit roll-up
		flat := strings.Join(strings.Fields(page), "")
		if !strings.Contains(flat, "序号") || !strings.Contains(flat, "研判说明") {
			t.Errorf("printed page %d lacks the header row with its first and last column", i+1)
		}
		if footer := fmt.Sprintf("第%d页，共%d页", i+1, n); !strings.Contains(flat, footer) {
			t.Errorf("printed page %d lacks the footer %q", i+1, footer)
		}
	}
	if last := strings.Join(strings.Fields(text[n-1]), ""); !strings.Contains(last, "按单位汇总") {
		t.Errorf("the last printed page is not the unit roll-up")
	}
}

var pageObject = regexp.MustCompile(`/Type\s*/Page\b[^s]`)

// pdfPages counts the pages of a PDF: with pdfinfo (poppler-utils) when
// installed, else by its page objects, which Calc writes uncompressed.
func pdfPages(t *testing.T, path string) int {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err == nil {
		out, err := exec.Command("pdfinfo", path).Output()
		if err != nil {
			t.Fatalf("pdfinfo %s: %v", path, err)
		}
		m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
		if m == nil {
			t.Fatalf("pdfinfo %s gives no page count:\n%s", path, out)
		}
		n, _ := strconv.Atoi(string(m[1]))
		return n
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return len(pageObject.FindAll(b, -1))
}

// checkA4Landscape checks every page is A4 turned sideways, 842 × 595 pt.
func checkA4Landscape(t *testing.T, path string) {
	t.Helper()
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Log("pdfinfo missing (poppler-utils): page sizes not checked")
		return
	}
	out, err := exec.Command("pdfinfo", "-f", "1", "-l", "9999", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", path, err)
	}
	sizes := regexp.MustCompile(`(?m)^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts`).FindAllSubmatch(out, -1)
	if len(sizes) == 0 {
		t.Fatalf("pdfinfo %s lists no page sizes:\n%s", path, out)
	}
	for _, s := range sizes {
		w, _ := strconv.ParseFloat(string(s[2]), 64)
		h, _ := strconv.ParseFloat(string(s[3]), 64)
		if math.Abs(w-841.89) > 1 || math.Abs(h-595.28) > 1 {
			t.Errorf("page %s is %.1f × %.1f pt, want A4 landscape 841.9 × 595.3", s[1], w, h)
		}
	}
}

// pdfText is the text of each page (pdftotext separates pages with form
// feeds), or nil when pdftotext is missing.
func pdfText(t *testing.T, path string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Log("pdftotext missing (poppler-utils): printed headers and footers not checked")
		return nil
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
}
