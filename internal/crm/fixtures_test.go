package crm

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/ from the fixture generator")

// export is one CRM export written byte for byte as the CRM writes it.
type export struct {
	file     string
	bom      bool   // UTF-8 byte-order mark first
	quoteAll bool   // every value quoted, as Salesforce does
	eol      string // line ending
	rows     [][]string
	trailer  string // footer lines after the data, written as they are
}

func (e export) bytes() []byte {
	var b bytes.Buffer
	if e.bom {
		b.WriteString("\ufeff")
	}
	for _, row := range e.rows {
		for i, v := range row {
			if i > 0 {
				b.WriteByte(',')
			}
			if e.quoteAll || strings.ContainsAny(v, ",\"\r\n") {
				v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
			}
			b.WriteString(v)
		}
		b.WriteString(e.eol)
	}
	b.WriteString(e.trailer)
	return b.Bytes()
}

// Layout facts (headers, their order, BOM, quoting, timestamps, footers) follow what
// real exports show; the README's preset section lists them. The data is made up.
var hubspotAllDeals = export{file: "hubspot_all_deals.csv", bom: true, eol: "\n", rows: [][]string{
	{"Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal owner", "Amount", "Closed Lost Reason", "Last Modified Date", "Create Date", "Partner"},
	{"15489230021", "Initech - Site redesign", "Closed: won", "2026-10-02 11:48", "Dana Lee", "5000", "", "2026-10-02 11:50", "2026-09-01 09:15", "BrightPath Advisors"},
	{"15489230022", "Hooli - SEO retainer", "Closed Won", "2026-10-15 16:03", "Dana Lee", "1200.50", "", "2026-10-15 16:04", "2026-09-03 10:00", "brightpath"},
	{"15489230023", "Globex - Ads", "Closed: lost", "2026-10-05 08:30", "Sam Ortiz", "", "Budget cut, next year", "2026-10-05 08:31", "2026-09-04 12:12", "BrightPath Advisors"},
	{"15489230024", "Umbrella - CRM setup", "Closed: abandoned", "2026-10-06 09:00", "Sam Ortiz", "", "", "2026-10-06 09:00", "2026-09-05 14:40", ""},
	{"15489230025", "Stark - Audit", "Contract sent", "2026-11-30 00:00", "Dana Lee", "3000", "", "2026-10-20 17:20", "2026-10-01 08:00", "Northwind Partners"},
	{"15489230026", "Wayne - Data migration", "Closed: won", "2026-10-21 13:07", "Dana Lee", "2500", "", "2026-10-21 13:07", "2026-09-20 11:11", "Bright Path Advisors"},
}}

// An "all properties" export carries Associated Company twice.
var hubspotAllProperties = export{file: "hubspot_all_properties.csv", bom: true, eol: "\n", rows: [][]string{
	{"Record ID", "Deal Name", "Associated Company", "Deal Stage", "Close Date", "Deal owner", "Amount", "Pipeline", "Create Date", "Associated Company", "Partner"},
	{"15489230031", "Site redesign", "Initech", "Closed Won", "2026-10-02 11:48", "Dana Lee", "4000", "Sales Pipeline", "2026-09-01 09:15", "Initech Holdings", "Northwind Partners"},
	{"15489230032", "SEO", "Hooli", "Appointment Scheduled", "", "Dana Lee", "", "Sales Pipeline", "2026-09-03 10:00", "", ""},
}}

// Pipedrive, older non-US account: British spelling, "Deal closed on", ID ticked last.
var pipedriveGB = export{file: "pipedrive_deals_gb.csv", eol: "\n", rows: [][]string{
	{"Deal - Value", "Deal - Currency", "Deal - Lead Source", "Person - Name", "Deal - Title", "Deal - Owner", "Deal - Deal created", "Deal - Deal closed on", "Deal - Status", "Deal - Partner", "Deal - ID", "Organisation - Name"},
	{"7500", "GBP", "Partner", "Ann Lowe", "Initech deal", "Dana Lee", "2026-09-01 10:12:40", "2026-10-03 15:20:11", "Won", "BrightPath Advisors", "101", "Initech Ltd"},
	{"1800.75", "GBP", "Web", "Bob Hale", "Hooli deal", "Dana Lee", "2026-09-02 09:00:00", "2026-10-09 11:00:00", "Won", "Northwind Partners", "102", "Hooli plc"},
	{"900", "GBP", "Web", "Cy Dunn", "Globex deal", "Sam Ortiz", "2026-09-05 13:45:09", "2026-10-11 10:10:10", "Lost", "BrightPath Advisors", "103", "Globex"},
	{"2000", "GBP", "Partner", "Di Moss", "Stark deal", "Sam Ortiz", "2026-09-07 08:00:00", "", "Open", "BrightPath Advisors", "104", "Stark"},
}}

