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
			probs.Warnf(s.Partner.Pos, "partner %q has no e-mail: its statement is written but no e-mail", s.Partner.ID)
		} else {
			mailed++
		}
	}
	if mailed > 0 && p.Email == "" {
		probs.Warnf(diag.Pos{File: p.File}, "[program] email is not set: statement e-mails are sent from %s", noReply)
	}
}

// statements renders every partner statement, one document per goroutine, and returns
// the PDFs by partner id for the e-mails.
func statements(d *output.Dir, o *Outcome, progress func(string)) (map[string][]byte, error) {
	type job struct {
		s   *report.Statement
		pdf []byte
		err error
	}
	jobs := make([]job, len(o.Statements))
	for i, s := range o.Statements {
		jobs[i].s = s
	}
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				jobs[i].pdf, jobs[i].err = pdf.Statement(jobs[i].s)
			}
		}()
	}
	step := max(len(jobs)/10, 50)
	for i := range jobs {
		next <- i
		if progress != nil && i > 0 && i%step == 0 {
			progress(fmt.Sprintf("statements: %d of %d", i, len(jobs)))
		}
	}
	close(next)
	wg.Wait()
	out := map[string][]byte{}
	// Written in partner order, after all are rendered, so the folder never holds half a set.
	for _, j := range jobs {
		if j.err != nil {
			return nil, fmt.Errorf("statement of %s: %w", j.s.Partner.ID, j.err)
		}
		if err := d.WriteBytes("statements/"+j.s.Partner.ID+".pdf", j.pdf); err != nil {
			return nil, err
		}
		out[j.s.Partner.ID] = j.pdf
	}
	return out, nil
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
