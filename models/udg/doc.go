// Package udg is the Unilateral Deterrence Game with two-sided incomplete
// information (Zagare and Kilgour, Perfect Deterrence, ch. 5; "Asymmetric
// deterrence", ISQ 1993): a Challenger keeps the status quo or initiates a
// crisis; the Defender concedes or resists; if it resists, the Challenger
// backs down or fights. Each player is Hard (prefers fighting to backing
// down) or Soft and knows only its own type; pCh and pDef are the priors of
// Hard, pDef being the Defender's credibility.
//
// The equilibria are our derivation (SPEC.md §1.2). The D1-consistent PBE is
// unique for generic parameters and falls in one of four regions (Certain
// deterrence, Separating, Attack, Bluff). For every pDef below the Hard
// Challenger's threshold there is also a family of no-initiation PBE held up
// by the off-path belief that an initiator is Soft; Solve lists them after
// the primary result, flagged as failing D1, so that "deterrence holds" is
// never reported on optimistic off-path beliefs alone.
//
// SolvePrimary is the allocation-free float path for Monte Carlo use.
package udg
