package assess

import (
	"math"

	"github.com/guarantor/guarantor/capability"
	"github.com/guarantor/guarantor/models/udg"
)

// eps keeps probabilities off 0 and 1 and the UDG's strict utility
// orderings strict after clamping; smaller than any reported digit.
const eps = 1e-9

// Draw is one evaluation of the option.
type Draw struct {
	// PSQ is the probability the challenger does not attack (deterrence
	// holds) in the draw's D1 equilibrium; PWar the probability of war.
	PSQ, PWar float64
	// Cred is the effective credibility: P(a coalition that can win
	// responds), the UDG's pDef.
	Cred float64
	// AnyFight is P(at least one guarantor fights); CanWin is P(the
	// guarantors that fight can win | at least one fights): the option-level
	// "committed?" and "capable?" (the full coalition's P(win) when no one
	// would fight).
	AnyFight, CanWin float64
	// PWinAll is P(win) of the protégé with every guarantor.
	PWinAll float64
	// NoGain: no challenger type gains by attacking even an abandoned
	// protégé, so it never attacks.
	NoGain bool
	// Satisfied is the share of challenger types whose cost of war is so
	// high that attacking even an abandoned protégé does not pay: they
	// never attack, and the game is played by the rest.
	Satisfied float64
	// Determined is the share of challenger types that prefer war against
	// the responding coalition to the status quo: no threat deters them.
	Determined float64
	// Rate is the yearly rate at which the challenger re-decides, times
	// the mechanism multipliers; Hazard = Rate·PWar is the yearly
	// probability of renewed war after the first decision.
	Rate, Hazard float64
	Game         udg.Params
	Eq           udg.Primary
}

// work is one worker's scratch space, sized at compile time, so that
// evaluation allocates nothing.
type work struct {
	x      []float64 // the draw's inputs
	pFight []float64 // per guarantor commitment
	pWinG  []float64 // per guarantor P(win) with the protégé alone
	logitT [][5]float64
	m      []float64 // per guarantor effective capability
	prob   []float64 // per subset P(exactly this subset responds)
	mass   []float64 // per subset capability
	pwin   []float64 // per subset P(win) with the protégé
	rel    []float64 // per subset strength relative to the challenger's
	lnr    []float64 // per subset log(mass / challenger's), cached
	cmass  []float64 // the masses lnr was computed for
	cch    float64   // and the challenger's
	nuc    []bool    // per subset: a nuclear-umbrella guarantor responds
	order  []int
	d      Draw
}

func (m *Model) newWork() *work {
	n := len(m.g)
	s := 1 << n
	w := &work{x: append([]float64(nil), m.point...), pFight: make([]float64, n), pWinG: make([]float64, n),
		logitT: make([][5]float64, n), m: make([]float64, n), prob: make([]float64, s), mass: make([]float64, s), pwin: make([]float64, s), rel: make([]float64, s), lnr: make([]float64, s), cmass: make([]float64, s), cch: math.NaN(),
		nuc: make([]bool, s), order: make([]int, n)}
	return w
}

func eff(x []float64, c capSlots) float64 {
	return max(x[c.cap], 0) * clamp01(x[c.deploy]) * clamp01(x[c.reach])
}

func clamp01(v float64) float64 { return min(max(v, 0), 1) }

func clampP(v float64) float64 { return min(max(v, eps), 1-eps) }

func logit(p float64) float64 { p = clampP(p); return math.Log(p / (1 - p)) }

