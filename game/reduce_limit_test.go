package game

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"testing"
)

// centipede builds a chain of k decision nodes, alternating between the two
// players, each with a "take" leaf and "pass" to the next node. Player 1
// has ceil(k/2) infosets and, since passing is the only way on, ceil(k/2)+1
// reduced strategies (take at the j-th own node, or never).
func centipede(t *testing.T, k int) *Tree {
	t.Helper()
	b := NewBuilder("chain", "1", "2")
	n := b.Root()
	for i := 0; i < k; i++ {
		s := b.AddInfoset(1+i%2, i+1, "", "take", "pass")
		ch := b.Move(n, s)
		b.SetOutcome(ch[0], b.AddOutcome("", []*big.Rat{big.NewRat(int64(i), 1), big.NewRat(int64(i+1), 1)}))
		n = ch[1]
	}
	b.SetOutcome(n, b.AddOutcome("", []*big.Rat{big.NewRat(int64(k), 1), big.NewRat(int64(k), 1)}))
	tr, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// The size is counted from the tree: a centipede of k moves has
// (ceil(k/2)+1) x (floor(k/2)+1) strategies, the same as the form built.
func TestSizeMatchesBuiltForm(t *testing.T) {
	for _, k := range []int{1, 2, 7, 40} {
		tr := centipede(t, k)
		sz := tr.Size()
		rf, err := tr.ReducedForm(0)
		if err != nil {
			t.Fatal(err)
		}
		want := []float64{float64((k+1)/2 + 1), float64(k/2 + 1)}
		for p := range want {
			if sz.Plans[p] != want[p] || len(rf.Plans[p]) != int(want[p]) {
				t.Errorf("k=%d player %d: Size %v, built %d, want %v", k, p+1, sz.Plans[p], len(rf.Plans[p]), want[p])
			}
		}
		if sz.Cells != float64(len(rf.Table.Cells)) {
			t.Errorf("k=%d: Size cells %v, built %d", k, sz.Cells, len(rf.Table.Cells))
		}
		// The estimate covers at least the plan lists and the cell index.
		min := 4 * sz.Cells
		for p := range sz.Plans {
			min += 4 * sz.Plans[p] * float64(len(tr.PlayerInfosets(p+1)))
		}
		if sz.Bytes < min {
			t.Errorf("k=%d: estimate %v bytes below the %v the plans and cells take", k, sz.Bytes, min)
		}
	}
}

// A 16,000-move centipede (8001 x 8001 strategies, 64M cells) is under
// the cell cap but its plan lists alone take 0.5 GB and its cell index
// 0.25 GB: refused by a 512 MiB bound before anything is allocated (the
// test would otherwise take seconds and a gigabyte), with the sizes in
// the message.
func TestReducedFormRefusedOverMemory(t *testing.T) {
	tr := centipede(t, 16000)
	_, err := tr.ReducedFormLimit(context.Background(), 1<<28, 512<<20)
	if !errors.Is(err, ErrTooManyCells) {
		t.Fatalf("err = %v, want ErrTooManyCells", err)
	}
	for _, w := range []string{"8001 x 8001 strategies", "over the limit of 512.0 MiB"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
	// 32,000 moves: over the default bound of ReducedFormContext.
	if _, err := centipede(t, 32000).ReducedFormContext(context.Background(), 1<<30); !errors.Is(err, ErrTooManyCells) {
		t.Errorf("ReducedFormContext: err = %v, want ErrTooManyCells", err)
	}
	// A small limit refuses a small form too.
	if _, err := centipede(t, 40).ReducedFormLimit(context.Background(), 0, 100); !errors.Is(err, ErrTooManyCells) {
		t.Errorf("100-byte limit: err = %v, want ErrTooManyCells", err)
	}
}

// A cancelled context stops the listing of plans (before any cell).
func TestReducedFormHonoursContextInPlans(t *testing.T) {
	tr := centipede(t, 4000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := tr.plans(ctx, 1, tr.ownParentMoves(), 0); !errors.Is(err, context.Canceled) {
		t.Errorf("plans: err = %v, want context.Canceled", err)
	}
	if _, err := tr.ReducedFormLimit(ctx, 0, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("ReducedFormLimit: err = %v, want context.Canceled", err)
	}
}
