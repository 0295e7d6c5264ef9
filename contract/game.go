package contract

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gambit"
	"github.com/guarantor/guarantor/solve"
)

// GameHash is the input hash of a game: the first 16 hex digits of the
// SHA-256 of the game written back in Gambit's format by this version, so
// whitespace, comments and number spelling in the file do not change it.
func GameHash(g game.Game) string {
	var b bytes.Buffer
	var err error
	switch x := g.(type) {
	case *game.Tree:
		err = gambit.WriteEFG(&b, x)
	case *game.Table:
		err = gambit.WriteNFG(&b, x)
	}
	if err != nil {
		b.Reset()
		fmt.Fprintf(&b, "unwritable game: %v", err)
	}
	sum := sha256.Sum256(b.Bytes())
	return hex.EncodeToString(sum[:])[:16]
}

// GameInfo is the document of `guarantor game info`. Fields that apply to
// one form only are omitted for the other.
type GameInfo struct {
	Header
	File    string       `json:"file"`
	Form    string       `json:"form" enum:"extensive,strategic"`
	Title   string       `json:"title"`
	Players []PlayerInfo `json:"players"`
	// Extensive form.
	Nodes          *int   `json:"nodes,omitempty"`
	TerminalNodes  *int   `json:"terminal_nodes,omitempty"`
	ChanceNodes    *int   `json:"chance_nodes,omitempty"`
	Infosets       *int   `json:"infosets,omitempty" doc:"personal information sets, as Gambit counts them"`
	ChanceInfosets *int   `json:"chance_infosets,omitempty"`
	PerfectRecall  *bool  `json:"perfect_recall,omitempty"`
	RecallProblem  string `json:"recall_problem,omitempty"`
	Subgames       *int   `json:"subgames,omitempty" doc:"subgame roots, the whole game included"`
	// Strategic form.
	Cells    *int     `json:"cells,omitempty" doc:"pure-strategy profiles"`
	Outcomes int      `json:"outcomes"`
	Warnings []string `json:"warnings"`
}

// PlayerInfo is one player of GameInfo.
type PlayerInfo struct {
	Name       string `json:"name"`
	Infosets   *int   `json:"infosets,omitempty"`
	Strategies *int   `json:"strategies,omitempty"`
}

func ptr[T any](v T) *T { return &v }

