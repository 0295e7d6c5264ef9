package evidence

import "testing"

// The expected values were read by hand from ../shared/data: the MID
// directed dispute-years (rows with disponset 1 and max(hostlev1,
// hostlev2) >= 4 for the pair), tss_rivalries.csv and the COW contiguity
// and NMC files.
func TestChallengeHistory(t *testing.T) {
	cases := []struct {
		name              string
		a, b, year        int
		rivalry           bool
		last, from, peace int
		contiguous, mid   bool
	}{
		// India-Pakistan: TSS rivalry 107 (1947-2020); use-of-force onsets in 1964 and 1965; land border (contiguity type 1) from 1947.
		{"India-Pakistan 1965", 750, 770, 1965, true, 1964, 1947, 1, true, true},
		{"Pakistan-India 1966", 770, 750, 1966, true, 1965, 1947, 1, true, true},
		// USA-Canada: no rivalry; onsets 1979, 1989, 1991, 1997; land border from 1920 (Canada's first NMC year).
		{"USA-Canada 1950", 2, 20, 1950, false, 0, 1920, 30, true, true},
		{"USA-Canada 1985", 2, 20, 1985, false, 1979, 1920, 6, true, true},
		{"Canada-USA 2000", 20, 2, 2000, false, 1997, 1920, 3, true, true},
		// Russia-Ukraine: TSS rivalry 262 from 2014; onsets 1992, 1994, 2013, 2014;
		// in 2022 the MIDs end in 2014 and the rivalries in 2020.
		{"Russia-Ukraine 2014", 365, 369, 2014, false, 2013, 1991, 1, true, true},
		{"Russia-Ukraine 2022", 365, 369, 2022, true, 2014, 1991, 8, true, false},
	}
	for _, c := range cases {
		h, err := ChallengeHistory(c.a, c.b, c.year)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if h.Rivalry != c.rivalry || h.LastDispute != c.last || h.ObservedFrom != c.from || h.PeaceYears() != c.peace ||
			h.Contiguous != c.contiguous || h.MIDCovered() != c.mid {
			t.Errorf("%s: %+v (peace %d, MID covered %v), want rivalry %v last %d from %d peace %d contiguous %v covered %v",
				c.name, h, h.PeaceYears(), h.MIDCovered(), c.rivalry, c.last, c.from, c.peace, c.contiguous, c.mid)
		}
	}
	if h, _ := ChallengeHistory(365, 369, 2030); h.RivalryYear != RivalryLastYear || h.ContiguityYear != ContiguityLastYear {
		t.Errorf("2030: read years %d, %d, want the data's last years", h.RivalryYear, h.ContiguityYear)
	}
	if _, err := ChallengeHistory(365, 9999, 2000); err == nil {
		t.Error("unknown state: no error")
	}
	if _, err := ChallengeHistory(365, 365, 2000); err == nil {
		t.Error("a state with itself: no error")
	}
}

func TestGeneralSample(t *testing.T) {
	rows, err := GeneralSample(1964, 1966)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if r.A == 770 && r.B == 750 && r.Year == 1965 {
			found = true
			// Pakistan initiated dispute 2631 (1965 war) on side A.
			h, _ := ChallengeHistory(770, 750, 1965)
			if !r.Rivalry || r.PeaceYears != 1 || r.NoPrior || r.Contiguous != h.Contiguous {
				t.Errorf("Pakistan-India 1965: %+v", r)
			}
		}
		if r.PeaceYears < 0 {
			t.Fatalf("negative peace years: %+v", r)
		}
	}
	if !found {
		t.Error("Pakistan-India 1965 not in the sample")
	}
	if _, err := GeneralSample(1800, 1900); err == nil {
		t.Error("years before 1816: no error")
	}
}
