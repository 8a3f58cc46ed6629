package pdf

import (
	"bytes"
	"cmp"
	"compress/zlib"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"sync"
)

// Page streams are compressed here rather than by gofpdf. gofpdf builds a new
// zlib writer for every stream it compresses (about 1 MB of compressor state,
// allocated and cleared each time), which was a fifth of a statement's CPU.
// Documents are generated with page compression off and compressPages then
// deflates each page's content stream with a pooled writer at the same level
// gofpdf uses, so the file is byte for byte the one gofpdf would have
// written with compression on. Font streams are still compressed by gofpdf,
// which does so whatever the setting.

// zlibWriters keeps zlib writers at gofpdf's level (BestSpeed) between
// documents; Reset gives the same output as a new writer. A sync.Pool would
// not do: the collector empties it every other cycle, and a statement run
// collects several times per document, so nearly every document built a new
// writer again. One writer per processor is kept (about 1 MB each), enough
// for the statement stage's one worker per processor; a document that finds
// none free builds its own.
var zlibWriters = make(chan *zlib.Writer, max(runtime.GOMAXPROCS(0), 2))

var scratchPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// deflate appends the zlib (FlateDecode) form of data to dst.
func deflate(dst *bytes.Buffer, data []byte) error {
	var w *zlib.Writer
	select {
	case w = <-zlibWriters:
		w.Reset(dst)
	default:
		var err error
		if w, err = zlib.NewWriterLevel(dst, zlib.BestSpeed); err != nil {
			return err
		}
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	w.Reset(nil) // drop dst
	select {
	case zlibWriters <- w:
	default:
	}
	return nil
}

// errLayout reports output that is not laid out the way gofpdf v1.4.3
// writes it; the caller treats it like any other generation error.
func errLayout(format string, args ...any) error {
	return fmt.Errorf("pdf: unexpected gofpdf output (%s); gofpdf output format changed", fmt.Sprintf(format, args...))
}

// pdfXref is the cross-reference section of a gofpdf document: one
// subsection "0 n" with the free entry 0 followed by in-use entries.
type pdfXref struct {
	at      int   // offset of "xref"
	offsets []int // offsets[i] is object i's offset; offsets[0] unused
	tail    int   // offset of "trailer", just after the last entry
	startAt int   // offset of the number after "startxref\n"
}

const (
	xrefEntryLen = 20 // "0000009811 00000 n \n"
	xrefFree     = "0000000000 65535 f \n"
	xrefInUse    = " 00000 n \n"
	pdfEOF       = "\n%%EOF\n"
)

// parseXref reads the xref table gofpdf writes at the end of a document and
// checks that every entry points at the start of its object.
func parseXref(b []byte) (pdfXref, error) {
	var x pdfXref
	if !bytes.HasSuffix(b, []byte(pdfEOF)) {
		return x, errLayout("no %%%%EOF at the end")
	}
	i := bytes.LastIndex(b, []byte("\nstartxref\n"))
	if i < 0 {
		return x, errLayout("no startxref")
	}
	x.startAt = i + len("\nstartxref\n")
	if x.startAt > len(b)-len(pdfEOF) {
		return x, errLayout("no startxref")
	}
	at, err := strconv.Atoi(string(b[x.startAt : len(b)-len(pdfEOF)]))
	if err != nil || at <= 0 || at >= i || b[at-1] != '\n' || !bytes.HasPrefix(b[at:], []byte("xref\n0 ")) {
		return x, errLayout("startxref does not point at the xref table")
	}
	x.at = at
	p := at + len("xref\n0 ")
	nl := bytes.IndexByte(b[p:], '\n')
	if nl < 0 {
		return x, errLayout("xref subsection header")
	}
	n, err := strconv.Atoi(string(b[p : p+nl]))
	if err != nil || n < 1 {
		return x, errLayout("xref subsection header")
	}
	p += nl + 1
	if n > (i-p)/xrefEntryLen || string(b[p:p+xrefEntryLen]) != xrefFree {
		return x, errLayout("xref entries")
	}
	x.offsets = make([]int, n)
	for obj := 1; obj < n; obj++ {
		e := b[p+obj*xrefEntryLen : p+(obj+1)*xrefEntryLen]
		if string(e[10:]) != xrefInUse {
			return x, errLayout("xref entry %d", obj)
		}
		off := 0
		for _, c := range e[:10] {
			if c < '0' || c > '9' {
				return x, errLayout("xref entry %d", obj)
			}
			off = off*10 + int(c-'0')
		}
		if off >= at || !bytes.HasPrefix(b[off:], objHeader(obj)) || (off > 0 && b[off-1] != '\n') {
			return x, errLayout("xref entry %d does not point at its object", obj)
		}
		x.offsets[obj] = off
	}
	x.tail = p + n*xrefEntryLen
	if !bytes.HasPrefix(b[x.tail:], []byte("trailer\n")) {
		return x, errLayout("no trailer after the xref table")
	}
	if bytes.Contains(b[x.tail:x.startAt], []byte("/Encrypt")) {
		// Encrypted streams would have to be compressed before encryption.
		return x, errLayout("encrypted document")
	}
	return x, nil
}

// objHeader is how gofpdf opens object n.
func objHeader(n int) []byte {
	return append(strconv.AppendInt(nil, int64(n), 10), " 0 obj\n"...)
}

// pageStream locates an uncompressed page content stream. gofpdf writes each
// page's content as the object right after the page object, whose dictionary
// ends "/Contents n 0 R>>"; such an object n must be exactly
// "n 0 obj\n<</Length L>>\nstream\n" + L bytes + "\nendstream\nendobj\n".
// It returns the stream data and the offset just past the object; ok is
// false for an object that is not a page's content.
func pageStream(b []byte, n, off int) (data []byte, end int, ok bool, err error) {
	num := strconv.Itoa(n)
	ref := "/Contents " + num + " 0 R>>\nendobj\n"
	if off < len(ref) || string(b[off-len(ref):off]) != ref {
		return nil, 0, false, nil
	}
	bad := errLayout("page content object %d is not an uncompressed stream", n)
	p := off + len(num) + len(" 0 obj\n")
	const head = "<</Length "
	if !bytes.HasPrefix(b[p:], []byte(head)) {
		return nil, 0, false, bad
	}
	p += len(head)
	q := p
	for q < len(b) && q-p <= 10 && b[q] >= '0' && b[q] <= '9' {
		q++
	}
	length, err := strconv.Atoi(string(b[p:q]))
	if err != nil {
		return nil, 0, false, bad
	}
	const mid = ">>\nstream\n"
	if !bytes.HasPrefix(b[q:], []byte(mid)) {
		return nil, 0, false, bad
	}
	s := q + len(mid)
	const foot = "\nendstream\nendobj\n"
	if length > len(b)-s-len(foot) || string(b[s+length:s+length+len(foot)]) != foot {
		return nil, 0, false, bad
	}
	return b[s : s+length], s + length + len(foot), true, nil
}

// compressPages returns b with every page content stream written by gofpdf
// without compression replaced by its /FlateDecode form, and the xref table
// and startxref moved to match. Nothing else changes. The streams are found
// by their /Length, never by searching for "endstream", so page text cannot
// confuse it.
func compressPages(b []byte) ([]byte, error) {
	x, err := parseXref(b)
	if err != nil {
		return nil, err
	}
	n := len(x.offsets)
	// Objects in file order (gofpdf writes the page tree root after the pages).
	order := make([]int, 0, n-1)
	for obj := 1; obj < n; obj++ {
		order = append(order, obj)
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(x.offsets[a], x.offsets[b]) })
	for k := 1; k < len(order); k++ {
		if x.offsets[order[k]] == x.offsets[order[k-1]] {
			return nil, errLayout("objects %d and %d share an offset", order[k-1], order[k])
		}
	}

	out := bytes.NewBuffer(make([]byte, 0, len(b)/2))
	newOff := make([]int, n)
	tmp := scratchPool.Get().(*bytes.Buffer)
	defer scratchPool.Put(tmp)
	copied := 0 // b[:copied] has been written out (rewritten or verbatim)
	pages := 0
	for k, obj := range order {
		off := x.offsets[obj]
		out.Write(b[copied:off])
		newOff[obj] = out.Len()
		copied = off
		data, end, ok, err := pageStream(b, obj, off)
		if err != nil {
			return nil, err
		} else if !ok {
			continue
		}
		next := x.at
		if k+1 < len(order) {
			next = x.offsets[order[k+1]]
		}
		if end > next {
			return nil, errLayout("page stream %d runs into the next object", obj)
		}
		tmp.Reset()
		if err := deflate(tmp, data); err != nil {
			return nil, fmt.Errorf("pdf: compress page stream: %w", err)
		}
		out.WriteString(strconv.Itoa(obj))
		out.WriteString(" 0 obj\n<</Filter /FlateDecode /Length ")
		out.WriteString(strconv.Itoa(tmp.Len()))
		out.WriteString(">>\nstream\n")
		out.Write(tmp.Bytes())
		out.WriteString("\nendstream\nendobj\n")
		copied = end
		pages++
	}
	if pages == 0 {
		return nil, errLayout("no uncompressed page stream")
	}
	out.Write(b[copied:x.at])
	at := out.Len()
	out.WriteString("xref\n0 ")
	out.WriteString(strconv.Itoa(n))
	out.WriteString("\n" + xrefFree)
	var entry [xrefEntryLen]byte
	copy(entry[10:], xrefInUse)
	for obj := 1; obj < n; obj++ {
		v := newOff[obj]
		if v > 9999999999 {
			return nil, errLayout("offset too large")
		}
		for i := 9; i >= 0; i-- {
			entry[i] = byte('0' + v%10)
			v /= 10
		}
		out.Write(entry[:])
	}
	out.Write(b[x.tail:x.startAt])
	out.WriteString(strconv.Itoa(at))
	out.WriteString(pdfEOF)
	return out.Bytes(), nil
}
