package fit

import "math"

// The objective of the post-war slope models (durability_dir.go): the
// negative penalised log-likelihood of the cure Weibull with covariates and
// the index's slope, and its analytic gradient (BFGS with central
// differences needed about five times the time, and the leave-dyad-out
// refits of the backtest run it for every dyad group).

// slopeObjective is the objective of one fit: θ = (logit pc, ln K, ln Λ,
// δ on the standardised covariates z, and, when free, the standardised
// slope b); a held slope is fixed.
type slopeObjective struct {
	sp    []Spell
	z     [][]float64 // standardised covariates: the dyad's three, then the war outcome's two (M3)
	m     int
	zx    []float64 // (x − reference) / the prior's scale
	fixed float64   // the held standardised slope
	free  bool
	prior bool // the slope's half-Cauchy enters (M1, free or held)
	// off is a held δ_pact's term per spell (M4's profile points), and
	// offPrior its log-prior.
	off      []float64
	offPrior float64
}

func (f *SlopeFit) newObjective(sp []Spell, free bool) *slopeObjective {
	const m = NumPostWarCovariates
	centre, scale := covariateScales(sp)
	outCentre := outcomeCentres(sp)
	pc := pactCentre(sp)
	bc := bilCentre(sp)
	o := &slopeObjective{sp: sp, m: f.numCov(), z: make([][]float64, len(sp)), zx: make([]float64, len(sp)),
		fixed: f.Slope * f.XScale, free: free, prior: f.Model == SlopeFitted || f.Model.hasOutcome()}
	for i, s := range sp {
		o.z[i] = make([]float64, o.m)
		for j := range m {
			o.z[i][j] = (s.X[j] - centre[j]) / scale[j]
		}
		for j := m; j < o.m && j < m+NumOutcomes; j++ { // binary: centred, scale 1
			o.z[i][j] = s.Out[j-m] - outCentre[j-m]
		}
		if o.m == m+NumOutcomes+1 { // M4's or M5's indicator: binary, centred, scale 1
			o.z[i][o.m-1] = s.Pact - pc
			if f.Model == SlopeBilateral {
				o.z[i][o.m-1] = s.Bil - bc
			}
		}
		o.zx[i] = (s.Index - f.Ref) / f.XScale
	}
	if f.Model == SlopePact && f.pactHeld {
		o.off = make([]float64, len(sp))
		for i, s := range sp {
			o.off[i] = f.PactCoef * (s.Pact - pc)
		}
		o.offPrior = logCauchy(f.PactCoef, 2.5)
	}
	return o
}

// objective exposes the negative penalised log-likelihood, its gradient and
// the number of parameters (for tests).
func (f *SlopeFit) objective(sp []Spell, free bool) (func([]float64) float64, func(g, th []float64), int) {
	o := f.newObjective(sp, free)
	n := 3 + f.numCov()
	if free {
		n++
	}
	return o.nlp, o.grad, n
}

// llAt is the log-likelihood at θ with the standardised slope b.
func (o *slopeObjective) llAt(th []float64, b float64) float64 {
	m := o.m
	pc, k, lam := logistic(th[0]), math.Exp(th[1]), math.Exp(th[2])
	var ll float64
	for i, s := range o.sp {
		e := -b * o.zx[i]
		for j := range m {
			e += th[3+j] * o.z[i][j]
		}
		if o.off != nil {
			e += o.off[i]
		}
		ll += spellLogLikStable(s, pc, k, lam, e)
	}
	return ll
}

func (o *slopeObjective) slope(th []float64) float64 {
	if o.free {
		return th[3+o.m]
	}
	return o.fixed
}

func (o *slopeObjective) loglik(th []float64) float64 { return o.llAt(th, o.slope(th)) }

// nlp is −(log-likelihood + log-prior): Cauchy(0, 2.5) on each δ and, for
// M1, on the standardised slope (restricted to ≥ 0 by FitSlope).
func (o *slopeObjective) nlp(th []float64) float64 {
	v := -o.loglik(th) - o.offPrior
	if o.prior {
		v -= logCauchy(o.slope(th), 2.5)
	}
	for j := range o.m {
		v -= logCauchy(th[3+j], 2.5)
	}
	if math.IsNaN(v) {
		return math.Inf(1)
	}
	return v
}

