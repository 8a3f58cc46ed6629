package terms

import "strings"

// DealColumns are the logical deal columns a mapping may name.
var DealColumns = []string{"id", "name", "client", "stage", "status", "value", "created", "closed", "tags", "partner", "first_touch", "currency"}

// RequiredDealColumns must be found in every deals export.
var RequiredDealColumns = []string{"id", "client", "status", "value", "created", "closed"}

// PaymentColumns are the logical payment columns.
var PaymentColumns = []string{"deal", "client", "date", "amount", "currency", "id"}

// Layout is one export layout of a CRM: the headers it writes for each logical column
// (the first one the file has wins) and what else a reader must know about it.
type Layout struct {
	Preset string
	Name   string              // "report export", "data export"; "" when a CRM has one layout
	Detect []string            // headers that all must be present to pick this layout (nil: the fallback)
	Heads  map[string][]string // logical column -> headers in order of preference
	// Missing explains, per logical column, why an export lacks it and what to do.
	Missing map[string]string
	// WonFlag, ClosedFlag and DeletedFlag are true/false columns (Salesforce's IsWon,
	// IsClosed, IsDeleted): when present they decide won and lost over the status words,
	// and deleted rows are skipped.
	WonFlag, ClosedFlag, DeletedFlag string
	// Dates is the pattern (as date_format accepts it) of dates stored as text when the
	// program sets none; the reader warns once when a value could be read either way.
	Dates string
}

// preset is a CRM: its layouts, most specific first, and its status words.
type preset struct {
	layouts   []Layout
	won, lost []string
	proposal  []string
	// closedIsUpdate: the closed column is the time of the deal's last update, which
	// any edit moves (see domain.DealsInput.ClosedIsUpdate).
	closedIsUpdate bool
}

func one(m map[string]string) map[string][]string {
	out := map[string][]string{}
	for k, v := range m {
		if v != "" {
			out[k] = []string{v}
		}
	}
	return out
}

// Presets hold the headers each CRM writes (the currency column too: GoHighLevel's
// export has none, so its amounts are in the program currency) in its real exports (see the README), so
// most users only name the preset. Headers are matched without regard to case or
// surrounding blanks.
var presets = map[string]preset{
	"generic": {
		layouts: []Layout{{Heads: one(map[string]string{"id": "id", "name": "name", "client": "client", "stage": "stage",
			"status": "status", "value": "value", "created": "created", "closed": "closed", "tags": "tags", "currency": "currency"})}},
		won: []string{"won"}, lost: []string{"lost"},
	},
	// GoHighLevel opportunities: no closed date, "Updated on" stands for it. Only the long
	// export has "Opportunity ID"; the short one has no stable id at all.
	"gohighlevel": {
		layouts: []Layout{{
			Heads: one(map[string]string{"id": "Opportunity ID", "name": "Opportunity name", "client": "Contact Name",
				"stage": "stage", "status": "status", "value": "Lead Value", "created": "Created on",
				"closed": "Updated on", "tags": "tags", "first_touch": "source"}),
			Missing: map[string]string{"id": "this is GoHighLevel's short opportunities export, which has no stable deal id: " +
				"export again with all columns (the long export has \"Opportunity ID\"), or set [input.deals.columns] id to a column that never changes"},
		}},
		won: []string{"won"}, lost: []string{"lost", "abandoned"}, closedIsUpdate: true,
	},
	// HubSpot deals: the stage carries won/lost, with labels per pipeline. The default
	// "all deals" export has no company column: the deal name stands for the client.
	"hubspot": {
		layouts: []Layout{{
			Heads: map[string][]string{"id": {"Record ID"}, "name": {"Deal Name"},
				"client": {"Associated Company", "Associated Company (Primary)", "Deal Name"},
				"stage":  {"Deal Stage"}, "status": {"Deal Stage"}, "value": {"Amount"}, "created": {"Create Date"},
				"closed": {"Close Date"}, "partner": {"Partner"}, "currency": {"Currency"}},
		}},
		won:      []string{"Closed Won", "Closed: won"},
		lost:     []string{"Closed Lost", "Closed: lost", "Closed: abandoned"},
		proposal: []string{"Presentation Scheduled", "Decision Maker Bought-In", "Contract Sent"},
	},
	// Salesforce: the Data Export / Data Loader file (API names, IsWon/IsClosed flags,
	// deleted rows) or a report export (labels, footer rows the sheet reader skips).
	"salesforce": {
		layouts: []Layout{{
			Name:   "data export",
			Detect: []string{"Id", "StageName"},
			Heads: one(map[string]string{"id": "Id", "name": "Name", "client": "AccountId", "stage": "StageName",
				"status": "StageName", "value": "Amount", "created": "CreatedDate", "closed": "CloseDate",
				"partner": "Partner__c", "first_touch": "LeadSource", "currency": "CurrencyIsoCode"}),
			WonFlag: "IsWon", ClosedFlag: "IsClosed", DeletedFlag: "IsDeleted",
		}, {
			Name: "report export",
			Heads: one(map[string]string{"id": "Opportunity ID", "name": "Opportunity Name", "client": "Account Name",
				"stage": "Stage", "status": "Stage", "value": "Amount", "created": "Created Date",
				"closed": "Close Date", "partner": "Partner", "first_touch": "Lead Source", "currency": "Opportunity Currency"}),
			Missing: map[string]string{"id": "add the Opportunity ID column to the report before exporting it"},
			Dates:   "MM/DD/YYYY",
		}},
		won: []string{"Closed Won"}, lost: []string{"Closed Lost"},
		proposal: []string{"Proposal/Price Quote", "Negotiation/Review"},
	},
	// Pipedrive deals: headers differ by account age and spelling; custom fields come
	// as "Deal - <field>"; the id is there only when ticked in the export dialog.
	"pipedrive": {
		layouts: []Layout{{
			Heads: map[string][]string{"id": {"Deal - ID"}, "name": {"Deal - Title"},
				"client": {"Organisation - Name", "Organization - Name", "Deal - Organization", "Deal - Organisation", "Person - Name"},
				"stage":  {"Deal - Stage", "Deal - Stage (pipeline)"}, "status": {"Deal - Status"}, "value": {"Deal - Value"},
				"created": {"Deal - Deal created", "Deal - Deal created on"},
				"closed":  {"Deal - Won time", "Deal - Deal closed on"}, "tags": {"Deal - Label"},
				"partner": {"Deal - Partner"}, "first_touch": {"Deal - Lead Source", "Deal - Source"},
				"currency": {"Deal - Currency", "Deal - Currency of Value"}},
			Missing: map[string]string{"id": "tick the ID column (Deal - ID) in Pipedrive's export dialog and export again"},
		}},
		won: []string{"won"}, lost: []string{"lost"},
	},
}

