package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/models/catalog"
	"github.com/guarantor/guarantor/report"
)

func init() { registerModel(newModelSolveCmd) }

func newModelSolveCmd() *cobra.Command {
	var format, profileOut string
	var profileEq int
	cmd := &cobra.Command{
		Use:   "solve NAME key=value...",
		Short: "Solve a model: every equilibrium found, the primary (refinement-passing) one first",
		Long: `Solve a model and list its equilibria, the primary one first (D1-consistent
where the model has a D1 analysis). Each equilibrium gives its region,
behaviour strategies per type, beliefs at each information set, outcome
probabilities, P(war), the refinement and whether it passes, and the PBE
verifier's check on the model's own tree.`,
		Example: `  guarantor model solve udg cDC=1 cSQ=0.5 cDD+=0.3 cCD=0 cDD-=-0.5 dSQ=1 dCD=0.8 dDC=0.2 dDD+=0.4 dDD-=-0.4 pCh=0.5 pDef=0.6 --format json`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageError("--format must be text or json, not %q", format)
			}
			e, inst, err := buildModel(args)
			if err != nil {
				return err
			}
			sol, err := catalog.SolveChecked(inst)
			if err != nil {
				return err
			}
			if profileOut != "" {
				if err := writeProfile(inst, sol, profileEq, profileOut); err != nil {
					return err
				}
			}
			w := cmd.OutOrStdout()
			if format == "json" {
				doc, err := contract.FromModelSolution(Version, sol)
				if err != nil {
					return err
				}
				return report.JSON(w, doc)
			}
			writeSolution(w, e.Spec, sol)
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	cmd.Flags().StringVar(&profileOut, "profile-out", "", "also write equilibrium --eq as a profile file for `guarantor game check` on the exported tree")
	cmd.Flags().IntVar(&profileEq, "eq", 1, "which equilibrium --profile-out writes (1 = primary)")
	return cmd
}

func writeProfile(inst catalog.Instance, sol *models.Solution, k int, path string) error {
	if k < 1 || k > len(sol.Equilibria) {
		return usageError("--eq %d: the solution has %d equilibria", k, len(sol.Equilibria))
	}
	tr, err := inst.Game()
	if err != nil {
		return err
	}
	pf, err := models.Profile(tr, &sol.Equilibria[k-1])
	if err != nil {
		return err
	}
	data, err := json.Marshal(pf)
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(data, '\n'), 0o644)
}

func num(x float64) string {
	if x == 0 {
		x = 0 // no "-0"
	}
	return strconv.FormatFloat(x, 'g', 6, 64)
}

func dist(d models.Dist) string {
	parts := make([]string, len(d))
	for i, kv := range d {
		parts[i] = kv.Key + "=" + num(kv.Value)
	}
	return strings.Join(parts, " ")
}

func writeSolution(w io.Writer, spec models.Spec, sol *models.Solution) {
	fmt.Fprintf(w, "%s: %s\n", sol.Model, spec.Summary)
	fmt.Fprintf(w, "parameters: %s\n", dist(sol.Parameters))
	if len(sol.Summary) > 0 {
		parts := make([]string, len(sol.Summary))
		for i, f := range sol.Summary {
			if x, ok := f.Value.(float64); ok {
				parts[i] = f.Key + "=" + num(x)
			} else {
				parts[i] = fmt.Sprintf("%s=%v", f.Key, f.Value)
			}
		}
		fmt.Fprintln(w, strings.Join(parts, " "))
	}
	if len(sol.Equilibria) == 0 {
		fmt.Fprintln(w, "\nno equilibrium found (see docs/models.md for what each model searches)")
	}
	for i, eq := range sol.Equilibria {
		pass := "passes"
		if !eq.PassesRefinement {
			pass = "FAILS"
		}
		check := ""
		if eq.Check != nil {
			check = fmt.Sprintf("; PBE check: passed (max regret %s)", num(eq.Check.MaxRegret))
			if !eq.Check.Passed {
				check = "; PBE check: FAILED: " + eq.Check.Worst
			}
		}
		fmt.Fprintf(w, "\n%d. %s  [%s: %s%s]\n", i+1, eq.Region, eq.Refinement, pass, check)
		if eq.Note != "" {
			fmt.Fprintf(w, "   %s\n", eq.Note)
		}
		fmt.Fprintf(w, "   outcomes: %s   P(war)=%s\n", dist(eq.Outcomes), num(eq.PWar))
		fmt.Fprintln(w, "   strategies:")
		for _, r := range eq.Strategies {
			fmt.Fprintf(w, "     %-32s %s\n", r.Key, dist(r.Dist))
		}
		if len(eq.Beliefs) > 0 {
			fmt.Fprintln(w, "   beliefs:")
			for _, r := range eq.Beliefs {
				fmt.Fprintf(w, "     %-32s %s\n", r.Key, dist(r.Dist))
			}
		}
		if len(eq.Values) > 0 {
			fmt.Fprintf(w, "   values: %s\n", dist(eq.Values))
		}
	}
}
