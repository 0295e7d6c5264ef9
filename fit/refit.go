package fit

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/guarantor/guarantor/capability"
	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/evidence"
)

// Pair is an undirected pair of COW state codes (A <= B).
type Pair struct{ A, B int }

// MakePair orders a and b.
func MakePair(a, b int) Pair { return Pair{min(a, b), max(a, b)} }

// Exclusion names the data a refit leaves out: every dyad-year and
// post-war spell of the pairs in Dyads, and Huth's crises with the case_id
// values in Huth. The zero value leaves out nothing.
type Exclusion struct {
	Dyads []Pair
	Huth  []int
}

// Empty reports whether nothing is left out.
func (x Exclusion) Empty() bool { return len(x.Dyads) == 0 && len(x.Huth) == 0 }

// Key is a canonical text of the exclusion (sorted, duplicates removed),
// for caching refits: two exclusions with the same Key give the same fit.
func (x Exclusion) Key() string {
	ps := append([]Pair(nil), x.Dyads...)
	for i := range ps {
		ps[i] = MakePair(ps[i].A, ps[i].B)
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].A < ps[j].A || ps[i].A == ps[j].A && ps[i].B < ps[j].B })
	hs := append([]int(nil), x.Huth...)
	sort.Ints(hs)
	var sb strings.Builder
	sb.WriteString("dyads")
	for i, p := range ps {
		if i > 0 && p == ps[i-1] {
			continue
		}
		fmt.Fprintf(&sb, " %d-%d", p.A, p.B)
	}
	sb.WriteString("; huth")
	for i, h := range hs {
		if i > 0 && h == hs[i-1] {
			continue
		}
		sb.WriteString(" " + strconv.Itoa(h))
	}
	return sb.String()
}

func (x Exclusion) dyadSet() map[Pair]bool {
	m := make(map[Pair]bool, len(x.Dyads))
	for _, p := range x.Dyads {
		m[MakePair(p.A, p.B)] = true
	}
	return m
}

// RefitCounts are the rows a refit used and left out, per data set.
type RefitCounts struct {
	HuthCrises, HuthDropped     int
	DyadYears, DyadYearsDropped int
	Spells, SpellsDropped       int
}

// refitData is the data a refit reads, loaded once per process: the
// dyad-year sample alone takes most of a second to build.
var refitData struct {
	once   sync.Once
	err    error
	crises []Crisis
	huth   string
	rows   []evidence.GeneralDyadYear
	lag    [][2]float64 // rows' CINCs in the year before (laggedCINC), for the general slope
	spells []Spell      // renewed war (hostility 5), covariates filled
	dir    []Spell      // their directed spells (DirectSpells), CINC filled
	dirN   DirectedCounts
	sdata  string
	bases  []BaseRow
	post   deter.Estimate
}

func loadRefitData() error {
	d := &refitData
	d.once.Do(func() {
		if d.crises, d.huth, d.err = HuthCrises(); d.err != nil {
			return
		}
		if d.rows, d.err = evidence.GeneralSample(generalFrom, generalTo); d.err != nil {
			return
		}
		cinc, err := capability.Default()
		if err != nil {
			d.err = err
			return
		}
		d.lag = laggedCINC(d.rows, cinc)
		if d.spells, d.sdata, d.err = PostWarSpells(5); d.err != nil {
			return
		}
		if d.err = AddPostWarCovariates(d.spells); d.err != nil {
			return
		}
		if d.dir, d.dirN, d.err = DirectSpells(d.spells, 5); d.err != nil {
			return
		}
		if _, d.err = AddWarOutcomes(d.dir); d.err != nil {
			return
		}
		d.bases, d.post, d.err = FulfilmentBases()
	})
	return d.err
}

