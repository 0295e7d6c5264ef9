package store

import (
	"context"
	"database/sql"

	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// defaultPostgres is the database .ci/run creates (role and database
// "guarantor" with password "guarantor" on the loopback server).
const defaultPostgres = "postgres://guarantor:guarantor@127.0.0.1:5432/guarantor_test?sslmode=disable"

// postgresDSN returns the test server's URL. With GUARANTOR_TEST_POSTGRES
// set, an unreachable server fails the test (CI must not silently skip);
// without it, the default loopback server is tried and its absence skips
// the PostgreSQL half with a message.
func postgresDSN(t *testing.T) string {
	t.Helper()
	dsn, explicit := os.LookupEnv("GUARANTOR_TEST_POSTGRES")
	if !explicit {
		dsn = defaultPostgres
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	db, err := sql.Open("pgx", dsn)
	if err == nil {
		err = db.PingContext(ctx)
		db.Close()
	}
	if err != nil {
		if explicit {
			t.Fatalf("GUARANTOR_TEST_POSTGRES=%s: %v", dsn, err)
		}
		t.Skipf("PostgreSQL not reachable at %s (%v): .ci/run installs Debian's postgresql and starts it; set GUARANTOR_TEST_POSTGRES to another server", dsn, err)
	}
	return dsn
}

// OpenTest opens a fresh empty store of the given dialect for one test:
// a SQLite file in t.TempDir(), or a new PostgreSQL schema dropped at
// cleanup.
func openTest(t *testing.T, d Dialect) (*Store, string) {
	t.Helper()
	ctx := context.Background()
	if d == SQLite {
		path := filepath.Join(t.TempDir(), "test.db")
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s, path
	}
	dsn := postgresDSN(t)
	schema := "t_" + strings.ToLower(NewID())
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	sdsn := dsn + sep + "search_path=" + schema
	s, err := Open(ctx, sdsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		if db, err := sql.Open("pgx", dsn); err == nil {
			db.Exec("DROP SCHEMA " + schema + " CASCADE")
			db.Close()
		}
	})
	return s, sdsn
}

// eachBackend runs f against SQLite and PostgreSQL as subtests.
func eachBackend(t *testing.T, f func(t *testing.T, s *Store, dsn string)) {
	for _, d := range []Dialect{SQLite, Postgres} {
		t.Run(string(d), func(t *testing.T) {
			s, dsn := openTest(t, d)
			f(t, s, dsn)
		})
	}
}
