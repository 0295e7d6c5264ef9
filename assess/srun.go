package assess

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"sort"
	"sync"

	"github.com/guarantor/guarantor/scenario"
)

// sdraws holds the structural engine's per-draw series.
type sdraws struct {
	n                              int
	psq, anyFight, canWin, pwinAll []float64
	pi, cbar                       []float64
	held                           []float64
	noWar                          [][]float64 // per horizon
	pf, pwg                        [][]float64 // per guarantor
}

func (s *structural) simulate(ctx context.Context, cfg Config, hs []int) (*sdraws, error) {
	n := cfg.Samples
	d := &sdraws{n: n, psq: make([]float64, n), anyFight: make([]float64, n), canWin: make([]float64, n),
		pwinAll: make([]float64, n), pi: make([]float64, n), cbar: make([]float64, n), held: make([]float64, n)}
	for range hs {
		d.noWar = append(d.noWar, make([]float64, n))
	}
	for range s.n {
		d.pf = append(d.pf, make([]float64, n))
		d.pwg = append(d.pwg, make([]float64, n))
	}
	ws := make([]*swork, cfg.Workers)
	for i := range ws {
		ws[i] = s.newWork()
	}
	nch := (n + chunk - 1) / chunk
	var mu sync.Mutex
	done := 0
	err := parallel(ctx, cfg.Workers, nch, func(wk, ch int) {
		w := ws[wk]
		for i := ch * chunk; i < min(n, (ch+1)*chunk); i++ {
			s.sample(w, cfg.Seed, uint64(i), -1, 0)
			s.eval(w)
			o := &w.out
			d.psq[i], d.anyFight[i], d.canWin[i], d.pwinAll[i], d.pi[i], d.cbar[i] = o.PSQ, o.AnyFight, o.CanWin, o.PWinAll, o.Pi, o.Cbar
			for j, y := range hs {
				d.noWar[j][i] = s.noAttack(w, &w.coef, float64(y))
			}
			d.held[i] = s.noAttack(w, &w.coef, max(o.horizon, 0))
			for g := range s.n {
				d.pf[g][i], d.pwg[g][i] = w.q[g], w.pwin[g]
			}
		}
		if cfg.Progress != nil {
			mu.Lock()
			done += min(n, (ch+1)*chunk) - ch*chunk
			cfg.Progress(done, n)
			mu.Unlock()
		}
	})
	return d, err
}

// runStructural assesses an option with the structural engine.
func (m *Model) runStructural(ctx context.Context, cfg Config, version string) (*Result, error) {
	s := m.st
	hs := m.horizons()
	d, err := s.simulate(ctx, cfg, hs)
	if err != nil {
		return nil, err
	}
	r := &Result{Option: m.Opt.Name, File: m.Opt.File, Version: version, Seed: cfg.Seed, Samples: cfg.Samples,
		InputHash: m.Hash(), Engine: scenario.EngineDefault, Stage: s.stage, Flags: append([]string(nil), s.flags...)}
	r.PDeter = estimate(d.psq)
	war := make([]float64, d.n)
	for i, p := range d.psq {
		war[i] = 1 - p
	}
	r.PWar = estimate(war)
	r.AnyFight, r.CanWin, r.PWinAll = estimate(d.anyFight), estimate(d.canWin), estimate(d.pwinAll)
	r.Credibility = r.AnyFight
	r.Pi, r.CostBar = estimate(d.pi), estimate(d.cbar)
	r.Committed = r.AnyFight.Mean >= 0.5
	r.Capable = r.CanWin.Mean >= 0.5
	r.Fails = fails(r.Committed, r.Capable)
	for j, y := range hs {
		r.NoWar = append(r.NoWar, Horizon{y, estimate(d.noWar[j])})
	}
	r.Held = estimate(d.held)
	for i, gp := range s.c.Guarantors {
		r.Guarantors = append(r.Guarantors, guarantorResult(gp.ID, gp.Name, s.strongest(i), d.pf[i], d.pwg[i], 0.5))
	}
	return m.finish(ctx, cfg, r)
}

