package fit

import "testing"

func TestScratchDur(t *testing.T) {
	sp, d, err := PostWarSpells(4)
	if err != nil {
		t.Fatal(err)
	}
	f, err := FitCure(sp)
	t.Logf("%s %+v %v", d, f, err)
	rows, post, err := FulfilmentBases()
	for _, r := range rows {
		t.Logf("%s %d/%d %.3f %.3f", r.Instrument, r.Rate.Honoured, r.Rate.N(), r.Logit, r.SE)
	}
	t.Logf("%+v %v", post, err)
}
