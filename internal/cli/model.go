package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/guarantor/guarantor/models"
	"github.com/guarantor/guarantor/models/catalog"
)

// modelCommands are the subcommands of `guarantor model`, one file each.
var modelCommands []func() *cobra.Command

func registerModel(mk func() *cobra.Command) { modelCommands = append(modelCommands, mk) }

func init() {
	register(func() *cobra.Command {
		cmd := &cobra.Command{
			Use:   "model",
			Short: "The deterrence model library: list, solve and export the canonical games",
			Long: `The model library holds the canonical deterrence games (radg, udg, aeg, rtcg,
tsg, brink) as parameterised games with their equilibria in closed form,
each checked by the PBE verifier on the model's own game tree.

Parameters are key=value words using the model specification's names:
"+" and "-" suffixes stay (cDD+=0.3, cDD-=-0.5), Greek letters are spelled
out (kappa, lambda, pi). Values are decimals or rationals (1/3).`,
		}
		for _, mk := range modelCommands {
			cmd.AddCommand(mk())
		}
		return cmd
	})
	registerModel(newModelListCmd)
}

func newModelListCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the models with their parameters and the orderings they assume",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch format {
			case "text":
				writeModelList(cmd.OutOrStdout())
				return nil
			case "json":
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(modelListJSON())
			}
			return usageError("--format must be text or json, not %q", format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}

type modelParamJSON struct {
	Name     string   `json:"name"`
	Meaning  string   `json:"meaning"`
	Optional bool     `json:"optional,omitempty"`
	Default  *float64 `json:"default,omitempty"`
}

type modelJSON struct {
	Name      string           `json:"name"`
	Summary   string           `json:"summary"`
	Params    []modelParamJSON `json:"parameters"`
	Orderings []string         `json:"orderings"`
	Example   string           `json:"example"`
}

func modelListJSON() []modelJSON {
	var out []modelJSON
	for _, e := range catalog.All() {
		m := modelJSON{Name: e.Spec.Name, Summary: e.Spec.Summary, Orderings: e.Spec.Orderings, Example: e.Spec.Example}
		for _, p := range e.Spec.Params {
			pj := modelParamJSON{Name: p.Name, Meaning: p.Meaning, Optional: p.Optional}
			if p.Optional {
				d := p.Default
				pj.Default = &d
			}
			m.Params = append(m.Params, pj)
		}
		out = append(out, m)
	}
	return out
}

func writeModelList(w io.Writer) {
	for i, e := range catalog.All() {
		if i > 0 {
			fmt.Fprintln(w)
		}
		s := e.Spec
		fmt.Fprintf(w, "%s  %s\n", s.Name, s.Summary)
		width := 0
		for _, p := range s.Params {
			width = max(width, len(p.Name))
		}
		for _, p := range s.Params {
			opt := ""
			if p.Optional {
				opt = " (optional)"
				if p.Default != 0 || !strings.Contains(p.Meaning, "default") {
					opt = fmt.Sprintf(" (optional, default %g)", p.Default)
				}
			}
			fmt.Fprintf(w, "    %-*s  %s%s\n", width, p.Name, p.Meaning, opt)
		}
		fmt.Fprintf(w, "  orderings: %s\n", strings.Join(s.Orderings, "; "))
		fmt.Fprintf(w, "  example:   guarantor model solve %s %s\n", s.Name, s.Example)
	}
}

// buildModel parses NAME key=value... into a checked instance. Errors are
// usage errors (exit 2): they name the parameter or the violated ordering.
func buildModel(args []string) (catalog.Entry, catalog.Instance, error) {
	if len(args) == 0 {
		return catalog.Entry{}, nil, usageError("missing model name; see `guarantor model list`")
	}
	e, err := catalog.Lookup(args[0])
	if err != nil {
		return e, nil, usageError("%v", err)
	}
	v, err := models.ParseAssignments(args[1:])
	if err != nil {
		return e, nil, usageError("%v", err)
	}
	inst, err := e.Build(v)
	if err != nil {
		return e, nil, usageError("%v", err)
	}
	return e, inst, nil
}
