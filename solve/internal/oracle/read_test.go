package oracle

import (
	"fmt"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gambit"
)

func readNFG(path string) (*game.Table, error) {
	g, err := gambit.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t, ok := g.(*game.Table)
	if !ok {
		return nil, fmt.Errorf("%s: not a strategic-form game", path)
	}
	return t, nil
}

func readEFG(path string) (*game.Tree, error) {
	g, err := gambit.ReadFile(path)
	if err != nil {
		return nil, err
	}
	t, ok := g.(*game.Tree)
	if !ok {
		return nil, fmt.Errorf("%s: not an extensive-form game", path)
	}
	return t, nil
}
