// Package export writes the 督办台账 (supervision ledger) as xlsx, csv or
// json, in Chinese or English labels. The xlsx and csv outputs are made
// for Excel and WPS on government desktops: UTF-8 with a byte-order mark,
// CRLF line ends, status in words as well as colour, and an A4 landscape
// page setup that prints without adjusting.
package export

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
)

// Formats that Write accepts.
const (
	XLSX = "xlsx"
	CSV  = "csv"
	JSON = "json"
)

// Formats lists the accepted formats, for flag help and error messages.
var Formats = []string{XLSX, CSV, JSON}

// Write writes l to w in format ("xlsx", "csv" or "json"). lang "en"
// gives English labels; anything else Chinese. JSON is the ledger's own
// schema and has no labels to translate. An unknown format is an
// EInvalid error and nothing is written.
func Write(w io.Writer, format string, l *ledger.Ledger, lang string) error {
	if l == nil {
		return store.Errorf(store.EInvalid, "export: no ledger to write")
	}
	en := lang == "en"
	var err error
	switch strings.ToLower(format) {
	case XLSX:
		err = writeXLSX(w, l, en)
	case CSV:
		err = writeCSV(w, l, en)
	case JSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		err = enc.Encode(l)
	default:
		return store.Errorf(store.EInvalid, "export format %q: want one of %s", format, strings.Join(Formats, ", "))
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", format, err)
	}
	return nil
}

// ContentType is the media type of format, "" for an unknown one.
func ContentType(format string) string {
	switch strings.ToLower(format) {
	case XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case CSV:
		return "text/csv; charset=utf-8"
	case JSON:
		return "application/json; charset=utf-8"
	}
	return ""
}

// FileName is the name a downloaded ledger gets: "督办台账_2022-12-31.xlsx",
// or "ledger_2022-12-31.xlsx" in English.
func FileName(format string, asOf plan.Date, lang string) string {
	base := "督办台账"
	if lang == "en" {
		base = "ledger"
	}
	return base + "_" + string(asOf) + "." + strings.ToLower(format)
}

// ContentDisposition is the Content-Disposition header for downloading a
// file called name: an ASCII fallback for old intranet browsers and the
// UTF-8 name (RFC 6266) for the rest.
func ContentDisposition(name string) string {
	ascii := make([]rune, 0, len(name))
	replaced := false
	for _, r := range name {
		switch {
		case r < 0x20 || r > 0x7e || r == '"' || r == '\\':
			replaced = true
			if len(ascii) == 0 || ascii[len(ascii)-1] != '_' {
				ascii = append(ascii, '_')
			}
		default:
			ascii = append(ascii, r)
		}
	}
	fallback := string(ascii)
	if replaced {
		fallback = "planwatch_" + strings.TrimLeft(fallback, "_")
	}
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, fallback, url.PathEscape(name))
}
