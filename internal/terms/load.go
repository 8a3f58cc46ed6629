// Package terms reads the TOML program file into a validated Program: partners,
// their agreement versions, campaigns and where the input files are.
package terms

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
)

// SafeID is what partner and campaign ids may be: they become file names and payout IDs.
var SafeID = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// Load reads and validates the program file at path. Every problem found is added to
// probs; the Program is nil only when the file cannot be read or parsed at all.
//
// Problems inside the file name it by its base name, and the paths it names are shown
// relative to it, so a run's messages and outputs do not depend on how -c was spelled.
func Load(path string, probs *diag.List) *domain.Program {
	data, err := os.ReadFile(path)
	if err != nil {
		hint := ""
		if errors.Is(err, os.ErrNotExist) {
			hint = "; make one with partnerbook init --deals EXPORT > partnerbook.toml, or name another with -c FILE"
		}
		probs.Errorf(diag.Pos{File: path}, "cannot read the program file: %v%s", unwrapPath(err), hint)
		return nil
	}
	return Parse(filepath.Base(path), filepath.Dir(path), string(data), probs)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Parse validates TOML text; dir is where relative input paths start.
func Parse(name, dir, text string, probs *diag.List) *domain.Program {
	var raw map[string]any
	if _, err := toml.Decode(text, &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			probs.Errorf(diag.Pos{File: name, Line: pe.Position.Line, Col: pe.Position.Col}, "%s", pe.Message)
		} else {
			probs.Errorf(diag.Pos{File: name}, "%v", err)
		}
		return nil
	}
	l := &loader{name: name, dir: dir, pos: locate(name, text), probs: probs}
	return l.program(raw)
}

type loader struct {
	name     string
	dir      string
	pos      map[string]diag.Pos
	probs    *diag.List
	formerAt map[*domain.Partner]diag.Pos // where each partner's former_ids is written
	// currency and policy are the program's, once [program] names a known currency:
	// the money settings are in it.
	currency string
	policy   money.Policy
	// finance are checks of values that must be exact only in the finance files that
	// carry them: run once [output] is read.
	finance []func(domain.Output)
}

// table walks one TOML table: every key read is marked, the rest are unknown keys.
type table struct {
	l    *loader
	m    map[string]any
	path string // with indices, for positions
	seen map[string]bool
}

func (l *loader) table(m map[string]any, path string) *table {
	return &table{l: l, m: m, path: path, seen: map[string]bool{}}
}

