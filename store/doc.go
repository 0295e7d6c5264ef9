// Package store keeps what the service must never lose: scenarios (the
// YAML text verbatim, every save a new immutable version), runs (inputs
// hash, engine version, seed, samples, status, progress, timings), their
// results (the output contract's JSON), rendered reports and API tokens
// (only a hash of each token is kept).
//
// One implementation serves two databases through database/sql: embedded
// SQLite (modernc.org/sqlite, pure Go, WAL, synchronous=FULL so that a
// committed save survives a killed process) and PostgreSQL (pgx). Queries
// are written once with "?" placeholders and rewritten to "$n" for
// PostgreSQL; the embedded migrations are one set of SQL files in which
// the only dialect word, the byte-string column type, is substituted.
//
// Identifiers are 26-character lower-case strings that sort by creation
// time (48-bit milliseconds then 80 random bits, base32), so lists page
// by keyset ("after this id") without an offset scan.
package store
