package capability

import (
	"errors"
	"math"
)

// Lanchester's laws of combat (F. W. Lanchester 1916, "Aircraft in Warfare:
// The Dawn of the Fourth Arm"). A and B are force sizes; alpha is the
// per-capita effectiveness of A's fire against B, beta that of B against A.
//
//	square law (aimed fire):  dA/dt = -beta*B,    dB/dt = -alpha*A;   invariant alpha*A^2 - beta*B^2
//	linear law (area fire):   dA/dt = -beta*A*B,  dB/dt = -alpha*A*B; invariant alpha*A - beta*B
//
// The closed forms below are the standard solutions (SPEC.md section 5.1).

// Law selects the attrition law.
type Law int

const (
	// Square is the aimed-fire law.
	Square Law = iota
	// Linear is the area-fire (unaimed) law.
	Linear
)

func (l Law) String() string {
	if l == Linear {
		return "linear"
	}
	return "square"
}

// Side names a combatant.
type Side int

const (
	// Tie means both sides are annihilated together (or neither ever is).
	Tie Side = iota
	// SideA is the first force.
	SideA
	// SideB is the second force.
	SideB
)

func (s Side) String() string {
	if s < Tie || s > SideB {
		return "invalid"
	}
	return [...]string{"tie", "A", "B"}[s]
}

// ErrBadForces reports negative or non-finite forces or effectiveness.
var ErrBadForces = errors.New("capability: forces must be >= 0 and effectiveness > 0, all finite")

// Outcome is the end state of a Lanchester battle fought to annihilation.
type Outcome struct {
	Winner    Side
	Survivors float64 // the winner's force when the loser reaches zero (0 on a tie)
	// Time is when the loser reaches zero: finite under the square law,
	// +Inf under the linear law (the loser only tends to zero) and on a tie.
	Time float64
}

// tieTol guards the exact-tie test against rounding in alpha*A0^2 and
// beta*B0^2: a relative gap below it is a tie (L-3: 1*300^2 vs 9*100^2).
const tieTol = 1e-12

func checkForces(a0, b0, alpha, beta float64) error {
	for _, v := range []float64{a0, b0} {
		if !(v >= 0) || math.IsInf(v, 0) {
			return ErrBadForces
		}
	}
	for _, v := range []float64{alpha, beta} {
		if !(v > 0) || math.IsInf(v, 0) {
			return ErrBadForces
		}
	}
	return nil
}

// SquareOutcome solves the square law in closed form. With g = sqrt(alpha*beta),
// A(t) = A0 cosh(gt) - sqrt(beta/alpha) B0 sinh(gt); if A wins, B reaches zero
// at t* = atanh(sqrt(beta/alpha) B0/A0)/g and A keeps sqrt(A0^2 - (beta/alpha) B0^2).
func SquareOutcome(a0, b0, alpha, beta float64) (Outcome, error) {
	if err := checkForces(a0, b0, alpha, beta); err != nil {
		return Outcome{}, err
	}
	ia, ib := alpha*a0*a0, beta*b0*b0
	g := math.Sqrt(alpha * beta)
	switch {
	case math.Abs(ia-ib) <= tieTol*math.Max(ia, ib):
		return Outcome{Winner: Tie, Time: math.Inf(1)}, nil
	case ia > ib:
		return Outcome{Winner: SideA, Survivors: math.Sqrt((ia - ib) / alpha),
			Time: math.Atanh(math.Sqrt(beta/alpha)*b0/a0) / g}, nil
	default:
		return Outcome{Winner: SideB, Survivors: math.Sqrt((ib - ia) / beta),
			Time: math.Atanh(math.Sqrt(alpha/beta)*a0/b0) / g}, nil
	}
}

// SquareAt returns the square-law forces at time t (before either reaches zero).
func SquareAt(a0, b0, alpha, beta, t float64) (a, b float64) {
	g := math.Sqrt(alpha * beta)
	ch, sh := math.Cosh(g*t), math.Sinh(g*t)
	return a0*ch - math.Sqrt(beta/alpha)*b0*sh, b0*ch - math.Sqrt(alpha/beta)*a0*sh
}

// LinearOutcome solves the linear law: the invariant alpha*A - beta*B is
// constant, so A wins iff alpha*A0 > beta*B0 and keeps A0 - (beta/alpha) B0.
// The loser tends to zero only as t -> infinity.
func LinearOutcome(a0, b0, alpha, beta float64) (Outcome, error) {
	if err := checkForces(a0, b0, alpha, beta); err != nil {
		return Outcome{}, err
	}
	ia, ib := alpha*a0, beta*b0
	switch {
	case math.Abs(ia-ib) <= tieTol*math.Max(ia, ib):
		return Outcome{Winner: Tie, Time: math.Inf(1)}, nil
	case ia > ib:
		return Outcome{Winner: SideA, Survivors: (ia - ib) / alpha, Time: math.Inf(1)}, nil
	default:
		return Outcome{Winner: SideB, Survivors: (ib - ia) / beta, Time: math.Inf(1)}, nil
	}
}

// BreakEvenRatio is the attacker-to-defender force ratio A0/B0 at which the
// battle is an exact tie, given per-capita effectiveness alpha (attacker)
// and beta (defender): sqrt(beta/alpha) under the square law, beta/alpha
// under the linear law. The "3:1 rule" is this quantity, not a constant: it
// holds when the defender's per-capita advantage is 9 (square) or 3 (linear).
func BreakEvenRatio(law Law, alpha, beta float64) float64 {
	if law == Linear {
		return beta / alpha
	}
	return math.Sqrt(beta / alpha)
}

// DefenderAdvantage is the inverse of BreakEvenRatio: the per-capita
// effectiveness ratio beta/alpha at which an attacker with force ratio r
// only breaks even (r^2 square, r linear). DefenderAdvantage(Square, 3) = 9.
func DefenderAdvantage(law Law, r float64) float64 {
	if law == Linear {
		return r
	}
	return r * r
}
