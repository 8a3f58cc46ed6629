package sheet

import (
	"archive/zip"
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
)

// The workbook is read straight from its XML parts rather than through excelize's
// row iterator: that iterator numbers rows by their position in the XML (a row stored
// out of order, or twice, comes back under the wrong number) and drops the cell type,
// so a TRUE cell and a 1 cell look alike.

const (
	maxRows = 1048576
	maxCols = 16384
)

// workbook is an opened .xlsx package.
type workbook struct {
	z          *zip.ReadCloser
	sheets     []wbSheet
	date1904   bool
	sstPart    string // the shared strings part, "" when there is none
	strings    []string
	stringsErr error
	stringsIn  bool   // strings (or stringsErr) are read
	dateXF     []bool // by cell format (the s of a cell): a date or time number format

	// By sheet part: its merged cells, found while its rows are read (watchMerges).
	merges map[string]*mergeScan
}

type wbSheet struct {
	name   string
	state  string // "", "visible", "hidden" or "veryHidden"
	target string // part name inside the zip
}

func (s wbSheet) hidden() bool { return s.state == "hidden" || s.state == "veryHidden" }

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type xmlWorkbook struct {
	Pr struct {
		Date1904 string `xml:"date1904,attr"`
	} `xml:"workbookPr"`
	Sheets []struct {
		Name  string `xml:"name,attr"`
		State string `xml:"state,attr"`
		RID   string `xml:"id,attr"`
	} `xml:"sheets>sheet"`
}

// limitedReader fails once more than n bytes come out, so a zip entry that lies
// about its size cannot inflate past the limit.
type limitedReader struct {
	r    io.Reader
	n    int64
	name string
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		var one [1]byte
		if k, _ := l.r.Read(one[:]); k > 0 {
			return 0, fmt.Errorf("part %s inflates beyond %d bytes", l.name, int64(unzipLimit))
		}
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	k, err := l.r.Read(p)
	l.n -= int64(k)
	return k, err
}

func (w *workbook) file(name string) *zip.File {
	for _, f := range w.z.File {
		if strings.EqualFold(strings.TrimPrefix(f.Name, "/"), name) {
			return f
		}
	}
	return nil
}

// open opens a part; missing parts are an error.
func (w *workbook) open(name string) (io.ReadCloser, error) {
	f := w.file(name)
	if f == nil {
		return nil, fmt.Errorf("part %s is missing", name)
	}
	if f.UncompressedSize64 > unzipLimit {
		return nil, fmt.Errorf("part %s inflates beyond %d bytes", name, int64(unzipLimit))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{&limitedReader{r: rc, n: unzipLimit, name: name}, rc}, nil
}

func (w *workbook) decode(name string, v any) error {
	rc, err := w.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return fmt.Errorf("part %s: %v", name, err)
	}
	return nil
}

// relsOf reads the relationships of a part: id -> (type, resolved target).
func (w *workbook) relsOf(part string) (map[string][2]string, error) {
	dir, base := path.Split(part)
	name := dir + "_rels/" + base + ".rels"
	out := map[string][2]string{}
	if w.file(name) == nil {
		return out, nil
	}
	var r xmlRels
	if err := w.decode(name, &r); err != nil {
		return nil, err
	}
	for _, rel := range r.Rels {
		t := rel.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		out[rel.ID] = [2]string{rel.Type, t}
	}
	return out, nil
}

func openWorkbook(p string) (*workbook, error) {
	z, err := zip.OpenReader(p)
	if err != nil {
		return nil, err
	}
	w := &workbook{z: z}
	if err := w.load(); err != nil {
		z.Close()
		return nil, err
	}
	return w, nil
}

func (w *workbook) load() error {
	root, err := w.relsOf("")
	if err != nil {
		return err
	}
	wbPart := "xl/workbook.xml"
	for _, r := range root {
		if strings.HasSuffix(r[0], "/officeDocument") {
			wbPart = r[1]
		}
	}
	var wb xmlWorkbook
	if err := w.decode(wbPart, &wb); err != nil {
		return err
	}
	w.date1904 = wb.Pr.Date1904 == "1" || strings.EqualFold(wb.Pr.Date1904, "true")
	rels, err := w.relsOf(wbPart)
	if err != nil {
		return err
	}
	for _, s := range wb.Sheets {
		r, ok := rels[s.RID]
		if !ok {
			return fmt.Errorf("sheet %q has no part (relationship %q)", s.Name, s.RID)
		}
		w.sheets = append(w.sheets, wbSheet{name: s.Name, state: s.State, target: r[1]})
	}
	w.sstPart = relPart(rels, "/sharedStrings")
	if part := stylesPart(rels); part != "" {
		if w.dateXF, err = w.readStyles(part); err != nil {
			return errStyles(part, err)
		}
	}
	return nil
}

