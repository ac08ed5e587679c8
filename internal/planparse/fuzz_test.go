package planparse_test

import (
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/planparse"
)

// nastySeeds are short inputs at the edges of what the parser reads:
// numbering without text, numbers that look like item numbers, dates
// that do not exist, absurd quantities, unclosed brackets, a fake .docx.
var nastySeeds = []string{
	"",
	"\x00\x01\x02",
	"\ufeff",
	"一、",
	"（一）（一）（一）（一）",
	"1.4月底前完成。2.8月底前完成。3.11月底前完成。",
	"4.5G+工业互联网。到2024年建成5G全连接工厂3家，2025年达到8家。",
	"到2025年，达到",
	"到2025年，新建基站9999999999999999999999万亿个以上。",
	"到2025年，覆盖率达到1e308%。",
	"到0年底前，完成0个。到99999年底，建成1个。",
	"2023年13月底前完成改造。2月30日前建成。",
	"百分之百分之六十以上",
	"（牵头单位：；配合单位：）",
	"责任单位：（牵头）、、、（牵头）",
	"（县工信局牵头，县住建局、",
	"〔市生态环境局牵头，（（（（（",
	"| | | |\n| 1 | 新建7所 | | |",
	"PK\x03\x04garbage",
	"一、\n（一）\n1.\n（1）\n①\n②\n（2）\n2.\n（二）\n二、",
	strings.Repeat("（一）", 200),
	"到2022年，全市基本完成5G规模组网并实现规模化商用，新建5G基站4万个以上。（责任单位：市工业和信息化局、市数据资源局，列首位的为牵头单位，下同）",
}

// FuzzParse checks what must hold for any input: no panic; an error or a
// plan, never both missing; the plan marshals to JSON (no NaN or Inf
// values); every quote is cut from the decoded text; every deadline is a
// real date.
func FuzzParse(f *testing.F) {
	for _, s := range nastySeeds {
		f.Add([]byte(s))
	}
	var files []string
	for _, pattern := range []string{sharedPlans + "/dev/*.txt", "testdata/plans/*.txt", changshaText} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	for _, path := range files {
		data := readPlanText(f, path)
		f.Add(data)
		if gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(data); err == nil {
			f.Add(gbk)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := planparse.Parse("fuzz.txt", data)
		if err != nil {
			if p != nil {
				t.Errorf("Parse returned both a plan and an error: %v", err)
			}
			return
		}
		if p == nil {
			t.Fatal("Parse returned neither a plan nor an error")
		}
		text, err := planparse.Decode(data)
		if err != nil {
			t.Fatalf("Parse accepted input that Decode rejects: %v", err)
		}
		if _, err := json.Marshal(p); err != nil {
			t.Fatalf("plan does not marshal: %v", err)
		}
		checkPlan(t, p, text)
	})
}

// checkPlan asserts the invariants of a parsed plan against its text.
func checkPlan(t *testing.T, p *plan.Plan, text string) {
	t.Helper()
	flat := squeeze(text)
	for _, d := range []plan.Date{p.Issued, p.EffectiveFrom, p.EffectiveTo} {
		checkDate(t, "metadata", d)
	}
	p.Walk(func(s *plan.Section) {
		for _, tg := range s.Targets {
			checkDate(t, "target "+tg.Quote, tg.Deadline)
			checkQuote(t, "target", tg.Quote, text, flat)
			if math.IsNaN(tg.Value) || math.IsInf(tg.Value, 0) {
				t.Errorf("target %q: value %v", tg.Quote, tg.Value)
			}
		}
		for _, m := range s.Milestones {
			checkDate(t, "milestone "+m.Quote, m.Deadline)
			checkQuote(t, "milestone", m.Quote, text, flat)
		}
	})
}

func checkDate(t *testing.T, what string, d plan.Date) {
	t.Helper()
	if d.IsZero() {
		return
	}
	if _, err := plan.ParseDate(string(d)); err != nil {
		t.Errorf("%s: deadline %q: %v", what, d, err)
	}
}

// checkQuote requires the quote to be a span of the text. The parser
// normalises spaces and joins lines that PDF extraction broke, so the span
// is compared with white space removed on both sides.
func checkQuote(t *testing.T, what, quote, text, flat string) {
	t.Helper()
	if quote == "" {
		t.Errorf("%s without a quote", what)
		return
	}
	if strings.Contains(text, quote) {
		return
	}
	if !strings.Contains(flat, squeeze(quote)) {
		t.Errorf("%s quote %q is not in the text", what, quote)
	}
}

// squeeze drops white space and what the parser's space cleaning drops:
// zero-width characters, control bytes and U+FFFD.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError ||
			r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u2060' {
			return -1
		}
		return r
	}, s)
}
