package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/evidence"
)

func init() { registerData(newDataCiteCmd) }

func newDataCiteCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "cite NAME",
		Short: "Print the citation of a dataset or table (text, bibtex, or the full SOURCE.md)",
		Example: `  guarantor data cite cow_nmc
  guarantor data cite bf2018 --format bibtex
  guarantor data cite us_troops --format source`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ds, err := evidence.DatasetOf(args[0])
			if err != nil {
				return usageError("%v", err)
			}
			out := cmd.OutOrStdout()
			switch format {
			case "text":
				fmt.Fprintf(out, "%s (version %s, %s)\n%s\nTerms: %s\n", ds.Title, ds.Version, ds.Years, ds.Citation, ds.Licence)
			case "bibtex":
				fmt.Fprintln(out, ds.BibTeX)
			case "source":
				src, err := evidence.Source(ds.Name)
				if err != nil {
					return err
				}
				fmt.Fprint(out, src)
			default:
				return usageError("--format %q: expected text, bibtex or source", format)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, bibtex or source")
	return cmd
}
