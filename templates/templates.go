// Package templates holds the wording users may edit: the statement e-mail's subject
// and body (Go text/template). They are built into the binary; `partnerbook run
// --templates DIR` reads edited copies from DIR instead.
package templates

import "embed"

// FS holds the default templates.
//
//go:embed *.tmpl
var FS embed.FS
