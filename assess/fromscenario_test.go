package assess

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/scenario"
)

func loadExample(t testing.TB, path string) Option {
	t.Helper()
	opts, err := LoadOptionsWith([]string{path}, scenario.EngineUDG)
	if err != nil {
		t.Skip("example not available:", err)
	}
	return opts[0]
}

// The adapter keeps the scenario's names and sources, takes the
// defence-pact prior from the embedded data, and maps the scenario's model
// coefficients onto the engine's.
func TestAdapterMapsScenario(t *testing.T) {
	o := loadExample(t, "testdata/options/b-pact.yaml")
	if o.Name != "pact and tripwire" || len(o.Guarantors) != 2 || o.Year != 2014 || o.Horizon != 10 || o.Outcome != -1 {
		t.Fatalf("option %+v", o)
	}
	us := o.Guarantors[0]
	if a, b, ok := BetaParams(us.BaseRate.Dist); !ok || a != 43 || b != 61 || us.BaseRate.Name != "model.udg.base_rates.defense_pact" {
		t.Errorf("US base rate %s %v: want the data's defence-obligation Beta(43, 61)", us.BaseRate.Name, us.BaseRate.Dist)
	}
	if us.Instruments[1].Kind != Tripwire || us.Instruments[1].Posture.Dist.Quantile(0.5) != 1 || us.Instruments[2].Kind != NuclearUmbrella {
		t.Errorf("US instruments %+v", us.Instruments)
	}
	m := compile(t, o)
	if i, ok := m.Index(CoefTripwire); !ok || !strings.HasPrefix(m.Inputs[i].Source, "judgment: ") {
		t.Error("the catalogue's tripwire coefficient is not an input of the model")
	}
	uk := o.Guarantors[1]
	if len(uk.Signals) != 1 || uk.Signals[0].LR.Dist.Quantile(0.99) > 0.9 {
		t.Errorf("UK signal %+v", uk.Signals)
	}
}

// History cases carry their start year and outcome; open cases count as
// held to date.
func TestAdapterHistoryOutcome(t *testing.T) {
	o := loadExample(t, "testdata/history/budapest.yaml")
	if o.Outcome != 0 || o.Year != 1994 || o.Horizon != 20 {
		t.Errorf("budapest: outcome %d year %d horizon %d", o.Outcome, o.Year, o.Horizon)
	}
	o = loadExample(t, "testdata/history/berlin.yaml")
	if o.Outcome != 1 || o.Year != 1955 {
		t.Errorf("berlin: outcome %d year %d", o.Outcome, o.Year)
	}
}

// Every shipped example compiles and runs, and the sanity ordering a user
// expects holds on them: no guarantee deters least.
func TestExamplesRun(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every example")
	}
	dir := "../examples/ukraine-2025"
	opts, err := LoadOptionsWith([]string{dir}, scenario.EngineUDG)
	if err != nil {
		t.Skip("examples not available:", err)
	}
	var none float64 = -1
	for _, o := range opts {
		m := compile(t, o)
		r, err := m.Run(context.Background(), Config{Samples: 2000, Seed: 3, DriverSamples: -1}, "test")
		if err != nil {
			t.Fatal(err)
		}
		if math.IsNaN(r.PDeter.Mean) || r.PDeter.Mean < 0 || r.PDeter.Mean > 1 {
			t.Fatalf("%s: P(deterrence) %v", o.Name, r.PDeter.Mean)
		}
		// Durability is coherent with deterrence: no war at one year is at
		// least P(no attack), and it only falls with the horizon.
		if r.NoWar[0].Years != 1 || r.NoWar[0].P.Mean < r.PDeter.Mean-1e-12 {
			t.Errorf("%s: P(no war by 1y) %v below P(deterrence) %v", o.Name, r.NoWar[0].P.Mean, r.PDeter.Mean)
		}
		for k := 1; k < len(r.NoWar); k++ {
			if r.NoWar[k].P.Mean > r.NoWar[k-1].P.Mean+1e-12 {
				t.Errorf("%s: P(no war) rises from %dy to %dy", o.Name, r.NoWar[k-1].Years, r.NoWar[k].Years)
			}
		}
		if strings.Contains(filepath.Base(o.File), "no-guarantee") {
			none = r.PDeter.Mean
		}
	}
	// Some challenger types stay put, some attack an unguarded protégé.
	if none <= 0 || none >= 1 {
		t.Errorf("no guarantee: P(deterrence) %v, want in (0, 1)", none)
	}
}

// No scenario text makes the adapter or the engine panic.
func FuzzAssessScenario(f *testing.F) {
	for _, dir := range []string{"testdata/options", "testdata/history"} {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := scenario.Parse("fuzz.yaml", data, scenario.Options{ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist }})
		if err != nil {
			return
		}
		o, err := FromScenario(scenario.Compile(s))
		if err != nil {
			return
		}
		m, err := Compile(o)
		if err != nil {
			return
		}
		if m.st != nil {
			w := m.st.newWork()
			m.st.eval(w)
			_ = m.st.survival(w, &w.coef, 10)
		} else {
			w := m.newWork()
			m.eval(w)
		}
		_ = m.Profile()
	})
}
