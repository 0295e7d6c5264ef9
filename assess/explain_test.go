package assess

import "testing"

func TestExplainAndGame(t *testing.T) {
	m := compile(t, threeGuarantors(t))
	tr := m.Explain()
	if len(tr.Guarantors) != 3 || tr.Guarantors[0].Tripwire <= 0 || tr.Guarantors[2].StakeAudience <= 0 {
		t.Fatalf("trace %+v", tr.Guarantors)
	}
	g, err := m.Game()
	if err != nil {
		t.Fatal(err)
	}
	if g.NumPlayers() != 2 {
		t.Fatalf("game has %d players", g.NumPlayers())
	}
}
