package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/guarantor/guarantor/store"
	"github.com/guarantor/guarantor/store/storetest"
)

func TestScenarioVersionsAreImmutable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store, _ string) {
		ctx := context.Background()
		text1 := "name: a\n# comment kept verbatim  \n\tindent: 'x'\n"
		sc, v1, err := s.CreateScenario(ctx, "alpha", text1, "tok1")
		if err != nil {
			t.Fatal(err)
		}
		if v1.Version != 1 || sc.Latest != 1 {
			t.Fatalf("first version %d latest %d", v1.Version, sc.Latest)
		}
		if _, _, err := s.CreateScenario(ctx, "alpha", "x", ""); !errors.Is(err, store.ErrConflict) {
			t.Fatalf("duplicate name: %v, want ErrConflict", err)
		}
		v2, err := s.SaveVersion(ctx, sc.ID, "name: b\n", "tok2")
		if err != nil {
			t.Fatal(err)
		}
		v3, err := s.SaveVersion(ctx, sc.ID, "name: b\n", "tok2") // same text: still a new version
		if err != nil {
			t.Fatal(err)
		}
		if v2.Version != 2 || v3.Version != 3 {
			t.Fatalf("versions %d %d", v2.Version, v3.Version)
		}
		got, err := s.GetVersion(ctx, sc.ID, 1)
		if err != nil || got.YAML != text1 || got.Author != "tok1" || got.SHA256 != store.Digest(text1) {
			t.Fatalf("version 1 = %+v, %v", got, err)
		}
		latest, err := s.GetVersion(ctx, sc.ID, 0)
		if err != nil || latest.Version != 3 {
			t.Fatalf("latest = %+v, %v", latest, err)
		}
		vs, err := s.Versions(ctx, sc.ID, 0, 2)
		if err != nil || len(vs) != 2 || vs[0].Version != 3 || vs[1].Version != 2 {
			t.Fatalf("versions page = %+v, %v", vs, err)
		}
		vs, err = s.Versions(ctx, sc.ID, 2, 10)
		if err != nil || len(vs) != 1 || vs[0].Version != 1 {
			t.Fatalf("versions before 2 = %+v, %v", vs, err)
		}
		if _, err := s.SaveVersion(ctx, store.NewID(), "x", ""); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("save to missing scenario: %v", err)
		}
		if _, err := s.GetVersion(ctx, sc.ID, 9); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("missing version: %v", err)
		}
	})
}

// Concurrent saves to one scenario must each get their own version
// number with nothing lost (the count of versions equals the saves).
func TestConcurrentSavesLoseNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store, _ string) {
		ctx := context.Background()
		sc, _, err := s.CreateScenario(ctx, "c", "v0", "")
		if err != nil {
			t.Fatal(err)
		}
		const n = 24
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := s.SaveVersion(ctx, sc.ID, fmt.Sprintf("v%d", i+1), ""); err != nil {
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for v := 1; v <= n+1; v++ {
			got, err := s.GetVersion(ctx, sc.ID, v)
			if err != nil {
				t.Fatalf("version %d: %v", v, err)
			}
			seen[got.YAML] = true
		}
		if len(seen) != n+1 {
			t.Fatalf("%d distinct texts, want %d", len(seen), n+1)
		}
		cur, _ := s.GetScenario(ctx, sc.ID)
		if cur.Latest != n+1 {
			t.Fatalf("latest %d, want %d", cur.Latest, n+1)
		}
	})
}

