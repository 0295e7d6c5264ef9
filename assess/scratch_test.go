package assess

import (
	"context"
	"fmt"
	"testing"
)

func TestScratchUkraine(t *testing.T) {
	mk := func(name string, gs ...Guarantor) Option {
		o := threeGuarantors(t)
		o.Name = name
		o.Guarantors = gs
		return o
	}
	us := func(ins ...Instrument) Guarantor {
		return Guarantor{ID: "us", Party: party(t, "US", 2, 0.3), Instruments: ins}
	}
	uk := func(ins ...Instrument) Guarantor {
		return Guarantor{ID: "uk", Party: party(t, "UK", 200, 0.3), Instruments: ins}
	}
	fr := func(ins ...Instrument) Guarantor {
		return Guarantor{ID: "fr", Party: party(t, "FR", 220, 0.3), Instruments: ins}
	}
	trip := func(n float64) Instrument { return Instrument{Kind: Tripwire, Troops: Input{Dist: Point(n)}} }
	opts := []Option{
		mk("status quo"),
		mk("budapest", us(Instrument{Kind: SecurityAssurance}), uk(Instrument{Kind: SecurityAssurance})),
		mk("arms", us(Instrument{Kind: ArmsSupply})),
		mk("eu tripwire", uk(trip(6000)), fr(trip(6000))),
		mk("eu tripwire+us air", uk(trip(6000)), fr(trip(6000)), us(Instrument{Kind: AirPolicing})),
		mk("us tripwire", us(trip(7000))),
		mk("nato", us(Instrument{Kind: CollectiveDefense, Ratified: true}, Instrument{Kind: NuclearUmbrella}), uk(Instrument{Kind: CollectiveDefense, Ratified: true}), fr(Instrument{Kind: CollectiveDefense, Ratified: true})),
	}
	for _, o := range opts {
		m := compile(t, o)
		r, err := m.Run(context.Background(), Config{Samples: 20000, Seed: 1, DriverSamples: 1000}, "x")
		if err != nil {
			t.Fatal(err)
		}
		tr := m.Explain()
		fmt.Printf("   TRACE cred %.3f game %+v gH %.3f gS %.3f d %.3f region %s\n", tr.Credibility, tr.Game, tr.Eq.GammaH, tr.Eq.GammaS, tr.Eq.Delta, tr.Region)
		fmt.Printf("%-22s det %.3f [%.2f %.2f] cred %.3f pwin %.3f nw10 %.3f fails %q regions %v\n", o.Name, r.PDeter.Mean, r.PDeter.Lo, r.PDeter.Hi, r.Credibility.Mean, r.PWinAll.Mean, r.NoWar[2].P.Mean, r.Fails, r.Regions)
		for _, g := range r.Guarantors {
			fmt.Printf("     %s pf %.3f pwin %.3f\n", g.ID, g.PFight.Mean, g.PWin.Mean)
		}
		for _, d := range r.Drivers[:3] {
			fmt.Printf("     driver %s %.3f..%.3f\n", d.Name, d.AtLo, d.AtHi)
		}
	}
}
