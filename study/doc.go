// Package study opens a guarantee option for the studies that run the
// engine many times: sensitivity analysis (per-draw outputs at a given
// input vector), sweeps and package design (option-level estimates for a
// scenario with some of its numbers replaced).
//
// Options come from the pipeline entry point (pipeline.Load); the per-draw
// evaluation is an adapter over assess's exported API, kept in this one
// place: neither assess nor pipeline exports the evaluation of one draw at
// given inputs, so Eval fixes every uncertain input through the option's
// input overrides (a Dist that replays a per-worker cell) and runs a
// one-draw assessment. That costs ~30 µs a call against ~1-2 µs for a draw
// inside the engine; an exported per-draw evaluation would make
// sensitivity analysis about 15 times faster without changing a number.
package study
