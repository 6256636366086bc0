//! The letter's account of what is owed: each rule with its citation, its lines
//! and their arithmetic, its total and how it is to be paid.

use std::fmt::Write as _;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::phrases::long_date;
use super::wrap::{fill, paragraph};
use crate::balance::balance_of;
use crate::case::Received;
use crate::claim::{approx, Adjustment, Claim, CreditLine};
use crate::money::Currency;

/// What was already received against the claim, each credit with its date, amount and
/// purpose, and the balance asked for; `None` when no credit counts against it.
fn already_received(claim: &Claim, received: &[Received]) -> Option<String> {
    let balance = balance_of(claim, claim.currency, received).ok()?;
    if !balance.any_received() {
        return None;
    }
    let credits: Vec<String> = balance
        .credits_counted
        .iter()
        .filter_map(|&i| received.get(i))
        .map(|credit| {
            let mut text = format!(
                "{} {} on {}",
                credit.amount,
                claim.currency,
                long_date(credit.date)
            );
            if let Some(what) = credit.what_for.as_deref().map(str::trim) {
                if !what.is_empty() {
                    let _ = write!(text, " ({})", crate::visible::visible(what));
                }
            }
            text
        })
        .collect();
    let mut text = format!("I have already received {}.", credits.join("; "));
    if balance.excess.is_zero() {
        let _ = write!(
            text,
            " Under this rule, {} {} is therefore still owed to me, and I ask for it.",
            balance.still_owed, claim.currency
        );
    } else {
        let _ = write!(
            text,
            " That is {} {} more than this rule owes, so I ask for nothing more under it.",
            balance.excess, claim.currency
        );
    }
    Some(text)
}

/// "What I am owed": every claim that applies to the customer with something owed,
/// set out rule by rule. With several, the larger is asked for (never the sum); with
/// none, the provider is asked what credit it will apply. A claim that does not apply
/// ([`Claim::applies`]) is never cited.
pub(super) fn write_owed(
    out: &mut String,
    claims: &[Claim],
    received: &[Received],
    today: NaiveDate,
) {
    let applying: Vec<&Claim> = claims.iter().filter(|c| c.applies()).collect();
    let owed: Vec<&Claim> = applying
        .iter()
        .copied()
        .filter(|c| !c.total.is_zero())
        .collect();
    let _ = writeln!(out, "What I am owed");
    let _ = writeln!(out);
    if owed.is_empty() {
        paragraph(out, &nothing_owed(&applying));
    }
    for claim in &owed {
        write_claim(out, claim, today);
        if !received.is_empty() {
            if let Some(text) = already_received(claim, received) {
                paragraph(out, &text);
            }
        }
    }
    if owed.len() > 1 {
        if let Some(best) = owed.iter().max_by_key(|c| c.total) {
            paragraph(
                out,
                &format!(
                    "These amounts are worked out under separate rules. Where they \
                     compensate the same loss, I ask for the larger: {} {} under {}.",
                    best.total,
                    best.currency,
                    rule_name(best)
                ),
            );
        }
    }
}

/// The paragraph for when no rule owes anything: the rules checked, and a request
/// for the credit the provider will apply all the same.
fn nothing_owed(claims: &[&Claim]) -> String {
    let rules: Vec<String> = claims.iter().map(|c| rule_name(c)).collect();
    let checked = if rules.is_empty() {
        "The rules I have checked set no fixed amount for these failures.".to_owned()
    } else {
        format!(
            "The rules I have checked ({}) set no fixed amount for these failures.",
            rules.join("; ")
        )
    };
    format!(
        "{checked} I nevertheless ask you to tell me what credit you will apply \
         to my account for the time I was without the service I pay for."
    )
}

/// One rule's section: the rule, its citation, the lines with arithmetic, the
/// total and how it is paid.
fn write_claim(out: &mut String, claim: &Claim, today: NaiveDate) {
    fill(out, "Rule:   ", "        ", &rule_name(claim));
    if !claim.citation.trim().is_empty() {
        fill(out, "Source: ", "        ", claim.citation.trim());
    }
    let _ = writeln!(out);
    write_lines(out, claim);
    let _ = writeln!(out);
    let _ = writeln!(out, "  Total: {} {}", claim.total, claim.currency);
    let _ = writeln!(out);
    paragraph(out, &how_paid(claim, today));
}

