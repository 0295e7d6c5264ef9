// Package rtcg is our reduced Tripartite Crisis Game (SPEC.md §1.4, a
// reconstruction from Zagare and Kilgour 2003/2006 abstracts, not their
// tree): a Challenger keeps the status quo (Q) or demands (Dm); the
// Defender supports its Protege (S) or withholds (N); after support the
// Challenger backs down (CB) or fights (WAR); after withholding the Protege
// accommodates the Challenger (PA) or realigns (RL).
//
// The Challenger is Hard (prefers war to backing down) with probability
// pCh; the Protege is a Realigner (prefers RL to PA) with probability pPro.
// The Defender's utilities are common knowledge (the 2006 simplification).
// Withholding is a lottery over the Protege's response, worth cN to the
// Challenger and dN to the Defender; the game is algebraically a UDG whose
// Defender "concede" payoff is that lottery. Regions: unequivocal
// commitment (pPro >= pHat), abandonment (dN >= dCB), and otherwise no
// demand, withholding or a straddle (the Defender supports with
// probability s*). P(war) is non-monotone in pPro when cRL > cPA.
//
// The Protege's payoffs are not parameters: a Realigner gets 1 at RL and 0
// elsewhere, an Accommodator 1 at PA and 0 elsewhere; only their order
// matters.
package rtcg
