package planparse_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/planparse"
)

// parseOrClearError runs Parse on data and requires either a plan that
// keeps the invariants of FuzzParse or an error that names the file.
func parseOrClearError(t *testing.T, name string, data []byte) *plan.Plan {
	t.Helper()
	p, err := planparse.Parse(name, data)
	if err != nil {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error does not say which file: %v", err)
		}
		return nil
	}
	text, err := planparse.Decode(data)
	if err != nil {
		t.Fatalf("Parse accepted input that Decode rejects: %v", err)
	}
	if _, err := json.Marshal(p); err != nil {
		t.Fatalf("plan does not marshal: %v", err)
	}
	checkPlan(t, p, text)
	return p
}

func TestParseRejectsEmptyInput(t *testing.T) {
	for _, in := range []string{"", "   \n\t\n", "\ufeff", "\u3000\u3000\n"} {
		_, err := planparse.Parse("empty.txt", []byte(in))
		if !errors.Is(err, planparse.ErrNoText) {
			t.Errorf("Parse(%q): error %v, want ErrNoText", in, err)
		}
	}
}

func TestParseRejectsBinary(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
	_, err := planparse.Parse("scan.png", png)
	if err == nil {
		t.Fatal("a PNG parsed as a plan")
	}
	if !strings.Contains(err.Error(), "scan.png") || !strings.Contains(err.Error(), "byte") {
		t.Errorf("error should name the file and where the data went wrong: %v", err)
	}
	_, err = planparse.Parse("broken.docx", []byte("PK\x03\x04 not a zip"))
	if err == nil || !strings.Contains(err.Error(), "broken.docx") {
		t.Errorf("a broken .docx: error %v, want one naming the file", err)
	}
}

func changshaOrSkip(t testing.TB) []byte {
	data, err := os.ReadFile(changshaText)
	if err != nil {
		t.Skipf("shared plans not beside the repository: %v", err)
	}
	return data
}

func TestParseTenMegabytes(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB parse skipped in -short mode")
	}
	one := changshaOrSkip(t)
	n := 10<<20/len(one) + 1
	data := repeatedBody(t, one, n)
	p := parseOrClearError(t, "big.txt", data)
	if p == nil {
		return
	}
	// Every copy of the body is read: 16 tasks with a lead unit each.
	leads := 0
	p.Walk(func(s *plan.Section) {
		if len(s.LeadUnits) > 0 {
			leads++
		}
	})
	if leads < 16*n {
		t.Errorf("10 MB of plan body: %d sections with a lead unit, want %d", leads, 16*n)
	}
}

func TestParseOneLongLine(t *testing.T) {
	one := strings.ReplaceAll(string(changshaOrSkip(t)), "\n", "")
	var b strings.Builder
	for b.Len() < 300_000 { // 100,000 characters of three bytes each
		b.WriteString(one)
	}
	line := []rune(b.String())[:100_000]
	p := parseOrClearError(t, "oneline.txt", []byte(string(line)))
	if p == nil {
		return
	}
	// The pasted text still holds the numbered tasks; a parser that keeps
	// the whole line as one paragraph finds none of them.
	n := 0
	p.Walk(func(s *plan.Section) {
		if len(s.LeadUnits) > 0 {
			n++
		}
	})
	if n < 16 {
		t.Errorf("%d sections with a lead unit in the one-line text, want at least the 16 tasks of one copy", n)
	}
}

