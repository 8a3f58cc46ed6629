// Package book names the sheets and columns of payouts.xlsx, the one layout that the
// workbook writer produces and the ledger reader reads back next month.
package book

import "strings"

// Sheet names.
const (
	PayoutsSheet = "Payouts"
	LinesSheet   = "Lines"
	SummarySheet = "Summary"
)

// Payouts columns, in order.
const (
	PayoutID     = "Payout ID"
	PartnerID    = "Partner ID"
	Partner      = "Partner"
	Email        = "Email"
	Period       = "Period"
	Currency     = "Currency"
	Opening      = "Opening"
	Earned       = "Earned"
	Clawbacks    = "Clawbacks"
	Charges      = "Charges"
	Amount       = "Amount"
	Status       = "Status"
	DueDate      = "Due date"
	PaidDate     = "Paid date"
	PaymentRef   = "Payment reference"
	LineID       = "Line ID"
	DealID       = "Deal ID"
	Client       = "Client"
	Rule         = "Rule"
	Basis        = "Basis"
	Rate         = "Rate"
	EventDate    = "Event date"
	EligibleDate = "Eligible date"
	Description  = "Description"
)

// PayoutColumns is the header of the Payouts sheet.
var PayoutColumns = []string{PayoutID, PartnerID, Partner, Email, Period, Currency, Opening, Earned,
	Clawbacks, Charges, Amount, Status, DueDate, PaidDate, PaymentRef}

// LineColumns is the header of the Lines sheet.
var LineColumns = []string{LineID, PayoutID, PartnerID, DealID, Client, Rule, Basis, Rate, Amount,
	EventDate, EligibleDate, Description}

// PayoutStatus is a payout's status, as the Status column writes it. A ledger line is
// issued under any status but StatusCarried.
type PayoutStatus string

// Payout statuses.
const (
	StatusDue        PayoutStatus = "Due"
	StatusPaid       PayoutStatus = "Paid"
	StatusReceivable PayoutStatus = "Receivable"
	StatusCarried    PayoutStatus = "Carried forward"
	StatusNil        PayoutStatus = "Nil"
)

// Statuses are the payout statuses, in the order summaries list them.
var Statuses = []PayoutStatus{StatusDue, StatusPaid, StatusReceivable, StatusCarried, StatusNil}

// ParseStatus reads a Status cell as finance may have retyped it: case and runs of
// blanks do not matter, so "carried  forward" still means carried, never issued.
func ParseStatus(s string) (PayoutStatus, bool) {
	norm := strings.Join(strings.Fields(s), " ")
	for _, st := range Statuses {
		if strings.EqualFold(norm, string(st)) {
			return st, true
		}
	}
	return PayoutStatus(s), false
}

// PayoutID is the ID of partner's payout for a period: PB-2026-10-acme.
func MakePayoutID(period, partner string) string { return "PB-" + period + "-" + partner }
