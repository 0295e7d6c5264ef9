package capability

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/optimize"

	"github.com/guarantor/guarantor/evidence"
)

// WarObs is one decisive COW interstate war reduced to its two sides.
type WarObs struct {
	WarNum   int
	Year     int     // first year of the war
	M1, M2   float64 // summed CINC of side 1 and side 2 members at the war's first year
	Side1Won bool
	N1, N2   int // members with CINC on each side
}

// ContestFit is the maximum-likelihood fit of the contest success
// function's exponent g on war outcomes.
type ContestFit struct {
	G, SE      float64 // estimate and standard error from the observed information
	N          int     // wars used
	LogLik     float64 // at the estimate
	LogLikG1   float64 // at g = 1, the CINC-share convention
	LRg1       float64 // likelihood-ratio statistic for g = 1
	Status     string  // gonum optimize termination status
	Data       string  // data versions used
	Dropped    int     // wars not decisive or without capabilities on a side
	Iterations int
}

// ErrFit reports an optimisation that did not converge to a usable optimum.
var ErrFit = errors.New("capability: maximum-likelihood fit failed")

// WarOutcomes reduces the embedded COW interstate war table to one
// observation per decisive war: a war is decisive when every member coded
// winner (outcome 1) is on one side and at least one member of the other
// side is coded loser (outcome 2); ties, stalemates, transformed and
// side-changing wars are dropped. Each side's capability is the sum of its
// members' CINC in the war's first year (a member without NMC data that
// year contributes nothing; a side with none at all drops the war).
func WarOutcomes(x *Index) (obs []WarObs, dropped int, err error) {
	t, err := evidence.Load("cow_war")
	if err != nil {
		return nil, 0, err
	}
	var c [5][]float64
	for i, n := range []string{"warnum", "ccode1", "year", "sidea1", "outcome1"} {
		if c[i], err = t.Num(n); err != nil {
			return nil, 0, err
		}
	}
	type member struct{ side, outcome int }
	wars := map[int]map[int]member{}
	start := map[int]int{}
	for i := range c[0] {
		w, cc, y := int(c[0][i]), int(c[1][i]), int(c[2][i])
		if wars[w] == nil {
			wars[w], start[w] = map[int]member{}, y
		}
		start[w] = min(start[w], y)
		wars[w][cc] = member{side: int(c[3][i]), outcome: int(c[4][i])}
	}
	nums := make([]int, 0, len(wars))
	for w := range wars {
		nums = append(nums, w)
	}
	sort.Ints(nums)
	for _, w := range nums {
		var won, lost [3]bool
		o := WarObs{WarNum: w, Year: start[w]}
		// Members in ccode order: summing CINC in map order would make the
		// fit, and every assessment using it, differ in the last digits
		// from run to run.
		ccs := make([]int, 0, len(wars[w]))
		for cc := range wars[w] {
			ccs = append(ccs, cc)
		}
		sort.Ints(ccs)
		for _, cc := range ccs {
			m := wars[w][cc]
			if m.side < 1 || m.side > 2 {
				continue
			}
			won[m.side] = won[m.side] || m.outcome == 1
			lost[m.side] = lost[m.side] || m.outcome == 2
			if v, err := x.CINC(cc, o.Year); err == nil {
				if m.side == 1 {
					o.M1, o.N1 = o.M1+v, o.N1+1
				} else {
					o.M2, o.N2 = o.M2+v, o.N2+1
				}
			}
		}
		decisive := (won[1] && !won[2] && lost[2]) || (won[2] && !won[1] && lost[1])
		if !decisive || o.M1 <= 0 || o.M2 <= 0 {
			dropped++
			continue
		}
		o.Side1Won = won[1]
		obs = append(obs, o)
	}
	return obs, dropped, nil
}

// FitContest fits g in P(side 1 wins) = M1^g/(M1^g + M2^g) by maximum
// likelihood. With x = ln(M1/M2) the model is a logit through the origin,
// P = 1/(1+exp(-g x)); the objective is the negative log-likelihood divided
// by n (gonum's optimisers expect objective values of order one), minimised
// by BFGS with the analytic gradient. The standard error is 1/sqrt(I(g)),
// with the observed information I(g) = sum x^2 p (1-p) at the estimate.
func FitContest(obs []WarObs) (ContestFit, error) {
	n := len(obs)
	if n == 0 {
		return ContestFit{}, fmt.Errorf("%w: no observations", ErrFit)
	}
	xs, ys := make([]float64, n), make([]float64, n)
	for i, o := range obs {
		xs[i] = math.Log(o.M1 / o.M2)
		if o.Side1Won {
			ys[i] = 1
		}
	}
	ll := func(g float64) float64 {
		var s float64
		for i, x := range xs {
			// log p = -log(1+exp(-gx)); log(1-p) = -log(1+exp(gx))
			if ys[i] == 1 {
				s -= softplus(-g * x)
			} else {
				s -= softplus(g * x)
			}
		}
		return s
	}
	prob := optimize.Problem{
		Func: func(g []float64) float64 { return -ll(g[0]) / float64(n) },
		Grad: func(grad, g []float64) {
			var s float64
			for i, x := range xs {
				s += (ys[i] - logistic(g[0]*x)) * x
			}
			grad[0] = -s / float64(n)
		},
	}
	res, err := optimize.Minimize(prob, []float64{1}, &optimize.Settings{GradientThreshold: 1e-10}, &optimize.BFGS{})
	if err != nil {
		return ContestFit{}, fmt.Errorf("%w: %v", ErrFit, err)
	}
	if res.Status != optimize.GradientThreshold && res.Status != optimize.FunctionConvergence {
		return ContestFit{}, fmt.Errorf("%w: status %v", ErrFit, res.Status)
	}
	g := res.X[0]
	var info float64
	for _, x := range xs {
		p := logistic(g * x)
		info += x * x * p * (1 - p)
	}
	if !(info > 0) {
		return ContestFit{}, fmt.Errorf("%w: zero information (all capability ratios equal?)", ErrFit)
	}
	f := ContestFit{G: g, SE: 1 / math.Sqrt(info), N: n, LogLik: ll(g), LogLikG1: ll(1),
		Status: res.Status.String(), Iterations: res.Stats.MajorIterations}
	f.LRg1 = 2 * (f.LogLik - f.LogLikG1)
	return f, nil
}

// softplus is log(1+exp(x)) without overflow.
func softplus(x float64) float64 {
	if x > 0 {
		return x + math.Log1p(math.Exp(-x))
	}
	return math.Log1p(math.Exp(x))
}

// FitWarOutcomes runs WarOutcomes and FitContest on the embedded data.
func FitWarOutcomes() (ContestFit, []WarObs, error) {
	x, err := Default()
	if err != nil {
		return ContestFit{}, nil, err
	}
	obs, dropped, err := WarOutcomes(x)
	if err != nil {
		return ContestFit{}, nil, err
	}
	f, err := FitContest(obs)
	if err != nil {
		return ContestFit{}, nil, err
	}
	wd, _ := evidence.DatasetOf("cow_war")
	f.Dropped = dropped
	f.Data = fmt.Sprintf("COW Inter-State War %s; COW NMC %s", wd.Version, x.Version)
	return f, obs, nil
}
