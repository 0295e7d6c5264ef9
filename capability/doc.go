// Package capability answers the article's second condition, "capable of
// defeating the aggressor", with numbers: the COW Composite Index of National
// Capability recomputed from its six components, coalition capability for a
// year with per-member deployable shares and distance factors, a contest
// success function whose exponent is fitted on COW interstate war outcomes,
// and Lanchester's square and linear laws (closed forms and an RK4
// integration with reinforcement schedules), with the 3:1 rule derived from
// them rather than assumed.
//
// Data come from package evidence (embedded, loaded on first use); the
// closed-form functions need no data at all.
package capability
