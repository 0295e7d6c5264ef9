package scenario

// Postures lists the tripwire postures, nearest the line first.
var Postures = []string{"frontline", "depth", "rear"}

// Instrument parameter defaults.
const (
	DefaultPosture  = "depth"
	DefaultRotation = "permanent"
)
