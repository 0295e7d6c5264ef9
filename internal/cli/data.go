package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/evidence"
	"github.com/guarantor/guarantor/report"
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
				var names []string
				for _, t := range evidence.Tables() {
					names = append(names, t.Name)
				}
				return writeData(cmd.OutOrStdout(), cmd, nil, names, rows)
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

// writeData writes v as the data document of the output contract: the
// command with its arguments and set flags (in name order), the datasets
// of tables, and v with snake_case keys.
func writeData(w io.Writer, cmd *cobra.Command, args []string, tables []string, v any) error {
	parts := append([]string{strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")}, args...)
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if f.Name != "format" {
			parts = append(parts, "--"+f.Name+"="+f.Value.String())
		}
	})
	var ds []contract.DatasetRef
	seen := map[string]bool{}
	for _, t := range tables {
		d, err := evidence.DatasetOf(t)
		if err != nil || seen[d.Name] {
			continue
		}
		seen[d.Name] = true
		ds = append(ds, contract.DatasetRef{Name: d.Name, Version: d.Version})
	}
	doc, err := contract.NewData(Version, strings.Join(parts, " "), ds, v)
	if err != nil {
		return err
	}
	return report.JSON(w, doc)
}
