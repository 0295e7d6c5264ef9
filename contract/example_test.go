package contract_test

import (
	"encoding/json"
	"fmt"

	"github.com/guarantor/guarantor/contract"
)

// Every document opens with the same header; Validate holds a document to
// its schema.
func ExampleValidate() {
	doc := contract.NewAssessment("v1.0.0", 7, 20000)
	b, _ := json.Marshal(doc)
	fmt.Println(string(b))
	fmt.Println(contract.Validate("assess", b))
	fmt.Println(contract.Validate("assess", []byte(`{"schema_version":"1","output":"assess"}`)) != nil)
	// Output:
	// {"schema_version":"1","output":"assess","engine_version":"v1.0.0","input_hash":"","seed":7,"samples":20000,"options":[]}
	// <nil>
	// true
}

// The schemas are generated from the Go types.
func ExampleSchema() {
	fmt.Println(contract.Names())
	s, _ := contract.Schema("game-solve")
	var v struct {
		Title    string   `json:"title"`
		Required []string `json:"required"`
	}
	json.Unmarshal(s, &v)
	fmt.Println(v.Title)
	fmt.Println(v.Required)
	// Output:
	// [assess backtest data design explain game_info game_solve model_solve sensitivity sweep]
	// guarantor game solve: equilibria of a Gambit game
	// [agent complete engine_version equilibria file form input_hash method output players schema_version title]
}

// Go field names become snake_case keys in data documents.
func ExampleSnake() {
	for _, s := range []string{"BrierLOO", "LogLikG1", "SE", "cinc", "NClosed"} {
		fmt.Print(contract.Snake(s), " ")
	}
	fmt.Println()
	// Output:
	// brier_loo log_lik_g1 se cinc n_closed
}