func TestPagination(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store, _ string) {
		ctx := context.Background()
		want := map[string]bool{}
		for i := range 7 {
			sc, _, err := s.CreateScenario(ctx, fmt.Sprintf("s%d", i), "x", "")
			if err != nil {
				t.Fatal(err)
			}
			want[sc.ID] = true
		}
		got := map[string]bool{}
		after, pages := "", 0
		for {
			page, next, err := s.ListScenarios(ctx, store.Page{After: after, Limit: 3})
			if err != nil {
				t.Fatal(err)
			}
			pages++
			for i, sc := range page {
				if got[sc.ID] {
					t.Fatalf("scenario %s on two pages", sc.ID)
				}
				if i > 0 && sc.ID >= page[i-1].ID {
					t.Fatalf("page not newest first")
				}
				got[sc.ID] = true
			}
			if next == "" {
				break
			}
			after = next
		}
		if len(got) != len(want) || pages != 3 {
			t.Fatalf("%d scenarios over %d pages, want 7 over 3", len(got), pages)
		}
	})
}

func TestRunLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store, _ string) {
		ctx := context.Background()
		sc, _, _ := s.CreateScenario(ctx, "r", "x", "")
		k := store.Key{InputsHash: "abc", EngineVersion: "v1", Seed: 1<<63 + 5, Samples: 1000}
		r, err := s.CreateRun(ctx, store.Run{ScenarioID: sc.ID, Version: 1, Option: "opt", InputsHash: k.InputsHash,
			EngineVersion: k.EngineVersion, Seed: k.Seed, Samples: k.Samples, TokenID: "t"})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.FindDone(ctx, k); ok {
			t.Fatal("queued run found as done")
		}
		if a, ok, _ := s.FindActive(ctx, k); !ok || a.ID != r.ID {
			t.Fatal("queued run not found as active")
		}
		if ok, err := s.StartRun(ctx, r.ID); !ok || err != nil {
			t.Fatalf("start: %v %v", ok, err)
		}
		if ok, _ := s.StartRun(ctx, r.ID); ok {
			t.Fatal("started twice")
		}
		if err := s.SetProgress(ctx, r.ID, 0.5); err != nil {
			t.Fatal(err)
		}
		got, _ := s.GetRun(ctx, r.ID)
		if got.Status != store.Running || got.Progress != 0.5 || got.Seed != k.Seed || got.StartedAt.IsZero() {
			t.Fatalf("running run = %+v", got)
		}
		if ok, err := s.FinishRun(ctx, r.ID, []byte(`{"x":1}`)); !ok || err != nil {
			t.Fatalf("finish: %v %v", ok, err)
		}
		if ok, _ := s.EndRun(ctx, r.ID, store.Canceled, "late"); ok {
			t.Fatal("canceled a done run")
		}
		if _, ok, _ := s.FindActive(ctx, k); ok {
			t.Fatal("done run found as active")
		}
		found, ok, err := s.FindDone(ctx, k)
		if !ok || err != nil || found.ID != r.ID {
			t.Fatalf("FindDone = %+v %v %v", found, ok, err)
		}
		body, err := s.Result(ctx, r.ID)
		if err != nil || string(body) != `{"x":1}` {
			t.Fatalf("result %q %v", body, err)
		}
		// A canceled run never gets a result, even if its worker finishes.
		r2, _ := s.CreateRun(ctx, store.Run{ScenarioID: sc.ID, Version: 1, InputsHash: "h2", EngineVersion: "v1", Samples: 1})
		s.StartRun(ctx, r2.ID)
		if ok, _ := s.EndRun(ctx, r2.ID, store.Canceled, "by user"); !ok {
			t.Fatal("cancel failed")
		}
		if ok, _ := s.FinishRun(ctx, r2.ID, []byte("{}")); ok {
			t.Fatal("finished a canceled run")
		}
		if _, err := s.Result(ctx, r2.ID); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("canceled run has a result: %v", err)
		}
		runs, _, err := s.ListRuns(ctx, store.RunFilter{Status: store.Canceled}, store.Page{})
		if err != nil || len(runs) != 1 || runs[0].ID != r2.ID {
			t.Fatalf("canceled runs = %+v %v", runs, err)
		}
		if err := s.PutReport(ctx, r.ID, "pdf", []byte{0, 1, 2, 255}); err != nil {
			t.Fatal(err)
		}
		if err := s.PutReport(ctx, r.ID, "pdf", []byte{9, 0}); err != nil {
			t.Fatal(err)
		}
		rep, err := s.Report(ctx, r.ID, "pdf")
		if err != nil || string(rep) != "\x09\x00" {
			t.Fatalf("report %v %v", rep, err)
		}
	})
}

