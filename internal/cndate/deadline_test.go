package cndate

import (
	"testing"
	"unicode/utf8"

	"github.com/planwatch/planwatch/internal/plan"
)

func TestDeadline(t *testing.T) {
	tests := []struct {
		in   string
		ref  int
		want plan.Date
	}{
		{"到2022年，全市新建5G基站4万个以上", 2020, "2022-12-31"},
		{"到2022年底", 2020, "2022-12-31"},
		{"2022年年底前完成", 2020, "2022-12-31"},
		{"到 2020年年底,5G基站数量超过1300个", 2020, "2020-12-31"},
		{"到2020年末", 2019, "2020-12-31"},
		{"2020年9月底前完成", 2020, "2020-09-30"},
		{"2019年9月底前,基本完成全市整治任务", 2019, "2019-09-30"},
		{"9月底前完成7家建设任务", 2022, "2022-09-30"},
		{"1.4月底前职教中心主体完工", 2022, "2022-04-30"},
		{"3.11月底前天目山镇中心幼儿园竣工交付", 2022, "2022-11-30"},
		{"2月底前完成", 2024, "2024-02-29"},
		{"年底前完成", 2021, "2021-12-31"},
		{"年内建成", 2021, "2021-12-31"},
		{"今年底前", 2021, "2021-12-31"},
		{"明年上半年", 2021, "2022-06-30"},
		{"上半年完成", 2021, "2021-06-30"},
		{"下半年启动", 2021, "2021-12-31"},
		{"一季度完成", 2021, "2021-03-31"},
		{"第一季度", 2021, "2021-03-31"},
		{"第3季度", 2021, "2021-09-30"},
		{"前三季度", 2021, "2021-09-30"},
		{"2022年第二季度", 2021, "2022-06-30"},
		{"2022年6月30日前", 2020, "2022-06-30"},
		{"6月30日前", 2020, "2020-06-30"},
		{"确保2024 年 12 月底前全部整改到位", 2024, "2024-12-31"},
		{"于2024 年 12 月 20 日前报市安委办", 2024, "2024-12-20"},
		{"于2024年12月20日前报市安委办", 2024, "2024-12-20"},
		{"新增面积不超过上年末存量的5%", 2025, ""},
		{"较去年底增加", 2025, ""},
		{"11月中旬前", 2020, "2020-11-20"},
		{"“十四五”期间", 2021, "2025-12-31"},
		{"十四五末", 2021, "2025-12-31"},
		{"\"十三五\"期间", 2016, "2020-12-31"},
		{"到二〇二二年", 2020, "2022-12-31"},
		{"二〇二二年底前", 2020, "2022-12-31"},
		{"到2025年，每千人床位数达到6.8张", 2024, "2025-12-31"},
		{"２０２２年底", 2020, "2022-12-31"},
		{"2020—2022年", 2020, ""}, // a plan period, not a point to meet
		{"比2015年分别下降15%", 2019, ""},
		{"全区2023年重点工作", 2023, ""},
		{"每年底前报送", 2020, ""},
		{"每月10日前", 2020, ""},
		{"每年3月底前报送", 2020, ""},
		{"截至2020年底，累计建成4210座", 2020, ""},
		{"十四五规划", 2021, ""},
		{"近年来", 2021, ""},
		{"鞍立政发〔2023〕2号", 2023, ""},
		{"新建5G基站4万个以上", 2020, ""},
		{"年底前完成", 0, ""},
		{"全年为经营主体减税降费20亿元以上", 2024, "2024-12-31"},
		{"，年度完成投资150亿元", 2024, "2024-12-31"},
		{"完成年度批而未供土地处置任务", 2024, ""},
		{"努力实现全年经济社会发展的目标任务", 2023, ""},
		{"做好今年政府工作", 2023, ""},
		{"今年内完成", 2023, "2023-12-31"},
	}
	for _, tt := range tests {
		got, _ := Deadline(tt.in, tt.ref)
		if got != tt.want {
			t.Errorf("Deadline(%q, %d) = %q; want %q", tt.in, tt.ref, got, tt.want)
		}
	}
}

