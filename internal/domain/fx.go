package domain

import (
	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/money"
)

// Rates are the exchange rates the program states in [fx.<CODE>]: for each currency
// code, the rate of each month (1 unit of the currency = rate × program currency).
type Rates map[string]map[civil.Month]money.FXRate

// Rate is the rate of currency in month m.
func (r Rates) Rate(currency string, m civil.Month) (money.FXRate, bool) {
	x, ok := r[currency][m]
	return x, ok
}

// Money is what a reader needs to bring an export's amounts into the program
// currency: the currency, its rounding and the program's exchange rates.
type Money struct {
	Currency string // program.currency; "" leaves amounts unconverted (and refuses other currencies)
	Policy   money.Policy
	Rates    Rates
	Source   string // the program file, for the message that asks for a missing rate
	// Until is the last day of the period being run. A row converted at a later date
	// whose month has no rate yet cannot be payable in this period: it is left out of
	// the run with a warning, not refused. Zero: every row needs its rate.
	Until civil.Date
}

// Conversion is how an amount written in another currency became the program
// currency: Original × Rate, rounded once with program.rounding.
type Conversion struct {
	Original money.Amount // as the export wrote it
	Currency string       // ISO 4217 code of Original
	Rate     money.FXRate // 1 Currency = Rate program currency
	Month    civil.Month  // the month whose rate was used
	Charge   civil.Date   // a refund converted at its charge's rate: the charge's date; zero otherwise
	// Paid is, for the part of a refund converted at the rate of the payment it gives
	// back (the deal's earliest payment not yet refunded), that payment's date.
	Paid civil.Date
	Pos  diag.Pos // the cell it came from
}
