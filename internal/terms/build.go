package terms

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
	"github.com/partnerbook/partnerbook/internal/money"
	"golang.org/x/net/idna"
)

func (l *loader) program(raw map[string]any) *domain.Program {
	root := l.table(raw, "")
	p := &domain.Program{File: l.name, Dir: l.dir}

	if pt := root.sub("program", true); pt != nil {
		p.Name = pt.str("name", true, "")
		p.Currency = pt.str("currency", true, "")
		places := int32(2)
		if p.Currency != "" {
			var err error
			if places, err = money.CurrencyPlaces(p.Currency); err != nil {
				pt.errorf("currency", "%v", err)
			} else {
				l.currency = p.Currency
			}
		}
		mode, err := money.ParseMode(pt.str("rounding", false, "half-up"))
		if err != nil {
			pt.errorf("rounding", "%v", err)
		}
		p.Policy = money.Policy{Places: places, Mode: mode}
		l.policy = p.Policy
		if s := pt.str("period", false, ""); s != "" {
			if p.Period, err = civil.ParseMonth(s); err != nil {
				pt.errorf("period", "%v", err)
			}
		}
		p.Start = pt.date("start", false)
		p.PayoutTermsDays = pt.integer("payout_terms_days", 30, 0)
		p.MinimumPayout, _ = pt.money("minimum_payout", false)
		p.MarginCap, _ = pt.rate("margin_cap", false, money.MustRate("25%"))
		p.Owner = pt.str("owner", false, "")
		p.Email = pt.str("email", false, "")
		if msg := emailProblem(p.Email, "the firm"); p.Email != "" && msg != "" {
			pt.errorf("email", "%s", msg)
		}
		p.DedicatedRoleShare, _ = pt.rate("dedicated_role_share", false, money.MustRate("20%"))
		pt.done()
	}

	if ft := root.sub("fx", false); ft != nil {
		p.Rates = l.fx(ft, p.Currency)
	}
	if in := root.sub("input", true); in != nil {
		if dt := in.sub("deals", true); dt != nil {
			p.Deals = l.deals(dt)
		}
		// Without payments the program runs on deals alone: no revenue data.
		if pt := in.sub("payments", false); pt != nil {
			p.Payments = l.payments(pt)
		}
		if lt := in.sub("ledger", false); lt != nil {
			p.Ledger = l.ledger(lt, p.Start)
		}
		in.done()
	}
	// Readers convert other currencies as they read, once, into the program currency.
	conv := domain.Money{Currency: p.Currency, Policy: p.Policy, Rates: p.Rates, Source: l.name}
	p.Deals.Money, p.Payments.Money = conv, conv

	for _, pt := range root.list("partner") {
		p.Partners = append(p.Partners, l.partner(pt, p.Owner))
	}
	for _, ct := range root.list("campaign") {
		p.Campaigns = append(p.Campaigns, l.campaign(ct))
	}
	for _, ct := range root.list("confirm") {
		c := &domain.Confirm{Pos: ct.at("line")}
		c.Line = ct.str("line", true, "")
		ct.done()
		p.Confirms = append(p.Confirms, c)
	}
	if ot := root.sub("output", false); ot != nil {
		p.Output = l.output(ot)
	}
	for _, check := range l.finance {
		check(p.Output)
	}
	root.done()
	p.IndexPartners()
	l.crossCheck(root, p)
	return p
}

// path makes an input path relative to the TOML file and checks that it exists.
func (l *loader) path(t *table, key, s string) string {
	if s == "" {
		return ""
	}
	full := s
	if !filepath.IsAbs(s) {
		full = filepath.Join(l.dir, s)
	}
	if st, err := os.Stat(full); err != nil {
		t.errorf(key, "file %q not found (looked at %s)", s, full)
	} else if st.IsDir() {
		t.errorf(key, "%q is a folder, not a file", s)
	}
	return full
}

