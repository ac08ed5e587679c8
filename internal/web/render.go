package web

import (
	"bytes"
	"compress/gzip"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/planwatch/planwatch/internal/auth"
	"github.com/planwatch/planwatch/internal/ledger"
	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
)

//go:embed templates
var templateFS embed.FS

// pageTemplate is one page's template set: the shared layout and partials
// plus the page's own "content".
type pageTemplate struct {
	t *template.Template
}

// parseTemplates parses every page once at start, so a broken template
// stops the server from starting instead of failing a user's request.
func (a *app) parseTemplates() (map[string]*pageTemplate, error) {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := make(map[string]*pageTemplate)
	for _, path := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(path, "templates/"), ".html")
		if name == "layout" || name == "partials" {
			continue
		}
		t, err := template.New("layout").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html", path)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		if t.Lookup("content") == nil {
			return nil, fmt.Errorf("%s: no {{define \"content\"}}", path)
		}
		pages[name] = &pageTemplate{t: t}
	}
	for _, need := range []string{"error", "plans", "overview", "tree", "target", "ledger", "login", "report", "import", "unit", "matrix", "deadlines", "search", "admin"} {
		if pages[need] == nil {
			return nil, fmt.Errorf("templates/%s.html missing", need)
		}
	}
	return pages, nil
}

// funcs are the template helpers that need no request state; those that
// depend on the language are methods of page.
var funcs = template.FuncMap{
	"pct": func(f *float64) string {
		if f == nil {
			return "—"
		}
		return strconv.FormatFloat(*f*100, 'f', 0, 64) + "%"
	},
	"num":   formatNum,
	"nump":  func(f *float64) string { return formatNumPtr(f) },
	"share": clampShare,
	"join":  strings.Join,
	"add":   func(a, b int) int { return a + b },
	"list":  func(xs ...string) []string { return xs },
	// dict passes several values to a sub-template: (dict "P" $ "R" .).
	"dict": func(kv ...any) (map[string]any, error) {
		if len(kv)%2 != 0 {
			return nil, fmt.Errorf("dict: odd number of arguments")
		}
		m := make(map[string]any, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			k, ok := kv[i].(string)
			if !ok {
				return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
			}
			m[k] = kv[i+1]
		}
		return m, nil
	},
	"counts":  countRollup,
	"unitURL": unitURL,
	// isURL decides whether a source is linked; other sources (a document
	// name on an intranet) are shown as text.
	"isURL": func(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") },
}

// errHandled tells view that the handler already answered (a redirect, a
// download), so there is nothing to render.
var errHandled = errors.New("handled")

// pageFunc fills p (template, title, data) or returns an error; a coded
// store error becomes the matching status page.
type pageFunc func(w http.ResponseWriter, r *http.Request, p *page) error

// page is what every template gets as its dot.
type page struct {
	Lang     string
	Title    string
	Ident    auth.Identity
	CSRF     string
	Path     string
	Query    url.Values
	Plan     *planNav
	Data     any
	Status   int
	template string
	a        *app
}

// planNav is the plan sub-navigation shown on every page of one plan.
type planNav struct {
	ID     int64
	Title  string
	Active string
	AsOf   plan.Date
	// End is the plan period's last day (effective_to) when it is before
	// the date judged: an analyst looking back at a finished plan wants its
	// state at the end, one click away, as well as today's.
	End plan.Date
}

// view adapts a pageFunc to an http.HandlerFunc: identity and language,
// the anonymous-access rule, error pages and buffered rendering.
func (a *app) view(h pageFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := a.newPage(r)
		if !a.d.AllowAnonymous && !p.Ident.Known && r.URL.Path != "/login" {
			http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
			return
		}
		if r.Method == http.MethodPost {
			// The server wraps everything in auth.CSRF; checking again here
			// keeps the forms safe when the dashboard is mounted alone.
			if err := auth.CheckCSRF(r); err != nil {
				a.fail(w, r, p, err)
				return
			}
		}
		err := h(w, r, p)
		switch {
		case errors.Is(err, errHandled):
			return
		case err != nil:
			a.fail(w, r, p, err)
			return
		}
		a.render(w, r, p)
	}
}

func (a *app) newPage(r *http.Request) *page {
	return &page{
		Lang:  langOf(r),
		Ident: auth.FromContext(r.Context()),
		CSRF:  auth.CSRFToken(r),
		Path:  r.URL.Path,
		Query: r.URL.Query(),
		a:     a,
	}
}

// fail renders the error page for err with the status its code maps to.
func (a *app) fail(w http.ResponseWriter, r *http.Request, p *page, err error) {
	code := store.ErrorCode(err)
	st := http.StatusInternalServerError
	switch code {
	case store.EInvalid:
		st = http.StatusBadRequest
	case store.ENotFound:
		st = http.StatusNotFound
	case store.EConflict:
		st = http.StatusConflict
	case store.EUnauthorized:
		st = http.StatusUnauthorized
	case store.EForbidden:
		st = http.StatusForbidden
	}
	msg := store.ErrorMessage(err)
	if st == http.StatusInternalServerError {
		a.log.Error("dashboard page failed", "path", r.URL.Path, "err", err)
		msg = p.T("err.internal")
	}
	p.template = "error"
	p.Title = p.T("err.title")
	p.Status = st
	p.Plan = nil
	p.Data = msg
	a.render(w, r, p)
}

