package evidence

import (
	"fmt"
	"math"
	"sync"
)

// Obligations are the alliance ties in force between two states in a year
// under one coding. COW has no offense or consultation types and ATOP has
// no entente; those fields stay false.
type Obligations struct {
	Defense, Offense, Neutrality, NonAggression, Consultation, Entente bool
}

// AllianceTies is what ATOP 5.1 and COW Alliances 4.1 each record for a
// pair in a year. They can disagree: COW codes Russia-Ukraine as a defence
// pact from 1995, ATOP as non-aggression and consultation only.
type AllianceTies struct {
	ATOP, COW     Obligations
	InATOP, InCOW bool // year within the dataset's coverage (ATOP 1815-2018, COW 1816-2012)
}

var allianceIdx struct {
	once      sync.Once
	atop, cow map[int64]Obligations
	err       error
}

func buildAllianceIdx() {
	a, err := Load("atop_dyad")
	if err != nil {
		allianceIdx.err = err
		return
	}
	c, err := Load("cow_alliance")
	if err != nil {
		allianceIdx.err = err
		return
	}
	ac, err1 := cols(a, "ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul")
	cc, err2 := cols(c, "ccode1", "ccode2", "year", "cow_defense", "cow_neutral", "cow_nonagg", "cow_entente")
	if err1 != nil || err2 != nil {
		allianceIdx.err = fmt.Errorf("alliance index: %v %v", err1, err2)
		return
	}
	allianceIdx.atop = make(map[int64]Obligations, a.Rows)
	for i := range ac[0] {
		allianceIdx.atop[key(int(ac[0][i]), int(ac[1][i]), int(ac[2][i]))] = Obligations{
			Defense: ac[3][i] == 1, Offense: ac[4][i] == 1, Neutrality: ac[5][i] == 1, NonAggression: ac[6][i] == 1, Consultation: ac[7][i] == 1}
	}
	allianceIdx.cow = make(map[int64]Obligations, c.Rows)
	for i := range cc[0] {
		allianceIdx.cow[key(int(cc[0][i]), int(cc[1][i]), int(cc[2][i]))] = Obligations{
			Defense: cc[3][i] == 1, Neutrality: cc[4][i] == 1, NonAggression: cc[5][i] == 1, Entente: cc[6][i] == 1}
	}
}

// Alliance returns the ATOP and COW alliance ties between states a and b
// (COW codes, either order) in a year.
func Alliance(a, b, year int) (AllianceTies, error) {
	allianceIdx.once.Do(buildAllianceIdx)
	if allianceIdx.err != nil {
		return AllianceTies{}, allianceIdx.err
	}
	if a == b {
		return AllianceTies{}, fmt.Errorf("alliance: %d with itself", a)
	}
	ua, ub := undirected(a, b)
	k := key(ua, ub, year)
	return AllianceTies{ATOP: allianceIdx.atop[k], COW: allianceIdx.cow[k],
		InATOP: year >= 1815 && year <= 2018, InCOW: year >= 1816 && year <= 2012}, nil
}

var troopIdx struct {
	once sync.Once
	m    map[int64]float64
	err  error
}

// USTroops returns the US active-duty troops stationed in a country in a
// year (DMDC counts as rebuilt by troopdata; rotational deployments are not
// included), and whether the series has a value for that country-year.
func USTroops(ccode, year int) (float64, bool, error) {
	troopIdx.once.Do(func() {
		t, err := Load("us_troops")
		if err != nil {
			troopIdx.err = err
			return
		}
		c, err := cols(t, "ccode", "year", "troops_ad")
		if err != nil {
			troopIdx.err = err
			return
		}
		troopIdx.m = map[int64]float64{}
		for i := range c[0] {
			if !math.IsNaN(c[0][i]) && !math.IsNaN(c[2][i]) {
				troopIdx.m[key(int(c[0][i]), 0, int(c[1][i]))] += c[2][i]
			}
		}
	})
	if troopIdx.err != nil {
		return 0, false, troopIdx.err
	}
	v, ok := troopIdx.m[key(ccode, 0, year)]
	return v, ok, nil
}
