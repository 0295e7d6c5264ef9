package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/guarantor/guarantor/assess"
)

// writeExplainStructural prints the structural engine's chain (MODEL.md
// §3, docs/assess.md) at the inputs' medians.
func writeExplainStructural(w io.Writer, m *assess.Model, t *assess.StructuralTrace) {
	o := &m.Opt
	fmt.Fprintf(w, "%s (%s), input hash %s, guarantor %s, structural engine\n", o.Name, o.File, m.Hash(), Version)
	fmt.Fprintf(w, "Assessed as of %s. Every input at its median.\n", t.AsOf)
	for _, f := range t.Flags {
		fmt.Fprintf(w, "FLAG: %s\n", f)
	}
	fmt.Fprintf(w, "\n1. Forces in the theatre: challenger %.4g, protégé %.4g\n", t.FC, t.FP)
	fmt.Fprintln(w, "\n2. Responses: q_g = L(base + post1945 + troops + stake + audience + balance + challenge + signals)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "   guarantor\tinstrument\tbase\tpost1945\ttroops\tstake\taudience\tbalance\tchallenge\tsignals\t= q\tforce\tP(win with protégé)\t")
	for _, g := range t.Guarantors {
		fmt.Fprintf(tw, "   %s\t%s\t%+.2f\t%+.2f\t%+.2f\t%+.2f\t%+.2f\t%+.2f\t%+.2f\t%+.2f\t%.3f\t%.4g\t%.3f\t\n", g.Name, g.Instrument,
			g.Base, g.Post1945, g.Troops, g.Stake, g.Audience, g.Balance, g.Shift, g.Signals, g.Q, g.Force, g.PWin)
	}
	tw.Flush()
	if len(t.Guarantors) == 0 {
		fmt.Fprintln(w, "   (no guarantor)")
	}
	fmt.Fprintln(w, "\n3. Responding sets (Gaussian copula over the responses): P(S), challenger's π_S and cost C_S")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "   set\tP(S)\tF_S\tπ_S\tC_S\t")
	for _, s := range t.Sets {
		fmt.Fprintf(tw, "   {%s}\t%.4f\t%.4g\t%.3f\t%.3f\t\n", strings.Join(s.Members, ","), s.P, s.Force, s.Pi, s.Cost)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n4. Challenger's best response: Π = E[π_S] = %.4f, C̄ = E[C_S] = %.4f, deterrence index DI = %.3f\n", t.Pi, t.Cbar, t.Index)
	fmt.Fprintf(w, "   P(deterrence holds) = L(DI) = %.3f; P(war) %.3f\n", t.PSQ, 1-t.PSQ)
	fmt.Fprintf(w, "\n5. Durability (cure Weibull, hazard ratio of the mechanisms %.3f, %d phase(s) of instruments in force):", t.HR, t.Phases)
	for _, h := range t.Survival {
		fmt.Fprintf(w, " P(no war by %dy) %.3f;", h.Years, h.P.Mean)
	}
	fmt.Fprintln(w, "\n\n6. Inputs and sources")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, a := range m.Assumptions() {
		fmt.Fprintf(tw, "   %s\t%s\tmedian %.4g\t%s\n", a.Name, a.Dist, a.Median, a.Source)
	}
	tw.Flush()
	fmt.Fprintln(w)
}
