package server

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/guarantor/guarantor/store"
	"github.com/guarantor/guarantor/store/storetest"
)

// TestMain doubles as the server process of the crash tests: with
// GUARANTOR_CHILD_DSN set, the test binary serves that database until
// SIGTERM (graceful) or SIGKILL.
func TestMain(m *testing.M) {
	if dsn := os.Getenv("GUARANTOR_CHILD_DSN"); dsn != "" {
		os.Exit(child(dsn))
	}
	os.Exit(m.Run())
}

func child(dsn string) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	// Leave with the test: a test killed by its timeout runs no cleanup.
	parent := os.Getppid()
	go func() {
		for range time.Tick(500 * time.Millisecond) {
			if os.Getppid() != parent {
				os.Exit(3)
			}
		}
	}()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	// A short heartbeat, so a restarted server soon takes its killed
	// predecessor's runs as interrupted.
	srv, err := New(Config{Store: st, Engine: &PipelineEngine{EngineVersion: "test", Workers: 1}, Public: true, Workers: 1,
		MaxSamples: 2_000_000, WritesPerMinute: 1 << 20, Heartbeat: 100 * time.Millisecond, History: os.Getenv("GUARANTOR_CHILD_HISTORY")})
	if err == nil {
		err = srv.Start(ctx)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 1
	}
	hs := &http.Server{Handler: srv.Handler()}
	go hs.Serve(ln)
	// Publish the address atomically: write then rename.
	f := os.Getenv("GUARANTOR_CHILD_ADDRFILE")
	os.WriteFile(f+".tmp", []byte(ln.Addr().String()), 0o600)
	os.Rename(f+".tmp", f)
	<-ctx.Done()
	grace, _ := time.ParseDuration(os.Getenv("GUARANTOR_CHILD_GRACE"))
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	hs.Shutdown(sctx)
	srv.Shutdown(sctx)
	st.Close()
	return 0
}

type proc struct {
	cmd  *exec.Cmd
	base string
}

func startChild(t *testing.T, dsn, grace string, env ...string) *proc {
	t.Helper()
	addrFile := filepath.Join(t.TempDir(), "addr")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GUARANTOR_CHILD_DSN="+dsn, "GUARANTOR_CHILD_ADDRFILE="+addrFile, "GUARANTOR_CHILD_GRACE="+grace)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if b, err := os.ReadFile(addrFile); err == nil {
			return &proc{cmd: cmd, base: "http://" + string(b)}
		}
		if time.Now().After(deadline) {
			t.Fatal("child server did not start")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// remote is a harness pointed at a child process.
func remote(t *testing.T, st *store.Store, p *proc) *harness {
	secret, _, err := st.CreateToken(context.Background(), "crash")
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, st: st, secret: secret}
	h.ts = newRemoteTS(p.base)
	return h
}

