package gambit

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/guarantor/guarantor/internal/testenv"
)

// addSeeds adds our own games and, when the shared folder is there, every
// Gambit game with the given extension to the fuzzer's seed corpus.
func addSeeds(f *testing.F, ext string) {
	own, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "games", "*"+ext))
	for _, p := range own {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	if os.Getenv("GUARANTOR_FUZZ_GAMBIT_SEEDS") == "0" {
		return
	}
	shared := testenv.SharedDirOrEmpty()
	if shared == "" {
		return
	}
	games, _ := filepath.Glob(filepath.Join(shared, "gambit", "games", "*"+ext))
	for _, p := range games {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
}

// fuzzOne checks the parser's contract on arbitrary bytes: no panic, and
// whatever reads writes back and reads again as the same game.
func fuzzOne(t *testing.T, data []byte) {
	g, err := Parse(data, "fuzz")
	if err != nil {
		if _, ok := err.(*SyntaxError); !ok {
			t.Fatalf("error of type %T: %v", err, err)
		}
		return
	}
	g2 := roundTrip(t, g, "fuzz")
	if d := sameGame(g, g2); d != "" {
		t.Fatalf("round trip changed the game: %s", d)
	}
}

func FuzzParseEFG(f *testing.F) {
	addSeeds(f, ".efg")
	f.Fuzz(fuzzOne)
}

func FuzzParseNFG(f *testing.F) {
	addSeeds(f, ".nfg")
	f.Fuzz(fuzzOne)
}