// loadStrings reads the shared strings, once: only the encoding/xml reader of rows needs
// them, as the streaming reader keeps its own table.
func (w *workbook) loadStrings() error {
	if !w.stringsIn {
		w.stringsIn = true
		if w.sstPart != "" {
			w.strings, w.stringsErr = w.readSharedStrings(w.sstPart)
		}
	}
	return w.stringsErr
}

// readSharedStrings reads the string table: each <si> is its <t>, or the <t> of its
// runs; phonetic guides (<rPh>) are not part of the text.
func (w *workbook) readSharedStrings(part string) ([]string, error) {
	rc, err := w.open(part)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	d := xml.NewDecoder(bufio.NewReader(rc))
	var out []string
	var b strings.Builder
	inSI, inT, phonetic := false, false, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("part %s: %v", part, err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "si":
				inSI = true
				b.Reset()
			case "rPh":
				phonetic++
			case "t":
				inT = inSI && phonetic == 0
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "si":
				inSI = false
				out = append(out, unescapeOOXML(b.String()))
			case "rPh":
				phonetic--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				b.Write(e)
			}
		}
	}
}

// unescapeOOXML decodes the _xHHHH_ escapes Excel writes for characters XML cannot
// carry (and _x005F_ for a literal underscore before such a sequence).
func unescapeOOXML(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if i+7 <= len(s) && s[i] == '_' && s[i+1] == 'x' && s[i+6] == '_' {
			if n, err := strconv.ParseUint(s[i+2:i+6], 16, 16); err == nil {
				b.WriteRune(rune(n))
				i += 7
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func (w *workbook) Close() { w.z.Close() }

// Kind is what a cell holds, as the workbook typed it.
type Kind uint8

const (
	Blank      Kind = iota
	Text            // a text cell, or any CSV cell
	Number          // a number cell whose number format is not a date or time
	Bool            // TRUE or FALSE
	ErrorValue      // #N/A, #DIV/0! and the like
	ISODate         // a cell of type "d": ISO 8601 text
	DateNumber      // a number cell with a date or time format: a serial day count
)

func (k Kind) String() string {
	return [...]string{"blank", "text", "number", "boolean", "error", "date", "date number"}[k]
}

// rawRow is one row of a sheet: its 1-based number and its cells by column.
type rawRow struct {
	num      int
	hidden   bool // hidden in the sheet: by hand, by a filter or in a collapsed group
	cells    []string
	kinds    []Kind
	formulas []int // columns (from 0) of the cells that hold a formula; nil for none
}

// xlsxRows reads the rows of one worksheet with encoding/xml, in the order the sheet
// stores them.
type xlsxRows struct {
	wb    *workbook
	rc    io.ReadCloser
	watch io.Reader // rc, passed through the merged-cell watch
	d     *xml.Decoder
	prev  int // number of the last row decoded
	done  bool
	hcols [][2]int // the hidden columns, from <cols>: ranges of 1-based columns
}

// openXML opens the rows of a sheet with encoding/xml.
func (w *workbook) openXML(s wbSheet) (*xlsxRows, error) {
	if err := w.loadStrings(); err != nil {
		return nil, errWorkbook{err}
	}
	rc, err := w.open(s.target)
	if err != nil {
		return nil, err
	}
	watch := w.watchMerges(s.target, rc)
	return &xlsxRows{wb: w, rc: rc, watch: watch, d: xml.NewDecoder(bufio.NewReaderSize(watch, 1<<16))}, nil
}

// readSorted reads every row of a sheet whose rows are stored out of order, sorted by
// number, as spreadsheet programs place each row by its number. A row number stored
// twice is an error.
func (w *workbook) readSorted(s wbSheet) ([]rawRow, error) {
	x, err := w.openXML(s)
	if err != nil {
		return nil, err
	}
	defer x.Close()
	byNum := map[int]rawRow{}
	for {
		r, err := x.read()
		if err != nil {
			return nil, err
		}
		if r == nil {
			if err := x.drain(); err != nil {
				return nil, err
			}
			break
		}
		if _, dup := byNum[r.num]; dup {
			return nil, fmt.Errorf("row %d is stored twice in the sheet; open and save the workbook again in a spreadsheet program", r.num)
		}
		byNum[r.num] = *r
	}
	sorted := make([]rawRow, 0, len(byNum))
	for _, r := range byNum {
		sorted = append(sorted, r)
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].num < sorted[j].num })
	return sorted, nil
}

// attr finds name="value" (or 'value') in the text of a tag.
func attr(tag, name string) (string, bool) {
	for i := 0; i < len(tag); i++ {
		j := strings.Index(tag[i:], name)
		if j < 0 {
			return "", false
		}
		i += j
		if i > 0 && tag[i-1] != ' ' && tag[i-1] != '\t' && tag[i-1] != '\n' && tag[i-1] != '\r' {
			continue
		}
		rest := strings.TrimLeft(tag[i+len(name):], " \t\r\n")
		if !strings.HasPrefix(rest, "=") {
			continue
		}
		rest = strings.TrimLeft(rest[1:], " \t\r\n")
		if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
			return "", false
		}
		end := strings.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return "", false
		}
		return rest[1 : end+1], true
	}
	return "", false
}

