// Package sweep runs an option over many values of its scenario parameters:
// a grid, a Latin hypercube or a Sobol design over numbers addressed by
// their YAML path, each point assessed with the same seed (common random
// numbers), so that differences between points are differences of the
// option, not of the draws.
//
// The work is split into shards of consecutive points. A shard's result is
// a pure function of the study and the shard index, stored as one file
// under the study's directory, written atomically, and never rewritten:
// this makes a run resumable (finished shards are skipped) and makes
// at-least-once delivery safe. Shards run on local goroutines, or on NATS
// JetStream (Publish, Work, Collect): a work-queue stream carries the
// shards with explicit acknowledgement and a bounded number of deliveries,
// a results stream carries the shard results, both de-duplicated by shard
// id, and the coordinator stores what it collects. Either way the stored
// results are identical, bit for bit, for the same study.
package sweep