// Two server instances share a database: a start or sweep by one fails
// only the unfinished runs whose owner's heartbeat is stale (and ownerless
// runs from before owners), never its own, never a live peer's, never a
// finished run.
func TestRecoverStale(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store, _ string) {
		ctx := context.Background()
		clock := time.UnixMilli(1_700_000_000_000)
		store.SetNow(s, func() time.Time { return clock })
		sc, _, _ := s.CreateScenario(ctx, "r", "x", "")
		mk := func(owner string) store.Run {
			r, err := s.CreateRun(ctx, store.Run{ScenarioID: sc.ID, Version: 1, InputsHash: "h", EngineVersion: "v", Samples: 1, Owner: owner})
			if err != nil {
				t.Fatal(err)
			}
			if r.Owner != owner {
				t.Fatalf("owner %q, want %q", r.Owner, owner)
			}
			return r
		}
		aQueued, aRunning, aDone := mk("A"), mk("A"), mk("A")
		bRunning, legacy, self := mk("B"), mk(""), mk("C")
		for _, r := range []store.Run{aRunning, aDone, bRunning} {
			s.StartRun(ctx, r.ID)
		}
		s.FinishRun(ctx, aDone.ID, []byte("{}"))
		const after = 30 * time.Second
		// Everything is fresh but the legacy run: C's start fails only it.
		if n, err := s.RecoverStale(ctx, "C", after); err != nil || n != 1 {
			t.Fatalf("fresh: recovered %d, %v; want 1 (the ownerless run)", n, err)
		}
		// 20 s on B beats; 20 s later A has not beaten for 40 s, B for 20.
		clock = clock.Add(20 * time.Second)
		if n, err := s.Heartbeat(ctx, "B"); err != nil || n != 1 {
			t.Fatalf("heartbeat B: %d, %v; want 1", n, err)
		}
		clock = clock.Add(20 * time.Second)
		if n, err := s.RecoverStale(ctx, "C", after); err != nil || n != 2 {
			t.Fatalf("A stale: recovered %d, %v; want 2", n, err)
		}
		want := map[string]store.Status{aQueued.ID: store.Failed, aRunning.ID: store.Failed, aDone.ID: store.Done, bRunning.ID: store.Running, legacy.ID: store.Failed, self.ID: store.Queued}
		for id, st := range want {
			r, _ := s.GetRun(ctx, id)
			if r.Status != st || st == store.Failed && r.Error != store.InterruptedMsg {
				t.Errorf("run %s (owner %q) = %s %q, want %s", id, r.Owner, r.Status, r.Error, st)
			}
		}
		// A failed run is not beaten any more; B's is.
		if n, _ := s.Heartbeat(ctx, "A"); n != 0 {
			t.Errorf("heartbeat A after its runs failed: %d rows", n)
		}
	})
}

func TestTokensAreHashed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store, _ string) {
		ctx := context.Background()
		secret, tok, err := s.CreateToken(ctx, "ci")
		if err != nil {
			t.Fatal(err)
		}
		var n int
		s.DB().QueryRow(s.Q(`SELECT COUNT(*) FROM tokens WHERE hash = ? OR name = ?`), secret, secret).Scan(&n)
		if n != 0 {
			t.Fatal("secret stored in clear")
		}
		got, err := s.CheckToken(ctx, secret)
		if err != nil || got.ID != tok.ID {
			t.Fatalf("check: %+v %v", got, err)
		}
		if _, err := s.CheckToken(ctx, secret+"x"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("wrong secret accepted: %v", err)
		}
		if err := s.RevokeToken(ctx, tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CheckToken(ctx, secret); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("revoked token accepted: %v", err)
		}
	})
}

