package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Status is a run's state. A run moves queued -> running -> one of the
// final states, never back.
type Status string

// The run states.
const (
	Queued   Status = "queued"
	Running  Status = "running"
	Done     Status = "done"
	Failed   Status = "failed"
	Canceled Status = "canceled"
)

// Final reports whether no further change will happen to a run.
func (s Status) Final() bool { return s == Done || s == Failed || s == Canceled }

// InterruptedMsg is the error recorded on runs that a stopped server left
// unfinished.
const InterruptedMsg = "interrupted: the server stopped before the run finished; start it again to rerun"

// Kind is what a run computes.
type Kind string

// The run kinds.
const (
	// KindAssess assesses one scenario version (every run before
	// migration 0003).
	KindAssess Kind = "assess"
	// KindBacktest scores the engine on the server's history cases; its
	// ScenarioID is BacktestScenario and its Option holds its parameters.
	KindBacktest Kind = "backtest"
)

// BacktestScenario is the reserved scenario row backtests point at
// (runs.scenario_id must name a scenario); it has no versions and the
// store never returns it as a scenario.
const BacktestScenario = "00000000000000000000000000"

// Run is one assessment of one scenario version, or one backtest.
type Run struct {
	ID            string
	Kind          Kind // "" is KindAssess in CreateRun
	ScenarioID    string
	Version       int
	Option        string // the option's name, for lists
	InputsHash    string
	EngineVersion string
	Seed          uint64
	Samples       int
	Status        Status
	Progress      float64 // 0..1
	Error         string
	TokenID       string
	// Owner is the instance id of the server process that queued the run
	// and refreshes its heartbeat until it ends ("" before owners).
	Owner      string
	CreatedAt  time.Time
	StartedAt  time.Time
	FinishedAt time.Time
}

// Key is what makes two runs the same computation.
type Key struct {
	Kind                      Kind
	InputsHash, EngineVersion string
	Seed                      uint64
	Samples                   int
}

func (k Key) kind() Kind {
	if k.Kind == "" {
		return KindAssess
	}
	return k.Kind
}

// Key returns the run's identity as a computation.
func (r Run) Key() Key { return Key{r.Kind, r.InputsHash, r.EngineVersion, r.Seed, r.Samples} }

const runCols = `id, kind, scenario_id, version, option_name, inputs_hash, engine_version, seed, samples, status, progress, error, token_id, owner, created_at, started_at, finished_at`

func scanRun(row interface{ Scan(...any) error }) (Run, error) {
	var r Run
	var seed, c, st, f int64
	var status, kind string
	if err := row.Scan(&r.ID, &kind, &r.ScenarioID, &r.Version, &r.Option, &r.InputsHash, &r.EngineVersion, &seed, &r.Samples,
		&status, &r.Progress, &r.Error, &r.TokenID, &r.Owner, &c, &st, &f); err != nil {
		return r, err
	}
	// Seeds are uint64; BIGINT is signed, so the bits are stored as is.
	r.Seed, r.Status, r.Kind = uint64(seed), Status(status), Kind(kind)
	r.CreatedAt, r.StartedAt, r.FinishedAt = fromMS(c), fromMS(st), fromMS(f)
	return r, nil
}

// CreateRun records a queued run owned by r.Owner, its heartbeat fresh;
// ID, Status, Progress and CreatedAt are set here, Kind when empty, and
// ScenarioID for a backtest.
func (s *Store) CreateRun(ctx context.Context, r Run) (Run, error) {
	now := s.ms()
	switch r.Kind {
	case "":
		r.Kind = KindAssess
	case KindAssess:
	case KindBacktest:
		r.ScenarioID, r.Version = BacktestScenario, 0
	default:
		return Run{}, fmt.Errorf("CreateRun: kind %q: expected assess or backtest", r.Kind)
	}
	r.ID, r.Status, r.Progress, r.CreatedAt = NewID(), Queued, 0, fromMS(now)
	r.Error, r.StartedAt, r.FinishedAt = "", time.Time{}, time.Time{}
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO runs (`+runCols+`, heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '', ?, ?, ?, 0, 0, ?)`),
		r.ID, string(r.Kind), r.ScenarioID, r.Version, r.Option, r.InputsHash, r.EngineVersion, int64(r.Seed), r.Samples, string(Queued), r.TokenID, r.Owner, now, now)
	if err != nil {
		return Run{}, err
	}
	return r, nil
}

// GetRun returns run id.
func (s *Store) GetRun(ctx context.Context, id string) (Run, error) {
	r, err := scanRun(s.db.QueryRowContext(ctx, s.q(`SELECT `+runCols+` FROM runs WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("run %s: %w", id, ErrNotFound)
	}
	return r, err
}

// RunFilter narrows ListRuns; zero fields match everything.
type RunFilter struct {
	Kind       Kind
	ScenarioID string
	Status     Status
}

// ListRuns returns runs newest first and the next page's cursor.
func (s *Store) ListRuns(ctx context.Context, f RunFilter, p Page) ([]Run, string, error) {
	lim := p.limit()
	query := `SELECT ` + runCols + ` FROM runs WHERE 1 = 1`
	var args []any
	if f.Kind != "" {
		query += ` AND kind = ?`
		args = append(args, string(f.Kind))
	}
	if f.ScenarioID != "" {
		query += ` AND scenario_id = ?`
		args = append(args, f.ScenarioID)
	}
	if f.Status != "" {
		query += ` AND status = ?`
		args = append(args, string(f.Status))
	}
	if p.After != "" {
		query += ` AND id < ?`
		args = append(args, p.After)
	}
	query += ` ORDER BY id DESC LIMIT ?`
	args = append(args, lim+1)
	rows, err := s.db.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, "", err
	}
	out, err := scanAll(rows, scanRun)
	if err != nil {
		return nil, "", err
	}
	out, next := cutPage(out, lim, func(x Run) string { return x.ID })
	return out, next, nil
}

