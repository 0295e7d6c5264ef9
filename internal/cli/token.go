package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

func init() { register(newTokenCmd) }

func newTokenCmd() *cobra.Command {
	cmd := &cobra.Command{Use: "token", Short: "Manage the API tokens of guarantor serve"}
	var db, name string
	create := &cobra.Command{
		Use:   "create",
		Short: "Make an API token; its secret is printed once and only its hash is stored",
		Example: `  guarantor token create --name ci
  curl -H "Authorization: Bearer $(guarantor token create -q)" ...`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := openStore(cmd.Context(), db)
			if err != nil {
				return err
			}
			defer st.Close()
			secret, t, err := st.CreateToken(cmd.Context(), name)
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), secret)
			fmt.Fprintf(cmd.ErrOrStderr(), "token %s (%q) made; keep the secret above, it is not stored\n", t.ID, name)
			return nil
		},
	}
	dbFlag(create, &db)
	create.Flags().StringVar(&name, "name", "cli", "a label for the token")
	create.Flags().BoolP("quiet", "q", false, "accepted for scripts; the secret alone goes to stdout anyway")
	revoke := &cobra.Command{
		Use:   "revoke ID",
		Short: "Disable a token by its id",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := openStore(cmd.Context(), db)
			if err != nil {
				return err
			}
			defer st.Close()
			return st.RevokeToken(cmd.Context(), args[0])
		},
	}
	dbFlag(revoke, &db)
	cmd.AddCommand(create, revoke)
	return cmd
}
