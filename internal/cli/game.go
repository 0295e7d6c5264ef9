package cli

import "github.com/spf13/cobra"

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
