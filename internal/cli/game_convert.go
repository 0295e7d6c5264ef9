package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gambit"
	"github.com/guarantor/guarantor/solve"
)

func init() { registerGame(newGameConvertCmd) }

func newGameConvertCmd() *cobra.Command {
	var to, out string
	cmd := &cobra.Command{
		Use:   "convert FILE --to efg|nfg",
		Short: "Convert a Gambit game between extensive (.efg) and strategic (.nfg) form",
		Long: `Convert a Gambit game file.

--to nfg writes the reduced strategic form of an extensive game (strategies
labelled as Gambit labels them: one action number per information set, '*'
where the player's own earlier choices make the set unreachable).
--to efg writes a strategic game as a tree in which the players move in turn,
each in a single information set, so no one sees the others' choices.
Converting to the same form rewrites the file in canonical layout.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if to != "efg" && to != "nfg" {
				return usageError("--to must be efg or nfg, not %q", to)
			}
			g, _, err := readGame(args[0])
			if err != nil {
				return usageError("%v", err)
			}
			w := cmd.OutOrStdout()
			if out != "" {
				f, err := os.Create(out)
				if err != nil {
					return err
				}
				defer f.Close()
				w = f
			}
			if err := convert(w, g, to); err != nil {
				return err
			}
			if f, ok := w.(*os.File); ok && out != "" {
				return f.Close()
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&to, "to", "", "target form: efg or nfg (required)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of standard output")
	_ = cmd.MarkFlagRequired("to")
	return cmd
}

func convert(w io.Writer, g game.Game, to string) error {
	switch x := g.(type) {
	case *game.Tree:
		if to == "efg" {
			return gambit.WriteEFG(w, x)
		}
		rf, err := x.ReducedForm(solve.MaxCells)
		if errors.Is(err, game.ErrTooManyCells) {
			return fmt.Errorf("cannot write the strategic form: %w", err)
		} else if err != nil {
			return err
		}
		return gambit.WriteNFG(w, rf.Table)
	case *game.Table:
		if to == "nfg" {
			return gambit.WriteNFG(w, x)
		}
		t, err := x.Tree()
		if err != nil {
			return err
		}
		return gambit.WriteEFG(w, t)
	}
	return fmt.Errorf("unknown game type %T", g)
}
