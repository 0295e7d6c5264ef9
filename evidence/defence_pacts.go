package evidence

import (
	"fmt"
	"slices"
	"sort"
	"sync"
)

// The third parties of a post-war spell (docs/fit.md, "Post-war hazard
// slope with the target's defence pacts"): the states that had promised to
// defend the target when the war ended. ATOP codes the obligation, COW the
// war's belligerents; a state that fought in the war just ended, or that is
// pledged to defend the challenger too, is no guarantor of the target.

var pactIdx struct {
	once sync.Once
	// partners[year][state] lists the states with an ATOP defence
	// obligation with state in year.
	partners map[int]map[int][]int
	// fought[warnum] is the set of the war's belligerents.
	fought map[int]map[int]bool
	err    error
}

func buildPactIdx() {
	a, err := Load("atop_dyad")
	if err != nil {
		pactIdx.err = err
		return
	}
	ac, err := cols(a, "ccode1", "ccode2", "year", "atop_defense")
	if err != nil {
		pactIdx.err = fmt.Errorf("defence pacts: %w", err)
		return
	}
	w, err := Load("cow_war")
	if err != nil {
		pactIdx.err = err
		return
	}
	wc, err := cols(w, "warnum", "ccode1", "ccode2")
	if err != nil {
		pactIdx.err = fmt.Errorf("defence pacts: %w", err)
		return
	}
	pactIdx.partners = map[int]map[int][]int{}
	for i := range ac[0] {
		if ac[3][i] != 1 {
			continue
		}
		a, b, y := int(ac[0][i]), int(ac[1][i]), int(ac[2][i])
		m := pactIdx.partners[y]
		if m == nil {
			m = map[int][]int{}
			pactIdx.partners[y] = m
		}
		m[a] = append(m[a], b)
		m[b] = append(m[b], a)
	}
	pactIdx.fought = map[int]map[int]bool{}
	for i := range wc[0] {
		n := int(wc[0][i])
		if pactIdx.fought[n] == nil {
			pactIdx.fought[n] = map[int]bool{}
		}
		pactIdx.fought[n][int(wc[1][i])] = true
		pactIdx.fought[n][int(wc[2][i])] = true
	}
}

// DefencePartners returns the states with an ATOP 5.1 defence obligation
// (atop_defense = 1) with state in year, sorted.
func DefencePartners(state, year int) ([]int, error) {
	pactIdx.once.Do(buildPactIdx)
	if pactIdx.err != nil {
		return nil, pactIdx.err
	}
	out := append([]int(nil), pactIdx.partners[year][state]...)
	sort.Ints(out)
	return out, nil
}

// WarBelligerents returns the states that fought in COW Inter-State War
// 4.0 war warnum (on either side), sorted; an unknown war is an error.
func WarBelligerents(warnum int) ([]int, error) {
	pactIdx.once.Do(buildPactIdx)
	if pactIdx.err != nil {
		return nil, pactIdx.err
	}
	m, ok := pactIdx.fought[warnum]
	if !ok {
		return nil, fmt.Errorf("war %d: not in COW Inter-State War 4.0", warnum)
	}
	out := make([]int, 0, len(m))
	for s := range m {
		out = append(out, s)
	}
	sort.Ints(out)
	return out, nil
}

// PactExclusions counts the defence partners of a target that are not its
// guarantors, by rule.
type PactExclusions struct {
	CrossCutting int // also pledged to defend the challenger
	Belligerent  int // fought in the war just ended
}

// DefencePacts returns the guarantors of protege against challenger at the
// end of war warnum in year: every state other than the two with an ATOP
// defence obligation with protege in year, except those that also have one
// with challenger in year (a cross-cutting pact commits to neither side)
// and those that fought on either side of the war (belligerents, not
// guarantors). Sorted by COW code.
func DefencePacts(challenger, protege, warnum, year int) ([]int, PactExclusions, error) {
	var ex PactExclusions
	bs, err := WarBelligerents(warnum)
	if err != nil {
		return nil, ex, err
	}
	gs, cross, err := TargetDefencePartners(challenger, protege, year)
	if err != nil {
		return nil, ex, err
	}
	ex.CrossCutting = cross
	fought := map[int]bool{}
	for _, g := range bs {
		fought[g] = true
	}
	var out []int
	for _, g := range gs {
		if fought[g] {
			ex.Belligerent++
			continue
		}
		out = append(out, g)
	}
	return out, ex, nil
}

// TargetDefencePartners returns the states other than challenger and
// protege with an ATOP defence obligation with protege in year, except
// those that also have one with challenger in year (a cross-cutting pact
// commits to neither side; crossCutting counts them), sorted by COW code.
// It is the general stage's guarantor rule (docs/fit.md, "General-stage
// guarantees: the target's defence pacts", rule 2, read with year = t − 1)
// and DefencePacts without its belligerent exclusion: in peacetime no war
// has just ended.
func TargetDefencePartners(challenger, protege, year int) (out []int, crossCutting int, err error) {
	pactIdx.once.Do(buildPactIdx)
	if pactIdx.err != nil {
		return nil, 0, pactIdx.err
	}
	m := pactIdx.partners[year]
	cs := m[challenger]
	for _, g := range m[protege] {
		switch {
		case g == challenger || g == protege:
		case slices.Contains(cs, g):
			crossCutting++
		default:
			out = append(out, g)
		}
	}
	sort.Ints(out)
	return out, crossCutting, nil
}