func (l *loader) deals(t *table) domain.DealsInput {
	d := domain.DealsInput{Pos: t.at("")}
	d.Name = t.str("file", true, "")
	d.File = l.path(t, "file", d.Name)
	d.Sheet = t.str("sheet", false, "")
	d.Preset = t.str("preset", false, "generic")
	pre, known := presets[d.Preset]
	if !known {
		t.errorf("preset", "unknown preset %q: use one of %s", d.Preset, strings.Join(PresetNames(), ", "))
		pre = presets["generic"]
	}
	d.DateFormat = dateFormat(t)
	d.Encoding = encoding(t)
	d.Delimiter = delimiter(t)
	d.Columns = PresetColumns(d.Preset)
	if d.Columns == nil {
		d.Columns = PresetColumns("generic")
	}
	d.Explicit = map[string]bool{}
	if ct := t.sub("columns", false); ct != nil {
		for _, k := range DealColumns {
			if _, set := ct.m[k]; set {
				d.Columns[k] = ct.str(k, false, "")
				d.Explicit[k] = true
			}
		}
		ct.done()
	}
	for _, k := range RequiredDealColumns {
		if d.Columns[k] == "" {
			t.errorf("columns", "the deals column %q must name a header", k)
		}
	}
	if d.Columns["tags"] == "" && d.Columns["partner"] == "" {
		t.errorf("columns", "deals need a \"tags\" or a \"partner\" column to attribute them to partners")
	}
	// A preset whose closed date is an update timestamp, unless the columns map closed
	// to another header; closed_is_update says so for any mapping.
	d.ClosedIsUpdate = pre.closedIsUpdate && !d.Explicit["closed"]
	if v, set := t.get("closed_is_update", false); set {
		if b, ok := v.(bool); ok {
			d.ClosedIsUpdate = b
		} else {
			t.errorf("closed_is_update", "%q must be true or false, not %s", "closed_is_update", typeName(v))
		}
	}
	d.Won, d.Lost, d.Proposal = pre.won, pre.lost, pre.proposal
	if st := t.sub("status", false); st != nil {
		if v, set := st.strings("won"); set {
			d.Won = v
		}
		if v, set := st.strings("lost"); set {
			d.Lost = v
		}
		st.done()
	}
	if st := t.sub("stages", false); st != nil {
		if v, set := st.strings("proposal"); set {
			d.Proposal = v
		}
		st.done()
	}
	t.done()
	return d
}

// encoding is the text encoding a CSV input is read in ("" = detect).
func encoding(t *table) string {
	e := strings.ToLower(t.str("encoding", false, ""))
	switch e {
	case "", "utf-8", "utf-16", "windows-1252", "latin-1":
		return e
	}
	t.errorf("encoding", "unknown encoding %q: use utf-8, utf-16, windows-1252 or latin-1", e)
	return ""
}

// delimiter is the field separator of a CSV input (0 = told by its header line).
func delimiter(t *table) rune {
	switch d := t.str("delimiter", false, ""); d {
	case "":
		return 0
	case ",", ";":
		return rune(d[0])
	default:
		t.errorf("delimiter", "unknown delimiter %q: use \",\" or \";\" (or leave it out: a header line with \";\" and no \",\" is read with \";\")", d)
	}
	return 0
}

func (l *loader) payments(t *table) domain.PaymentsInput {
	p := domain.PaymentsInput{Pos: t.at("")}
	p.Name = t.str("file", true, "")
	p.File = l.path(t, "file", p.Name)
	p.Sheet = t.str("sheet", false, "")
	p.DateFormat = dateFormat(t)
	p.Encoding = encoding(t)
	p.Delimiter = delimiter(t)
	p.Preset = t.str("preset", false, "generic")
	if ig, ok := t.strings("ignore_columns"); ok {
		p.IgnorePos = t.at("ignore_columns")
		for _, h := range ig {
			if h == "" {
				t.errorf("ignore_columns", "ignore_columns holds an empty name: name the header to leave alone")
				continue
			}
			p.IgnoreColumns = append(p.IgnoreColumns, h)
		}
		if p.Preset == "stripe" && len(ig) > 0 {
			t.errorf("ignore_columns", "ignore_columns is for plain payments: the stripe preset reads the export's states and refunds itself")
		}
	}
	if p.Columns = PaymentPresetColumns(p.Preset); p.Columns == nil {
		t.errorf("preset", "unknown payments preset %q: use one of %s", p.Preset, strings.Join(PaymentPresetNames(), ", "))
		p.Columns = PaymentPresetColumns("generic")
	}
	keys := PaymentColumns
	if p.Preset == "stripe" {
		keys = append(append([]string{}, PaymentColumns...), StripeColumns...)
	}
	p.Explicit = map[string]bool{}
	if ct := t.sub("columns", false); ct != nil {
		_, hasDeal := ct.m["deal"]
		_, hasClient := ct.m["client"]
		if hasClient && !hasDeal {
			p.Columns["deal"] = ""
		}
		for _, k := range keys {
			if _, set := ct.m[k]; set {
				p.Columns[k] = ct.str(k, false, "")
				p.Explicit[k] = true
			}
		}
		ct.done()
	}
	if p.Columns["deal"] == "" && p.Columns["client"] == "" {
		t.errorf("columns", "payments need a \"deal\" or a \"client\" column to match them to deals")
	}
	for _, k := range []string{"date", "amount"} {
		if p.Columns[k] == "" {
			t.errorf("columns", "the payments column %q must name a header", k)
		}
	}
	t.done()
	return p
}

