package server

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/guarantor/guarantor/store"
	"github.com/guarantor/guarantor/store/storetest"
)

// TestTwoInstances runs two servers on one database, on both backends: a
// second server starting keeps the first one's running run (its owner is
// alive and beating) and fails only a run whose owner's heartbeat is
// stale; runs the first server queues later also survive the second's
// sweeps.
func TestTwoInstances(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	storetest.Each(t, func(t *testing.T, st *store.Store, _ string) {
		ctx := context.Background()
		cfg := func(c *Config) {
			// A staleness window far above the heartbeat: on a loaded 2-core
			// machine a heartbeat can be late by hundreds of milliseconds.
			c.MaxSamples, c.Heartbeat, c.StaleAfter = 2_000_000, 100*time.Millisecond, 1500*time.Millisecond
		}
		var logA syncBuffer
		a := newHarness(t, st, func(c *Config) {
			cfg(c)
			c.Logger = slog.New(slog.NewTextHandler(&logA, nil))
		})
		a.create("ukraine", example(t, "_base/ukraine.yaml"))
		sc := a.create("opt", example(t, "06-european-tripwire-12000.yaml"))
		var long RunOut
		if code, b := a.do("POST", "/api/runs", map[string]any{"scenario_id": sc.Scenario.ID, "samples": 2_000_000}, true, &long); code != 202 {
			t.Fatalf("start run on A: %d %s", code, b)
		}
		for {
			var r RunOut
			a.do("GET", "/api/runs/"+long.ID, nil, false, &r)
			if r.Status == "running" {
				break
			}
			if store.Status(r.Status).Final() {
				t.Fatalf("long run ended early: %s %s", r.Status, r.Error)
			}
			time.Sleep(10 * time.Millisecond)
		}
		if r, _ := st.GetRun(ctx, long.ID); r.Owner != a.srv.Instance() {
			t.Fatalf("run owner %q, want A's instance %q", r.Owner, a.srv.Instance())
		}
		// A run left by a server that died long ago: its owner no longer beats.
		orphan, err := st.CreateRun(ctx, store.Run{ScenarioID: sc.Scenario.ID, Version: 1, Option: "x", InputsHash: "h",
			EngineVersion: "test", Samples: 1, Owner: "dead-instance"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.DB().ExecContext(ctx, `UPDATE runs SET heartbeat_at = 0 WHERE id = '`+orphan.ID+`'`); err != nil {
			t.Fatal(err)
		}

		b := newHarness(t, st, cfg)
		if b.srv.Instance() == a.srv.Instance() {
			t.Fatal("two servers share an instance id")
		}
		if r, _ := st.GetRun(ctx, orphan.ID); r.Status != store.Failed || r.Error != store.InterruptedMsg {
			t.Fatalf("orphan after B started: %s %q, want failed", r.Status, r.Error)
		}
		// Several staleness windows of B sweeping: A's run lives on.
		time.Sleep(1800 * time.Millisecond)
		if r, _ := st.GetRun(ctx, long.ID); r.Status != store.Running {
			t.Fatalf("A's live run after B's start and sweeps: %s %q, want running", r.Status, r.Error)
		}
		// B cancels A's run through the shared store; A's worker stops at
		// its next heartbeat, which finds the run ended.
		if code, body := b.do("POST", "/api/runs/"+long.ID+"/cancel", nil, true, nil); code >= 300 {
			t.Fatalf("cancel via B: %d %s", code, body)
		}
		if r := a.wait(long.ID); r.Status != "canceled" {
			t.Fatalf("after cancel: %s", r.Status)
		}
		for deadline := time.Now().Add(120 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			a.srv.q.mu.Lock()
			n := len(a.srv.q.cancel)
			a.srv.q.mu.Unlock()
			if n == 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("A still computes the run B canceled")
			}
		}
		// Stopped, not computed to the end: A never logged it done.
		if strings.Contains(logA.String(), `msg="run done" run=`+long.ID) {
			t.Fatalf("A computed the canceled run to the end:\n%s", logA.String())
		}
	})
}

// syncBuffer is a bytes.Buffer safe for a logger and a test at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
