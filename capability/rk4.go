package capability

import (
	"errors"
	"math"
	"sort"
)

// Arrival is a reinforcement: Amount troops join Side spread evenly over
// [Start, End] (days, or whatever unit alpha and beta are per); End <= Start
// means they all arrive at Start. Start must be >= 0; arrivals after the
// horizon or after annihilation have no effect.
type Arrival struct {
	Side       Side
	Start, End float64
	Amount     float64
}

// Battle configures an RK4 integration of a Lanchester law.
type Battle struct {
	Law         Law
	A0, B0      float64
	Alpha, Beta float64
	Arrivals    []Arrival
	Step        float64 // RK4 step; 0 means Horizon/10000
	Horizon     float64 // stop here if nobody is annihilated first
}

// Trace is the result of Simulate.
type Trace struct {
	T, A, B []float64 // the trajectory at every step (including breakpoints)
	Winner  Side      // by annihilation, or by the larger force at Horizon
	// End is the time a side reached zero, or Horizon.
	End        float64
	Annihilate bool
}

// ErrBadBattle reports an invalid Battle configuration.
var ErrBadBattle = errors.New("capability: battle needs positive Horizon, Step >= 0, valid forces and arrivals")

// annihilTol is the force level treated as zero when locating the end of
// the battle by bisection (fractions of a soldier do not matter).
const annihilTol = 1e-9

// Simulate integrates the battle with classical fourth-order Runge-Kutta.
// The time axis is cut at every arrival's Start and End so that rates
// switch exactly there and instant arrivals are added between steps. When
// a side would cross zero inside a step, the step length is bisected to
// place the annihilation time.
func Simulate(b Battle) (Trace, error) {
	if err := checkForces(b.A0, b.B0, b.Alpha, b.Beta); err != nil || !(b.Horizon > 0) || b.Step < 0 || math.IsInf(b.Horizon, 0) {
		return Trace{}, ErrBadBattle
	}
	h := b.Step
	if h == 0 {
		h = b.Horizon / 10000
	}
	cuts := []float64{b.Horizon}
	for _, a := range b.Arrivals {
		if !(a.Amount >= 0) || math.IsInf(a.Amount, 0) || (a.Side != SideA && a.Side != SideB) || !(a.Start >= 0) || math.IsNaN(a.End) {
			return Trace{}, ErrBadBattle
		}
		cuts = append(cuts, a.Start, a.End)
	}
	sort.Float64s(cuts)
	tr := Trace{T: []float64{0}, A: []float64{b.A0}, B: []float64{b.B0}}
	t, x, y := 0.0, b.A0, b.B0
	x, y = b.instant(0, x, y) // arrivals at t=0
	for _, cut := range cuts {
		if cut <= t || cut > b.Horizon {
			continue
		}
		for t < cut {
			step := math.Min(h, cut-t)
			nx, ny := b.rk4(t, x, y, step)
			if nx <= 0 || ny <= 0 {
				step, nx, ny = b.locateZero(t, x, y, step)
				t += step
				tr.record(t, math.Max(nx, 0), math.Max(ny, 0))
				tr.End, tr.Annihilate = t, true
				tr.Winner = winnerAt(nx, ny)
				return tr, nil
			}
			t, x, y = t+step, nx, ny
			if cut-t < 1e-12*math.Max(1, cut) {
				t = cut
			}
			tr.record(t, x, y)
		}
		x, y = b.instant(t, x, y)
	}
	tr.End = b.Horizon
	tr.Winner = winnerAt(x, y)
	return tr, nil
}

func (tr *Trace) record(t, a, b float64) {
	tr.T, tr.A, tr.B = append(tr.T, t), append(tr.A, a), append(tr.B, b)
}

func winnerAt(a, b float64) Side {
	switch {
	case a > b && a > annihilTol:
		return SideA
	case b > a && b > annihilTol:
		return SideB
	}
	return Tie
}

// instant adds the arrivals that land all at once at time t.
func (b *Battle) instant(t, x, y float64) (float64, float64) {
	for _, a := range b.Arrivals {
		if a.End <= a.Start && a.Start == t {
			if a.Side == SideA {
				x += a.Amount
			} else {
				y += a.Amount
			}
		}
	}
	return x, y
}

// rates returns the reinforcement rates in force on (t, t+dt): arrivals
// spread over an interval feed in at Amount/(End-Start) per unit time.
func (b *Battle) rates(t float64) (ra, rb float64) {
	for _, a := range b.Arrivals {
		if a.End > a.Start && t >= a.Start && t < a.End {
			r := a.Amount / (a.End - a.Start)
			if a.Side == SideA {
				ra += r
			} else {
				rb += r
			}
		}
	}
	return ra, rb
}

func (b *Battle) deriv(x, y, ra, rb float64) (float64, float64) {
	x, y = math.Max(x, 0), math.Max(y, 0)
	if b.Law == Linear {
		return ra - b.Beta*x*y, rb - b.Alpha*x*y
	}
	return ra - b.Beta*y, rb - b.Alpha*x
}

// rk4 takes one step of length h from (x, y) at time t. The rates are
// constant within a step because the time axis is cut at every arrival edge.
func (b *Battle) rk4(t, x, y, h float64) (float64, float64) {
	ra, rb := b.rates(t + h/2)
	k1x, k1y := b.deriv(x, y, ra, rb)
	k2x, k2y := b.deriv(x+h/2*k1x, y+h/2*k1y, ra, rb)
	k3x, k3y := b.deriv(x+h/2*k2x, y+h/2*k2y, ra, rb)
	k4x, k4y := b.deriv(x+h*k3x, y+h*k3y, ra, rb)
	return x + h/6*(k1x+2*k2x+2*k3x+k4x), y + h/6*(k1y+2*k2y+2*k3y+k4y)
}

// locateZero bisects the step length until the first side to cross zero
// is within annihilTol of it.
func (b *Battle) locateZero(t, x, y, h float64) (float64, float64, float64) {
	lo, hi := 0.0, h
	var nx, ny float64
	for i := 0; i < 200; i++ {
		mid := (lo + hi) / 2
		nx, ny = b.rk4(t, x, y, mid)
		if nx <= 0 || ny <= 0 {
			hi = mid
		} else {
			lo = mid
			if math.Min(nx, ny) < annihilTol {
				return mid, nx, ny
			}
		}
	}
	nx, ny = b.rk4(t, x, y, hi)
	return hi, nx, ny
}
