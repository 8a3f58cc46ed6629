package crm

import (
	"fmt"
	"hash/maphash"
	"strings"
	"unicode"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
	"github.com/partnerbook/partnerbook/internal/sheet"
	"github.com/partnerbook/partnerbook/internal/terms"
)

// ReadDeals reads the deals export; problems are added to probs with their row and column.
func ReadDeals(in domain.DealsInput, display string, probs *diag.List) []*domain.Deal {
	deals, _ := ReadDealsLater(in, display, probs)
	return deals
}

// ReadDealsLater is ReadDeals that also returns the deals left out of the run: in
// another currency, dated after in.Money.Until in a month with no rate yet (one
// warning per currency says so). Their values are not converted.
//
// rows, when given, is told how many rows have been read, for a progress bar.
func ReadDealsLater(in domain.DealsInput, display string, probs *diag.List, rows ...func(int64)) (deals, waiting []*domain.Deal) {
	t, err := sheet.OpenWith(in.File, display, sheet.Options{Sheet: in.Sheet, Encoding: in.Encoding, Delimiter: in.Delimiter, Footers: in.Preset == "salesforce", Rows: first(rows), RefuseHidden: true})
	if err != nil {
		probs.Err(err)
		return nil, nil
	}
	defer t.Close()
	// An optional column the preset names but this export lacks is left out; one the
	// TOML names itself must be there.
	mapping := map[string]string{}
	for k, h := range in.Columns {
		mapping[k] = h
	}
	lay, fits := layoutColumns(t, in, mapping, probs)
	if !fits {
		return nil, nil
	}
	optional := []string{"name", "stage", "tags", "partner", "first_touch", "currency"}
	for _, k := range optional {
		if _, found := t.Column(mapping[k]); !found && !in.Explicit[k] {
			delete(mapping, k)
		}
	}
	cols := t.Resolve(probs, mapping, terms.RequiredDealColumns, optional)
	if len(cols) < len(terms.RequiredDealColumns) {
		return nil, nil
	}
	_, hasTags := cols["tags"]
	_, hasPartner := cols["partner"]
	if !hasTags && !hasPartner {
		probs.Errorf(t.Pos(-1), "no tags column (%q) and no partner column (%q) in the header: deals cannot be attributed to partners; the header row has: %s",
			in.Columns["tags"], in.Columns["partner"], strings.Join(t.Headers(), ", "))
		return nil, nil
	}
	won := wordSet(in.Won)
	lost := wordSet(in.Lost)
	unclear := map[string]bool{} // statuses saying won or lost in neither list, refused once
	wonCol, hasWon := t.Column(lay.WonFlag)
	closedCol, hasClosed := t.Column(lay.ClosedFlag)
	deletedCol, hasDeleted := t.Column(lay.DeletedFlag)
	hasWon, hasClosed, hasDeleted = hasWon && lay.WonFlag != "", hasClosed && lay.ClosedFlag != "", hasDeleted && lay.DeletedFlag != ""
	dates := newDateReader(t, "[input.deals]", in.DateFormat, lay.Dates)
	deleted := 0
	wait := newLater("deal")
	seen := map[string]int{}
	words := interner{}
	var read slab[domain.Deal]
	sheetAt := domain.Sheet(t.Pos(-1))
	t.Each(probs, func() {
		if del, _ := boolCell(t, deletedCol, hasDeleted); del {
			deleted++
			return
		}
		d := read.next()
		d.At = domain.PlaceIn(sheetAt, t.Row())
		var col int
		d.ID, col = t.Cell(cols, "id")
		if d.ID == "" {
			probs.Errorf(t.Pos(col), "missing deal ID")
			return
		}
		if err := lineKeyPart("deal ID", d.ID); err != nil {
			probs.Errorf(t.Pos(col), "%v", err)
			return
		}
		if first, dup := seen[d.ID]; dup {
			probs.Errorf(t.Pos(col), "duplicate deal ID %q (also row %d)", d.ID, first)
			return
		}
		// The kept copy is the key: the cell's text is part of its whole row.
		d.ID = strings.Clone(d.ID)
		seen[d.ID] = t.Row()
		d.Name, _ = t.Cell(cols, "name")
		d.Client, _ = t.Cell(cols, "client")
		d.Stage, _ = t.Cell(cols, "stage")
		d.StatusText, _ = t.Cell(cols, "status")
		d.Name, d.Client = strings.Clone(d.Name), strings.Clone(d.Client)
		d.Stage, d.StatusText = words.of(d.Stage), words.of(d.StatusText)
		k := sheet.Norm(d.StatusText)
		switch {
		case won[k]:
			d.Status = domain.Won
		case lost[k]:
			d.Status = domain.Lost
		}
		// Salesforce's flags are the truth where the export has them: stage names vary.
		flagged := false
		if w, ok := boolCell(t, wonCol, hasWon); ok && w {
			d.Status, flagged = domain.Won, true
		} else if c, ok := boolCell(t, closedCol, hasClosed); ok {
			d.Status, flagged = domain.Open, true
			if c {
				d.Status = domain.Lost
			}
		}
		if !flagged && d.Status == domain.Open && !unclear[k] && saysWonOrLost(k) {
			// "Closed Won" beside won = ["won"]: read as open, the deal's fee would
			// silently never be paid. Once per status, at its first row.
			unclear[k] = true
			_, c := t.Cell(cols, "status")
			probs.Errorf(t.Pos(c), "status %q says won or lost but is neither a won nor a lost status of the program, so the deal would count as open and earn nothing: add it to [input.deals.status] won (or lost)",
				d.StatusText)
		}
		cur, named, curOK := rowCurrency(t, cols, in.Money, probs)
		var s string
		valueCol := -1
		if s, col = t.Cell(cols, "value"); s == "" && d.Status == domain.Won {
			probs.Warnf(t.Pos(col), "won deal %q has no value: its percent fees count it as 0.00 until the export has one, and a refund within the clawback window is measured against its payments", d.ID)
		} else if s != "" && curOK {
			v, err := amountIn(t, col, s, cur, named)
			if err != nil {
				probs.Errorf(t.Pos(col), "%v", err)
			} else if v.Sign() < 0 {
				probs.Errorf(t.Pos(col), "deal value %s is negative", s)
			} else {
				d.Value, valueCol = v, col
			}
		}
		d.Created, _ = dates.required(cols, "created", "created", probs)
		if s, col = t.Cell(cols, "closed"); s != "" && d.Status != domain.Open {
			if d.Closed, err = dates.read(s, col); err != nil {
				probs.Errorf(t.Pos(col), "%v", err)
			} else if !d.Created.IsZero() && d.Closed.Before(d.Created) {
				probs.Warnf(t.Pos(col), "deal %q closed on %s, before it was created on %s", d.ID, d.Closed, d.Created)
			}
		} else if d.Status == domain.Won {
			probs.Errorf(t.Pos(col), "won deal %q has no won date", d.ID)
		}
		if s, _ = t.Cell(cols, "tags"); s != "" {
			d.Tags = SplitTags(s)
			for i, tag := range d.Tags {
				d.Tags[i] = words.of(tag)
			}
		}
		d.Partner, _ = t.Cell(cols, "partner")
		d.FirstTouch, _ = t.Cell(cols, "first_touch")
		d.Partner, d.FirstTouch = words.of(d.Partner), words.of(d.FirstTouch)
		// A value in another currency is converted at the rate of the month the deal
		// was won (or lost); an open deal's at the month it was created.
		if day := d.Closed; valueCol >= 0 {
			if day.IsZero() {
				day = d.Created
			}
			if wait.takes(in.Money, d.Value, cur, day) {
				read.keep()
				waiting = append(waiting, d)
				return
			}
			if !day.IsZero() {
				d.Value, d.FX, _ = convert(in.Money, d.Value, cur, day, t.Pos(valueCol), func() string { return fmt.Sprintf("deal %q dated %s", d.ID, day) }, probs)
			}
		}
		read.keep()
		deals = append(deals, d)
	})
	dates.done(probs)
	whole := t.Pos(-1)
	whole.Row, whole.Column = 0, ""
	if deleted > 0 {
		probs.Warnf(whole, "%d deleted %s (%s = true) skipped", deleted, plural(deleted, "row", "rows"), lay.DeletedFlag)
	}
	wait.warn(whole, in.Money, probs)
	nothingWon(deals, mapping["status"], whole, probs)
	return deals, waiting
}

