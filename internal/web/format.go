package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
)

// Languages the dashboard speaks; Chinese is the default.
const (
	langZH = "zh"
	langEN = "en"
	// langCookie remembers the reader's choice across pages and visits.
	langCookie = "planwatch_lang"
)

type langKey struct{}

// withLang applies ?lang= (remembering it in a cookie) and puts the
// reader's language on the request context.
func withLang(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang := langZH
		if c, err := r.Cookie(langCookie); err == nil && (c.Value == langEN || c.Value == langZH) {
			lang = c.Value
		}
		if q := r.URL.Query().Get("lang"); q == langEN || q == langZH {
			lang = q
			http.SetCookie(w, &http.Cookie{Name: langCookie, Value: q, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, HttpOnly: true})
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), langKey{}, lang)))
	})
}

func langOf(r *http.Request) string {
	if l, ok := r.Context().Value(langKey{}).(string); ok {
		return l
	}
	return langZH
}

// displayDate shows an ISO date as 2022年12月31日 (Chinese) or 31 Dec 2022.
func displayDate(lang string, d plan.Date) string {
	if d.IsZero() {
		return "—"
	}
	t, err := time.Parse(time.DateOnly, string(d))
	if err != nil {
		return string(d)
	}
	if lang == langEN {
		return t.Format("2 Jan 2006")
	}
	return strconv.Itoa(t.Year()) + "年" + strconv.Itoa(int(t.Month())) + "月" + strconv.Itoa(t.Day()) + "日"
}

// statusIcons give every status a shape as well as a colour, so it reads
// in greyscale print and for colour-blind readers.
var statusIcons = map[string]string{
	status.Achieved: "✔",
	status.OnTrack:  "●",
	status.AtRisk:   "▲",
	status.OffTrack: "▼",
	status.Missed:   "✖",
	status.NoData:   "○",
}

func statusLabel(lang, s string) string {
	icon := statusIcons[s]
	if icon == "" {
		icon = "?"
	}
	return icon + " " + message(lang, "status."+s)
}

// formatNum shows a figure without float noise: 40000, 1.5, 0.35.
func formatNum(f float64) string {
	s := strconv.FormatFloat(f, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}

func formatNumPtr(f *float64) string {
	if f == nil {
		return "—"
	}
	return formatNum(*f)
}

// clampShare is a share as a 0..1 progress value.
func clampShare(f *float64) float64 {
	if f == nil || *f < 0 {
		return 0
	}
	if *f > 1 {
		return 1
	}
	return *f
}

// comparatorText shows a comparator in words a reader of the plan knows.
func comparatorText(lang, c string) string { return message(lang, "cmp."+c) }
