package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// Page geometry in mm (A4 portrait). The bottom margin leaves room for the
// page number, which maroto draws just below the content area.
const (
	marginX      = 16.0
	marginTop    = 14.0
	marginBottom = 16.0

	// fitSlack keeps our page-break decision strictly on the safe side of
	// maroto's own "<=" test so that float noise can never make maroto break
	// a page we believed had room (which would orphan a repeated header).
	fitSlack = 1e-6
)

// PageNumberPattern is printed at the bottom right of every page.
const PageNumberPattern = "Page {current} of {total}"

// Options describe one document.
type Options struct {
	// RunDate is the civil date of the run. It becomes the PDF creation and
	// modification date; only year, month and day are used, so a re-run on
	// another machine, clock or time zone yields identical bytes.
	RunDate time.Time
	// Title, Author and Subject go into the PDF metadata (optional).
	Title   string
	Author  string
	Subject string

	// gofpdfCompression leaves page compression to gofpdf, as before
	// compressPages; tests compare the two.
	gofpdfCompression bool
}

func (o Options) date() (time.Time, error) {
	if o.RunDate.IsZero() {
		return time.Time{}, errors.New("pdf: Options.RunDate is required for reproducible output")
	}
	y, m, d := o.RunDate.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC), nil
}

// NewConfig returns a maroto configuration (A4, margins, embedded UTF-8 font,
// "Page X of Y" footer, fixed dates). Page streams are left uncompressed:
// Document.Bytes compresses them (see compressPages). Each call carries its
// own copy of the font files, so use one config per document and never share
// it between goroutines.
func NewConfig(o Options) (*entity.Config, error) {
	date, err := o.date()
	if err != nil {
		return nil, err
	}
	ink, muted := colorInk, colorMuted
	b := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithLeftMargin(marginX).
		WithRightMargin(marginX).
		WithTopMargin(marginTop).
		WithBottomMargin(marginBottom).
		WithCustomFonts(customFonts()).
		WithDefaultFont(&props.Font{Family: FontFamily, Style: fontstyle.Normal, Size: sizeBody, Color: &ink}).
		WithPageNumber(props.PageNumber{
			Pattern: PageNumberPattern,
			Place:   props.RightBottom,
			Family:  FontFamily,
			Style:   fontstyle.Normal,
			Size:    sizeSmall,
			Color:   &muted,
		}).
		WithCreationDate(date).
		WithCompression(o.gofpdfCompression)
	if o.Title != "" {
		b = b.WithTitle(o.Title, true)
	}
	if o.Author != "" {
		b = b.WithAuthor(o.Author, true)
		b = b.WithCreator(o.Author, true)
	}
	if o.Subject != "" {
		b = b.WithSubject(o.Subject, true)
	}
	return b.Build(), nil
}

// Document wraps one maroto document and keeps its own account of the space
// used on the current page. maroto v2.3.3 breaks pages silently inside
// AddRow and offers no hook to re-insert a table header (RegisterHeader is
// document-wide), so every row goes through Document, which measures it with
// maroto's own provider and forces the break itself when the row would not
// fit. That is what lets tables repeat their header on every page.
//
// A Document is not safe for concurrent use; render documents in parallel by
// giving each goroutine its own Document.
type Document struct {
	m       core.Maroto
	cfg     *entity.Config
	probe   *probeRow
	avail   float64 // usable page height, identical to maroto's root cell
	used    float64 // mirrors maroto's currentHeight for the current page
	gap     float64 // pending vertical space, dropped at a page top
	pages   int
	runDate time.Time
	done    bool
	err     error

	compressed bool // gofpdf compressed the page streams itself
}

// New starts an empty document.
func New(o Options) (*Document, error) {
	cfg, err := NewConfig(o)
	if err != nil {
		return nil, err
	}
	date, _ := o.date()
	d := &Document{m: maroto.New(cfg), cfg: cfg, probe: &probeRow{}, pages: 1, runDate: date, compressed: o.gofpdfCompression}
	// maroto measures a row with its private provider as soon as it is
	// added; a zero-height probe row is how we get hold of that provider and
	// of the root cell, so our measurements are the ones maroto will use.
	d.m.AddRows(d.probe)
	if d.probe.provider == nil || d.probe.cell == nil {
		return nil, errors.New("pdf: maroto did not measure the probe row; maroto internals changed")
	}
	d.avail = d.probe.cell.Height
	return d, nil
}

// Pages reports how many pages the document has so far.
func (d *Document) Pages() int { return d.pages }

