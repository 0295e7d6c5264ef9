// Package sensitivity estimates which uncertain inputs drive a model's
// outputs: variance-based first-order and total Sobol indices, for single
// inputs or groups of inputs, with bootstrap confidence intervals, and
// one-at-a-time swings for a tornado chart.
//
// The method is Saltelli's: two N-row sample matrices A and B drawn from a
// 2k-dimensional Sobol sequence (randomised by a digital shift from the
// seed), and for each factor the matrix AB_g, A with the factor's columns
// taken from B. First-order indices use the estimator of Saltelli et al.
// (2010), total indices Jansen's (1999); intervals are bootstrap percentile
// intervals over the N rows. The model is any function from an input vector
// to several outputs, so one design serves every output at once.
//
// Every result is a pure function of the inputs, the model and the Config:
// evaluations are stored by row and summed in row order, and each bootstrap
// replicate draws from its own stream derived from the seed, so the worker
// count never changes a digit.
package sensitivity