// grad writes the gradient of nlp into g.
func (o *slopeObjective) grad(g, th []float64) {
	m := o.m
	b := o.slope(th)
	for i := range g {
		g[i] = 0
	}
	pc, k, lnLam := logistic(th[0]), math.Exp(th[1]), th[2]
	var gb float64
	for i, s := range o.sp {
		e := -b * o.zx[i]
		for j := range m {
			e += th[3+j] * o.z[i][j]
		}
		if o.off != nil {
			e += o.off[i]
		}
		// dL/dθ0 and dL/du for the log-hazard arguments u of H(t−1) and
		// H(t), then the chain rule: du/d ln K = K (ln t − ln Λ), du/d ln Λ
		// = −K, du/dδ_j = z_j, du/db = −zx.
		d0, dh0, dh1, v0, v1 := spellLogLikGrad(s, pc, k, lnLam, e)
		du := dh0 + dh1
		g[0] -= d0
		g[1] -= dh0*k*v0 + dh1*k*v1
		g[2] += k * du
		for j := range m {
			g[3+j] -= du * o.z[i][j]
		}
		gb += du * o.zx[i]
	}
	for j := range m {
		g[3+j] -= dLogCauchy(th[3+j], 2.5)
	}
	if o.free {
		g[3+m] = gb - dLogCauchy(th[3+m], 2.5)
	}
}

// spellLogLikStable is spellLogLikHR with the log hazard ratio e, computed
// without cancellation: the index moves the hazard by many orders of
// magnitude here (e below −15 for M0's strongest protégés), where
// S(t−1) − S(t) as a difference of two numbers near 1 loses every digit
// and the numerical gradient with them. With H(t) = (t/Λ)^K e^e,
// S(t−1) − S(t) = (1 − pc) e^{−H(t−1)} (−expm1(−(H(t) − H(t−1)))) and
// S(t) = 1 − (1 − pc)(−expm1(−H(t))).
func spellLogLikStable(x Spell, pc, k, lam, e float64) float64 {
	t := float64(x.Years)
	H := func(t float64) float64 {
		if t <= 0 {
			return 0
		}
		return math.Exp(k*math.Log(t/lam) + e)
	}
	if x.Event {
		h0, h1 := H(t-1), H(t)
		return math.Log(math.Max((1-pc)*math.Exp(-h0)*-math.Expm1(-(h1-h0)), 1e-300))
	}
	return math.Log(math.Max(1+(1-pc)*math.Expm1(-H(t)), 1e-300))
}

// spellLogLikGrad is the gradient of spellLogLikStable: d0 = dL/dθ0 (θ0 the
// logit of pc), dh0 and dh1 = dL/du for u = ln H(t−1) and ln H(t) (so
// dL/du = H dL/dH), and v0, v1 = ln(t−1) − ln Λ and ln t − ln Λ, the
// derivatives of u/k in ln k's chain rule. Where the likelihood is floored
// (1e-300) the gradient is taken as 0.
func spellLogLikGrad(x Spell, pc, k, lnLam, e float64) (d0, dh0, dh1, v0, v1 float64) {
	t := float64(x.Years)
	v1 = math.Log(t) - lnLam
	h1 := math.Exp(k*v1 + e)
	if x.Event {
		var h0 float64
		if t > 1 {
			v0 = math.Log(t-1) - lnLam
			h0 = math.Exp(k*v0 + e)
		}
		q := -math.Expm1(-(h1 - h0)) // 1 − e^{−D}
		if (1-pc)*math.Exp(-h0)*q <= 1e-300 {
			return 0, 0, 0, v0, v1
		}
		r := math.Exp(-(h1 - h0)) / q // e^{−D} / (1 − e^{−D})
		return -pc, h0 * (-1 - r), h1 * r, v0, v1
	}
	em := math.Expm1(-h1)
	S := 1 + (1-pc)*em
	if S <= 1e-300 {
		return 0, 0, 0, 0, v1
	}
	return -pc * (1 - pc) * em / S, 0, h1 * (-(1 - pc) * math.Exp(-h1) / S), 0, v1
}
