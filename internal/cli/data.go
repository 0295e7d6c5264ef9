package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/evidence"
)

// dataCommands are the subcommands of `guarantor data`, one file each.
var dataCommands []func() *cobra.Command

func registerData(mk func() *cobra.Command) { dataCommands = append(dataCommands, mk) }

func init() {
	register(func() *cobra.Command {
		cmd := &cobra.Command{
			Use:   "data",
			Short: "The embedded datasets: list, show, cite, and the analyses built on them",
		}
		for _, mk := range dataCommands {
			cmd.AddCommand(mk())
		}
		return cmd
	})
	registerData(newDataListCmd)
}

func newDataListCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the embedded tables with their dataset, version and years",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			type row struct {
				Table, Dataset, Version, Years, Rows, Licence string
			}
			var rows []row
			for _, t := range evidence.Tables() {
				ds, err := evidence.DatasetOf(t.Dataset)
				if err != nil {
					return err
				}
				rows = append(rows, row{t.Name, ds.Name, ds.Version, ds.Years, t.Summary, ds.Licence})
			}
			switch format {
			case "json":
				return writeJSON(cmd.OutOrStdout(), rows)
			case "text":
				w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
				fmt.Fprintln(w, "TABLE\tDATASET\tVERSION\tYEARS\tONE ROW IS")
				for _, r := range rows {
					fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", r.Table, r.Dataset, r.Version, r.Years, r.Rows)
				}
				return w.Flush()
			}
			return usageError("--format %q: expected text or json", format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
