package pbe

import (
	"math"
	"math/big"
	"testing"

	"github.com/guarantor/guarantor/game"
)

// entry is the entry-deterrence game: Entrant Out (0,2) or In; Incumbent
// Fight (-1,-1) or Accommodate (1,1). SPE: In, Accommodate.
func entry(t *testing.T) *game.Tree {
	t.Helper()
	b := game.NewBuilder("entry", "Entrant", "Incumbent")
	e := b.AddInfoset(1, 1, "E", "Out", "In")
	ch := b.Move(b.Root(), e)
	b.SetOutcome(ch[0], b.AddOutcome("out", game.Rats(0, 2)))
	i := b.AddInfoset(2, 1, "I", "Fight", "Accommodate")
	ch2 := b.Move(ch[1], i)
	b.SetOutcome(ch2[0], b.AddOutcome("war", game.Rats(-1, -1)))
	b.SetOutcome(ch2[1], b.AddOutcome("share", game.Rats(1, 1)))
	tr, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func TestEntrySPEPasses(t *testing.T) {
	tr := entry(t)
	rep, err := Verify(tr, [][][]float64{{{0, 1}}, {{0, 1}}}, nil, Options{})
	if err != nil || !rep.OK() {
		t.Fatalf("SPE rejected: %v %v", err, rep.Worst)
	}
}

// The Nash equilibrium (Out, Fight) rests on an incredible threat: the
// verifier must find the Incumbent's regret of 2 at its (off-path) node.
func TestEntryIncredibleThreat(t *testing.T) {
	tr := entry(t)
	rep, err := Verify(tr, [][][]float64{{{1, 0}}, {{1, 0}}}, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	w := rep.Worst
	if w.Kind != Rationality || w.Player != 2 || math.Abs(w.Magnitude-2) > 1e-12 || w.Action != 1 {
		t.Fatalf("worst = %+v, want Incumbent regret 2 for Accommodate", w)
	}
}

// signal: chance picks t1 (1/3) or t2; player 1 knows its type and plays
// L or R; player 2 sees only the action and plays u or d. Player 2 gets 1
// for u against t1 and for d against t2, else 0; player 1 gets 1 for u.
func signal(t *testing.T) *game.Tree {
	t.Helper()
	tr, err := signalBuilder().Build()
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func signalBuilder() *game.Builder {
	b := game.NewBuilder("signal", "Sender", "Receiver")
	c := b.AddChanceInfoset(1, "type", []string{"t1", "t2"}, []*big.Rat{big.NewRat(1, 3), big.NewRat(2, 3)})
	kids := b.Move(b.Root(), c)
	recv := []int{b.AddInfoset(2, 1, "after L", "u", "d"), b.AddInfoset(2, 2, "after R", "u", "d")}
	for ty, k := range kids {
		s := b.AddInfoset(1, 0, []string{"S t1", "S t2"}[ty], "L", "R")
		ch := b.Move(k, s)
		for a, n := range ch {
			b.SetLabel(n, []string{"t1", "t2"}[ty])
			r := b.Move(n, recv[a])
			u2 := []int64{1, 0}
			if ty == 1 {
				u2 = []int64{0, 1}
			}
			b.SetOutcome(r[0], b.AddOutcome("", game.Rats(1, u2[0])))
			b.SetOutcome(r[1], b.AddOutcome("", game.Rats(0, u2[1])))
		}
	}
	return b
}

func TestSignalPoolingBeliefs(t *testing.T) {
	tr := signal(t)
	// Both types play L; after L the receiver's posterior is the prior
	// (1/3 on t1), so d is optimal. After R (off path) belief 1 on t2
	// supports d, so no type gains by deviating to get u.
	prof := [][][]float64{{{1, 0}, {1, 0}}, {{0, 1}, {0, 1}}}
	bel := make([][]float64, len(tr.Infosets))
	afterR := tr.PlayerInfosets(2)[1]
	bel[afterR] = []float64{0, 1}
	// With u after R instead, type t1 would deviate: regret 1.
	rep, err := Verify(tr, [][][]float64{{{1, 0}, {1, 0}}, {{0, 1}, {1, 0}}}, bel, Options{})
	if err != nil || rep.Worst.Kind != Rationality || rep.Worst.Player != 1 || rep.Worst.Magnitude != 1 {
		t.Fatalf("want sender regret 1, got %v %+v", err, rep.Worst)
	}
	rep, err = Verify(tr, prof, bel, Options{})
	if err != nil || !rep.OK() {
		t.Fatalf("pooling PBE rejected: %v %v", err, rep.Worst)
	}
	// A wrong on-path belief is a consistency violation of 1/3 - 0.9.
	afterL := tr.PlayerInfosets(2)[0]
	bel[afterL] = []float64{0.9, 0.1}
	rep, _ = Verify(tr, prof, bel, Options{})
	if rep.Worst.Kind != Consistency && rep.Worst.Kind != Rationality {
		t.Fatalf("want a violation, got %+v", rep.Worst)
	}
	found := false
	for _, v := range rep.Violations {
		if v.Kind == Consistency && math.Abs(v.Magnitude-(0.9-1.0/3)) < 1e-12 {
			found = true
		}
	}
	if !found {
		t.Fatalf("consistency violation not reported: %+v", rep.Violations)
	}
	// An off-path infoset with no beliefs cannot be checked.
	bel[afterL], bel[afterR] = nil, nil
	if _, err := Verify(tr, prof, bel, Options{}); err == nil {
		t.Fatal("want an error for missing off-path beliefs")
	}
}

func TestShapeErrors(t *testing.T) {
	tr := entry(t)
	bad := [][][][]float64{
		{{{0, 1}}},                   // one player missing
		{{{0, 1}}, {{0.5, 0.6}}},     // row sums to 1.1
		{{{0, 1}}, {{-0.5, 1.5}}},    // negative
		{{{0, 1, 0}}, {{0, 1}}},      // wrong action count
		{{{0, 1}, {1, 0}}, {{1, 0}}}, // extra infoset
	}
	for i, p := range bad {
		if _, err := Verify(tr, p, nil, Options{}); err == nil {
			t.Errorf("case %d: want error", i)
		}
	}
}

func TestEnumPureSignal(t *testing.T) {
	tr := signal(t)
	eqs, err := EnumPure(tr, Options{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range eqs {
		rep, err := Verify(tr, e.Profile, e.Beliefs, Options{})
		if err != nil || !rep.OK() {
			t.Fatalf("enumerated profile fails verification: %v %v", err, rep.Worst)
		}
	}
	// Every type wants u, so separating fails (t2 would mimic t1) and a
	// pooling with u off the path fails (t1 would deviate): the pure PBE
	// are the two poolings with d everywhere.
	if len(eqs) != 2 {
		t.Fatalf("found %d pure PBE, want 2", len(eqs))
	}
}

// A deep chain must not overflow the stack.
func TestDeepChain(t *testing.T) {
	depth := 100000
	if testing.Short() {
		depth = 20000
	}
	b := game.NewBuilder("chain", "A", "B")
	n := b.Root()
	var prof [][][]float64 = [][][]float64{nil, nil}
	for i := 0; i < depth; i++ {
		s := b.AddInfoset(i%2+1, 0, "", "stop", "go")
		ch := b.Move(n, s)
		b.SetOutcome(ch[0], b.AddOutcome("", game.Rats(-1, -1)))
		n = ch[1]
		prof[i%2] = append(prof[i%2], []float64{0, 1})
	}
	b.SetOutcome(n, b.AddOutcome("", game.Rats(1, 1)))
	tr, err := b.Build()
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Verify(tr, prof, nil, Options{})
	if err != nil || !rep.OK() {
		t.Fatalf("%v %v", err, rep.Worst)
	}
}

func BenchmarkVerifyChain(b *testing.B) {
	const depth = 10000
	bl := game.NewBuilder("chain", "A", "B")
	n := bl.Root()
	prof := [][][]float64{nil, nil}
	for i := 0; i < depth; i++ {
		s := bl.AddInfoset(i%2+1, 0, "", "stop", "go")
		ch := bl.Move(n, s)
		bl.SetOutcome(ch[0], bl.AddOutcome("", game.Rats(-1, -1)))
		n = ch[1]
		prof[i%2] = append(prof[i%2], []float64{0, 1})
	}
	tr, _ := bl.Build()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Verify(tr, prof, nil, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestVerifyExactAgrees(t *testing.T) {
	tr := signal(t)
	r := func(a, b int64) *big.Rat { return big.NewRat(a, b) }
	prof := game.BehaviorProfile{{{r(1, 1), r(0, 1)}, {r(1, 1), r(0, 1)}}, {{r(0, 1), r(1, 1)}, {r(0, 1), r(1, 1)}}}
	bel := make([][]*big.Rat, len(tr.Infosets))
	bel[tr.PlayerInfosets(2)[1]] = []*big.Rat{r(1, 2), r(1, 2)} // indifferent: d still optimal
	rep, err := VerifyExact(tr, prof, bel, Options{})
	if err != nil || !rep.OK() {
		t.Fatalf("exact PBE rejected: %v %+v", err, rep)
	}
	bel[tr.PlayerInfosets(2)[1]] = []*big.Rat{r(2, 3), r(1, 3)} // now u is strictly better after R
	rep, _ = VerifyExact(tr, prof, bel, Options{})
	if rep.OK() || rep.WorstExact.Cmp(r(1, 3)) != 0 || rep.Worst.Player != 2 {
		t.Fatalf("want receiver regret exactly 1/3, got %+v", rep.Worst)
	}
	prof[0][0] = []*big.Rat{r(1, 3), r(1, 3)}
	if _, err := VerifyExact(tr, prof, bel, Options{}); err == nil {
		t.Fatal("want error for a row summing to 2/3")
	}
}

func TestComplete(t *testing.T) {
	tr := signal(t)
	// Pooling on L with d everywhere: Complete must find an off-path belief
	// after R (on t2) that supports d.
	bel, ok := Complete(tr, [][][]float64{{{1, 0}, {1, 0}}, {{0, 1}, {0, 1}}}, Options{})
	if !ok {
		t.Fatal("pooling PBE not completed")
	}
	if rep, err := Verify(tr, [][][]float64{{{1, 0}, {1, 0}}, {{0, 1}, {0, 1}}}, bel, Options{}); err != nil || !rep.OK() {
		t.Fatalf("completed beliefs fail: %v %v", err, rep.Worst)
	}
	// With u after R, t1 deviates whatever the receiver believes.
	if _, ok := Complete(tr, [][][]float64{{{1, 0}, {1, 0}}, {{0, 1}, {1, 0}}}, Options{}); ok {
		t.Fatal("non-equilibrium completed")
	}
}