// Reopening runs no migration twice and keeps the data.
func TestReopen(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store, dsn string) {
		ctx := context.Background()
		sc, _, _ := s.CreateScenario(ctx, "keep", "text", "")
		s2, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		if got, err := s2.GetVersion(ctx, sc.ID, 1); err != nil || got.YAML != "text" {
			t.Fatalf("after reopen: %+v %v", got, err)
		}
		ms, _ := store.Migrations()
		var n int
		s2.DB().QueryRow(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n)
		if n != len(ms) {
			t.Fatalf("%d migrations recorded, want %d", n, len(ms))
		}
	})
}

func TestIDs(t *testing.T) {
	prev := ""
	for range 1000 {
		id := store.NewID()
		if !store.ValidID(id) {
			t.Fatalf("invalid id %q", id)
		}
		if id == prev {
			t.Fatal("duplicate id")
		}
		prev = id
	}
	for _, bad := range []string{"", "../etc/passwd", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789abcdefghijklmnoz"} {
		if store.ValidID(bad) {
			t.Fatalf("ValidID(%q)", bad)
		}
	}
}

// Backtests are runs of kind backtest: the same lifecycle, results and
// recovery as assessments, but never the same computation as one (even
// with equal hashes), listed apart, and pointing at the reserved scenario,
// which no scenario query returns and no save can extend.
func TestBacktestRuns(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store, _ string) {
		ctx := context.Background()
		sc, _, _ := s.CreateScenario(ctx, "a", "x", "")
		a, err := s.CreateRun(ctx, store.Run{ScenarioID: sc.ID, Version: 1, InputsHash: "h", EngineVersion: "v", Seed: 3, Samples: 100})
		if err != nil || a.Kind != store.KindAssess {
			t.Fatalf("assess run %+v %v", a, err)
		}
		b, err := s.CreateRun(ctx, store.Run{Kind: store.KindBacktest, Option: "bins=5", InputsHash: "h", EngineVersion: "v", Seed: 3, Samples: 100, Owner: "me"})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.GetRun(ctx, b.ID)
		if err != nil || got.Kind != store.KindBacktest || got.ScenarioID != store.BacktestScenario || got.Option != "bins=5" {
			t.Fatalf("backtest run %+v %v", got, err)
		}
		if _, err := s.CreateRun(ctx, store.Run{Kind: "sweep", InputsHash: "h"}); err == nil {
			t.Fatal("unknown kind accepted")
		}
		bk := got.Key()
		if f, ok, _ := s.FindActive(ctx, bk); !ok || f.ID != b.ID {
			t.Fatalf("active backtest = %+v %v", f, ok)
		}
		ak := bk
		ak.Kind = ""
		if f, ok, _ := s.FindActive(ctx, ak); !ok || f.ID != a.ID {
			t.Fatalf("an assess key found %+v, want the assess run", f)
		}
		s.StartRun(ctx, b.ID)
		s.SetProgress(ctx, b.ID, 0.25)
		if ok, err := s.FinishRun(ctx, b.ID, []byte(`{"output":"backtest"}`)); !ok || err != nil {
			t.Fatalf("finish %v %v", ok, err)
		}
		if f, ok, _ := s.FindDone(ctx, bk); !ok || f.ID != b.ID {
			t.Fatal("done backtest not found")
		}
		if _, ok, _ := s.FindDone(ctx, ak); ok {
			t.Fatal("a backtest answered an assessment's key")
		}
		if body, err := s.Result(ctx, b.ID); err != nil || string(body) != `{"output":"backtest"}` {
			t.Fatalf("result %q %v", body, err)
		}
		for _, c := range []struct {
			kind store.Kind
			want string
		}{{store.KindAssess, a.ID}, {store.KindBacktest, b.ID}} {
			rs, _, err := s.ListRuns(ctx, store.RunFilter{Kind: c.kind}, store.Page{})
			if err != nil || len(rs) != 1 || rs[0].ID != c.want {
				t.Fatalf("%s runs = %+v %v", c.kind, rs, err)
			}
		}
		if rs, _, _ := s.ListRuns(ctx, store.RunFilter{}, store.Page{}); len(rs) != 2 {
			t.Fatalf("all runs: %d, want 2", len(rs))
		}
		// The reserved scenario is invisible and read-only.
		if _, err := s.GetScenario(ctx, store.BacktestScenario); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("reserved scenario: %v", err)
		}
		if _, err := s.ScenarioByName(ctx, "(backtests)"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("reserved scenario by name: %v", err)
		}
		if _, err := s.SaveVersion(ctx, store.BacktestScenario, "x", ""); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("save to the reserved scenario: %v", err)
		}
		if list, _, _ := s.ListScenarios(ctx, store.Page{}); len(list) != 1 || list[0].ID != sc.ID {
			t.Fatalf("scenarios = %+v", list)
		}
		// An interrupted backtest is failed by recovery like any run.
		c, _ := s.CreateRun(ctx, store.Run{Kind: store.KindBacktest, InputsHash: "h3", EngineVersion: "v", Samples: 100, Owner: "dead"})
		s.StartRun(ctx, c.ID)
		if n, err := s.RecoverStale(ctx, "me", -time.Hour); err != nil || n < 1 {
			t.Fatalf("recovered %d %v", n, err)
		}
		if got, _ := s.GetRun(ctx, c.ID); got.Status != store.Failed || got.Error != store.InterruptedMsg {
			t.Fatalf("interrupted backtest = %+v", got)
		}
	})
}

