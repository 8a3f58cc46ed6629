package pipeline

// Progress receives a run's stages as they start, and counts within the long ones.
// The pipeline knows no progress display: the command line chooses one (a bar on a
// terminal, nothing elsewhere). Calls come from one goroutine at a time.
type Progress interface {
	// Stage is called as each stage starts.
	Stage(name string)
	// Counter starts counting what a long stage does (statements written, ...)
	// towards total (0: not known in advance) and returns the function that adds n
	// done; the counter ends at the next Stage or Counter call, or when the run ends.
	Counter(name string, total int64) (add func(n int64))
}

// stager is cfg's Stage, or nothing.
func stager(p Progress) func(string) {
	return func(name string) {
		if p != nil {
			p.Stage(name)
		}
	}
}

// counter is p's Counter, or a function that counts nowhere.
func counter(p Progress, name string, total int64) func(int64) {
	if p == nil {
		return func(int64) {}
	}
	return p.Counter(name, total)
}
