package cnnum

import (
	"strings"
	"testing"
)

func TestChinese(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		read string
	}{
		{"三千", 3000, "三千"},
		{"两万五千", 25000, "两万五千"},
		{"十二", 12, "十二"},
		{"一百", 100, "一百"},
		{"一百零五", 105, "一百零五"},
		{"五千亿规模", 5e11, "五千亿"},
		{"一亿五千万", 1.5e8, "一亿五千万"},
		{"一万亿", 1e12, "一万亿"},
		{"二十", 20, "二十"},
		{"二〇二二年", 2022, "二〇二二"},
		{"六十", 60, "六十"},
		{"千亿级", 0, ""},
		{"万人", 0, ""},
		{"集群", 0, ""},
		// 点 makes a decimal; a 万 or 亿 after it scales the whole.
		{"三点五万人", 35000, "三点五万"},
		{"零点八", 0.8, "零点八"},
		{"二十三点零五亿", 2.305e9, "二十三点零五亿"},
		{"一点五万亿", 1.5e12, "一点五万亿"},
		{"四点七五", 4.75, "四点七五"},
		{"一点", 1, "一"},
		{"三点要求", 3, "三"},
	}
	for _, tt := range tests {
		v, n := Chinese(tt.in)
		if v != tt.want || tt.in[:n] != tt.read {
			t.Errorf("Chinese(%q) = %v, %q; want %v, %q", tt.in, v, tt.in[:n], tt.want, tt.read)
		}
	}
}

func TestArabic(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		read string
	}{
		{"4000个", 4000, "4000"},
		{"4,000人", 4000, "4,000"},
		{"1,234,567元", 1234567, "1,234,567"},
		{"2.39万", 2.39, "2.39"},
		{"４万", 4, "４"},
		{"1.4月底前", 1.4, "1.4"},
		{"1.推进", 1, "1"},
		{"5,6月", 5, "5"},
		{"６．８张", 6.8, "６．８"},
	}
	for _, tt := range tests {
		v, n := Arabic(tt.in)
		if v != tt.want || tt.in[:n] != tt.read {
			t.Errorf("Arabic(%q) = %v, %q; want %v, %q", tt.in, v, tt.in[:n], tt.want, tt.read)
		}
	}
}

func TestQuantityAt(t *testing.T) {
	tests := []struct {
		in    string
		value float64
		unit  string
		quote string
		high  float64
	}{
		{"4万个以上", 40000, "个", "4万个", 0},
		{"500万台（套）以上", 5e6, "台（套）", "500万台（套）", 0},
		{"8个(处)", 8, "个(处)", "8个(处)", 0},
		{"20家（含分支机构）", 20, "家", "20家", 0},
		{"三分之一以上", 33.33, "%", "三分之一", 0},
		{"1.5亿元", 1.5e8, "元", "1.5亿元", 0},
		{"三千家", 3000, "家", "三千家", 0},
		{"两万五千人", 25000, "人", "两万五千人", 0},
		{"百分之六十", 60, "%", "百分之六十", 0},
		{"百分之百", 100, "%", "百分之百", 0},
		{"10/10万以下", 10, "/10万", "10/10万", 0},
		{"2022/07/14", 2022, "", "2022", 0},
		{"60%", 60, "%", "60%", 0},
		{"60％以上", 60, "%", "60％", 0},
		{"4,000户", 4000, "户", "4,000户", 0},
		{"４万户", 40000, "户", "４万户", 0},
		{"2.39万人次", 23900, "人次", "2.39万人次", 0},
		{"一百座", 100, "座", "一百座", 0},
		{"50万户", 500000, "户", "50万户", 0},
		{"3万吨", 30000, "吨", "3万吨", 0},
		{"30万千瓦", 300000, "千瓦", "30万千瓦", 0},
		{"1000千伏特高压", 1000, "千伏", "1000千伏", 0},
		{"5千人", 5000, "人", "5千人", 0},
		{"2个百分点", 2, "个百分点", "2个百分点", 0},
		{"8—10个百亿企业", 8, "个", "8—10个", 10},
		{"1:1.6", 1.6, "", "1:1.6", 0},
		{"2.5:1", 2.5, "", "2.5:1", 0},
		{"2.5：1以上", 2.5, "", "2.5：1", 0},
		{"3:2", 1.5, "", "3:2", 0},
		{"8000家次", 8000, "家次", "8000家次", 0},
		{"2万户次", 20000, "户次", "2万户次", 0},
		{"500台套", 500, "台套", "500台套", 0},
		{"40吉瓦时", 40, "吉瓦时", "40吉瓦时", 0},
		{"12 兆瓦时", 12, "兆瓦时", "12 兆瓦时", 0},
		{"3.5万千瓦时", 35000, "千瓦时", "3.5万千瓦时", 0},
		{"300架次", 300, "架次", "300架次", 0},
		{"1.5倍", 1.5, "倍", "1.5倍", 0},
		{"6.8张", 6.8, "张", "6.8张", 0},
		{"29微克每立方米以下", 29, "微克每立方米", "29微克每立方米", 0},
		{"100PB", 100, "PB", "100PB", 0},
		{"3个工作日", 3, "个工作日", "3个工作日", 0},
		{"8大重点产业", 8, "", "8", 0},
		{"1万余人", 10000, "人", "1万余人", 0},
		{"120 家", 120, "家", "120 家", 0},
		{"300多家", 300, "家", "300多家", 0},
		{"三点五万吨", 35000, "吨", "三点五万吨", 0},
		{"百分之一点五", 1.5, "%", "百分之一点五", 0},
		{"零点八个百分点", 0.8, "个百分点", "零点八个百分点", 0},
		// Time units on service limits.
		{"45秒以内", 45, "秒", "45秒", 0},
		{"200毫秒", 200, "毫秒", "200毫秒", 0},
		{"2个小时内", 2, "个小时", "2个小时", 0},
		{"3个工作日", 3, "个工作日", "3个工作日", 0},
		{"15分钟", 15, "分钟", "15分钟", 0},
		{"十五个工作日", 15, "个工作日", "十五个工作日", 0},
		{"48小时", 48, "小时", "48小时", 0},
		{"40学时", 40, "学时", "40学时", 0},
	}
	for _, tt := range tests {
		q, ok := QuantityAt(tt.in, 0)
		if !ok || q.Value != tt.value || q.Unit != tt.unit || tt.in[q.Start:q.End] != tt.quote || q.High != tt.high {
			t.Errorf("QuantityAt(%q) = %+v %v; want %v %q %q high %v", tt.in, q, ok, tt.value, tt.unit, tt.quote, tt.high)
		}
	}
}

