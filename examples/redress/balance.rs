//! What is still owed once the credits already received (`[[credits_received]]`) are
//! counted: per claim, in the report and in the JSON (`redress::balance`).

use std::fmt::Write as _;

use redress::case::Received;
use redress::{Balance, Case, Claim};
use serde::Serialize;

/// One claim in the JSON: the claim's own fields and, when the file lists credits
/// received, its balance's (`received`, `still_owed`, `excess`, `credits_counted`).
#[derive(Serialize)]
pub struct ClaimJson<'a> {
    #[serde(flatten)]
    claim: &'a Claim,
    #[serde(flatten)]
    balance: Option<&'a Balance>,
}

/// The claims with their balances, for the JSON.
pub fn json<'a>(claims: &'a [Claim], balances: &'a [Option<Balance>]) -> Vec<ClaimJson<'a>> {
    claims
        .iter()
        .zip(balances)
        .map(|(claim, balance)| ClaimJson {
            claim,
            balance: balance.as_ref(),
        })
        .collect()
}

/// Each claim's balance when the case lists credits received, else `None` for each.
pub fn balances(claims: &[Claim], case: &Case) -> redress::Result<Vec<Option<Balance>>> {
    claims
        .iter()
        .map(|claim| {
            if case.received().is_empty() || !claim.applies() {
                Ok(None)
            } else {
                redress::balance(claim, case).map(Some)
            }
        })
        .collect()
}

/// A credit as a person reads it: `5.00 USD on 2024-10-10 (goodwill credit)`.
pub fn credit_text(credit: &Received, currency: &str) -> String {
    let mut text = format!("{} {currency} on {}", credit.amount, credit.date);
    if let Some(what) = credit.what_for.as_deref().filter(|w| !w.trim().is_empty()) {
        let _ = write!(text, " ({})", redress::diagnose::visible(what.trim()));
    }
    text
}

/// The claim's balance, under its lines: what counted, what is still owed, and any
/// excess in words.
pub fn write(out: &mut String, claim: &Claim, balance: &Balance, received: &[Received]) {
    let currency = claim.currency.code();
    if !balance.any_received() {
        let _ = writeln!(
            out,
            "  Received: nothing counts against this policy (each credit received names another)"
        );
        return;
    }
    for &i in &balance.credits_counted {
        if let Some(credit) = received.get(i) {
            let _ = writeln!(out, "  Received: {}", credit_text(credit, currency));
        }
    }
    let _ = writeln!(
        out,
        "  Owed {} {currency}, received {} {currency}, still owed {} {currency}",
        balance.owed, balance.received, balance.still_owed
    );
    if !balance.excess.is_zero() {
        crate::report::wrap(
            out,
            "  ",
            "  ",
            &format!(
                "Received {} {currency} more than this policy owes: nothing more is owed under \
                 it, and the excess is not set against another policy.",
                balance.excess
            ),
        );
    }
}