// Migration 0003 is additive: a database at migration 0002 with a run
// and its result upgrades with every row intact, the run an assessment.
func TestMigrationKindIsAdditive(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store, dsn string) {
		ctx := context.Background()
		db := s.DB()
		// Back to the schema after 0002.
		for _, q := range []string{`DROP INDEX runs_kind`, `ALTER TABLE runs DROP COLUMN kind`,
			`DELETE FROM scenarios WHERE id = '` + store.BacktestScenario + `'`, `DELETE FROM schema_migrations WHERE version = 3`} {
			if _, err := db.ExecContext(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		sc, _, err := s.CreateScenario(ctx, "old", "x", "")
		if err != nil {
			t.Fatal(err)
		}
		id := store.NewID()
		if _, err := db.ExecContext(ctx, s.Q(`INSERT INTO runs (id, scenario_id, version, option_name, inputs_hash, engine_version, seed, samples,
			status, progress, error, token_id, created_at, started_at, finished_at, owner, heartbeat_at)
			VALUES (?, ?, 1, 'o', 'h', 'v', 7, 100, 'done', 1, '', '', 1, 2, 3, 'x', 4)`), id, sc.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(ctx, s.Q(`INSERT INTO results (run_id, body, created_at) VALUES (?, '{"a":1}', 3)`), id); err != nil {
			t.Fatal(err)
		}
		s2, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer s2.Close()
		r, err := s2.GetRun(ctx, id)
		if err != nil || r.Kind != store.KindAssess || r.Seed != 7 || r.Status != store.Done || r.Owner != "x" || r.FinishedAt.UnixMilli() != 3 {
			t.Fatalf("old run after 0003: %+v %v", r, err)
		}
		if f, ok, _ := s2.FindDone(ctx, store.Key{InputsHash: "h", EngineVersion: "v", Seed: 7, Samples: 100}); !ok || f.ID != id {
			t.Fatal("old run not found as done")
		}
		if body, err := s2.Result(ctx, id); err != nil || string(body) != `{"a":1}` {
			t.Fatalf("old result %q %v", body, err)
		}
		if _, err := s2.CreateRun(ctx, store.Run{Kind: store.KindBacktest, InputsHash: "h", EngineVersion: "v", Samples: 100}); err != nil {
			t.Fatal(err)
		}
	})
}
