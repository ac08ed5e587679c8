package sqlite_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/planwatch/planwatch/internal/plan"
	"github.com/planwatch/planwatch/internal/store"
	"github.com/planwatch/planwatch/internal/store/sqlite"
	"github.com/planwatch/planwatch/internal/store/storetest"
)

// rawDB is the write pool under a store, for checks the interface cannot make.
func rawDB(t *testing.T, s store.Store) *sql.DB {
	t.Helper()
	r, ok := s.(interface{ SQL() *sql.DB })
	if !ok {
		t.Fatal("sqlite store does not expose SQL()")
	}
	return r.SQL()
}

func pragma(t *testing.T, db *sql.DB, name string) string {
	t.Helper()
	var v string
	if err := db.QueryRowContext(t.Context(), "PRAGMA "+name).Scan(&v); err != nil {
		t.Fatalf("PRAGMA %s: %v", name, err)
	}
	return v
}

func TestPragmas(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	db := rawDB(t, s)
	for name, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "10000", "synchronous": "1"} {
		if got := pragma(t, db, name); got != want {
			t.Errorf("PRAGMA %s = %s, want %s", name, got, want)
		}
	}
	rec, _, err := s.ImportPlan(t.Context(), store.PlanImport{Plan: storetest.SamplePlan(), Source: "x"}, store.Actor{Name: "t"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Errorf("no write-ahead log beside the database after a write: %v", err)
	}
	// The reader pool must see what the writer committed.
	if got, err := s.FindPlanByID(t.Context(), rec.ID); err != nil || got.Key != rec.Key {
		t.Fatalf("read after write: %v %v", got.Key, err)
	}
}

func TestMigrationsRecordedOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	for range 3 {
		s, err := sqlite.Open(t.Context(), path)
		if err != nil {
			t.Fatal(err)
		}
		var n, v int
		if err := rawDB(t, s).QueryRowContext(t.Context(), "SELECT COUNT(*), MAX(version) FROM schema_migrations").Scan(&n, &v); err != nil {
			t.Fatal(err)
		}
		s.Close()
		if n != 3 || v != 3 {
			t.Fatalf("schema_migrations: %d rows, version %d; want 3 and 3", n, v)
		}
	}
	// A database written by a newer planwatch is refused, not downgraded.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, '0099_future.sql', 'x')"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if s, err := sqlite.Open(t.Context(), path); err == nil || !strings.Contains(err.Error(), "newer") {
		if s != nil {
			s.Close()
		}
		t.Fatalf("opening a newer database: %v, want a refusal naming the version", err)
	}
}

// childEnv makes the test binary, re-executed, act as a writer process
// (see TestChild below) instead of running tests.
const childEnv = "PLANWATCH_STORE_CHILD"

// TestChild is the body of the child processes the tests below start; run
// directly it does nothing.
func TestChild(t *testing.T) {
	mode := os.Getenv(childEnv)
	if mode == "" {
		t.Skip("only runs as a child process")
	}
	if err := runChild(mode); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
}

// runChild: "big-obs <db> <plan>" starts a huge CreateObservations;
// "big-plan <db>" a huge ImportPlan; "write <db> <plan> <n> <tag>" makes n
// one-observation writes.
func runChild(spec string) error {
	f := strings.Fields(spec)
	ctx := context.Background()
	s, err := sqlite.Open(ctx, f[1])
	if err != nil {
		return err
	}
	defer s.Close()
	by := store.Actor{Name: "child"}
	switch f[0] {
	case "big-obs":
		planID, _ := strconv.ParseInt(f[2], 10, 64)
		batch := make([]plan.Observation, 300000)
		for i := range batch {
			batch[i] = observation(planID, float64(i))
		}
		fmt.Println("writing")
		_, err = s.CreateObservations(ctx, batch, by)
	case "big-plan":
		fmt.Println("writing")
		_, _, err = s.ImportPlan(ctx, store.PlanImport{Plan: bigPlan(60000), Source: "big"}, by)
	case "write":
		planID, _ := strconv.ParseInt(f[2], 10, 64)
		n, _ := strconv.Atoi(f[3])
		tag, _ := strconv.Atoi(f[4])
		for i := range n {
			if _, err := s.CreateObservations(ctx, []plan.Observation{observation(planID, float64(tag*100000+i))}, by); err != nil {
				return err
			}
		}
	}
	if err != nil {
		return err
	}
	fmt.Println("done")
	return nil
}

