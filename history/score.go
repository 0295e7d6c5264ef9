package history

import (
	"errors"
	"fmt"
	"math"
)

// LogLossClip bounds forecasts away from 0 and 1 in the log loss, so that a
// certain forecast that misses costs log(100) rather than infinity. It is
// applied to every forecaster alike, the "always deterred" baseline
// included.
const LogLossClip = 0.01

// Case is one scored history case: the model's forecast P(deterrence
// holds) as of the case's start, and what happened (1 held, 0 failed).
type Case struct {
	Name, File string
	Year       int
	P          float64
	Outcome    int
	Ongoing    bool // held to date, still open
	// Group is the case's dyad (DyadKey of challenger and protege):
	// cross-validation leaves the whole group out when it forecasts one of
	// its cases. "" makes the case its own group.
	Group string
	// X holds the case's ex-ante features (FeatureNames), read by the logit
	// baseline of Validate.
	X []float64
	// Overlap names an observation of the engine's fitting data between
	// the same states during the case's spell (a Huth 1988 crisis:
	// HuthCrisis), "" for none.
	Overlap string
	// Spell is the case's survival observation (years from its start to
	// the failure, or to the end of what was observed), when the file
	// gives its years held (HasSpell); S holds the engine's P(no attack
	// within t years) at each horizon of the survival validation
	// (SurvivalConfig.Horizons), read by ValidateSurvival.
	Spell    Spell
	HasSpell bool
	S        []float64
	// Unscored marks a case that trains but is not scored (backtest
	// --score): it enters every leave-dyad-out baseline fitted for the
	// other dyads and the censoring distribution of the survival block,
	// exactly as in a run that scores it, but no score, interval,
	// calibration bin or case list includes it. It needs no engine
	// forecast (P, S). A scored case's contribution is therefore the one
	// it has when every case is scored.
	Unscored bool
}

// Score is a forecaster's Brier score and log loss (natural log).
type Score struct {
	Name           string
	Brier, LogLoss float64
}

// Bin is one row of a calibration table.
type Bin struct {
	Lo, Hi   float64
	N        int
	MeanP    float64 // mean forecast in the bin
	Observed float64 // share of cases where deterrence held
}

// Backtest holds the scores of the model and its baselines.
type Backtest struct {
	Cases       []Case
	Scores      []Score // the model, the leave-one-out base rate, "always deterred"
	Calibration []Bin
	BaseRate    float64 // share of cases where deterrence held
	// Closed scores the same forecasters on the closed cases only (open
	// "held to date" cases left out, since their outcome may still
	// change); its base rate is that of the closed cases, leave-one-out.
	Closed         []Score
	NClosed        int
	ClosedBaseRate float64
}

// MaxBins bounds the calibration table: with a few dozen cases more bins
// than this say nothing, and an unbounded count would let a typo allocate
// without limit.
const MaxBins = 100

// ErrNoCases reports a backtest without scored cases.
var ErrNoCases = errors.New("backtest: no cases with a known outcome")

// Evaluate scores the forecasts against the outcomes and two baselines:
// the empirical base rate (leave-one-out, so a case never predicts itself)
// and "always deterred" (P = 1). bins is the number of equal-width
// calibration bins.
func Evaluate(cases []Case, bins int) (Backtest, error) {
	if bins < 1 || bins > MaxBins {
		return Backtest{}, fmt.Errorf("bins must be between 1 and %d, not %d", MaxBins, bins)
	}
	var cs []Case
	held := 0
	for _, c := range cases {
		if c.Outcome == 0 || c.Outcome == 1 {
			cs = append(cs, c)
			held += c.Outcome
		}
	}
	if len(cs) == 0 {
		return Backtest{}, ErrNoCases
	}
	b := Backtest{Cases: cs}
	b.Scores, b.BaseRate = score(cs)
	var closed []Case
	for _, c := range cs {
		if !c.Ongoing {
			closed = append(closed, c)
		}
	}
	if b.NClosed = len(closed); b.NClosed > 0 {
		b.Closed, b.ClosedBaseRate = score(closed)
	}
	b.Calibration = calibrate(cs, bins)
	return b, nil
}

// score gives the model's, the leave-one-out base rate's and "always
// deterred"'s scores on cs (every outcome known), and the base rate.
func score(cs []Case) ([]Score, float64) {
	n, held := len(cs), 0
	for _, c := range cs {
		held += c.Outcome
	}
	rate := float64(held) / float64(n)
	model, base, always := Score{Name: "model"}, Score{Name: "base rate (leave-one-out)"}, Score{Name: "always deterred"}
	for _, c := range cs {
		y := float64(c.Outcome)
		loo := rate
		if n > 1 {
			loo = (float64(held) - y) / float64(n-1)
		}
		for _, s := range []struct {
			sc *Score
			p  float64
		}{{&model, c.P}, {&base, loo}, {&always, 1}} {
			s.sc.Brier += (s.p - y) * (s.p - y) / float64(n)
			s.sc.LogLoss += logLoss(s.p, y) / float64(n)
		}
	}
	return []Score{model, base, always}, rate
}

func logLoss(p, y float64) float64 {
	p = math.Min(math.Max(p, LogLossClip), 1-LogLossClip)
	return -(y*math.Log(p) + (1-y)*math.Log(1-p))
}

func calibrate(cs []Case, bins int) []Bin {
	out := make([]Bin, bins)
	for i := range out {
		out[i].Lo, out[i].Hi = float64(i)/float64(bins), float64(i+1)/float64(bins)
	}
	for _, c := range cs {
		k := min(int(c.P*float64(bins)), bins-1)
		out[k].N++
		out[k].MeanP += c.P
		out[k].Observed += float64(c.Outcome)
	}
	for i := range out {
		if out[i].N > 0 {
			out[i].MeanP /= float64(out[i].N)
			out[i].Observed /= float64(out[i].N)
		}
	}
	return out
}
