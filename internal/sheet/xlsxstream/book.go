// Package xlsxstream reads the rows of one worksheet of an .xlsx workbook as a stream,
// with the cell values excelize's Rows iterator returns under RawCellValue, at a small
// fraction of its time and memory.
//
// It reads only the common shape of a workbook: a transitional OOXML package whose
// parts are well-formed UTF-8 XML. Anything else (an encrypted workbook, strict OOXML,
// missing parts, structures it does not know) is ErrUnsupported, and the caller reads
// the workbook with excelize instead. ErrUnsupported may also come in the middle of a
// sheet, after rows were already returned.
package xlsxstream

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// ErrUnsupported says the workbook is of a kind this package does not read; read it
// with excelize instead.
var ErrUnsupported = errors.New("xlsxstream: workbook layout not supported")

// MaxUnzipSize caps the inflated size of all the parts of a workbook, as declared in
// its zip directory (archive/zip refuses a part that inflates beyond its declared size).
const MaxUnzipSize = 1 << 30

const (
	nsMain    = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsStrict  = "purl.oclc.org/ooxml"
	relOffice = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)

// Sheet is a sheet of the workbook, in workbook order.
type Sheet struct {
	Name  string
	State string // "", "visible", "hidden" or "veryHidden", as written
}

// Book is an open workbook.
type Book struct {
	zr    *zip.ReadCloser
	parts map[string]*zip.File

	// Wrap, when set, is given the reader of each worksheet part Rows opens, and the
	// rows are read through what it returns (to see the bytes that pass, such as the
	// sheet's list of merged cells after its rows).
	Wrap     func(io.Reader) io.Reader
	sheets   []Sheet
	targets  map[string]string // sheet name -> part
	date1904 bool
	sst      *sst
}

func unsupported(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrUnsupported}, args...)...)
}

// Open opens the workbook at path and reads its sheet list.
func Open(name string) (*Book, error) {
	zr, err := zip.OpenReader(name)
	if err != nil {
		return nil, unsupported("%v", err)
	}
	b := &Book{zr: zr, parts: map[string]*zip.File{}}
	if err := b.init(); err != nil {
		zr.Close()
		return nil, err
	}
	return b, nil
}

func (b *Book) init() error {
	var total uint64
	for _, f := range b.zr.File {
		total += f.UncompressedSize64
		n := strings.ReplaceAll(f.Name, "\\", "/")
		if strings.EqualFold(n, "xl/sharedStrings.xml") {
			n = "xl/sharedStrings.xml"
		}
		if _, dup := b.parts[n]; dup {
			return unsupported("part %q appears twice", n)
		}
		b.parts[n] = f
	}
	if total > MaxUnzipSize {
		return unsupported("the workbook inflates to over %d bytes", MaxUnzipSize)
	}
	var rels relationships
	if err := b.readXML("_rels/.rels", &rels); err != nil {
		return err
	}
	wbPath := ""
	for _, r := range rels.Rels {
		if r.Type == relOffice {
			wbPath = strings.TrimPrefix(r.Target, "/")
			break
		}
	}
	if wbPath != "xl/workbook.xml" {
		return unsupported("workbook part %q", wbPath)
	}
	var wb workbook
	if err := b.readXML(wbPath, &wb); err != nil {
		return err
	}
	if wb.XMLName.Space != nsMain {
		return unsupported("workbook namespace %q", wb.XMLName.Space)
	}
	if wb.Pr != nil {
		b.date1904 = wb.Pr.Date1904
	}
	var wbRels relationships
	if err := b.readXML("xl/_rels/workbook.xml.rels", &wbRels); err != nil {
		return err
	}
	b.targets = map[string]string{}
	for _, s := range wb.Sheets {
		b.sheets = append(b.sheets, Sheet{Name: s.Name, State: s.State})
		for _, r := range wbRels.Rels {
			if r.ID != s.RID {
				continue
			}
			p := path.Clean("xl/" + r.Target)
			if strings.HasPrefix(r.Target, "/") {
				p = strings.TrimPrefix(path.Clean(r.Target), "/")
			}
			if _, ok := b.parts[p]; ok {
				b.targets[s.Name] = p
			}
		}
	}
	return nil
}

// readXML decodes a small part with encoding/xml.
func (b *Book) readXML(name string, v any) error {
	f, ok := b.parts[name]
	if !ok {
		return unsupported("no part %s", name)
	}
	rc, err := f.Open()
	if err != nil {
		return unsupported("%s: %v", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return unsupported("%s: %v", name, err)
	}
	if bytes.Contains(data, []byte(nsStrict)) {
		return unsupported("%s is strict OOXML", name)
	}
	if err := xml.Unmarshal(data, v); err != nil {
		return unsupported("%s: %v", name, err)
	}
	return nil
}

type relationships struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:"Target,attr"`
		Type   string `xml:"Type,attr"`
	} `xml:"Relationship"`
}

type workbook struct {
	XMLName xml.Name
	Pr      *struct {
		Date1904 bool `xml:"date1904,attr,omitempty"`
	} `xml:"workbookPr"`
	Sheets []struct {
		Name    string `xml:"name,attr"`
		SheetID int    `xml:"sheetId,attr,omitempty"`
		RID     string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		State   string `xml:"state,attr,omitempty"`
	} `xml:"sheets>sheet"`
}

// Sheets lists the sheets in workbook order, hidden ones included.
func (b *Book) Sheets() []Sheet { return append([]Sheet(nil), b.sheets...) }

// Date1904 says whether the workbook counts dates from 1904.
func (b *Book) Date1904() bool { return b.date1904 }

// Close releases the file.
func (b *Book) Close() error { return b.zr.Close() }

// Rows starts reading the named sheet. The shared strings are read first, once per Book.
func (b *Book) Rows(sheet string) (*Rows, error) {
	known := false
	for _, s := range b.sheets {
		known = known || s.Name == sheet
	}
	if !known {
		return nil, fmt.Errorf("xlsxstream: no sheet %q", sheet)
	}
	p, ok := b.targets[sheet]
	if !ok {
		return nil, unsupported("sheet %q has no worksheet part", sheet)
	}
	if b.sst == nil {
		t, err := b.readSST()
		if err != nil {
			return nil, err
		}
		b.sst = t
	}
	rc, err := b.parts[p].Open()
	if err != nil {
		return nil, unsupported("%s: %v", p, err)
	}
	var src io.Reader = rc
	if b.Wrap != nil {
		src = b.Wrap(rc)
	}
	r := &Rows{sc: newScanner(src, nil), rc: rc, sst: b.sst}
	if err := r.start(); err != nil {
		rc.Close()
		return nil, err
	}
	return r, nil
}

// OpenPart opens a part of the package by name, for measuring (the inflate floor).
func (b *Book) OpenPart(name string) (io.ReadCloser, error) {
	f, ok := b.parts[name]
	if !ok {
		return nil, fmt.Errorf("xlsxstream: no part %s", name)
	}
	return f.Open()
}

// SheetPart is the package part that holds the named sheet.
func (b *Book) SheetPart(sheet string) (string, bool) {
	p, ok := b.targets[sheet]
	return p, ok
}