// render executes the page into a buffer first, so a template error gives
// a clean 500 page instead of half a page.
func (a *app) render(w http.ResponseWriter, r *http.Request, p *page) {
	pt := a.pages[p.template]
	var buf bytes.Buffer
	var err error
	if pt == nil {
		err = fmt.Errorf("no template %q", p.template)
	} else {
		err = pt.t.ExecuteTemplate(&buf, "layout", p)
	}
	if err != nil {
		a.log.Error("dashboard template failed", "template", p.template, "path", r.URL.Path, "err", err)
		buf.Reset()
		ep := &page{Lang: p.Lang, Ident: p.Ident, CSRF: p.CSRF, Path: p.Path, Query: p.Query, a: a,
			template: "error", Status: http.StatusInternalServerError}
		ep.Title = ep.T("err.title")
		ep.Data = ep.T("err.internal")
		if err := a.pages["error"].t.ExecuteTemplate(&buf, "layout", ep); err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		p = ep
	}
	status := p.Status
	if status == 0 {
		status = http.StatusOK
	}
	w.Header().Set("Cache-Control", "no-store")
	writeBody(w, r, status, "text/html; charset=utf-8", buf.Bytes())
}

// writeBody writes body, gzip-compressed when the client accepts it and
// it is large enough to gain from it.
func writeBody(w http.ResponseWriter, r *http.Request, status int, ctype string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Add("Vary", "Accept-Encoding")
	if len(body) > 1024 && acceptsGzip(r) {
		var zb bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&zb, gzip.BestSpeed)
		zw.Write(body)
		zw.Close()
		h.Set("Content-Encoding", "gzip")
		body = zb.Bytes()
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		enc, q, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) == "gzip" && strings.TrimSpace(q) != "q=0" {
			return true
		}
	}
	return false
}

func (a *app) notFoundPage(w http.ResponseWriter, r *http.Request, p *page) error {
	return store.Errorf(store.ENotFound, "%s: %s", p.T("err.notfound"), r.URL.Path)
}

// T returns the UI string key in the page's language.
func (p *page) T(key string) string { return message(p.Lang, key) }

// Explain is a row's verdict explained in the page's language: the
// engine's Chinese of record, or English built from the verdict, whose
// Chinese parts (units: 个, 家) are marked as Chinese for screen readers.
func (p *page) Explain(r ledger.Row, asOf plan.Date) template.HTML {
	if p.Lang == "en" {
		return markChinese(status.English(r.Verdict, r.Target, asOf))
	}
	return template.HTML(template.HTMLEscapeString(r.Verdict.Explanation))
}

// markChinese escapes s and wraps each run of Chinese characters in it in
// <span lang="zh-CN">.
func markChinese(s string) template.HTML {
	var b strings.Builder
	open := false
	for _, r := range s {
		han := unicode.Is(unicode.Han, r)
		switch {
		case han && !open:
			b.WriteString(`<span lang="zh-CN">`)
			open = true
		case !han && open:
			b.WriteString(`</span>`)
			open = false
		}
		b.WriteString(template.HTMLEscapeString(string(r)))
	}
	if open {
		b.WriteString(`</span>`)
	}
	return template.HTML(b.String())
}

// Why is why a report was not counted, in the page's language: the
// engine's Chinese detail, or the reason's English name.
func (p *page) Why(code, detail string) string {
	if p.Lang == "en" {
		return status.ReasonLabelEN(code)
	}
	return detail
}

// TextLang is the lang attribute of what Explain and Why write.
func (p *page) TextLang() string {
	if p.Lang == "en" {
		return "en"
	}
	return "zh-CN"
}

// Asset returns the content-hashed URL of a static file.
func (p *page) Asset(name string) string { return p.a.assets.url(name) }

// HasCharts reports whether the ECharts bundle was embedded at build time.
func (p *page) HasCharts() bool { return p.a.assets.has(echartsAsset) }

// Date shows an ISO date the way the reader expects: 2022年12月31日 in Chinese.
func (p *page) Date(d plan.Date) string { return displayDate(p.Lang, d) }

// StatusLabel is the status with its icon and words, never colour alone.
func (p *page) StatusLabel(s string) string { return statusLabel(p.Lang, s) }

// LightLabel is a traffic light in words.
func (p *page) LightLabel(l string) string { return message(p.Lang, "light."+l) }

// LangURL is the current page in the other language.
func (p *page) LangURL(lang string) string {
	q := url.Values{}
	for k, v := range p.Query {
		q[k] = v
	}
	q.Set("lang", lang)
	return p.Path + "?" + q.Encode()
}

// Cmp shows a comparator in words (不少于, 不超过, …).
func (p *page) Cmp(c string) string { return comparatorText(p.Lang, c) }

// IsAdmin reports whether the viewer is a logged-in admin.
func (p *page) IsAdmin() bool { return p.Ident.IsAdmin() }
