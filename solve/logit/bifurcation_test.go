package logit

import (
	"context"
	"math"
	"testing"

	"github.com/guarantor/guarantor/solve/internal/check"
	"github.com/guarantor/guarantor/solve/internal/testgames"
)

// detW is det(dH/dw) at a branch point p (lambda fixed), by elimination.
func detW(tr *tracer, p Point) float64 {
	n := tr.n
	x := make([]float64, n+1)
	for i, v := range p.Probs {
		x[i] = math.Log(v)
	}
	x[n] = p.Lambda
	jac := make([][]float64, n)
	for i := range jac {
		jac[i] = make([]float64, n+1)
	}
	tr.residual(x, make([]float64, n))
	tr.jacobian(x, jac)
	d := 1.0
	for k := 0; k < n; k++ {
		piv := k
		for i := k + 1; i < n; i++ {
			if math.Abs(jac[i][k]) > math.Abs(jac[piv][k]) {
				piv = i
			}
		}
		if piv != k {
			jac[k], jac[piv] = jac[piv], jac[k]
			d = -d
		}
		d *= jac[k][k]
		for i := k + 1; i < n; i++ {
			f := jac[i][k] / jac[k][k]
			for j := k; j < n; j++ {
				jac[i][j] -= f * jac[k][j]
			}
		}
	}
	return d
}

// Battle of the sexes with payoffs (3,2) at TL and (2,3) at BR is invariant
// under swapping the players together with their strategies, so the
// symmetric QRE x = P(Top) = P(Right) = s(lambda (3 - 5x)) is a branch for
// every lambda. It loses stability in a pitchfork where the logistic map's
// slope is -1, 5 lambda x (1-x) = 1 (lambda about 0.81): det(dH/dw)
// vanishes there although lambda keeps increasing, which is a branch point,
// not a turning point. The tracer must pass it straight along the symmetric
// branch (the tangent orientation kept continuous) to the mixed equilibrium,
// without turning back in lambda; gambit-logit -e ends at a pure one here.
func TestPitchforkPassedOnSymmetricBranch(t *testing.T) {
	sym := func(lam float64) float64 { // symmetric QRE by bisection
		lo, hi := 0.0, 1.0
		for i := 0; i < 100; i++ {
			x := (lo + hi) / 2
			if x < 1/(1+math.Exp(-lam*(3-5*x))) {
				lo = x
			} else {
				hi = x
			}
		}
		return lo
	}
	lo, hi := 0.1, 5.0 // 5 lambda x(1-x) - 1 changes sign once here
	for i := 0; i < 100; i++ {
		l := (lo + hi) / 2
		x := sym(l)
		if 5*l*x*(1-x) < 1 {
			lo = l
		} else {
			hi = l
		}
	}
	crit := lo
	if crit < 0.7 || crit > 0.9 {
		t.Fatalf("pitchfork at lambda %g, expected about 0.81", crit)
	}
	g := testgames.Bimatrix([][]int64{{3, 0}, {0, 2}}, [][]int64{{2, 0}, {0, 3}})
	m := newTableModel(g)
	tr := newTracer(m, maxSpread(m.pay))
	var prev *Point
	prevDet := 0.0
	flips := 0
	end, err := SolveTable(context.Background(), g, Options{Branch: func(p Point) {
		if prev != nil && p.Lambda <= prev.Lambda {
			t.Errorf("lambda went back from %g to %g", prev.Lambda, p.Lambda)
		}
		if p.Lambda < 100 {
			if x, y := p.Probs[0], p.Probs[3]; math.Abs(x-y) > 1e-9 || math.Abs(x-sym(p.Lambda)) > 1e-8 {
				t.Errorf("lambda %g: left the symmetric branch: P(Top) %g, P(Right) %g, want %g", p.Lambda, x, y, sym(p.Lambda))
			}
			d := detW(tr, p)
			if prev != nil && math.Signbit(d) != math.Signbit(prevDet) {
				flips++
				if prev.Lambda > crit || p.Lambda < crit {
					t.Errorf("det(dH/dw) changes sign between lambda %g and %g, not around %g", prev.Lambda, p.Lambda, crit)
				}
			}
			prevDet = d
		}
		q := p
		prev = &q
	}})
	if err != nil {
		t.Fatal(err)
	}
	if flips != 1 {
		t.Errorf("det(dH/dw) changed sign %d times below lambda 100, want once (the pitchfork)", flips)
	}
	near(t, end, [][]float64{{0.6, 0.4}, {0.4, 0.6}})
}

// A 3x3 game (found by a seeded random search) whose principal branch turns
// back in lambda near 6.56 before going on: the tracer must follow the fold
// by arclength (lambda decreasing for a while) and every accepted point,
// before and after the fold, must still be a logit QRE, checked here
// independently as p = softmax(lambda A q), q = softmax(lambda B' p).
func TestBranchTurnsBackInLambda(t *testing.T) {
	a := [][]float64{{7, 9, 6}, {9, 0, 8}, {8, 0, 3}}
	b := [][]float64{{7, 1, 0}, {3, 7, 8}, {7, 3, 4}}
	g := testgames.Bimatrix([][]int64{{7, 9, 6}, {9, 0, 8}, {8, 0, 3}}, [][]int64{{7, 1, 0}, {3, 7, 8}, {7, 3, 4}})
	softmax := func(lam float64, u []float64) []float64 {
		m := math.Max(u[0], math.Max(u[1], u[2]))
		e := make([]float64, 3)
		s := 0.0
		for i := range u {
			e[i] = math.Exp(lam * (u[i] - m))
			s += e[i]
		}
		for i := range e {
			e[i] /= s
		}
		return e
	}
	prev, peak := 0.0, 0.0
	back := false
	_, err := SolveTable(context.Background(), g, Options{MaxLambda: 1e3, Branch: func(p Point) {
		if p.Lambda < prev {
			if !back {
				peak = prev
			}
			back = true
		}
		prev = p.Lambda
		if p.Lambda > 50 {
			return
		}
		x, y := p.Probs[:3], p.Probs[3:]
		ua, ub := make([]float64, 3), make([]float64, 3)
		for i := 0; i < 3; i++ {
			for j := 0; j < 3; j++ {
				ua[i] += a[i][j] * y[j]
				ub[j] += b[i][j] * x[i]
			}
		}
		wx, wy := softmax(p.Lambda, ua), softmax(p.Lambda, ub)
		for i := 0; i < 3; i++ {
			if math.Abs(wx[i]-x[i]) > 1e-8 || math.Abs(wy[i]-y[i]) > 1e-8 {
				t.Fatalf("lambda %g: %v is not a QRE (want %v %v)", p.Lambda, p.Probs, wx, wy)
			}
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !back || peak < 6 || peak > 7 {
		t.Fatalf("branch turned back: %v at lambda %g, want a fold near 6.56", back, peak)
	}
	end, err := SolveTable(context.Background(), g, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := check.TableRegret(g, end).Float64(); r > regretTol {
		t.Fatalf("end point %v has regret %g", end.Float(), r)
	}
}
