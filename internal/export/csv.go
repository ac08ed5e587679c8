package export

import (
	"bufio"
	"encoding/csv"
	"io"

	"github.com/planwatch/planwatch/internal/ledger"
)

// bom makes Excel read the file as UTF-8; without it Excel on a Chinese
// Windows reads GBK and shows mojibake.
const bom = "\uFEFF"

func writeCSV(w io.Writer, l *ledger.Ledger, en bool) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString(bom); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	cols := columnsFor(l)
	if err := cw.Write(header(cols, en)); err != nil {
		return err
	}
	rec := make([]string, len(cols))
	for _, row := range ledgerTable(l, cols, en) {
		for i, c := range row {
			rec[i] = c.text
			if c.kind == kindText {
				rec[i] = defuse(c.text)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// defuse keeps a text cell from being run as a formula when Excel opens
// the CSV: reported quotes and URLs come from outside, and a cell that
// starts with = + - @ would otherwise be evaluated.
func defuse(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
