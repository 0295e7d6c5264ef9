// Package evidence holds guarantor's empirical record: the real datasets the
// models rest on (COW national capabilities, state system and contiguity,
// ATOP and COW alliances, alliance fulfilment in war, US troops abroad, MIDs,
// COW interstate wars, rivalries, SIPRI military expenditure and Huth's 1988
// extended-deterrence crises), each embedded in the binary with its version,
// citation and licence, and the analyses that turn them into base rates:
// alliance fulfilment rates with Beta posteriors, the tripwire regression of
// dispute onset on US troops, the Huth-style deterrence-success models, and
// the general-deterrence dyad-year sample with a pair's dispute history
// (rivalry, years since its last use-of-force dispute, contiguity).
//
// Tables are stored gzip-compressed (see data/*/SOURCE.md and the reduce
// command in internal/reduce for how each was cut from the raw files) and
// are decompressed and parsed on first use only, once per process, so
// commands that never touch data start as fast as if it were not there.
// Loaded tables are shared and must be treated as read-only.
//
// The package never prints; every analysis returns a value that names the
// data versions it used, for the CLI or the credibility engine to render.
package evidence