// drain reads the rest of the sheet part after its rows, so that the merged-cell watch
// sees the list of merged cells that follows them.
func (x *xlsxRows) drain() error {
	if x.watch == nil {
		return nil
	}
	_, err := io.Copy(io.Discard, x.watch)
	x.watch = nil
	return err
}

func (x *xlsxRows) Close() {
	if x.rc != nil {
		x.rc.Close()
		x.rc = nil
	}
}

// read decodes the next <row> element of the XML stream.
func (x *xlsxRows) read() (*rawRow, error) {
	if x.done {
		return nil, nil
	}
	for {
		tok, err := x.d.Token()
		if err == io.EOF {
			x.done = true
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("the sheet XML cannot be read (%v)", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Local == "row" {
				n := x.prev + 1
				if v := attrOf(e, "r"); v != "" {
					if n, err = strconv.Atoi(v); err != nil || n < 1 || n > maxRows {
						return nil, fmt.Errorf("row number %q is not a row of a sheet", v)
					}
				}
				x.prev = n
				hidden := false
				if v := attrOf(e, "hidden"); v != "" {
					if hidden, err = strconv.ParseBool(strings.TrimSpace(v)); err != nil {
						return nil, fmt.Errorf("row %d: hidden=%q is neither true nor false", n, v)
					}
				}
				r, err := x.readCells(n)
				if r != nil {
					r.hidden = hidden
				}
				return r, err
			}
			if e.Name.Local == "col" {
				if err := x.col(e); err != nil {
					return nil, err
				}
			}
		case xml.EndElement:
			if e.Name.Local == "sheetData" {
				x.done = true
				return nil, nil
			}
		}
	}
}

// col reads a <col> of the sheet's <cols>: a hidden range of columns is kept.
func (x *xlsxRows) col(e xml.StartElement) error {
	v := strings.TrimSpace(attrOf(e, "hidden"))
	if v == "" {
		return nil
	}
	hidden, err := strconv.ParseBool(v)
	if err != nil {
		return fmt.Errorf("column range hidden=%q is neither true nor false", v)
	}
	lo, err1 := strconv.Atoi(strings.TrimSpace(attrOf(e, "min")))
	hi, err2 := strconv.Atoi(strings.TrimSpace(attrOf(e, "max")))
	if err1 != nil || err2 != nil {
		return fmt.Errorf("column range min=%q max=%q is not a range of columns", attrOf(e, "min"), attrOf(e, "max"))
	}
	if hidden && lo >= 1 && hi >= lo {
		x.hcols = append(x.hcols, [2]int{lo, min(hi, maxCols)})
	}
	return nil
}

func attrOf(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// colOf is the 1-based column of a cell reference such as "AB12".
func colOf(ref string) (int, error) {
	col, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		col = col*26 + int(c-'A'+1)
		if col > maxCols {
			return 0, fmt.Errorf("cell %q lies beyond the last column", ref)
		}
	}
	if i == 0 {
		return 0, fmt.Errorf("cell reference %q has no column", ref)
	}
	return col, nil
}

// readCells reads the cells of a row up to its end tag.
func (x *xlsxRows) readCells(num int) (*rawRow, error) {
	r := &rawRow{num: num}
	col := 0
	var (
		inCell            bool
		kind, ref, style  string
		val, inl          strings.Builder
		inV, inT, hasV    bool
		inIS, hasIS, hasF bool
		phonetic, cellCol int
	)
	for {
		tok, err := x.d.Token()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, fmt.Errorf("row %d cannot be read (%v)", num, err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "c":
				inCell, hasV, hasIS, hasF = true, false, false, false
				val.Reset()
				inl.Reset()
				kind, ref, style = attrOf(e, "t"), attrOf(e, "r"), attrOf(e, "s")
				cellCol = col + 1
				if ref != "" {
					if cellCol, err = colOf(ref); err != nil {
						return nil, fmt.Errorf("row %d: %v", num, err)
					}
				}
				if cellCol > maxCols {
					return nil, fmt.Errorf("row %d has more than %d columns", num, maxCols)
				}
				col = cellCol
			case "v":
				inV, hasV = inCell, inCell
			case "is":
				inIS, hasIS = inCell, inCell
			case "f":
				hasF = hasF || inCell
			case "rPh":
				phonetic++
			case "t":
				inT = inIS && phonetic == 0
			}
		case xml.CharData:
			if inV {
				val.Write(e)
			} else if inT {
				inl.Write(e)
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "v":
				inV = false
			case "t":
				inT = false
			case "rPh":
				phonetic--
			case "is":
				inIS = false
			case "c":
				inCell = false
				text, k, err := x.cellValue(kind, val.String(), hasV, inl.String(), hasIS)
				if k == Number && x.wb.styleIsDate(style) {
					k = DateNumber
				}
				if err != nil {
					return nil, fmt.Errorf("row %d column %s: %v", num, colName(cellCol), err)
				}
				if hasF {
					r.formulas = append(r.formulas, cellCol-1)
				}
				if k == Blank {
					continue
				}
				if cellCol <= len(r.cells) && r.kinds[cellCol-1] != Blank {
					return nil, fmt.Errorf("cell %s%d is stored twice in the sheet; open and save the workbook again in a spreadsheet program", colName(cellCol), num)
				}
				for len(r.cells) < cellCol {
					r.cells = append(r.cells, "")
					r.kinds = append(r.kinds, Blank)
				}
				r.cells[cellCol-1], r.kinds[cellCol-1] = text, k
			case "row":
				return r, nil
			}
		}
	}
}

