package assess

import (
	"math"

	"github.com/guarantor/guarantor/deter"
	"github.com/guarantor/guarantor/uncertainty"
)

// swork is one worker's scratch space for the structural engine, sized at
// compile time, so that a draw allocates nothing.
type swork struct {
	x    []float64
	coef deter.Coefficients // the draw's coefficient values (only the scalars the equations read)
	q    []float64          // per guarantor P(responds)
	t    []float64          // per guarantor Φ⁻¹(q)
	fg   []float64          // per guarantor force
	pwin []float64          // per guarantor P(g and protege prevail)
	idx  [][]float64        // per guarantor response index terms (explain)
	// trace asks evalPhase to fill idx (explain only: the terms cost six
	// logarithms a draw that the Monte Carlo run does not need).
	trace bool
	fS    []float64 // per subset F_S = F_P + Σ_{g∈S} F_g
	pz    []float64 // per guarantor P(responds | common factor)
	pi    []float64 // per subset challenger's P(prevail)
	cost  []float64 // per subset C_S
	lnC   []float64 // per subset ln C_S
	umb   []bool    // per subset: a declared umbrella holder responds
	pS    []float64 // per subset P(exactly S responds)
	sq    []float64 // per subset P(status quo | S seen) under the informed form (explain)
	node  []float64 // per subset, one quadrature node
	// xalpha is the draw's challenger-covariate term x'α (general
	// deterrence; 0 otherwise): x is fixed per option, α drawn.
	xalpha float64
	ph     []phaseOut
	out    sdraw
}

// phaseOut is one phase's result in a draw.
type phaseOut struct {
	psq, index, hr float64
	// The phase's cure Weibull: cured share pc and the multiplier hz of
	// (T/Λ)^K (the mechanisms' hazard ratio, times e^−z after a war);
	// z is the post-war relative index A1 (ln C̄ − ln Π − x_ref), 0 otherwise;
	// x is ln C̄ − ln Π.
	pc, hz, z, x float64
	// After a war, the protégé's direction P→C (docs/assess.md, "Renewal
	// by either party"): its cured share pcR and hazard multiplier hzR
	// (the ceasefire's own mechanisms × e^η with the war outcome swapped;
	// the index at the reference). 1 and 0 off the post-war stage.
	pcR, hzR float64
}

// sdraw is one draw's result.
type sdraw struct {
	PSQ      float64 // P(status quo) at the assessment date
	Pi, Cbar float64 // Π and C̄ (E_R[π_S], E_R[C_S] under the expected aggregation)
	Index    float64 // deterrence index DI (the expected form's A0 + A1 x under the informed form)
	AnyFight float64 // P(some guarantor responds)
	CanWin   float64 // P(the challenger loses | some respond)
	PWinAll  float64 // P(protege and every guarantor prevail)
	FC, FP   float64 // challenger's and protege's forces
	HR       float64 // hazard ratio of the mechanisms at the assessment date
	horizon  float64 // the draw's horizon, years
}

func (s *structural) newWork() *swork {
	n, m := s.n, 1<<s.n
	w := &swork{x: append([]float64(nil), s.point...), q: make([]float64, n), t: make([]float64, n), fg: make([]float64, n),
		pwin: make([]float64, n), pz: make([]float64, n), fS: make([]float64, m), pi: make([]float64, m), cost: make([]float64, m), lnC: make([]float64, m),
		umb: make([]bool, m), pS: make([]float64, m), sq: make([]float64, m), node: make([]float64, m), ph: make([]phaseOut, len(s.phases))}
	for range n {
		w.idx = append(w.idx, make([]float64, 8))
	}
	return w
}

