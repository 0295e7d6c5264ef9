// Package storetest opens fresh stores on both databases for tests of
// packages that use the store: a SQLite file in a temporary directory, and
// a new schema on the PostgreSQL test server (GUARANTOR_TEST_POSTGRES, or
// the loopback server .ci/run starts), dropped at cleanup.
package storetest

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/guarantor/guarantor/store"
)

// DefaultPostgres is the database .ci/run creates.
const DefaultPostgres = "postgres://guarantor:guarantor@127.0.0.1:5432/guarantor_test?sslmode=disable"

// PostgresDSN returns the test server's URL. With GUARANTOR_TEST_POSTGRES
// set, an unreachable server fails the test; without it, the default
// loopback server is tried and its absence skips with a message.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	dsn, explicit := os.LookupEnv("GUARANTOR_TEST_POSTGRES")
	if !explicit {
		dsn = DefaultPostgres
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

// Open returns an empty store of dialect d and the DSN that reopens it.
func Open(t testing.TB, d store.Dialect) (*store.Store, string) {
	t.Helper()
	ctx := context.Background()
	if d == store.SQLite {
		path := filepath.Join(t.TempDir(), "test.db")
		s, err := store.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s, path
	}
	dsn := PostgresDSN(t)
	schema := "t_" + strings.ToLower(store.NewID())
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
	s, err := store.Open(ctx, sdsn)
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

// Each runs f as a subtest on SQLite and on PostgreSQL.
func Each(t *testing.T, f func(t *testing.T, s *store.Store, dsn string)) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		t.Run(string(d), func(t *testing.T) {
			s, dsn := Open(t, d)
			f(t, s, dsn)
		})
	}
}
