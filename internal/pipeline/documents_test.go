package pipeline

import (
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/partnerbook/partnerbook/internal/report"
)

// recordingWriter keeps the size of each file written and fails the writes named in
// fail. Every call is checked to come alone: statements must serialise its writes.
type recordingWriter struct {
	fail   map[string]bool
	busy   sync.Mutex
	sizes  map[string]int
	writes []string
}

func (w *recordingWriter) WriteBytes(rel string, data []byte) error {
	if !w.busy.TryLock() {
		panic("WriteBytes called concurrently")
	}
	defer w.busy.Unlock()
	if w.fail[rel] {
		return fmt.Errorf("cannot write %s: disk full", rel)
	}
	if w.sizes == nil {
		w.sizes = map[string]int{}
	}
	w.sizes[rel] = len(data)
	w.writes = append(w.writes, rel)
	return nil
}

// built are statements already built.
type built []*report.Statement

func (b built) Len() int                          { return len(b) }
func (b built) Statement(i int) *report.Statement { return b[i] }

// sampleStatements is n statements cycling through the sample program's, each with
// its own partner id p<i>; mailer writes e-mails for those with an address.
func sampleStatements(t *testing.T, n int) (built, func(*report.Statement, []byte) ([]byte, error)) {
	t.Helper()
	o, err := Load(Config{ProgramFile: sampleProgram})
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := loadTemplates("")
	if err != nil {
		t.Fatal(err)
	}
	sts := make(built, n)
	for i := range sts {
		s := o.Statements.Statement(i % o.Statements.Len())
		s.Partner.ID = fmt.Sprintf("p%02d", i)
		sts[i] = s
	}
	return sts, mailer(o.Result.Program, o.Result.AsOf, tmpl)
}

func TestStatementsWriteEachPDFAndItsEmail(t *testing.T) {
	sts, mail := sampleStatements(t, 14)
	w := &recordingWriter{}
	counted := 0
	if err := statements(w, sts, mail, func(n int64) { counted += int(n) }); err != nil {
		t.Fatal(err)
	}
	if counted != len(sts) {
		t.Errorf("counted %d statements, want %d", counted, len(sts))
	}
	var want []string
	mailed := 0
	for _, s := range sts {
		want = append(want, "statements/"+s.Partner.ID+".pdf")
		if s.Partner.Email != "" {
			want = append(want, "emails/"+s.Partner.ID+".eml")
			mailed++
		}
	}
	if mailed == 0 || mailed == len(sts) {
		t.Fatalf("%d of %d sample partners have an e-mail: the case proves nothing", mailed, len(sts))
	}
	got := slices.Clone(w.writes)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("wrote %q, want %q", got, want)
	}
	// Each e-mail follows its own statement, written by the same worker.
	for i, rel := range w.writes {
		if id, ok := strings.CutPrefix(rel, "emails/"); ok {
			if prev := "statements/" + strings.TrimSuffix(id, ".eml") + ".pdf"; i == 0 || w.writes[i-1] != prev {
				t.Errorf("%s written after %q, want right after %s", rel, w.writes[max(i-1, 0)], prev)
			}
			// The e-mail carries the PDF in base64, so it is larger than it.
			if w.sizes[rel] <= w.sizes["statements/"+strings.TrimSuffix(id, ".eml")+".pdf"] {
				t.Errorf("%s is %d bytes, not larger than its PDF", rel, w.sizes[rel])
			}
		}
	}
}

// A failure stops the stage, and the error reported is the first failing statement's
// in partner order, whichever worker met its failure first.
func TestStatementsReportTheFirstFailureInOrder(t *testing.T) {
	sts, mail := sampleStatements(t, 40)
	firstMailed := -1
	for i, s := range sts {
		if s.Partner.Email != "" {
			firstMailed = i
			break
		}
	}
	if firstMailed < 0 {
		t.Fatal("no sample partner has an e-mail")
	}
	cases := []struct {
		name string
		fail []string
		at   int // the first failing statement
		want string
	}{
		{"one statement", []string{"statements/p05.pdf"}, 5, "cannot write statements/p05.pdf: disk full"},
		{"two statements", []string{"statements/p31.pdf", "statements/p03.pdf"}, 3, "cannot write statements/p03.pdf: disk full"},
		{"an e-mail", []string{fmt.Sprintf("emails/p%02d.eml", firstMailed)}, firstMailed, fmt.Sprintf("cannot write emails/p%02d.eml: disk full", firstMailed)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := &recordingWriter{fail: map[string]bool{}}
			for _, f := range c.fail {
				w.fail[f] = true
			}
			counted := 0
			err := statements(w, sts, mail, func(n int64) { counted += int(n) })
			if err == nil || err.Error() != c.want {
				t.Fatalf("error %v, want %q", err, c.want)
			}
			// After a failure only the statements already under way finish. How many
			// that is depends on the workers' timing, so the bound is loose: far from
			// every statement.
			if limit := c.at + 10*runtime.GOMAXPROCS(0); counted > limit || counted >= len(sts) {
				t.Errorf("%d of %d statements done with p%02d failing, want at most %d", counted, len(sts), c.at, limit)
			}
		})
	}
}

