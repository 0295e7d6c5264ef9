package cli

import (
	"errors"

	"github.com/guarantor/guarantor/solve"
	"github.com/guarantor/guarantor/solve/enummixed"
	"github.com/guarantor/guarantor/solve/lcp"
	"github.com/guarantor/guarantor/solve/logit"
	"github.com/guarantor/guarantor/solve/lp"
)

// The mixed-equilibrium methods of `game solve` (issue 6), registered in the
// method table of game_solve.go. --max N stops after N equilibria, like
// gambit-lcp's -e; --count is its alias.
func init() {
	noAgent := func(s solve.Solver) func(solveFlags) (solve.Solver, error) {
		return func(f solveFlags) (solve.Solver, error) {
			if f.agent {
				return nil, errors.New("--agent applies to --method enumpure only")
			}
			return s, nil
		}
	}
	solveMethods["lcp"] = solveMethod{
		solver: noAgent(lcp.Solver{}),
		trees:  true, tables: true,
		help: "two players, exact: Lemke-Howson from every label and every equilibrium found (tables), sequence-form Lemke (trees, one equilibrium)",
	}
	solveMethods["enummixed"] = solveMethod{
		solver: noAgent(enummixed.Solver{}),
		tables: true, viaReducedForm: true,
		help: "two players, exact: every extreme equilibrium (vertex enumeration); on a tree, of its reduced strategic form",
	}
	solveMethods["lp"] = solveMethod{
		solver: noAgent(lp.Solver{}),
		trees:  true, tables: true,
		help: "two-player constant-sum games, exact: a pair of optimal strategies by linear programming",
	}
	solveMethods["logit"] = solveMethod{
		solver: noAgent(logit.Solver{}),
		trees:  true, tables: true,
		help: "any number of players: end of the logit QRE branch at lambda 10^6 (approximate, six decimals)",
	}
}
