package terms

// DealColumns are the logical deal columns a mapping may name.
var DealColumns = []string{"id", "name", "client", "stage", "status", "value", "created", "closed", "tags", "partner", "first_touch", "currency"}

// RequiredDealColumns must be found in every deals export.
var RequiredDealColumns = []string{"id", "client", "status", "value", "created", "closed"}

// PaymentColumns are the logical payment columns.
var PaymentColumns = []string{"deal", "client", "date", "amount", "currency", "id"}

// preset is a CRM's export layout: logical column -> header, plus its status words.
type preset struct {
	columns   map[string]string
	won, lost []string
	proposal  []string
}

// Presets hold the headers each CRM writes in its standard export, so most users
// only name the preset. Headers are matched without regard to case or surrounding blanks.
var presets = map[string]preset{
	"generic": {
		columns: map[string]string{"id": "id", "name": "name", "client": "client", "stage": "stage",
			"status": "status", "value": "value", "created": "created", "closed": "closed",
			"tags": "tags", "partner": "", "first_touch": ""},
		won: []string{"won"}, lost: []string{"lost"},
	},
	// GoHighLevel opportunities export: no closed date, "Updated on" stands for it.
	"gohighlevel": {
		columns: map[string]string{"id": "Opportunity ID", "name": "Opportunity name", "client": "Contact Name",
			"stage": "stage", "status": "status", "value": "Lead Value", "created": "Created on",
			"closed": "Updated on", "tags": "tags", "partner": "", "first_touch": "source"},
		won: []string{"won"}, lost: []string{"lost", "abandoned"},
	},
	// HubSpot deals: the stage carries won/lost, multi-values are split by ";".
	"hubspot": {
		columns: map[string]string{"id": "Record ID", "name": "Deal Name", "client": "Associated Company",
			"stage": "Deal Stage", "status": "Deal Stage", "value": "Amount", "created": "Create Date",
			"closed": "Close Date", "tags": "", "partner": "Partner", "first_touch": ""},
		won: []string{"Closed Won"}, lost: []string{"Closed Lost"},
		proposal: []string{"Presentation Scheduled", "Decision Maker Bought-In", "Contract Sent"},
	},
	// Salesforce opportunity report: footer rows are skipped by the reader.
	"salesforce": {
		columns: map[string]string{"id": "Opportunity ID", "name": "Opportunity Name", "client": "Account Name",
			"stage": "Stage", "status": "Stage", "value": "Amount", "created": "Created Date",
			"closed": "Close Date", "tags": "", "partner": "Partner", "first_touch": "Lead Source"},
		won: []string{"Closed Won"}, lost: []string{"Closed Lost"},
		proposal: []string{"Proposal/Price Quote", "Negotiation/Review"},
	},
	"pipedrive": {
		columns: map[string]string{"id": "Deal - ID", "name": "Deal - Title", "client": "Deal - Organization",
			"stage": "Deal - Stage", "status": "Deal - Status", "value": "Deal - Value",
			"created": "Deal - Deal created", "closed": "Deal - Won time", "tags": "Deal - Label",
			"partner": "", "first_touch": "Deal - Source"},
		won: []string{"won"}, lost: []string{"lost"},
	},
}

// PresetNames lists the known presets.
func PresetNames() []string {
	return []string{"gohighlevel", "hubspot", "salesforce", "pipedrive", "generic"}
}

// PresetColumns is the column mapping of a preset (nil if unknown).
func PresetColumns(name string) map[string]string {
	p, ok := presets[name]
	if !ok {
		return nil
	}
	out := map[string]string{}
	for k, v := range p.columns {
		out[k] = v
	}
	out["currency"] = dealCurrency[name] // see fx.go
	return out
}