/// The claim's lines that pay something or were adjusted, numbered, each with its
/// arithmetic and adjustments beneath it.
fn write_lines(out: &mut String, claim: &Claim) {
    let mut number = 0;
    for line in claim.lines.iter() {
        if line.amount.is_zero() && line.adjustments.is_empty() {
            continue;
        }
        number += 1;
        let lead = format!("  {number}. ");
        let rest = " ".repeat(lead.chars().count());
        fill(out, &lead, &rest, &line.description.to_string());
        fill(out, &rest, &rest, &arithmetic(line, claim.currency));
        for adjustment in &line.adjustments {
            fill(
                out,
                &rest,
                &rest,
                &adjustment_text(adjustment, line, claim.currency),
            );
        }
    }
}

/// "3 started 24h blocks × 79.99 / 30 = 7.999, rounded to 8.00 USD"; a quotient that
/// never ends reads "1 day × 650.93 / 31 ≈ 21.00 USD"; a fixed sum reads "31.19 USD".
fn arithmetic(line: &CreditLine, currency: Currency) -> String {
    let basis = line.basis.to_string();
    let mut arithmetic = String::new();
    if line.unrounded == line.amount {
        // A fixed sum reads "31.19 GBP", not "31.19 = 31.19 GBP".
        if basis != line.amount.to_string() && basis != line.amount.normalize().to_string() {
            let _ = write!(arithmetic, "{basis} = ");
        }
        let _ = write!(arithmetic, "{}", line.amount);
    } else {
        let (unrounded, then_amount) =
            approx::unrounded(line.unrounded, line.amount, currency.minor_units());
        let _ = write!(arithmetic, "{basis} {unrounded}");
        if line.adjustments.is_empty() && then_amount {
            let _ = write!(arithmetic, ", rounded to {}", line.amount);
        }
    }
    let _ = write!(arithmetic, " {currency}");
    arithmetic
}

/// What a cap or a minimum payout did to a line.
fn adjustment_text(adjustment: &Adjustment, line: &CreditLine, currency: Currency) -> String {
    match adjustment {
        Adjustment::Capped { before, cap } => format!(
            "capped: {} brought down to the cap of {cap}, so {} {}",
            approx::figure(*before, currency.minor_units() + 2),
            line.amount,
            currency
        ),
        Adjustment::BelowMinimum { before, more_than } => format!(
            "not paid: {} is not more than the minimum of {more_than}",
            approx::figure(*before, currency.minor_units() + 2)
        ),
    }
}

/// How the claim is paid: confirmed if automatic, otherwise claimed by this letter
/// (an automatic part first confirmed), within the rule's deadline or after it.
fn how_paid(claim: &Claim, today: NaiveDate) -> String {
    let amount = |value: Decimal| format!("{} {}", rescaled(value, claim), claim.currency);
    if claim.automatic {
        return format!(
            "This compensation is due automatically, without a request. Please confirm \
             that {} will be credited to my account, and on which bill.",
            amount(claim.total)
        );
    }
    let on_request = claim.on_request_total();
    let automatic_part = claim.total.checked_sub(on_request).unwrap_or_default();
    let mut how = String::new();
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
        how.push_str(&deadline_sentence(deadline, today));
    }
    how
}

/// " The rule requires claims by …", or, past it, a request to honour the claim anyway.
fn deadline_sentence(deadline: NaiveDate, today: NaiveDate) -> String {
    if deadline >= today {
        format!(
            " The rule requires claims by {}; this letter is sent within that time.",
            long_date(deadline)
        )
    } else {
        format!(
            " I note that the rule's claim deadline was {}; I ask you to honour \
             the claim nonetheless.",
            long_date(deadline)
        )
    }
}

fn rescaled(value: Decimal, claim: &Claim) -> Decimal {
    let mut value = value;
    value.rescale(claim.currency.minor_units());
    value
}

/// The claim's policy title, falling back to its id.
fn rule_name(claim: &Claim) -> String {
    let title = claim.title.trim();
    if title.is_empty() || title == claim.policy {
        format!("the policy `{}`", claim.policy)
    } else {
        title.to_owned()
    }
}