func logistic(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// eval computes one draw from w.x.
func (m *Model) eval(w *work) {
	x, c := w.x, &m.coef
	g := x[c.g]
	mch := eff(x, m.ch.capSlots)
	mp := eff(x, m.prot)
	boost := 0.0
	for i := range m.g {
		for _, s := range m.g[i].arms {
			boost += max(x[s], 0)
		}
	}
	mp *= 1 + boost
	// Every subset's capability and P(win), once: the single-guarantor
	// subsets give the commitments' war-cost terms, the rest credibility.
	n := len(m.g)
	w.mass[0], w.nuc[0] = mp, false
	for i := 0; i < n; i++ {
		w.m[i] = eff(x, m.g[i].capSlots)
		h := 1 << i
		for s := 0; s < h; s++ {
			w.mass[s|h] = w.mass[s] + w.m[i]
			w.nuc[s|h] = w.nuc[s] || m.g[i].nuclear
		}
	}
	if m.th != nil {
		m.local(w, 1+boost)
	} else {
		m.contest(w, mch, g)
		for s, ms := range w.mass[:1<<n] {
			w.rel[s] = ratio(ms, mch)
		}
	}
	for i := range m.g {
		w.pWinG[i] = w.pwin[1<<i]
		w.pFight[i] = m.commitment(i, w)
	}
	m.deter(w)
	d := &w.d
	hr := 1.0
	if m.monitors {
		hr *= x[c.durMon]
	}
	if m.dmz {
		hr *= x[c.durDMZ]
	}
	d.Rate = clamp01(x[c.durRate] * hr)
	d.Hazard = d.Rate * d.PWar
}

// commitment is DESIGN.md §2's random-utility model: the base rate's
// logit plus the tripwire, air-policing, economic-stake and audience-cost
// terms, minus the war-cost term, then Bayes on the signals. The terms are
// kept in w.logitT for explain.
func (m *Model) commitment(i int, w *work) float64 {
	x, c, gs := w.x, &m.coef, &m.g[i]
	troops := 0.0
	for j, s := range gs.troops {
		troops += max(x[s], 0) * clamp01(x[gs.posture[j]])
	}
	stake := 0.0
	for _, s := range gs.stake {
		stake += max(x[s], 0)
	}
	t := &w.logitT[i]
	t[0] = max(x[c.trip], 0) * math.Log1p(troops)
	t[1] = 0
	if gs.air {
		t[1] = max(x[c.air], 0)
	}
	t[2] = max(x[c.stake], 0)*math.Log1p(stake) + x[gs.audience]
	t[3] = -max(x[c.war], 0) * (x[c.warRef] - w.pWinG[i])
	// Posterior odds = prior odds × exp(terms) × Π LR, computed without the
	// prior's logarithm and the signals' logarithms (t[4] keeps the
	// product; Explain reports its log).
	lr := 1.0
	for _, s := range gs.signals {
		lr *= max(x[s], 0)
	}
	t[4] = lr
	b := clampP(x[gs.base])
	z := t[0] + t[1] + t[2] + t[3]
	if z > 30 || z < -30 || !(lr > 1e-12 && lr < 1e12) {
		return logistic(logit(b) + z + math.Log(max(lr, 1e-300)))
	}
	odds := b / (1 - b) * math.Exp(z) * lr
	return odds / (1 + odds)
}

// deter sums over the subsets of guarantors that may respond, then solves
// the UDG's D1 equilibrium with the defender's credibility set to the
// probability that a capable subset responds and the challenger's conflict
// payoffs set from those subsets' capability (SPEC.md §5.3).
func (m *Model) deter(w *work) {
	x, c, n := w.x, &m.coef, len(m.g)
	rho := clamp01(x[c.corr])
	w.prob[0] = 1
	for i := 0; i < n; i++ { // independent responses, built up bit by bit
		p, h := w.pFight[i], 1<<i
		for s := 0; s < h; s++ {
			w.prob[s|h] = w.prob[s] * p
			w.prob[s] *= 1 - p
		}
	}
	if rho > 0 { // bloc response: one common draw U, g fights iff U < p_g
		for s := range w.prob[:1<<n] {
			w.prob[s] *= 1 - rho
		}
		for i := range w.order {
			w.order[i] = i
		}
		for i := 1; i < n; i++ { // insertion sort by falling p: n is small
			for j := i; j > 0 && w.pFight[w.order[j]] > w.pFight[w.order[j-1]]; j-- {
				w.order[j], w.order[j-1] = w.order[j-1], w.order[j]
			}
		}
		set, prev := 0, 1.0
		for k := 0; k <= n; k++ {
			next := 0.0
			if k < n {
				next = w.pFight[w.order[k]]
			}
			w.prob[set] += rho * (prev - next)
			if k < n {
				set |= 1 << w.order[k]
			}
			prev = next
		}
	}
	// The nuclear term is the expected cost of escalation to the median
	// challenger type (kappa = kappaMax/2), in units of the prize. A type's
	// resolve discounts it as it discounts casualties, so it enters as
	// extra relative strength, 2·knuc/kappaMax, scaled by the type's kappa.
	tau := x[c.capable]
	knuc := 2 * max(x[c.nuc], 0) / max(x[c.costMax], eps)
	var cred, u, rel float64
	for s := 0; s < 1<<n; s++ {
		pw := w.pwin[s]
		if pw < tau {
			continue
		}
		rs := w.rel[s]
		if w.nuc[s] {
			rs += knuc
		}
		cred += w.prob[s]
		u += w.prob[s] * (1 - pw)
		rel += w.prob[s] * rs
	}
	full := 1<<n - 1
	d := &w.d
	d.PWinAll = w.pwin[full]
	if cred > 0 {
		u /= cred
		rel /= cred
	} else {
		u, rel = 1-d.PWinAll, w.rel[full]
		if w.nuc[full] {
			rel += knuc
		}
	}
	d.Cred = cred
	d.AnyFight = 1 - w.prob[0]
	capNonEmpty := cred
	if w.pwin[0] >= tau {
		capNonEmpty -= w.prob[0]
	}
	if d.AnyFight > eps {
		d.CanWin = clamp01(capNonEmpty / d.AnyFight)
	} else if d.PWinAll >= tau {
		d.CanWin = 1
	} else {
		d.CanWin = 0
	}
	m.solve(w, u, rel)
}

// maxRatio caps the relative strength that scales the challenger's war
// costs, so a challenger with no capability gets large finite costs.
const maxRatio = 100

func ratio(a, b float64) float64 {
	if !(b > 0) {
		return maxRatio
	}
	return min(max(a, 0)/b, maxRatio)
}

// solve fills the UDG's utilities and solves it. The challenger's prize
// is 1 and its status quo 0. A war costs it kappa × the enemy's strength
// relative to its own (losses scale with the enemy's strength), and kappa
// is its private type, uniform on [0, kappaMax]. Against the capable
// coalitions that respond it expects the prize share u (less the nuclear
// term) at relative strength rel. The types fall into four intervals:
//
//   - satisfied, kappa > k1 = min((1 - P(protégé alone wins))/rel(protégé),
//     kappaMax): attacking even an abandoned protégé does not pay; they
//     never attack;
//   - determined, kappa < kd = u/rel: war against the responding
//     coalition beats the status quo; no threat deters them, they attack
//     and fight;
//   - Hard, kd <= kappa < k* = (u + b)/rel: prefer fighting to backing
//     down (cost b) but the status quo to war;
//   - Soft, k* <= kappa <= k1.
//
// The UDG is played by the Hard and Soft types (its orderings need cDD+ <
// cSQ, which is what separates Hard from determined), with
//
//	pCh  = (k* - kd)/(k1 - kd)
//	cDD+ = u - rel·E[kappa | Hard] = u - rel·(kd + k*)/2
//	cDD- = u - rel·E[kappa | Soft] = u - rel·(k* + k1)/2
//	cDC  = 1 - P(protégé alone wins) - rel(protégé)·(kd + k1)/2
//	cCD  = -b
//
// and P(no attack) = share satisfied + share in the game × P(SQ in the
// game), P(war) = share determined + share in the game × P(war in the
// game). Capability lowers the share of resolved challengers as well as
// their war payoff. Clamping (by eps) keeps the game's strict orderings.
func (m *Model) solve(w *work, u, rel float64) {
	x, c, d := w.x, &m.coef, &w.d
	p := &d.Game
	kmax := max(x[c.costMax], eps)
	b := max(x[c.back], 2*eps)
	gain := max(1-w.pwin[0], 0)
	k1 := kmax
	if gain < w.rel[0]*kmax {
		k1 = gain / w.rel[0]
	}
	kd, ks := k1, k1 // types below kd are determined, below ks Hard
	if rel > eps {
		kd = min(max(u/rel, 0), k1)
		ks = min(max((u+b)/rel, kd), k1)
	} else if u+b <= 0 {
		kd, ks = 0, 0
	} else if u <= 0 {
		kd = 0
	}
	d.Satisfied = clamp01(1 - k1/kmax)
	d.Determined = clamp01(kd / kmax)
	play := clamp01((k1 - kd) / kmax)
	d.NoGain = k1 <= eps
	span := max(k1-kd, eps)
	p.CSQ = 0
	p.CDC = max(gain-w.rel[0]*(kd+k1)/2, 2*eps)
	p.CCD = -b
	p.CDDP = min(max(u-rel*(kd+ks)/2, p.CCD+eps), p.CSQ-eps)
	p.CDDM = min(u-rel*(ks+k1)/2, p.CCD-eps)
	p.PCh = clampP((ks - kd) / span)
	p.DSQ, p.DCD, p.DDC, p.DDDP, p.DDDM = x[c.dSQ], x[c.dCD], x[c.dDC], x[c.dDDH], x[c.dDDS]
	p.PDef = clampP(d.Cred)
	switch {
	case d.NoGain:
		d.Eq = udg.Primary{Region: udg.CertainDeterrence, PSQ: 1}
	case play <= eps || len(m.g) == 0:
		// No type left to deter (or no third party: the protégé fights
		// alone, and every type that gains attacks).
		d.Eq = udg.Primary{Region: udg.Attack, XH: 1, XS: 1, PDC: 1}
		play = 0
	default:
		d.Eq = udg.SolvePrimary(p)
	}
	// War follows an initiation unless the challenger backs down (CD):
	// with the guarantors (DD) or with the protégé alone (DC).
	if len(m.g) == 0 {
		d.Determined = 1 - d.Satisfied
	}
	d.PSQ = d.Satisfied + play*d.Eq.PSQ
	d.PWar = d.Determined + play*(d.Eq.PDC+d.Eq.PDD)
	if d.NoGain {
		d.PSQ, d.PWar = 1, 0
	}
}

// contest sets every subset's P(win) = capability.ContestSuccess(mass,
// mch, g), written as logistic(g·log(mass/mch)) with the logarithms cached
// across draws: capabilities are usually fixed data while g varies, so
// most draws need one exponential per subset and no logarithm.
func (m *Model) contest(w *work, mch, g float64) {
	if !(mch > 0 && g > 0) {
		for s := range w.pwin[:1<<len(m.g)] {
			w.pwin[s] = capability.ContestSuccess(w.mass[s], mch, g)
		}
		return
	}
	same := mch == w.cch
	for s, ms := range w.mass[:1<<len(m.g)] {
		if !same || ms != w.cmass[s] {
			w.cmass[s] = ms
			w.lnr[s] = math.Inf(-1) // a side with no capability loses
			if ms > 0 {
				w.lnr[s] = math.Log(ms / mch)
			}
		}
		w.pwin[s] = logistic(g * w.lnr[s])
	}
	w.cch = mch
}

// local replaces every subset's P(win) by the Lanchester theatre balance:
// strength = advantage × troops^k against the challenger's troops^k, k = 2
// (square law) or 1 (linear law). Arms supply scales the protégé's troops.
// The relative strength that scales war costs is the troop ratio.
func (m *Model) local(w *work, boost float64) {
	x, th := w.x, m.th
	ch := max(x[th.ch], 0)
	adv, g := max(x[th.adv], 0), x[th.g]
	for s := range w.pwin[:1<<len(m.g)] {
		d := max(x[th.prot], 0) * boost
		for i, f := range th.forces {
			if s&(1<<i) != 0 {
				d += max(x[f], 0)
			}
		}
		w.rel[s] = ratio(d, ch)
		a, b := adv*d, ch
		if !th.linear {
			a, b = adv*d*d, ch*ch
		}
		w.pwin[s] = capability.ContestSuccess(a, b, g)
	}
}
