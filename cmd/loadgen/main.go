// Command loadgen measures planwatch's HTTP throughput and latency on this
// machine: a fixed number of requests (or a time limit, whichever comes
// first) from a few concurrent workers against a loopback address, then
// requests per second and latency percentiles. It refuses any host that is
// not a loopback address, so it cannot be pointed at someone else's server.
//
//	loadgen -url http://127.0.0.1:8080/api/plans/1/status -n 20000 -c 16
//	loadgen -url http://127.0.0.1:8080/api/observations -method POST \
//	        -token pw_... -body @obs.json -n 5000 -c 8
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Bounds: a benchmark, not a stress test.
const (
	maxRequests = 1_000_000
	maxDuration = 5 * time.Minute
	maxWorkers  = 256
)

type config struct {
	url      string
	method   string
	token    string
	body     []byte
	n        int
	c        int
	duration time.Duration
	warmup   int
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	var cfg config
	var body string
	fs.StringVar(&cfg.url, "url", "", "full URL on a loopback address (127.0.0.1, ::1, localhost)")
	fs.StringVar(&cfg.method, "method", "GET", "HTTP method")
	fs.StringVar(&cfg.token, "token", "", "bearer secret (also from PLANWATCH_TOKEN)")
	fs.StringVar(&body, "body", "", "request body, or @FILE to read it from FILE")
	fs.IntVar(&cfg.n, "n", 10000, "total requests to measure")
	fs.IntVar(&cfg.c, "c", 8, "concurrent workers")
	fs.DurationVar(&cfg.duration, "d", 60*time.Second, "stop after this long even if -n is not reached")
	fs.IntVar(&cfg.warmup, "warmup", 200, "requests sent before measuring")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if cfg.token == "" {
		cfg.token = os.Getenv("PLANWATCH_TOKEN")
	}
	if strings.HasPrefix(body, "@") {
		b, err := os.ReadFile(body[1:])
		if err != nil {
			return fmt.Errorf("-body: %w", err)
		}
		cfg.body = b
	} else {
		cfg.body = []byte(body)
	}
	if err := cfg.validate(); err != nil {
		return err
	}
	res, err := load(ctx, cfg)
	if err != nil {
		return err
	}
	res.print(out, cfg)
	return nil
}

func (c config) validate() error {
	u, err := url.Parse(c.url)
	if err != nil || u.Host == "" {
		return fmt.Errorf("-url %q: want http://127.0.0.1:PORT/path", c.url)
	}
	host := u.Hostname()
	ip := net.ParseIP(host)
	if host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("-url %q: only loopback addresses may be loaded", c.url)
	}
	switch {
	case c.n < 1 || c.n > maxRequests:
		return fmt.Errorf("-n %d: want 1..%d", c.n, maxRequests)
	case c.c < 1 || c.c > maxWorkers:
		return fmt.Errorf("-c %d: want 1..%d", c.c, maxWorkers)
	case c.duration <= 0 || c.duration > maxDuration:
		return fmt.Errorf("-d %s: want up to %s", c.duration, maxDuration)
	case c.warmup < 0 || c.warmup > maxRequests:
		return fmt.Errorf("-warmup %d: want 0..%d", c.warmup, maxRequests)
	}
	return nil
}

type result struct {
	latencies []time.Duration
	statuses  map[int]int
	errors    int
	firstErr  error
	elapsed   time.Duration
}

func load(ctx context.Context, cfg config) (*result, error) {
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: cfg.c, MaxConnsPerHost: cfg.c},
	}
	one := func() (int, time.Duration, error) {
		req, err := http.NewRequestWithContext(ctx, cfg.method, cfg.url, bytes.NewReader(cfg.body))
		if err != nil {
			return 0, 0, err
		}
		if len(cfg.body) > 0 {
			req.Header.Set("Content-Type", "application/json")
		}
		if cfg.token != "" {
			req.Header.Set("Authorization", "Bearer "+cfg.token)
		}
		start := time.Now()
		resp, err := client.Do(req)
		if err != nil {
			return 0, 0, err
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode, time.Since(start), err
	}
	for i := 0; i < cfg.warmup; i++ {
		if _, _, err := one(); err != nil {
			return nil, fmt.Errorf("warm-up request: %w", err)
		}
	}

	ctx, cancel := context.WithTimeout(ctx, cfg.duration)
	defer cancel()
	var (
		next int64
		mu   sync.Mutex
		wg   sync.WaitGroup
		res  = &result{statuses: map[int]int{}, latencies: make([]time.Duration, 0, cfg.n)}
	)
	start := time.Now()
	for w := 0; w < cfg.c; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			lat := make([]time.Duration, 0, cfg.n/cfg.c+1)
			statuses := map[int]int{}
			var nerr int
			var firstErr error
			for atomic.AddInt64(&next, 1) <= int64(cfg.n) && ctx.Err() == nil {
				code, d, err := one()
				if err != nil {
					if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
						break
					}
					nerr++
					if firstErr == nil {
						firstErr = err
					}
					continue
				}
				statuses[code]++
				lat = append(lat, d)
			}
			mu.Lock()
			defer mu.Unlock()
			res.latencies = append(res.latencies, lat...)
			for k, v := range statuses {
				res.statuses[k] += v
			}
			res.errors += nerr
			if res.firstErr == nil {
				res.firstErr = firstErr
			}
		}()
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	return res, nil
}

func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(p*float64(len(sorted))+0.5) - 1
	i = max(0, min(i, len(sorted)-1))
	return sorted[i]
}

func (r *result) print(w io.Writer, cfg config) {
	slices.Sort(r.latencies)
	n := len(r.latencies)
	fmt.Fprintf(w, "%s %s  workers=%d  requests=%d  errors=%d  elapsed=%s\n", cfg.method, cfg.url, cfg.c, n, r.errors, r.elapsed.Round(time.Millisecond))
	if n == 0 {
		if r.firstErr != nil {
			fmt.Fprintf(w, "first error: %v\n", r.firstErr)
		}
		return
	}
	codes := make([]int, 0, len(r.statuses))
	for c := range r.statuses {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	var sb strings.Builder
	for _, c := range codes {
		fmt.Fprintf(&sb, " %d:%d", c, r.statuses[c])
	}
	fmt.Fprintf(w, "statuses:%s\n", sb.String())
	fmt.Fprintf(w, "throughput: %.0f req/s\n", float64(n)/r.elapsed.Seconds())
	fmt.Fprintf(w, "latency: p50=%s p90=%s p99=%s max=%s\n",
		percentile(r.latencies, 0.50).Round(time.Microsecond), percentile(r.latencies, 0.90).Round(time.Microsecond),
		percentile(r.latencies, 0.99).Round(time.Microsecond), r.latencies[n-1].Round(time.Microsecond))
	if r.firstErr != nil {
		fmt.Fprintf(w, "first error: %v\n", r.firstErr)
	}
}