func (d *Document) fail(err error) error {
	if d.err == nil {
		d.err = err
	}
	return err
}

// measure returns the height maroto will give r; maroto caches it in r.
func (d *Document) measure(r core.Row) float64 {
	r.SetConfig(d.cfg)
	return r.GetHeight(d.probe.provider, d.probe.cell)
}

// Spacer asks for vertical space before the next content. It is dropped if
// the next content starts a new page, so pages never begin with a gap and a
// trailing spacer never creates a blank page.
func (d *Document) Spacer(mm float64) {
	if mm > d.gap {
		d.gap = mm
	}
}

func (d *Document) breakPage() {
	// AddPages with an empty page makes maroto pad out the current page and
	// open a fresh one, which is the only public way to force a break.
	d.m.AddPages(page.New())
	d.used = 0
	d.pages++
}

// ensure makes room for need mm of content that must stay together, breaking
// the page if necessary, and emits any pending spacer. It reports whether a
// page break happened.
func (d *Document) ensure(need float64) bool {
	gap := d.gap
	d.gap = 0
	if d.used == 0 {
		return false
	}
	if d.used+gap+need <= d.avail-fitSlack {
		if gap > 0 {
			d.push(row.New(gap), gap)
		}
		return false
	}
	d.breakPage()
	return true
}

// push hands a measured row to maroto; the caller has checked that it fits.
func (d *Document) push(r core.Row, h float64) {
	d.m.AddRows(r)
	d.used += h
}

// Add appends custom rows (built with maroto's row/col/text packages) and
// keeps them on one page if they fit on one. Rows must be built for this
// document only: maroto caches a row's height and config inside the row, so
// sharing rows between documents or goroutines is unsafe. Pass user text
// through SafeText.
func (d *Document) Add(rows ...core.Row) error {
	if d.done {
		return d.fail(errors.New("pdf: document already generated"))
	}
	hs := make([]float64, len(rows))
	total := 0.0
	for i, r := range rows {
		hs[i] = d.measure(r)
		total += hs[i]
	}
	if total <= d.avail-fitSlack {
		d.ensure(total)
		for i, r := range rows {
			d.push(r, hs[i])
		}
		return nil
	}
	// Too tall to keep together: flow row by row.
	for i, r := range rows {
		if hs[i] > d.avail-fitSlack {
			return d.fail(fmt.Errorf("pdf: row of %.1f mm is taller than a page (%.1f mm)", hs[i], d.avail))
		}
		d.ensure(hs[i])
		d.push(r, hs[i])
	}
	return nil
}

// Bytes renders the document. It can be called once.
func (d *Document) Bytes() (_ []byte, err error) {
	if d.err != nil {
		return nil, d.err
	}
	if d.done {
		return nil, errors.New("pdf: Bytes called twice")
	}
	d.done = true
	// gofpdf panics on some malformed input instead of returning an
	// error; one bad document must not take down a whole batch run.
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: generate panicked: %v", r)
		}
	}()
	doc, err := d.m.Generate()
	if err != nil {
		return nil, fmt.Errorf("pdf: generate: %w", err)
	}
	b, err := fixModDate(doc.GetBytes(), d.runDate)
	if err != nil || d.compressed {
		return b, err
	}
	return compressPages(b)
}

// fixModDate replaces the sentinel modification date with the run date. Both
// strings have the same length, so xref offsets stay valid.
func fixModDate(b []byte, date time.Time) ([]byte, error) {
	old := []byte("/ModDate (D:" + modDateSentinel.Format("20060102150405") + ")")
	repl := []byte("/ModDate (D:" + date.Format("20060102150405") + ")")
	if bytes.Count(b, old) != 1 {
		return nil, errors.New("pdf: modification date marker not found exactly once; gofpdf output format changed")
	}
	return bytes.Replace(b, old, repl, 1), nil
}

// probeRow is an invisible, zero-height row that captures the provider and
// root cell maroto measures rows with.
type probeRow struct {
	provider core.Provider
	cell     *entity.Cell
}

func (p *probeRow) SetConfig(*entity.Config)          {}
func (p *probeRow) Add(...core.Col) core.Row          { return p }
func (p *probeRow) GetColumns() []core.Col            { return nil }
func (p *probeRow) WithStyle(*props.Cell) core.Row    { return p }
func (p *probeRow) Render(core.Provider, entity.Cell) {}

func (p *probeRow) GetHeight(provider core.Provider, cell *entity.Cell) float64 {
	if p.provider == nil {
		p.provider, p.cell = provider, cell
	}
	return 0
}

func (p *probeRow) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "probe"})
}
