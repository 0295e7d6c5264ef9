package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/scenario"
)

func init() { register(newSchemaCmd) }

// newSchemaCmd prints the scenario file format's JSON Schema, for editors
// (yaml-language-server: $schema=...) and other tools, or with --output
// the schema of one of the JSON outputs (the output contract).
func newSchemaCmd() *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema (draft 2020-12) of scenario files, or of an output with --output",
		Long: `Print the JSON Schema that guarantor validates scenario files against.
Save it and point your editor's YAML language server at it for completion
and inline errors. docs/scenario.md explains every field.

With --output NAME, print instead the schema of a JSON output of the output
contract (docs/output.md): ` + strings.Join(contract.Names(), ", ") + `.`,
		Example: `  guarantor schema > scenario.schema.json
  guarantor schema --output assess`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if output == "" {
				_, err := cmd.OutOrStdout().Write(scenario.Schema())
				return err
			}
			s, err := contract.Schema(output)
			if err != nil {
				return usageError("--output: %v", err)
			}
			_, err = cmd.OutOrStdout().Write(s)
			return err
		},
	}
	cmd.Flags().StringVar(&output, "output", "", "print the schema of this JSON output instead: "+strings.Join(contract.Names(), ", "))
	return cmd
}
