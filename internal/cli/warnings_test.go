package cli

import (
	"fmt"
	"strings"
	"testing"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/output"
)

func manyWarnings(open, lost int) []string {
	var ws []string
	for i := 0; i < open; i++ {
		ws = append(ws, fmt.Sprintf(`deals.xlsx: sheet "Opportunities" row %d: deal "OPP-%07d" has payments but is open in the export: no partner lines are computed for it`, i+2, i+1))
	}
	for i := 0; i < lost; i++ {
		ws = append(ws, fmt.Sprintf(`payments.xlsx: sheet "Payments" row %d: payment of 1,2%02d.50 repeats row %d`, i+2, i%100, i+1))
	}
	return ws
}

func TestWarningsBeyondTwoHundredAreCountedByKind(t *testing.T) {
	ws := manyWarnings(280, 70)
	var b strings.Builder
	printWarnings(&b, ws, false, "out/2026-10/report.json")
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	// 50 in full, a heading, two kinds.
	if len(lines) != 53 {
		t.Fatalf("%d lines printed, want 53:\n%s", len(lines), b.String())
	}
	for i := 0; i < 50; i++ {
		if lines[i] != "warning: "+ws[i] {
			t.Fatalf("line %d = %q, want warning %d in full", i, lines[i], i)
		}
	}
	if want := "warning: 300 more warnings of 2 kind(s), each kind with its count and first example (out/2026-10/report.json lists each one, and --all-warnings prints them here):"; lines[50] != want {
		t.Errorf("heading = %q\nwant      %q", lines[50], want)
	}
	if want := "  230 × " + ws[50]; lines[51] != want {
		t.Errorf("first kind = %q\nwant         %q", lines[51], want)
	}
	if want := "  70 × " + ws[280]; lines[52] != want {
		t.Errorf("second kind = %q\nwant          %q", lines[52], want)
	}
}

func TestWarningCountsHaveThousandsSeparators(t *testing.T) {
	ws := manyWarnings(1049, 1234)
	var b strings.Builder
	printWarnings(&b, ws, false, "")
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != 53 {
		t.Fatalf("%d lines printed, want 53", len(lines))
	}
	if want := "warning: 2,233 more warnings of 2 kind(s), each kind with its count and first example (--all-warnings prints each one):"; lines[50] != want {
		t.Errorf("heading = %q\nwant      %q", lines[50], want)
	}
	if want := "  999 × " + ws[50]; lines[51] != want {
		t.Errorf("first kind = %q\nwant         %q", lines[51], want)
	}
	if want := "  1,234 × " + ws[1049]; lines[52] != want {
		t.Errorf("second kind = %q\nwant          %q", lines[52], want)
	}
}

func TestWarningsPrintedInFullUpToTwoHundredOrWhenAsked(t *testing.T) {
	for _, c := range []struct {
		n   int
		all bool
	}{{200, false}, {350, true}, {0, false}} {
		ws := manyWarnings(c.n, 0)
		var b strings.Builder
		printWarnings(&b, ws, c.all, "")
		want := ""
		for _, w := range ws {
			want += "warning: " + w + "\n"
		}
		if b.String() != want {
			t.Errorf("%d warnings, all=%v: printed %d bytes, want every warning (%d bytes)", c.n, c.all, b.Len(), len(want))
		}
	}
}

func TestWarningShapeAndCount(t *testing.T) {
	a := warningShape(`row 6: deal "OPP-5" has 1,200.50 paid`)
	b := warningShape(`row 19: deal "X 9" has 7 paid`)
	if a != b || a != `row #: deal "" has # paid` {
		t.Errorf("shapes %q and %q, want both %q", a, b, `row #: deal "" has # paid`)
	}
	if c := warningShape(`row 6: deal "OPP-5" is lost`); c == a {
		t.Errorf("another kind of warning shares the shape %q", c)
	}
	if got := reportList("out/2026-10", []output.File{{Path: "payouts.xlsx"}, {Path: "report.json"}}); got != "out/2026-10/report.json" {
		t.Errorf("reportList = %q", got)
	}
	if got := reportList("out/2026-10.shard-1-of-2", []output.File{{Path: "statements/a.pdf"}}); got != "" {
		t.Errorf("reportList of a folder without report.json = %q", got)
	}
}

func TestFailPrintsItsErrorsBeforeHundredsOfWarnings(t *testing.T) {
	var probs []diag.Problem
	for i, w := range manyWarnings(260, 0) {
		probs = append(probs, diag.Problem{Severity: diag.Warning, Msg: w})
		if i == 130 {
			probs = append(probs, diag.Problem{Severity: diag.Error, Pos: diag.Pos{File: "payments.csv", Line: 7, Col: 3},
				Msg: "the refund of $150.00 is more than the deal's payments"})
		}
	}
	for _, all := range []bool{false, true} {
		var e strings.Builder
		if code := fail(&diag.Failed{Problems: probs}, &e, true, all); code != ExitInput {
			t.Fatalf("exit %d, want %d", code, ExitInput)
		}
		lines := strings.Split(strings.TrimSuffix(e.String(), "\n"), "\n")
		if want := "error: payments.csv:7:3: the refund of $150.00 is more than the deal's payments"; lines[0] != want {
			t.Errorf("all=%v: first line %q, want the error %q", all, lines[0], want)
		}
		if last := lines[len(lines)-1]; last != "partnerbook: 1 error in the inputs; nothing was written" {
			t.Errorf("all=%v: last line %q", all, last)
		}
		warnings := strings.Count(e.String(), "\nwarning: ")
		if all && warnings != 260 {
			t.Errorf("--all-warnings printed %d warnings, want 260", warnings)
		}
		if !all && (warnings != 51 || !strings.Contains(e.String(), "  210 × ")) {
			t.Errorf("printed %d warning lines, want 50 and the count of the other 210 by kind:\n%s", warnings, e.String())
		}
	}
}
