package cli

import (
	"bytes"
	"os"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/game/gambit"
	"github.com/guarantor/guarantor/pipeline"
)

func init() { registerGame(newGameExportCmd) }

func newGameExportCmd() *cobra.Command {
	var format, out, engine, asOf string
	cmd := &cobra.Command{
		Use:   "export FILE",
		Short: "Write an option's deterrence game (at the inputs' medians) as a Gambit .efg file",
		Long: `Build the game that 'guarantor assess' solves for the option, with every input at its
median, and write it in Gambit's .efg format for re-checking with Gambit or 'guarantor game solve'.
The default (structural) engine's game: chance draws the challenger's valuation type, the
challenger keeps the status quo or attacks, chance draws the guarantors' responding set and the
war's outcome; payoffs (Challenger) are exact decimals. With --engine udg: the Unilateral
Deterrence Game, payoffs (Challenger, Defender).`,
		Example: "  guarantor game export examples/ukraine-2025/08-us-tripwire-7000.yaml --format efg -o us-tripwire.efg",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "efg" {
				return usageError("--format %q: expected efg", format)
			}
			t, err := pipeline.GameOpts(args[0], pipeline.Options{Engine: engine, AsOf: asOf})
			if err != nil {
				return inputError(err)
			}
			var b bytes.Buffer
			if err := gambit.WriteEFG(&b, t); err != nil {
				return err
			}
			if out == "" || out == "-" {
				_, err = cmd.OutOrStdout().Write(b.Bytes())
				return err
			}
			return os.WriteFile(out, b.Bytes(), 0o644)
		},
	}
	cmd.Flags().StringVar(&format, "format", "efg", "output format: efg")
	cmd.Flags().StringVarP(&out, "output", "o", "", "write to this file instead of standard output")
	addEngineFlag(cmd, &engine)
	addAsOfFlag(cmd, &asOf)
	return cmd
}