// interner keeps one copy of each of the few words a column repeats (stages,
// statuses, tags, partner names) instead of a string per row; a cell's text may
// also be part of its whole row as the sheet reader read it, which a kept
// copy does not hold on to.
type interner map[string]string

func (in interner) of(s string) string {
	if s == "" {
		return ""
	}
	if w, ok := in[s]; ok {
		return w
	}
	if len(in) >= 1<<16 {
		return strings.Clone(s) // not a repeated word after all
	}
	w := strings.Clone(s)
	in[w] = w
	return w
}

// SplitTags splits a tags cell on "," or ";" and trims each tag; empty tags are
// dropped, and a cell without tags gives nil. The tags share the cell's text.
func SplitTags(s string) []string {
	n := 0
	for rest := s; ; {
		i := strings.IndexAny(rest, ",;")
		if i < 0 {
			if strings.TrimSpace(rest) != "" {
				n++
			}
			break
		}
		if strings.TrimSpace(rest[:i]) != "" {
			n++
		}
		rest = rest[i+1:]
	}
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for rest := s; ; {
		i := strings.IndexAny(rest, ",;")
		if i < 0 {
			if p := strings.TrimSpace(rest); p != "" {
				out = append(out, p)
			}
			return out
		}
		if p := strings.TrimSpace(rest[:i]); p != "" {
			out = append(out, p)
		}
		rest = rest[i+1:]
	}
}

