package game

import (
	"errors"
	"testing"
)

// twoStage builds: P1 chooses L/R; P2 moves after each, in one infoset when
// joined (simultaneous-move stage) or in two singletons otherwise; then, when
// p1Again is set, P1 moves again after every P2 move in a single infoset that
// forgets P1's own first move.
func twoStage(t *testing.T, joined, p1Again bool) *Tree {
	t.Helper()
	b := NewBuilder("two stage", "1", "2")
	s1 := b.AddInfoset(1, 1, "first", "L", "R")
	ch := b.Move(b.Root(), s1)
	s2a := b.AddInfoset(2, 1, "a", "l", "r")
	s2b := s2a
	if !joined {
		s2b = b.AddInfoset(2, 2, "b", "l", "r")
	}
	var third int
	if p1Again {
		third = b.AddInfoset(1, 2, "again", "x", "y")
	}
	for i, c := range ch {
		s := s2a
		if i == 1 {
			s = s2b
		}
		for _, g := range b.Move(c, s) {
			if p1Again {
				b.Move(g, third)
			}
		}
	}
	tr, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestPerfectRecall(t *testing.T) {
	cases := []struct {
		name            string
		joined, p1Again bool
		wantPerfect     bool
		wantRoots       int
	}{
		{"perfect information", false, false, true, 3},
		{"simultaneous stage", true, false, true, 1},
		{"forgets own move", false, true, false, 1},
	}
	for _, c := range cases {
		tr := twoStage(t, c.joined, c.p1Again)
		err := tr.PerfectRecall()
		if (err == nil) != c.wantPerfect {
			t.Errorf("%s: PerfectRecall() = %v", c.name, err)
		}
		var re *RecallError
		if err != nil && !errors.As(err, &re) {
			t.Errorf("%s: error type %T", c.name, err)
		}
		if got := len(tr.SubgameRoots()); got != c.wantRoots {
			t.Errorf("%s: %d subgame roots, want %d", c.name, got, c.wantRoots)
		}
	}
}

func TestAbsentMinded(t *testing.T) {
	// The absent-minded driver: one infoset visited twice on a path.
	b := NewBuilder("driver", "1")
	s := b.AddInfoset(1, 1, "junction", "exit", "continue")
	ch := b.Move(b.Root(), s)
	b.Move(ch[1], s)
	tr, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	if tr.PerfectRecall() == nil {
		t.Error("absent-minded driver reported as perfect recall")
	}
	if r := tr.SubgameRoots(); len(r) != 1 || r[0] != 0 {
		t.Errorf("subgame roots = %v, want [0]", r)
	}
}
