// Package commission turns the program, deals, payments and ledger into commission
// lines and one payout per partner for a period. It is pure: no I/O, no clock.
// It reads package domain's values and imports no reader (layers_test.go checks).
//
// The algorithm, in order:
//
//  1. Attribution: each deal belongs to the partner whose tag it carries or whom its
//     partner column names. Deals tagged with a campaign are its leads; lead ownership
//     (rotate over the parties in share order by created date then deal id, or the
//     first-touch column) decides which party owns each.
//  2. Terms: the partner's terms version in force on the won date governs every line
//     of that deal.
//  3. Lines: referral fee (percent or flat, capped), clawbacks on refunds inside the
//     clawback window, revenue share on payments inside the share window, wholesale
//     charges for resellers, and campaign cost shares. Each line is rounded once, to the
//     currency's minor units with the program's rounding mode, and gets an ID built from
//     partner, deal or campaign, rule and event date, never from a counter, so the same
//     event has the same ID in every run. A line records what happened (basis, rate,
//     dates and its rule's Facts), never words: package report words it.
//  4. State: a line eligible before program.start is history (never paid); one the
//     ledger issued is issued; one eligible after the period end is pending; the rest
//     are payable now. An issued line that computes to more or less than the ledger
//     issued and carried for it gets a correction of the difference; its corrections
//     carried forward come back as Opening under their own IDs.
//  5. Payout: a partner's payable lines summed. Positive and at least minimum_payout:
//     Due; positive and below: Carried forward (the lines stay unissued and come back as
//     Opening next run); negative: Receivable; exactly zero: Nil.
//
// Before all of it the ledger is read under the program's partner ids (rebase): a payout
// of a partner id listed in another partner's former_ids becomes that partner's, line
// IDs included; a payout of an id no partner has or had is an error.
//
// Invariants: a payout's Amount is the sum of its rounded lines, and equals
// Opening + Earned + Clawbacks + Charges; a line is payable in at most one payout ever,
// because issued lines are excluded and line IDs are stable. What keeps them stable:
//
//   - Partners: a line ID starts with the partner id, and a renamed partner's ledger
//     lines take its new id, so a rename never pays a line again.
//   - Payments: with payment ids, revenue-share and clawback lines are keyed by the
//     payment ("...:revenue-share:pay:<id>"), so a corrected date or amount changes the
//     amount of the issued line (a correction), never adds a line. Without ids they are
//     keyed by date; an issued line that vanishes while a line of the same stem
//     (partner, deal, rule) and amount appears on another date is a moved payment: the
//     new line is held Pending (Line.Moved) until a [[confirm]] names it, then paid with
//     a correction that reverses the issued line. Nothing is paid twice meanwhile.
//     Only a line of a date the payments export covers (the month of its earliest row
//     on) can have moved: one dated earlier is outside an export cut to recent months.
//   - Leads: a campaign lead with lines issued to a partner stays that partner's, so
//     an edited lead list never moves a paid lead to another partner.
//   - An issued line is never reversed silently: only a confirmed move reverses one;
//     any other vanished line is a warning.
package commission