// newLedgerStart refuses a new ledger whose program pays lines from before its first
// month: the old ledger paid them (new_ledger_from says its balances are settled), and
// the new one, which reads none of its workbooks, would pay every one of them again.
// program.start on or after the first day of new_ledger_from makes them history.
func newLedgerStart(t *table, from civil.Month, start civil.Date) {
	first := from.First()
	if !start.IsZero() && !start.Before(first) {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "new_ledger_from = %q starts a new ledger in %s, but ", from.String(), from)
	if start.IsZero() {
		b.WriteString("[program] sets no start: its first run would pay every line back to the oldest deal")
	} else {
		fmt.Fprintf(&b, "[program] start = %s is before it: its first run would pay again every line eligible from %s to %s", start, start, first.AddDays(-1))
	}
	fmt.Fprintf(&b, ", which the old ledger paid or settled; set start = %s in [program] (the new ledger's first day)", first)
	t.errorf("new_ledger_from", "%s", b.String())
}

func (l *loader) ledger(t *table, start civil.Date) domain.LedgerInput {
	var in domain.LedgerInput
	in.Pos = t.at("")
	in.Patterns, _ = t.strings("files")
	if s := t.str("new_ledger_from", false, ""); s != "" {
		m, err := civil.ParseMonth(s)
		if err != nil {
			t.errorf("new_ledger_from", "new_ledger_from = %q is no month: write the new ledger's first month as \"YYYY-MM\"", s)
		} else {
			newLedgerStart(t, m, start)
		}
		in.NewLedgerFrom = m
	}
	if months, set := t.strings("accept_unsealed"); set {
		seen := map[civil.Month]bool{}
		for _, s := range months {
			m, err := civil.ParseMonth(s)
			if err != nil {
				t.errorf("accept_unsealed", "accept_unsealed lists %q, which is no month: write the month of the workbook to accept as \"YYYY-MM\"", s)
				continue
			}
			if !seen[m] {
				in.AcceptUnsealed = append(in.AcceptUnsealed, m)
			}
			seen[m] = true
		}
	}
	seen := map[string]bool{}
	for _, pat := range in.Patterns {
		full := pat
		if !filepath.IsAbs(pat) {
			full = filepath.Join(l.dir, pat)
		}
		matches, err := filepath.Glob(full)
		if err != nil {
			t.errorf("files", "bad pattern %q: %v", pat, err)
			continue
		}
		if len(matches) == 0 && !strings.ContainsAny(pat, "*?[") {
			t.errorf("files", "ledger file %q not found (looked at %s)", pat, full)
		}
		for _, m := range matches {
			// Lock files of an open workbook (~$payouts.xlsx) are not ledgers.
			if strings.HasPrefix(filepath.Base(m), "~$") || seen[m] {
				continue
			}
			seen[m] = true
			in.Files = append(in.Files, m)
		}
	}
	sort.Strings(in.Files)
	t.done()
	return in
}

