// Package pdf provides deterministic, UTF-8 capable building blocks (fonts, title block, summary box, paginated tables with repeating headers, vector charts, money formatting) for partner statements and owner reports rendered with maroto v2.
package pdf
