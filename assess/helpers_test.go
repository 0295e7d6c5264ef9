package assess

import (
	"testing"

	"github.com/guarantor/guarantor/capability"
)

func cinc(t testing.TB, ccode int) Input {
	t.Helper()
	x, err := capability.Default()
	if err != nil {
		t.Skip("no capability index:", err)
	}
	v, err := x.CINC(ccode, 2016)
	if err != nil {
		t.Fatal(err)
	}
	return Input{Dist: Point(v), Source: "COW NMC 2016"}
}

func party(t testing.TB, name string, cc int, deploy float64) Party {
	return Party{Name: name, CCode: cc, Capability: cinc(t, cc), Deploy: Input{Dist: Point(deploy)}}
}

// threeGuarantors is a hand-built option: the US with a defence pact and a
// tripwire, the UK and France with assurances and a signal.
func threeGuarantors(t testing.TB) Option {
	return Option{
		Name: "test", Year: 2025, Horizon: 10,
		Challenger: Challenger{Party: party(t, "Russia", 365, 0.5)},
		Protege:    party(t, "Ukraine", 369, 1),
		Guarantors: []Guarantor{
			{ID: "us", Party: party(t, "United States", 2, 0.3), Instruments: []Instrument{
				{Kind: DefensePact}, {Kind: Tripwire, Troops: Input{Dist: Uniform(5000, 9000)}}, {Kind: NuclearUmbrella}}},
			{ID: "uk", Party: party(t, "United Kingdom", 200, 0.3), Instruments: []Instrument{
				{Kind: SecurityAssurance}, {Kind: Tripwire, Troops: Input{Dist: Point(6000)}}},
				Signals: []Signal{{Name: "pledge", LR: Input{Dist: LogNormal(0.2, 0.3)}}}},
			{ID: "fr", Party: party(t, "France", 220, 0.3), Instruments: []Instrument{
				{Kind: SecurityAssurance}, {Kind: EconomicStake, Stake: Input{Dist: Uniform(1, 10)}}}},
		},
		Outcome: -1,
	}
}

func compile(t testing.TB, o Option) *Model {
	t.Helper()
	m, err := Compile(o)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// set sets a named input of a work buffer.
func set(t testing.TB, m *Model, w *work, name string, v float64) {
	t.Helper()
	i, ok := m.Index(name)
	if !ok {
		t.Fatalf("no input %s", name)
	}
	w.x[i] = v
}
