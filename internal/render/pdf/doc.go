// Package pdf renders partner statements and the owner report with maroto v2: deterministic bytes, embedded UTF-8 fonts, one table engine that goes on over pages (table.go), vector charts. Money and rates are written by package money, like every other output.
package pdf
