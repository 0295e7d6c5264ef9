package evidence

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/guarantor/guarantor/evidence/internal/glm"
)

const (
	usCode = 2
	// useOfForce is the MID hostility level counted as an onset (4 = use
	// of force, 5 = war).
	useOfForce = 4
	// maxPRDContiguity is the widest contiguity type that makes a dyad
	// politically relevant: 4 = separated by at most 150 miles of water.
	maxPRDContiguity = 4
)

// TripwireOptions set the sample of the tripwire regression.
type TripwireOptions struct {
	From, To int // years (defaults 1950 and 2014: troop data start, MID data end)
}

// TripwireResult is the fitted tripwire regression.
type TripwireResult struct {
	N, Events    int
	From, To     int
	Coefs        []Coefficient
	LogLik       float64
	LogLikNull   float64 // intercept-only
	Sample, Data string
}

// tripwireNames are the regressors, in column order after the intercept.
var tripwireNames = []string{"log1p_us_troops_target", "us_defense_pact_target", "land_contiguity",
	"capability_share_challenger", "rivalry", "peace_t/10", "peace_t^2/100", "peace_t^3/1000"}

// Tripwire fits a logit of militarised dispute onset (hostility level >= 4,
// challenger A on the initiating side, target B on the other) in directed
// dyad-years on log(1 + US active-duty troops in B), an ATOP US-B defence
// pact, land contiguity, A's share of the pair's CINC, an active TSS
// strategic rivalry, and the Carter-Signorino (2010) cubic in peace years.
//
// Sample: directed politically relevant dyads (contiguous by land or up to
// 150 miles of water, or either side a COW major power), neither side the
// US, both in the NMC system, from From to To. Dyad-years with an ongoing
// dispute stay in; missing troop counts are read as zero.
func Tripwire(opt TripwireOptions) (TripwireResult, error) {
	if opt.From == 0 {
		opt.From = 1950
	}
	if opt.To == 0 {
		opt.To = 2014
	}
	if opt.From < 1950 || opt.To > 2014 || opt.From > opt.To {
		return TripwireResult{}, fmt.Errorf("tripwire: years %d-%d: troop data start in 1950 and MIDs end in 2014", opt.From, opt.To)
	}
	d, err := loadSampleData()
	if err != nil {
		return TripwireResult{}, err
	}
	rows := d.build(opt.From, opt.To)
	res := TripwireResult{N: len(rows), From: opt.From, To: opt.To,
		Sample: "directed politically relevant dyad-years (contiguity <= 150 miles of water or a COW major power), US excluded on both sides"}
	X := mat.NewDense(len(rows), len(tripwireNames)+1, nil)
	y := make([]float64, len(rows))
	for i, r := range rows {
		t := r.peace / 10
		X.SetRow(i, []float64{1, math.Log1p(r.troops), b2f(r.usPact), b2f(r.contig), r.capShare, b2f(r.rivalry), t, t * t, t * t * t})
		if r.onset {
			y[i], res.Events = 1, res.Events+1
		}
	}
	fit, err := glm.FitBinary(X, y, glm.Logit)
	if err != nil {
		return TripwireResult{}, fmt.Errorf("tripwire: %w", err)
	}
	res.LogLik = fit.LogLik
	p := float64(res.Events) / float64(res.N)
	res.LogLikNull = float64(res.Events)*math.Log(p) + float64(res.N-res.Events)*math.Log(1-p)
	for j := range fit.Coef {
		z, pv := fit.Z(j)
		name := "(intercept)"
		if j > 0 {
			name = tripwireNames[j-1]
		}
		res.Coefs = append(res.Coefs, Coefficient{Name: name, Estimate: fit.Coef[j], SE: fit.SE[j], Z: z, P: pv, SignMatches: "n/a", Significant05: pv < 0.05})
	}
	res.Data = dataVersions("mid", "us_troops", "atop", "cow_nmc", "cow_states", "rivalries")
	return res, nil
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// build assembles the sample rows; rows lacking CINC for either side are skipped.
func (d *sampleData) build(from, to int) []dyadYear {
	var rows []dyadYear
	for y := from; y <= to; y++ {
		d.eachRelevantDyad(y, d.members[y], func(a, b, ct int, ca, cb float64) {
			if a == usCode || b == usCode {
				return
			}
			rows = append(rows, dyadYear{a: a, b: b, year: y, onset: d.onset[key(a, b, y)],
				troops: d.troops[key(b, 0, y)], usPact: d.usPact[key(b, 0, y)], contig: ct == 1,
				capShare: ca / (ca + cb), rivalry: d.rivalry(a, b, y), peace: d.peaceYears(a, b, y)})
		})
	}
	return rows
}

// eachRelevantDyad calls fn, in the order of ms, for every directed
// politically relevant dyad (a, b) of year y among the states ms (land or
// near-water contiguity, or a major power on either side) whose two CINCs
// are known, with its contiguity code and the two CINCs. The tripwire and
// general-deterrence samples share this definition of the population.
func (d *sampleData) eachRelevantDyad(y int, ms []int, fn func(a, b, contiguity int, ca, cb float64)) {
	for _, a := range ms {
		for _, b := range ms {
			if a == b {
				continue
			}
			ct := d.contiguity(a, b, y)
			if !((ct >= 1 && ct <= maxPRDContiguity) || d.major(a, y) || d.major(b, y)) {
				continue
			}
			ca, cb := d.cinc[key(a, 0, y)], d.cinc[key(b, 0, y)]
			if math.IsNaN(ca) || math.IsNaN(cb) || ca+cb <= 0 {
				continue
			}
			fn(a, b, ct, ca, cb)
		}
	}
}

// dataVersions names the datasets and versions an analysis used.
func dataVersions(names ...string) string {
	s := ""
	for i, n := range names {
		ds, err := DatasetOf(n)
		if err != nil {
			continue
		}
		if i > 0 {
			s += "; "
		}
		s += ds.Title + " " + ds.Version
	}
	return s
}
