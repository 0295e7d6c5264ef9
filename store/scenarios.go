package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Scenario is a named scenario; its text lives in its versions.
type Scenario struct {
	ID        string
	Name      string
	Latest    int // number of the newest version
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Version is one saved text of a scenario, never changed after insert.
type Version struct {
	ScenarioID string
	Version    int
	YAML       string
	SHA256     string
	Author     string // token id, "" for the command line
	CreatedAt  time.Time
}

func digest(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// CreateScenario stores a new scenario with its first version. The name
// must be unique (ErrConflict otherwise).
func (s *Store) CreateScenario(ctx context.Context, name, yaml, author string) (Scenario, Version, error) {
	now := s.ms()
	sc := Scenario{ID: NewID(), Name: name, Latest: 1, CreatedAt: fromMS(now), UpdatedAt: fromMS(now)}
	v := Version{ScenarioID: sc.ID, Version: 1, YAML: yaml, SHA256: digest(yaml), Author: author, CreatedAt: fromMS(now)}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM scenarios WHERE name = ?`), name).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("scenario %q: %w", name, ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO scenarios (id, name, latest, created_at, updated_at) VALUES (?, ?, 1, ?, ?)`),
			sc.ID, name, now, now); err != nil {
			return uniqueErr(err, name)
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO scenario_versions (scenario_id, version, yaml, sha256, author, created_at) VALUES (?, 1, ?, ?, ?, ?)`),
			sc.ID, yaml, v.SHA256, author, now)
		return err
	})
	if err != nil {
		return Scenario{}, Version{}, err
	}
	return sc, v, nil
}

// uniqueErr maps a unique-constraint violation (two creators racing past
// the name check) to ErrConflict.
func uniqueErr(err error, name string) error {
	m := strings.ToLower(err.Error())
	if strings.Contains(m, "unique") || strings.Contains(m, "duplicate key") {
		return fmt.Errorf("scenario %q: %w", name, ErrConflict)
	}
	return err
}

// SaveVersion appends a new version to scenario id. Saving the same text
// as the latest version still makes a version: the history records every
// save. The version number is taken inside the write transaction, so
// concurrent saves get consecutive numbers.
func (s *Store) SaveVersion(ctx context.Context, id, yaml, author string) (Version, error) {
	now := s.ms()
	v := Version{ScenarioID: id, YAML: yaml, SHA256: digest(yaml), Author: author, CreatedAt: fromMS(now)}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		lock := ""
		if s.dialect == Postgres {
			lock = " FOR UPDATE"
		}
		var latest int
		err := tx.QueryRowContext(ctx, s.q(`SELECT latest FROM scenarios WHERE id = ? AND latest > 0`+lock), id).Scan(&latest)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("scenario %s: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		v.Version = latest + 1
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO scenario_versions (scenario_id, version, yaml, sha256, author, created_at) VALUES (?, ?, ?, ?, ?, ?)`),
			id, v.Version, yaml, v.SHA256, author, now); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, s.q(`UPDATE scenarios SET latest = ?, updated_at = ? WHERE id = ?`), v.Version, now, id)
		return err
	})
	if err != nil {
		return Version{}, err
	}
	return v, nil
}

const scenarioCols = `id, name, latest, created_at, updated_at`

func scanScenario(row interface{ Scan(...any) error }) (Scenario, error) {
	var sc Scenario
	var c, u int64
	if err := row.Scan(&sc.ID, &sc.Name, &sc.Latest, &c, &u); err != nil {
		return sc, err
	}
	sc.CreatedAt, sc.UpdatedAt = fromMS(c), fromMS(u)
	return sc, nil
}

// GetScenario returns scenario id.
func (s *Store) GetScenario(ctx context.Context, id string) (Scenario, error) {
	sc, err := scanScenario(s.db.QueryRowContext(ctx, s.q(`SELECT `+scenarioCols+` FROM scenarios WHERE id = ? AND latest > 0`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return sc, fmt.Errorf("scenario %s: %w", id, ErrNotFound)
	}
	return sc, err
}

// ScenarioByName returns the scenario called name.
func (s *Store) ScenarioByName(ctx context.Context, name string) (Scenario, error) {
	sc, err := scanScenario(s.db.QueryRowContext(ctx, s.q(`SELECT `+scenarioCols+` FROM scenarios WHERE name = ? AND latest > 0`), name))
	if errors.Is(err, sql.ErrNoRows) {
		return sc, fmt.Errorf("scenario %q: %w", name, ErrNotFound)
	}
	return sc, err
}

// ListScenarios returns scenarios newest first, and the cursor of the
// next page ("" at the end).
func (s *Store) ListScenarios(ctx context.Context, p Page) ([]Scenario, string, error) {
	lim := p.limit()
	var rows *sql.Rows
	var err error
	if p.After == "" {
		rows, err = s.db.QueryContext(ctx, s.q(`SELECT `+scenarioCols+` FROM scenarios WHERE latest > 0 ORDER BY id DESC LIMIT ?`), lim+1)
	} else {
		rows, err = s.db.QueryContext(ctx, s.q(`SELECT `+scenarioCols+` FROM scenarios WHERE id < ? AND latest > 0 ORDER BY id DESC LIMIT ?`), p.After, lim+1)
	}
	if err != nil {
		return nil, "", err
	}
	out, err := scanAll(rows, scanScenario)
	if err != nil {
		return nil, "", err
	}
	out, next := cutPage(out, lim, func(x Scenario) string { return x.ID })
	return out, next, nil
}

const versionCols = `scenario_id, version, yaml, sha256, author, created_at`

func scanVersion(row interface{ Scan(...any) error }) (Version, error) {
	var v Version
	var c int64
	if err := row.Scan(&v.ScenarioID, &v.Version, &v.YAML, &v.SHA256, &v.Author, &c); err != nil {
		return v, err
	}
	v.CreatedAt = fromMS(c)
	return v, nil
}

// GetVersion returns version n of scenario id; n <= 0 means the latest.
func (s *Store) GetVersion(ctx context.Context, id string, n int) (Version, error) {
	var row *sql.Row
	if n <= 0 {
		row = s.db.QueryRowContext(ctx, s.q(`SELECT v.scenario_id, v.version, v.yaml, v.sha256, v.author, v.created_at
			FROM scenario_versions v JOIN scenarios s ON s.id = v.scenario_id AND s.latest = v.version WHERE s.id = ?`), id)
	} else {
		row = s.db.QueryRowContext(ctx, s.q(`SELECT `+versionCols+` FROM scenario_versions WHERE scenario_id = ? AND version = ?`), id, n)
	}
	v, err := scanVersion(row)
	if errors.Is(err, sql.ErrNoRows) {
		return v, fmt.Errorf("scenario %s version %d: %w", id, n, ErrNotFound)
	}
	return v, err
}

// Versions lists scenario id's versions, newest first, without their
// text (fetch one with GetVersion). before > 0 pages: versions older than
// it.
func (s *Store) Versions(ctx context.Context, id string, before, limit int) ([]Version, error) {
	lim := Page{Limit: limit}.limit()
	if before <= 0 {
		before = 1 << 30
	}
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT scenario_id, version, '', sha256, author, created_at FROM scenario_versions
		WHERE scenario_id = ? AND version < ? ORDER BY version DESC LIMIT ?`), id, before, lim)
	if err != nil {
		return nil, err
	}
	return scanAll(rows, scanVersion)
}
