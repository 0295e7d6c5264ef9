-- Runs gain a kind: "assess" (a scenario version's assessment: every run
-- before this migration) or "backtest" (the engine scored on the server's
-- history cases, a queued job like any run). A backtest has no scenario,
-- but runs.scenario_id is NOT NULL and references scenarios, which SQLite
-- cannot relax without rebuilding the table; backtests point at one
-- reserved scenario row instead, with no versions (latest 0), which the
-- store never returns as a scenario. Additive: no existing row changes.
ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'assess';
CREATE INDEX runs_kind ON runs (kind, id);
INSERT INTO scenarios (id, name, latest, created_at, updated_at) VALUES ('00000000000000000000000000', '(backtests)', 0, 0, 0);