// FindDone returns the oldest finished run of the same computation, so
// an identical request is answered from the store.
func (s *Store) FindDone(ctx context.Context, k Key) (Run, bool, error) {
	r, err := scanRun(s.db.QueryRowContext(ctx, s.q(`SELECT `+runCols+` FROM runs
		WHERE inputs_hash = ? AND seed = ? AND samples = ? AND engine_version = ? AND status = ? AND kind = ? ORDER BY id LIMIT 1`),
		k.InputsHash, int64(k.Seed), k.Samples, k.EngineVersion, string(Done), string(k.kind())))
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	return r, err == nil, err
}

// FindActive returns a queued or running run of the same computation,
// so an identical request joins it instead of computing it twice.
func (s *Store) FindActive(ctx context.Context, k Key) (Run, bool, error) {
	r, err := scanRun(s.db.QueryRowContext(ctx, s.q(`SELECT `+runCols+` FROM runs
		WHERE inputs_hash = ? AND seed = ? AND samples = ? AND engine_version = ? AND status IN (?, ?) AND kind = ? ORDER BY id LIMIT 1`),
		k.InputsHash, int64(k.Seed), k.Samples, k.EngineVersion, string(Queued), string(Running), string(k.kind())))
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	return r, err == nil, err
}

// StartRun moves a queued run to running; it reports false when the run
// is no longer queued (canceled meanwhile).
func (s *Store) StartRun(ctx context.Context, id string) (bool, error) {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE runs SET status = ?, started_at = ? WHERE id = ? AND status = ?`),
		string(Running), s.ms(), id, string(Queued))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SetProgress records a running run's progress (0..1).
func (s *Store) SetProgress(ctx context.Context, id string, p float64) error {
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE runs SET progress = ? WHERE id = ? AND status = ?`), p, id, string(Running))
	return err
}

// FinishRun stores a running run's result and marks it done, in one
// transaction: a done run always has its result. It reports false when
// the run was no longer running (canceled meanwhile).
func (s *Store) FinishRun(ctx context.Context, id string, result []byte) (bool, error) {
	ok := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.ms()
		res, err := tx.ExecContext(ctx, s.q(`UPDATE runs SET status = ?, progress = 1, finished_at = ? WHERE id = ? AND status = ?`),
			string(Done), now, id, string(Running))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return nil
		}
		ok = true
		_, err = tx.ExecContext(ctx, s.q(`INSERT INTO results (run_id, body, created_at) VALUES (?, ?, ?)`), id, string(result), now)
		return err
	})
	return ok, err
}

// EndRun gives an unfinished run a final status other than done
// (Failed or Canceled) with a message; it reports false when the run had
// already ended.
func (s *Store) EndRun(ctx context.Context, id string, st Status, msg string) (bool, error) {
	if st != Failed && st != Canceled {
		return false, fmt.Errorf("EndRun: status %q: expected failed or canceled", st)
	}
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE runs SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status IN (?, ?)`),
		string(st), msg, s.ms(), id, string(Queued), string(Running))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Heartbeat refreshes the heartbeat of owner's queued and running runs
// and returns how many there are. A server calls it periodically, well
// within the staleness window other servers apply (RecoverStale).
func (s *Store) Heartbeat(ctx context.Context, owner string) (int, error) {
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE runs SET heartbeat_at = ? WHERE owner = ? AND status IN (?, ?)`),
		s.ms(), owner, string(Queued), string(Running))
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// RecoverStale marks failed, with InterruptedMsg, every queued or running
// run whose owner is not self and whose heartbeat is older than after
// (an ownerless run has nobody to beat for it: always stale),
// and returns how many there were. Several servers may share a database:
// each fails only the runs of owners that stopped beating (killed, or cut
// off from the database), never a live peer's. The heartbeat times are
// the writers' clocks, so servers' clocks must agree to well within after.
func (s *Store) RecoverStale(ctx context.Context, self string, after time.Duration) (int, error) {
	now := s.ms()
	res, err := s.db.ExecContext(ctx, s.q(`UPDATE runs SET status = ?, error = ?, finished_at = ?
		WHERE status IN (?, ?) AND owner <> ? AND (owner = '' OR heartbeat_at < ?)`),
		string(Failed), InterruptedMsg, now, string(Queued), string(Running), self, now-after.Milliseconds())
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Result returns the contract JSON of a done run.
func (s *Store) Result(ctx context.Context, runID string) ([]byte, error) {
	var body string
	err := s.db.QueryRowContext(ctx, s.q(`SELECT body FROM results WHERE run_id = ?`), runID).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("result of run %s: %w", runID, ErrNotFound)
	}
	return []byte(body), err
}

// PutReport stores (or replaces: a report is a rendering of an immutable
// result, so it can always be made again) run's report in format.
func (s *Store) PutReport(ctx context.Context, runID, format string, body []byte) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, s.q(`DELETE FROM reports WHERE run_id = ? AND format = ?`), runID, format); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO reports (run_id, format, body, created_at) VALUES (?, ?, ?, ?)`), runID, format, body, s.ms())
		return err
	})
}

// Report returns a stored report.
func (s *Store) Report(ctx context.Context, runID, format string) ([]byte, error) {
	var body []byte
	err := s.db.QueryRowContext(ctx, s.q(`SELECT body FROM reports WHERE run_id = ? AND format = ?`), runID, format).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s report of run %s: %w", format, runID, ErrNotFound)
	}
	return body, err
}
