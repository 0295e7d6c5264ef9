package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gambit"
)

func init() { registerGame(newGameInfoCmd) }

// gameInfo is the JSON shape of `guarantor game info --format json`. Fields
// that only apply to one form are omitted for the other; the shape is
// stable (new fields may be added, none renamed or removed).
type gameInfo struct {
	File    string       `json:"file"`
	Form    string       `json:"form"` // "extensive" (.efg) or "strategic" (.nfg)
	Title   string       `json:"title"`
	Players []playerInfo `json:"players"`
	// Extensive form.
	Nodes          *int     `json:"nodes,omitempty"`
	TerminalNodes  *int     `json:"terminal_nodes,omitempty"`
	ChanceNodes    *int     `json:"chance_nodes,omitempty"`
	Infosets       *int     `json:"infosets,omitempty"` // personal infosets, as Gambit counts them
	ChanceInfosets *int     `json:"chance_infosets,omitempty"`
	PerfectRecall  *bool    `json:"perfect_recall,omitempty"`
	RecallProblem  string   `json:"recall_problem,omitempty"`
	Subgames       *int     `json:"subgames,omitempty"` // subgame roots, the whole game included
	Cells          *int     `json:"cells,omitempty"`    // strategic form: pure-strategy profiles
	Outcomes       int      `json:"outcomes"`
	Warnings       []string `json:"warnings"`
}

type playerInfo struct {
	Name       string `json:"name"`
	Infosets   *int   `json:"infosets,omitempty"`
	Strategies *int   `json:"strategies,omitempty"`
}

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
			g, ws, err := gambit.ReadFileWithWarnings(args[0])
			if err != nil {
				return usageError("%v", err)
			}
			info := describeGame(args[0], g, ws)
			if format == "json" {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(info)
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

func infoPtr[T any](v T) *T { return &v }

// describeGame counts what game info reports.
func describeGame(file string, g game.Game, ws []gambit.Warning) gameInfo {
	info := gameInfo{File: file, Warnings: []string{}}
	for _, w := range ws {
		info.Warnings = append(info.Warnings, w.String())
	}
	switch x := g.(type) {
	case *game.Tree:
		info.Form, info.Title, info.Outcomes = "extensive", x.Title, len(x.Outcomes)
		personal := 0
		for p, name := range x.Players {
			n := len(x.PlayerInfosets(p + 1))
			personal += n
			info.Players = append(info.Players, playerInfo{Name: name, Infosets: infoPtr(n)})
		}
		terminal, chance := 0, 0
		for i := range x.Nodes {
			switch x.Player(game.NodeID(i)) {
			case game.None:
				terminal++
			case 0:
				chance++
			}
		}
		info.Nodes, info.TerminalNodes, info.ChanceNodes = infoPtr(x.NumNodes()), infoPtr(terminal), infoPtr(chance)
		info.Infosets, info.ChanceInfosets = infoPtr(personal), infoPtr(len(x.PlayerInfosets(0)))
		err := x.PerfectRecall()
		info.PerfectRecall = infoPtr(err == nil)
		var re *game.RecallError
		if errors.As(err, &re) {
			info.RecallProblem = describeRecall(x, re)
		}
		info.Subgames = infoPtr(len(x.SubgameRoots()))
	case *game.Table:
		info.Form, info.Title, info.Outcomes = "strategic", x.Title, len(x.Outcomes)
		for p, name := range x.Players {
			info.Players = append(info.Players, playerInfo{Name: name, Strategies: infoPtr(x.NumStrategies(p))})
		}
		info.Cells = infoPtr(len(x.Cells))
	}
	return info
}

// describeRecall names the infoset and nodes of a recall failure in the
// file's own terms (player and infoset numbers, node labels when present).
func describeRecall(t *game.Tree, re *game.RecallError) string {
	s := &t.Infosets[re.Infoset]
	node := func(n game.NodeID) string {
		if l := t.Nodes[n].Label; l != "" {
			return fmt.Sprintf("%q", l)
		}
		return fmt.Sprintf("#%d in pre-order", n)
	}
	what := fmt.Sprintf("player %d's infoset %d", re.Player, s.Number)
	if s.Label != "" {
		what += fmt.Sprintf(" (%q)", s.Label)
	}
	return fmt.Sprintf("%s: nodes %s and %s are reached through different histories of the player's own moves", what, node(re.A), node(re.B))
}

func writeInfoText(w io.Writer, info gameInfo) error {
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
