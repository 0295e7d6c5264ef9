package cli

import (
	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gambit"
	"github.com/guarantor/guarantor/inputfile"
)

// gameCommands are the subcommands of `guarantor game`, registered by their
// own files (solve, info, convert, check, export).
var gameCommands []func() *cobra.Command

func registerGame(mk func() *cobra.Command) { gameCommands = append(gameCommands, mk) }

func init() {
	register(func() *cobra.Command {
		cmd := &cobra.Command{
			Use:   "game",
			Short: "The general game engine: read, convert, inspect and solve Gambit .efg/.nfg games",
		}
		for _, mk := range gameCommands {
			cmd.AddCommand(mk())
		}
		return cmd
	})
}

// readGame reads a Gambit game file with bounded work: regular files up
// to inputfile.MaxGameBytes (a device or a FIFO would block or never end).
func readGame(path string) (game.Game, []gambit.Warning, error) {
	data, err := inputfile.Read(path, inputfile.MaxGameBytes)
	if err != nil {
		return nil, nil, err
	}
	return gambit.ParseWithWarnings(data, path)
}
