package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/report"
)

func init() { registerGame(newGameInfoCmd) }

func newGameInfoCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "info FILE",
		Short: "Describe a Gambit .efg or .nfg game: players, nodes, information sets, recall, subgames",
		Long: `Reads a Gambit game file (.efg or .nfg, recognised by its first word) and prints its
players, nodes (terminal and chance), information sets per player, outcomes, whether it has
perfect recall and how many subgames it has; for a strategic game, the strategies per player.
Information sets are counted as Gambit counts them: personal ones only, chance's listed apart.
A file that cannot be read exits with code 2 and file:line:column of the problem.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return usageError("--format must be text or json, not %q", format)
			}
			g, ws, err := readGame(args[0])
			if err != nil {
				return usageError("%v", err)
			}
			var wtext []string
			for _, w := range ws {
				wtext = append(wtext, w.String())
			}
			info := contract.DescribeGame(args[0], Version, g, wtext)
			if format == "json" {
				return report.JSON(cmd.OutOrStdout(), info)
			}
			for _, w := range ws {
				fmt.Fprintln(cmd.ErrOrStderr(), w)
			}
			return writeInfoText(cmd.OutOrStdout(), info)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

func writeInfoText(w io.Writer, info *contract.GameInfo) error {
	var b strings.Builder
	row := func(k, format string, args ...any) {
		fmt.Fprintf(&b, "%-15s "+format+"\n", append([]any{k + ":"}, args...)...)
	}
	row("file", "%s", info.File)
	row("title", "%s", info.Title)
	row("form", "%s", info.Form)
	names := make([]string, len(info.Players))
	for i, p := range info.Players {
		names[i] = fmt.Sprintf("%d %q", i+1, p.Name)
	}
	row("players", "%d: %s", len(info.Players), strings.Join(names, ", "))
	if info.Form == "extensive" {
		row("nodes", "%d (%d terminal, %d chance)", *info.Nodes, *info.TerminalNodes, *info.ChanceNodes)
		per := make([]string, len(info.Players))
		for i, p := range info.Players {
			per[i] = fmt.Sprintf("%s %d", p.Name, *p.Infosets)
		}
		row("infosets", "%d (%s; chance %d)", *info.Infosets, strings.Join(per, ", "), *info.ChanceInfosets)
		row("outcomes", "%d", info.Outcomes)
		if *info.PerfectRecall {
			row("perfect recall", "yes")
		} else {
			row("perfect recall", "no: %s", info.RecallProblem)
		}
		row("subgames", "%d", *info.Subgames)
	} else {
		per := make([]string, len(info.Players))
		for i, p := range info.Players {
			per[i] = fmt.Sprint(*p.Strategies)
		}
		row("strategies", "%s (%d cells)", strings.Join(per, " x "), *info.Cells)
		row("outcomes", "%d", info.Outcomes)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
