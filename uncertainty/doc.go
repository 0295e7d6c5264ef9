// Package uncertainty holds guarantor's tools for explicit uncertainty:
// probability distributions for uncertain inputs (point, uniform,
// triangular, normal, lognormal, beta, discrete) sampled through a
// caller-supplied random source, a Sobol low-discrepancy sequence with the
// Joe and Kuo (2008) direction numbers, a deterministic parallel Monte Carlo
// runner whose output does not depend on the number of worker goroutines.
// Variance-based (Sobol) sensitivity indices are package sensitivity's.
//
// Everything random here is a pure function of a seed: the runner splits
// the draws into fixed blocks and derives each block's generator state from
// the run seed and the block index alone, so a block's draws are the same
// whichever goroutine computes them.
package uncertainty
