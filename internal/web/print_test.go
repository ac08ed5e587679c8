package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

var mediaBoxRE = regexp.MustCompile(`/MediaBox\s*\[\s*0 0 ([0-9.]+) ([0-9.]+)\s*\]`)

// TestBrowserLedgerPrintsOnA4Landscape prints the 督办台账 the way the
// office does (browser print, page size from the page's CSS) and checks
// the paper, the hidden navigation and the repeated header row.
func TestBrowserLedgerPrintsOnA4Landscape(t *testing.T) {
	ctx := newBrowser(t)
	e := newEnv(t, true)
	do(t, ctx, "open the ledger",
		chromedp.Navigate(fmt.Sprintf("%s/plans/%d/ledger?as_of=2022-12-31", e.srv.URL, e.planID)),
		chromedp.WaitVisible(chromedp.CSS("table.ledger")),
	)
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	pdf, err := chromedp.Run(c, func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		yes := true
		r, err := cdp.Call(ctx, t, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes, PrintBackground: &yes})
		return r.Data, err
	})
	if err != nil {
		t.Fatalf("print to PDF: %v", err)
	}
	os.MkdirAll(filepath.Join("..", "..", "screenshots"), 0o755)
	os.WriteFile(filepath.Join("..", "..", "screenshots", "ledger-print.pdf"), pdf, 0o644)
	boxes := mediaBoxRE.FindAllSubmatch(pdf, -1)
	if len(boxes) == 0 {
		t.Fatal("no page size found in the PDF")
	}
	for _, m := range boxes {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		// A4 landscape is 297 × 210 mm = 841.9 × 595.3 pt.
		if w < 835 || w > 848 || h < 590 || h > 600 {
			t.Errorf("printed page is %.1f × %.1f pt, want A4 landscape 841.9 × 595.3", w, h)
		}
	}
	_, err = chromedp.Run(c, func(ctx context.Context, t *chromedp.Target) (cdp.Empty, error) {
		return cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := eval[string](t, ctx, "getComputedStyle(document.querySelector('table.ledger thead')).display"); got != "table-header-group" {
		t.Errorf("ledger header row prints as %q, want table-header-group (repeated on every page)", got)
	}
	if got := eval[string](t, ctx, "getComputedStyle(document.querySelector('header.top')).display"); got != "none" {
		t.Errorf("navigation prints (display %q)", got)
	}
	do(t, ctx, "print-width viewport", chromedp.EmulateViewport(1123, 794))
	shot(t, ctx, "ledger-print")
}
