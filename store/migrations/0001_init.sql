-- The first schema. Portable SQL for SQLite and PostgreSQL; BYTES is
-- replaced by BLOB or BYTEA. Times are Unix milliseconds (BIGINT), so both
-- databases compare and sort them the same way.
CREATE TABLE scenarios (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    latest      INTEGER NOT NULL,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

-- Versions are only ever inserted: nothing a user saved is overwritten.
CREATE TABLE scenario_versions (
    scenario_id TEXT NOT NULL REFERENCES scenarios(id),
    version     INTEGER NOT NULL,
    yaml        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    author      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (scenario_id, version)
);

CREATE TABLE runs (
    id             TEXT PRIMARY KEY,
    scenario_id    TEXT NOT NULL REFERENCES scenarios(id),
    version        INTEGER NOT NULL,
    option_name    TEXT NOT NULL,
    inputs_hash    TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    seed           BIGINT NOT NULL,
    samples        INTEGER NOT NULL,
    status         TEXT NOT NULL,
    progress       DOUBLE PRECISION NOT NULL,
    error          TEXT NOT NULL,
    token_id       TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    started_at     BIGINT NOT NULL,
    finished_at    BIGINT NOT NULL
);
CREATE INDEX runs_inputs ON runs (inputs_hash, seed, samples, engine_version, status);
CREATE INDEX runs_scenario ON runs (scenario_id, id);
CREATE INDEX runs_status ON runs (status);

CREATE TABLE results (
    run_id     TEXT PRIMARY KEY REFERENCES runs(id),
    body       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE reports (
    run_id     TEXT NOT NULL REFERENCES runs(id),
    format     TEXT NOT NULL,
    body       BYTES NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (run_id, format)
);

CREATE TABLE tokens (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT NOT NULL
);