// DescribeGame counts what `game info` reports about g read from file.
func DescribeGame(file, version string, g game.Game, warnings []string) *GameInfo {
	info := &GameInfo{Header: NewHeader("game_info", version, GameHash(g)), File: file, Players: []PlayerInfo{}, Warnings: []string{}}
	info.Warnings = append(info.Warnings, warnings...)
	switch x := g.(type) {
	case *game.Tree:
		info.Form, info.Title, info.Outcomes = "extensive", x.Title, len(x.Outcomes)
		personal := 0
		for p, name := range x.Players {
			n := len(x.PlayerInfosets(p + 1))
			personal += n
			info.Players = append(info.Players, PlayerInfo{Name: name, Infosets: ptr(n)})
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
		info.Nodes, info.TerminalNodes, info.ChanceNodes = ptr(x.NumNodes()), ptr(terminal), ptr(chance)
		info.Infosets, info.ChanceInfosets = ptr(personal), ptr(len(x.PlayerInfosets(0)))
		err := x.PerfectRecall()
		info.PerfectRecall = ptr(err == nil)
		var re *game.RecallError
		if errors.As(err, &re) {
			info.RecallProblem = describeRecall(x, re)
		}
		info.Subgames = ptr(len(x.SubgameRoots()))
	case *game.Table:
		info.Form, info.Title, info.Outcomes = "strategic", x.Title, len(x.Outcomes)
		for p, name := range x.Players {
			info.Players = append(info.Players, PlayerInfo{Name: name, Strategies: ptr(x.NumStrategies(p))})
		}
		info.Cells = ptr(len(x.Cells))
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

// GameSolve is the document of `guarantor game solve`.
type GameSolve struct {
	Header
	File       string        `json:"file"`
	Title      string        `json:"title"`
	Form       string        `json:"form" doc:"form of the game solved: extensive, or strategic (also for a tree's reduced form)"`
	Players    []string      `json:"players"`
	Method     string        `json:"method"`
	Agent      bool          `json:"agent"`
	Complete   bool          `json:"complete" doc:"false when the method stopped early (see stopped)"`
	Stopped    string        `json:"stopped,omitempty" enum:"limit,timeout,interrupted"`
	Equilibria []Equilibrium `json:"equilibria"`
}

// Equilibrium is one equilibrium profile. Probabilities and payoffs are
// strings: exact rationals (a/b) when exact, six decimals otherwise.
type Equilibrium struct {
	Exact   bool             `json:"exact"`
	Payoffs []string         `json:"payoffs"`
	Gambit  string           `json:"gambit" doc:"the profile as Gambit's command-line tools print it with -q"`
	Players []PlayerStrategy `json:"players"`
}

// PlayerStrategy is one player's part of a profile: strategies (strategic
// form) or information sets (extensive form).
type PlayerStrategy struct {
	Player     string        `json:"player"`
	Strategies []Probability `json:"strategies,omitempty"`
	Infosets   []InfosetPlay `json:"infosets,omitempty"`
}

// Probability is a labelled probability.
type Probability struct {
	Label       string `json:"label"`
	Probability string `json:"probability"`
}

// InfosetPlay is a player's behaviour at one information set.
type InfosetPlay struct {
	Number      int           `json:"number"`
	Label       string        `json:"label"`
	Unspecified bool          `json:"unspecified,omitempty" doc:"the player's own choices make the set unreachable; Gambit prints zeros"`
	Actions     []Probability `json:"actions"`
}

// Stop words of GameSolve.Stopped.
const (
	StopLimit       = "limit"
	StopTimeout     = "timeout"
	StopInterrupted = "interrupted"
)

// FromSolve builds the game solve document for the equilibria of g (the
// game the method solved); stopped is "" for a complete run.
func FromSolve(file, version string, g game.Game, method string, agent bool, eqs []solve.Equilibrium, stopped string) (*GameSolve, error) {
	doc := &GameSolve{Header: NewHeader("game_solve", version, GameHash(g)), File: file, Players: g.PlayerNames(), Method: method,
		Agent: agent, Complete: stopped == "", Stopped: stopped, Equilibria: []Equilibrium{}}
	switch x := g.(type) {
	case *game.Tree:
		doc.Title, doc.Form = x.Title, "extensive"
	case *game.Table:
		doc.Title, doc.Form = x.Title, "strategic"
	}
	for _, eq := range eqs {
		je, err := equilibrium(g, eq)
		if err != nil {
			return nil, err
		}
		doc.Equilibria = append(doc.Equilibria, je)
	}
	return doc, nil
}

// GambitLine renders eq as Gambit's -q output line.
func GambitLine(g game.Game, eq solve.Equilibrium) string {
	if eq.Mixed != nil {
		return gambit.MixedLine(eq.Mixed, eq.Exact)
	}
	return gambit.BehaviorLine(g.(*game.Tree), eq.Behavior, eq.Exact)
}

func equilibrium(g game.Game, eq solve.Equilibrium) (Equilibrium, error) {
	je := Equilibrium{Exact: eq.Exact, Gambit: GambitLine(g, eq), Payoffs: []string{}, Players: []PlayerStrategy{}}
	pay, err := solve.Payoffs(g, eq)
	if err != nil {
		return je, err
	}
	for _, v := range pay {
		je.Payoffs = append(je.Payoffs, gambit.FormatProb(v, eq.Exact))
	}
	switch x := g.(type) {
	case *game.Table:
		for p, row := range eq.Mixed {
			jp := PlayerStrategy{Player: x.Players[p]}
			for s, v := range row {
				jp.Strategies = append(jp.Strategies, Probability{Label: x.Strategies[p][s], Probability: gambit.FormatProb(v, eq.Exact)})
			}
			je.Players = append(je.Players, jp)
		}
	case *game.Tree:
		for p, pl := range eq.Behavior {
			jp := PlayerStrategy{Player: x.Players[p], Infosets: []InfosetPlay{}}
			for k, row := range pl {
				set := &x.Infosets[x.PlayerInfosets(p + 1)[k]]
				ji := InfosetPlay{Number: set.Number, Label: set.Label, Unspecified: row == nil}
				for a, label := range set.Actions {
					var v *big.Rat
					if row != nil {
						v = row[a]
					}
					ji.Actions = append(ji.Actions, Probability{Label: label, Probability: gambit.FormatProb(v, eq.Exact)})
				}
				jp.Infosets = append(jp.Infosets, ji)
			}
			je.Players = append(je.Players, jp)
		}
	}
	return je, nil
}