// mix64 is SplitMix64's finaliser (Steele, Lea and Flood 2014).
func mix64(z uint64) uint64 {
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// unit is the uniform in (0, 1) of input key in draw i under seed: a
// counter-based stream, so that an input's draws depend only on (seed,
// draw, its name). Adding or removing other inputs (a guarantor, a
// signal) leaves them unchanged: common random numbers across options.
func unit(seed, draw, key uint64) float64 {
	z := mix64(seed*0x9e3779b97f4a7c15 ^ mix64(key+draw*0xd1b54a32d192ed03))
	return (float64(z>>11) + 0.5) / (1 << 53)
}

// inputSampler draws an input in the hot path. A (truncated) normal goes
// by its quantile function with the tabulated Φ⁻¹: the same inverse-CDF
// sample as uncertainty.Dist's, to interpolation error, several times
// faster. Uniform and triangular
// inputs take uncertainty.Dist.Quantile's own formulas inline (the same
// values, without its call and clamps: u is already in (0, 1)).
type inputSampler struct {
	ok             bool
	mean, sd       float64
	cdfLo, cdfSpan float64 // Φ of the truncation bounds
	kind           uncertainty.Kind
	lo, mode, hi   float64 // uniform and triangular
}

func newInputSampler(d uncertainty.Dist) inputSampler {
	switch d.Kind {
	case uncertainty.Uniform, uncertainty.Triangular:
		return inputSampler{kind: d.Kind, lo: d.Min, mode: d.Mode, hi: d.Max}
	}
	if d.Kind != uncertainty.Normal {
		return inputSampler{}
	}
	lo, hi := 0.0, 1.0
	if d.Min < d.Max {
		lo, hi = 0.5*math.Erfc(-(d.Min-d.Mean)/d.SD/math.Sqrt2), 0.5*math.Erfc(-(d.Max-d.Mean)/d.SD/math.Sqrt2)
	}
	return inputSampler{ok: true, mean: d.Mean, sd: d.SD, cdfLo: lo, cdfSpan: hi - lo, kind: uncertainty.Normal}
}

// sample fills w.x for draw i; fixed >= 0 overrides that slot.
func (s *structural) sample(w *swork, seed, draw uint64, fixed int, val float64) {
	for _, i := range s.random {
		u := unit(seed, draw, s.keys[i])
		f := &s.fast[i]
		switch {
		case f.ok:
			w.x[i] = f.mean + f.sd*normQuantile(f.cdfLo+u*f.cdfSpan)
		case f.kind == uncertainty.Uniform:
			w.x[i] = f.lo + u*(f.hi-f.lo)
		case f.kind == uncertainty.Triangular:
			wd := f.hi - f.lo
			if u < (f.mode-f.lo)/wd {
				w.x[i] = f.lo + math.Sqrt(u*wd*(f.mode-f.lo))
			} else {
				w.x[i] = f.hi - math.Sqrt((1-u)*wd*(f.hi-f.mode))
			}
		default:
			w.x[i] = s.dists[i].Quantile(u)
		}
	}
	if fixed >= 0 {
		w.x[fixed] = val
	}
}

// strength reads one side's force in the theatre.
func (s *structural) strength(x []float64, f force, k, tau float64) float64 {
	v := 0.0
	if f.troops >= 0 {
		v = max(x[f.troops], 0)
		if f.arrival >= 0 && tau > 0 {
			if a := x[f.arrival]; a > 0 { // forces already in the theatre need no discount
				v *= math.Exp(-a / tau)
			}
		}
	}
	if f.cinc >= 0 {
		v += max(x[f.cinc], 0) * clamp01(x[f.deploy]) * k
	}
	return v
}

// eval computes the draw in w.x: every phase's deterrence, and the
// assessment date's summary in w.out.
func (s *structural) eval(w *swork) {
	s.setCoef(w)
	// Last phase first: each phase is computed on its own (w.ph[p]), but the
	// per-guarantor work (q, P(win), forces, responding sets) is overwritten
	// by each; ending on phase 0 leaves the assessment date's, which every
	// per-guarantor output reports beside P(deterrence) (held-out file 23:
	// P(fights) was the last phase's, below P(some guarantor fights)).
	for p := len(s.phases) - 1; p >= 0; p-- {
		s.evalPhase(w, p)
	}
	if s.horizon >= 0 {
		w.out.horizon = w.x[s.horizon]
	}
}

// evalPSQ computes only what P(status quo) at the assessment date needs:
// phase 0 (the later phases feed durability alone).
func (s *structural) evalPSQ(w *swork) float64 {
	s.setCoef(w)
	s.evalPhase(w, 0)
	return w.out.PSQ
}

// setCoef reads the draw's coefficient values from w.x into w.coef.
func (s *structural) setCoef(w *swork) {
	x, c := w.x, &w.coef
	cs := &s.coef
	set := func(e *deter.Estimate, i int) {
		if i >= 0 {
			e.Value = x[i]
		} else {
			e.Value = 0
		}
	}
	set(&c.BT, cs.bt)
	set(&c.BE, cs.be)
	set(&c.BA, cs.ba)
	set(&c.BD, cs.bd)
	set(&c.Post1945, cs.post)
	set(&c.Gamma, cs.gamma)
	set(&c.C0, cs.c0)
	set(&c.C1, cs.c1)
	set(&c.CN, cs.cn)
	set(&c.A0, cs.a0)
	set(&c.A1, cs.a1)
	set(&c.AGeneral, cs.ag)
	if cs.gsl >= 0 {
		// The general stage's own slope (deter.GeneralLogit reads it when
		// GeneralSlopeFitted): the draw's values, marked as fitted since
		// w.coef carries only the scalars.
		set(&c.GenSlope, cs.gsl)
		set(&c.GenRef, cs.gref)
		c.GenSlope.Method, c.GenSlope.Prior = drawnFitted, ""
	}
	set(&c.K, cs.k)
	set(&c.Lambda, cs.lambda)
	set(&c.PC0, cs.pc0)
	set(&c.PC1, cs.pc1)
	if s.postwar {
		// The post-war slope and reference: the fitted pair, or A1 and
		// di_ref (cs.pwa, cs.xref). Into their own fields: A1 stays the
		// crisis decision's, which the exported game's valuation scale reads.
		// Marked as fitted, as GenSlope above, so that
		// deter.Coefficients.PostWarSlope reads this pair.
		set(&c.PWSlope, cs.pwa)
		set(&c.PWRef, cs.xref)
		c.PWSlope.Method, c.PWSlope.Prior = drawnFitted, ""
	}
	w.xalpha = 0
	if s.general {
		w.xalpha = s.gen.term(x)
	}
}

// durabilityOnly reports whether input i enters only durability (the cure
// Weibull, the mechanisms' hazard ratios, the horizon), so that P(status
// quo) at the assessment date does not depend on it.
func (s *structural) durabilityOnly(i int) bool {
	cs := &s.coef
	if i == s.horizon {
		return true
	}
	if s.postwar {
		// After a war P(deterrence) is the cure Weibull's first year:
		// every durability input of phase 0 moves it (s1Only); a later
		// phase's mechanism does not.
		if s.s1Only(i) {
			return false
		}
		for _, ph := range s.phases[1:] {
			for _, h := range ph.hr {
				if h == i {
					return true
				}
			}
		}
		return false
	}
	if i == cs.k || i == cs.lambda || i == cs.pc0 || i == cs.pc1 {
		return true
	}
	for _, ph := range s.phases {
		for _, h := range ph.hr {
			if h == i {
				return true
			}
		}
	}
	return false
}

// evalPhase is MODEL.md §3 for one phase.
func (s *structural) evalPhase(w *swork, p int) {
	x, c, ph := w.x, &w.coef, &s.phases[p]
	cs := &s.coef
	tau := 0.0
	if cs.tau >= 0 {
		tau = x[cs.tau]
	}
	// Forces. The national fallback converts capability into troops at the
	// challenger's rate (k), or is the unit itself when no side gives troops.
	k := 1.0
	if s.ch.troops >= 0 && s.ch.cinc >= 0 {
		if den := max(x[s.ch.cinc], 0) * clamp01(x[s.ch.deploy]); den > 0 {
			k = max(x[s.ch.troops], 0) / den
		}
	}
	fc := s.strength(x, force{s.ch.troops, s.ch.arrival, -1, -1}, k, tau)
	if s.ch.troops < 0 {
		fc = s.strength(x, s.ch, 1, tau)
	}
	fp := s.strength(x, s.pr, k, tau)
	if len(ph.arms) > 0 {
		arms := 0.0
		for _, a := range ph.arms {
			arms += max(x[a], 0)
		}
		fp *= 1 + max(x[cs.arms], 0)*arms
	}
	n := s.n
	for i := range n {
		g := &ph.g[i]
		f := s.strength(x, s.gforce[i], k, tau)
		if s.ch.troops >= 0 { // troops in place count only in a theatre measured in troops
			for _, t := range g.inPlace {
				f += max(x[t], 0)
			}
		}
		w.fg[i] = f
	}
	// Every responding set's force, challenger's P(prevail) and cost of war.
	gamma := x[cs.gamma]
	w.fS[0], w.umb[0] = fp, false
	for i := range n {
		h := 1 << i
		for sub := range h {
			w.fS[sub|h] = w.fS[sub] + w.fg[i]
			w.umb[sub|h] = w.umb[sub] || ph.g[i].umbrella
		}
	}
	lnFC := fastLog(fc)
	for sub := range 1 << n {
		w.pi[sub], w.lnC[sub] = contestLogCost(c, fc, lnFC, w.fS[sub], gamma, w.umb[sub])
		w.cost[sub] = fastExp(w.lnC[sub])
	}
	// Responses.
	shift := 0.0
	if cs.shift >= 0 {
		shift = x[cs.shift]
	}
	for i := range n {
		g := &ph.g[i]
		// The strongest instrument's base, each with its own era term
		// (deter: Post1945 applies to the alliance instruments only).
		base, era := math.Inf(-1), 0.0
		for _, b := range g.bases {
			e := 0.0
			if s.post && b.era {
				e = c.Post1945.Value
			}
			if v := x[b.slot] + e; v > base {
				base, era = v, e
			}
		}
		for _, b := range g.probs {
			if v := deter.Logit(min(max(x[b], 1e-9), 1-1e-9)); v > base {
				base, era = v, 0
			}
		}
		troops := 0.0
		for _, t := range g.troops {
			e := max(x[t.n], 0) * clamp01(x[t.share])
			if t.rot >= 0 {
				e *= clamp01(x[t.rot])
			}
			troops += e
		}
		stake := 0.0 // per cent of the guarantor's foreign trade (the units BE was fitted on)
		for _, st := range g.stake {
			stake += max(x[st], 0)
		}
		if stake > 0 {
			stake *= 100 / max(x[cs.trade], 1e-9)
		}
		aud := 0.0
		if g.public {
			aud = g.democ
			if aud < 0 {
				aud = clamp01(x[cs.dem])
			}
		}
		lr := 0.0
		for _, sg := range g.signals {
			lr += fastLog(max(x[sg], 1e-300))
		}
		w.pwin[i] = 1 - w.pi[1<<i]
		in := deter.ResponseInput{Base: base, Troops: troops, StakeUSDbn: stake, Audience: aud,
			PWin: w.pwin[i], LogLR: lr + shift}
		z := deter.ResponseIndex(c, in)
		w.q[i] = fastLogistic(z) // deter.Response's logistic, with fastExp
		if g.self {
			w.q[i] = 0 // the challenger under another name (FlagSelfOnly)
		}
		if p == 0 && w.trace {
			t := w.idx[i]
			t[0], t[1], t[2], t[3] = base-era, c.BT.Value*math.Log1p(troops), c.BE.Value*math.Log1p(stake), c.BA.Value*aud
			t[4], t[5], t[6], t[7] = c.BD.Value*(w.pwin[i]-0.5), lr, shift, era
		}
	}
	s.responseSets(w)
	var pi, cbar, any, win float64
	for sub := range 1 << n {
		pi += w.pS[sub] * w.pi[sub]
		cbar += w.pS[sub] * w.cost[sub]
		if sub != 0 {
			any += w.pS[sub]
			win += w.pS[sub] * (1 - w.pi[sub])
		}
	}
	lnCbar, lnPi := fastLog(cbar), fastLog(max(pi, 1e-300))
	// The index x = ln C̄ − ln Π: the form's own for an index form; under
	// the informed form the expected form's (deter.Aggregation.StageIndex),
	// which the general and post-war stages read and the immediate stage
	// reports beside its averaged probability.
	if ix := s.agg.StageIndex(); ix != deter.AggExpected {
		m := 1 << n
		lnCbar, lnPi = ix.Aggregate(w.pS[:m], w.pi[:m], w.lnC[:m])
		pi, cbar = math.Exp(lnPi), math.Exp(lnCbar)
	}
	var psq, index float64
	switch {
	case s.general:
		psq, index = deter.StatusQuoGeneral(c, lnCbar, lnPi, w.xalpha)
	case s.informedStage():
		// The informed challenger's crisis stage (docs/fit.md, "A fourth
		// form"): it sees the responding set S before it decides, so
		// P(SQ) = Σ_S p_S L(A0 + A1 (ln C_S − ln π_S)), deter's
		// Aggregation.StatusQuo with the fast log and logistic. index
		// stays A0 + A1 x of the expected form: the cure share reads it
		// (PC1 is 0 in the committed fit, so it does not move P(deterrence)).
		_, index = deter.StatusQuo(c, lnCbar, lnPi, false)
		a0, a1 := c.A0.Value, c.A1.Value
		for sub := range 1 << n {
			if ps := w.pS[sub]; ps != 0 { // a set that never occurs, whatever its index
				w.sq[sub] = fastLogistic(a0 + a1*(w.lnC[sub]-fastLog(max(w.pi[sub], 1e-300))))
				psq += ps * w.sq[sub]
			} else {
				w.sq[sub] = 0
			}
		}
	default:
		psq, index = deter.StatusQuo(c, lnCbar, lnPi, false)
	}
	hr := 1.0
	for _, h := range ph.hr {
		hr *= max(x[h], 0)
	}
	po := phaseOut{psq: psq, index: index, hr: hr, hz: hr, x: lnCbar - lnPi, pcR: 1}
	if s.postwar {
		// Post-war (docs/assess.md, "Post-war"): the spell starts at the
		// war's end, so the fitted cure Weibull is the whole probability;
		// the index enters as the hazard ratio e^−z (deter.PostWarSurvival),
		// and P(deterrence) is the first year's survival.
		po.psq, po.z, po.pc, po.hz, po.pcR, po.hzR = s.postWar(x, po.x, hr, s.bothHR(x, p))
		psq = po.psq
	} else {
		po.pc = fastLogistic(c.PC0.Value + c.PC1.Value*index) // deter.CuredShare
	}
	w.ph[p] = po
	if p == 0 {
		o := &w.out
		o.PSQ, o.Pi, o.Cbar, o.Index, o.HR = psq, pi, cbar, index, hr
		o.AnyFight, o.FC, o.FP = any, fc, fp
		o.PWinAll = 1 - w.pi[1<<n-1]
		o.CanWin = 0
		if any > 1e-12 {
			o.CanWin = clamp01(win / any)
		}
	}
}

// informedStage reports whether the option's P(status quo) is the informed
// form's average over the responding sets: the immediate stage under
// deter.AggInformed (the general and post-war stages read the expected
// form's index, deter.Aggregation.StageIndex).
func (s *structural) informedStage() bool {
	return s.agg == deter.AggInformed && !s.general && !s.postwar
}

// contestCost is deter.Contest(fc, fs, gamma) and
// exp(deter.LogWarCost(c, fs, fc, umbrella)) with one logarithm between
// them (lnFC = ln fc is computed once per draw); TestContestCostMatchesDeter
// holds it to deter's definitions, clamps included.
func contestCost(c *deter.Coefficients, fc, lnFC, fs, gamma float64, umbrella bool) (pi, cost float64) {
	pi, lc := contestLogCost(c, fc, lnFC, fs, gamma, umbrella)
	return pi, fastExp(lc)
}

// contestLogCost is contestCost with the log cost ln C_S.
func contestLogCost(c *deter.Coefficients, fc, lnFC, fs, gamma float64, umbrella bool) (pi, lnCost float64) {
	var lr float64 // ln(fs/fc), bounded as deter.LogWarCost bounds it
	switch {
	case fc > 0 && fs > 0:
		lr = fastLog(fs) - lnFC
		pi = fastLogistic(-gamma * lr)
	case fc > 0: // no defence
		lr, pi = lnRatioFloor, 1
	case fs > 0: // no attacker
		lr, pi = -lnRatioFloor, 0
	default:
		lr, pi = lnRatioFloor, 0.5
	}
	if lr < lnRatioFloor {
		lr = lnRatioFloor
	} else if lr > -lnRatioFloor {
		lr = -lnRatioFloor
	}
	v := c.C0.Value + c.C1.Value*lr
	if umbrella {
		v += c.CN.Value
	}
	return pi, v
}

// ratioFloor is deter's bound on the force ratio in the war cost.
const ratioFloor = 1e-6

// lnRatioFloor is ln ratioFloor, computed once (math.Log is not folded into
// a constant, and the clamp runs for every responding set of every draw).
var lnRatioFloor = math.Log(ratioFloor)

// responseSets fills w.pS[S] = P(exactly S responds) when R_g = 1[U_g <
// q_g] and U comes from a Gaussian copula with one common factor
// (correlation rho): given the factor z the responses are independent with
// p_g(z) = Φ((Φ⁻¹(q_g) − √ρ z)/√(1−ρ)), and the factor is integrated out
// by Gauss-Hermite quadrature. Each p_g(z) rises with q_g, so P(S ⊇ T)
// rises with every q_g and with an added guarantor: the responding set
// grows pointwise, as MODEL.md §2 requires.
func (s *structural) responseSets(w *swork) {
	n := s.n
	rho := 0.0
	if s.coef.rho >= 0 {
		rho = min(max(w.x[s.coef.rho], 0), 0.99)
	}
	// One guarantor goes through the quadrature too, so that adding a
	// second changes nothing for the first (the responding set grows
	// exactly, not up to quadrature error).
	if n == 0 || rho == 0 {
		independent(w.pS, w.q)
		return
	}
	sr, sq := math.Sqrt(rho), math.Sqrt(1-rho)
	zs, ws := nodes(rho)
	for i := range n {
		w.t[i] = threshold(w.q[i], sr, sq, zs, ws)
	}
	for sub := range 1 << n {
		w.pS[sub] = 0
	}
	p := w.pz
	inv := 1 / sq
	for i := range n {
		w.t[i] *= inv
	}
	srInv := sr * inv
	if n == 3 { // the common case, unrolled: the same products in the same order
		t0, t1, t2 := w.t[0], w.t[1], w.t[2]
		pS := w.pS[:8]
		for k, z := range zs {
			zz := srInv * z
			p0, p1, p2 := phi(t0-zz), phi(t1-zz), phi(t2-zz)
			a0, a1, a2 := 1-p0, 1-p1, 1-p2
			wk := ws[k]
			// independent's recursion: out[S] = Π_{i∈S} p_i Π_{i∉S} (1 − p_i),
			// built in its order (bit 0, then 1, then 2).
			pS[0] += wk * (a0 * a1 * a2)
			pS[1] += wk * (p0 * a1 * a2)
			pS[2] += wk * (a0 * p1 * a2)
			pS[3] += wk * (p0 * p1 * a2)
			pS[4] += wk * (a0 * a1 * p2)
			pS[5] += wk * (p0 * a1 * p2)
			pS[6] += wk * (a0 * p1 * p2)
			pS[7] += wk * (p0 * p1 * p2)
		}
		return
	}
	for k, z := range zs {
		zz := srInv * z
		for i := range n {
			p[i] = phi(w.t[i] - zz)
		}
		independent(w.node, p)
		wk := ws[k]
		for sub := range 1 << n {
			w.pS[sub] += wk * w.node[sub]
		}
	}
}

// threshold returns t such that the quadrature's marginal Σ_k w_k Φ((t −
// √ρ z_k)/√(1−ρ)) is q: the Gaussian answer Φ⁻¹(q) corrected by Newton
// steps on the (piecewise linear) tabulated Φ, so that every guarantor
// responds with its q_g (to 1e-9) whatever the correlation and the discrete
// factor reproduces the Gaussian copula's dependence to quadrature error.
// The marginal rises in t, so the root is kept in a bracket and a Newton
// step that leaves it (or a flat stretch, at correlations near 1 where the
// marginal is almost a staircase) is replaced by bisection: the search
// always converges and t rises with q, so the coupling stays monotone.
func threshold(q, sr, sq float64, zs, ws []float64) float64 {
	q = min(max(q, 1e-12), 1-1e-12)
	t := normQuantile(q)
	inv := 1 / sq
	lo, hi := math.Inf(-1), math.Inf(1)
	for range 100 {
		var f, d float64
		for k, z := range zs {
			v, s := phiAndSlope((t - sr*z) * inv)
			f += ws[k] * v
			d += ws[k] * s
		}
		f -= q
		if math.Abs(f) < 1e-11 {
			break
		}
		if f > 0 {
			hi = t
		} else {
			lo = t
		}
		step := f / (d * inv)
		next := t - step
		if d > 0 && next > lo && next < hi {
			t = next
			// The tabulated Φ is piecewise linear, so a Newton step that
			// keeps every node within its table interval lands on the root
			// exactly; a step this small crosses a breakpoint at few nodes
			// if any, and leaves a residual of order 1e-9·|step|/1e-6 at
			// most (TestThresholdMarginal), so the marginal is not
			// evaluated again. The usual case: Φ⁻¹(q) is within the
			// table's 2e-6 of the answer for ρ < 0.5 and one step ends it.
			if math.Abs(step) < 1e-6 {
				break
			}
			continue
		}
		switch {
		case math.IsInf(lo, -1):
			t = hi - 1
		case math.IsInf(hi, 1):
			t = lo + 1
		default:
			t = 0.5 * (lo + hi)
		}
	}
	return t
}

// independent writes P(exactly S) for independent responses with
// probabilities q, built up bit by bit.
func independent(out, q []float64) {
	out[0] = 1
	for i, p := range q {
		h := 1 << i
		for sub := range h {
			out[sub|h] = out[sub] * p
			out[sub] *= 1 - p
		}
	}
}

// noAttack is P(no attack by T years). Immediate deterrence: the
// decision now, then the cure Weibull (survival). Post-war: the cure
// Weibull alone, from the war's end, with the index as a hazard ratio. General deterrence:
// P(status quo) is a per-year probability (deter: AGeneral is calibrated on
// yearly onsets), so each year of each phase multiplies its own, the first
// year at least.
func (s *structural) noAttack(w *swork, c *deter.Coefficients, years float64) float64 {
	if s.postwar {
		return s.survival(w, c, years)
	}
	if !s.general {
		return w.out.PSQ * s.survival(w, c, years)
	}
	years = max(years, 1)
	v := 1.0
	for p := range s.phases {
		t0 := s.phases[p].start
		if t0 >= years {
			break
		}
		t1 := s.phaseEnd(p, years)
		v *= math.Pow(w.ph[p].psq, t1-t0)
	}
	return v
}

// phaseEnd is when phase p stops counting towards a horizon of years: the
// next phase's start, or the horizon if that comes first or p is the last.
func (s *structural) phaseEnd(p int, years float64) float64 {
	if p+1 < len(s.phases) {
		return min(years, s.phases[p+1].start)
	}
	return years
}

// survival is P(no attack by T years | status quo at the assessment date)
// (post-war: from the war's end): the cure Weibull with the instruments in
// force changing over time. The challenger's type persists: whether it is
// "cured" is settled at the assessment date (phase 0's cured share), and
// each later phase multiplies the uncured challengers' baseline cumulative
// hazard (T/Λ)^K over its own span by its hazard multiplier:
//
//	S(T) = pc_0 + (1 − pc_0) exp(−Σ_p hz_p [(t_{p+1}/Λ)^K − (t_p/Λ)^K])
//
// (a proportional hazard with time-varying covariates in the uncured
// share). With one phase it is the cure Weibull itself. Unlike a product of
// each phase's conditional survivals S_p(t_{p+1})/S_p(t_p), it is monotone:
// a later phase with a higher hazard (an instrument that ends) never raises
// S, one with a lower hazard (an instrument that starts) never lowers it;
// the conditional ratios reverse that when a phase's hazard is large,
// because a curve with a high hazard has already lost its uncured share by
// t_p (TestPostWarPhases).
func (s *structural) survival(w *swork, c *deter.Coefficients, years float64) float64 {
	sv, r := s.directions(w, c, years)
	return sv * r
}

// directions is survival by direction: the challenger's (the whole
// survival off the post-war stage) and, after a war, the protégé's (1
// otherwise). Renewal by either party is their product: the two
// directions' competing risks, each with its own cure status, independent
// given the covariates (as the directed likelihood assumes).
func (s *structural) directions(w *swork, c *deter.Coefficients, years float64) (cp, pc float64) {
	if years <= 0 {
		return 1, 1
	}
	lnLam := fastLog(c.Lambda.Value)
	h, hR, prev := 0.0, 0.0, 0.0 // cumulative hazards (C→P, P→C); (t_p/Λ)^K at the phase's start
	for p := range s.phases {
		if s.phases[p].start >= years {
			break
		}
		t1 := s.phaseEnd(p, years)
		l1 := 0.0
		if t1 > 0 {
			l1 = fastExp(c.K.Value * (fastLog(t1) - lnLam))
		}
		h += (l1 - prev) * w.ph[p].hz
		hR += (l1 - prev) * w.ph[p].hzR
		prev = l1
	}
	p0 := &w.ph[0]
	cp, pc = p0.pc+(1-p0.pc)*fastExp(-h), 1
	if s.postwar {
		pc = p0.pcR + (1-p0.pcR)*fastExp(-hR)
	}
	return cp, pc
}

// postWar is the post-war chain of a phase from its index x = ln C̄ − ln Π
// and its mechanisms' hazard ratio hr, with the coefficients read from the
// draw's inputs: the first year's survival S(1), z = a (x − x_ref) (a the
// fitted post-war slope, or A1 when the coefficient set carries it over), the
// cured share and the hazard multiplier hr·e^(η−z) (deter.PostWarSurvival,
// η = deter.PostWarTerm, the dyad covariates' term).
// The driver swings of the durability inputs call it with the draw's x
// cached (s1Only): the same arithmetic, so the same bits as evalPhase.
//
// The product is about renewed war by either party (docs/assess.md,
// "Renewal by either party"): S_renew = S_{C→P}·S_{P→C}. The protégé's
// direction takes the index at the reference (z = 0: the engine does not
// model the protégé's decision), the war outcome swapped (s.pwR), and only
// the ceasefire's own mechanisms, whose hazard ratio is hrBoth; its cured
// share pcR and multiplier hzR are returned for the later years.
func (s *structural) postWar(in []float64, x, hr, hrBoth float64) (s1, z, pc, hz, pcR, hzR float64) {
	cs := &s.coef
	z = in[cs.pwa] * (x - in[cs.xref])
	pc = fastLogistic(in[cs.pc0] + in[cs.pc1]*z)
	// The dyad covariates' log hazard ratio η (0 at the spells' means, so
	// the fitted curve applies unchanged there) joins the index's −z in
	// one exponential.
	hz = hr * fastExp(s.pw.term(in)-z)
	pcR = fastLogistic(in[cs.pc0])
	hzR = hrBoth * fastExp(s.pwR.term(in))
	k, lam := in[cs.k], in[cs.lambda]
	s1 = survivalKL(k, lam, pc, 1, hz) * survivalKL(k, lam, pcR, 1, hzR)
	return s1, z, pc, hz, pcR, hzR
}

// bothHR is phase p's hazard ratio of the mechanisms that bind both
// parties (phase.hrBoth) for the draw's inputs in.
func (s *structural) bothHR(in []float64, p int) float64 {
	hr := 1.0
	for _, h := range s.phases[p].hrBoth {
		hr *= max(in[h], 0)
	}
	return hr
}

// s1Only reports whether input i moves the post-war P(deterrence) only
// through the first year's survival, not through the index: the Weibull,
// the cure share, the reference and phase 0's hazard ratios.
func (s *structural) s1Only(i int) bool {
	if !s.postwar || i < 0 {
		return false
	}
	cs := &s.coef
	if i == cs.k || i == cs.lambda || i == cs.pc0 || i == cs.pc1 || i == cs.xref || i == cs.pwa && cs.pwa != cs.a1 {
		return true
	}
	for _, c := range s.pw.coef {
		if c == i {
			return true
		}
	}
	for _, h := range s.phases[0].hr {
		if h == i {
			return true
		}
	}
	return false
}

// survivalAt is deter.Survival with the cured share pc given and (T/Λ)^K
// as exp(K (ln T − ln Λ)) through fastExp and fastLog: the same value to
// about 1e-15 (TestSurvivalAtMatchesDeter), without math.Pow, which cost a
// tenth of the main job.
func survivalAt(c *deter.Coefficients, pc, years, hr float64) float64 {
	return survivalKL(c.K.Value, c.Lambda.Value, pc, years, hr)
}

// survivalKL is survivalAt with the Weibull shape k and scale lam given.
func survivalKL(k, lam, pc, years, hr float64) float64 {
	if years <= 0 {
		return 1
	}
	h := fastExp(k*(fastLog(years)-fastLog(lam))) * hr
	return pc + (1-pc)*fastExp(-h)
}

// drawnFitted marks a draw's coefficient as the fitted one (a Method that
// is not empty), for the deter functions that choose by provenance.
const drawnFitted = "fitted (the draw's value)"