// Pipedrive, US account: "Organization - Name", "Won time", "Deal created on".
var pipedriveUS = export{file: "pipedrive_deals_us.csv", eol: "\n", rows: [][]string{
	{"Deal - ID", "Deal - Title", "Deal - Value", "Deal - Currency of Value", "Organization - Name", "Person - Name", "Deal - Stage (pipeline)", "Deal - Status", "Deal - Owner", "Deal - Deal created on", "Deal - Won time", "Deal - Lost time", "Deal - Label", "Deal - Partner"},
	{"201", "Initech deal", "4200", "USD", "Initech Inc.", "Ann Lowe", "Negotiations started (Sales)", "Won", "Dana Lee", "2026-09-01 10:12:40", "2026-10-03 15:20:11", "", "Hot", "brightpath"},
	{"202", "Hooli deal", "600", "USD", "Hooli", "Bob Hale", "Contact made (Sales)", "Lost", "Dana Lee", "2026-09-02 09:00:00", "", "2026-10-04 09:00:00", "", "brightpath"},
}}

// Pipedrive without the ID column: refused.
var pipedriveNoID = export{file: "pipedrive_deals_no_id.csv", eol: "\n", rows: [][]string{
	pipedriveGB.rows[0][:10],
	pipedriveGB.rows[1][:10],
}}

// Salesforce report export ("details only"): labels, every value quoted, US dates,
// and the footer rows after the data.
var salesforceReport = export{file: "salesforce_report.csv", quoteAll: true, eol: "\n", rows: [][]string{
	{"Opportunity Owner", "Account Name", "Opportunity Name", "Stage", "Fiscal Period", "Amount", "Probability (%)", "Close Date", "Created Date", "Lead Source", "Partner", "Opportunity ID"},
	{"Dana Lee", "Initech", "Initech - Platform", "Closed Won", "Q4-2026", "12,000.00", "100", "10/14/2026", "9/2/2026", "Partner Referral", "BrightPath Advisors", "0065g00000AbCdEAAV"},
	{"Dana Lee", "Hooli", "Hooli - Support", "Closed Won", "Q4-2026", "3,499.99", "100", "10/28/2026", "9/15/2026", "Partner Referral", "Northwind Partners", "0065g00000AbCdFAAV"},
	{"Sam Ortiz", "Globex", "Globex - Pilot", "Closed Lost", "Q4-2026", "800.00", "0", "10/5/2026", "9/20/2026", "Web", "BrightPath Advisors", "0065g00000AbCdGAAV"},
	{"Sam Ortiz", "Stark", "Stark - Rollout", "Proposal/Price Quote", "Q4-2026", "9,000.00", "75", "12/1/2026", "10/1/2026", "Partner Referral", "BrightPath Advisors", "0065g00000AbCdHAAV"},
}, trailer: "\n" + `"Grand Totals (4 records)","","","","","25,299.99","","","","","",""` + "\n\n" +
	`"Confidential Information - Do Not Distribute"` + "\n" +
	`"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."` + "\n"}

