// Package gambit reads and writes games in Gambit's file formats: extensive
// games (.efg, version 2) and strategic games (.nfg, version 1, with either a
// payoff body or an outcome body).
//
// Reading is exact: every payoff and chance probability becomes a big.Rat
// (0.1 is 1/10, never a binary float), and the spelling each number had in
// the file is kept so that a written file prints the same numbers. The
// tokenizer walks the byte slice once without regular expressions, and the
// tree parser keeps an explicit stack instead of recursing, so files of
// millions of nodes or chains hundreds of thousands of moves deep parse in
// linear time without overflowing the goroutine stack.
//
// Every error on bad input is a *SyntaxError naming file:line:column and
// what was expected there. Some inputs that Gambit 16 accepts but Gambit 17
// refuses (duplicated non-empty node labels, duplicated infoset labels of
// one player) are accepted with a Warning; ParseWithWarnings returns them.
//
// The format itself is summarised in the project's notes on Gambit's formats;
// this package was written from that description, not from Gambit's source.
package gambit