func observation(planID int64, v float64) plan.Observation {
	return plan.Observation{
		PlanID: planID, TargetID: "2.1-1", Value: &v, Unit: "个", PeriodStart: "2021-01-01", PeriodEnd: "2021-01-31",
		Kind: plan.ObsFlow, Scope: "长沙市", SourceURL: "http://example.gov.cn/a.html", Quote: "全市新建5G基站", ReportedBy: "市工信局",
	}
}

// bigPlan has n tasks with one target each.
func bigPlan(n int) *plan.Plan {
	p := &plan.Plan{Title: "大计划", Issuer: "长沙市人民政府"}
	for i := range n {
		id := strconv.Itoa(i + 1)
		p.Sections = append(p.Sections, &plan.Section{ID: id, Title: "任务" + id, LeadUnits: []string{"市工信局"},
			Targets: []plan.Target{{Subject: "指标" + id, Comparator: plan.GE, Value: float64(i), Unit: "个", Deadline: "2022-12-31", Quote: "新建" + id + "个"}}})
	}
	return p
}

func startChild(t *testing.T, spec string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+spec)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return cmd, bufio.NewScanner(out)
}

type snapshot struct{ plans, targets, observations, audit int }

func countRows(t *testing.T, path string) snapshot {
	t.Helper()
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer s.Close()
	db := rawDB(t, s)
	if got := pragma(t, db, "integrity_check"); got != "ok" {
		t.Fatalf("integrity_check: %s", got)
	}
	var c snapshot
	for _, q := range []struct {
		table string
		dst   *int
	}{{"plans", &c.plans}, {"targets", &c.targets}, {"observations", &c.observations}, {"audit_log", &c.audit}} {
		if err := db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM "+q.table).Scan(q.dst); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// TestKillDuringWrite: a writer SIGKILLed in the middle of a large
// transaction leaves the database exactly as it was, and intact.
func TestKillDuringWrite(t *testing.T) {
	for _, mode := range []string{"big-obs", "big-plan"} {
		t.Run(mode, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "k.db")
			s, rec := openWithSamplePlan(t, path)
			if _, err := s.CreateObservations(t.Context(), []plan.Observation{observation(rec.ID, 1), observation(rec.ID, 2)}, store.Actor{Name: "t"}); err != nil {
				t.Fatal(err)
			}
			s.Close()
			before := countRows(t, path)

			cmd, out := startChild(t, fmt.Sprintf("%s %s %d", mode, path, rec.ID))
			if !out.Scan() || out.Text() != "writing" {
				t.Fatalf("child did not start writing: %q", out.Text())
			}
			// The write is under way when the WAL grows past the last
			// checkpoint's size; kill it then, long before it can commit.
			walGrew(t, path+"-wal")
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
				t.Fatalf("child finished before it was killed (%v): make the write larger", err)
			}
			if after := countRows(t, path); after != before {
				t.Fatalf("after kill -9 mid-write: %+v, want %+v as before", after, before)
			}
			// And the store still takes writes.
			s, err = sqlite.Open(t.Context(), path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if _, err := s.CreateObservations(t.Context(), []plan.Observation{observation(rec.ID, 3)}, store.Actor{Name: "t"}); err != nil {
				t.Fatalf("write after recovery: %v", err)
			}
		})
	}
}