// TestCrash kills the server with SIGKILL in the middle of a run and of a
// stream of saves: after a restart every acknowledged version is there
// with its exact text, finished runs are intact, the interrupted run is
// marked failed and runs again.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	storetest.Each(t, func(t *testing.T, st *store.Store, dsn string) {
		p := startChild(t, dsn, "5s")
		h := remote(t, st, p)
		h.create("ukraine", example(t, "_base/ukraine.yaml"))
		sc := h.create("opt", example(t, "06-european-tripwire-12000.yaml"))
		var done RunOut
		h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 1000}, true, &done)
		if r := h.wait(done.ID); r.Status != "done" {
			t.Fatalf("first run: %s", r.Status)
		}
		var long RunOut
		h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 2_000_000}, true, &long)
		for {
			var r RunOut
			h.do("GET", "/api/runs/"+long.ID, nil, false, &r)
			if r.Status == "running" {
				break
			}
			if store.Status(r.Status).Final() {
				t.Fatalf("long run ended before the kill: %s %s", r.Status, r.Error)
			}
			time.Sleep(10 * time.Millisecond)
		}
		// Saves from 4 clients; the kill lands among them.
		var mu sync.Mutex
		acked := map[int]string{}
		var wg sync.WaitGroup
		stop := make(chan struct{})
		for c := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ; i++ {
					select {
					case <-stop:
						return
					default:
					}
					text := fmt.Sprintf("# client %d save %d\n%s", c, i, example(t, "06-european-tripwire-12000.yaml"))
					var out savedResp
					code, _ := h.tryDo("POST", "/api/scenarios/"+sc.Scenario.ID+"/versions", map[string]string{"yaml": text}, &out)
					if code != 201 {
						return // the server is gone
					}
					mu.Lock()
					acked[out.Version.Version] = text
					mu.Unlock()
				}
			}()
		}
		time.Sleep(800 * time.Millisecond)
		p.cmd.Process.Signal(syscall.SIGKILL)
		p.cmd.Wait()
		close(stop)
		wg.Wait()
		if len(acked) == 0 {
			t.Fatal("no save was acknowledged before the kill")
		}
		p2 := startChild(t, dsn, "5s")
		h2 := remote(t, st, p2)
		ctx := context.Background()
		cur, err := st.GetScenario(ctx, sc.Scenario.ID)
		if err != nil {
			t.Fatal(err)
		}
		for v, text := range acked {
			got, err := st.GetVersion(ctx, sc.Scenario.ID, v)
			if err != nil || got.YAML != text {
				t.Fatalf("acknowledged version %d lost or changed: %v", v, err)
			}
		}
		for v := 1; v <= cur.Latest; v++ {
			if _, err := st.GetVersion(ctx, sc.Scenario.ID, v); err != nil {
				t.Fatalf("version %d of %d missing: %v", v, cur.Latest, err)
			}
		}
		t.Logf("%d saves acknowledged before SIGKILL, %d versions stored", len(acked), cur.Latest)
		if r, _ := st.GetRun(ctx, done.ID); r.Status != store.Done {
			t.Fatalf("finished run became %s", r.Status)
		}
		if _, err := st.Result(ctx, done.ID); err != nil {
			t.Fatalf("finished run lost its result: %v", err)
		}
		// The killed server's heartbeat may still have been fresh when the
		// new one started; its sweep fails the run once the beat is stale.
		r := h2.wait(long.ID)
		if r.Status != string(store.Failed) || r.Error != store.InterruptedMsg {
			t.Fatalf("interrupted run: %s %q", r.Status, r.Error)
		}
		var again RunOut
		if code, b := h2.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "version": long.Version, "samples": 1000, "seed": 3}, true, &again); code != 202 {
			t.Fatalf("rerun: %d %s", code, b)
		}
		if r := h2.wait(again.ID); r.Status != "done" {
			t.Fatalf("rerun: %s %s", r.Status, r.Error)
		}
	})
}

// TestGracefulShutdown: SIGTERM lets a running run finish within the
// grace period; a run still going when it ends is recorded interrupted.
func TestGracefulShutdown(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	st, dsn := storetest.Open(t, store.SQLite)
	for _, c := range []struct {
		grace, want string
		samples     int
	}{{"60s", "done", 300_000}, {"1ms", "failed", 2_000_000}} {
		p := startChild(t, dsn, c.grace)
		h := remote(t, st, p)
		if _, err := st.ScenarioByName(context.Background(), "ukraine"); err != nil {
			h.create("ukraine", example(t, "_base/ukraine.yaml"))
		}
		sc := h.create("opt"+c.want, example(t, "06-european-tripwire-12000.yaml"))
		var run RunOut
		h.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": c.samples}, true, &run)
		for {
			var r RunOut
			h.do("GET", "/api/runs/"+run.ID, nil, false, &r)
			if r.Status != "queued" {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		p.cmd.Process.Signal(syscall.SIGTERM)
		if err := p.cmd.Wait(); err != nil {
			t.Fatalf("grace %s: exit %v", c.grace, err)
		}
		r, _ := st.GetRun(context.Background(), run.ID)
		if string(r.Status) != c.want || c.want == "failed" && !strings.HasPrefix(r.Error, "interrupted") {
			t.Fatalf("grace %s: run %s %q, want %s", c.grace, r.Status, r.Error, c.want)
		}
	}
}
