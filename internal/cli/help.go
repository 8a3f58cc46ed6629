package cli

import "strings"

// commandHelp is each command's usage with an example, printed by "partnerbook help CMD",
// "CMD --help" and "CMD -h". Flags are spelled as in the README.
var commandHelp = map[string]string{
	"run": `Usage: partnerbook run [-c partnerbook.toml] [--period 2026-10] [--out out] [--as-of 2026-10-31]
                       [--strict] [--all-warnings] [--quiet] [--templates DIR] [--echarts FILE]
                       [--shard i/n]

Computes the period and writes out/<period>/: the payout workbook, statements, the
dashboard and e-mails. All or nothing: with any error, nothing is written.

  -c FILE          the program file (default partnerbook.toml)
  --period YYYY-MM the month to run (default: period in [program])
  --out DIR        the output folder (default out)
  --as-of DATE     the run date for overdue checks (default: the period's last day)
  --strict         treat warnings as errors
  --all-warnings   print every warning (beyond 200, the first 50 and a count of the
                   rest by kind are printed)
  --quiet          print only the summary and problems
  --templates DIR  edited e-mail templates
  --echarts FILE   an echarts.min.js to inline instead of the built-in copy
  --shard i/n      write only the statements and e-mails of shard i of n (and the shared
                   files) into <out>/<period>.shard-i-of-n/, for partnerbook assemble

Example:
  partnerbook run -c partnerbook.toml --period 2026-10
`,
	"assemble": `Usage: partnerbook assemble [--period 2026-10] [--out out] [--quiet] SHARD_DIR...

Combines the folders of run --shard i/n into out/<period>/: the same files, byte for
byte, that one run writes. Refuses shards of other inputs, a missing or repeated shard,
or a partner in two shards; writes nothing then.

  --period YYYY-MM the period the shards must be of (default: theirs)
  --out DIR        the output folder (default out)
  --quiet          print only the summary and problems

Example:
  partnerbook assemble --period 2026-10 --out out shards/*/2026-10.shard-*-of-3
`,
	"ledger": `Usage: partnerbook ledger [-c partnerbook.toml] [--period 2026-10] [--out out] [--strict]

Reports the chain of ledger workbooks before the period: each month, its file, its
payouts (due, paid, unpaid, owed to us) and whether its seal holds; missing months and
files beside the ledger it did not read. Exit 1 when a run would refuse the ledger.

  -c FILE          the program file (default partnerbook.toml)
  --period YYYY-MM the month to run next (default: period in [program])
  --out DIR        the output folder of earlier runs (default out)
  --strict         treat warnings as errors

Example:
  partnerbook ledger -c partnerbook.toml --period 2026-11
`,
	"validate": `Usage: partnerbook validate [-c partnerbook.toml] [--period 2026-10] [--strict] [--all-warnings]

Checks every input and reports all problems with their file, sheet, row and column.
Writes nothing.

  -c FILE          the program file (default partnerbook.toml)
  --period YYYY-MM the month to check (default: period in [program])
  --strict         treat warnings as errors
  --all-warnings   print every warning (beyond 200, the first 50 and a count of the
                   rest by kind are printed)

Example:
  partnerbook validate -c partnerbook.toml --strict
`,
	"explain": `Usage: partnerbook explain [-c partnerbook.toml] --partner ID [--deal ID] [--period 2026-10]
                           [--all-warnings]

Shows how each amount of one partner (or one of its deals) was computed.

  -c FILE          the program file (default partnerbook.toml)
  --partner ID     the partner id (required)
  --deal ID        only this deal
  --period YYYY-MM the month (default: period in [program])
  --all-warnings   print every warning (beyond 200, the first 50 and a count of the
                   rest by kind are printed)

Example:
  partnerbook explain --partner brightpath --deal 15489230021
`,
	"init": `Usage: partnerbook init --deals FILE [--payments FILE] [--preset NAME] [--sheet NAME]

Prints a starter program file made from a real CRM export: the preset, the status
words found mapped to won and lost, start at the first day of the latest month,
and a partner for each partner tag or partner-column value. Fill in the terms, save
it beside the export, then run validate.

  --deals FILE     the CRM export (.xlsx or .csv)
  --payments FILE  client payments (without it, the program runs on deals alone)
  --preset NAME    ` + "gohighlevel, hubspot, salesforce, pipedrive or generic (default: guessed)" + `
  --sheet NAME     the sheet to read (default: the first)

Example:
  partnerbook init --deals hubspot-deals.csv > partnerbook.toml
`,
	"version": `Usage: partnerbook version

Prints the version.

Example:
  partnerbook version
`,
}

// wantsHelp reports whether a command's arguments ask for its usage.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch strings.TrimLeft(a, "-") {
		case "h", "help":
			if strings.HasPrefix(a, "-") {
				return true
			}
		}
	}
	return false
}