func TestFindSpans(t *testing.T) {
	tests := []struct {
		in       string
		quotes   []string
		explicit []bool
	}{
		{"到 2020年年底,5G基站数量超过1300个", []string{"到 2020年年底"}, []bool{true}},
		{"比2015年分别下降15%", []string{"2015年"}, []bool{false}},
		{"(2020—2022年)行动计划", []string{"2020—2022年"}, []bool{false}},
		{"到2022年…达到X，到2024年…达到Y", []string{"到2022年", "到2024年"}, []bool{true, true}},
		{"3月底前新建成2家;6月底前新建成2家;9月底前完成7家建设任务", []string{"3月底前", "6月底前", "9月底前"}, []bool{true, true, true}},
		{"截至2020年底", []string{"截至2020年底"}, []bool{true}},
	}
	for _, tt := range tests {
		ms := Find(tt.in, 2020)
		if len(ms) != len(tt.quotes) {
			t.Errorf("Find(%q) found %d, want %d: %+v", tt.in, len(ms), len(tt.quotes), ms)
			continue
		}
		for k, m := range ms {
			if q := tt.in[m.Start:m.End]; q != tt.quotes[k] || m.Explicit != tt.explicit[k] {
				t.Errorf("Find(%q)[%d] = %q explicit %v; want %q %v", tt.in, k, q, m.Explicit, tt.quotes[k], tt.explicit[k])
			}
		}
	}
	if ms := Find("截至2020年底", 2020); len(ms) != 1 || !ms[0].Status {
		t.Errorf("截至 not marked as status: %+v", ms)
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"到2022年底", "1.4月底前", "二〇二〇年七月二十日", "“十四五”期间", "2020—2022年", "前三季度"} {
		f.Add(s, 2022)
	}
	f.Fuzz(func(t *testing.T, s string, ref int) {
		prev := 0
		for _, m := range Find(s, ref%3000) {
			if m.Start < 0 || m.End > len(s) || m.Start >= m.End || m.Start < prev {
				t.Fatalf("Find(%q) bad span %+v", s, m)
			}
			if _, err := plan.ParseDate(string(m.Date)); err != nil {
				t.Fatalf("Find(%q) bad date %+v", s, m)
			}
			prev = m.End
		}
		ParseFull(s)
	})
}

func TestNextSeason(t *testing.T) {
	tests := []struct{ in, want string }{
		{"主汛期前完成河道清障", "主汛期前"},
		{"入冬前完成供热管网改造，开学前完成校舍维修", "入冬前"},
		{"春节前足额发放农民工工资", "春节前"},
		{"三年前建成的管网", ""},
		{"年底前完成", ""},
		{"汛期加强巡查", ""},
	}
	for _, tt := range tests {
		s, e, ok := NextSeason(tt.in, 0)
		got := ""
		if ok {
			got = tt.in[s:e]
		}
		if got != tt.want {
			t.Errorf("NextSeason(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNextYears(t *testing.T) {
	tests := []struct {
		in, quote string
		want      plan.Date
	}{
		{"五年内累计培训新型职业农民1万人", "五年内", "2028-12-31"},
		{"用两年时间完成全部改造", "用两年时间", "2025-12-31"},
		{"3年之内实现全覆盖", "3年之内", "2026-12-31"},
		{"一年时间内建成", "一年时间内", "2024-12-31"},
		{"近三年内新建的小区", "", ""},
		{"2024年内完成", "", ""},
		{"每三年开展一次评估", "", ""},
	}
	for _, tt := range tests {
		m, ok := NextYears(tt.in, 0, 2024)
		quote := ""
		if ok {
			quote = tt.in[m.Start:m.End]
		}
		if quote != tt.quote || m.Date != tt.want {
			t.Errorf("NextYears(%q) = %q %q, want %q %q", tt.in, quote, m.Date, tt.quote, tt.want)
		}
	}
}

// scanRune must agree with the utf8 package on every input, malformed
// sequences included, since Next steps by its sizes.
func TestScanRuneAgreesWithUTF8(t *testing.T) {
	inputs := []string{"到2025年底前", "\xe4\xb8", "\xe0\x80\xa8", "\xed\xa0\x80x", "\xef\xbf\xbd", "\xe4\xb8\xad\xe6", "a\xff年"}
	for _, s := range inputs {
		for i := 0; i < len(s); i++ {
			r, n := scanRune(s, i)
			wr, wn := utf8.DecodeRuneInString(s[i:])
			if r != wr || n != wn {
				t.Errorf("scanRune(%q, %d) = %U %d, want %U %d", s, i, r, n, wr, wn)
			}
		}
	}
}
