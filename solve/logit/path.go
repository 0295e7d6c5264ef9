package logit

import (
	"context"
	"errors"
	"math"
)

// Continuation constants. Gambit's defaults (initial step 0.03, maximum
// acceleration 1.1, maximum lambda 10^6) are kept where they mean the same.
const (
	// DefaultMaxLambda ends the branch; at lambda = 10^6 a strategy that
	// loses 10^-5 against the best reply already has probability e^-10.
	DefaultMaxLambda = 1e6
	defaultStep      = 0.03
	maxAccel         = 1.5
	// minStep: a step this short means the corrector cannot follow the
	// curve (a bifurcation or numerical breakdown), and tracing stops.
	minStep = 1e-10
	// newtonTol is the residual at which a corrected point is accepted.
	newtonTol = 1e-10
	// maxNewton bounds corrector iterations before the step is halved.
	maxNewton = 8
	// settledLambda: past this lambda times the game's payoff range (when
	// the range exceeds 1) a breakdown of the continuation ends the branch
	// at the last accepted point instead of failing. The branch depends on
	// lambda only through lambda x payoff, so a game with payoffs of order
	// 10^6 is as settled at lambda 10^-2 as a game with payoffs of order 1
	// at 10^4; without the range, such games broke down before lambda 10^4
	// and failed ("lost the branch") although they had settled long before.
	settledLambda = 1e4
	// maxDist: a corrector that moves farther than this fraction of the
	// step has probably jumped to another part of the curve.
	maxDist = 0.5
	// minCos: a step whose new tangent turns by more than about 25 degrees
	// from the previous one is too long for the curvature there (near a
	// turning point in lambda, say) and is retried at half the length.
	minCos = 0.9
)

// ErrLostPath is returned when the continuation cannot proceed.
var ErrLostPath = errors.New("logit: lost the branch (step size underflow)")

// Point is one point of the branch: lambda and the profile in the model's
// flat layout.
type Point struct {
	Lambda float64
	Probs  []float64
}

type tracer struct {
	ctx   context.Context // polled inside every linear solve
	m     model
	blk   [][2]int
	n     int // number of variables; the curve lives in R^(n+1)
	u, pr []float64
	du    [][]float64
	// settled is the lambda past which a breakdown ends the branch at the
	// last point: settledLambda / max(1, payoff range).
	settled float64
}

func newTracer(m model, payoffRange float64) *tracer {
	blk := m.blocks()
	n := blk[len(blk)-1][1]
	tr := &tracer{ctx: context.Background(), m: m, blk: blk, n: n, u: make([]float64, n), pr: make([]float64, n),
		settled: settledLambda / math.Max(1, payoffRange)}
	tr.du = make([][]float64, n)
	for i := range tr.du {
		tr.du[i] = make([]float64, n)
	}
	return tr
}

// residual evaluates H at x = (w, lambda).
func (tr *tracer) residual(x, h []float64) {
	lam := x[tr.n]
	for i := 0; i < tr.n; i++ {
		tr.pr[i] = math.Exp(x[i])
	}
	tr.m.values(x[:tr.n], tr.pr, tr.u)
	for _, b := range tr.blk {
		s := 0.0
		for a := b[0]; a < b[1]; a++ {
			s += tr.pr[a]
			if a > b[0] {
				h[a] = x[a] - x[b[0]] - lam*(tr.u[a]-tr.u[b[0]])
			}
		}
		h[b[0]] = s - 1
	}
}

// jacobian fills jac (n rows, n+1 columns) at x; residual must have been
// called at x first (it leaves the probabilities and values in tr).
func (tr *tracer) jacobian(x []float64, jac [][]float64) {
	lam := x[tr.n]
	tr.m.jacobian(x[:tr.n], tr.pr, tr.du)
	for _, b := range tr.blk {
		row := jac[b[0]]
		for j := range row {
			row[j] = 0
		}
		for a := b[0]; a < b[1]; a++ {
			row[a] = tr.pr[a]
		}
		for a := b[0] + 1; a < b[1]; a++ {
			row := jac[a]
			da, d0 := tr.du[a], tr.du[b[0]]
			for j := 0; j < tr.n; j++ {
				row[j] = -lam * (da[j] - d0[j])
			}
			row[a]++
			row[b[0]]--
			row[tr.n] = -(tr.u[a] - tr.u[b[0]])
		}
	}
}

// augmented solves [jac; t'] z = rhs (rhs has n+1 entries, overwritten).
func augmented(ctx context.Context, jac [][]float64, t, rhs []float64) error {
	n := len(jac)
	a := make([][]float64, n+1)
	for i := 0; i < n; i++ {
		a[i] = append([]float64(nil), jac[i]...)
	}
	a[n] = append([]float64(nil), t...)
	return luSolve(ctx, a, rhs)
}