// walGrew waits until the WAL file holds at least 4 MB of uncommitted pages.
func walGrew(t *testing.T, wal string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if fi, err := os.Stat(wal); err == nil && fi.Size() > 4<<20 {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatal("the child's write never reached the WAL")
}

// TestProcessesWriteTogether: two other processes and this one write to
// one file at once; every write lands.
func TestProcessesWriteTogether(t *testing.T) {
	path := filepath.Join(t.TempDir(), "w.db")
	s, rec := openWithSamplePlan(t, path)
	defer s.Close()
	const each = 300
	var children []*exec.Cmd
	var outs []*bufio.Scanner
	for tag := 1; tag <= 2; tag++ {
		cmd, out := startChild(t, fmt.Sprintf("write %s %d %d %d", path, rec.ID, each, tag))
		children, outs = append(children, cmd), append(outs, out)
	}
	for i := range each {
		if _, err := s.CreateObservations(t.Context(), []plan.Observation{observation(rec.ID, float64(i))}, store.Actor{Name: "t"}); err != nil {
			t.Fatalf("parent write %d: %v", i, err)
		}
	}
	for i, cmd := range children {
		var lines []string
		for outs[i].Scan() {
			lines = append(lines, outs[i].Text())
		}
		if err := cmd.Wait(); err != nil || !slices.Contains(lines, "done") {
			t.Fatalf("child %d: %v, output %q", i+1, err, lines)
		}
	}
	all, err := s.ListObservations(t.Context(), store.ObservationFilter{PlanID: rec.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3*each {
		t.Fatalf("%d observations after 3 processes wrote %d each", len(all), each)
	}
}

// TestWaitsForAnotherWriter: a lock held by another connection for a while
// makes a write wait (busy_timeout), not fail.
func TestWaitsForAnotherWriter(t *testing.T) {
	path := filepath.Join(t.TempDir(), "b.db")
	s, rec := openWithSamplePlan(t, path)
	defer s.Close()
	other, err := sql.Open("sqlite", path+"?_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("INSERT INTO units (name, created_at) VALUES ('held', 'x')"); err != nil {
		t.Fatal(err)
	}
	released := make(chan time.Time, 1)
	go func() {
		time.Sleep(300 * time.Millisecond)
		released <- time.Now()
		tx.Commit()
	}()
	if _, err := s.CreateObservations(t.Context(), []plan.Observation{observation(rec.ID, 1)}, store.Actor{Name: "t"}); err != nil {
		t.Fatalf("write while another connection held the lock: %v", err)
	}
	select {
	case <-released:
	default:
		t.Fatal("the write went through while another connection held the write lock")
	}
}

// TestBackupWhileWriting: VACUUM INTO takes a consistent copy while
// writers go on; the copy opens as a planwatch database with the data.
func TestBackupWhileWriting(t *testing.T) {
	dir := t.TempDir()
	s, rec := openWithSamplePlan(t, filepath.Join(dir, "live.db"))
	defer s.Close()
	seed := make([]plan.Observation, 2000)
	for i := range seed {
		seed[i] = observation(rec.ID, float64(i))
	}
	if _, err := s.CreateObservations(t.Context(), seed, store.Actor{Name: "t"}); err != nil {
		t.Fatal(err)
	}

	stop := make(chan struct{})
	var written atomic.Int64
	var wg sync.WaitGroup
	var writeErr error
	var failed atomic.Bool
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := s.CreateObservations(context.Background(), []plan.Observation{observation(rec.ID, float64(10000+i))}, store.Actor{Name: "t"}); err != nil {
				writeErr = err
				failed.Store(true)
				return
			}
			written.Add(1)
		}
	})
	for written.Load() < 20 && !failed.Load() {
		time.Sleep(time.Millisecond)
	}
	copyPath := filepath.Join(dir, "copy.db")
	if err := s.Backup(t.Context(), copyPath); err != nil {
		t.Fatal(err)
	}
	duringBackup := written.Load()
	for written.Load() < duringBackup+20 && !failed.Load() {
		time.Sleep(time.Millisecond)
	}
	close(stop)
	wg.Wait()
	if writeErr != nil {
		t.Fatalf("a write failed during the backup: %v", writeErr)
	}

	c, err := sqlite.Open(t.Context(), copyPath)
	if err != nil {
		t.Fatalf("open the backup: %v", err)
	}
	defer c.Close()
	if got := pragma(t, rawDB(t, c), "integrity_check"); got != "ok" {
		t.Fatalf("backup integrity_check: %s", got)
	}
	got, err := c.FindPlanByID(t.Context(), rec.ID)
	if err != nil || got.Key != rec.Key {
		t.Fatalf("plan in the backup: %v %v", got.Key, err)
	}
	obs, err := c.ListObservations(t.Context(), store.ObservationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	live, _ := s.ListObservations(t.Context(), store.ObservationFilter{})
	if len(obs) < len(seed)+20 || len(obs) >= len(live) {
		t.Fatalf("backup holds %d observations; want at least the %d written before it and fewer than the %d now", len(obs), len(seed)+20, len(live))
	}
	if err := s.Backup(t.Context(), copyPath); store.ErrorCode(err) != store.EInvalid {
		t.Fatalf("backup over an existing file: %v, want invalid", err)
	}
}

// openWithSamplePlan opens a SQLite store at path holding the sample plan;
// the caller closes it (some tests kill or reopen it on purpose).
func openWithSamplePlan(t *testing.T, path string) (store.Store, store.PlanRecord) {
	t.Helper()
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	rec, _, err := s.ImportPlan(t.Context(), store.PlanImport{Plan: storetest.SamplePlan(), Source: "x"}, store.Actor{Name: "t"})
	if err != nil {
		s.Close()
		t.Fatal(err)
	}
	return s, rec
}
