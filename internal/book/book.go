// Package book names the sheets and columns of payouts.xlsx, the one layout that the
// workbook writer produces and the ledger reader reads back next month.
package book

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

// Payout statuses. A ledger line is issued under any status but CarriedForward.
const (
	StatusDue        = "Due"
	StatusPaid       = "Paid"
	StatusReceivable = "Receivable"
	StatusCarried    = "Carried forward"
	StatusNil        = "Nil"
)

// PayoutID is the ID of partner's payout for a period: PB-2026-10-acme.
func MakePayoutID(period, partner string) string { return "PB-" + period + "-" + partner }