func (l *loader) partner(t *table, defaultOwner string) *domain.Partner {
	p := &domain.Partner{Pos: t.at("")}
	p.ID = t.str("id", true, "")
	if p.ID != "" && !SafeID.MatchString(p.ID) {
		t.errorf("id", "partner id %q must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit (it names files)", p.ID)
	}
	if former, set := t.strings("former_ids"); set {
		if l.formerAt == nil {
			l.formerAt = map[*domain.Partner]diag.Pos{}
		}
		l.formerAt[p] = t.at("former_ids")
		seen := map[string]bool{}
		for _, f := range former {
			switch {
			case !SafeID.MatchString(f):
				t.errorf("former_ids", "former id %q must be 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit, as partner ids are", f)
			case f == p.ID:
				t.errorf("former_ids", "former id %q is the partner's own id", f)
			case seen[f]:
				t.errorf("former_ids", "former id %q is listed twice", f)
			default:
				p.FormerIDs = append(p.FormerIDs, f)
			}
			seen[f] = true
		}
	}
	p.Name = t.str("name", true, "")
	p.Type = choice(t, "type", true, "", domain.PartnerTypes)
	p.Status = choice(t, "status", false, domain.Active, domain.PartnerStatuses)
	p.Email = t.str("email", false, "")
	if msg := emailProblem(p.Email, "the partner"); p.Email != "" && msg != "" {
		t.errorf("email", "%s", msg)
	}
	p.Contact = strings.TrimSpace(t.str("contact", false, ""))
	p.Owner = t.str("owner", false, defaultOwner)
	if tags, set := t.strings("tags"); set {
		for _, tag := range tags {
			if tag == "" {
				t.errorf("tags", "a partner tag must not be empty")
			} else if strings.ContainsAny(tag, ",;") {
				t.errorf("tags", "tag %q contains \",\" or \";\", which split a deal's tags: it could never match", tag)
			}
		}
		p.Tags = tags
	} else if p.Name != "" {
		p.Tags = []string{"Partner: " + p.Name}
		if strings.ContainsAny(p.Name, ",;") {
			t.errorf("name", "the default tag %q contains \",\" or \";\", which split a deal's tags: set tags = [...] without them", p.Tags[0])
		}
	}
	for _, tt := range t.list("terms") {
		p.Terms = append(p.Terms, l.terms(tt, p))
	}
	if pt := t.sub("payee", false); pt != nil {
		p.Payee = l.payee(pt)
	}
	// Without a name or e-mail of its own, the payee is paid and billed under the
	// partner's, so those must be exact too, in the finance files that carry them (not
	// PayPal's, which pays the PayPal recipient): without one, the partner's name is
	// free text.
	l.finance = append(l.finance, func(o domain.Output) {
		if (p.Payee == nil || p.Payee.Name == "") && o.WantsAny(domain.NamedFormats) {
			exact(t, "name", p.Name, "the payee's name", ", or give [partner.payee] name")
		}
		if (p.Payee == nil || p.Payee.Email == "") && o.WantsAny(domain.EmailedFormats) {
			exact(t, "email", p.Email, "the payee's e-mail", ", or give [partner.payee] email")
		}
	})
	sort.SliceStable(p.Terms, func(i, j int) bool { return p.Terms[i].From.Before(p.Terms[j].From) })
	for i := 1; i < len(p.Terms); i++ {
		a, b := p.Terms[i-1], p.Terms[i]
		if a.To.IsZero() || !a.To.Before(b.From) {
			l.probs.Errorf(b.Pos, "terms of partner %q from %s overlap the version from %s", p.ID, b.From, a.From)
		}
	}
	t.done()
	return p
}

func (l *loader) terms(t *table, p *domain.Partner) *domain.Terms {
	tm := &domain.Terms{Pos: t.at("")}
	tm.From = t.date("from", true)
	tm.To = t.date("to", false)
	if !tm.To.IsZero() && tm.To.Before(tm.From) {
		t.errorf("to", "terms end %s before they start %s", tm.To, tm.From)
	}
	if rt := t.sub("referral", false); rt != nil {
		r := &domain.ReferralTerms{}
		if v, set := rt.rate("percent", false, money.Rate{}); set {
			r.Percent = &v
		}
		if v, set := rt.money("flat", false); set {
			r.Flat = &v
		}
		_, hasPct := rt.m["percent"]
		_, hasFlat := rt.m["flat"]
		if hasPct == hasFlat {
			rt.errorf("", "[partner.terms.referral] needs exactly one of \"percent\" or \"flat\"")
		}
		if v, set := rt.money("cap", false); set {
			r.Cap = &v
		}
		r.PayOn = choice(rt, "pay_on", false, domain.PaySigned, domain.PayOns)
		r.HoldDays = rt.integer("hold_days", 90, 0)
		if _, set := rt.m["hold_days"]; set && r.PayOn != domain.PayAfterHold {
			rt.warnf("hold_days", "\"hold_days\" only applies with pay_on = \"after-hold\"")
		}
		rt.done()
		tm.Referral = r
	}
	if st := t.sub("revenue_share", false); st != nil {
		r := &domain.RevenueShareTerms{}
		r.Percent, _ = st.rate("percent", true, money.Rate{})
		r.Months = st.integer("months", 12, 0)
		r.Settle = choice(st, "settle", false, domain.SettleMonthly, domain.Settles)
		st.done()
		tm.RevenueShare = r
	}
	if wt := t.sub("wholesale", false); wt != nil {
		w := &domain.WholesaleTerms{}
		w.Discount, _ = wt.rate("discount", true, money.Rate{})
		wt.done()
		tm.Wholesale = w
		if p.Type != "" && p.Type != domain.Reseller {
			wt.warnf("", "wholesale terms on a %s partner: wholesale is meant for resellers", p.Type)
		}
	}
	tm.ClawbackDays = t.integer("clawback_days", 0, 0)
	t.done()
	return tm
}

