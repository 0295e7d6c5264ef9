package scenario

// Dates in a file are YYYY, YYYY-MM or YYYY-MM-DD. A partial date names a
// span; comparisons use its first day as a start and its last day as an
// end, so an instrument "in force 1994 to 1995" covers all of both years.

// DateStart completes a date to its first day (YYYY-MM-DD), "" for "".
func DateStart(d string) string {
	switch len(d) {
	case 4:
		return d + "-01-01"
	case 7:
		return d + "-01"
	}
	return d
}

// DateEnd completes a date to its last day (YYYY-MM-DD; the 31st stands for
// any month's last day, which is all a string comparison needs), "" for "".
func DateEnd(d string) string {
	switch len(d) {
	case 4:
		return d + "-12-31"
	case 7:
		return d + "-31"
	}
	return d
}

// InForce reports whether an instrument is in force on date (YYYY-MM-DD or
// a partial date, taken at its first day): it has started (or has no
// start) and has not ended (or has no end).
func (in Instrument) InForce(date string) bool {
	at := DateStart(date)
	if in.Start != "" && DateStart(in.Start) > at {
		return false
	}
	return in.End == "" || DateEnd(in.End) >= at
}