// at is the position of a key of the table (or the table itself).
func (t *table) at(key string) diag.Pos {
	for p := join(t.path, key); p != ""; {
		if pos, ok := t.l.pos[p]; ok {
			return pos
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return diag.Pos{File: t.l.name}
}

func (t *table) errorf(key, format string, args ...any) {
	t.l.probs.Errorf(t.at(key), format, args...)
}

func (t *table) warnf(key, format string, args ...any) {
	t.l.probs.Warnf(t.at(key), format, args...)
}

var indexRe = regexp.MustCompile(`\[\d+\]`)

// display is the table name as a user writes it: [partner.terms.referral].
func (t *table) display() string { return indexRe.ReplaceAllString(t.path, "") }

func (t *table) get(key string, required bool) (any, bool) {
	t.seen[key] = true
	v, ok := t.m[key]
	if !ok && required {
		t.errorf("", "missing required key %q in [%s]", key, t.display())
	}
	return v, ok
}

func (t *table) str(key string, required bool, def string) string {
	v, ok := t.get(key, required)
	if !ok {
		return def
	}
	s, isStr := v.(string)
	if !isStr {
		t.errorf(key, "%q must be a string, not %s", key, typeName(v))
		return def
	}
	s = strings.TrimSpace(s)
	if s == "" && required {
		t.errorf(key, "%q must not be empty", key)
	}
	return s
}

func (t *table) integer(key string, def, min int) int {
	v, ok := t.get(key, false)
	if !ok {
		return def
	}
	n, isInt := v.(int64)
	if !isInt {
		t.errorf(key, "%q must be a whole number, not %s", key, typeName(v))
		return def
	}
	if n < int64(min) || n > 100000 {
		t.errorf(key, "%q is %d: must be between %d and 100000", key, n, min)
		return def
	}
	return int(n)
}

func (t *table) date(key string, required bool) civil.Date {
	v, ok := t.get(key, required)
	if !ok {
		return civil.Date{}
	}
	switch d := v.(type) {
	case time.Time:
		if d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.errorf(key, "%q must be a date (2026-01-31) with no time of day", key)
		}
		return civil.Of(d)
	case string:
		c, err := civil.Parse(d)
		if err != nil {
			t.errorf(key, "%q: %v", key, err)
		}
		return c
	}
	t.errorf(key, "%q must be a date like 2026-01-31, not %s", key, typeName(v))
	return civil.Date{}
}

func (t *table) amount(key string, required bool, def money.Amount) (money.Amount, bool) {
	v, ok := t.get(key, required)
	if !ok {
		return def, false
	}
	s, isStr := v.(string)
	if !isStr {
		t.errorf(key, "%q must be a quoted amount like \"100.00\" (a TOML number can lose cents), not %s", key, typeName(v))
		return def, false
	}
	a, err := money.ParseAmount(s)
	if err != nil {
		t.errorf(key, "%q: %v", key, err)
		return def, false
	}
	if a.Sign() < 0 {
		t.errorf(key, "%q must not be negative", key)
	}
	return a, true
}

// money reads a money setting (a fee, cap, cost or minimum) in the program currency,
// refusing one with more decimal places than the currency's minor unit: a fee capped at
// ¥1,000.50 would be rounded to ¥1,001, above the cap.
func (t *table) money(key string, required bool) (money.Amount, bool) {
	a, set := t.amount(key, required, money.Zero)
	if !set || t.l.currency == "" {
		return a, set
	}
	if r := t.l.policy.Round(a); !r.Equal(a) {
		cur, unit, fix := t.l.currency, fmt.Sprintf("%d decimal places", t.l.policy.Places), ""
		switch t.l.policy.Places {
		case 0:
			unit, fix = "no decimals", "in whole "+cur
		case 1:
			unit = "1 decimal place"
		}
		if fix == "" {
			fix = "with at most " + unit
		}
		t.errorf(key, "%q = %q has more decimals than the program currency %s has (%s): it is an amount in %s, whatever currency a deal, payment or payee is in (they are converted to %s), and is paid in whole minor units of %s; write it %s",
			key, t.m[key], cur, unit, cur, cur, cur, fix)
	}
	return a, set
}

func (t *table) rate(key string, required bool, def money.Rate) (money.Rate, bool) {
	v, ok := t.get(key, required)
	if !ok {
		return def, false
	}
	s, isStr := v.(string)
	if !isStr {
		t.errorf(key, "%q must be a quoted percentage like \"15%%\", not %s", key, typeName(v))
		return def, false
	}
	r, err := money.ParseRate(s)
	if err != nil {
		t.errorf(key, "%q: %v", key, err)
		return def, false
	}
	return r, true
}

// word is an input word of a closed set: a typed value that knows its valid spellings.
type word interface {
	~string
	Valid() bool
}

// choice reads key as one of all (each Valid); def when absent or wrong.
func choice[T word](t *table, key string, required bool, def T, all []T) T {
	s := T(t.str(key, required, string(def)))
	if !s.Valid() {
		// A missing required key is already reported by str.
		if _, present := t.m[key]; present && (s != "" || required) {
			names := make([]string, len(all))
			for i, a := range all {
				names[i] = string(a)
			}
			t.errorf(key, "%q is %q: must be one of %s", key, s, strings.Join(names, ", "))
		}
		return def
	}
	return s
}

func (t *table) strings(key string) ([]string, bool) {
	v, ok := t.get(key, false)
	if !ok {
		return nil, false
	}
	arr, isArr := v.([]any)
	if !isArr {
		t.errorf(key, "%q must be a list of strings like [\"a\", \"b\"], not %s", key, typeName(v))
		return nil, false
	}
	out := make([]string, 0, len(arr))
	for _, x := range arr {
		s, isStr := x.(string)
		if !isStr {
			t.errorf(key, "%q must hold only strings, not %s", key, typeName(x))
			continue
		}
		out = append(out, strings.TrimSpace(s))
	}
	return out, true
}

func (t *table) sub(key string, required bool) *table {
	v, ok := t.get(key, required)
	if !ok {
		return nil
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		t.errorf(key, "%q must be a table, not %s", key, typeName(v))
		return nil
	}
	return t.l.table(m, join(t.path, key))
}

func (t *table) list(key string) []*table {
	v, ok := t.get(key, false)
	if !ok {
		return nil
	}
	arr, isArr := v.([]map[string]any)
	if !isArr {
		t.errorf(key, "%q must be written as [[%s]] tables, not %s", key, join(t.display(), key), typeName(v))
		return nil
	}
	out := make([]*table, len(arr))
	for i, m := range arr {
		out[i] = t.l.table(m, fmt.Sprintf("%s[%d]", join(t.path, key), i))
	}
	return out
}

// done reports the keys of the table that nothing read, in file order.
func (t *table) done() {
	var unknown []string
	for k := range t.m {
		if !t.seen[k] {
			unknown = append(unknown, k)
		}
	}
	sort.Slice(unknown, func(i, j int) bool {
		a, b := t.at(unknown[i]), t.at(unknown[j])
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return unknown[i] < unknown[j]
	})
	for _, k := range unknown {
		where := "at the top level"
		if t.path != "" {
			where = "in [" + t.display() + "]"
		}
		hint := ""
		if s := closest(k, t.seen); s != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", s)
		}
		t.errorf(k, "unknown key %q %s%s", k, where, hint)
	}
}

func closest(k string, known map[string]bool) string {
	best, bestD := "", 3
	names := make([]string, 0, len(known))
	for n := range known {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if d := distance(strings.ToLower(k), strings.ToLower(n)); d < bestD {
			best, bestD = n, d
		}
	}
	return best
}

// distance is the Levenshtein edit distance.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "a number"
	case float64:
		return "a decimal number"
	case bool:
		return "true/false"
	case time.Time:
		return "a date"
	case []any:
		return "a list"
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "a list of tables"
	}
	return fmt.Sprintf("%T", v)
}
