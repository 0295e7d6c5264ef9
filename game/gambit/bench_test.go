package gambit

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"testing"

	"github.com/guarantor/guarantor/game"
)

// binaryTreeEFG writes a perfect-information tree of the given depth
// (2^(depth+1)-1 nodes): players alternate by level, every decision node is
// its own infoset and every leaf has its own outcome, as in a generated
// game of that size.
func binaryTreeEFG(depth int) []byte {
	var b bytes.Buffer
	b.WriteString("EFG 2 R \"binary\" { \"1\" \"2\" }\n\"\"\n")
	// Explicit stack of pending depths: the writer is iterative too.
	stack := []int{0}
	infoset := [3]int{}
	outcome := 0
	for len(stack) > 0 {
		d := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if d == depth {
			outcome++
			fmt.Fprintf(&b, "t \"\" %d \"\" { %d, %d }\n", outcome, outcome%7, -(outcome % 5))
			continue
		}
		pl := 1 + d%2
		infoset[pl]++
		fmt.Fprintf(&b, "p \"\" %d %d \"\" { \"L\" \"R\" } 0\n", pl, infoset[pl])
		stack = append(stack, d+1, d+1)
	}
	return b.Bytes()
}

// centipedeEFG writes a centipede of n moves: 2n+1 nodes, n deep.
func centipedeEFG(n int) []byte {
	var b bytes.Buffer
	b.WriteString("EFG 2 R \"centipede\" { \"1\" \"2\" }\n\"\"\n")
	for i := 1; i <= n; i++ {
		pl := 1 + (i+1)%2
		b.WriteString("p \"\" " + strconv.Itoa(pl) + " " + strconv.Itoa((i+1)/2) + " \"\" { \"Take\" \"Pass\" } 0\n")
		fmt.Fprintf(&b, "t \"\" %d \"\" { %d, %d }\n", i, i+(i%2), i-(i%2))
	}
	fmt.Fprintf(&b, "t \"\" %d \"\" { %d, %d }\n", n+1, n+1, n+1)
	return b.Bytes()
}

func TestGeneratedLargeTrees(t *testing.T) {
	if testing.Short() {
		t.Skip("parses two 10^6-node trees")
	}
	tr, err := ParseEFG(binaryTreeEFG(19), "binary.efg")
	if err != nil {
		t.Fatal(err)
	}
	if tr.NumNodes() != 1<<20-1 || len(tr.Outcomes) != 1<<19 {
		t.Errorf("binary tree: %d nodes, %d outcomes", tr.NumNodes(), len(tr.Outcomes))
	}
	const n = 500000
	cp, err := ParseEFG(centipedeEFG(n), "centipede.efg")
	if err != nil {
		t.Fatal(err)
	}
	d := cp.Depths()
	if cp.NumNodes() != 2*n+1 || d[len(d)-1] != n {
		t.Errorf("centipede: %d nodes, last leaf at depth %d", cp.NumNodes(), d[len(d)-1])
	}
	if _, _, complaint := roundTrip(cp); complaint != "" {
		t.Error(complaint)
	}
}

func benchParse(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseEFG(data, "bench.efg"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseEFGBinary1M parses a 1,048,575-node perfect-information tree.
func BenchmarkParseEFGBinary1M(b *testing.B) { benchParse(b, binaryTreeEFG(19)) }

// BenchmarkParseEFGCentipede500k parses a centipede 500,000 moves deep
// (1,000,001 nodes).
func BenchmarkParseEFGCentipede500k(b *testing.B) { benchParse(b, centipedeEFG(500000)) }

// BenchmarkWriteEFGBinary1M writes the 1,048,575-node tree back out.
func BenchmarkWriteEFGBinary1M(b *testing.B) {
	data := binaryTreeEFG(19)
	tr, err := ParseEFG(data, "bench.efg")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteEFG(io.Discard, tr); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseNFG100x100 parses a 100x100 payoff-body table.
func BenchmarkParseNFG100x100(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("NFG 1 R \"\" { \"1\" \"2\" } { 100 100 }\n")
	for c := 0; c < 100*100; c++ {
		fmt.Fprintf(&buf, "%d %d ", c%13, -(c % 11))
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseNFG(data, "bench.nfg"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuilderCentipede500k builds the same centipede as
// BenchmarkParseEFGCentipede500k directly with game.Builder, without any
// text: the difference between the two is the cost of parsing itself.
func BenchmarkBuilderCentipede500k(b *testing.B) {
	const n = 500000
	b.ReportAllocs()
	for b.Loop() {
		bld := game.NewBuilder("centipede", "1", "2")
		h := bld.Root()
		for i := 1; i <= n; i++ {
			s := bld.AddInfoset(1+(i+1)%2, (i+1)/2, "", "Take", "Pass")
			ch := bld.Move(h, s)
			o := bld.AddOutcome("", game.Rats(int64(i+i%2), int64(i-i%2)))
			bld.SetOutcome(ch[0], o)
			h = ch[1]
		}
		bld.SetOutcome(h, bld.AddOutcome("", game.Rats(n+1, n+1)))
		if _, err := bld.Build(); err != nil {
			b.Fatal(err)
		}
	}
}