// The stage raises the collector's target for itself only.
func TestStatementsRestoreGCPercent(t *testing.T) {
	sts, mail := sampleStatements(t, 2)
	old := debug.SetGCPercent(137)
	defer debug.SetGCPercent(old)
	if err := statements(&recordingWriter{}, sts, mail, func(int64) {}); err != nil {
		t.Fatal(err)
	}
	if got := debug.SetGCPercent(137); got != 137 {
		t.Errorf("GC percent after the stage is %d, want 137 restored", got)
	}
}

func TestStatementLimit(t *testing.T) {
	const mib = 1 << 20
	cases := []struct {
		name    string
		mem     memory
		workers int
		want    int64
	}{
		{"small heap, two workers", memory{live: 1 * mib, inUse: 6 * mib, mapped: 10 * mib}, 2, 134 * mib},
		{"small heap, one worker", memory{live: 1 * mib, inUse: 6 * mib, mapped: 10 * mib}, 1, 70 * mib},
		{"nothing live", memory{}, 2, 128 * mib},
		// The headroom grows with the live heap; the runtime's own memory is counted.
		{"large heap, two workers", memory{live: 1400 * mib, inUse: 1800 * mib, mapped: 1900 * mib}, 2, 3200 * mib},
		{"large heap, eight workers", memory{live: 300 * mib, inUse: 400 * mib, mapped: 400 * mib}, 8, 912 * mib},
		// Memory the runtime holds already is not taken back.
		{"mapped after the workbook", memory{live: 171 * mib, inUse: 232 * mib, mapped: 734 * mib}, 2, 734 * mib},
		{"huge numbers do not overflow", memory{live: math.MaxUint64, inUse: math.MaxUint64, mapped: math.MaxUint64}, 2, 2 * (math.MaxInt64 / 4)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := statementLimit(c.mem, c.workers); got != c.want {
				t.Errorf("statementLimit(%+v, %d) = %d MiB, want %d MiB", c.mem, c.workers, got/mib, c.want/mib)
			}
		})
	}
}

// The memory read back after a collection is consistent: the live heap is in use,
// and what is in use is mapped.
func TestReadMemory(t *testing.T) {
	keep := make([]byte, 32<<20)
	runtime.GC()
	m := readMemory()
	if m.live < 32<<20 || m.inUse < m.live || m.mapped < m.inUse {
		t.Errorf("memory %+v: want live >= 32 MiB <= in use <= mapped", m)
	}
	runtime.KeepAlive(keep)
}

// The stage changes the collector's settings for itself only, and keeps a GOGC the
// user set higher and a memory limit the user set lower.
func TestTuneGCKeepsTheUsersSettings(t *testing.T) {
	const mib = 1 << 20
	oldPercent := debug.SetGCPercent(100)
	oldLimit := debug.SetMemoryLimit(-1)
	defer func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}()
	cases := []struct {
		name               string
		percent            int
		limit              int64
		wantPercent        int
		wantLimitAtMost    int64
		wantLimitUnchanged bool
	}{
		{"defaults", 100, math.MaxInt64, statementGCPercent, 1 << 40, false},
		{"higher GOGC", 5000, math.MaxInt64, 5000, 1 << 40, false},
		{"GOGC off", -1, math.MaxInt64, -1, 1 << 40, false},
		{"lower GOMEMLIMIT", 100, 16 * mib, statementGCPercent, 16 * mib, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			debug.SetGCPercent(c.percent)
			debug.SetMemoryLimit(c.limit)
			restore := tuneGC(2)
			gotPercent := debug.SetGCPercent(c.wantPercent)
			gotLimit := debug.SetMemoryLimit(-1)
			restore()
			if gotPercent != c.wantPercent {
				t.Errorf("GOGC during the stage %d, want %d", gotPercent, c.wantPercent)
			}
			if gotLimit > c.wantLimitAtMost || (c.wantLimitUnchanged && gotLimit != c.limit) {
				t.Errorf("memory limit during the stage %d MiB, want at most %d MiB", gotLimit/mib, c.wantLimitAtMost/mib)
			}
			if p := debug.SetGCPercent(100); p != c.percent {
				t.Errorf("GOGC after the stage %d, want %d restored", p, c.percent)
			}
			if l := debug.SetMemoryLimit(math.MaxInt64); l != c.limit {
				t.Errorf("memory limit after the stage %d, want %d restored", l, c.limit)
			}
		})
	}
}
