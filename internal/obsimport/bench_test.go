package obsimport

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkRead100k reads a 100,000-row CSV report, the size of a city's
// yearly reporting from every unit at once.
func BenchmarkRead100k(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("target,value,unit,period_start,period_end,kind,scope,source_url,source_date,quote,reported_by,note\n")
	ids := []string{"2.1.1-1", "2.1.1-2", "2.1.2-2"}
	for i := range 100000 {
		m := 1 + i/28%12
		fmt.Fprintf(&sb, "%s,%d,个,2021-%02d-01,2021-%02d-%02d,flow,长沙市,http://example.cn/r/%d,2022-01-05,第%d条：本月完成建设%d个,市工业和信息化局,\n",
			ids[i%3], 1+i%5000, m, m, 1+i%28, i, i, i%97)
	}
	data := []byte(sb.String())
	opts := fixturePlan()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		obs, err := Read("big.csv", data, opts)
		if err != nil || len(obs) != 100000 {
			b.Fatal(len(obs), err)
		}
	}
}
