package pipeline

import (
	"github.com/guarantor/guarantor/contract"
	"github.com/guarantor/guarantor/game"
)

// Explain loads the options named by paths and traces each at its
// medians.
func Explain(version string, paths ...string) ([]*contract.Explanation, error) {
	return ExplainWith(version, "", paths...)
}

// ExplainWith is Explain with the engine chosen (see Options.Engine).
func ExplainWith(version, engine string, paths ...string) ([]*contract.Explanation, error) {
	return ExplainOpts(Options{Version: version, Engine: engine}, paths...)
}

// ExplainOpts is Explain with o's Version, Engine and AsOf.
func ExplainOpts(o Options, paths ...string) ([]*contract.Explanation, error) {
	scs, err := LoadOpts(o, paths...)
	if err != nil {
		return nil, err
	}
	var out []*contract.Explanation
	for _, s := range scs {
		out = append(out, contract.FromTrace(s.Model, o.Version, s.InputHash))
	}
	return out, nil
}

// Game returns the deterrence game of the option in file at its medians
// (the game Explain describes), as an exact tree.
func Game(file string) (*game.Tree, error) { return GameWith(file, "") }

// GameWith is Game with the engine chosen (see Options.Engine): the
// structural engine's game or the UDG.
func GameWith(file, engine string) (*game.Tree, error) {
	return GameOpts(file, Options{Engine: engine})
}

// GameOpts is Game with o's Engine and AsOf.
func GameOpts(file string, o Options) (*game.Tree, error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	s, err := loadFile(file, o)
	if err != nil {
		return nil, err
	}
	t, err := s.Model.Game()
	if err != nil {
		return nil, wrapInput(err)
	}
	return t, nil
}
