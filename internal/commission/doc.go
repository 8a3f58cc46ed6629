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
//     are payable now.
//  5. Payout: a partner's payable lines summed. Positive and at least minimum_payout:
//     Due; positive and below: Carried forward (the lines stay unissued and come back as
//     Opening next run); negative: Receivable; exactly zero: Nil.
//
// Invariants: a payout's Amount is the sum of its rounded lines, and equals
// Opening + Earned + Clawbacks + Charges; a line is payable in at most one payout ever,
// because issued lines are excluded and line IDs are stable.
package commission
