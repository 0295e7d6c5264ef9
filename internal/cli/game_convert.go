package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gambit"
	"github.com/guarantor/guarantor/solve"
)

func init() { registerGame(newGameConvertCmd) }

func newGameConvertCmd() *cobra.Command {
	var to, out string
	var timeout time.Duration
	var memory int64
	cmd := &cobra.Command{
		Use:   "convert FILE --to efg|nfg",
		Short: "Convert a Gambit game between extensive (.efg) and strategic (.nfg) form",
		Long: `Convert a Gambit game file.

--to nfg writes the reduced strategic form of an extensive game (strategies
labelled as Gambit labels them: one action number per information set, '*'
where the player's own earlier choices make the set unreachable).
--to efg writes a strategic game as a tree in which the players move in turn,
each in a single information set, so no one sees the others' choices.
Converting to the same form rewrites the file in canonical layout.
--to nfg is bounded as game solve is: --timeout stops the conversion (exit 1)
and a reduced form whose size, counted from the tree, is over --memory is
refused before it is built (exit 1).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if to != "efg" && to != "nfg" {
				return usageError("--to must be efg or nfg, not %q", to)
			}
			switch {
			case timeout < 0:
				return usageError("--timeout must be 0 (no limit) or positive, not %v", timeout)
			case memory < -1:
				return usageError("--memory must be -1 (no limit), 0 (the default) or a number of MiB, not %d", memory)
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
			ctx := cmd.Context()
			if ctx == nil {
				ctx = context.Background()
			}
			if timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, timeout)
				defer cancel()
			}
			if err := convert(ctx, w, g, to, solve.Options{MemoryLimit: memoryBytes(memory)}.Memory()); errors.Is(err, context.DeadlineExceeded) {
				return fmt.Errorf("timed out after %v (nothing written)", timeout)
			} else if err != nil {
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
	cmd.Flags().DurationVar(&timeout, "timeout", 0, "stop after this long (e.g. 30s); 0 means no limit")
	cmd.Flags().Int64Var(&memory, "memory", 0, fmt.Sprintf("memory the strategic form may take, in MiB; 0 means %d MiB, -1 no limit", solve.DefaultMemoryLimit>>20))
	_ = cmd.MarkFlagRequired("to")
	return cmd
}

func convert(ctx context.Context, w io.Writer, g game.Game, to string, memory int64) error {
	switch x := g.(type) {
	case *game.Tree:
		if to == "efg" {
			return gambit.WriteEFG(w, x)
		}
		rf, err := x.ReducedFormLimit(ctx, solve.MaxCells, memory)
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