func wordSet(ws []string) map[string]bool {
	m := map[string]bool{}
	for _, w := range ws {
		m[sheet.Norm(w)] = true
	}
	return m
}

// ReadPayments reads the client payments; with the stripe preset, a Stripe Dashboard
// payments export (see readStripe). rows, when given, counts the rows read.
func ReadPayments(in domain.PaymentsInput, display string, probs *diag.List, rows ...func(int64)) []*domain.Payment {
	t, err := sheet.OpenWith(in.File, display, sheet.Options{Sheet: in.Sheet, Encoding: in.Encoding, Delimiter: in.Delimiter, Rows: first(rows), RefuseHidden: true})
	if err != nil {
		probs.Err(err)
		return nil
	}
	defer t.Close()
	if in.Preset == "stripe" {
		return readStripe(t, in, probs)
	}
	cols := t.Resolve(probs, presentColumns(t, in, "currency"), []string{"date", "amount"}, []string{"deal", "client", "currency", "id"})
	if _, ok := cols["date"]; !ok {
		return nil
	}
	if _, ok := cols["amount"]; !ok {
		return nil
	}
	guard, ok := newUnpaidGuard(t, in, probs)
	if !ok {
		return nil
	}
	var out []*domain.Payment
	idRow := map[string]int{} // payment id -> first row
	dates := newDateReader(t, "[input.payments]", in.DateFormat, "")
	wait := newLater("payment")
	var twins sameRows
	var read slab[domain.Payment]
	sheetAt := domain.Sheet(t.Pos(-1))
	t.Each(probs, func() {
		p := read.next()
		p.At = domain.PlaceIn(sheetAt, t.Row())
		var col int
		// Lines are keyed by the payment id when there is one: two rows with one id
		// would be one payment counted twice.
		if p.ID, col = t.Cell(cols, "id"); p.ID != "" {
			p.ID = strings.Clone(p.ID)
			if err := lineKeyPart("payment id", p.ID); err != nil {
				probs.Errorf(t.Pos(col), "%v", err)
				return
			}
			if first, dup := idRow[p.ID]; dup {
				probs.Errorf(t.Pos(col), "duplicate payment id %q (also row %d)", p.ID, first)
				return
			}
			idRow[p.ID] = t.Row()
		}
		if !paymentParty(t, cols, p, probs) {
			return
		}
		var ok bool
		if p.Date, ok = dates.required(cols, "date", "payment", probs); !ok {
			return
		}
		cur, named, ok := rowCurrency(t, cols, in.Money, probs)
		if !ok {
			return
		}
		s, col := t.Cell(cols, "amount")
		if p.Amount, err = amountIn(t, col, s, cur, named); err != nil || s == "" {
			if s == "" {
				err = fmt.Errorf("missing amount")
			}
			probs.Errorf(t.Pos(col), "%v", err)
			return
		}
		key := p.Deal
		if key == "" {
			key = "client:" + strings.ToLower(p.Client)
		}
		guard.row(t, p.Amount, s, key)
		if wait.takes(in.Money, p.Amount, cur, p.Date) {
			return
		}
		if p.Amount, p.FX, ok = convert(in.Money, p.Amount, cur, p.Date, t.Pos(col), func() string { return "payment dated " + p.Date.String() }, probs); !ok {
			return
		}
		if p.ID == "" {
			twins.check(p, out, in.Money.Currency, t.Pos(-1), probs)
		}
		read.keep()
		out = append(out, p)
	})
	whole := t.Pos(-1)
	whole.Row, whole.Column = 0, ""
	twins.done(whole, probs)
	guard.done(probs)
	dates.done(probs)
	wait.warn(whole, in.Money, probs)
	return out
}

// sameRows finds the payments without an id that repeat an earlier row exactly: the
// same deal or client, date, amount and currency. Two invoices of one amount on one day
// can be real, so it is a warning; but two overlapping exports pasted together repeat
// every row, and each copy would count again. A row is keyed by a hash of its fields,
// not its text, so a million payments cost a map of numbers; a hash met again is
// compared field by field with the payment it first came from.
type sameRows struct {
	first              map[uint64]int32 // hash -> index of the payment in the payments read
	seed               maphash.Seed
	shown              int // rows warned of one by one
	more               int // rows that repeat an earlier one beyond those
	lastRow, lastFirst int
}

// sameRowsShown is how many repeated rows are warned of one by one; the rest are
// counted in one warning.
const sameRowsShown = 10

