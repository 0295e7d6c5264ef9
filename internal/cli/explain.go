package cli

import (
	"fmt"
	"io"
	"math"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/assess"
)

func init() { register(newExplainCmd) }

func newExplainCmd() *cobra.Command {
	var engine string
	cmd := &cobra.Command{
		Use:   "explain FILE",
		Short: "Print the chain from inputs to game to equilibrium to probabilities for one option",
		Long: `Print, at the inputs' medians, each guarantor's commitment term by term, the capability
balance, the effective credibility, the Unilateral Deterrence Game built from them, its D1
equilibrium and the durability, then every input with its source. 'guarantor assess' gives the
same quantities averaged over the uncertainty.`,
		Example: "  guarantor explain examples/ukraine-2025/us-tripwire.yaml",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts, err := assess.LoadOptionsWith(args, engine)
			if err != nil {
				return usageError("%v", err)
			}
			for _, o := range opts {
				m, err := assess.Compile(o)
				if err != nil {
					return usageError("%v", err)
				}
				writeExplain(cmd.OutOrStdout(), m)
			}
			return nil
		},
	}
	addEngineFlag(cmd, &engine)
	return cmd
}

func writeExplain(w io.Writer, m *assess.Model) {
	t := m.Explain()
	if t.Structural != nil {
		writeExplainStructural(w, m, t.Structural)
		return
	}
	o := &m.Opt
	fmt.Fprintf(w, "%s (%s), input hash %s, guarantor %s\n", o.Name, o.File, m.Hash(), Version)
	fmt.Fprintf(w, "Challenger %s, protégé %s, year %d. Every input at its median.\n\n", o.Challenger.Name, o.Protege.Name, o.Year)
	fmt.Fprintln(w, "1. Commitment: logit P(fights) = logit(base rate) + tripwire + air + stake/audience + war cost + signals")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "   guarantor\tinstrument\tbase rate\tlogit\ttripwire\tair\tstake/aud\twar cost\tsignals\t= P(fights)\t")
	for _, g := range t.Guarantors {
		lb := math.Log(g.BaseRate / (1 - g.BaseRate))
		fmt.Fprintf(tw, "   %s\t%s\t%.3f\t%+.2f\t%+.2f\t%+.2f\t%+.2f\t%+.2f\t%+.2f\t%.3f\t\n", g.Name, g.Instrument, g.BaseRate, lb,
			g.Tripwire, g.Air, g.StakeAudience, g.WarCost, g.Signals, g.PFight)
	}
	tw.Flush()
	if len(t.Guarantors) == 0 {
		fmt.Fprintln(w, "   (no guarantor)")
	}
	fmt.Fprintln(w, "\n2. Capability (contest success on CINC x deploy x reach)")
	for _, g := range t.Guarantors {
		fmt.Fprintf(w, "   %s with the protégé: P(win) %.3f\n", g.Name, g.PWin)
	}
	fmt.Fprintf(w, "   every guarantor with the protégé: P(win) %.3f\n", t.PWinAll)
	fmt.Fprintf(w, "\n3. Effective credibility = P(a coalition that can win responds) = %.3f  (the game's pDef)\n", t.Credibility)
	p := t.Game
	fmt.Fprintln(w, "\n4. Unilateral Deterrence Game (Zagare-Kilgour; SPEC.md §1.2), payoffs (Challenger; Defender)")
	fmt.Fprintf(w, "   SQ (%.3f; %.3f)  DC (%.3f; %.3f)  CD (%.3f; %.3f)  DD Hard/Soft Ch (%.3f / %.3f; Def %.3f / %.3f)\n",
		p.CSQ, p.DSQ, p.CDC, p.DDC, p.CCD, p.DCD, p.CDDP, p.CDDM, p.DDDP, p.DDDM)
	fmt.Fprintf(w, "   pCh %.3f, pDef %.3f\n", p.PCh, p.PDef)
	if t.NoGain {
		fmt.Fprintln(w, "   the challenger gains nothing by attacking an abandoned protégé: no attack")
	} else {
		e := t.Eq
		fmt.Fprintf(w, "   thresholds: gammaH %.3f, gammaS %.3f, delta %.3f\n", e.GammaH, e.GammaS, e.Delta)
		fmt.Fprintf(w, "   D1 equilibrium: %s; Hard Ch initiates %.3f, Soft Ch %.3f; Soft Def resists %.3f\n", t.Region, e.XH, e.XS, e.S)
		fmt.Fprintf(w, "   outcomes among the types that play: SQ %.3f  DC %.3f  CD %.3f  DD (war) %.3f\n", e.PSQ, e.PDC, e.PCD, e.PDD)
	}
	fmt.Fprintf(w, "   challenger types that never attack (war costs more than even an unguarded protégé is worth): %.3f\n", t.Satisfied)
	fmt.Fprintf(w, "   challenger types that prefer war with the responders to the status quo (attack whatever): %.3f\n", t.Determined)
	fmt.Fprintf(w, "   P(deterrence holds) %.3f = %.3f + %.3f x SQ; P(war) %.3f\n", t.PSQ, t.Satisfied, max(1-t.Satisfied-t.Determined, 0), t.PWar)
	fmt.Fprintf(w, "\n5. Durability: the challenger decides now (above), then re-decides yearly; hazard after the first year %.4f;", t.Hazard)
	for _, h := range t.NoWar {
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
