package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/evidence"
)

func init() { registerData(newDataShowCmd) }

func newDataShowCmd() *cobra.Command {
	var (
		where  []string
		years  string
		format string
		limit  int
	)
	cmd := &cobra.Command{
		Use:   "show NAME",
		Short: "Print rows of an embedded table, filtered by --where and --years",
		Long: `Print rows of an embedded table (see 'guarantor data list').

--where COLUMN OP VALUE (OP one of = != < <= > >=; repeat for AND). On ccode
columns a country name or COW abbreviation works too: --where ccode=RUS.
--years 2014, 2010:2022, 2010: or :1945 filters on the year column, or on
spells (styear-endyear, start-end) that overlap the range.`,
		Example: `  guarantor data show cow_nmc --where ccode=365 --years 2014:2014
  guarantor data show us_troops --where ccode=Poland --years 2013: --format csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := evidence.Load(args[0])
			if err != nil {
				return usageError("%v", err)
			}
			var conds []evidence.Cond
			for _, w := range where {
				c, err := evidence.ParseWhere(w)
				if err != nil {
					return usageError("--where: %v", err)
				}
				conds = append(conds, c)
			}
			var yr *evidence.Years
			if years != "" {
				y, err := evidence.ParseYears(years)
				if err != nil {
					return usageError("--years: %v", err)
				}
				yr = &y
			}
			rows, err := t.Select(conds, yr)
			if err != nil {
				return usageError("%v", err)
			}
			if limit > 0 && len(rows) > limit {
				rows = rows[:limit]
			}
			if format == "json" {
				out := make([]orderedRow, 0, len(rows))
				for _, i := range rows {
					out = append(out, orderedRow{t, i})
				}
				raw, err := json.Marshal(out)
				if err != nil {
					return err
				}
				return writeData(cmd.OutOrStdout(), cmd, args, []string{t.Name}, json.RawMessage(raw))
			}
			return renderRows(cmd.OutOrStdout(), t, rows, format)
		},
	}
	cmd.Flags().StringArrayVar(&where, "where", nil, "row condition COLUMN OP VALUE (repeatable)")
	cmd.Flags().StringVar(&years, "years", "", "year or range FROM:TO")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, csv or json")
	cmd.Flags().IntVar(&limit, "limit", 0, "print at most this many rows (0 = all)")
	return cmd
}

func renderRows(w io.Writer, t *evidence.Table, rows []int, format string) error {
	switch format {
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(t.Header()); err != nil {
			return err
		}
		rec := make([]string, len(t.Cols))
		for _, i := range rows {
			for j := range t.Cols {
				rec[j] = t.Cols[j].Text(i)
			}
			if err := cw.Write(rec); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	case "text":
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.Join(t.Header(), "\t"))
		for _, i := range rows {
			cells := make([]string, len(t.Cols))
			for j := range t.Cols {
				cells[j] = t.Cols[j].Text(i)
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t"))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		ds, _ := evidence.DatasetOf(t.Name)
		fmt.Fprintf(w, "(%d row(s); %s %s; cite with 'guarantor data cite %s')\n", len(rows), ds.Title, ds.Version, t.Name)
		return nil
	}
	return usageError("--format %q: expected text, csv or json", format)
}

// orderedRow renders one table row as a JSON object with the columns in
// table order, numbers as numbers and missing cells as null.
type orderedRow struct {
	t *evidence.Table
	i int
}

func (r orderedRow) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for j := range r.t.Cols {
		c := &r.t.Cols[j]
		if j > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, c.Name)
		b = append(b, ':')
		switch s := c.Text(r.i); {
		case s == "":
			b = append(b, "null"...)
		case c.Str == nil:
			b = append(b, s...)
		default:
			q, err := json.Marshal(s)
			if err != nil {
				return nil, err
			}
			b = append(b, q...)
		}
	}
	return append(b, '}'), nil
}
