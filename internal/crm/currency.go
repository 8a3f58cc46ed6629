package crm

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/sheet"
)

// symbols maps the currency signs a text amount may carry to the codes they may
// stand for; longer signs come first so "A$" is not read as "$".
var symbols = []struct {
	sign  string
	codes []string
}{
	{"US$", []string{"USD"}}, {"CA$", []string{"CAD"}}, {"AU$", []string{"AUD"}}, {"NZ$", []string{"NZD"}},
	{"HK$", []string{"HKD"}}, {"MX$", []string{"MXN"}}, {"A$", []string{"AUD"}}, {"C$", []string{"CAD"}},
	{"S$", []string{"SGD"}}, {"R$", []string{"BRL"}},
	{"$", []string{"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "ARS", "CLP", "COP", "UYU", "TWD"}},
	{"€", []string{"EUR"}}, {"£", []string{"GBP"}}, {"¥", []string{"JPY", "CNY"}}, {"₹", []string{"INR"}},
	{"₩", []string{"KRW"}}, {"₽", []string{"RUB"}}, {"₺", []string{"TRY"}}, {"₪", []string{"ILS"}},
	{"฿", []string{"THB"}}, {"₫", []string{"VND"}}, {"₱", []string{"PHP"}}, {"₦", []string{"NGN"}},
	{"₴", []string{"UAH"}}, {"zł", []string{"PLN"}},
}

var codePrefix = regexp.MustCompile(`^([A-Z]{3})\s*(.*)$`)
var codeSuffix = regexp.MustCompile(`^(.*?)\s*([A-Z]{3})$`)

// splitCurrency takes a currency sign or code off a text amount: "€1,000.00",
// "-$12", "1,000.00 EUR", "(A$5.00)". sign is "" when the text has none.
func splitCurrency(s string) (rest, sign string, codes []string) {
	body := strings.TrimSpace(s)
	pre, post := "", ""
	for len(body) > 0 && strings.ContainsRune("-+(", rune(body[0])) {
		pre += body[:1]
		body = strings.TrimSpace(body[1:])
	}
	if strings.HasSuffix(body, ")") {
		post, body = ")", strings.TrimSpace(strings.TrimSuffix(body, ")"))
	}
	for _, sy := range symbols {
		if strings.HasPrefix(body, sy.sign) {
			return pre + strings.TrimSpace(body[len(sy.sign):]) + post, sy.sign, sy.codes
		}
		if strings.HasSuffix(body, sy.sign) {
			return pre + strings.TrimSpace(body[:len(body)-len(sy.sign)]) + post, sy.sign, sy.codes
		}
	}
	// A code is three capital letters: most amounts have none, and skip both patterns.
	if strings.IndexFunc(body, func(r rune) bool { return r >= 'A' && r <= 'Z' }) < 0 {
		return s, "", nil
	}
	if m := codePrefix.FindStringSubmatch(body); m != nil && money.IsCurrency(m[1]) {
		return pre + m[2] + post, m[1], []string{m[1]}
	}
	if m := codeSuffix.FindStringSubmatch(body); m != nil && money.IsCurrency(m[2]) {
		return pre + m[1] + post, m[2], []string{m[2]}
	}
	return s, "", nil
}

// amountIn reads a money cell whose row is in currency cur. A currency sign or code
// in the text must agree with cur: "€1,000.00" in a USD row is refused, never read
// as 1000 dollars. named tells whether cur comes from the row's currency column.
//
// The amount may have no more decimal places than cur's minor unit (2 for USD, 0 for
// JPY, 3 for KWD): a number cell holding =1195.29/1.19 (1004.4453781512605) shows
// 1004.45 in a sheet formatted to two decimals, but the fees would be computed on the
// unrounded value, and "10% of the payment of $1,004.45" would pay $100.44. A number
// cell is judged by the 15 digits a spreadsheet keeps, so float noise such as
// 1004.4500000000001 is 1004.45 and passes.
func amountIn(t *sheet.Table, col int, s, cur string, named bool) (money.Amount, error) {
	places, perr := money.CurrencyPlaces(cur)
	number := t.Kind(col) == sheet.Number
	a, err := amountCell(t, col, s, cur, named)
	if err != nil {
		// A number cell the reader refuses may still be judged by its decimal places:
		// 1004.4453781512605 has more digits than a spreadsheet keeps, which is not
		// what is wrong with it. A number cell the reader accepts holds the value
		// its 15 digits round to, so its own decimals are checked below.
		if number && perr == nil {
			if f, ferr := strconv.ParseFloat(s, 64); ferr == nil {
				if fa, ferr := money.FromFloat(f); ferr == nil && fa.Decimals() > places {
					return money.Amount{}, subunit(true, s, fa, cur, places)
				}
			}
		}
		return a, err
	}
	if perr == nil && a.Decimals() > places {
		return money.Amount{}, subunit(number, s, a, cur, places)
	}
	return a, nil
}

// subunit words the refusal of amount a, read from s, with more decimal places than
// cur's minor unit (places).
func subunit(number bool, s string, a money.Amount, cur string, places int32) error {
	unit := fmt.Sprintf("%s amounts have %d decimal places", cur, places)
	switch places {
	case 0:
		unit = cur + " amounts have no decimal places"
	case 1:
		unit = cur + " amounts have 1 decimal place"
	}
	round := fmt.Sprintf("=ROUND(...,%d)", places)
	if number {
		return fmt.Errorf("the cell holds %s, but %s: a sheet may show it rounded, yet it would be used unrounded; round it in the sheet (%s) or type the amount",
			s, unit, round)
	}
	has := fmt.Sprintf("%d decimal places", a.Decimals())
	if a.Decimals() == 1 {
		has = "1 decimal place"
	}
	return fmt.Errorf("%q has %s, but %s: round it in the sheet (%s) or write it so",
		s, has, unit, round)
}

// amountCell reads a money cell as amountIn does, before its decimal places are checked.
func amountCell(t *sheet.Table, col int, s, cur string, named bool) (money.Amount, error) {
	// A number, TRUE/FALSE or error cell has no currency sign: the sheet reader judges it.
	if t.Kind(col) != sheet.Text {
		return t.AmountCell(col)
	}
	rest, sign, codes := splitCurrency(s)
	if sign != "" {
		ok := false
		for _, c := range codes {
			ok = ok || c == cur
		}
		if !ok {
			whose := "the program currency is " + cur + " and the row names no currency"
			if named {
				whose = "the row's currency is " + cur
			}
			return money.Amount{}, fmt.Errorf("amount %q is written in %s, but %s", s, strings.Join(codes, " or "), whose)
		}
	}
	a, err := t.AmountText(col, rest)
	if err != nil {
		var amb *sheet.AmbiguousPoint
		if errors.As(err, &amb) {
			places, perr := money.CurrencyPlaces(cur)
			if perr != nil {
				places = 2
			}
			return money.Amount{}, errors.New(amb.In(places))
		}
		if strings.Contains(err.Error(), "ambiguous") || strings.Contains(err.Error(), "scientific notation") {
			return money.Amount{}, err
		}
		if strings.Contains(err.Error(), "decimal comma") {
			return money.Amount{}, fmt.Errorf("%q is not an amount: it has a decimal comma, which is not read; export the amounts with a decimal point", s)
		}
		return money.Amount{}, fmt.Errorf("%q is not an amount", s)
	}
	return a, nil
}

// rowCurrency is the ISO 4217 code of the current row's currency column, or the
// program currency when the export has no such column or the cell is empty. ok is
// false (and the problem reported) when the cell holds no ISO 4217 code.
func rowCurrency(t *sheet.Table, cols map[string]int, m domain.Money, probs *diag.List) (cur string, named, ok bool) {
	s, col := t.Cell(cols, "currency")
	if s == "" {
		return m.Currency, false, true
	}
	code := strings.ToUpper(s) // Stripe writes "usd"
	if !money.IsCurrency(code) {
		probs.Errorf(t.Pos(col), "currency %q is not an ISO 4217 currency code (such as USD or EUR)", s)
		return "", true, false
	}
	return code, true, true
}

// convert brings amount a of currency cur into the program currency at the rate
// [fx.<cur>] states for the month of day: a × rate, rounded once with
// program.rounding. The original amount, currency and rate are kept on the result.
// what names the value in the message that asks for a missing rate (worded only
// then: most rows are in the program currency).
func convert(m domain.Money, a money.Amount, cur string, day civil.Date, pos diag.Pos, what func() string, probs *diag.List) (money.Amount, *domain.Conversion, bool) {
	if cur == m.Currency || a.IsZero() {
		return a, nil, true
	}
	if m.Currency == "" {
		probs.Errorf(pos, "%s is in %s, but no program currency is set to convert it into", what(), cur)
		return a, nil, false
	}
	month := civil.MonthOf(day)
	rate, found := m.Rates.Rate(cur, month)
	if !found {
		src := m.Source
		if src == "" {
			src = "the program file"
		} else {
			src = filepath.Base(src)
		}
		probs.Errorf(pos, "no exchange rate for %s in %s (%s): add [fx.%s] \"%s\" = \"...\" to %s, the value of 1 %s in %s",
			cur, month, what(), cur, month, src, cur, m.Currency)
		return a, nil, false
	}
	conv := &domain.Conversion{Original: a, Currency: cur, Rate: rate, Month: month, Pos: pos}
	return m.Policy.Round(a.Convert(rate)), conv, true
}

// later counts the rows left out of the run because they are converted at a date
// after the period being run (domain.Money.Until) in a month with no rate yet: they
// cannot be payable in this period, and that month's rate may not be known yet.
type later struct {
	noun   string                          // "deal", "charge", "payment"
	rows   map[string]int                  // by currency
	months map[string]map[civil.Month]bool // by currency: the months without a rate
}

func newLater(noun string) *later {
	return &later{noun: noun, rows: map[string]int{}, months: map[string]map[civil.Month]bool{}}
}

// takes reports whether amount a of currency cur, converted at day, waits for a later
// run, and counts it if so. A row on or before the period end is not taken: it needs
// its rate now (convert refuses it).
func (l *later) takes(m domain.Money, a money.Amount, cur string, day civil.Date) bool {
	if m.Until.IsZero() || !day.After(m.Until) || cur == m.Currency || m.Currency == "" || a.IsZero() {
		return false
	}
	month := civil.MonthOf(day)
	if _, found := m.Rates.Rate(cur, month); found {
		return false
	}
	l.rows[cur]++
	if l.months[cur] == nil {
		l.months[cur] = map[civil.Month]bool{}
	}
	l.months[cur][month] = true
	return true
}

// warn words one warning per currency at pos (the file): how many rows wait and the
// keys the later runs need.
func (l *later) warn(pos diag.Pos, m domain.Money, probs *diag.List) {
	var curs []string
	for c := range l.rows {
		curs = append(curs, c)
	}
	sort.Strings(curs)
	src := "the program file"
	if m.Source != "" {
		src = filepath.Base(m.Source)
	}
	for _, c := range curs {
		var months []civil.Month
		for mo := range l.months[c] {
			months = append(months, mo)
		}
		sort.Slice(months, func(i, j int) bool { return months[i].Compare(months[j]) < 0 })
		keys := make([]string, len(months))
		for i, mo := range months {
			keys[i] = fmt.Sprintf("%q", mo.String())
		}
		runs := "the run of " + months[0].String() + " needs"
		if len(months) > 1 {
			runs = "the runs of those months need"
		}
		n := l.rows[c]
		probs.Warnf(pos, "%d %s in %s dated after %s %s no exchange rate yet: left out of this run (%s cannot be payable in %s); %s [fx.%s] %s in %s",
			n, plural(n, l.noun, l.noun+"s"), c, m.Until, plural(n, "has", "have"), plural(n, "it", "they"), civil.MonthOf(m.Until),
			runs, c, strings.Join(keys, ", "), src)
	}
}
