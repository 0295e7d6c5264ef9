// Package logit traces the principal branch of the logit quantal response
// equilibrium correspondence (McKelvey and Palfrey 1995, "Quantal response
// equilibria for normal form games"; the agent form for trees, McKelvey and
// Palfrey 1998) from the centroid at lambda = 0 towards a Nash equilibrium
// as lambda grows, like gambit-logit.
//
// The branch is the zero set of H(w, lambda) in log-probabilities w: within
// each block (a player's strategies, or the actions at one information set
// for the agent form) w_a - w_0 = lambda (u_a - u_0) and sum_a exp(w_a) = 1.
// It is followed by arclength predictor-corrector continuation (Allgower and
// Georg, "Introduction to numerical continuation methods", ch. 2; Turocy
// 2005, "A dynamic homotopy interpretation of the logistic quantal response
// equilibrium correspondence"): an Euler step along the tangent of the
// curve, then Newton corrections orthogonal to it. Arclength, rather than
// lambda, parametrises the curve, so turning points (where lambda goes back
// for a while) are passed. Log-probabilities keep the profile interior and
// resolve probabilities far below float64's smallest normal number.
package logit