func (l *loader) campaign(t *table) *domain.Campaign {
	c := &domain.Campaign{Pos: t.at("")}
	c.ID = t.str("id", true, "")
	if c.ID != "" && !SafeID.MatchString(c.ID) {
		t.errorf("id", "campaign id %q must be 1-63 characters of a-z, 0-9 and '-'", c.ID)
	}
	c.Name = t.str("name", false, c.ID)
	c.Date = t.date("date", true)
	c.Cost, _ = t.money("cost", true)
	c.PaidBy = t.str("paid_by", true, "")
	c.Tag = t.str("tag", true, "")
	if strings.ContainsAny(c.Tag, ",;") {
		t.errorf("tag", "tag %q contains \",\" or \";\", which split a deal's tags: it could never match", c.Tag)
	}
	c.LeadOwner = choice(t, "lead_owner", false, domain.Rotate, domain.LeadOwners)
	if st := t.sub("shares", true); st != nil {
		// Share order decides the rotation of leads, so it follows the file, not the map.
		keys := make([]string, 0, len(st.m))
		for k := range st.m {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			a, b := st.at(keys[i]), st.at(keys[j])
			if a.Line != b.Line {
				return a.Line < b.Line
			}
			if a.Col != b.Col {
				return a.Col < b.Col
			}
			return keys[i] < keys[j]
		})
		total := money.Rate{}
		for _, k := range keys {
			r, _ := st.rate(k, true, money.Rate{})
			c.Shares = append(c.Shares, domain.Share{Party: k, Rate: r})
			total = total.Add(r)
		}
		if len(keys) > 0 && !total.Equal(money.One) {
			st.errorf("", "campaign %q shares add up to %s, not 100%%", c.ID, total.Percent())
		}
		st.done()
	}
	t.done()
	return c
}

