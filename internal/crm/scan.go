package crm

import (
	"sort"
	"strings"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/sheet"
)

// ScanResult is what a first look at an export finds, for a starter program file.
type ScanResult struct {
	Sheet       string
	Headers     []string
	Rows        int
	Statuses    []string // distinct values of a status-like column
	PartnerTags []string // names from "Partner: X" tags, sorted
	FirstMonth  civil.Month
	LastMonth   civil.Month
}

// Scan reads an export's headers, partner tags and status words.
func Scan(path, sheetName string) (*ScanResult, error) {
	t, err := sheet.Open(path, path, sheetName)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	sc := &ScanResult{Sheet: t.Sheet(), Headers: t.Headers()}
	statusCol, dateCol := -1, -1
	for i, h := range sc.Headers {
		k := sheet.Norm(h)
		switch {
		case statusCol < 0 && (k == "status" || strings.HasSuffix(k, "status") || k == "deal stage" || k == "stage"):
			statusCol = i
		case dateCol < 0 && strings.Contains(k, "creat"):
			dateCol = i
		}
	}
	tagCols := []int{}
	for i, h := range sc.Headers {
		k := sheet.Norm(h)
		if strings.Contains(k, "tag") || strings.Contains(k, "label") || k == "partner" {
			tagCols = append(tagCols, i)
		}
	}
	statuses := map[string]bool{}
	partners := map[string]string{}
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
		if dateCol >= 0 && dateCol < len(row) {
			if d, err := t.Date(strings.TrimSpace(row[dateCol]), ""); err == nil {
				m := civil.MonthOf(d)
				if sc.FirstMonth.IsZero() || m.Compare(sc.FirstMonth) < 0 {
					sc.FirstMonth = m
				}
				if m.Compare(sc.LastMonth) > 0 {
					sc.LastMonth = m
				}
			}
		}
		for _, c := range tagCols {
			if c >= len(row) {
				continue
			}
			for _, tag := range SplitTags(row[c]) {
				if k := strings.ToLower(tag); strings.HasPrefix(k, "partner:") {
					name := strings.TrimSpace(tag[len("partner:"):])
					if name != "" {
						partners[strings.ToLower(name)] = name
					}
				}
			}
		}
	}
	for s := range statuses {
		sc.Statuses = append(sc.Statuses, s)
	}
	sort.Strings(sc.Statuses)
	for _, n := range partners {
		sc.PartnerTags = append(sc.PartnerTags, n)
	}
	sort.Strings(sc.PartnerTags)
	if sc.FirstMonth.IsZero() {
		sc.FirstMonth = civil.Month{Year: 2026, Month: 1}
		sc.LastMonth = sc.FirstMonth
	}
	return sc, nil
}
