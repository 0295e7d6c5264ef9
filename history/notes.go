package history

import "fmt"

// Note says why a baseline's forecasts on a set carry no information: a
// leave-dyad-out baseline fitted on nothing (every case of the set is of
// one dyad), or on cases none of which failed. Its numbers are still
// printed (they are what it forecast), but the note stands beside them so
// that a score or a difference against a placeholder is not read as a
// result.
type Note struct {
	Forecaster, Text string
}

// foldData counts, over the leave-group-out folds of groups that hold a
// scored row (scored[i]; nil scores every row), the folds whose training
// rows are empty and those whose training rows hold no failure (failed[i]
// marks row i). Training rows are every row outside the fold, scored or
// not.
func foldData(groups []string, failed, scored []bool) (folds, empty, noFailure int) {
	fs := Folds(groups)
	total := 0
	perFold := make([]int, len(fs))
	hasScored := make([]bool, len(fs))
	for k, f := range fs {
		for _, i := range f {
			if failed[i] {
				perFold[k]++
				total++
			}
			hasScored[k] = hasScored[k] || scored == nil || scored[i]
		}
	}
	for k, f := range fs {
		if !hasScored[k] {
			continue
		}
		folds++
		switch {
		case len(f) == len(groups):
			empty++
		case total-perFold[k] == 0:
			noFailure++
		}
	}
	return folds, empty, noFailure
}

// oneDyadText is the note of a baseline fitted on no case.
func oneDyadText(groups []string, placeholder string) string {
	d := groups[0]
	if d == "" {
		d = "one case"
	}
	return fmt.Sprintf("no data: every case of the set is of one dyad (%s), so leaving the scored case's dyad out leaves no case "+
		"to fit on; the forecast is a placeholder (%s), not an estimate, and its score and the engine's difference from it say nothing", d, placeholder)
}

// fileHorizonNotes are the notes of the file-horizon set's baselines.
func fileHorizonNotes(groups []string, y []float64, scored []bool) []Note {
	failed := make([]bool, len(y))
	held := make([]bool, len(y))
	for i, v := range y {
		failed[i], held[i] = v == 0, v == 1
	}
	folds, empty, noFail := foldData(groups, failed, scored)
	_, _, noHeld := foldData(groups, held, scored)
	if empty == folds {
		return []Note{{ForecasterBase, oneDyadText(groups, "0.5")}, {ForecasterLogit, oneDyadText(groups, "0.5")}}
	}
	var out []Note
	if n := noFail + noHeld; n > 0 {
		what := "held, or all failed"
		switch {
		case noHeld == 0:
			what = "held"
		case noFail == 0:
			what = "failed"
		}
		out = append(out, Note{ForecasterLogit, fmt.Sprintf("no contrast: for %s the cases outside the scored dyad all %s, so the logit "+
			"has no outcome to separate and its features carry nothing; it returns about that share, like the base rate",
			folding(n, folds), what)})
	}
	return out
}

// survivalNotes are the notes of a survival set's baselines.
func survivalNotes(groups []string, sp []Spell, scored []bool) []Note {
	failed := make([]bool, len(sp))
	for i, s := range sp {
		failed[i] = s.Failed
	}
	folds, empty, noFail := foldData(groups, failed, scored)
	if empty == folds {
		return []Note{{ForecasterKM, oneDyadText(groups, "the Kaplan-Meier survival of no case, 1 at every horizon")},
			{ForecasterLogitIPCW, oneDyadText(groups, "0.5")}}
	}
	if noFail == 0 {
		return nil
	}
	f := folding(noFail, folds)
	return []Note{
		{ForecasterKM, fmt.Sprintf("no failure to learn from: for %s no case outside the scored dyad failed (all censored), so the "+
			"Kaplan-Meier survival is 1 at every horizon by construction, not an estimate", f)},
		{ForecasterLogitIPCW, fmt.Sprintf("no failure to learn from: for %s no case outside the scored dyad failed (all censored), so the "+
			"logit has no outcome to separate and its features carry nothing", f)},
	}
}

func folding(n, folds int) string {
	if n == folds {
		return "every dyad"
	}
	return fmt.Sprintf("%d of %d dyads", n, folds)
}
