package fit

import (
	"fmt"
	"sort"

	"github.com/guarantor/guarantor/evidence"
)

// JoinClass is an ally's strongest ATOP obligation to an attacked partner.
type JoinClass int

// Join classes, strongest first: a dyad-year counts once, under the first
// class it carries.
const (
	JoinDefense     JoinClass = iota // a defence obligation
	JoinOffense                      // offence without defence
	JoinConsultOnly                  // consultation and nothing else
	JoinNeutNonagg                   // neutrality or non-aggression, no defence or offence
	joinClasses
)

func (c JoinClass) String() string {
	if c < JoinDefense || c >= joinClasses {
		return "invalid"
	}
	return [...]string{"defense", "offense", "consultation only", "neutrality/non-aggression"}[c]
}

// JoinCount is how often allies of one class joined an attacked partner's
// side in one era.
type JoinCount struct {
	Class  JoinClass
	Post   bool // war began in 1945 or later
	Joined int  // the ally fought on the partner's side
	Stayed int  // the ally stayed out
	Enemy  int  // the ally fought on the other side
	Wars   int  // distinct wars behind these cases
	// JoinedWars is the number of distinct wars in which some ally of
	// this class joined: the cases cluster in few wars.
	JoinedWars int
}

// N is the number of cases.
func (j JoinCount) N() int { return j.Joined + j.Stayed + j.Enemy }

// JoinedTable tabulates, for every state attacked in a COW inter-state war
// (it did not initiate, and a state on the other side did), each ATOP
// ally of the year it entered the war, by the ally's strongest obligation
// and the war's era, and whether the ally fought on the partner's side.
//
// It is reported beside the fit, never used in it: it does not check the
// casus foederis (an alliance's geographic or adversary scope) as the
// fulfilment coders did, it counts dyads rather than alliances, and its
// cases cluster in a few wars. What it can show is the relative readiness
// to fight of allies with weaker obligations, the quantity the
// security-assurance judgment (assuranceOdds) needs and the fulfilment
// file cannot give.
func JoinedTable() ([]JoinCount, error) {
	war, err := evidence.Load("cow_war")
	if err != nil {
		return nil, err
	}
	atop, err := evidence.Load("atop_dyad")
	if err != nil {
		return nil, err
	}
	wc := map[string][]float64{}
	for _, n := range []string{"warnum", "ccode1", "year", "sidea1", "initiator1"} {
		if wc[n], err = war.Num(n); err != nil {
			return nil, fmt.Errorf("cow_war: %w", err)
		}
	}
	type part struct{ side, init, entry int }
	wars := map[int]map[int]part{}
	for i := range wc["warnum"] {
		w, a, y := int(wc["warnum"][i]), int(wc["ccode1"][i]), int(wc["year"][i])
		s, in := int(wc["sidea1"][i]), int(wc["initiator1"][i])
		if wars[w] == nil {
			wars[w] = map[int]part{}
		}
		p, ok := wars[w][a]
		if !ok {
			p = part{side: s, init: in, entry: y}
		}
		p.init, p.entry = max(p.init, in), min(p.entry, y)
		wars[w][a] = p
	}
	ac := map[string][]float64{}
	for _, n := range []string{"ccode1", "ccode2", "year", "atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul"} {
		if ac[n], err = atop.Num(n); err != nil {
			return nil, fmt.Errorf("atop_dyad: %w", err)
		}
	}
	type key struct{ state, year int }
	type ally struct {
		other int
		class JoinClass
	}
	allies := map[key][]ally{}
	for i := range ac["year"] {
		d, o, n, na, c := ac["atop_defense"][i] == 1, ac["atop_offense"][i] == 1, ac["atop_neutral"][i] == 1, ac["atop_nonagg"][i] == 1, ac["atop_consul"][i] == 1
		var cl JoinClass
		switch {
		case d:
			cl = JoinDefense
		case o:
			cl = JoinOffense
		case c && !n && !na:
			cl = JoinConsultOnly
		case n || na:
			cl = JoinNeutNonagg
		default:
			continue
		}
		a, b, y := int(ac["ccode1"][i]), int(ac["ccode2"][i]), int(ac["year"][i])
		allies[key{a, y}] = append(allies[key{a, y}], ally{b, cl})
		allies[key{b, y}] = append(allies[key{b, y}], ally{a, cl})
	}
	type cell struct {
		JoinCount
		wars, joined map[int]bool
	}
	cells := map[[2]int]*cell{}
	wnums := make([]int, 0, len(wars))
	for w := range wars {
		wnums = append(wnums, w)
	}
	sort.Ints(wnums)
	for _, w := range wnums {
		ps := wars[w]
		onset := 1 << 30
		for _, p := range ps {
			onset = min(onset, p.entry)
		}
		for a, p := range ps {
			attacked := false
			for _, q := range ps {
				attacked = attacked || (q.side != p.side && q.init == 1)
			}
			if p.init == 1 || !attacked {
				continue
			}
			for _, al := range allies[key{a, p.entry}] {
				post := 0
				if onset >= 1945 {
					post = 1
				}
				k := [2]int{int(al.class), post}
				c := cells[k]
				if c == nil {
					c = &cell{JoinCount: JoinCount{Class: al.class, Post: post == 1}, wars: map[int]bool{}, joined: map[int]bool{}}
					cells[k] = c
				}
				c.wars[w] = true
				switch q, in := ps[al.other]; {
				case !in:
					c.Stayed++
				case q.side == p.side:
					c.Joined++
					c.joined[w] = true
				default:
					c.Enemy++
				}
			}
		}
	}
	var out []JoinCount
	for cl := JoinDefense; cl < joinClasses; cl++ {
		for post := 0; post <= 1; post++ {
			c := cells[[2]int{int(cl), post}]
			if c == nil {
				out = append(out, JoinCount{Class: cl, Post: post == 1})
				continue
			}
			c.Wars, c.JoinedWars = len(c.wars), len(c.joined)
			out = append(out, c.JoinCount)
		}
	}
	return out, nil
}
