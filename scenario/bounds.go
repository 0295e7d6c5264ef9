package scenario

// CheckText applies the bounds that the scenario loader applies before
// parsing (size cap, flow-collection depth) to other YAML inputs, such as
// design files, so that they fail with a positioned error instead of
// exhausting memory in the YAML parser.
func CheckText(name string, data []byte) error { return checkBounds(name, data) }
