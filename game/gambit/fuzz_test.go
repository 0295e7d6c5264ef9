package gambit

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/internal/testenv"
)

// noSkip lets a fuzz target ask testenv for Gambit's games without being
// skipped when they are absent: the target must still run on its committed
// corpus (testdata/fuzz) and our own games.
type noSkip struct {
	testing.TB
	skipped bool
}

func (n *noSkip) Helper()              {}
func (n *noSkip) Skip(...any)          { n.skipped = true }
func (n *noSkip) Skipf(string, ...any) { n.skipped = true }
func (n *noSkip) SkipNow()             { n.skipped = true }

// addSeeds adds every file of ours and, when present, of Gambit's with the
// given extension to f's corpus.
func addSeeds(f *testing.F, ext string) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "games", "*."+ext))
	ns := &noSkip{TB: f}
	if dir := testenv.GambitDir(ns); !ns.skipped {
		shared, _ := filepath.Glob(filepath.Join(dir, "games", "*."+ext))
		files = append(files, shared...)
	}
	for _, p := range files {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
}

// checkInput is the fuzz property: parsing never panics (the fuzzer
// reports panics), every failure is a positioned *SyntaxError, and whatever
// parses writes and re-parses into an identical game and identical bytes.
func checkInput(t *testing.T, data []byte, parse func([]byte) (game.Game, error)) {
	g, err := parse(data)
	if err != nil {
		if _, ok := err.(*SyntaxError); !ok {
			t.Fatalf("error %v is a %T, want *SyntaxError", err, err)
		}
		return
	}
	if _, _, complaint := roundTrip(g); complaint != "" {
		t.Fatalf("%s\ninput:\n%s", complaint, data)
	}
}

func FuzzParseEFG(f *testing.F) {
	addSeeds(f, "efg")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkInput(t, data, func(b []byte) (game.Game, error) {
			tr, err := ParseEFG(b, "fuzz.efg")
			if err != nil {
				return nil, err
			}
			return tr, nil
		})
	})
}

func FuzzParseNFG(f *testing.F) {
	addSeeds(f, "nfg")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkInput(t, data, func(b []byte) (game.Game, error) {
			tb, err := ParseNFG(b, "fuzz.nfg")
			if err != nil {
				return nil, err
			}
			return tb, nil
		})
	})
}

// TestSeedCorpus checks the committed seeds do what their names say: the
// ones named bad-* are refused, all others read (so the corpus really
// covers both sides of every branch it was written for).
func TestSeedCorpus(t *testing.T) {
	for _, target := range []string{"FuzzParseEFG", "FuzzParseNFG"} {
		files, _ := filepath.Glob(filepath.Join("testdata", "fuzz", target, "*"))
		if len(files) == 0 {
			t.Fatalf("no committed corpus for %s", target)
		}
		for _, p := range files {
			raw, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.SplitN(string(raw), "\n", 3)
			lit, ok := strings.CutPrefix(lines[1], "[]byte(")
			lit, ok2 := strings.CutSuffix(lit, ")")
			data, err := strconv.Unquote(lit)
			if lines[0] != "go test fuzz v1" || !ok || !ok2 || err != nil {
				t.Fatalf("%s: not a fuzz corpus file", p)
			}
			_, err = Parse([]byte(data), filepath.Base(p))
			if bad := strings.HasPrefix(filepath.Base(p), "bad-"); bad != (err != nil) {
				t.Errorf("%s: error %v", p, err)
			}
		}
	}
}
