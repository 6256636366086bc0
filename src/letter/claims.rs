//! The letter's account of what is owed: each rule with its citation, its lines
//! and their arithmetic, its total and how it is to be paid.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::phrases::long_date;
use super::wrap::fill;
use crate::claim::{Adjustment, Claim};

/// One rule's section: the rule, its citation, the lines with arithmetic, the
/// total and how it is paid.
pub(super) fn write_claim(out: &mut String, claim: &Claim, today: NaiveDate) {
    fill(out, "Rule:   ", "        ", &rule_name(claim));
    if !claim.citation.trim().is_empty() {
        fill(out, "Source: ", "        ", claim.citation.trim());
    }
    let _ = writeln!(out);
    let mut number = 0;
    for line in claim.lines.iter() {
        if line.amount.is_zero() && line.adjustments.is_empty() {
            continue;
        }
        number += 1;
        let lead = format!("  {number}. ");
        let rest = " ".repeat(lead.chars().count());
        fill(out, &lead, &rest, &line.description.to_string());
        let basis = line.basis.to_string();
        let mut arithmetic = String::new();
        if line.unrounded == line.amount {
            // A fixed sum reads "31.19 GBP", not "31.19 = 31.19 GBP".
            if basis != line.amount.to_string() && basis != line.amount.normalize().to_string() {
                let _ = write!(arithmetic, "{basis} = ");
            }
            let _ = write!(arithmetic, "{}", line.amount);
        } else {
            let _ = write!(arithmetic, "{basis} = ");
            let _ = write!(arithmetic, "{}", line.unrounded.normalize());
            if line.adjustments.is_empty() {
                let _ = write!(arithmetic, ", rounded to {}", line.amount);
            }
        }
        let _ = write!(arithmetic, " {}", claim.currency);
        fill(out, &rest, &rest, &arithmetic);
        for adjustment in &line.adjustments {
            let text = match adjustment {
                Adjustment::Capped { before, cap } => format!(
                    "capped: {} brought down to the cap of {cap}, so {} {}",
                    before.normalize(),
                    line.amount,
                    claim.currency
                ),
                Adjustment::BelowMinimum { before, more_than } => format!(
                    "not paid: {} is not more than the minimum of {more_than}",
                    before.normalize()
                ),
            };
            fill(out, &rest, &rest, &text);
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "  Total: {} {}", claim.total, claim.currency);
    let _ = writeln!(out);

    let on_request = claim.on_request_total();
    let automatic_part = claim.total.checked_sub(on_request).unwrap_or_default();
    let amount = |value: Decimal| format!("{} {}", rescaled(value, claim), claim.currency);
    let mut how = String::new();
    if claim.automatic {
        let _ = write!(
            how,
            "This compensation is due automatically, without a request. Please confirm \
             that {} will be credited to my account, and on which bill.",
            amount(claim.total)
        );
    } else {
        if !automatic_part.is_zero() {
            let _ = write!(
                how,
                "Of this, {} is due automatically; please confirm it will be credited \
                 to my account. ",
                amount(automatic_part)
            );
        }
        let _ = write!(
            how,
            "I hereby claim {} under this rule.",
            if automatic_part.is_zero() {
                "this amount".to_owned()
            } else {
                format!("the remaining {}", amount(on_request))
            }
        );
        if let Some(deadline) = claim.earliest_deadline() {
            if deadline >= today {
                let _ = write!(
                    how,
                    " The rule requires claims by {}; this letter is sent within that time.",
                    long_date(deadline)
                );
            } else {
                let _ = write!(
                    how,
                    " I note that the rule's claim deadline was {}; I ask you to honour \
                     the claim nonetheless.",
                    long_date(deadline)
                );
            }
        }
    }
    fill(out, "", "", &how);
    let _ = writeln!(out);
}

fn rescaled(value: Decimal, claim: &Claim) -> Decimal {
    let mut value = value;
    value.rescale(claim.currency.minor_units());
    value
}

/// The claim's policy title, falling back to its id.
pub(super) fn rule_name(claim: &Claim) -> String {
    let title = claim.title.trim();
    if title.is_empty() || title == claim.policy {
        format!("the policy `{}`", claim.policy)
    } else {
        title.to_owned()
    }
}
