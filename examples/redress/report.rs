//! The report a person reads: who and what, what happened, each policy's claim
//! with its arithmetic and how it is paid, and, with several policies, a
//! side-by-side table with the most generous marked.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use redress::diagnose::visible;
use redress::{Claim, ClaimFile};
use rust_decimal::Decimal;

use crate::claim_cmd::local_text;
use crate::input::AsOfSource;

/// The mark the comparison puts beside the most generous policy.
pub const MOST_GENEROUS: &str = "◀ most generous";

/// The claims' balances against the credits received (`crate::balance`).
pub struct Balanced<'a> {
    /// Each claim's balance, `None` when the file lists no credit received.
    pub balances: &'a [Option<redress::Balance>],
    /// The credits received.
    pub received: &'a [redress::case::Received],
    /// The ids of the policies that are a provider's offer.
    pub offers: &'a [String],
    /// For each offer's claim, how far it falls short of each rule.
    pub shortfalls: &'a [Vec<redress::Shortfall>],
}

/// Renders the report.
pub fn render(
    path: &Path,
    file: &ClaimFile,
    as_of: DateTime<FixedOffset>,
    source: AsOfSource,
    claims: &[Claim],
    balanced: &Balanced<'_>,
) -> String {
    let mut out = String::new();
    write_heading(&mut out, path, file, as_of, source);
    let incidents = redress::letter::describe_incidents(file, redress::letter::Voice::Report);
    if !incidents.is_empty() {
        let _ = writeln!(out, "What happened");
        for (i, incident) in incidents.iter().enumerate() {
            let lead = format!("  {}. ", i + 1);
            wrap(&mut out, &lead, &" ".repeat(lead.len()), incident);
        }
        let _ = writeln!(out);
    }

    if claims.is_empty() {
        let region = shown_region(file);
        wrap(
            &mut out,
            "",
            "",
            &format!(
                "No catalog policy covers region {region} for these services and dates, so \
                 redress finds nothing owed. {} `redress policies --region {region}` lists the \
                 policies for the region; `--policy ID` applies one by name.",
                covered_regions()
            ),
        );
        return out;
    }

    for (i, claim) in claims.iter().enumerate() {
        let _ = write!(out, "{claim}");
        if let Some(Some(balance)) = balanced.balances.get(i) {
            crate::balance::write(&mut out, claim, balance, balanced.received);
        }
        if let Some(shortfalls) = balanced.shortfalls.get(i) {
            crate::balance::write_shortfalls(&mut out, claim, shortfalls);
        }
        if claim.not_applicable.is_none() {
            wrap(&mut out, "  → ", "    ", &how_paid(claim));
        }
        let _ = writeln!(out);
    }

    if claims.len() > 1 {
        comparison(&mut out, claims, balanced.offers);
    }
    out
}

/// Who and what: the file, the customer, the plan and the instant assessed.
fn write_heading(
    out: &mut String,
    path: &Path,
    file: &ClaimFile,
    as_of: DateTime<FixedOffset>,
    source: AsOfSource,
) {
    let _ = writeln!(out, "Claim file: {}", path.display());
    if let Some(customer) = &file.customer {
        let mut who = Vec::new();
        if let Some(name) = &customer.name {
            who.push(name.clone());
        }
        if let Some(account) = &customer.account {
            who.push(format!("account {account}"));
        }
        let mut place = Vec::new();
        if customer.region.is_some() {
            place.push(shown_region(file));
        }
        place.push(customer.segment.to_string());
        let who = if who.is_empty() {
            "(no name or account given)".to_owned()
        } else {
            who.join(", ")
        };
        let _ = writeln!(out, "Customer:   {who} ({})", place.join(", "));
    }
    let plan = &file.plan;
    let mut plan_name = Vec::new();
    if let Some(provider) = &plan.provider {
        plan_name.push(provider.clone());
    }
    if let Some(name) = &plan.name {
        plan_name.push(name.clone());
    }
    let services: Vec<String> = plan
        .services
        .iter()
        .map(|s| format!("{} {}", s.kind, s.monthly_price))
        .collect();
    let _ = writeln!(
        out,
        "Plan:       {}{} {} a month, billed from day {}, {}",
        if plan_name.is_empty() {
            String::new()
        } else {
            format!("{}: ", plan_name.join(", "))
        },
        services.join(", "),
        plan.currency,
        plan.billing_day,
        plan.time_zone
    );
    let _ = writeln!(
        out,
        "As of:      {} ({})",
        local_text(as_of, file),
        source.text()
    );
    let _ = writeln!(out);
}

/// The customer's region as its code (upper case), or `?` when the file gives none.
pub fn shown_region(file: &ClaimFile) -> String {
    match file.region() {
        Some(region) => redress::region::canonical(region)
            .map_or_else(|_| visible(region).into_owned(), |code| code.into_owned()),
        None => "?".to_owned(),
    }
}