func TestParseDeepNesting(t *testing.T) {
	styles := []string{"一、", "（一）", "1.", "（1）", "①"}
	var cycled, dotted, brackets strings.Builder
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&cycled, "%s第%d层任务。到2025年建成%d个。\n", styles[i%len(styles)], i, i+1)
		dotted.WriteString("1.")
	}
	dotted.WriteString("任务。到2025年建成3个。")
	brackets.WriteString("1.任务。（责任单位：")
	brackets.WriteString(strings.Repeat("（", 1000))
	brackets.WriteString("市发展改革委")
	brackets.WriteString(strings.Repeat("）", 1000))
	brackets.WriteString("）")
	for name, text := range map[string]string{"cycled.txt": cycled.String(), "dotted.txt": dotted.String(), "brackets.txt": brackets.String()} {
		t.Run(name, func(t *testing.T) {
			p := parseOrClearError(t, name, []byte(text))
			if p == nil {
				return
			}
			depth := 0
			var walk func([]*plan.Section, int)
			walk = func(ss []*plan.Section, d int) {
				for _, s := range ss {
					depth = max(depth, d)
					walk(s.Children, d+1)
				}
			}
			walk(p.Sections, 1)
			if depth > 64 {
				t.Errorf("section tree %d deep: a hostile text can make it arbitrarily deep", depth)
			}
		})
	}
}

// outline is what a user sees of a parsed plan, for comparing two encodings
// of one text.
func outline(p *plan.Plan) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%s|%s\n", p.Title, p.DocNumber, p.Issuer, p.Issued)
	p.Walk(func(s *plan.Section) {
		fmt.Fprintf(&b, "%s %s lead=%v co=%v\n", s.ID, s.Title, s.LeadUnits, s.CoUnits)
		for _, t := range s.Targets {
			fmt.Fprintf(&b, "  %s %v %s %s\n", t.Comparator, t.Value, t.Unit, t.Deadline)
		}
		for _, m := range s.Milestones {
			fmt.Fprintf(&b, "  milestone %s\n", m.Deadline)
		}
	})
	return b.String()
}

// TestGBKReadsLikeUTF8: offices still save plans as GBK from old Word; the
// same text in GBK must give the same plan.
func TestGBKReadsLikeUTF8(t *testing.T) {
	for _, name := range []string{"nanling_shuzijingji_2023", "linjiang_yingshang_gongzuoyaodian_2024"} {
		utf, err := os.ReadFile("testdata/plans/" + name + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(utf)
		if err != nil {
			t.Fatalf("encode GBK: %v", err)
		}
		pu, err := planparse.Parse(name+".txt", utf)
		if err != nil {
			t.Fatal(err)
		}
		pg, err := planparse.Parse(name+".gbk.txt", gbk)
		if err != nil {
			t.Fatalf("GBK %s: %v", name, err)
		}
		if outline(pu) != outline(pg) {
			t.Errorf("%s: GBK gives a different plan:\nUTF-8:\n%s\nGBK:\n%s", name, outline(pu), outline(pg))
		}
		if len(pu.Sections) == 0 || pu.Title == "" {
			t.Errorf("%s: empty parse, the comparison proves nothing", name)
		}
	}
}

// docxOf builds a minimal .docx whose paragraphs are the lines of text.
func docxOf(t testing.TB, text string) []byte {
	t.Helper()
	var body strings.Builder
	for _, line := range strings.Split(text, "\n") {
		fmt.Fprintf(&body, `<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, html.EscapeString(line))
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	files := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
		"word/document.xml":   `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`,
	}
	for _, name := range []string{"[Content_Types].xml", "word/document.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(files[name])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestDocxReadsLikeText: a plan saved as .docx gives the plan its text gives.
func TestDocxReadsLikeText(t *testing.T) {
	for _, name := range []string{"qingxi_5g_2023", "nanling_shuzijingji_2023"} {
		txt, err := os.ReadFile("testdata/plans/" + name + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		pt, err := planparse.Parse(name+".txt", txt)
		if err != nil {
			t.Fatal(err)
		}
		pd, err := planparse.Parse(name+".docx", docxOf(t, string(txt)))
		if err != nil {
			t.Fatalf("docx %s: %v", name, err)
		}
		if outline(pt) != outline(pd) {
			t.Errorf("%s: .docx gives a different plan:\ntext:\n%s\ndocx:\n%s", name, outline(pt), outline(pd))
		}
	}
}