// Salesforce Data Export / Data Loader: API names, every value quoted, IsWon/IsClosed
// flags, deleted rows, a custom __c field. Stage names are the org's own.
var salesforceData = export{file: "salesforce_data_export.csv", quoteAll: true, eol: "\n", rows: [][]string{
	{"Id", "IsDeleted", "AccountId", "Name", "StageName", "Amount", "CloseDate", "IsClosed", "IsWon", "CurrencyIsoCode", "OwnerId", "CreatedDate", "LeadSource", "Partner__c"},
	{"0065g00000XyZaAAAR", "false", "0015g00000QwErTAAZ", "Initech - Platform", "Signed", "12000.0", "2026-10-14", "true", "true", "USD", "0055g00000AaAaAAAA", "2026-09-02T14:03:22.000Z", "Partner Referral", "BrightPath Advisors"},
	{"0065g00000XyZaBAAR", "false", "0015g00000QwErUAAZ", "Hooli - Support", "Closed Won", "3499.99", "2026-10-28", "true", "true", "USD", "0055g00000AaAaAAAA", "2026-09-15T09:00:00.000Z", "Partner Referral", "northwind"},
	{"0065g00000XyZaCAAR", "false", "0015g00000QwErVAAZ", "Globex - Pilot", "Closed Won", "800.0", "2026-10-05", "true", "false", "USD", "0055g00000AaAaBAAA", "2026-09-20T11:30:00.000Z", "Web", "BrightPath Advisors"},
	{"0065g00000XyZaDAAR", "true", "0015g00000QwErWAAZ", "Stark - Rollout", "Closed Won", "9000.0", "2026-10-01", "true", "true", "USD", "0055g00000AaAaBAAA", "2026-10-01T08:00:00.000Z", "Partner Referral", "BrightPath Advisors"},
	{"0065g00000XyZaEAAR", "false", "0015g00000QwErXAAZ", "Wayne - Trial", "Prospecting", "", "2026-12-15", "false", "false", "USD", "0055g00000AaAaBAAA", "2026-10-10T08:00:00.000Z", "Web", ""},
}}

var ghlHeadShort = []string{"Opportunity name", "Contact Name", "phone", "email", "pipeline", "stage", "Lead Value", "source", "assigned", "Created on", "Updated on", "lost reason ID", "lost reason name", "Followers", "Notes", "tags", "Engagement score", "status"}

// GoHighLevel long export: the short one plus the ids.
var ghlLong = export{file: "gohighlevel_long.csv", eol: "\n", rows: [][]string{
	append(append([]string{}, ghlHeadShort...), "Opportunity ID", "Contact ID", "Pipeline Stage ID", "Pipeline ID"),
	{"Initech site", "Ann Lowe", "+1 555 0101", "ann@initech.example", "Sales", "Closed", "6000", "partner", "Dana Lee", "2026-09-01T14:03:22.512Z", "2026-10-07T09:15:00.000Z", "", "", "", "", "partner: brightpath advisors, hot lead", "12", "won", "kQ3vX1", "c-101", "st-9", "pl-1"},
	{"Hooli ads", "Bob Hale", "+1 555 0102", "bob@hooli.example", "Sales", "Lost", "1500", "web", "Dana Lee", "2026-09-03T10:00:00.000Z", "2026-10-08T10:00:00.000Z", "lr-1", "Too expensive", "", "", "Partner: BrightPath Advisors", "3", "lost", "kQ3vX2", "c-102", "st-8", "pl-1"},
	{"Globex seo", "Cy Dunn", "+1 555 0103", "cy@globex.example", "Sales", "Closed", "2200", "partner", "Sam Ortiz", "2026-09-05T10:00:00.000Z", "2026-10-20T18:45:10.000Z", "", "", "", "", "Partner: Northwind Partners", "7", "won", "kQ3vX3", "c-103", "st-9", "pl-1"},
	{"Stark app", "Di Moss", "+1 555 0104", "di@stark.example", "Sales", "Ghosted", "900", "web", "Sam Ortiz", "2026-09-06T10:00:00.000Z", "2026-10-21T10:00:00.000Z", "", "", "", "", "Partner: Northwind Partners", "1", "abandoned", "kQ3vX4", "c-104", "st-7", "pl-1"},
}}

var ghlShort = export{file: "gohighlevel_short.csv", eol: "\n", rows: [][]string{
	ghlHeadShort,
	ghlLong.rows[1][:len(ghlHeadShort)],
}}

var fixtures = []export{hubspotAllDeals, hubspotAllProperties, pipedriveGB, pipedriveUS, pipedriveNoID, salesforceReport, salesforceData, ghlLong, ghlShort}

// TestFixturesAreGenerated checks that testdata holds exactly what the generator
// writes (run with -update to rewrite it after changing a layout).
func TestFixturesAreGenerated(t *testing.T) {
	for _, e := range fixtures {
		path := filepath.Join("testdata", e.file)
		if *update {
			if err := os.WriteFile(path, e.bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (run go test ./internal/crm -run TestFixturesAreGenerated -update)", e.file, err)
		}
		if !bytes.Equal(got, e.bytes()) {
			t.Errorf("%s differs from what the generator writes", e.file)
		}
	}
}
