package planparse_test

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/planwatch/planwatch/internal/planparse"
)

// repeatedBody returns the Changsha plan with its body (一、总体要求 up to
// the 抄送 block) written n times, so that every copy is parsed. Whole
// copies of the document would not do: the parser rightly treats all that
// follows the first 抄送/印发 block as the document's tail.
func repeatedBody(tb testing.TB, one []byte, n int) []byte {
	tb.Helper()
	s := string(one)
	i, j := strings.Index(s, "一、总体要求"), strings.Index(s, "抄送：")
	if i < 0 || j < i {
		tb.Fatalf("Changsha plan without 一、总体要求 ... 抄送： (%d, %d)", i, j)
	}
	return []byte(s[:i] + strings.Repeat(s[i:j], n) + s[j:])
}

// BenchmarkParse parses the Changsha plan (22 KB) at 1x, 10x and 100x:
// "copies" concatenates whole documents as the issue asks (only the first
// is read, see repeatedBody), "body" repeats the body so all of it is
// parsed. MB/s that falls as the size grows means a cost worse than linear.
func BenchmarkParse(b *testing.B) {
	one, err := os.ReadFile(changshaText)
	if err != nil {
		b.Skipf("shared plans not beside the repository: %v", err)
	}
	for _, n := range []int{1, 10, 100} {
		inputs := map[string][]byte{
			"copies": bytes.Repeat(append(one, '\n'), n),
			"body":   repeatedBody(b, one, n),
		}
		for _, kind := range []string{"copies", "body"} {
			data := inputs[kind]
			b.Run(kind+"/"+strconv.Itoa(n)+"x", func(b *testing.B) {
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
}
