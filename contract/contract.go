package contract

// SchemaVersion is the version of every document in this package.
const SchemaVersion = "1"

// Header opens every document.
type Header struct {
	SchemaVersion string `json:"schema_version" doc:"version of this output contract (docs/output.md)"`
	Output        string `json:"output" doc:"which document this is: assess, explain, backtest, game_solve, game_info, model_solve, data, sensitivity, sweep or design"`
	EngineVersion string `json:"engine_version" doc:"guarantor version that produced the document"`
	InputHash     string `json:"input_hash" doc:"canonical hash of the inputs (docs/output.md#input-hash)"`
}

// RunInfo is the randomness of a Monte Carlo document: with the engine
// version and the input hash it determines every number bit for bit.
type RunInfo struct {
	Seed    uint64 `json:"seed" doc:"random seed"`
	Samples int    `json:"samples" doc:"Monte Carlo draws per option (per case for backtest, per point for sweep, per package for design; base samples N for sensitivity)"`
}

// NewHeader opens a document: output names it, version is the engine's,
// hash the canonical hash of its inputs. The studies built outside this
// package (sensitivity, design, sweep) open theirs with it too.
func NewHeader(output, version, hash string) Header {
	return Header{SchemaVersion: SchemaVersion, Output: output, EngineVersion: version, InputHash: hash}
}