// trace follows the branch from lambda = 0 until lambda reaches maxLambda,
// then corrects onto lambda = maxLambda exactly. visit, if set, sees every
// accepted point.
func (tr *tracer) trace(ctx context.Context, maxLambda float64, visit func(Point)) (Point, error) {
	tr.ctx = ctx
	n := tr.n
	x := make([]float64, n+1)
	for _, b := range tr.blk {
		for a := b[0]; a < b[1]; a++ {
			x[a] = -math.Log(float64(b[1] - b[0]))
		}
	}
	h := make([]float64, n)
	jac := make([][]float64, n)
	for i := range jac {
		jac[i] = make([]float64, n+1)
	}
	// Initial tangent: the one with increasing lambda.
	t := make([]float64, n+1)
	t[n] = 1
	if err := tr.tangent(x, jac, h, t); err != nil {
		if ctx.Err() != nil {
			return Point{}, ctx.Err()
		}
		return Point{}, err
	}
	emit := func() {
		if visit != nil {
			visit(tr.point(x))
		}
	}
	emit()
	step := defaultStep
	xp := make([]float64, n+1)
	tn := make([]float64, n+1)
	for iter := 0; x[n] < maxLambda; iter++ {
		// Every iteration: on a large game one iteration costs several
		// linear solves, far more than the poll.
		if ctx.Err() != nil {
			return Point{}, ctx.Err()
		}
		if step < minStep {
			// Far out on the branch the profile is already within about
			// (payoff range)/lambda of equilibrium; the corrector can lose
			// the curve there when an information set's beliefs swing
			// between probabilities like e^-lambda. Report the last point.
			if x[n] >= tr.settled {
				return tr.point(x), nil
			}
			return tr.point(x), ErrLostPath
		}
		for i := range xp {
			xp[i] = x[i] + step*t[i]
		}
		if xp[n] > maxLambda && x[n] < maxLambda {
			// Shorten the last step to land near maxLambda.
			s := (maxLambda - x[n]) / t[n]
			if s > 0 && s < step {
				for i := range xp {
					xp[i] = x[i] + s*t[i]
				}
			}
		}
		iters, ok := tr.correct(xp, t, jac, h, step)
		if !ok {
			step /= 2
			continue
		}
		// At a bifurcation point (degenerate games, e.g. a centroid that
		// stays a QRE for every lambda) the tangent is not unique and the
		// augmented system is singular; keeping the previous tangent steps
		// across the point along the branch being followed.
		copy(tn, t)
		if tr.tangent(xp, jac, h, tn) == nil && dot(tn, t) < minCos && step > 2*minStep {
			step /= 2
			continue
		}
		copy(x, xp)
		copy(t, tn)
		emit()
		if iters <= 3 {
			step *= maxAccel
		}
	}
	return tr.finish(x, maxLambda)
}

// tangent replaces t by the unit tangent at x with the same orientation.
func (tr *tracer) tangent(x []float64, jac [][]float64, h, t []float64) error {
	tr.residual(x, h)
	tr.jacobian(x, jac)
	z := make([]float64, tr.n+1)
	z[tr.n] = 1
	if err := augmented(tr.ctx, jac, t, z); err != nil {
		return err
	}
	nz := norm(z)
	if nz == 0 || math.IsNaN(nz) || math.IsInf(nz, 0) {
		return errSingular
	}
	dot := 0.0
	for i := range z {
		z[i] /= nz
		dot += z[i] * t[i]
	}
	if dot < 0 {
		for i := range z {
			z[i] = -z[i]
		}
	}
	copy(t, z)
	return nil
}

// correct runs Newton's method on H = 0 restricted to the hyperplane
// through the predicted point orthogonal to t. It returns the iterations
// used, or ok = false if the corrector diverged or wandered too far.
func (tr *tracer) correct(x, t []float64, jac [][]float64, h []float64, step float64) (int, bool) {
	moved := 0.0
	prev := math.Inf(1)
	tol := tolerance(x)
	for it := 1; it <= maxNewton; it++ {
		tr.residual(x, h)
		r := norm(h)
		if r < tol {
			return it, true
		}
		if math.IsNaN(r) || r > prev {
			return 0, false
		}
		prev = r
		tr.jacobian(x, jac)
		z := make([]float64, tr.n+1)
		for i := 0; i < tr.n; i++ {
			z[i] = -h[i]
		}
		if err := augmented(tr.ctx, jac, t, z); err != nil {
			return 0, false
		}
		d := norm(z)
		moved += d
		if moved > maxDist*step+1e-9 {
			return 0, false
		}
		for i := range x {
			x[i] += z[i]
		}
	}
	tr.residual(x, h)
	return maxNewton, norm(h) < 100*tol
}

// tolerance is the residual accepted at x: newtonTol relative to the size
// of the log-probabilities, which grow like lambda times a payoff gap, so
// that float64 rounding alone never blocks convergence at large lambda.
func tolerance(x []float64) float64 {
	m := 1.0
	for _, v := range x {
		m = math.Max(m, math.Abs(v))
	}
	return newtonTol * m
}

// finish corrects onto lambda = maxLambda exactly with Newton's method in w.
func (tr *tracer) finish(x []float64, lam float64) (Point, error) {
	n := tr.n
	x[n] = lam
	h := make([]float64, n)
	jac := make([][]float64, n)
	for i := range jac {
		jac[i] = make([]float64, n+1)
	}
	for it := 0; it < 20; it++ {
		if tr.ctx.Err() != nil {
			return Point{}, tr.ctx.Err()
		}
		tr.residual(x, h)
		if norm(h) < tolerance(x) {
			break
		}
		tr.jacobian(x, jac)
		a := make([][]float64, n)
		for i := range a {
			a[i] = append([]float64(nil), jac[i][:n]...)
		}
		z := make([]float64, n)
		for i := range z {
			z[i] = -h[i]
		}
		if err := luSolve(tr.ctx, a, z); err != nil {
			if tr.ctx.Err() != nil {
				return Point{}, tr.ctx.Err()
			}
			break
		}
		for i := range z {
			x[i] += z[i]
		}
	}
	return tr.point(x), nil
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func (tr *tracer) point(x []float64) Point {
	p := Point{Lambda: x[tr.n], Probs: make([]float64, tr.n)}
	for i := range p.Probs {
		p.Probs[i] = math.Exp(x[i])
	}
	return p
}
