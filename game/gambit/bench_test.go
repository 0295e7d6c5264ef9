package gambit

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gen"
)

func efgBytes(b *testing.B, t *game.Tree) []byte {
	var buf bytes.Buffer
	if err := WriteEFG(&buf, t); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func benchParse(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ParseEFG(data, "bench.efg"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseEFG1e6 parses a random perfect-information tree of 10^6 nodes.
func BenchmarkParseEFG1e6(b *testing.B) {
	t := gen.PerfectInfoTree(rand.New(rand.NewPCG(1, 2)), 1_000_000, 2, 3, 100)
	benchParse(b, efgBytes(b, t))
}

// BenchmarkParseCentipede1e5 parses a 10^5-step centipede: 2*10^5+1 nodes,
// 10^5 levels deep.
func BenchmarkParseCentipede1e5(b *testing.B) {
	benchParse(b, efgBytes(b, gen.Centipede(100_000)))
}

func BenchmarkWriteEFG1e6(b *testing.B) {
	t := gen.PerfectInfoTree(rand.New(rand.NewPCG(1, 2)), 1_000_000, 2, 3, 100)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := WriteEFG(&buf, t); err != nil {
			b.Fatal(err)
		}
	}
}

// TestDeepFile parses a 10^5-deep centipede written out: no recursion.
func TestDeepFile(t *testing.T) {
	if testing.Short() {
		t.Skip("deep-file parse skipped in -short")
	}
	tr := gen.Centipede(100_000)
	var buf bytes.Buffer
	if err := WriteEFG(&buf, tr); err != nil {
		t.Fatal(err)
	}
	got, err := ParseEFG(buf.Bytes(), "deep.efg")
	if err != nil {
		t.Fatal(err)
	}
	if d := sameTree(tr, got); d != "" {
		t.Fatal(d)
	}
}