/// One sentence naming the regions that have a catalog policy, for a region that has
/// none.
pub fn covered_regions() -> String {
    format!(
        "The catalog has policies for {}, and providers' own terms that hold anywhere.",
        redress::catalog::regions().join(", ")
    )
}

/// One sentence: paid automatically, or to be requested (and by when), or nothing.
fn how_paid(claim: &Claim) -> String {
    if claim.not_for_customer.is_some() {
        return "Not owed to this customer: shown for comparison only, and left out of a letter."
            .to_owned();
    }
    if claim.total.is_zero() {
        return "Nothing owed under this policy (the notes say why).".to_owned();
    }
    let money = |d: Decimal| {
        let mut d = d;
        d.rescale(claim.currency.minor_units());
        format!("{d} {}", claim.currency)
    };
    if claim.automatic {
        return format!(
            "Paid automatically, without a request: check that {} appears on your bill.",
            money(claim.total)
        );
    }
    let on_request = claim.on_request_total();
    let automatic = claim.total.checked_sub(on_request).unwrap_or_default();
    let by = claim
        .earliest_deadline()
        .map(|d| format!(" by {d}"))
        .unwrap_or_default();
    if automatic.is_zero() {
        format!(
            "Must be requested{by}: `--letter` writes the request for {}.",
            money(on_request)
        )
    } else {
        format!(
            "{} is paid automatically; {} must be requested{by} (`--letter` writes the request).",
            money(automatic),
            money(on_request)
        )
    }
}

/// How a claim is paid, in a few words for the table.
fn payment_words(claim: &Claim) -> String {
    if claim.not_applicable.is_some() {
        "not applicable".to_owned()
    } else if claim.not_for_customer.is_some() {
        "not applicable (comparison only)".to_owned()
    } else if claim.total.is_zero() {
        "nothing owed".to_owned()
    } else if claim.automatic {
        "automatic".to_owned()
    } else {
        match claim.earliest_deadline() {
            Some(d) => format!("on request, by {d}"),
            None => "on request".to_owned(),
        }
    }
}

/// The side-by-side table: every policy's total and payment, the most generous of those
/// that apply marked; an offer is marked `(offer)` and never the most generous.
fn comparison(out: &mut String, claims: &[Claim], offers: &[String]) {
    let is_offer = |c: &Claim| offers.contains(&c.policy);
    let best = claims
        .iter()
        .filter(|c| c.applies() && !is_offer(c))
        .map(|c| c.total)
        .max()
        .unwrap_or(Decimal::ZERO);
    let rows: Vec<(String, String, String, bool)> = claims
        .iter()
        .map(|c| {
            (
                if is_offer(c) {
                    format!("{} (offer)", c.policy)
                } else {
                    c.policy.clone()
                },
                if c.not_applicable.is_some() {
                    "—".to_owned()
                } else {
                    format!("{} {}", c.total, c.currency)
                },
                payment_words(c),
                c.applies() && !is_offer(c) && !best.is_zero() && c.total == best,
            )
        })
        .collect();
    let width = |f: fn(&(String, String, String, bool)) -> &String, header: &str| {
        rows.iter()
            .map(|r| f(r).chars().count())
            .chain([header.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let (wp, wt, wh) = (
        width(|r| &r.0, "policy"),
        width(|r| &r.1, "total"),
        width(|r| &r.2, "payment"),
    );
    let _ = writeln!(out, "Side by side ({} policies)", claims.len());
    let header = format!("  {:<wp$}  {:>wt$}  {:<wh$}", "policy", "total", "payment");
    let _ = writeln!(out, "{}", header.trim_end());
    for (policy, total, how, generous) in &rows {
        let line = format!(
            "  {policy:<wp$}  {total:>wt$}  {how:<wh$}  {}",
            if *generous { MOST_GENEROUS } else { "" }
        );
        let _ = writeln!(out, "{}", line.trim_end());
    }
    if !claims.iter().any(Claim::applies) {
        let _ = writeln!(out, "  No policy named applies to this claim.");
    } else if best.is_zero() {
        let _ = writeln!(out, "  No policy owes anything for these incidents.");
    } else {
        let _ = writeln!(
            out,
            "  Totals are never added: where the rules cover the same loss, claim the most generous."
        );
    }
}

/// The width the report's prose is wrapped to (the claims' arithmetic is not wrapped).
const WIDTH: usize = 92;

/// Writes `text` wrapped at [`WIDTH`], the first line after `first`, the others after `rest`.
pub fn wrap(out: &mut String, first: &str, rest: &str, text: &str) {
    let mut line = String::from(first);
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.chars().count() + 1 + word.chars().count() > WIDTH {
            let _ = writeln!(out, "{}", line.trim_end());
            line = String::from(rest);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    if !empty {
        let _ = writeln!(out, "{}", line.trim_end());
    }
}