// Refit estimates the default coefficients as Run does, without the data
// x names, for leave-dyad-out validation (docs/backtest.md, --refit):
//
//   - Huth's structural fit without the crises in x.Huth (and with it the
//     response offset of the fulfilment bases, AGeneral's Huth reference
//     and DIRef, which are read off that fit);
//   - the general-deterrence logit without the dyad-years of the pairs in
//     x.Dyads (either direction);
//   - the post-war cure Weibull with dyad covariates without those pairs'
//     spells.
//
// The alliance-fulfilment base rates and rho are fitted on allies invoked
// in wars (evidence.FulfilmentCases), which are not keyed by a state pair,
// so they are not refitted. The specification choices Run makes by
// cross-validation (the challenger's aggregation, whether the post-war
// covariates enter) are held at the committed fit's (deter.Default), and
// nothing is cross-validated, so Refit is much cheaper than Run. With an
// empty x it reproduces the committed values and standard errors.
func Refit(ctx context.Context, x Exclusion) (*deter.Coefficients, RefitCounts, error) {
	return RefitAggregation(ctx, x, deter.Default().Aggregation)
}

// RefitAggregation is Refit with the challenger's aggregation over responses
// held at a instead of the committed fit's: Huth's structural chain (and
// what is read off it: the response offset, DIRef) is
// refitted under a, the rest as in Refit. It measures what another form
// would do (docs/assess.md, "A weak guarantor"); it does not choose a form
// and writes nothing: the committed choice stays Run's, by leave-one-out
// log predictive density (docs/fit.md).
func RefitAggregation(ctx context.Context, x Exclusion, a deter.Aggregation) (*deter.Coefficients, RefitCounts, error) {
	var n RefitCounts
	agg, err := deter.ParseAggregation(string(a))
	if err != nil {
		return nil, n, err
	}
	if err := loadRefitData(); err != nil {
		return nil, n, err
	}
	d := &refitData
	committed := deter.Default()
	drop := x.dyadSet()
	dropHuth := map[int]bool{}
	for _, h := range x.Huth {
		dropHuth[h] = true
	}
	c := &deter.Coefficients{Base: map[string]deter.Estimate{}, HR: map[string]deter.Estimate{}}

	ks := make([]Crisis, 0, len(d.crises))
	for _, k := range d.crises {
		if dropHuth[k.ID] {
			n.HuthDropped++
			continue
		}
		ks = append(ks, k)
	}
	n.HuthCrises = len(ks)
	spec := DefaultHuthSpec
	spec.Aggregation = agg
	c.Aggregation = spec.Aggregation
	f, err := FitHuth(ks, spec)
	if err != nil {
		return nil, n, err
	}
	fillHuth(c, f, d.huth)
	c.Post1945 = d.post
	fillBases(c, d.bases, responseOffset(ks, f))
	c.Rho = committed.Rho // FitRho's estimate, unchanged: not keyed by pair
	if err := ctx.Err(); err != nil {
		return nil, n, err
	}

	var sp []Spell
	for _, s := range d.spells {
		if drop[MakePair(s.A, s.B)] {
			n.SpellsDropped++
			continue
		}
		sp = append(sp, s)
	}
	n.Spells = len(sp)
	var dr DurabilityReport
	dr.Data = d.sdata
	if len(d.dir) == 0 {
		// The undirected cure fits give the level only without the directed
		// spells; with them fillDurability takes the directed model's.
		if dr.Fit, err = FitCure(sp); err != nil {
			return nil, n, err
		}
		adopted := committed.DRivalry.Prior == ""
		if adopted {
			if dr.Cov, err = FitCureCov(sp); err != nil {
				return nil, n, err
			}
		}
		dr.CovCV = PostWarCovCV{Adopted: adopted}
	}
	// The directed post-war fit (docs/fit.md, "Post-war hazard slope"):
	// the adopted model refitted without the pairs, x from this refit's
	// Huth γ, c0 and c1 (as the engine with these coefficients computes
	// it), x̄ and a re-estimated.
	c.DIRef = postWarReference(ks, f)
	if len(d.dir) > 0 {
		var dir []Spell
		for _, s := range d.dir {
			if !drop[MakePair(s.A, s.B)] {
				dir = append(dir, s)
			}
		}
		SetNationalIndex(dir, c)
		dr.Directed = d.dirN
		dr.Directed.Directed, dr.Directed.Events = len(dir), 0
		for _, s := range dir {
			if s.Event {
				dr.Directed.Events++
			}
		}
		dr.Directed.Spells -= n.SpellsDropped
		model := SlopeCarry
		if committed.PostWarSlopeFitted() {
			model = SlopeFitted
		}
		dr.SlopeCV = SlopeCV{Adopted: model == SlopeFitted}
		if model == SlopeFitted && committed.DWarWon.Method != "" && committed.DWarWon.Prior == "" {
			// The war outcome adopted (M3): only it is refitted.
			dr.OutcomeCV = OutcomeCV{Adopted: true}
			if dr.Outcome, err = FitSlope(dir, SlopeOutcome, 0, 0); err != nil {
				return nil, n, err
			}
		} else if dr.Slope[model], err = FitSlope(dir, model, c.A1.Value, c.DIRef.Value); err != nil {
			return nil, n, err
		}
	}
	fillDurability(c, dr)
	if err := ctx.Err(); err != nil {
		return nil, n, err
	}

	rows, lag := d.rows, d.lag
	if len(drop) > 0 {
		rows = make([]evidence.GeneralDyadYear, 0, len(d.rows))
		lag = make([][2]float64, 0, len(d.rows))
		for i, r := range d.rows {
			if drop[MakePair(r.A, r.B)] {
				n.DyadYearsDropped++
				continue
			}
			rows = append(rows, r)
			lag = append(lag, d.lag[i])
		}
	}
	n.DyadYears = len(rows)
	g := GeneralReport{From: generalFrom, To: generalTo, DyadYears: len(rows), Data: evidence.HistorySources()}
	for _, r := range rows {
		if r.Onset {
			g.Onsets++
		}
	}
	gf, err := fitGeneral(aggregate(rows, nil))
	if err != nil {
		return nil, n, err
	}
	g.Fit = *gf
	g.Reference = huthReference(ks, f)
	fillGeneral(c, g)
	// The general stage's slope (docs/fit.md, "General-stage slope"): the
	// adopted G1 refitted without the pairs, x from this refit's Huth γ,
	// c0 and c1, b and x̄ re-estimated.
	if GeneralPactAdopted(committed) {
		// G3 adopted (docs/fit.md, "General-stage guarantees"): refitted on
		// x⁺ computed once per process with the committed coefficients.
		all, err := loadRefitPlus(ctx)
		if err != nil {
			return nil, n, err
		}
		plus := all
		if len(drop) > 0 {
			plus = make([]float64, 0, len(rows))
			for i, r := range d.rows {
				if !drop[MakePair(r.A, r.B)] {
					plus = append(plus, all[i])
				}
			}
		}
		gs, err := refitGeneralSlope(rows, lag, c, !x.Empty(), plus)
		if err != nil {
			return nil, n, err
		}
		gp := GeneralPactReport{Adopted: GenG3, Onsets: gs.Onsets}
		gp.Counts.Rows, gp.Fits[1] = gs.DyadYears, gs.Fits[GenG1]
		if err := fillGeneralPact(c, gp, g.Data); err != nil {
			return nil, n, err
		}
	} else if committed.GeneralSlopeFitted() {
		gs, err := refitGeneralSlope(rows, lag, c, !x.Empty(), nil)
		if err != nil {
			return nil, n, err
		}
		gs.Folds = 0
		fillGeneralSlope(c, gs, g.Data)
	} else {
		fillGeneralSlope(c, GeneralSlopeReport{}, g.Data)
	}
	c.DIRef = postWarReference(ks, f)
	fillJudgments(c)
	c.Provenance = committed.Provenance
	c.Provenance.Note = "refitted without " + x.Key() + " (fit.Refit; specification held at the committed fit's)"
	if ca, _ := deter.ParseAggregation(string(committed.Aggregation)); agg != ca {
		c.Provenance.Note = "refitted without " + x.Key() + " under the " + string(agg) + " aggregation (fit.RefitAggregation; a measurement, not the committed choice " + string(ca) + ")"
	}
	if err := c.Validate(); err != nil {
		return nil, n, fmt.Errorf("refit without %s: %w", x.Key(), err)
	}
	return c, n, nil
}
