// Package study opens a guarantee option for the studies that run the
// engine many times: sensitivity analysis (per-draw outputs at a given
// input vector), sweeps and package design (option-level estimates for a
// scenario with some of its numbers replaced).
//
// It is an adapter over the assess package's exported API, kept in one
// place so that it can be swapped for the library's pipeline entry point
// when that lands: assess does not yet export its per-draw evaluation, so
// Eval fixes every uncertain input through the option's input overrides
// (a Dist that replays a per-worker cell) and runs a one-draw assessment.
package study
