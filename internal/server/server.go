// Package server runs planwatch's HTTP server: the JSON API under /api/
// and the dashboard under /, behind one middleware chain (access log,
// panic recovery, security headers, body limits, authentication, CSRF),
// with all timeouts set and a graceful shutdown when its context ends.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/planwatch/planwatch/internal/api"
	"github.com/planwatch/planwatch/internal/auth"
	"github.com/planwatch/planwatch/internal/planparse"
	"github.com/planwatch/planwatch/internal/status"
	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/web"
)

// Body limits. Plan texts are a few hundred KB; 10 MB leaves room for a
// long plan with annexes while keeping one upload from filling memory.
const (
	MaxUploadBytes = 10 << 20
	MaxBodyBytes   = 1 << 20
	maxHeaderBytes = 64 << 10
)

// Config is what the server needs.
type Config struct {
	Store          store.Store
	Status         status.Config
	Logger         *slog.Logger
	AllowAnonymous bool
	// ShutdownTimeout bounds how long in-flight requests may take to finish
	// after the context ends; 0 means 15 seconds.
	ShutdownTimeout time.Duration
}

// Server is planwatch's HTTP server.
type Server struct {
	cfg     Config
	handler http.Handler
}

// New builds the handler tree; it fails when the dashboard's templates do not parse.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, errors.New("server: no store")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.ShutdownTimeout == 0 {
		cfg.ShutdownTimeout = 15 * time.Second
	}
	apiHandler := api.New(api.Deps{
		Store: cfg.Store, Status: cfg.Status, Logger: cfg.Logger, AllowAnonymous: cfg.AllowAnonymous,
		Parse: planparse.Parse, Decode: planparse.Decode,
	})
	webHandler, err := web.New(web.Deps{Store: cfg.Store, Status: cfg.Status, Logger: cfg.Logger, AllowAnonymous: cfg.AllowAnonymous})
	if err != nil {
		return nil, fmt.Errorf("server: dashboard: %w", err)
	}
	return &Server{cfg: cfg, handler: Chain(routes(apiHandler, webHandler), cfg.Store, cfg.Logger)}, nil
}

// routes is the whole top-level URL map; the API's own map is in
// internal/api/routes.go.
func routes(apiHandler, webHandler http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/api/", apiHandler)
	mux.Handle("/", webHandler)
	return mux
}

// Chain wraps h in the server's middleware, outermost first: access log,
// panic recovery, security headers, body limits, authentication (whose
// result the access log learns through noteCaller), CSRF.
// The log sits outside recovery so that a recovered panic is logged as the
// 500 the client saw.
func Chain(h http.Handler, st store.Store, log *slog.Logger) http.Handler {
	h = auth.CSRF(h)
	h = noteCaller(h)
	h = auth.Middleware(st)(h)
	h = limitBody(h)
	h = securityHeaders(h)
	h = recoverPanic(log)(h)
	h = accessLog(log)(h)
	return h
}

// Handler returns the complete handler, for tests and embedding.
func (s *Server) Handler() http.Handler { return s.handler }

// httpServer returns the http.Server with every limit set: a client that
// sends headers slowly, never finishes a body or keeps a connection idle
// cannot hold a goroutine for long.
func (s *Server) httpServer(ctx context.Context) *http.Server {
	return &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 5 * time.Second,
		// ReadTimeout covers a 10 MB upload over a slow intranet link.
		ReadTimeout: 60 * time.Second,
		// WriteTimeout covers building a full xlsx ledger.
		WriteTimeout:   60 * time.Second,
		IdleTimeout:    120 * time.Second,
		MaxHeaderBytes: maxHeaderBytes,
		ErrorLog:       slog.NewLogLogger(s.cfg.Logger.Handler(), slog.LevelWarn),
		// Requests keep running when ctx ends; Shutdown decides when they stop.
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
}

// Serve serves on ln until ctx ends, then stops accepting connections and
// waits up to ShutdownTimeout for in-flight requests before returning.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.httpServer(ctx)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	s.cfg.Logger.Info("shutting down", "timeout", s.cfg.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), s.cfg.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	}
	return nil
}
