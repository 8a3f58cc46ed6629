// Package domain holds plain values that readers fill and the core reads: the program
// with its partners, agreement versions and campaigns, the CRM's deals and client
// payments, and the ledger of payouts issued by earlier runs.
//
// It reads no file and imports no reader, so the money rules (package commission)
// depend on these values only, never on how a TOML file or a workbook is parsed.
// Words that an input may only spell one of a few ways (partner types and statuses,
// pay_on, settle, lead_owner) are typed values with the exact text of the input.
package domain
