package evidence

import "testing"

// Checks stated in the data README and SOURCE.md files.
func TestAllianceCodingsDisagree(t *testing.T) {
	ru, err := Alliance(369, 365, 2000)
	if err != nil {
		t.Fatal(err)
	}
	if !ru.COW.Defense || ru.ATOP.Defense || !(ru.ATOP.NonAggression || ru.ATOP.Consultation) {
		t.Errorf("Russia-Ukraine 2000: %+v; want COW defence, ATOP non-aggression/consultation only", ru)
	}
	nato, _ := Alliance(2, 366, 2018)
	if !nato.ATOP.Defense || !nato.InATOP || nato.InCOW {
		t.Errorf("US-Estonia 2018: %+v; want an ATOP defence pact, outside COW's years", nato)
	}
	for y := 1992; y <= 2018; y++ {
		if us, _ := Alliance(2, 369, y); us.ATOP.Defense || us.COW.Defense {
			t.Fatalf("US-Ukraine %d: %+v; no dataset codes a defence pact", y, us)
		}
	}
	if _, err := Alliance(2, 2, 2000); err == nil {
		t.Error("a state allied with itself")
	}
}

func TestUSTroops(t *testing.T) {
	for _, c := range []struct {
		cc, y  int
		lo, hi float64
	}{{290, 2013, 40, 60}, {290, 2022, 400, 500}, {368, 2022, 200, 260}, {255, 2020, 30000, 40000}} {
		v, ok, err := USTroops(c.cc, c.y)
		if err != nil || !ok || v < c.lo || v > c.hi {
			t.Errorf("US troops in %d, %d: %v (%v, %v); SOURCE.md says %v-%v", c.cc, c.y, v, ok, err, c.lo, c.hi)
		}
	}
}

func TestFulfilmentCases(t *testing.T) {
	cs, err := FulfilmentCases(LLM)
	if err != nil {
		t.Fatal(err)
	}
	wars := map[int]bool{}
	var honoured, post, postHon int
	for _, c := range cs {
		wars[c.War] = true
		if c.Honoured {
			honoured++
		}
		if c.Year >= 1945 {
			post++
			if c.Honoured {
				postHon++
			}
		}
	}
	// The counts behind the published 50% and 1945-2003 rate (docs/evidence.md).
	if len(cs) != 146 || honoured != 73 || post != 50 || postHon != 10 || len(wars) != 45 {
		t.Errorf("%d cases (%d honoured), %d after 1945 (%d honoured), %d wars; want 146 (73), 50 (10), 45",
			len(cs), honoured, post, postHon, len(wars))
	}
	if _, err := FulfilmentCases(Coding(7)); err == nil {
		t.Error("invalid coding accepted")
	}
}

// A state that entered the system after 1 January: its entry date from
// cow_states (Eritrea 24 May 1993; the German Federal Republic 5 May 1955);
// not for a year it was already a member, nor for a 1 January entry.
func TestEntersMidYear(t *testing.T) {
	for _, c := range []struct {
		q    string
		year int
		want string
	}{{"ERI", 1993, "1993-05-24"}, {"GFR", 1955, "1955-05-05"}, {"ERI", 1994, ""}, {"USA", 1816, ""}, {"CAN", 1920, "1920-01-10"}} {
		s, err := LookupCountry(c.q)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := s.EntersMidYear(c.year)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("%s %d: %q %v, want %q", c.q, c.year, got, ok, c.want)
		}
	}
}
