package cli

import (
	"github.com/guarantor/guarantor/scenario"
	"github.com/spf13/cobra"
)

func init() { register(newSchemaCmd) }

// newSchemaCmd prints the scenario file format's JSON Schema, for editors
// (yaml-language-server: $schema=...) and other tools.
func newSchemaCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "schema",
		Short: "Print the JSON Schema (draft 2020-12) of scenario files",
		Long: `Print the JSON Schema that guarantor validates scenario files against.
Save it and point your editor's YAML language server at it for completion
and inline errors. docs/scenario.md explains every field.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := cmd.OutOrStdout().Write(scenario.Schema())
			return err
		},
	}
}
