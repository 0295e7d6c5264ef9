package store

import "time"

// Hooks for the external tests in package store_test, which share
// storetest's backends with the packages that use the store (an internal
// test cannot import storetest: storetest imports store).

// Q rewrites ? placeholders for the store's dialect.
func (s *Store) Q(query string) string { return s.q(query) }

// Migrations lists the embedded migrations in order.
var Migrations = migrations

// Digest is the hash stored with each scenario version.
var Digest = digest

// SetNow replaces the store's clock (heartbeats and staleness).
func SetNow(s *Store, now func() time.Time) { s.now = now }