// cellValue is a cell's text as a spreadsheet shows it when unformatted, and its kind.
func (x *xlsxRows) cellValue(t, v string, hasV bool, inline string, hasInline bool) (string, Kind, error) {
	switch t {
	case "s":
		if !hasV {
			return "", Blank, nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(x.wb.strings) {
			return "", Blank, fmt.Errorf("shared string %q does not exist", v)
		}
		s := x.wb.strings[i]
		if s == "" {
			return "", Blank, nil
		}
		return s, Text, nil
	case "inlineStr":
		s := unescapeOOXML(inline)
		if !hasInline && hasV {
			s = unescapeOOXML(v)
		}
		if s == "" {
			return "", Blank, nil
		}
		return s, Text, nil
	case "str":
		if v == "" {
			return "", Blank, nil
		}
		return unescapeOOXML(v), Text, nil
	case "b":
		switch strings.TrimSpace(v) {
		case "1", "true":
			return "TRUE", Bool, nil
		case "0", "false":
			return "FALSE", Bool, nil
		case "":
			return "", Blank, nil
		}
		return "", Blank, fmt.Errorf("boolean cell holds %q", v)
	case "e":
		if v == "" {
			return "", Blank, nil
		}
		return v, ErrorValue, nil
	case "d":
		if v == "" {
			return "", Blank, nil
		}
		return strings.TrimSpace(v), ISODate, nil
	case "", "n":
		v = strings.TrimSpace(v)
		if v == "" {
			return "", Blank, nil
		}
		return v, Number, nil
	}
	return "", Blank, fmt.Errorf("unknown cell type %q", t)
}

// colName is the letters of a 1-based column ("A", "AB").
func colName(c int) string {
	s := ""
	for c > 0 {
		c--
		s = string(rune('A'+c%26)) + s
		c /= 26
	}
	return s
}
