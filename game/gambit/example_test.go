package gambit_test

import (
	"fmt"
	"math/big"
	"os"

	"github.com/guarantor/guarantor/game"
	"github.com/guarantor/guarantor/game/gambit"
)

func ExampleParse() {
	src := `EFG 2 R "entry" { "Entrant" "Incumbent" } ""
p "" 1 1 "E" { "Out" "In" } 0
t "" 1 "out" { 0, 2 }
p "" 2 1 "I" { "Fight" "Accommodate" } 0
t "" 2 "war" { -1, -1.5 }
t "" 3 "share" { 1, 1/2 }
`
	g, err := gambit.Parse([]byte(src), "entry.efg")
	if err != nil {
		fmt.Println(err)
		return
	}
	tree := g.(*game.Tree)
	fmt.Println(tree.NumNodes(), "nodes,", len(tree.Infosets), "infosets")
	fmt.Println("war pays the incumbent", tree.PathPayoffs()[3][1].RatString())
	// Output:
	// 5 nodes, 2 infosets
	// war pays the incumbent -3/2
}

func ExampleParse_error() {
	_, err := gambit.Parse([]byte("NFG 1 R \"pd\" { \"Row\" \"Col\" } { 2 2 }\n3 3 5 0 0 5 1"), "pd.nfg")
	fmt.Println(err)
	// Output:
	// pd.nfg:2:14: expected player 2's payoff for strategy profile (2,2) (cell 4 of 4; no commas in a payoff body), found end of file
}

func ExampleWriteNFG() {
	pd := game.NewBimatrix("pd",
		[][]*big.Rat{game.Rats(3, 0), game.Rats(5, 1)},
		[][]*big.Rat{game.Rats(3, 5), game.Rats(0, 1)})
	if err := gambit.WriteNFG(os.Stdout, pd); err != nil {
		fmt.Println(err)
	}
	// Output:
	// NFG 1 R "pd" { "1" "2" }
	//
	// { { "1" "2" }
	// { "1" "2" }
	// }
	// ""
	//
	// {
	// { "" 3, 3 }
	// { "" 0, 5 }
	// { "" 5, 0 }
	// { "" 1, 1 }
	// }
	// 1 3 2 4
}
