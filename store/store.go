package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the "sqlite" database/sql driver
)

// ErrNotFound is returned when the requested row does not exist.
var ErrNotFound = errors.New("not found")

// ErrConflict is returned when a unique name is already taken.
var ErrConflict = errors.New("already exists")

// Dialect names the database behind a Store.
type Dialect string

// The supported databases.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is the service's database. It is safe for concurrent use.
type Store struct {
	db      *sql.DB
	dialect Dialect
	now     func() time.Time
}

//go:embed migrations/*.sql
var migrationFS embed.FS

// IsPostgres reports whether dsn names a PostgreSQL server rather than a
// SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// DefaultPath is the SQLite file in the user's data directory:
// $XDG_DATA_HOME/guarantor/guarantor.db (~/.local/share on Linux),
// ~/Library/Application Support on macOS, %LocalAppData% on Windows.
func DefaultPath() (string, error) {
	var base string
	switch {
	case os.Getenv("XDG_DATA_HOME") != "":
		base = os.Getenv("XDG_DATA_HOME")
	case runtime.GOOS == "windows":
		base = os.Getenv("LocalAppData")
	default:
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("no data directory: %w (use --db FILE)", err)
		}
		if runtime.GOOS == "darwin" {
			base = filepath.Join(home, "Library", "Application Support")
		} else {
			base = filepath.Join(home, ".local", "share")
		}
	}
	if base == "" {
		return "", errors.New("no data directory (use --db FILE)")
	}
	return filepath.Join(base, "guarantor", "guarantor.db"), nil
}

// Open connects to dsn (a postgres:// URL, or a SQLite file path that is
// created with its directory when absent) and applies any pending
// migrations.
func Open(ctx context.Context, dsn string) (*Store, error) {
	s := &Store{now: time.Now}
	var err error
	if IsPostgres(dsn) {
		s.dialect = Postgres
		s.db, err = sql.Open("pgx", dsn)
		if err != nil {
			return nil, fmt.Errorf("postgres: %w", err)
		}
		s.db.SetMaxOpenConns(16)
	} else {
		s.dialect = SQLite
		if dsn == "" {
			return nil, errors.New("empty database path")
		}
		if err := os.MkdirAll(filepath.Dir(dsn), 0o700); err != nil {
			return nil, fmt.Errorf("database directory: %w", err)
		}
		// The file holds token hashes: private to its owner (SQLite gives
		// the -wal and -shm files the same mode).
		if f, err := os.OpenFile(dsn, os.O_RDWR|os.O_CREATE, 0o600); err == nil {
			f.Close()
		} else {
			return nil, fmt.Errorf("sqlite %s: %w", dsn, err)
		}
		// WAL lets readers run beside the one writer; synchronous(FULL)
		// makes every commit durable before it returns, so a save the
		// client saw succeed survives SIGKILL and power loss alike;
		// _txlock=immediate takes the write lock at BEGIN, so two writers
		// queue on busy_timeout instead of failing on lock upgrade.
		q := url.Values{}
		for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)"} {
			q.Add("_pragma", p)
		}
		q.Set("_txlock", "immediate")
		s.db, err = sql.Open("sqlite", "file:"+dsn+"?"+q.Encode())
		if err != nil {
			return nil, fmt.Errorf("sqlite %s: %w", dsn, err)
		}
		s.db.SetMaxOpenConns(8)
	}
	if err := s.db.PingContext(ctx); err != nil {
		s.db.Close()
		return nil, fmt.Errorf("%s: %w", s.dialect, err)
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// Dialect reports which database the store uses.
func (s *Store) Dialect() Dialect { return s.dialect }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB exposes the handle for tests and tools in this module.
func (s *Store) DB() *sql.DB { return s.db }

// q rewrites "?" placeholders to PostgreSQL's "$n". Queries in this
// package never contain a literal "?".
func (s *Store) q(query string) string {
	if s.dialect != Postgres {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	ents, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range ents {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive number and _", e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{v, e.Name(), string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := range ms {
		if ms[i].version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", ms[i].name, i+1)
		}
	}
	return ms, nil
}

// migrate applies the embedded migrations not yet recorded in
// schema_migrations, each in its own transaction together with its
// record, so a crash leaves either all of a migration or none of it.
// PostgreSQL runs DDL transactionally too; an advisory lock keeps two
// servers starting at once from racing.
func (s *Store) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)`); err != nil {
		return fmt.Errorf("migrations table: %w", err)
	}
	bytes := "BLOB"
	if s.dialect == Postgres {
		bytes = "BYTEA"
	}
	for _, m := range ms {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if s.dialect == Postgres {
				if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(7261)`); err != nil {
					return err
				}
			}
			var n int
			if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM schema_migrations WHERE version = ?`), m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return nil
			}
			for _, stmt := range splitSQL(strings.ReplaceAll(m.sql, "BYTES", bytes)) {
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return fmt.Errorf("%w\n%s", err, stmt)
				}
			}
			_, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`), m.version, s.ms())
			return err
		})
		if err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// splitSQL splits a migration into statements at semicolons ending a
// line, dropping "--" comment lines. Migrations hold no semicolons inside
// strings.
func splitSQL(src string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(t, ";") {
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		}
	}
	if strings.TrimSpace(cur.String()) != "" {
		out = append(out, strings.TrimSpace(cur.String()))
	}
	return out
}

// tx runs f in a transaction, committing when it returns nil.
func (s *Store) tx(ctx context.Context, f func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

func (s *Store) ms() int64 { return s.now().UnixMilli() }

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v).UTC()
}

var idEncoding = base32.NewEncoding("0123456789abcdefghijklmnopqrstuv").WithPadding(base32.NoPadding)

// NewID returns a fresh identifier that sorts after every earlier one
// made in a previous millisecond.
func NewID() string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(time.Now().UnixMilli())<<16)
	rand.Read(b[6:])
	return idEncoding.EncodeToString(b[:])[:26]
}

// ValidID reports whether s has the shape of an identifier, so handlers
// can refuse garbage before touching the database.
func ValidID(s string) bool {
	if len(s) != 26 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'v') {
			return false
		}
	}
	return true
}

// Page asks for up to Limit rows older than the row After (an id; "" for
// the newest). Limit is clamped to [1, MaxLimit].
type Page struct {
	After string
	Limit int
}

// MaxLimit caps a page.
const MaxLimit = 200

func (p Page) limit() int {
	if p.Limit <= 0 {
		return 50
	}
	return min(p.Limit, MaxLimit)
}

// scanAll reads every row of rows with scan and closes rows. A scan error
// returns nil; an error ending the iteration returns the rows read so far
// with it.
func scanAll[T any](rows *sql.Rows, scan func(interface{ Scan(...any) error }) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// cutPage trims rows fetched with LIMIT lim+1 to lim and returns the
// cursor of the next page: the last kept row's id, or "" when no row was
// left over.
func cutPage[T any](out []T, lim int, id func(T) string) ([]T, string) {
	if len(out) <= lim {
		return out, ""
	}
	out = out[:lim]
	return out, id(out[lim-1])
}