// crossCheck validates what spans sections: duplicate ids and tags, campaign parties.
func (l *loader) crossCheck(root *table, p *domain.Program) {
	ids := map[string]*domain.Partner{}
	tags := map[string]*domain.Partner{}
	for _, x := range p.Partners {
		if x.ID == domain.Us {
			l.probs.Errorf(x.Pos, "partner id %q is reserved for the firm itself in campaigns", x.ID)
		}
		if prev, dup := ids[x.ID]; dup && x.ID != "" {
			l.probs.Errorf(x.Pos, "duplicate partner id %q (first at line %d)", x.ID, prev.Pos.Line)
		}
		ids[x.ID] = x
		for _, tag := range x.Tags {
			k := strings.ToLower(tag)
			if prev, dup := tags[k]; dup && prev != x {
				l.probs.Errorf(x.Pos, "tag %q of partner %q is already the tag of partner %q", tag, x.ID, prev.ID)
			}
			tags[k] = x
		}
	}
	// A former id names the partner's ledger history: it must lead to one partner only.
	former := map[string]*domain.Partner{}
	for _, x := range p.Partners {
		for _, f := range x.FormerIDs {
			switch {
			case f == domain.Us:
				l.probs.Errorf(l.formerAt[x], "former id %q of partner %q is reserved for the firm itself", f, x.ID)
			case ids[f] != nil:
				l.probs.Errorf(l.formerAt[x], "former id %q of partner %q is the id of partner %q: a ledger payout of %q would belong to both", f, x.ID, f, f)
			case former[f] != nil:
				l.probs.Errorf(l.formerAt[x], "former id %q of partner %q is also a former id of partner %q: a ledger payout of %q would belong to both", f, x.ID, former[f].ID, f)
			default:
				former[f] = x
			}
		}
	}
	confirmed := map[string]bool{}
	for _, c := range p.Confirms {
		if c.Line == "" {
			continue
		}
		if confirmed[c.Line] {
			l.probs.Errorf(c.Pos, "line %q is confirmed twice", c.Line)
		}
		confirmed[c.Line] = true
		if pid, _, _ := strings.Cut(c.Line, ":"); ids[pid] == nil {
			l.probs.Errorf(c.Pos, "confirmed line %q does not start with a partner id: copy the line ID from the warning that held it back", c.Line)
		}
	}
	cids := map[string]bool{}
	ctags := map[string]string{}
	for _, c := range p.Campaigns {
		if prev, dup := ctags[strings.ToLower(c.Tag)]; dup && c.Tag != "" {
			l.probs.Errorf(c.Pos, "campaign %q has the tag %q of campaign %q: each campaign needs its own tag", c.ID, c.Tag, prev)
		}
		ctags[strings.ToLower(c.Tag)] = c.ID
		if cids[c.ID] && c.ID != "" {
			l.probs.Errorf(c.Pos, "duplicate campaign id %q", c.ID)
		}
		cids[c.ID] = true
		if c.Tag != "" {
			if x, clash := tags[strings.ToLower(c.Tag)]; clash {
				l.probs.Errorf(c.Pos, "campaign tag %q is also a tag of partner %q", c.Tag, x.ID)
			}
		}
		for _, s := range c.Shares {
			if s.Party != domain.Us && ids[s.Party] == nil {
				l.probs.Errorf(c.Pos, "campaign %q shares with %q, which is no partner id (or \"us\")", c.ID, s.Party)
			}
		}
		if c.PaidBy != "" && c.PaidBy != domain.Us && ids[c.PaidBy] == nil {
			l.probs.Errorf(c.Pos, "campaign %q is paid by %q, which is no partner id (or \"us\")", c.ID, c.PaidBy)
		} else if c.PaidBy != "" && !c.HasParty(c.PaidBy) {
			l.probs.Errorf(c.Pos, "campaign %q is paid by %q, who has no share in it", c.ID, c.PaidBy)
		}
	}
}

// validEmail accepts one plain address: the statement e-mail puts it in a header.
func validEmail(s string) bool {
	at := strings.Index(s, "@")
	return at > 0 && at < len(s)-1 && !strings.ContainsAny(s, " \t\r\n<>,;\"")
}

// emailProblem says what is wrong with an address of whom, or "" when nothing is. An
// address must also be ASCII: e-mail headers (RFC 5322) are, and so are the payment
// services' recipient columns; other characters would need SMTPUTF8, which neither the
// statement e-mail nor the payment files can count on. An internationalised domain has
// an ASCII form (xn--...), which the message gives; a local part has none.
func emailProblem(s, whom string) string {
	if !validEmail(s) {
		return fmt.Sprintf("%q is not an e-mail address", s)
	}
	if isASCII(s) {
		return ""
	}
	msg := fmt.Sprintf("%q is not an ASCII address: e-mail headers (RFC 5322) and payment files need one; ", s)
	at := strings.LastIndex(s, "@")
	local, domain := s[:at], s[at+1:]
	if !isASCII(local) {
		return msg + "give an ASCII address of " + whom + " (the part before the @ has no ASCII form)"
	}
	ascii, err := idna.Lookup.ToASCII(domain)
	if err != nil {
		return msg + fmt.Sprintf("the domain %q is not a valid internationalised domain name (%v)", domain, err)
	}
	return msg + fmt.Sprintf("give the domain in its ASCII form: %q", local+"@"+ascii)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// dateFormat reads date_format as a pattern (DD/MM/YYYY) or a Go layout; the result is
// a Go layout.
func dateFormat(t *table) string {
	layout, err := DateLayout(t.str("date_format", false, ""))
	if err != nil {
		t.errorf("date_format", "%v", err)
	}
	return layout
}
