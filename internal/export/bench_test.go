package export

import (
	"bytes"
	"testing"

	"github.com/planwatch/planwatch/internal/ledger"
)

// bigLedger repeats the sample's rows to n rows, a large city's ledger.
func bigLedger(n int) *ledger.Ledger {
	l := sample()
	rows := make([]ledger.Row, 0, n)
	for len(rows) < n {
		rows = append(rows, l.Rows...)
	}
	l.Rows = rows[:n]
	return l
}

// BenchmarkWriteXLSX writes a 5,000-target ledger as xlsx, the largest
// download the dashboard offers.
func BenchmarkWriteXLSX(b *testing.B) {
	l := bigLedger(5000)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(&buf, XLSX, l, "zh"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteCSV writes the same ledger as csv.
func BenchmarkWriteCSV(b *testing.B) {
	l := bigLedger(5000)
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(&buf, CSV, l, "zh"); err != nil {
			b.Fatal(err)
		}
	}
}
