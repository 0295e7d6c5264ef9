package server

import (
	"fmt"
	"html"
	"strings"

	"github.com/guarantor/guarantor/contract"
)

// GameTreeSVG draws the Unilateral Deterrence Game at the option's
// medians: the challenger challenges or not, the guarantors concede or
// resist, the challenger backs down or fights. Each move is labelled with
// its probability in the equilibrium, and the equilibrium path (the
// likelier move at every node) is drawn thick and red. Leaves show the
// outcome's probability and the payoffs (challenger, defender; hard/soft
// types at war). "" when there is no game (the challenger gains nothing
// by attacking).
func GameTreeSVG(g *contract.Game) string {
	if g == nil {
		return ""
	}
	o := g.Outcomes
	pChallenge := 1 - o.SQ
	pResist := ratio(o.CD+o.DD, pChallenge)
	pFight := ratio(o.DD, o.CD+o.DD)
	type node struct{ x, y float64 }
	n1, n2, n3 := node{60, 40}, node{280, 100}, node{540, 160}
	leafSQ, leafDC, leafCD, leafDD := node{130, 250}, node{360, 250}, node{450, 250}, node{700, 250}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="760" height="330" viewBox="0 0 760 330" role="img" aria-label="the deterrence game at the medians, equilibrium path in red (region %s)">`, html.EscapeString(g.Region))
	edge := func(a, c node, label string, p float64, onPath bool) {
		col, w := "#999", 1.5
		if onPath {
			col, w = "#b22", 4
		}
		fmt.Fprintf(&b, `<line x1="%.0f" y1="%.0f" x2="%.0f" y2="%.0f" stroke="%s" stroke-width="%.1f"/>`, a.x, a.y, c.x, c.y, col, w)
		mx, my := (a.x+c.x)/2, (a.y+c.y)/2
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" font-size="12" fill="#222">%s %.0f%%</text>`, mx+6, my-4, label, 100*p)
	}
	dot := func(n node, who string) {
		fmt.Fprintf(&b, `<circle cx="%.0f" cy="%.0f" r="6" fill="#24364b"/><text x="%.0f" y="%.0f" font-size="12" font-weight="600">%s</text>`, n.x, n.y, n.x+10, n.y-8, who)
	}
	leaf := func(n node, name string, p float64, pay string) {
		fmt.Fprintf(&b, `<rect x="%.0f" y="%.0f" width="10" height="10" fill="#555"/>`, n.x-5, n.y-5)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" font-size="12" text-anchor="middle" font-weight="600">%s %.0f%%</text>`, n.x, n.y+22, name, 100*p)
		fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" font-size="11" text-anchor="middle" fill="#444">%s</text>`, n.x, n.y+38, pay)
	}
	edge(n1, leafSQ, "status quo", o.SQ, o.SQ >= pChallenge)
	edge(n1, n2, "challenge", pChallenge, pChallenge > o.SQ)
	edge(n2, leafDC, "concede", 1-pResist, pChallenge > o.SQ && pResist < 0.5)
	edge(n2, n3, "resist", pResist, pChallenge > o.SQ && pResist >= 0.5)
	edge(n3, leafCD, "back down", 1-pFight, pChallenge > o.SQ && pResist >= 0.5 && pFight < 0.5)
	edge(n3, leafDD, "fight", pFight, pChallenge > o.SQ && pResist >= 0.5 && pFight >= 0.5)
	dot(n1, "Challenger")
	dot(n2, "Guarantors")
	dot(n3, "Challenger")
	c, d := g.Challenger, g.Defender
	leaf(leafSQ, "SQ", o.SQ, fmt.Sprintf("%.2g, %.2g", c.SQ, d.SQ))
	leaf(leafDC, "concession", o.DC, fmt.Sprintf("%.2g, %.2g", c.DC, d.DC))
	leaf(leafCD, "climb-down", o.CD, fmt.Sprintf("%.2g, %.2g", c.CD, d.CD))
	leaf(leafDD, "war", o.DD, fmt.Sprintf("%.2g/%.2g, %.2g/%.2g", c.DDHard, c.DDSoft, d.DDHard, d.DDSoft))
	fmt.Fprintf(&b, `<text x="10" y="305" font-size="11" fill="#444">Region: %s; P(hard challenger) %.2f, P(hard guarantors) %.2f.</text>`,
		html.EscapeString(g.Region), g.PHardChallenger, g.PHardDefender)
	b.WriteString(`<text x="10" y="322" font-size="11" fill="#444">Leaves: outcome probability; payoffs of the challenger, then the guarantors (at war: hard/soft type).</text>`)
	b.WriteString("</svg>")
	return b.String()
}

func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return a / b
}
