package planparse

import (
	"archive/zip"
	"bytes"
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const sample = "长沙市推进新型基础设施建设三年行动计划\n一、主要任务\n1. 推进5G网络规模建设\n新建5G基站4万个以上。（责任单位：市工业和信息化局、市通信发展管理办公室）\n"

// checkSample asserts what every encoding of sample must give.
func checkSample(t *testing.T, data []byte) {
	t.Helper()
	p, err := Parse("sample", data)
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "长沙市推进新型基础设施建设三年行动计划" {
		t.Errorf("title %q", p.Title)
	}
	s := task(t, p, "1.1")
	if s.Title != "推进5G网络规模建设" || s.Text != "新建5G基站4万个以上。" {
		t.Errorf("task title %q text %q", s.Title, s.Text)
	}
	if !sameUnits(s.LeadUnits, []string{"市工业和信息化局"}) || !sameUnits(s.CoUnits, []string{"市通信发展管理办公室"}) {
		t.Errorf("units %q %q", s.LeadUnits, s.CoUnits)
	}
}

func TestInputUTF8WithBOMAndCRLF(t *testing.T) {
	data := "\ufeff" + strings.ReplaceAll(sample, "\n", "\r\n")
	checkSample(t, []byte(data))
	checkSample(t, []byte(strings.ReplaceAll(sample, "\n", "\r")))
}

func TestInputGB18030(t *testing.T) {
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	checkSample(t, gb)
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	checkSample(t, gbk)
}

// buildDocx writes a minimal .docx whose paragraphs are the lines of text;
// a line "a|b|c" becomes a table row.
func buildDocx(t *testing.T, lines []string) []byte {
	t.Helper()
	var body strings.Builder
	for _, l := range lines {
		if strings.Contains(l, "|") {
			body.WriteString("<w:tbl><w:tr>")
			for _, c := range strings.Split(l, "|") {
				body.WriteString("<w:tc><w:p><w:r><w:t>" + c + "</w:t></w:r></w:p></w:tc>")
			}
			body.WriteString("</w:tr></w:tbl>")
			continue
		}
		// Split each paragraph over two runs, as Word does, with a tab.
		half := len([]rune(l)) / 2
		r := []rune(l)
		body.WriteString("<w:p><w:r><w:t>" + string(r[:half]) + "</w:t></w:r><w:r><w:t xml:space=\"preserve\">" + string(r[half:]) + "</w:t></w:r></w:p>")
	}
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		body.String() + `</w:body></w:document>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"word/document.xml":   doc,
	} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestInputDocx(t *testing.T) {
	checkSample(t, buildDocx(t, strings.Split(strings.TrimSpace(sample), "\n")))
}

func TestInputDocxTable(t *testing.T) {
	data := buildDocx(t, []string{
		"民生实事项目",
		"序号|实事项目|责任单位|配合单位",
		"1|新增公办学位6800个。|教育局|发改局、财政局",
	})
	p, err := Parse("t.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	s := task(t, p, "1")
	if s.Title != "新增公办学位6800个" || !sameUnits(s.LeadUnits, []string{"教育局"}) || !sameUnits(s.CoUnits, []string{"发改局", "财政局"}) {
		t.Errorf("row: %q lead %q co %q", s.Title, s.LeadUnits, s.CoUnits)
	}
}

func TestInputErrors(t *testing.T) {
	var notDocx bytes.Buffer
	zw := zip.NewWriter(&notDocx)
	w, _ := zw.Create("readme.txt")
	w.Write([]byte("hello"))
	zw.Close()

	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "no text"},
		{"only spaces and BOM", []byte("\ufeff \r\n\u3000\n"), "no text"},
		{"binary", append([]byte("一、任务\n"), 0x00, 0x01, 0x02), "at byte 13"},
		{"zip that is not a docx", notDocx.Bytes(), "not a .docx"},
		{"broken zip", []byte("PK\x03\x04garbage"), "zip"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Parse("in.txt", c.data)
			if err == nil {
				t.Fatalf("no error; plan %+v", p)
			}
			if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "in.txt") {
				t.Errorf("error %q should name the file and say %q", err, c.want)
			}
		})
	}
	if _, err := Parse("x", nil); !errors.Is(err, ErrNoText) {
		t.Errorf("empty input: %v is not ErrNoText", err)
	}
}

func TestInputSpaces(t *testing.T) {
	// NBSP and ideographic-space indents, tabs and zero-width spaces.
	text := "\u3000\u3000一、主要任务\n\u00a0\u00a01.\t推进\u200b建设\n\u3000\u3000建设基站。（责任单位：市工信局）"
	p := ParseText(text)
	s := task(t, p, "1.1")
	if s.Title != "推进建设" || s.Text != "建设基站。" || !sameUnits(s.LeadUnits, []string{"市工信局"}) {
		t.Errorf("title %q text %q lead %q", s.Title, s.Text, s.LeadUnits)
	}
}

func TestPDFStraySpaces(t *testing.T) {
	p := parseFile(t, "dev/35_puyang_5g_sannianxingdong_2020.txt")
	if p.DocNumber != "濮政办〔 2020〕38号" || p.Issuer != "濮阳市人民政府办公室" || p.Issued != "2020-08-08" {
		t.Errorf("metadata %q %q %q", p.DocNumber, p.Issuer, p.Issued)
	}
	if strings.ReplaceAll(p.Title, " ", "") != "濮阳市加快5G产业发展三年行动计划(2020—2022年)" {
		t.Errorf("title %q", p.Title)
	}
	s := task(t, p, "1")
	if !strings.HasPrefix(s.Text, "到 2020年年底,5G基站数量超过1300个") {
		t.Errorf("section text %q", s.Text)
	}
}

func TestInputUTF8CutInsideACharacter(t *testing.T) {
	// Extracts cut at a byte count end inside a character; that must not
	// make the whole text read as GB18030.
	data := []byte(sample + "二、保障措施")
	data = data[:len(data)-1]
	checkSample(t, data)
}

func TestInputGarbageIsAnError(t *testing.T) {
	data := []byte("\xff\xfe\xfd\x81\x30\xff\xff\xff text")
	if _, err := Parse("junk.bin", data); err == nil || !strings.Contains(err.Error(), "at byte") {
		t.Errorf("error %v, want one saying where the bad byte is", err)
	}
}

// zipFiles writes a zip archive of the given files.
func zipFiles(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestInputDocxAutomaticNumbering(t *testing.T) {
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	numbering := `<w:numbering ` + w + `><w:abstractNum w:abstractNumId="7">` +
		`<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>` +
		`<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>` +
		`</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>`
	para := func(lvl int, text string) string {
		if lvl < 0 {
			return `<w:p><w:r><w:t>` + text + `</w:t></w:r></w:p>`
		}
		return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + string(rune('0'+lvl)) + `"/><w:numId w:val="3"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	doc := `<w:document ` + w + `><w:body>` +
		para(-1, "某市数字经济行动方案") + para(0, "总体要求") + para(1, "指导思想") + para(0, "主要任务") +
		para(1, "夯实基础") + para(2, "建设5G网络") + para(-1, "建成基站1万个。（责任单位：市工信局）") + para(2, "建设数据中心") +
		`</w:body></w:document>`
	data := zipFiles(t, map[string]string{"word/document.xml": doc, "word/numbering.xml": numbering})
	p, err := Parse("auto.docx", data)
	if err != nil {
		t.Fatal(err)
	}
	want := "1 一、 总体要求\n1.1 （一） 指导思想\n2 二、 主要任务\n2.1 （一） 夯实基础\n2.1.1 1. 建设5G网络\n2.1.2 2. 建设数据中心\n"
	if got := outline(p); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if s := task(t, p, "2.1.1"); !sameUnits(s.LeadUnits, []string{"市工信局"}) {
		t.Errorf("lead %q", s.LeadUnits)
	}
}
