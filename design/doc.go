// Package design searches for the cheapest guarantee package that reaches
// a target: levers are scenario numbers (troops, aircraft, money) addressed
// by YAML path, each with a cost per unit; alternatives are option files
// with a fixed cost (a US backstop, a treaty). The search assumes what the
// engine is built to guarantee, that P(deterrence) does not fall when a
// lever rises, and so finds each alternative's cost frontier by bisection
// on the last lever for every setting of the others, instead of assessing
// the whole grid; it checks that assumption on the points it assessed and
// reports violations larger than the Monte Carlo noise. Every candidate is
// assessed with the same seed (common random numbers), and each estimate is
// reported with its interval.
package design
