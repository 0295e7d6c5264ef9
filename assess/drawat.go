package assess

// DrawAt evaluates single draws at input values the caller chooses: the
// same per-draw evaluation as Run, with x in place of sampled values. It is
// for studies that set the inputs themselves (variance-based sensitivity
// analysis, package sweep): each call costs one draw, where a one-draw Run
// would also compile summaries, hashes and the assumptions table.
//
// Added by the sweep/sensitivity work (issue 12) as a small exported door
// into the engine; it reads the engine's internals and must follow them.
type DrawAt struct {
	m  *Model
	sw *swork // structural engine
	w  *work  // UDG engine
}

// DrawOutputs are one draw's answers.
type DrawOutputs struct {
	PDeter   float64 // P(deterrence holds) at the assessment date
	AnyFight float64 // P(some guarantor fights)
	CanWin   float64 // P(those who fight can win | some fight)
	PWar     float64
	NoWar    float64 // P(no war by the years asked)
}

// NewDrawAt returns an evaluator for m; it is not safe for concurrent use
// (make one per goroutine).
func (m *Model) NewDrawAt() *DrawAt {
	if m.st != nil {
		return &DrawAt{m: m, sw: m.st.newWork()}
	}
	return &DrawAt{m: m, w: m.newWork()}
}

// Eval evaluates the draw with every input at x (len(x) == len(m.Inputs),
// in Inputs order; constants at their values, see Median) and P(no war) at
// years.
func (d *DrawAt) Eval(x []float64, years int) DrawOutputs {
	if s := d.m.st; s != nil {
		copy(d.sw.x, x)
		s.eval(d.sw)
		o := &d.sw.out
		return DrawOutputs{PDeter: o.PSQ, AnyFight: o.AnyFight, CanWin: o.CanWin, PWar: 1 - o.PSQ,
			NoWar: s.noAttack(d.sw, &d.sw.coef, float64(years))}
	}
	copy(d.w.x, x)
	d.m.eval(d.w)
	r := &d.w.d
	return DrawOutputs{PDeter: r.PSQ, AnyFight: r.AnyFight, CanWin: r.CanWin, PWar: r.PWar,
		NoWar: Survival(1-r.PWar, r.Hazard, years)}
}

// Reads reports whether the engine reads input i at all (an input it never
// reads is neither sampled nor able to change an answer).
func (m *Model) Reads(i int) bool {
	if s := m.st; s != nil {
		return s.read[i]
	}
	return !m.unused[i]
}
