// Package gambit reads and writes Gambit's game files: the extensive form
// (.efg, version 2) and both strategic-form variants (.nfg version 1, payoff
// body and outcome body), following the format as documented by the Gambit
// project. Numbers are read exactly (0.1 is 1/10) and their spelling is kept,
// so a game that is read and written again prints its numbers as they were.
//
// Parsing is a single pass over the bytes with an explicit stack, so files
// of millions of nodes and trees hundreds of thousands of levels deep parse
// without recursion. Every error is a *SyntaxError that names the file, the
// line and column, what was expected and what was found.
package gambit
