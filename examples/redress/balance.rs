//! What is still owed once the credits already received (`[[credits_received]]`) are
//! counted: per claim, in the report and in the JSON (`redress::balance`). And how far a
//! provider's offer (a policy with `offer = true`) falls short of each rule that applies
//! (`redress::shortfall`).

use std::fmt::Write as _;

use redress::case::Received;
use redress::{Balance, Case, Claim, Shortfall};
use serde::Serialize;

/// One claim in the JSON: the claim's own fields and, when the file lists credits
/// received, its balance's (`received`, `still_owed`, `excess`, `credits_counted`).
#[derive(Serialize)]
pub struct ClaimJson<'a> {
    #[serde(flatten)]
    claim: &'a Claim,
    #[serde(flatten)]
    balance: Option<&'a Balance>,
    /// `true` for a provider's offer.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    offer: bool,
    /// For an offer: how far it falls short of each rule that applies.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    shortfalls: &'a [Shortfall],
}

/// The claims with their balances and, for offers, their shortfalls, for the JSON.
pub fn json<'a>(
    claims: &'a [Claim],
    balances: &'a [Option<Balance>],
    offers: &[String],
    shortfalls: &'a [Vec<Shortfall>],
) -> Vec<ClaimJson<'a>> {
    claims
        .iter()
        .enumerate()
        .map(|(i, claim)| ClaimJson {
            claim,
            balance: balances.get(i).and_then(Option::as_ref),
            offer: offers.contains(&claim.policy),
            shortfalls: shortfalls.get(i).map_or(&[], Vec::as_slice),
        })
        .collect()
}

/// For each claim that is an offer and applies, how far it falls short of each claim
/// that is not an offer, applies and pays in the same currency; empty for the others.
pub fn shortfalls(claims: &[Claim], offers: &[String]) -> redress::Result<Vec<Vec<Shortfall>>> {
    let is_offer = |c: &Claim| offers.contains(&c.policy);
    claims
        .iter()
        .map(|offer| {
            if !is_offer(offer) || !offer.applies() {
                return Ok(Vec::new());
            }
            claims
                .iter()
                .filter(|rule| !is_offer(rule) && rule.applies())
                .filter(|rule| rule.currency == offer.currency)
                .map(|rule| redress::shortfall(offer, rule))
                .collect()
        })
        .collect()
}

/// Under an offer's claim: "offered X; the rule that applies owes Y; shortfall Y − X",
/// one line for each rule, an excess said in words.
pub fn write_shortfalls(out: &mut String, claim: &Claim, shortfalls: &[Shortfall]) {
    let currency = claim.currency.code();
    for s in shortfalls {
        let text = if s.excess.is_zero() {
            format!(
                "Offered {} {currency}; the rule that applies ({}) owes {} {currency}; \
                 shortfall {} {currency}.",
                s.offered, s.policy, s.owed, s.shortfall
            )
        } else {
            format!(
                "Offered {} {currency}; the rule that applies ({}) owes {} {currency}; the \
                 offer gives {} {currency} more than the rule owes.",
                s.offered, s.policy, s.owed, s.excess
            )
        };
        crate::report::wrap(out, "  ", "  ", &text);
    }
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
