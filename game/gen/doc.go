// Package gen generates games for tests and benchmarks: random n-player
// tables, random perfect-information trees of a given size, and centipede
// games. All randomness comes from a *rand.Rand the caller seeds, so every
// game is reproducible from its seed.
package gen