// check warns when p, about to be appended to out, repeats a payment of out.
func (s *sameRows) check(p *domain.Payment, out []*domain.Payment, program string, pos diag.Pos, probs *diag.List) {
	if s.first == nil {
		s.first, s.seed = map[uint64]int32{}, maphash.MakeSeed()
	}
	orig, cur := original(p, program)
	var h maphash.Hash
	h.SetSeed(s.seed)
	for _, f := range []string{p.Deal, p.Client, p.Date.String(), orig.String(), cur} {
		h.WriteString(f)
		h.WriteByte(0)
	}
	k := h.Sum64()
	i, seen := s.first[k]
	if !seen {
		s.first[k] = int32(len(out))
		return
	}
	q := out[i]
	if qo, qc := original(q, program); q.Deal != p.Deal || q.Client != p.Client || q.Date != p.Date || !qo.Equal(orig) || qc != cur {
		return
	}
	if s.shown >= sameRowsShown {
		s.more++
		s.lastRow, s.lastFirst = pos.Row, q.Pos().Row
		return
	}
	s.shown++
	who := fmt.Sprintf("deal %q", p.Deal)
	if p.Deal == "" {
		who = fmt.Sprintf("client %q", p.Client)
	}
	probs.Warnf(pos, "this payment (%s, %s, %s %s) repeats row %d exactly, and the sheet gives no payment id to tell them apart: both are counted. If two exports overlap, delete the copies; if they are two payments, map a payment id column ([input.payments.columns] id)",
		who, p.Date, orig, cur, q.Pos().Row)
}

// done counts the repeated rows not warned of one by one.
func (s *sameRows) done(whole diag.Pos, probs *diag.List) {
	if s.more > 0 {
		probs.Warnf(whole, "%d more payments repeat an earlier row exactly (the last: row %d repeats row %d): each is counted; delete the copies if two exports overlap",
			s.more, s.lastRow, s.lastFirst)
	}
}

// original is a payment's amount and currency as the sheet wrote them.
func original(p *domain.Payment, program string) (money.Amount, string) {
	if p.FX != nil {
		return p.FX.Original, p.FX.Currency
	}
	return p.Amount, program
}

// slab hands out values allocated a block at a time, so a million deals or payments
// are a few hundred allocations instead of a million. next is the next free value,
// zeroed; keep marks it used, and a row that is refused leaves it to the next row.
type slab[T any] struct {
	block []T
	size  int
}

func (s *slab[T]) next() *T {
	if len(s.block) == 0 {
		s.size = min(max(2*s.size, 16), 4096)
		s.block = make([]T, s.size)
	}
	var zero T
	s.block[0] = zero
	return &s.block[0]
}

func (s *slab[T]) keep() { s.block = s.block[1:] }

// presentColumns is the mapping without the optional columns the preset names but
// this file lacks; a column the TOML names itself must be there.
func presentColumns(t *sheet.Table, in domain.PaymentsInput, optional ...string) map[string]string {
	mapping := map[string]string{}
	for k, h := range in.Columns {
		mapping[k] = h
	}
	for _, k := range optional {
		if _, found := t.Column(mapping[k]); !found && !in.Explicit[k] {
			delete(mapping, k)
		}
	}
	return mapping
}

// paymentParty reads the deal or client a payment is for.
func paymentParty(t *sheet.Table, cols map[string]int, p *domain.Payment, probs *diag.List) bool {
	var col int
	p.Deal, _ = t.Cell(cols, "deal")
	p.Client, col = t.Cell(cols, "client")
	p.Deal, p.Client = strings.Clone(p.Deal), strings.Clone(p.Client)
	if p.Deal == "" && p.Client == "" {
		i := cols["deal"]
		if _, byDeal := cols["deal"]; !byDeal {
			i = col
		}
		probs.Errorf(t.Pos(i), "payment names no deal or client")
		return false
	}
	return true
}

// first is the optional progress callback, or nil.
func first(fs []func(int64)) func(int64) {
	if len(fs) == 0 {
		return nil
	}
	return fs[0]
}

// lineKeyPart checks an id that becomes part of a line ID. Line IDs join their parts
// with ":" ("acme:D1:referral", "...:adj:2026-10"), so an id holding ":" could read as
// another deal's line, or as a correction.
func lineKeyPart(what, id string) error {
	if strings.Contains(id, ":") {
		return fmt.Errorf("%s %q contains \":\", which line IDs use to join their parts: export the id without it", what, id)
	}
	return nil
}

// saysWonOrLost reports whether a normalised status holds the word "won" or "lost"
// ("closed won", "closed - lost"; not "won't proceed").
func saysWonOrLost(k string) bool {
	for _, w := range strings.FieldsFunc(k, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' }) {
		if w == "won" || w == "lost" {
			return true
		}
	}
	return false
}
