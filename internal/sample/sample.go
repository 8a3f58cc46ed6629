// Package sample writes sample-data/: the partner program of an invented agency with its
// CRM export, client payments and last month's payout ledger, made so that one run of
// October 2026 exercises every money rule. A fixed seed drives it, so regenerating
// rewrites the same files.
package sample

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"github.com/partnerbook/partnerbook/internal/book"
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/commission"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/pipeline"
)

//go:embed program.toml.tmpl
var programTemplate string

// Generate (re)writes partnerbook.toml, deals.xlsx, payments.xlsx and
// ledger/payouts-2026-09.xlsx in dir.
func Generate(dir string) error {
	ds := newDataset()
	program, err := ds.program()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, "ledger"), 0o755); err != nil {
		return err
	}
	if err := writeInputs(dir, program, ds.deals, ds.payments); err != nil {
		return err
	}
	return ds.ledger(program, filepath.Join(dir, "ledger", "payouts-"+ledgerPeriod.String()+".xlsx"))
}

// program is partnerbook.toml, its comments naming the planted deals' IDs.
func (ds *dataset) program() ([]byte, error) {
	t, err := template.New("partnerbook.toml").Option("missingkey=error").Parse(programTemplate)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, ds.planted); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func writeInputs(dir string, program []byte, deals []*deal, pays []payment) error {
	if err := os.WriteFile(filepath.Join(dir, "partnerbook.toml"), program, 0o644); err != nil {
		return err
	}
	if err := writeDeals(filepath.Join(dir, "deals.xlsx"), deals); err != nil {
		return fmt.Errorf("writing deals.xlsx: %w", err)
	}
	if err := writePayments(filepath.Join(dir, "payments.xlsx"), pays); err != nil {
		return fmt.Errorf("writing payments.xlsx: %w", err)
	}
	return nil
}

// unpaid are the partners whose September payout finance has not paid: October's run
// reports it overdue.
var unpaid = []string{"harbor-legal"}

// ledger writes September's payouts as finance returned them. It is what partnerbook
// itself computed from the inputs as they stood on 30 September, with no earlier ledger;
// finance then filled in the paid dates.
func (ds *dataset) ledger(program []byte, to string) error {
	tmp, err := os.MkdirTemp("", "partnerbook-sample-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	deals, pays := ds.asOf(ledgerPeriod.Last())
	if err := writeInputs(tmp, program, deals, pays); err != nil {
		return err
	}
	out, err := pipeline.Run(pipeline.Config{
		ProgramFile: filepath.Join(tmp, "partnerbook.toml"),
		Period:      ledgerPeriod.String(),
		OutDir:      filepath.Join(tmp, "out"),
		Keep:        true, // checkSeptember reads the result
	})
	if err != nil {
		var failed *diag.Failed
		if errors.As(err, &failed) {
			return fmt.Errorf("running %s for the ledger: %w:\n%s", ledgerPeriod, err, problems(failed.Problems))
		}
		return fmt.Errorf("running %s for the ledger: %w", ledgerPeriod, err)
	}
	if err := checkSeptember(out.Result); err != nil {
		return err
	}
	return markPaid(filepath.Join(out.Dir, "payouts.xlsx"), to, unpaid)
}

func problems(ps []diag.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, "  %s\n", p)
	}
	return b.String()
}

// asOf is the export and the payments as they stood on day: deals created later are
// missing, deals closed later were still open, and the back-dated deal was not entered yet.
func (ds *dataset) asOf(day civil.Date) ([]*deal, []payment) {
	var deals []*deal
	known := map[string]bool{}
	for _, d := range ds.deals {
		if d.late || civil.Of(d.created).After(day) {
			continue
		}
		c := *d
		if c.status != "open" && civil.Of(c.updated).After(day) {
			c.status, c.stage, c.lostReason, c.updated = "open", "Negotiation", "", c.created
		}
		deals = append(deals, &c)
		known[c.id] = true
	}
	var pays []payment
	for _, p := range ds.payments {
		if !p.date.After(day) && known[p.deal] {
			pays = append(pays, p)
		}
	}
	return deals, pays
}

// checkSeptember makes sure the generator and the TOML agree on the partners, and that
// September left what October's run is meant to show: a carried-forward payout and an
// unpaid one.
func checkSeptember(r *commission.Result) error {
	var errs []error
	for _, p := range partners {
		x := r.Program.Partner(p.id)
		if x == nil || x.Name != p.name || string(x.Type) != p.kind {
			errs = append(errs, fmt.Errorf("partner %q of the generator is not the TOML's (%s, %s)", p.id, p.name, p.kind))
		}
	}
	want := map[string]book.PayoutStatus{"meridian-events": book.StatusCarried}
	for _, id := range unpaid {
		want[id] = book.StatusDue
	}
	for id, status := range want {
		if p := r.PayoutOf(id); p == nil || p.Status != status {
			errs = append(errs, fmt.Errorf("%s payout of %q is not %q", ledgerPeriod, id, status))
		}
	}
	return errors.Join(errs...)
}