// PresetNames lists the known presets.
func PresetNames() []string {
	return []string{"gohighlevel", "hubspot", "salesforce", "pipedrive", "generic"}
}

// PresetColumns is the column mapping of a preset's last (most common) layout, its
// preferred header per column (nil if the preset is unknown).
func PresetColumns(name string) map[string]string {
	p, ok := presets[name]
	if !ok {
		return nil
	}
	out := map[string]string{}
	for _, k := range DealColumns {
		out[k] = ""
	}
	for k, hs := range p.layouts[len(p.layouts)-1].Heads {
		out[k] = hs[0]
	}
	return out
}

// PresetLayout picks the layout of a preset that a header row is written in.
func PresetLayout(name string, headers []string) (Layout, bool) {
	p, ok := presets[name]
	if !ok {
		return Layout{}, false
	}
	have := map[string]bool{}
	for _, h := range headers {
		have[norm(h)] = true
	}
	for _, l := range p.layouts {
		all := true
		for _, h := range l.Detect {
			all = all && have[norm(h)]
		}
		if all {
			l.Preset = name
			return l, true
		}
	}
	l := p.layouts[len(p.layouts)-1]
	l.Preset = name
	return l, true
}

// PresetStatus is a preset's status words.
func PresetStatus(name string) (won, lost []string) {
	p := presets[name]
	return p.won, p.lost
}

// GuessPreset names the preset whose layout the header row matches best, and that layout.
func GuessPreset(headers []string) (string, Layout) {
	have := map[string]bool{}
	for _, h := range headers {
		have[norm(h)] = true
	}
	best, bestN := "generic", 0
	for _, name := range PresetNames() {
		l, _ := PresetLayout(name, headers)
		n := 0
		for _, hs := range l.Heads {
			for _, h := range hs {
				if have[norm(h)] {
					n++
					break
				}
			}
		}
		if n > bestN {
			best, bestN = name, n
		}
	}
	l, _ := PresetLayout(best, headers)
	return best, l
}

func norm(s string) string {
	return strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")))
}
