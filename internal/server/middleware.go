package server

import (
	"context"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/planwatch/planwatch/internal/auth"
)

// statusRecorder remembers the status and size written, for the access log
// and for recovery (which must not write a header twice).
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach Flush and deadlines.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func recorderOf(w http.ResponseWriter) *statusRecorder {
	if rec, ok := w.(*statusRecorder); ok {
		return rec
	}
	return &statusRecorder{ResponseWriter: w}
}

// caller is filled in by noteCaller once authentication has run, so the
// access log, which runs outside it, can say who made the request.
type caller struct{ name string }

type callerKey struct{}

// noteCaller records the authenticated token's name (never its secret)
// for the access log.
func noteCaller(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, ok := r.Context().Value(callerKey{}).(*caller); ok {
			if id := auth.FromContext(r.Context()); id.Known {
				c.name = id.Token.Name
			}
		}
		next.ServeHTTP(w, r)
	})
}

// accessLog logs one line per request: who (the token's name, or
// "anonymous"), what and how it went. It logs the path without the query
// string and never a header, so no token or cookie reaches the log.
func accessLog(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			rec := recorderOf(w)
			who := &caller{name: "anonymous"}
			r = r.WithContext(context.WithValue(r.Context(), callerKey{}, who))
			next.ServeHTTP(rec, r)
			status := rec.status
			if status == 0 {
				status = http.StatusOK
			}
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			}
			log.LogAttrs(r.Context(), level, "request",
				slog.String("method", r.Method),
				slog.String("path", r.URL.Path),
				slog.Int("status", status),
				slog.Int64("bytes", rec.bytes),
				slog.Duration("duration", time.Since(start)),
				slog.String("remote", r.RemoteAddr),
				slog.String("caller", who.name),
			)
		})
	}
}

// recoverPanic turns a panicking handler into a logged 500 so one bad
// request does not take a connection down without an answer.
func recoverPanic(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec := recorderOf(w)
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if v == http.ErrAbortHandler {
					// The handler asked to abort the response on purpose.
					panic(v)
				}
				log.Error("panic in handler", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				if rec.status != 0 {
					// Headers are out; all we can do is cut the response short.
					panic(http.ErrAbortHandler)
				}
				rec.Header().Set("Content-Type", "application/json; charset=utf-8")
				rec.WriteHeader(http.StatusInternalServerError)
				rec.Write([]byte(`{"error":{"code":"internal","message":"internal error"}}` + "\n"))
			}()
			next.ServeHTTP(rec, r)
		})
	}
}

// contentSecurityPolicy allows only this origin: planwatch runs on offline
// intranets, so nothing may come from a CDN, and no page may be framed.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		next.ServeHTTP(w, r)
	})
}

// limitBody caps request bodies: MaxUploadBytes for plan uploads (POST
// /api/plans and any multipart form, which is how the dashboard uploads),
// MaxBodyBytes for everything else. Handlers see *http.MaxBytesError when
// a body is too long and answer 413.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Body != http.NoBody {
			limit := int64(MaxBodyBytes)
			if isUpload(r) {
				limit = MaxUploadBytes
			}
			if r.ContentLength > limit {
				tooLarge(w, limit)
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		next.ServeHTTP(w, r)
	})
}

func isUpload(r *http.Request) bool {
	if r.Method != http.MethodPost {
		return false
	}
	if r.URL.Path == "/api/plans" {
		return true
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == "multipart/form-data"
}

func tooLarge(w http.ResponseWriter, limit int64) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Connection", "close")
	w.WriteHeader(http.StatusRequestEntityTooLarge)
	fmt.Fprintf(w, `{"error":{"code":"invalid","message":"请求体超过 %d MB 上限 (request body larger than %d bytes)"}}`+"\n", limit>>20, limit)
}
