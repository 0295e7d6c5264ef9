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