// strongest names guarantor i's instrument with the highest base logit at
// the medians among those in force and in scope ("none" without one).
func (s *structural) strongest(i int) string {
	best, name := math.Inf(-1), "none"
	gp := s.c.Guarantors[i]
	if gp.Sovereign {
		name = "sovereign"
	}
	for _, ip := range gp.Instruments {
		if !ip.InScope || !ip.InForce(s.asOf) {
			continue
		}
		if j, ok := s.c.Index("model.response.base." + string(ip.Type)); ok && s.point[j] > best {
			best, name = s.point[j], string(ip.Type)
		}
	}
	return name
}

// meanPSQ is the mean P(status quo) over n draws with one input fixed
// (common random numbers across calls with the same seed).
func (s *structural) meanPSQ(w *swork, seed uint64, n, fixed int, val float64) float64 {
	sum := 0.0
	for i := range n {
		s.sample(w, seed, uint64(i), fixed, val)
		sum += s.evalPSQ(w)
	}
	return sum / float64(n)
}

// MeanPDeter is the mean P(deterrence) over draws 0..n-1 of seed, for
// comparisons with common random numbers (the property tests).
func (m *Model) MeanPDeter(seed uint64, n int) float64 {
	if m.st == nil {
		w, st := m.newWork(), newStream()
		return m.meanPSQ(w, st, seed, n, -1, 0)
	}
	return m.st.meanPSQ(m.st.newWork(), seed, n, -1, 0)
}

func (m *Model) driversStructural(ctx context.Context, cfg Config) ([]Driver, error) {
	s := m.st
	out := make([]Driver, len(s.random))
	ws := make([]*swork, cfg.Workers)
	for i := range ws {
		ws[i] = s.newWork()
	}
	seed := cfg.Seed ^ 0x9e3779b97f4a7c15
	// Every swing evaluates the same draws 0..DriverSamples-1 with one
	// input fixed (common random numbers), so the draws are sampled once
	// and shared: the same values as sampling them for each swing.
	nd, nx := cfg.DriverSamples, len(s.point)
	xs := make([]float64, nd*nx)
	w0 := s.newWork()
	for i := range nd {
		s.sample(w0, seed, uint64(i), -1, 0)
		copy(xs[i*nx:(i+1)*nx], w0.x)
	}
	// After a war the durability inputs of phase 0 move P(deterrence) only
	// through the first year's survival: their swings reuse each draw's
	// index x = ln C̄ − ln Π (evaluated once) and the mechanisms' inputs,
	// instead of re-solving the responding sets for every swing.
	var px []float64
	if s.postwar {
		px = make([]float64, nd)
		for i := range nd {
			copy(w0.x, xs[i*nx:(i+1)*nx])
			s.evalPSQ(w0)
			px[i] = w0.ph[0].x
		}
	}
	meanS1 := func(w *swork, fixed int, val float64) float64 {
		sum := 0.0
		for i := range nd {
			copy(w.x, xs[i*nx:(i+1)*nx])
			w.x[fixed] = val
			hr := 1.0
			for _, h := range s.phases[0].hr {
				hr *= max(w.x[h], 0)
			}
			s1, _, _, _, _, _ := s.postWar(w.x, px[i], hr, s.bothHR(w.x, 0))
			sum += s1
		}
		return sum / float64(nd)
	}
	mean := func(w *swork, fixed int, val float64) float64 {
		sum := 0.0
		for i := range nd {
			copy(w.x, xs[i*nx:(i+1)*nx])
			if fixed >= 0 {
				w.x[fixed] = val
			}
			sum += s.evalPSQ(w)
		}
		return sum / float64(nd)
	}
	// An input that enters only durability leaves P(status quo) as it is
	// in every draw: both ends of its swing are the unfixed mean (the same
	// sum of the same values), computed once.
	var free float64
	var freeOnce sync.Once
	err := parallel(ctx, cfg.Workers, len(s.random), func(wk, j int) {
		slot := s.random[j]
		lo, hi := s.dists[slot].Quantile(0.05), s.dists[slot].Quantile(0.95)
		var a, b float64
		if s.durabilityOnly(slot) {
			freeOnce.Do(func() { free = mean(ws[wk], -1, 0) })
			a, b = free, free
		} else if s.s1Only(slot) {
			a = meanS1(ws[wk], slot, lo)
			b = meanS1(ws[wk], slot, hi)
		} else {
			a = mean(ws[wk], slot, lo)
			b = mean(ws[wk], slot, hi)
		}
		out[j] = Driver{Name: s.names[slot], Source: s.sources[slot], Lo: lo, Hi: hi, AtLo: a, AtHi: b, Swing: math.Abs(b - a)}
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Swing > out[j].Swing })
	return out, nil
}

