package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/evidence"
	"github.com/guarantor/guarantor/fit"
)

// refitCases copies a few history cases (read only) into a temp dir: two
// cases of one dyad (one refit for both), post-war spells in every pair.
func refitCases(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"israel-jordan-1949", "india-pakistan-1966", "india-pakistan-1972", "baltics-2004"} {
		b, err := os.ReadFile(filepath.Join("../examples/history", f+".yaml"))
		if err != nil {
			t.Skipf("examples/history absent: %v", err)
		}
		if err := os.WriteFile(filepath.Join(dir, f+".yaml"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestBacktestRefit(t *testing.T) {
	dir := refitCases(t)
	ctx := context.Background()
	o := Options{Samples: 400, Seed: 2, Version: "t"}
	bo := BacktestOptions{Bins: 4, Resamples: 40, Tau: 4}
	plain, err := BacktestWith(ctx, []string{dir}, o, bo)
	if err != nil {
		t.Fatal(err)
	}
	bo.Refit = true
	d, err := BacktestWith(ctx, []string{dir}, o, bo)
	if err != nil {
		t.Fatal(err)
	}
	r := d.Refit
	if r == nil || plain.Refit != nil {
		t.Fatalf("refit block %v with --refit, %v without", r, plain.Refit)
	}
	// --refit adds its block and changes nothing else.
	d.Refit = nil
	a, _ := json.Marshal(plain)
	b, _ := json.Marshal(d)
	if !bytes.Equal(a, b) {
		t.Error("--refit changed the committed engine's document")
	}
	if r.Refits != 3 || len(r.Cases) != 4 {
		t.Fatalf("%d refits for %d cases, want 3 for 4 (two India-Pakistan cases share one)", r.Refits, len(r.Cases))
	}
	rows, err := evidence.GeneralSample(1816, 2014)
	if err != nil {
		t.Fatal(err)
	}
	sp, _, err := fit.PostWarSpells(5)
	if err != nil {
		t.Fatal(err)
	}
	pairs := map[string]fit.Pair{"ISR-JOR": fit.MakePair(666, 663), "IND-PAK": fit.MakePair(750, 770), "EST-RUS": fit.MakePair(366, 365)}
	moved := false
	for i, c := range r.Cases {
		p, ok := pairs[c.Dyad]
		if !ok {
			t.Fatalf("%s: dyad %s", c.Name, c.Dyad)
		}
		var wantRows, wantSpells int
		for _, x := range rows {
			if fit.MakePair(x.A, x.B) == p {
				wantRows++
			}
		}
		for _, s := range sp {
			if fit.MakePair(s.A, s.B) == p {
				wantSpells++
			}
		}
		if c.DyadYearsDropped != wantRows || c.SpellsDropped != wantSpells || wantRows == 0 {
			t.Errorf("%s: dropped %d dyad-years and %d spells, the data hold %d and %d", c.Name, c.DyadYearsDropped, c.SpellsDropped, wantRows, wantSpells)
		}
		if len(c.Survival) != len(d.Survival.Horizons) || c.Forecast == nil {
			t.Fatalf("%s: %d survival forecasts for %d horizons, file-horizon %v", c.Name, len(c.Survival), len(d.Survival.Horizons), c.Forecast)
		}
		for k, s := range c.Survival {
			if s < 0 || s > 1 || (k > 0 && s > c.Survival[k-1]) {
				t.Errorf("%s: refitted survival %v not a survival curve", c.Name, c.Survival)
			}
			if s != d.Survival.Cases[i].Engine[k] {
				moved = true
			}
		}
	}
	if !moved {
		t.Error("refitting without each dyad moved no forecast")
	}
	if got := r.Survival.Sets[0].IntegratedBrier[0].Forecaster; got != contract.RefitForecaster {
		t.Errorf("refit scores name the engine %q", got)
	}
}

// The full --refit backtest of the case base, for the figures in
// docs/backtest.md: GUARANTOR_REFIT_FULL=1 go test ./pipeline -run RefitFull -v
func TestBacktestRefitFull(t *testing.T) {
	if os.Getenv("GUARANTOR_REFIT_FULL") == "" || testing.Short() {
		t.Skip("set GUARANTOR_REFIT_FULL=1 for the full refit backtest (minutes)")
	}
	d, err := BacktestWith(context.Background(), []string{"../examples/history"}, Options{Seed: 1, Samples: 5000}, BacktestOptions{Bins: DefaultBins, Refit: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range d.Refit.Survival.Sets {
		t.Logf("%s: IBS committed %.4f, refitted %.4f", s.Name, d.Survival.Sets[i].IntegratedBrier[0].Brier, s.IntegratedBrier[0].Brier)
	}
}
