package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	netmail "net/mail"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/domain"
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
	for i := range o.Statements.Len() {
		s := o.Statements.Partner(i)
		if s.Email == "" {
			probs.Warnf(p.Partner(s.ID).Pos, "partner %q has no e-mail: its statement is written but no e-mail", s.ID)
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
func financeWarnings(o *Outcome, fin *report.Finance, probs *diag.List) {
	p := o.Result.Program
	skips, unpaid := finance.Check(fin)
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

// documentInputs words the payout rows once and copies out of the result what the
// documents still read: the workbook's book and the finance files' payouts, which share
// the rows with the statements, and the statements' own rows. Unless keep, the result
// is let go: its deals, payments and margins before the statements' deal rows are made,
// so each partner's deals are freed as its rows are copied, and then its lines.
func documentInputs(o *Outcome, keep bool) (*report.Book, *report.Finance) {
	res := o.Result
	if !keep {
		o.Result = nil
		res.Deals, res.Margins, res.Unmatched = nil, nil, nil
		// Collect now: the deals no statement lists and their payments are about half
		// of the live heap, and the rows made next would otherwise pile up on top of
		// them until the collector next runs.
		runtime.GC()
	}
	o.Statements.DetachDeals()
	rows := report.PayoutRows(res)
	o.Statements.DetachPayouts(rows)
	return report.BookFrom(res, rows), report.FinanceFrom(res, rows)
}

// financeFiles writes the bills, invoices and payment batches into finance/.
func financeFiles(d *output.Dir, fin *report.Finance) error {
	files, err := finance.Files(fin)
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

// statementHeadroom is the least garbage the statement stage lets each worker pile up
// between collections. A statement allocates 13 MB (two pages) to 30 MB (ten) inside
// gofpdf (a fresh zlib compressor for every stream, both fonts parsed for every
// document) yet keeps almost nothing alive, so with the default GOGC of 100 and a
// small live heap the collector runs several times per statement. See bench/README.md.
const statementHeadroom = 64 << 20

// statementGCPercent is the GOGC of the statement stage. It is not the bound: the
// memory limit set beside it is (statementLimit).
const statementGCPercent = 800

// tuneGC sets the collector for the statement stage and returns the function that
// restores the settings before it. A GOGC the user set higher (or off), or a lower
// GOMEMLIMIT, is left as it is.
func tuneGC(workers int) (restore func()) {
	// The live heap is measured by a collection: the last one may predate most of what
	// loading the inputs kept. One collection per run costs a few milliseconds.
	runtime.GC()
	oldLimit := debug.SetMemoryLimit(-1) // -1 only reads it
	debug.SetMemoryLimit(min(oldLimit, statementLimit(readMemory(), workers)))
	oldPercent := debug.SetGCPercent(statementGCPercent)
	if oldPercent < 0 || oldPercent > statementGCPercent {
		debug.SetGCPercent(oldPercent)
	}
	return func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}

// memory is what the Go runtime holds, in the terms of its memory limit.
type memory struct {
	live   uint64 // the live heap after the last collection
	inUse  uint64 // everything the limit counts, less free heap pages: live heap, fragmentation, stacks, runtime metadata
	mapped uint64 // everything the limit counts: inUse and free heap pages not yet returned to the system
}

func readMemory() memory {
	s := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
	}
	metrics.Read(s)
	v := make([]uint64, len(s))
	for i := range s {
		if s[i].Value.Kind() == metrics.KindUint64 {
			v[i] = s[i].Value.Uint64()
		}
	}
	mapped := v[1] - min(v[2], v[1])
	return memory{live: v[0], inUse: mapped - min(v[3], mapped), mapped: mapped}
}

// statementLimit is the memory limit for the statement stage: the memory in use after
// a collection plus a headroom as large as the live heap, at least statementHeadroom
// per worker; and never less than the memory the runtime holds already.
//
// Every collection marks the whole live heap, so its cost grows with the program,
// while the garbage of a statement does not. The limit used to be the live heap plus
// 64 MiB per worker: at a million deals (1.4 GB live, and 0.4 GB more that the runtime
// uses beside the live heap and the limit counts) it was below what was in use, the
// collector never stopped, and a statement cost 190 ms of CPU instead of 20. A
// headroom in proportion to the live heap keeps the collections per statement in
// inverse proportion to it, so their cost per statement stays the same at any size.
// Memory the earlier stages left mapped (5.9 GB at a million deals, after the
// workbook) is already part of the process's peak: the stage uses it rather than make
// the collector give it back.
func statementLimit(m memory, workers int) int64 {
	const most = math.MaxInt64 / 4
	headroom := max(min(m.live, most), uint64(workers)*statementHeadroom)
	return int64(max(min(m.inUse, most)+headroom, min(m.mapped, most)))
}

// statementSource is a run's statements, each built when it is asked for.
type statementSource interface {
	Len() int
	Statement(i int) *report.Statement
}

// statements renders, writes and mails every statement of sts with a bounded pool of
// GOMAXPROCS workers. Each worker takes the next partner, builds its statement, renders
// its PDF, writes statements/<id>.pdf, writes emails/<id>.eml from the same bytes when
// the partner has an address, and drops the statement and the bytes: memory holds at
// most one statement per worker, whatever the number of partners. Files are named by
// partner, so their bytes do not depend on which worker wrote them; the output folder
// only becomes visible at Commit, so a failure never leaves half a set.
//
// Each statement finished adds 1 to done. On failure no new statement is started,
// and the error returned is that of the first failing statement in the order of sts:
// statements are handed out in that order, so every earlier one has run by then.
func statements(w writer, sts statementSource, mailer func(*report.Statement, []byte) ([]byte, error), done func(int64)) error {
	n := sts.Len()
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	defer tuneGC(workers)()
	errs := make([]error, n)
	var (
		mu     sync.Mutex // serialises w and done, which are not safe for concurrent use
		failed atomic.Bool
		wg     sync.WaitGroup
	)
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if errs[i] = statement(w, &mu, sts.Statement(i), mailer); errs[i] != nil {
					failed.Store(true)
				}
				mu.Lock()
				done(1)
				mu.Unlock()
			}
		}()
	}
	for i := range n {
		if failed.Load() {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// writer is where statements go: the output folder, or nowhere in a benchmark.
type writer interface {
	WriteBytes(rel string, data []byte) error
}

// statement renders one partner's statement and writes it and its e-mail; only the
// writes hold mu.
func statement(w writer, mu *sync.Mutex, s *report.Statement, mailer func(*report.Statement, []byte) ([]byte, error)) error {
	doc, err := pdf.Statement(s)
	if err != nil {
		return fmt.Errorf("statement of %s: %w", s.Partner.ID, err)
	}
	var eml []byte
	if mailer != nil && s.Partner.Email != "" {
		if eml, err = mailer(s, doc); err != nil {
			return fmt.Errorf("emails/%s.eml: %w", s.Partner.ID, err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if err := w.WriteBytes("statements/"+s.Partner.ID+".pdf", doc); err != nil {
		return err
	}
	if eml != nil {
		return w.WriteBytes("emails/"+s.Partner.ID+".eml", eml)
	}
	return nil
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

// templateFiles are the e-mail templates a folder of them may hold, in the order their
// digest reads them.
var templateFiles = []string{"email-subject.tmpl", "email-body.tmpl", "email-body.html.tmpl"}

// templatesDigest identifies the e-mail templates of dir by their contents: "" for the
// built-in ones (dir "" or a folder holding the same files), else "sha256:" and the
// SHA-256 of each template's name, whether the folder has it, and its bytes. Shards
// rendered with different wordings then differ in their inputs digest.
func templatesDigest(dir string) (string, error) {
	if dir == "" {
		return "", nil
	}
	sum := func(fsys fs.FS) (string, error) {
		h := sha256.New()
		for _, name := range templateFiles {
			data, err := fs.ReadFile(fsys, name)
			if errors.Is(err, fs.ErrNotExist) {
				fmt.Fprintf(h, "%s\x00absent\x00", name)
				continue
			}
			if err != nil {
				return "", fmt.Errorf("--templates %s: %w", dir, err)
			}
			fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
			h.Write(data)
		}
		return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
	}
	builtin, err := sum(templates.FS)
	if err != nil {
		return "", err
	}
	got, err := sum(os.DirFS(dir))
	if err != nil || got == builtin {
		return "", err
	}
	return got, nil
}

// mailer returns the function that writes the e-mail carrying one statement's PDF.
func mailer(p *domain.Program, asOf civil.Date, tmpl *mail.Templates) func(*report.Statement, []byte) ([]byte, error) {
	from := &netmail.Address{Name: p.Name, Address: p.Email}
	if p.Email == "" {
		from.Address = noReply
	}
	date := asOf.Time().Format("Mon, 02 Jan 2006 15:04:05 -0700")
	return func(s *report.Statement, doc []byte) ([]byte, error) {
		m := mail.Message{From: from, Date: date, PDF: doc,
			Filename: fmt.Sprintf("statement-%s-%s.pdf", s.Period, s.Partner.ID)}
		var buf bytes.Buffer
		if err := tmpl.Write(&buf, s, m); err != nil {
			return nil, err
		}
		return buf.Bytes(), nil
	}
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