func (s *structural) hash() string {
	h := sha256.New()
	fmt.Fprintf(h, "structural|%s|%s|%v|", s.c.Scenario.Name, s.asOf, s.flags)
	for _, ph := range s.phases {
		fmt.Fprintf(h, "%v|%+v|%v|%v|", ph.start, ph.g, ph.arms, ph.hr)
	}
	for i := range s.names {
		fmt.Fprintf(h, "%s=%s;%s\n", s.names[i], s.dists[i].String(), s.sources[i])
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// StructuralTrace is the structural engine's chain at the inputs' medians.
type StructuralTrace struct {
	AsOf       string
	Flags      []string
	FC, FP     float64 // challenger's and protege's forces in the theatre
	Guarantors []StructuralGuarantor
	Sets       []ResponseSet
	Pi, Cbar   float64
	Index, PSQ float64
	// General is true under general deterrence; ChallengerTerm is then
	// the challenger covariates' x'α in the index (docs/assess.md).
	General        bool
	ChallengerTerm float64
	// GeneralSlope is the general stage's own slope at the medians when
	// the coefficient set fitted it (deter.GeneralLogit), else nil.
	GeneralSlope *GeneralSlopeTrace
	HR           float64
	Phases       int
	Survival     []Horizon
	// Stage is the deterrence stage used: immediate, general or postwar
	// (scenario.EffectiveStage).
	Stage string
	// PostWar is the post-war chain (nil for the other stages).
	PostWar *PostWarTrace
	// Informed is true when the immediate stage runs the informed form
	// (deter.AggInformed): PSQ is then Σ_S P(S)·Sets[S].SQ, and Pi, Cbar
	// and Index are the expected form's (the cure share reads Index), not
	// the decision's inputs.
	Informed bool
	// Equation is P(deterrence)'s equation at this stage and form
	// (EqInformed, EqIndex, EqGeneral, EqGeneralFitted, EqPostWar).
	Equation string
}

// GeneralSlopeTrace is the general stage's index term b·(x − x̄) at the
// medians (docs/fit.md, "General-stage slope of the structural index").
type GeneralSlopeTrace struct {
	X, Ref, Slope float64 // x = ln C̄ − ln Π, x̄ (general_reference), b (general_slope)
	Intercept     float64 // model.challenger.general: the intercept at the covariate means and x = x̄
}

// PostWarTrace is the post-war stage's durability chain at the medians
// (docs/assess.md, "Post-war"): the index x = ln C̄ − ln Π against the
// reference, its hazard ratio, the cured share and the fitted curve.
type PostWarTrace struct {
	X, XRef float64 // ln C̄ − ln Π and the reference (model.durability.postwar_reference)
	Weight  float64 // the index's slope: model.durability.postwar_slope, or A1 (model.challenger.weight) carried over
	Z       float64 // Weight·(x − x_ref)
	IndexHR float64 // e^−z, the index's hazard ratio
	Cure    float64 // cured share pc = L(cure_intercept + cure_index·z)
	Shape   float64 // Weibull K
	Scale   float64 // Weibull Λ, years
	// DyadTerm is η, the post-war dyad covariates' log hazard ratio
	// (rivalry, contiguity, earlier wars; inputs challenge.*), 0 at the
	// post-war spells' sample means.
	DyadTerm    float64
	HazardTotal float64 // mechanisms' HR × e^−z × e^η
	// S1 and S10 are the challenger's direction's survival (C→P: it does
	// not renew the war) at 1 and 10 years.
	S1, S10 float64
	// Protege is the other direction (P→C): the protégé renews the war.
	// P(deterrence) after a war is renewal by either party, S_C→P(1) ·
	// S_P→C(1) (docs/assess.md, "Renewal by either party").
	Protege PostWarDirection
}

// PostWarDirection is the protégé's direction after a war: the index at
// the reference (hazard ratio 1), the war outcome swapped, only the
// ceasefire's own mechanisms (monitors, DMZ, joint commission,
// peacekeepers, a ceasefire agreement's third-party guarantee).
type PostWarDirection struct {
	Cure        float64 // pc = L(cure_intercept)
	MechanismHR float64 // the ceasefire's own mechanisms' hazard ratio
	DyadTerm    float64 // η with the war outcome swapped
	HazardTotal float64 // MechanismHR × e^η
	S1, S10     float64 // survival at 1 and 10 years
}

// StructuralGuarantor is one guarantor's response equation, term by term.
type StructuralGuarantor struct {
	ID, Name, Instrument                                             string
	Base, Post1945, Troops, Stake, Audience, Balance, Signals, Shift float64 // logit terms
	Force, PWin, Q                                                   float64
}

// ResponseSet is one responding set's probability and the challenger's
// payoffs against it.
type ResponseSet struct {
	Members []string
	P       float64 // P(exactly these respond)
	Pi      float64 // challenger's P(prevail)
	Cost    float64 // challenger's cost of war C_S
	Force   float64 // F_S
	// SQ is P(status quo | the challenger sees S) = L(A0 + A1 (ln C_S −
	// ln π_S)) under the informed form's immediate stage (Informed); 0
	// otherwise.
	SQ float64
}

func (m *Model) explainStructural() *StructuralTrace {
	s := m.st
	w := s.newWork()
	w.trace = true
	s.eval(w)
	o := &w.out
	t := &StructuralTrace{AsOf: s.asOf, Flags: s.flags, FC: o.FC, FP: o.FP, Pi: o.Pi, Cbar: o.Cbar, Index: o.Index, PSQ: o.PSQ, HR: o.HR, Phases: len(s.phases),
		General: s.general, ChallengerTerm: w.xalpha, Stage: s.stage, Informed: s.informedStage(), Equation: s.equation()}
	if s.general && s.coef.gsl >= 0 {
		c := &w.coef
		t.GeneralSlope = &GeneralSlopeTrace{X: math.Log(o.Cbar) - math.Log(o.Pi), Ref: c.GenRef.Value, Slope: c.GenSlope.Value, Intercept: c.AGeneral.Value}
	}
	if s.postwar {
		p0, c := w.ph[0], &w.coef
		t.PostWar = &PostWarTrace{X: math.Log(o.Cbar) - math.Log(o.Pi), XRef: w.x[s.coef.xref], Weight: w.x[s.coef.pwa], Z: p0.z,
			IndexHR: math.Exp(-p0.z), Cure: p0.pc, Shape: c.K.Value, Scale: c.Lambda.Value, HazardTotal: p0.hz, DyadTerm: s.pw.term(w.x)}
		pw := t.PostWar
		pw.S1, pw.Protege.S1 = s.directions(w, c, 1)
		pw.S10, pw.Protege.S10 = s.directions(w, c, 10)
		pw.Protege.Cure, pw.Protege.MechanismHR, pw.Protege.DyadTerm, pw.Protege.HazardTotal = p0.pcR, s.bothHR(w.x, 0), s.pwR.term(w.x), p0.hzR
	}
	for i, gp := range s.c.Guarantors {
		x := w.idx[i]
		t.Guarantors = append(t.Guarantors, StructuralGuarantor{ID: gp.ID, Name: gp.Name, Instrument: s.strongest(i),
			Base: x[0], Troops: x[1], Stake: x[2], Audience: x[3], Balance: x[4], Signals: x[5], Shift: x[6], Post1945: x[7],
			Force: w.fg[i], PWin: w.pwin[i], Q: w.q[i]})
	}
	// fS was overwritten by nothing after the phases: recompute phase 0 for the sets.
	s.evalPhase(w, 0)
	for sub := range 1 << s.n {
		rs := ResponseSet{P: w.pS[sub], Pi: w.pi[sub], Cost: w.cost[sub], Force: w.fS[sub]}
		if t.Informed {
			rs.SQ = w.sq[sub]
		}
		for i, gp := range s.c.Guarantors {
			if sub&(1<<i) != 0 {
				rs.Members = append(rs.Members, gp.ID)
			}
		}
		t.Sets = append(t.Sets, rs)
	}
	for _, y := range m.horizons() {
		p := s.noAttack(w, &w.coef, float64(y))
		t.Survival = append(t.Survival, Horizon{Years: y, P: Estimate{Mean: p, Lo: p, Hi: p}})
	}
	return t
}
