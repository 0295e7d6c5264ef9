package udg

import (
	"math"
	"testing"
)

// TestGridSearchFindsOnlyKnownEquilibria is an independent brute-force
// check (as SPEC.md's grid search): over a grid of behaviour (xH, xS, s)
// every epsilon-PBE is either the D1 equilibrium or a member of the
// no-initiation family with s >= s_min. Beliefs follow Bayes' rule when
// someone initiates and are free otherwise.
func TestGridSearchFindsOnlyKnownEquilibria(t *testing.T) {
	if testing.Short() {
		t.Skip("grid search")
	}
	const n, eps, near = 100, 0.006, 0.03
	for _, pr := range [][2]float64{{.5, .8}, {.5, .6}, {.6, .3}, {.2, .3}, {.45, .1}} {
		p := base(pr[0], pr[1])
		c := p.Cut()
		e := SolvePrimary(&p)
		_, sMin, family := NoInitiationFamily(&p)
		foundPrimary := false
		for i := 0; i <= n; i += 5 {
			xH := float64(i) / n
			for j := 0; j <= n; j++ {
				xS := float64(j) / n
				for k := 0; k <= n; k++ {
					s := float64(k) / n
					if !epsEquilibrium(&p, c, xH, xS, s, eps) {
						continue
					}
					init := p.PCh*xH + (1-p.PCh)*xS
					switch {
					case init == 0 && family && s >= sMin-near:
					case init == 0 && e.Region == CertainDeterrence:
					case init > 0 && math.Abs(xH-e.XH) <= near && math.Abs(xS-e.XS) <= near && math.Abs(s-e.S) <= near:
						foundPrimary = true
					default:
						t.Fatalf("pCh=%v pDef=%v: unexpected eps-PBE xH=%v xS=%v s=%v (primary %v %+v)", pr[0], pr[1], xH, xS, s, e.Region, e)
					}
				}
			}
		}
		if e.Region != CertainDeterrence && !foundPrimary {
			t.Fatalf("pCh=%v pDef=%v: grid missed the primary %v", pr[0], pr[1], e.Region)
		}
	}
}

// epsEquilibrium checks best responses up to eps at the grid point; the
// last-stage moves (Hard fights, Soft backs down) and the Hard Defender's
// resistance are dominant and fixed.
func epsEquilibrium(p *Params, c Thresholds, xH, xS, s, eps float64) bool {
	r := p.PDef + (1-p.PDef)*s
	ok := func(x, gain float64) bool { // x = P(initiate), gain = U(D) - U(C)
		return (gain <= eps || x == 1) && (gain >= -eps || x == 0)
	}
	if !ok(xH, r*p.CDDP+(1-r)*p.CDC-p.CSQ) || !ok(xS, r*p.CCD+(1-r)*p.CDC-p.CSQ) {
		return false
	}
	init := p.PCh*xH + (1-p.PCh)*xS
	if init == 0 {
		return true // off path: a belief q making s optimal always exists
	}
	q := p.PCh * xH / init
	gain := q*p.DDDM + (1-q)*p.DCD - p.DDC // Soft Defender: resist minus concede
	return ok(s, gain)
}
