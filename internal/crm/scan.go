package crm

import (
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/sheet"
)

// ScanResult is what a first look at an export finds, for a starter program file.
type ScanResult struct {
	Sheet         string
	Headers       []string
	Rows          int
	Statuses      []string          // distinct values of a status-like column
	PartnerTags   []string          // names from "Partner: X" tags, sorted
	PartnerType   map[string]string // name -> type from a "Partner type: X" tag on its deals
	PartnerValues []string          // distinct values of the partner column, sorted
	Currencies    []string          // codes in the currency column, most rows first
	Delimiter     rune              // of a CSV file: ',' or ';' as read; 0 for a workbook
	FirstMonth    civil.Month
	LastMonth     civil.Month
}

// ScanHeaders names the columns a scan reads ("" = guessed from the header names).
type ScanHeaders struct {
	Status, Created, Closed, Partner, Currency string
	DateLayout                                 string // Go layout of text dates ("" = ISO only)
}

// Headers reads only the header row of an export.
func Headers(path, sheetName string) ([]string, error) {
	h, _, err := HeaderLine(path, sheetName)
	return h, err
}

// HeaderLine reads the header row of an export and, for a CSV file, the field
// separator it was read with (',' or ';'; 0 for a workbook).
func HeaderLine(path, sheetName string) ([]string, rune, error) {
	t, err := sheet.Open(path, path, sheetName)
	if err != nil {
		return nil, 0, err
	}
	defer t.Close()
	return t.Headers(), t.Delimiter(), nil
}

// ScanColumns is Scan with the status, created and partner columns named.
func ScanColumns(path, sheetName string, hs ScanHeaders) (*ScanResult, error) {
	t, err := sheet.Open(path, path, sheetName)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	sc := &ScanResult{Sheet: t.Sheet(), Headers: t.Headers(), Delimiter: t.Delimiter()}
	// A status column beats a stage column: GoHighLevel has both, and only
	// "status" holds open/won/lost. HubSpot and Salesforce carry it in the stage.
	statusCol, stageCol, dateCol, partnerCol := -1, -1, -1, -1
	for i, h := range sc.Headers {
		k := sheet.Norm(h)
		switch {
		case statusCol < 0 && (k == "status" || strings.HasSuffix(k, " status")):
			statusCol = i
		case stageCol < 0 && (k == "stage" || strings.HasSuffix(k, " stage")):
			stageCol = i
		case dateCol < 0 && strings.Contains(k, "creat"):
			dateCol = i
		}
	}
	if statusCol < 0 {
		statusCol = stageCol
	}
	if i, ok := t.Column(hs.Status); ok && hs.Status != "" {
		statusCol = i
	}
	if i, ok := t.Column(hs.Created); ok && hs.Created != "" {
		dateCol = i
	}
	if i, ok := t.Column(hs.Partner); ok && hs.Partner != "" {
		partnerCol = i
	}
	currencyCol, closedCol := -1, -1
	if i, ok := t.Column(hs.Closed); ok && hs.Closed != "" {
		closedCol = i
	}
	if i, ok := t.Column(hs.Currency); ok && hs.Currency != "" {
		currencyCol = i
	}
	currencies := map[string]int{}
	values := map[string]string{}
	tagCols := []int{}
	for i, h := range sc.Headers {
		k := sheet.Norm(h)
		if strings.Contains(k, "tag") || strings.Contains(k, "label") || k == "partner" {
			tagCols = append(tagCols, i)
		}
	}
	statuses := map[string]bool{}
	partners := map[string]string{}
	types := map[string]string{}
	for {
		more, err := t.Next()
		if err != nil {
			return nil, err
		}
		if !more {
			break
		}
		sc.Rows++
		row := t.Current()
		if statusCol >= 0 && statusCol < len(row) && strings.TrimSpace(row[statusCol]) != "" {
			statuses[strings.TrimSpace(row[statusCol])] = true
		}
		// The months the export spans, from its created dates and the won/lost dates of
		// closed deals (an open deal's close date is only expected): the latest is the
		// period a first run pays.
		closed := statusCol >= 0 && statusCol < len(row) && closedLooking(row[statusCol])
		for _, c := range []int{dateCol, closedCol} {
			if c < 0 || c >= len(row) || (c == closedCol && !closed) {
				continue
			}
			if d, err := t.Date(strings.TrimSpace(row[c]), hs.DateLayout); err == nil {
				m := civil.MonthOf(d)
				if sc.FirstMonth.IsZero() || m.Compare(sc.FirstMonth) < 0 {
					sc.FirstMonth = m
				}
				if m.Compare(sc.LastMonth) > 0 {
					sc.LastMonth = m
				}
			}
		}
		if currencyCol >= 0 && currencyCol < len(row) {
			if v := strings.ToUpper(strings.TrimSpace(row[currencyCol])); v != "" {
				currencies[v]++
			}
		}
		if partnerCol >= 0 && partnerCol < len(row) {
			if v := strings.TrimSpace(row[partnerCol]); v != "" {
				if _, seen := values[strings.ToLower(v)]; !seen {
					values[strings.ToLower(v)] = v
				}
			}
		}
		for _, c := range tagCols {
			if c >= len(row) {
				continue
			}
			name, typ := "", ""
			for _, tag := range SplitTags(row[c]) {
				k := strings.ToLower(tag)
				switch {
				case strings.HasPrefix(k, "partner:"):
					name = strings.TrimSpace(tag[len("partner:"):])
				case strings.HasPrefix(k, "partner type:"):
					typ = strings.TrimSpace(k[len("partner type:"):])
				}
			}
			if name != "" {
				if _, seen := partners[strings.ToLower(name)]; !seen {
					partners[strings.ToLower(name)] = name
				}
				if typ != "" {
					types[strings.ToLower(name)] = typ
				}
			}
		}
	}
	for s := range statuses {
		sc.Statuses = append(sc.Statuses, s)
	}
	sort.Strings(sc.Statuses)
	sc.PartnerType = map[string]string{}
	for k, n := range partners {
		sc.PartnerTags = append(sc.PartnerTags, n)
		if t := types[k]; t != "" {
			sc.PartnerType[n] = t
		}
	}
	sort.Strings(sc.PartnerTags)
	for _, v := range values {
		sc.PartnerValues = append(sc.PartnerValues, v)
	}
	sort.Strings(sc.PartnerValues)
	for c := range currencies {
		sc.Currencies = append(sc.Currencies, c)
	}
	// Most rows first; the code breaks ties so init prints the same file every time.
	sort.Slice(sc.Currencies, func(i, j int) bool {
		a, b := sc.Currencies[i], sc.Currencies[j]
		if currencies[a] != currencies[b] {
			return currencies[a] > currencies[b]
		}
		return a < b
	})
	if sc.FirstMonth.IsZero() {
		sc.FirstMonth = civil.NewMonth(2026, 1)
		sc.LastMonth = sc.FirstMonth
	}
	return sc, nil
}
