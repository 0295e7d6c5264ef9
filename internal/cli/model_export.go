package cli

import (
	"bufio"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/game/gambit"
)

func init() { registerModel(newModelExportCmd) }

func newModelExportCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "export NAME key=value... [-o FILE]",
		Short: "Write a model's game tree as a Gambit .efg file (types as a chance node at the root)",
		Long: `Write the model as an extensive-form game in Gambit's .efg format, so that
its equilibria can be re-checked in Gambit or with guarantor game solve/check.
Parameters are read exactly from their decimal spelling (0.6 is 3/5).`,
		Example: `  guarantor model export udg cDC=1 cSQ=0.5 cDD+=0.3 cCD=0 cDD-=-0.5 dSQ=1 dCD=0.8 dDC=0.2 dDD+=0.4 dDD-=-0.4 pCh=0.5 pDef=0.6 -o udg.efg`,
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			_, inst, err := buildModel(args)
			if err != nil {
				return err
			}
			tr, err := inst.Game()
			if err != nil {
				return err
			}
			if out == "" || out == "-" {
				return gambit.WriteEFG(cmd.OutOrStdout(), tr)
			}
			f, err := os.Create(out)
			if err != nil {
				return err
			}
			w := bufio.NewWriter(f)
			if err := gambit.WriteEFG(w, tr); err != nil {
				f.Close()
				return err
			}
			if err := w.Flush(); err != nil {
				f.Close()
				return err
			}
			if err := f.Close(); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%d nodes)\n", out, tr.NumNodes())
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "output file (default: standard output)")
	return cmd
}
