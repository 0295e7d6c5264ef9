package game

// SubgameRoots returns, in pre-order, the non-terminal nodes that root a
// subgame: every information set with a member in the node's subtree has
// all its members there. The root is always one.
//
// Pre-order ids make each subtree an id range [n, end[n]), so a node roots a
// subgame exactly when the smallest and largest member ids of the infosets
// met in its subtree stay inside that range; one backward pass computes
// both extremes for every node. O(nodes).
func (t *Tree) SubgameRoots() []NodeID {
	isRoot := t.subgameMask()
	var out []NodeID
	for i, r := range isRoot {
		if r {
			out = append(out, NodeID(i))
		}
	}
	return out
}

// IsSubgameRoot reports, for every node, whether it roots a subgame (false
// for terminal nodes).
func (t *Tree) IsSubgameRoot() []bool { return t.subgameMask() }

func (t *Tree) subgameMask() []bool {
	end := t.SubtreeEnd()
	lo := make([]NodeID, len(t.Nodes))
	hi := make([]NodeID, len(t.Nodes))
	for i := len(t.Nodes) - 1; i >= 0; i-- {
		nd := &t.Nodes[i]
		if nd.Infoset == None {
			lo[i], hi[i] = NodeID(i), NodeID(i)
			continue
		}
		m := t.Infosets[nd.Infoset].Members
		l, h := m[0], m[len(m)-1]
		for _, c := range t.Children(NodeID(i)) {
			l = min(l, lo[c])
			h = max(h, hi[c])
		}
		lo[i], hi[i] = l, h
	}
	mask := make([]bool, len(t.Nodes))
	for i := range t.Nodes {
		mask[i] = t.Nodes[i].Infoset != None && lo[i] >= NodeID(i) && hi[i] < end[i]
	}
	return mask
}
