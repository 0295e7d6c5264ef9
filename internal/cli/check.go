package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"math/big"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/inputfile"
	"github.com/guarantor/guarantor/solve/pbe"
)

func init() { registerGame(newGameCheckCmd) }

func newGameCheckCmd() *cobra.Command {
	var profilePath, format string
	var exact, onPath bool
	var tol float64
	cmd := &cobra.Command{
		Use:   "check FILE.efg --profile P.json",
		Short: "Verify that an assessment (behaviour profile + beliefs) is a perfect Bayesian equilibrium",
		Long: `Check sequential rationality at every information set (no action earns more
than the prescribed mix, given the beliefs and continuation play) and Bayes
consistency wherever chance and the other players' strategies reach the set,
and report the worst violation. Exit status 0 when the assessment passes,
1 when it does not, 2 on bad input.

The profile file is JSON: {"behavior": [player][infoset][action],
"beliefs": {"player:infoset": [node probabilities]}}; numbers may be
strings such as "1/3". See docs/models.md.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if profilePath == "" {
				return usageError("--profile is required")
			}
			if format != "text" && format != "json" {
				return usageError("--format must be text or json, not %q", format)
			}
			g, _, err := readGame(args[0])
			if err != nil {
				return usageError("%v", err)
			}
			tr, ok := g.(*game.Tree)
			if !ok {
				return usageError("%s: game check needs an extensive-form (.efg) game", args[0])
			}
			data, err := inputfile.Read(profilePath, inputfile.MaxProfileBytes)
			if err != nil {
				return usageError("%v", err)
			}
			prof, bel, err := pbe.ParseProfile(data, tr)
			if err != nil {
				return usageError("%s: %v", profilePath, err)
			}
			res, err := runCheck(tr, prof, bel, exact, pbe.Options{Tol: tol, OnPathOnly: onPath})
			if err != nil {
				return usageError("%s: %v", profilePath, err)
			}
			if err := writeCheck(cmd.OutOrStdout(), format, res); err != nil {
				return err
			}
			if !res.Passed {
				return &exitError{code: 1, err: fmt.Errorf("not a PBE: %s", res.Worst)}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&profilePath, "profile", "", "JSON file with the behaviour profile and beliefs")
	cmd.Flags().BoolVar(&exact, "exact", false, "check in exact rational arithmetic")
	cmd.Flags().BoolVar(&onPath, "on-path-only", false, "check Bayes' rule only on the equilibrium path (weak PBE)")
	cmd.Flags().Float64Var(&tol, "tol", pbe.DefaultTol, "tolerance for float checks")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

type checkResult struct {
	Passed        bool        `json:"passed"`
	Exact         bool        `json:"exact"`
	MaxRegret     float64     `json:"max_regret"`
	MaxBayesError float64     `json:"max_bayes_error"`
	Worst         string      `json:"worst"`
	Violations    []violation `json:"violations"`
}

type violation struct {
	Player    int     `json:"player"`
	Infoset   int     `json:"infoset"`
	Label     string  `json:"label,omitempty"`
	Kind      string  `json:"kind"`
	Magnitude float64 `json:"magnitude"`
	Exact     string  `json:"exact,omitempty"`
}

func runCheck(tr *game.Tree, prof game.BehaviorProfile, bel [][]*big.Rat, exact bool, opt pbe.Options) (*checkResult, error) {
	res := &checkResult{Exact: exact, Violations: []violation{}}
	if exact {
		rep, err := pbe.VerifyExact(tr, prof, bel, opt)
		if err != nil {
			return nil, err
		}
		res.Passed, res.Worst = rep.OK(), rep.Worst.String()
		for _, v := range rep.Violations {
			res.Violations = append(res.Violations, violation{v.Player, v.Number, v.Label, v.Kind.String(), v.Magnitude, ""})
			if v.Kind == pbe.Rationality {
				res.MaxRegret = max(res.MaxRegret, v.Magnitude)
			} else {
				res.MaxBayesError = max(res.MaxBayesError, v.Magnitude)
			}
		}
		if rep.WorstExact != nil {
			res.Worst += " (exactly " + rep.WorstExact.RatString() + ")"
		}
		return res, nil
	}
	rep, err := pbe.Verify(tr, prof.Float(), pbe.FloatBeliefs(bel), opt)
	if err != nil {
		return nil, err
	}
	res.Passed, res.Worst = rep.OK(), rep.Worst.String()
	res.MaxRegret, res.MaxBayesError = rep.MaxRegret, rep.MaxBayesError
	for _, v := range rep.Violations {
		res.Violations = append(res.Violations, violation{v.Player, v.Number, v.Label, v.Kind.String(), v.Magnitude, ""})
	}
	return res, nil
}

func writeCheck(w io.Writer, format string, res *checkResult) error {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	verdict := "PBE: yes"
	if !res.Passed {
		verdict = "PBE: no"
	}
	fmt.Fprintf(w, "%s\nmax regret %.6g, max Bayes error %.6g\nworst: %s\n", verdict, res.MaxRegret, res.MaxBayesError, res.Worst)
	for _, v := range res.Violations {
		fmt.Fprintf(w, "  player %d infoset %d %s: %s violated by %.6g\n", v.Player, v.Infoset, v.Label, v.Kind, v.Magnitude)
	}
	return nil
}
