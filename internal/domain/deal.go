package domain

import (
	"math"
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
	At         Place       // file, sheet and row
}

// Pos is the deal's file, sheet and row.
func (d *Deal) Pos() diag.Pos { return d.At.Pos() }

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
	At     Place       // file, sheet and row
}

// Pos is the payment's file, sheet and row.
func (p *Payment) Pos() diag.Pos { return p.At.Pos() }

// Place is where a deal or payment was read: a row of a sheet. The file and sheet are
// one value shared by every row read from that sheet, so a million rows do not each
// carry a full diag.Pos (72 bytes); Pos builds the position when a message needs it.
type Place struct {
	sheet *diag.Pos // file and sheet; nil when unknown
	row   int32     // 0: the row is in sheet itself
}

// Sheet is the shared part of the Places of a sheet's rows: pos without its row and
// column.
func Sheet(pos diag.Pos) *diag.Pos {
	pos.Row, pos.Column = 0, ""
	return &pos
}

// PlaceIn is row of sheet (from Sheet).
func PlaceIn(sheet *diag.Pos, row int) Place {
	if row <= 0 || row > math.MaxInt32 {
		return PlaceOf(diag.Pos{File: sheet.File, Sheet: sheet.Sheet, Line: sheet.Line, Col: sheet.Col, Row: row})
	}
	return Place{sheet: sheet, row: int32(row)}
}

// PlaceOf is pos as a Place of its own (for a row that shares no sheet).
func PlaceOf(pos diag.Pos) Place {
	if pos == (diag.Pos{}) {
		return Place{}
	}
	return Place{sheet: &pos}
}

// Pos is the full position.
func (p Place) Pos() diag.Pos {
	if p.sheet == nil {
		return diag.Pos{}
	}
	pos := *p.sheet
	if p.row > 0 {
		pos.Row = int(p.row)
	}
	return pos
}
