package commission

// Costs calls f with each line that counts in what a partner costs, once: what the
// partner is paid or owed for a deal or campaign, whether issued, payable now or
// carried. Each line the run computes counts at what the inputs give now: an issued
// line's corrections (this period's, those carried forward and those the ledger issued)
// add up to exactly that, so they are not counted again (Folded). A line eligible after
// the period (Pending) is not counted. Callers pick the window and the kinds they count.
func (r *Result) Costs(f func(l *Line)) {
	for _, l := range r.Lines {
		if l.State == Pending || l.Folded {
			continue
		}
		f(l)
	}
}
