// Package intpiv is an exact integer pivoting tableau for the complementary
// pivoting and vertex enumeration solvers (Lemke-Howson, Lemke, vertex
// enumeration of best-response polytopes).
//
// The tableau keeps integer entries and the determinant of the current basis
// (Edmonds' integer pivoting, as used by von Stengel's "Computing equilibria
// for two-person games", 2002, §2.5, and by lrs): after every pivot the
// tableau equals det * (the rational tableau), every division is exact, and
// no rational arithmetic is ever needed. Entries live in int64 while they fit
// (products are formed in 128 bits) and the tableau switches for good to
// math/big the first time a pivot would overflow.
//
// RowTableau is the variant for large sparse systems (sequence-form Lemke):
// every row keeps its own positive scale, reduced by the gcd of its entries,
// so a pivot rewrites only the rows with a nonzero in the pivot column, and
// rows switch to math/big (and back) one at a time.
//
// Degeneracy is resolved by the lexicographic ratio test over the columns of
// the initial (slack) basis, which makes every pivot sequence equivalent to
// one on a nondegenerate perturbed system and so guarantees termination.
package intpiv
