// Package diag carries the place of an input problem (file, sheet, row, column or
// line:col) and collects problems so a run reports all of them in one pass.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Pos is where a value came from. Unused fields are zero.
type Pos struct {
	File   string
	Sheet  string
	Row    int    // 1-based spreadsheet row
	Column string // header text of the column
	Line   int    // 1-based line in a text file
	Col    int    // 1-based column in a text file
}

func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
		return b.String()
	}
	if p.Sheet != "" {
		fmt.Fprintf(&b, ": sheet %q", p.Sheet)
	}
	if p.Row > 0 {
		fmt.Fprintf(&b, " row %d", p.Row)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, " column %q", p.Column)
	}
	return b.String()
}

// WithColumn is p naming a column.
func (p Pos) WithColumn(c string) Pos { p.Column = c; return p }

// Severity tells errors (the run stops) from warnings (the run goes on).
type Severity int

const (
	Error Severity = iota
	Warning
)

// Problem is one finding about the inputs.
type Problem struct {
	Pos      Pos
	Severity Severity
	Msg      string
}

func (p Problem) String() string {
	if p.Pos == (Pos{}) {
		return p.Msg
	}
	return p.Pos.String() + ": " + p.Msg
}

// PosError is an input problem that leaf code returns as an error, with its place
// kept apart from its message so the collector can position it.
type PosError struct {
	Pos Pos
	Msg string
}

func (e *PosError) Error() string { return Problem{Pos: e.Pos, Msg: e.Msg}.String() }

// At is an error at pos.
func At(pos Pos, format string, args ...any) error {
	return &PosError{pos, fmt.Sprintf(format, args...)}
}

// List collects problems. The zero List is ready to use.
type List struct {
	items []Problem
}

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.items = append(l.items, Problem{pos, Error, fmt.Sprintf(format, args...)})
}

// Err records err as an error: at its place when it carries one (a *PosError).
func (l *List) Err(err error) {
	var pe *PosError
	if errors.As(err, &pe) {
		// Wrapping text around the positioned error stays: only the place moves out.
		l.Errorf(pe.Pos, "%s", strings.Replace(err.Error(), pe.Error(), pe.Msg, 1))
		return
	}
	l.Errorf(Pos{}, "%v", err)
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.items = append(l.items, Problem{pos, Warning, fmt.Sprintf(format, args...)})
}

// Add appends problems found elsewhere.
func (l *List) Add(ps ...Problem) { l.items = append(l.items, ps...) }

// Merge appends another list.
func (l *List) Merge(o *List) { l.items = append(l.items, o.items...) }

// Errors are the recorded errors, in the order found.
func (l *List) Errors() []Problem { return l.filter(Error) }

// Warnings are the recorded warnings, in the order found.
func (l *List) Warnings() []Problem { return l.filter(Warning) }

// HasErrors reports whether any error was recorded.
func (l *List) HasErrors() bool { return len(l.Errors()) > 0 }

// All is every problem in the order found.
func (l *List) All() []Problem { return append([]Problem(nil), l.items...) }

// Strict turns every warning into an error (--strict).
func (l *List) Strict() {
	for i := range l.items {
		l.items[i].Severity = Error
	}
}

func (l *List) filter(s Severity) []Problem {
	var out []Problem
	for _, p := range l.items {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// Sorted returns problems ordered by file, sheet, row, line and message, so reports
// list them the same way whatever order the stages found them in.
func Sorted(ps []Problem) []Problem {
	out := append([]Problem(nil), ps...)
	Sort(out)
	return out
}

// Sort orders problems in place as Sorted does.
func Sort(out []Problem) {
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Pos, out[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		if a.Row != b.Row {
			return a.Row < b.Row
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return out[i].String() < out[j].String()
	})
}

// Failed is the error a stage returns when its inputs had errors: the problems
// themselves are printed by the CLI, this only stops the run.
type Failed struct{ Problems []Problem }

func (f *Failed) Error() string {
	n := 0
	for _, p := range f.Problems {
		if p.Severity == Error {
			n++
		}
	}
	if n == 1 {
		return "1 error in the inputs"
	}
	return fmt.Sprintf("%d errors in the inputs", n)
}
