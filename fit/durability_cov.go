package fit

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/guarantor/guarantor/evidence"
)

// Post-war durability with dyad covariates (docs/fit.md, "Durability with
// dyad covariates (pre-registered)"): the cure Weibull with a
// proportional-hazards term on the non-cured hazard,
//
//	S(t) = pc + (1 − pc) exp(−(t/Λ)^K e^η),  η = Σ_j δ_j (x_j − x̄_j),
//
// x = (rivalry, contiguity, ln(1 + earlier wars)) as of the war's last
// year (evidence.PostWarDyad), x̄ the spell-sample means, Cauchy(0, 2.5)
// on each δ on Gelman et al.'s (2008) standardised scale, PC0, ln K and
// ln Λ flat.

// NumPostWarCovariates is the number of post-war dyad covariates.
const NumPostWarCovariates = 3

// PostWarCovNames are the covariates in Spell.X order.
var PostWarCovNames = [NumPostWarCovariates]string{"rivalry", "contiguous", "ln(1 + earlier wars)"}

// postWarCovX is the covariate vector of a post-war history.
func postWarCovX(h evidence.PostWarHistory) [NumPostWarCovariates]float64 {
	b := func(v bool) float64 {
		if v {
			return 1
		}
		return 0
	}
	return [NumPostWarCovariates]float64{b(h.Rivalry), b(h.Contiguous), math.Log1p(float64(h.EarlierWars))}
}

// AddPostWarCovariates fills each spell's X from the pair's history as of
// the war's last year.
func AddPostWarCovariates(sp []Spell) error {
	for i := range sp {
		h, err := evidence.PostWarDyad(sp[i].A, sp[i].B, sp[i].End)
		if err != nil {
			return fmt.Errorf("spell %d-%d after war %d: %w", sp[i].A, sp[i].B, sp[i].WarNum, err)
		}
		sp[i].X = postWarCovX(h)
	}
	return nil
}

// CureCovFit is the cure Weibull with covariates.
type CureCovFit struct {
	PC0, K, Lambda    float64
	SEPC0, SEK, SELam float64
	// Coef and SE are δ on the covariates' own scales; Centre the sample means.
	Coef, SE, Centre [NumPostWarCovariates]float64
	// Scale is the standardisation (1 for binary inputs, 2 SD otherwise).
	Scale     [NumPostWarCovariates]float64
	LogLik    float64 // log-likelihood (without the prior) at the mode
	N, Events int
	Status    string
}

// eta is the covariate term δ'(x − x̄) of a spell.
func (f *CureCovFit) eta(x [NumPostWarCovariates]float64) float64 {
	var s float64
	for j := range x {
		s += f.Coef[j] * (x[j] - f.Centre[j])
	}
	return s
}

// LogLik is the interval-censored log-likelihood of one spell under the fit.
func (f *CureCovFit) SpellLogLik(s Spell) float64 {
	return spellLogLikHR(s, logistic(f.PC0), f.K, f.Lambda, math.Exp(f.eta(s.X)))
}

// cureSurvHR is pc + (1-pc) exp(-(t/lambda)^k hr).
func cureSurvHR(t, pc, k, lam, hr float64) float64 {
	if t <= 0 {
		return 1
	}
	return pc + (1-pc)*math.Exp(-math.Pow(t/lam, k)*hr)
}

func spellLogLikHR(x Spell, pc, k, lam, hr float64) float64 {
	t := float64(x.Years)
	if x.Event {
		return math.Log(math.Max(cureSurvHR(t-1, pc, k, lam, hr)-cureSurvHR(t, pc, k, lam, hr), 1e-300))
	}
	return math.Log(math.Max(cureSurvHR(t, pc, k, lam, hr), 1e-300))
}

