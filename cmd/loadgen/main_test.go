package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRefusesNonLoopback(t *testing.T) {
	for _, u := range []string{"http://10.0.0.5:8080/api/plans", "http://example.com/", "https://8.8.8.8/", "not a url"} {
		err := run(context.Background(), []string{"-url", u, "-n", "1"}, &bytes.Buffer{})
		if err == nil || !strings.Contains(err.Error(), "-url") {
			t.Errorf("%s: err = %v, want a refusal naming -url", u, err)
		}
	}
}

func TestCountsEveryRequest(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.Header.Get("Authorization") != "Bearer s3cret" {
			w.WriteHeader(401)
		}
	}))
	defer srv.Close()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-url", srv.URL + "/x", "-n", "300", "-c", "4", "-warmup", "10", "-token", "s3cret"}, &out); err != nil {
		t.Fatal(err)
	}
	if got := hits.Load(); got != 310 {
		t.Errorf("server saw %d requests, want 300 + 10 warm-up", got)
	}
	for _, want := range []string{"requests=300", "statuses: 200:300", "p99="} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}

func TestStopsAtTheTimeLimit(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { time.Sleep(20 * time.Millisecond) }))
	defer srv.Close()
	var out bytes.Buffer
	start := time.Now()
	if err := run(context.Background(), []string{"-url", srv.URL, "-n", "100000", "-c", "2", "-d", "300ms", "-warmup", "0"}, &out); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > 5*time.Second {
		t.Errorf("ran %s with -d 300ms", time.Since(start))
	}
	if strings.Contains(out.String(), "requests=100000") {
		t.Errorf("did not stop at the time limit:\n%s", out.String())
	}
}
