package evidence

import (
	"slices"
	"testing"
)

// Known pacts and the two exclusions, checked against the sources.
func TestDefencePacts(t *testing.T) {
	cases := []struct {
		name                        string
		challenger, protege, war, y int
		want                        []int // guarantors that must be there
		not                         []int // partners that must not
		ex                          PactExclusions
	}{
		// Six Day War (COW war 169, 1967: Israel against Egypt, Syria and
		// Jordan). Egypt's partners under the Arab League's Joint Defence
		// and Economic Co-operation Treaty (1950; ATOP 3180) include Saudi
		// Arabia (670), Lebanon (660) and Iraq (645, not a COW belligerent
		// of war 169); Syria (652) and Jordan (663) fought, so they are
		// belligerents, not guarantors.
		{"Israel→Egypt 1967", 666, 651, 169, 1967, []int{645, 660, 670}, []int{652, 663}, PactExclusions{Belligerent: 2}},
		// Korean War (COW 151, ended 1953): the US–ROK Mutual Defense
		// Treaty (signed October 1953; ATOP codes it in force in 1953) is
		// South Korea's one defence pact, but the US fought the war.
		{"North→South Korea 1953", 731, 732, 151, 1953, nil, []int{2}, PactExclusions{Belligerent: 1}},
	}
	for _, c := range cases {
		got, ex, err := DefencePacts(c.challenger, c.protege, c.war, c.y)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, g := range c.want {
			if !slices.Contains(got, g) {
				t.Errorf("%s: guarantors %v lack %d", c.name, got, g)
			}
		}
		for _, g := range c.not {
			if slices.Contains(got, g) {
				t.Errorf("%s: guarantors %v include %d", c.name, got, g)
			}
		}
		if ex != c.ex {
			t.Errorf("%s: exclusions %+v, want %+v", c.name, ex, c.ex)
		}
	}
	if p, _ := DefencePartners(732, 1953); !slices.Contains(p, 2) {
		t.Errorf("South Korea's partners in 1953 %v lack the US", p)
	}
}

// A state pledged to defend both sides is excluded as cross-cutting:
// France (220) and the UK (200) had defence obligations with each other
// and with Belgium (211) in 1950 (the Brussels Treaty, 1948; NATO, 1949), so
// for a hypothetical UK→Belgium spell France is cross-cutting.
func TestDefencePactsCrossCutting(t *testing.T) {
	got, ex, err := DefencePacts(200, 211, 151, 1950)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(got, 220) || ex.CrossCutting == 0 {
		t.Errorf("guarantors %v, exclusions %+v: France should be cross-cutting", got, ex)
	}
	if _, err := WarBelligerents(-1); err == nil {
		t.Error("unknown war: no error")
	}
}

// The general stage's guarantor rule (TargetDefencePartners, read in
// t − 1): a NATO target after 1949 has its allies, and a partner of both
// sides is excluded as cross-cutting.
func TestTargetDefencePartners(t *testing.T) {
	// USSR (365) → West Germany (260), read in 1959: West Germany joined
	// the North Atlantic Treaty in 1955, so the US (2), the UK (200) and
	// France (220) are its guarantors, none of them pledged to the USSR.
	gs, cross, err := TargetDefencePartners(365, 260, 1959)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []int{2, 200, 220} {
		if !slices.Contains(gs, g) {
			t.Errorf("USSR→FRG 1959: guarantors %v lack %d", gs, g)
		}
	}
	if slices.Contains(gs, 365) || slices.Contains(gs, 260) || cross != 0 {
		t.Errorf("USSR→FRG 1959: guarantors %v, cross-cutting %d", gs, cross)
	}
	if !slices.IsSorted(gs) {
		t.Errorf("not sorted: %v", gs)
	}
	// Greece (350) → Turkey (640), read in 1974: both NATO members, so
	// every NATO ally of Turkey is pledged to Greece too (cross-cutting),
	// the US among them.
	gs, cross, err = TargetDefencePartners(350, 640, 1974)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(gs, 2) || slices.Contains(gs, 200) || cross < 10 {
		t.Errorf("Greece→Turkey 1974: guarantors %v, cross-cutting %d (want the NATO allies excluded)", gs, cross)
	}
	// The post-war rule is this one minus the belligerents.
	pw, ex, err := DefencePacts(666, 651, 169, 1967)
	if err != nil {
		t.Fatal(err)
	}
	all, c, err := TargetDefencePartners(666, 651, 1967)
	if err != nil {
		t.Fatal(err)
	}
	if c != ex.CrossCutting || len(all) != len(pw)+ex.Belligerent {
		t.Errorf("Israel→Egypt 1967: %d partners (%d cross-cutting), post-war %d + %d belligerents (%d cross-cutting)", len(all), c, len(pw), ex.Belligerent, ex.CrossCutting)
	}
}