// FitCureCov fits the cure Weibull with the covariates in Spell.X.
func FitCureCov(sp []Spell) (CureCovFit, error) {
	const m = NumPostWarCovariates
	f := CureCovFit{N: len(sp)}
	if len(sp) == 0 {
		return f, fmt.Errorf("cure Weibull with covariates: no spells")
	}
	for _, s := range sp {
		if s.Event {
			f.Events++
		}
	}
	for j := range m {
		binary := true
		for _, s := range sp {
			f.Centre[j] += s.X[j] / float64(len(sp))
			binary = binary && (s.X[j] == 0 || s.X[j] == 1)
		}
		f.Scale[j] = 1
		if !binary {
			var v float64
			for _, s := range sp {
				v += (s.X[j] - f.Centre[j]) * (s.X[j] - f.Centre[j])
			}
			if sd := math.Sqrt(v / float64(len(sp))); sd > 0 {
				f.Scale[j] = 2 * sd
			}
		}
	}
	z := make([][m]float64, len(sp))
	for i, s := range sp {
		for j := range m {
			z[i][j] = (s.X[j] - f.Centre[j]) / f.Scale[j]
		}
	}
	loglik := func(th []float64) float64 {
		pc, k, lam := logistic(th[0]), math.Exp(th[1]), math.Exp(th[2])
		var ll float64
		for i, s := range sp {
			var e float64
			for j := range m {
				e += th[3+j] * z[i][j]
			}
			ll += spellLogLikHR(s, pc, k, lam, math.Exp(e))
		}
		return ll
	}
	nlp := func(th []float64) float64 {
		v := -loglik(th)
		for j := range m {
			v -= logCauchy(th[3+j], 2.5)
		}
		if math.IsNaN(v) {
			return math.Inf(1)
		}
		return v
	}
	start := []float64{0, 0, math.Log(20), 0, 0, 0}
	sol, err := Minimize(Objective{N: len(sp), NegLogPost: nlp}, start)
	if err != nil {
		return f, fmt.Errorf("cure Weibull with covariates: %w", err)
	}
	f.PC0, f.K, f.Lambda = sol.Theta[0], math.Exp(sol.Theta[1]), math.Exp(sol.Theta[2])
	f.SEPC0, f.SEK, f.SELam = sol.SE[0], f.K*sol.SE[1], f.Lambda*sol.SE[2]
	for j := range m {
		f.Coef[j], f.SE[j] = sol.Theta[3+j]/f.Scale[j], sol.SE[3+j]/f.Scale[j]
	}
	f.LogLik, f.Status = loglik(sol.Theta), sol.Status
	return f, nil
}

// PostWarCovCV is the pre-registered comparison: k-fold cross-validation
// with folds of undirected dyads, both models refitted on each training set.
type PostWarCovCV struct {
	Folds, Dyads int
	Seed         uint64
	// Covariates and Plain are the summed held-out log-likelihoods.
	Covariates, Plain float64
	// SE is the standard error of the summed difference (from the per-dyad
	// differences).
	SE      float64
	Adopted bool // Covariates > Plain: the pre-registered rule
}

// crossValidatePostWarCov runs the pre-registered comparison.
func crossValidatePostWarCov(sp []Spell, folds int, seed uint64) (PostWarCovCV, error) {
	dyad := func(s Spell) int64 { return int64(s.A)*10000 + int64(s.B) }
	var keys []int64
	seen := map[int64]bool{}
	for _, s := range sp {
		if k := dyad(s); !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	cv := PostWarCovCV{Folds: folds, Seed: seed, Dyads: len(keys)}
	if folds < 2 || folds > len(keys) {
		return cv, fmt.Errorf("post-war covariate CV: %d folds for %d dyads", folds, len(keys))
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	rng.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	fold := map[int64]int{}
	for i, k := range keys {
		fold[k] = i % folds
	}
	diff := map[int64]float64{}
	for f := range folds {
		var train []Spell
		for _, s := range sp {
			if fold[dyad(s)] != f {
				train = append(train, s)
			}
		}
		cf, err := FitCureCov(train)
		if err != nil {
			return cv, fmt.Errorf("fold %d of %d: %w", f+1, folds, err)
		}
		pf, err := FitCure(train)
		if err != nil {
			return cv, fmt.Errorf("fold %d of %d: %w", f+1, folds, err)
		}
		for _, s := range sp {
			if fold[dyad(s)] != f {
				continue
			}
			a := cf.SpellLogLik(s)
			b := spellLogLik([]Spell{s}, logistic(pf.PC0), pf.K, pf.Lambda)
			cv.Covariates += a
			cv.Plain += b
			diff[dyad(s)] += a - b
		}
	}
	var mean, ss float64
	for _, d := range diff {
		mean += d / float64(len(diff))
	}
	for _, d := range diff {
		ss += (d - mean) * (d - mean)
	}
	n := float64(len(diff))
	cv.SE = math.Sqrt(n * ss / (n - 1))
	cv.Adopted = cv.Covariates > cv.Plain
	return cv, nil
}
