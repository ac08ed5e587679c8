package planparse

import "testing"

func TestEmpty(t *testing.T) {
	cases := []struct {
		name, text string
		want       bool
	}{
		{"prose without structure", "今天天气很好，我们去公园散步。\n晚上看了一场电影。", true},
		{"blank", "", true},
		{"a letter with a date only", "各位同事：\n请于周五前提交周报。\n办公室\n2024年3月1日", true},
		{"numbered headings", "一、总体要求\n坚持稳中求进。\n二、重点任务\n（一）加强统筹。", false},
		{"a target in unnumbered text", "到2025年，全市新建5G基站4万个以上。", false},
		{"a unit note in unnumbered text", "推进老旧小区改造。（责任单位：市住建局）", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := ParseText(c.text)
			if got := Empty(p); got != c.want {
				t.Errorf("Empty = %v, want %v; sections %+v", got, c.want, p.Sections)
			}
		})
	}
	if !Empty(nil) {
		t.Error("Empty(nil) = false")
	}
}
