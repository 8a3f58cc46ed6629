package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/output"
)

// Up to warningsInFull warnings are printed one a line. A larger run (a million-deal
// export may give hundreds of thousands) prints the first warningsFirst of them, then
// the rest counted by kind, each kind with its first example, so the screen says what
// went wrong and how often instead of scrolling it away. --all-warnings prints every
// one; a run's report.json lists them all.
const (
	warningsInFull = 200
	warningsFirst  = 50
)

// printWarnings writes warnings to w, as "warning: ..." lines. all prints every one;
// fullList names where the whole list is kept ("" for none).
func printWarnings(w io.Writer, warnings []string, all bool, fullList string) {
	printProblems(w, "warning", "warnings", warnings, all, fullList)
}

// printProblems writes items as "<label>: ..." lines: every one up to warningsInFull
// (or when all), else the first warningsFirst and the rest counted by kind, each kind
// with its first example, so no kind is left unshown.
func printProblems(w io.Writer, label, plural string, items []string, all bool, fullList string) {
	if all || len(items) <= warningsInFull {
		for _, s := range items {
			fmt.Fprintf(w, "%s: %s\n", label, s)
		}
		return
	}
	for _, s := range items[:warningsFirst] {
		fmt.Fprintf(w, "%s: %s\n", label, s)
	}
	rest := items[warningsFirst:]
	type kind struct {
		example string
		n       int
	}
	var kinds []*kind
	byShape := map[string]*kind{}
	for _, s := range rest {
		sh := warningShape(s)
		k := byShape[sh]
		if k == nil {
			k = &kind{example: s}
			byShape[sh] = k
			kinds = append(kinds, k)
		}
		k.n++
	}
	where := "--all-warnings prints each one"
	if fullList != "" {
		where = fullList + " lists each one, and --all-warnings prints them here"
	}
	fmt.Fprintf(w, "%s: %s more %s of %d kind(s), each kind with its count and first example (%s):\n",
		label, money.Policy{}.Number(money.FromInt(int64(len(rest)))), plural, len(kinds), where)
	for _, k := range kinds {
		fmt.Fprintf(w, "  %s × %s\n", money.Policy{}.Number(money.FromInt(int64(k.n))), k.example)
	}
}

// warningShape is a warning with what differs between warnings of one kind left
// out: quoted text and numbers. `row 6: deal "OPP-5" has payments but is open` and
// `row 9: deal "OPP-8" has payments but is open` share the shape
// `row #: deal "" has payments but is open`.
func warningShape(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	quoted, digits := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
			b.WriteRune(r)
			digits = false
		case quoted:
		case r >= '0' && r <= '9':
			if !digits {
				b.WriteByte('#')
			}
			digits = true
		case digits && (r == ',' || r == '.'):
			// 1,234.50 is one number
		default:
			digits = false
			b.WriteRune(r)
		}
	}
	return b.String()
}

// reportList is the report.json of a run's output folder, if the run wrote one.
func reportList(dir string, files []output.File) string {
	for _, f := range files {
		if f.Path == "report.json" {
			return filepath.Join(dir, "report.json")
		}
	}
	return ""
}