func TestQuantityAtRejectsNames(t *testing.T) {
	for _, tt := range []struct{ s, at string }{
		{"5G基站", "5"},
		{"IPv6活跃用户", "6"},
		{"PM2.5年均浓度", "2"},
		{"4K超高清", "4"},
		{"千亿级产业集群", "千"},
		{"4000个", "000"},
	} {
		i := strings.Index(tt.s, tt.at)
		if q, ok := QuantityAt(tt.s, i); ok {
			t.Errorf("QuantityAt(%q at %q) = %+v; want no quantity", tt.s, tt.at, q)
		}
	}
}

func TestComparators(t *testing.T) {
	tests := []struct {
		text, num string
		want      string
	}{
		{"新建5G基站4万个以上", "4", GE},
		{"5G基站数量超过1300个", "1", GT},
		{"5G用户突破50万户", "50万", GT},
		{"不超过5个工作日", "5", LE},
		{"控制在29微克每立方米以下", "2", LE},
		{"浓度降至30微克", "3", LE},
		{"低于35", "3", LE},
		{"增长6.2%左右", "6", Approx},
		{"约30%", "3", Approx},
		{"比重达到1%以上", "1", GE},
		{"医护比不低于1:1.2", "1", GE},
		{"力争达到90%", "9", GE},
		{"不少于3000人", "3", GE},
		{"至少10家", "1", GE},
		{"高于全国平均2个百分点", "2", GE},
		{"办理时限压缩至3个工作日以内", "3", LE},
		{"新增公交线路3条", "3", GE},
	}
	for _, tt := range tests {
		i := strings.Index(tt.text, tt.num)
		q, ok := QuantityAt(tt.text, i)
		if !ok {
			t.Errorf("%q: no quantity", tt.text)
			continue
		}
		before, _ := ComparatorBefore(tt.text, i)
		after, _ := ComparatorAfter(tt.text, q.End)
		if got := Combine(before, after); got != tt.want {
			t.Errorf("%q: comparator %q (before %q after %q); want %q", tt.text, got, before, after, tt.want)
		}
	}
}

func BenchmarkQuantityAt(b *testing.B) {
	s := "到2022年，全市基本完成5G规模组网并实现规模化商用，新建5G基站4万个以上，打造10个以上5G示范应用场景。"
	b.ReportAllocs()
	for b.Loop() {
		for i := 0; i < len(s); i++ {
			QuantityAt(s, i)
		}
	}
}

func FuzzQuantityAt(f *testing.F) {
	for _, s := range []string{"4万个以上", "百分之六十", "8—10个", "1:1.6", "４,０００户", "两万五千人", "1.5亿元"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); i++ {
			q, ok := QuantityAt(s, i)
			if !ok {
				continue
			}
			if q.Start != i || q.End < q.NumEnd || q.NumEnd <= q.Start || q.End > len(s) {
				t.Fatalf("QuantityAt(%q, %d) bad span %+v", s, i, q)
			}
		}
		ComparatorBefore(s, len(s))
		ComparatorAfter(s, 0)
	})
}

func TestChineseHundredsOfMillionsAndMeasureWords(t *testing.T) {
	cases := []struct {
		in    string
		value float64
		unit  string
		ok    bool
	}{
		{"百亿元", 1e10, "元", true},
		{"千万元", 1e7, "元", true},
		{"三百万千瓦", 3e6, "千瓦", true},
		{"五十万千瓦", 5e5, "千瓦", true},
		{"三千六百个", 3600, "个", true},
		{"一百五十万平方米", 1.5e6, "平方米", true},
		{"500核以上", 500, "核", true},
		{"3核心区", 3, "", true},
		{"千亿级", 0, "", false},
		{"百姓", 0, "", false},
		{"千米", 0, "", false},
	}
	for _, c := range cases {
		q, ok := QuantityAt(c.in, 0)
		if ok != c.ok || ok && (q.Value != c.value || q.Unit != c.unit) {
			t.Errorf("QuantityAt(%q) = %v %q %v, want %v %q %v", c.in, q.Value, q.Unit, ok, c.value, c.unit, c.ok)
		}
	}
}

// The digits after 点 are part of the number before them: a scan that
// reaches them must not read "二亿元" out of "一点二亿元".
func TestQuantityAtInsideChineseDecimal(t *testing.T) {
	s := "安排资金一点二亿元"
	q, ok := QuantityAt(s, strings.Index(s, "一"))
	if !ok || q.Value != 1.2e8 || q.Unit != "元" || !q.Decimal {
		t.Errorf("QuantityAt(一点二亿元) = %+v, %v; want 1.2e8 元 with Decimal", q, ok)
	}
	if q, ok := QuantityAt(s, strings.Index(s, "二")); ok {
		t.Errorf("QuantityAt read %v %q from inside 一点二亿元", q.Value, q.Unit)
	}
}
