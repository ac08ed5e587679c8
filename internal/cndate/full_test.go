package cndate

import (
	"testing"

	"github.com/planwatch/planwatch/internal/plan"
)

func TestParseFull(t *testing.T) {
	tests := []struct {
		in   string
		want plan.Date
		ok   bool
	}{
		{"2020年7月20日", "2020-07-20", true},
		{" 2020年7月20日 ", "2020-07-20", true},
		{"二〇二〇年七月二十日", "2020-07-20", true},
		{"二〇二三年三月二十八日", "2023-03-28", true},
		{"2020 年 7 月 20 日", "2020-07-20", true},
		{"２０２０年７月２０日", "2020-07-20", true},
		{"2024-04-08", "2024-04-08", true},
		{"2022.7.14", "2022-07-14", true},
		{"2022/07/14", "2022-07-14", true},
		{"2021年2月30日", "", false},
		{"2021年13月1日", "", false},
		{"2020年7月", "", false},
		{"鞍立政发〔2023〕2号", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseFull(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ParseFull(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFindFull(t *testing.T) {
	tests := []struct {
		in    string
		want  plan.Date
		quote string
	}{
		{"立山区人民政府\n\n2023年3月28日\n\n(此件公开发布)", "2023-03-28", "2023年3月28日"},
		{"已经市人民政府2024年第7次常务会议审议通过。2024年4月8日", "2024-04-08", "2024年4月8日"},
		{"发文日期 | 2022-07-14 |", "2022-07-14", "2022-07-14"},
		{"长沙市人民政府办公厅 二〇二〇年七月二十日印发", "2020-07-20", "二〇二〇年七月二十日"},
		{"到2022年底", "", ""},
	}
	for _, tt := range tests {
		got, start, end, ok := FindFull(tt.in)
		if got != tt.want || (ok && tt.in[start:end] != tt.quote) || ok != (tt.want != "") {
			t.Errorf("FindFull(%q) = %q [%d:%d] %v; want %q %q", tt.in, got, start, end, ok, tt.want, tt.quote)
		}
	}
}
