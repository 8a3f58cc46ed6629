package pipeline

import (
	"fmt"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/domain"
)

// recorder is a Progress that keeps what it was told.
type recorder struct {
	events []string         // "stage: name" and "counter: name total"
	added  map[string]int64 // counter name -> sum of adds
}

func (r *recorder) Stage(name string) { r.events = append(r.events, "stage: "+name) }

func (r *recorder) Counter(name string, total int64) func(int64) {
	r.events = append(r.events, fmt.Sprintf("counter: %s %d", name, total))
	if r.added == nil {
		r.added = map[string]int64{}
	}
	return func(n int64) { r.added[name] += n }
}

func (r *recorder) has(event string) bool {
	for _, e := range r.events {
		if e == event {
			return true
		}
	}
	return false
}

// The statements counter is opened with the exact number of statements the run
// writes, all of them or a shard's, and counts each once.
func TestProgressCountsStatements(t *testing.T) {
	whole, _ := runSample(t)
	n := whole.Statements.Len()
	shard := Shard{I: 1, N: 3}
	inShard := 0
	for i := range n {
		if shard.Holds(whole.Statements.Partner(i).ID) {
			inShard++
		}
	}
	cases := []struct {
		name  string
		shard Shard
		want  int
	}{
		{"whole run", Shard{}, n},
		{"shard 1/3", shard, inShard},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &recorder{}
			if _, err := Run(Config{ProgramFile: sampleProgram, OutDir: t.TempDir(), Shard: c.shard, Progress: r}); err != nil {
				t.Fatal(err)
			}
			if want := fmt.Sprintf("counter: statements %d", c.want); !r.has(want) {
				t.Errorf("no %q in %q", want, r.events)
			}
			if got := r.added["statements"]; got != int64(c.want) {
				t.Errorf("statements counted %d, want %d", got, c.want)
			}
			if want := fmt.Sprintf("stage: writing %d statements", c.want); !r.has(want) {
				t.Errorf("no %q in %q", want, r.events)
			}
			if !strings.HasPrefix(r.events[0], "stage: reading ") {
				t.Errorf("first event %q, want the program being read", r.events[0])
			}
		})
	}
	if inShard == 0 || inShard == n {
		t.Fatalf("shard 1/3 holds %d of %d statements: the case proves nothing", inShard, n)
	}
}

// Reading and computing count what they do: every deal and payment row, and every won
// deal of a partner whose lines were computed.
func TestProgressCountsRowsAndDeals(t *testing.T) {
	o, _ := runSample(t)
	r := &recorder{}
	if _, err := Load(Config{ProgramFile: sampleProgram, Progress: r}); err != nil {
		t.Fatal(err)
	}
	won := int64(0)
	for _, d := range o.Result.Deals {
		if d.Partner != nil && d.Status == domain.Won {
			won++
		}
	}
	for name, want := range map[string]int64{"deal rows": int64(len(o.Result.Deals)), "won deals": won} {
		if got := r.added[name]; got != want || !r.has(fmt.Sprintf("counter: %s 0", name)) {
			t.Errorf("%s counted %d, want %d (events %q)", name, got, want, r.events)
		}
	}
	if r.added["payment rows"] < 500 {
		t.Errorf("payment rows counted %d, want every row of the sample's payments", r.added["payment rows"])
	}
}
