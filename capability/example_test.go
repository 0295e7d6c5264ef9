package capability_test

import (
	"fmt"

	"github.com/guarantor/guarantor/capability"
)

func ExampleSquareOutcome() {
	// ORACLES.md L-1: 1000 vs 800 with effectiveness 0.8 and 0.9.
	o, _ := capability.SquareOutcome(1000, 800, 0.8, 0.9)
	fmt.Printf("%v wins with %.3f left at t = %.4f\n", o.Winner, o.Survivors, o.Time)
	// Output: A wins with 529.150 left at t = 1.4742
}

func ExampleBreakEvenRatio() {
	// The 3:1 rule as a derived quantity: the force ratio an attacker needs
	// to break even against a defender nine times as effective per soldier.
	fmt.Println(capability.BreakEvenRatio(capability.Square, 1, 9))
	fmt.Println(capability.DefenderAdvantage(capability.Linear, 3))
	// Output:
	// 3
	// 3
}

func ExampleContestSuccess() {
	fmt.Printf("%.3f\n", capability.ContestSuccess(3, 1, 1))
	// Output: 0.750
}
