package assess

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/guarantor/guarantor/deter"
)

// renewalDraws evaluates n common-random-number draws of each model with
// the post-war slope a set to 0 when zeroSlope (the index then moves
// nothing in either direction), and calls f with the works.
func renewalDraws(t *testing.T, n uint64, zeroSlope bool, f func(i uint64, ws []*swork), ms ...*Model) {
	t.Helper()
	ws := make([]*swork, len(ms))
	for j, m := range ms {
		ws[j] = m.st.newWork()
	}
	for i := range n {
		for j, m := range ms {
			m.st.sample(ws[j], 11, i, -1, 0)
			if zeroSlope {
				ws[j].x[m.st.coef.pwa] = 0
			}
			m.st.eval(ws[j])
		}
		f(i, ws)
	}
}

// At a = 0, with no mechanism and symmetric covariates (no decision), the
// two directions are the same curve, so renewal by either party is the
// directed survival squared, exactly (docs/assess.md, "Renewal by either
// party").
func TestRenewalIsDirectedSquared(t *testing.T) {
	m := compileYAML(t, fmt.Sprintf(postWarSrc, "postwar, war_outcome: no_decision", "    []\n"))
	s := m.st
	if len(s.phases[0].hr) != 0 {
		t.Fatalf("mechanisms %v", s.phases[0].hr)
	}
	renewalDraws(t, 100, true, func(i uint64, ws []*swork) {
		w := ws[0]
		c := &w.coef
		eta := s.pw.term(w.x)
		if eta == 0 {
			t.Fatal("Russia-Ukraine's dyad term is 0: the test would not see the covariates")
		}
		if r := s.pwR.term(w.x); r != eta {
			t.Fatalf("draw %d: η %v, swapped %v with no decision", i, eta, r)
		}
		for _, T := range []float64{1, 5, 10, 20} {
			d := deter.PostWarSurvival(c, 0, T, math.Exp(eta))
			if got := s.noAttack(w, c, T); math.Abs(got-d*d) > 1e-12 {
				t.Errorf("draw %d: S_renew(%g) %v, S_dir² %v", i, T, got, d*d)
			}
		}
		if d := deter.PostWarSurvival(c, 0, 1, math.Exp(eta)); math.Abs(w.out.PSQ-d*d) > 1e-12 {
			t.Errorf("draw %d: P(deterrence) %v, S_dir(1)² %v", i, w.out.PSQ, d*d)
		}
	}, m)
}

// The protégé's direction reads the war outcome swapped: after a war the
// challenger won, the protégé's hazard is the challenger's after a war it
// lost, and the other way round (at a = 0, no mechanism).
func TestRenewalSwapsTheWarOutcome(t *testing.T) {
	won := compileYAML(t, fmt.Sprintf(postWarSrc, "postwar, war_outcome: challenger_won", "    []\n"))
	lost := compileYAML(t, fmt.Sprintf(postWarSrc, "postwar, war_outcome: challenger_lost", "    []\n"))
	renewalDraws(t, 100, true, func(i uint64, ws []*swork) {
		a, b := ws[0].ph[0], ws[1].ph[0]
		if a.hz == b.hz {
			t.Fatalf("draw %d: the outcome moves nothing (%v)", i, a.hz)
		}
		if math.Abs(a.hzR-b.hz) > 1e-12*b.hz || math.Abs(b.hzR-a.hz) > 1e-12*a.hz {
			t.Errorf("draw %d: won (C→P %v, P→C %v), lost (C→P %v, P→C %v): not swapped", i, a.hz, a.hzR, b.hz, b.hzR)
		}
		if a.pcR != b.pc || b.pcR != a.pc {
			t.Errorf("draw %d: cured shares %v %v, %v %v", i, a.pc, a.pcR, b.pc, b.pcR)
		}
		// Renewal is symmetric in who won when nothing else differs.
		if sa, sb := won.st.noAttack(ws[0], &ws[0].coef, 10), lost.st.noAttack(ws[1], &ws[1].coef, 10); math.Abs(sa-sb) > 1e-12 {
			t.Errorf("draw %d: S_renew(10) %v after a win, %v after a loss", i, sa, sb)
		}
	}, won, lost)
}

// A guarantor's defence commitment to the protégé deters the challenger
// only: it changes the C→P factor (the index and the third-party
// guarantee) and leaves the P→C factor as it is; a ceasefire's monitors
// bind both parties and lower both hazards.
func TestRenewalTreatyOneWayMonitorsBoth(t *testing.T) {
	g := func(instruments string) string {
		return "    - country: USA\n      id: us\n      capability: {deployable_troops: 80000, source: judgment}\n      instruments:\n" + instruments
	}
	cease := "        - {type: ceasefire_agreement}\n"
	none := compileYAML(t, fmt.Sprintf(postWarSrc, "postwar", g("          []\n")))
	treaty := compileYAML(t, fmt.Sprintf(postWarSrc, "postwar", g("        - {type: defense_pact, ratified: true}\n")))
	bare := compileYAML(t, fmt.Sprintf(postWarSrc, "postwar", g(cease)))
	monitors := compileYAML(t, fmt.Sprintf(postWarSrc, "postwar", g(strings.Replace(cease, "}", ", monitors: 200}", 1))))
	if len(treaty.st.phases[0].hr) != 1 || len(treaty.st.phases[0].hrBoth) != 0 {
		t.Fatalf("treaty: mechanisms %v, of which both parties' %v; want the third-party guarantee, one way", treaty.st.phases[0].hr, treaty.st.phases[0].hrBoth)
	}
	if len(bare.st.phases[0].hrBoth) != 1 {
		t.Fatalf("ceasefire agreement: both parties' mechanisms %v; want its third-party guarantee", bare.st.phases[0].hrBoth)
	}
	renewalDraws(t, 200, false, func(i uint64, ws []*swork) {
		n, tr, b, mo := ws[0].ph[0], ws[1].ph[0], ws[2].ph[0], ws[3].ph[0]
		if tr.pcR != n.pcR || tr.hzR != n.hzR {
			t.Errorf("draw %d: a treaty moves the protégé's direction: pc %v -> %v, hz %v -> %v", i, n.pcR, tr.pcR, n.hzR, tr.hzR)
		}
		if !(tr.hz < n.hz) {
			t.Errorf("draw %d: a treaty does not lower the challenger's hazard: %v -> %v", i, n.hz, tr.hz)
		}
		if !(mo.hzR < b.hzR) || !(mo.hz < b.hz) {
			t.Errorf("draw %d: monitors: C→P %v -> %v, P→C %v -> %v (both should fall)", i, b.hz, mo.hz, b.hzR, mo.hzR)
		}
		if ws[1].out.PSQ < ws[0].out.PSQ-1e-12 || ws[3].out.PSQ < ws[2].out.PSQ-1e-12 {
			t.Errorf("draw %d: P(deterrence) falls with a treaty or monitors", i)
		}
	}, none, treaty, bare, monitors)
}
