package domain

import (
	"strings"

	"github.com/partnerbook/partnerbook/internal/civil"
	"github.com/partnerbook/partnerbook/internal/diag"
	"github.com/partnerbook/partnerbook/internal/money"
)

// Deal is one row of the CRM export.
type Deal struct {
	ID         string
	Name       string
	Client     string
	Stage      string
	StatusText string // as the CRM wrote it
	Status     DealStatus
	Value      money.Amount
	Created    civil.Date
	Closed     civil.Date // won or lost date; zero while open
	Tags       []string
	Partner    string // the partner column, when mapped
	FirstTouch string
	FX         *Conversion // Value converted from another currency; nil when in the program currency
	Pos        diag.Pos    // file, sheet and row
}

// HasTag reports whether the deal carries tag (case-insensitive).
func (d *Deal) HasTag(tag string) bool {
	for _, t := range d.Tags {
		if strings.EqualFold(t, tag) {
			return true
		}
	}
	return false
}

// Payment is money received from a client (negative: a refund).
type Payment struct {
	ID     string // the payment system's id (Stripe's "id"), when mapped; unique when set
	Deal   string // deal id, when the sheet names it
	Client string // client name, when matched by client
	Date   civil.Date
	Amount money.Amount
	FX     *Conversion // Amount converted from another currency; nil when in the program currency
	Pos    diag.Pos
}
