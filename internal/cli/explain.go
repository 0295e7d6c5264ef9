package cli

import (
	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/pipeline"
	"github.com/guarantor/guarantor/report"
)

func init() { register(newExplainCmd) }

func newExplainCmd() *cobra.Command {
	var format, engine, asOf string
	cmd := &cobra.Command{
		Use:   "explain FILE",
		Short: "Print the chain from inputs to game to equilibrium to probabilities for one option",
		Long: `Print, at the inputs' medians, each guarantor's commitment term by term, the capability
balance, the effective credibility, the Unilateral Deterrence Game built from them, its D1
equilibrium and the durability, then every input with its source. 'guarantor assess' gives the
same quantities averaged over the uncertainty. --format json follows docs/output.md.`,
		Example: "  guarantor explain examples/ukraine-2025/08-us-tripwire-7000.yaml",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageError("--format %q: expected text or json", format)
			}
			o := pipeline.Options{Version: Version, Engine: engine, AsOf: asOf}
			if err := o.Check(); err != nil {
				return inputError(err)
			}
			es, err := pipeline.ExplainOpts(o, args...)
			if err != nil {
				return inputError(err)
			}
			for _, e := range es {
				if format == "json" {
					err = report.JSON(cmd.OutOrStdout(), e)
				} else {
					err = report.Explain(cmd.OutOrStdout(), e)
				}
				if err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output: text or json")
	addEngineFlag(cmd, &engine)
	addAsOfFlag(cmd, &asOf)
	return cmd
}
