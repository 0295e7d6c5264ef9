package spellindex

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/guarantor/guarantor/capability"
	"github.com/guarantor/guarantor/deter"
	. "github.com/guarantor/guarantor/fit"
)

// The committed x⁺ table (which fit.Refit reads instead of running the
// engine) is the engine's index under the committed coefficients, bit for
// bit, on 1,000 rows drawn at random (seeded): each row's guarantors are
// rebuilt from the data (fit.RowGuarantors), not read from the table, and
// DyadYearIndex runs with deter.Default(), so a stale table, a changed
// engine or a table written under other coefficients fails.
func TestIndexPlusTableMatchesEngine(t *testing.T) {
	tab, err := CommittedIndexPlus()
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) < 1000 {
		t.Fatalf("the committed table has %d rows", len(tab.Rows))
	}
	cinc, err := capability.Default()
	if err != nil {
		t.Fatal(err)
	}
	const n = 1000
	rng := rand.New(rand.NewPCG(2026, 12))
	pick := rng.Perm(len(tab.Rows))[:n]
	qs := make([]DyadYearQuery, n)
	for i, k := range pick {
		r := tab.Rows[k]
		_, eg, _, err := RowGuarantors(r.A, r.B, r.Year, cinc)
		if err != nil {
			t.Fatal(err)
		}
		if len(eg) == 0 {
			t.Fatalf("table row %d: %d→%d in %d has no guarantor in the engine", k+2, r.A, r.B, r.Year)
		}
		qs[i] = DyadYearQuery{A: r.A, B: r.B, Year: r.Year - 1, Guarantors: eg}
	}
	x, _, err := DyadYearIndex(context.Background(), PointCoefficients(deter.Default()), qs)
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	for i, k := range pick {
		r := tab.Rows[k]
		if math.Float64bits(x[i]) != math.Float64bits(r.X) {
			if bad++; bad <= 5 {
				t.Errorf("table row %d: %d→%d in %d: table x+ %v, engine %v", k+2, r.A, r.B, r.Year, r.X, x[i])
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d rows differ: rerun guarantor fit --write deter/coefficients.json", bad, n)
	}
}
