package planparse_test

import (
	"bytes"
	"os"
	"strconv"
	"testing"

	"github.com/planwatch/planwatch/internal/planparse"
)

// BenchmarkParse parses the Changsha plan (22 KB) and 10 and 100 copies of
// it concatenated; MB/s shows whether the cost grows with the size of the
// text or faster.
func BenchmarkParse(b *testing.B) {
	one, err := os.ReadFile(changshaText)
	if err != nil {
		b.Skipf("shared plans not beside the repository: %v", err)
	}
	for _, n := range []int{1, 10, 100} {
		data := bytes.Repeat(append(one, '\n'), n)
		b.Run(strconv.Itoa(n)+"x", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := planparse.Parse("changsha.txt", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
