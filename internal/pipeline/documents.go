package pipeline

import (
	"fmt"
	"io"
	"io/fs"
	netmail "net/mail"
	"os"
	"runtime"
	"sync"

	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/output"
	"github.com/partnerbook/partnerbook/internal/render/finance"
	"github.com/partnerbook/partnerbook/internal/render/html"
	"github.com/partnerbook/partnerbook/internal/render/mail"
	"github.com/partnerbook/partnerbook/internal/render/pdf"
	"github.com/partnerbook/partnerbook/internal/report"
	"github.com/partnerbook/partnerbook/templates"
)

// noReply is the sender of statement e-mails when [program] email is not set.
const noReply = "noreply@partnerbook.invalid"

// documentWarnings are the problems of the documents that are known before rendering,
// so they reach the owner report like every other warning.
func documentWarnings(o *Outcome, probs *diag.List) {
	p := o.Result.Program
	mailed := 0
	for _, s := range o.Statements {
		if s.Partner.Email == "" {
			probs.Warnf(p.Partner(s.Partner.ID).Pos, "partner %q has no e-mail: its statement is written but no e-mail", s.Partner.ID)
		} else {
			mailed++
		}
	}
	if mailed > 0 && p.Email == "" {
		probs.Warnf(diag.Pos{File: p.File}, "[program] email is not set: statement e-mails are sent from %s", noReply)
	}
}

// financeWarnings names each Due payout left out of a payment file the program asks
// for, at the partner's payment details, and keeps the list for the workbook's Summary.
func financeWarnings(o *Outcome, probs *diag.List) {
	p := o.Result.Program
	skips, unpaid := finance.Check(o.Finance)
	for _, s := range skips {
		x := p.Partner(s.PartnerID)
		pos := x.Pos
		if x.Payee != nil {
			pos = x.Payee.Pos
		}
		probs.Warnf(pos, "%s", s.Message())
	}
	o.Unpaid = unpaid
}

// financeFiles writes the bills, invoices and payment batches into finance/.
func financeFiles(d *output.Dir, o *Outcome) error {
	files, err := finance.Files(o.Finance)
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := d.WriteBytes("finance/"+f.Name, f.Data); err != nil {
			return err
		}
	}
	return nil
}

// statements renders every partner statement and writes them in partner order, only
// after all are rendered, so the folder never holds half a set. It returns the PDFs by
// partner id for the e-mails.
func statements(d *output.Dir, o *Outcome, progress Progress) (map[string][]byte, error) {
	pdfs, err := renderStatements(o.Statements, counter(progress, "statements", int64(len(o.Statements))))
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for i, s := range o.Statements {
		if err := d.WriteBytes("statements/"+s.Partner.ID+".pdf", pdfs[i]); err != nil {
			return nil, err
		}
		out[s.Partner.ID] = pdfs[i]
	}
	return out, nil
}

// renderStatements renders one document per goroutine, as many at once as there are
// cores, and adds each one rendered to done; the result is in the order of sts.
func renderStatements(sts []*report.Statement, done func(int64)) ([][]byte, error) {
	pdfs := make([][]byte, len(sts))
	errs := make([]error, len(sts))
	var wg sync.WaitGroup
	next := make(chan int)
	finished := make(chan struct{}, len(sts))
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				pdfs[i], errs[i] = pdf.Statement(sts[i])
				finished <- struct{}{}
			}
		}()
	}
	// The count is kept on this goroutine, so done is never called concurrently.
	go func() {
		for i := range sts {
			next <- i
		}
		close(next)
	}()
	for range sts {
		<-finished
		if done != nil {
			done(1)
		}
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("statement of %s: %w", sts[i].Partner.ID, err)
		}
	}
	return pdfs, nil
}

// loadTemplates reads the e-mail templates from dir, or the built-in ones.
func loadTemplates(dir string) (*mail.Templates, error) {
	var fsys fs.FS = templates.FS
	if dir != "" {
		fsys = os.DirFS(dir)
	}
	t, err := mail.Load(fsys)
	if err != nil && dir != "" {
		return nil, fmt.Errorf("--templates %s: %w", dir, err)
	}
	return t, err
}

func emails(d *output.Dir, o *Outcome, tmpl *mail.Templates, pdfs map[string][]byte) error {
	p := o.Result.Program
	from := &netmail.Address{Name: p.Name, Address: p.Email}
	if p.Email == "" {
		from.Address = noReply
	}
	date := o.Result.AsOf.Time().Format("Mon, 02 Jan 2006 15:04:05 -0700")
	for _, s := range o.Statements {
		if s.Partner.Email == "" {
			continue
		}
		m := mail.Message{From: from, Date: date, PDF: pdfs[s.Partner.ID],
			Filename: fmt.Sprintf("statement-%s-%s.pdf", s.Period, s.Partner.ID)}
		if err := d.Write("emails/"+s.Partner.ID+".eml", func(w io.Writer) error { return tmpl.Write(w, s, m) }); err != nil {
			return err
		}
	}
	return nil
}

func dashboard(d *output.Dir, o *Outcome, script []byte) error {
	return d.Write("dashboard.html", func(w io.Writer) error { return html.Dashboard(w, o.Report, script) })
}

func ownerReport(d *output.Dir, o *Outcome) error {
	data, err := pdf.OwnerReport(o.Report)
	if err != nil {
		return err
	}
	return d.WriteBytes("owner-report.pdf", data)
}
