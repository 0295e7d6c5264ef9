-- Each server process has an instance id; it owns the runs it created
-- and refreshes their heartbeat while it lives, so a server starting on a
-- shared database fails only runs whose owner stopped beating. Runs from
-- before this migration have no owner and heartbeat 0: stale.
ALTER TABLE runs ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE runs ADD COLUMN heartbeat_at BIGINT NOT NULL DEFAULT 0;
CREATE INDEX runs_owner ON runs (owner, status);
