package cli

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestServeDemo runs `planwatch serve --demo` the way a newcomer would,
// reads the address and tokens it prints, uses them, and stops it the way
// Ctrl+C does.
func TestServeDemo(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	outR, outW := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := runServe(ctx, Env{Stdin: strings.NewReader(""), Stdout: outW, Stderr: io.Discard}, []string{"--demo", "--addr", "127.0.0.1:0", "--log-level", "error"})
		outW.Close()
		done <- err
	}()

	// Read the banner: the address line first, then the demo database and tokens.
	var lines []string
	sc := bufio.NewScanner(outR)
	for sc.Scan() {
		lines = append(lines, sc.Text())
		if len(lines) >= 9 {
			break
		}
	}
	go io.Copy(io.Discard, outR)
	out := strings.Join(lines, "\n")
	m := regexp.MustCompile(`planwatch 正在 (http://127\.0\.0\.1:\d+) 提供服务`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no address line in:\n%s", out)
	}
	base := m[1]
	secrets := regexp.MustCompile(`pw_[A-Za-z0-9_-]{20,}`).FindAllString(out, -1)
	if len(secrets) < 2 {
		t.Fatalf("want the demo admin and reporter secrets in:\n%s", out)
	}
	dbLine := regexp.MustCompile(`\(demo database\): (\S+)`).FindStringSubmatch(out)
	if dbLine == nil {
		t.Fatalf("no demo database line in:\n%s", out)
	}

	get := func(path, secret string) int {
		req, _ := http.NewRequest("GET", base+path, nil)
		if secret != "" {
			req.Header.Set("Authorization", "Bearer "+secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get("/api/plans/1/status", ""); code != 200 {
		t.Errorf("anonymous ledger: %d", code)
	}
	if code := get("/api/audit", secrets[0]); code != 200 {
		t.Errorf("audit with the first printed (admin) secret: %d", code)
	}
	if code := get("/api/audit", secrets[1]); code != 403 {
		t.Errorf("audit with the reporter secret: %d, want 403", code)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve after Ctrl+C: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop after its context ended")
	}
	if _, err := os.Stat(filepath.Dir(dbLine[1])); !os.IsNotExist(err) {
		t.Errorf("the temporary demo directory %s is left behind", filepath.Dir(dbLine[1]))
	}
}

func TestServeDemoNeverOverwrites(t *testing.T) {
	db := filepath.Join(t.TempDir(), "real.db")
	if err := os.WriteFile(db, []byte("someone's data"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "serve", "--demo", "--db", db, "--addr", "127.0.0.1:0")
	if code != 2 || !strings.Contains(stderr, "exists") {
		t.Errorf("serve --demo on an existing file: exit %d, %q", code, stderr)
	}
	if b, _ := os.ReadFile(db); string(b) != "someone's data" {
		t.Error("the existing file was changed")
	}
}

func TestServeBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--log-level", "loud"},
		{"serve", "extra"},
		{"serve", "--demo", "--db", "postgres://u@h/db"},
	} {
		if code, _, _ := runCLI(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
