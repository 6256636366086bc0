//! Nothing negative, lines adding up, caps and minimums, and the catalog's own caps and
//! thresholds.

use rust_decimal::Decimal;

use super::gen::at;
use super::run::{Ctx, Miss, Trial, Verdict};
use crate::claim::Adjustment;
use crate::{Claim, ClaimFile};

/// No line and no total below zero.
pub(crate) fn nothing_negative(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let claim = ctx.base(&trial.claim)?;
    if claim.total < Decimal::ZERO {
        return Err(Miss::broken(format!("total {}", claim.total)));
    }
    for line in &claim.lines {
        if line.amount < Decimal::ZERO || line.unrounded < Decimal::ZERO {
            return Err(Miss::broken(format!(
                "a line of {} (unrounded {})",
                line.amount, line.unrounded
            )));
        }
    }
    Ok(())
}

/// The lines add up to the total exactly, at the currency's minor units.
pub(crate) fn lines_add_up(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let claim = ctx.base(&trial.claim)?;
    let sum: Decimal = claim.lines.iter().map(|l| l.amount).sum();
    if sum != claim.total {
        return Err(Miss::broken(format!(
            "the lines add up to {sum}, the total is {}",
            claim.total
        )));
    }
    let places = claim.currency.minor_units();
    if let Some(odd) = std::iter::once(claim.total)
        .chain(claim.lines.iter().map(|l| l.amount))
        .find(|a| a.scale() != places)
    {
        return Err(Miss::broken(format!(
            "{odd} is not written to the currency's {places} places"
        )));
    }
    Ok(())
}

/// A capped line never exceeds its cap; a line below a minimum payout pays nothing.
pub(crate) fn caps_and_minimums(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let claim = ctx.base(&trial.claim)?;
    for line in &claim.lines {
        for adjustment in &line.adjustments {
            match adjustment {
                Adjustment::Capped { cap, .. } if line.unrounded > cap.amount() => {
                    return Err(Miss::broken(format!(
                        "a line of {} exceeds its cap of {}",
                        line.unrounded,
                        cap.amount()
                    )));
                }
                Adjustment::BelowMinimum { .. } if !line.amount.is_zero() => {
                    return Err(Miss::broken(format!(
                        "a line below its minimum payout pays {}",
                        line.amount
                    )));
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// The bounds a catalog policy's text sets (run only on the catalog's own policies).
pub(crate) fn catalog_bounds(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let claim = ctx.base(&trial.claim)?;
    policy_bounds(&ctx.policy.id, &trial.claim, &claim).map_err(Miss::broken)
}

fn hours(claim: &ClaimFile) -> Vec<f64> {
    let as_of = claim.as_of;
    claim
        .outages
        .iter()
        .map(|o| {
            let end = o.end.or(as_of).unwrap_or(o.start);
            // Only compared against thresholds, never used as money.
            (at(&end) - at(&o.start)).num_seconds() as f64 / 3600.0
        })
        .collect()
}

/// What the catalog's bounds look at, computed once for a claim.
struct Facts<'a> {
    file: &'a ClaimFile,
    claim: &'a Claim,
    total: Decimal,
    /// The plan's monthly charges, added up.
    price: Decimal,
    /// The longest outage, and all outages added up, in hours (compared against
    /// thresholds only, never used as money).
    longest: f64,
    total_hours: f64,
    /// What the lines for outages pay.
    outage_total: Decimal,
}

/// The bounds each catalog policy's text sets, checked on its claim.
fn policy_bounds(id: &str, file: &ClaimFile, claim: &Claim) -> Result<(), String> {
    let facts = Facts {
        file,
        claim,
        total: claim.total,
        price: file.plan.services.iter().map(|s| s.monthly_price).sum(),
        longest: hours(file).into_iter().fold(0.0, f64::max),
        total_hours: hours(file).into_iter().sum(),
        outage_total: claim
            .lines
            .iter()
            .filter(|l| !l.outages.is_empty())
            .map(|l| l.amount)
            .sum(),
    };
    let f = &facts;
    let (total, hours) = (f.total, f.total_hours);
    match id {
        // Under 100 subscribers the rule does not apply.
        "us-ny-psc-outage-credit" => {
            let small = |o: &crate::Outage| o.customers_affected.is_some_and(|n| n < 100);
            if f.file.outages.iter().all(small) && !total.is_zero() {
                return Err(format!(
                    "paid {total} with every incident under 100 subscribers"
                ));
            }
        }
        // Under 6 hours earns nothing.
        "us-nj-cable" if hours < 6.0 && !total.is_zero() => {
            return Err(format!("paid {total} for less than 6 hours out"));
        }
        // Not more than 24 hours in all: nothing.
        "pt-lei-16-2022" if hours <= 24.0 && !total.is_zero() => {
            return Err(format!("paid {total} for {hours} hours"));
        }
        // $25 for each complete 24 hours beyond 72: nothing below 96 hours.
        "us-ny-psl-73" if f.longest < 96.0 && !f.outage_total.is_zero() => {
            let (paid, longest) = (f.outage_total, f.longest);
            return Err(format!("paid {paid} with the longest outage {longest} h"));
        }
        "uk-ofgem-gsop" => return ofgem_bounds(f),
        // Credits of USD 1 or less are not issued; no credit exceeds the month's charges.
        "aws-ec2-region" => {
            for line in f.claim.lines.iter().filter(|l| !l.amount.is_zero()) {
                if line.amount <= Decimal::ONE {
                    return Err(format!("issued {} (not more than USD 1)", line.amount));
                }
            }
            return at_most_the_price(f, "the month's charges");
        }
        "gcp-compute-multizone" | "azure-vm" => return at_most_the_price(f, "the month's fee"),
        // Capped at the monthly rate; under 60 minutes earns nothing.
        "att-guarantee-2025" => {
            if f.longest < 1.0 && !total.is_zero() {
                return Err(format!("paid {total} for under an hour"));
            }
            return at_most_the_price(f, "the monthly rate");
        }
        _ => {}
    }
    Ok(())
}

/// No line above the plan's monthly charges.
fn at_most_the_price(f: &Facts<'_>, what: &str) -> Result<(), String> {
    match f.claim.lines.iter().find(|l| l.amount > f.price) {
        Some(line) => Err(format!("credit {} exceeds {what} {}", line.amount, f.price)),
        None => Ok(()),
    }
}

/// Ofgem: severe-weather payments are capped (£2,000 from Sept 2023, £700 before); the
/// normal-weather standard has no cap in the source. No restoration payment is owed
/// within the 12-hour standard (the multiple-interruptions payment is not one).
fn ofgem_bounds(f: &Facts<'_>) -> Result<(), String> {
    let severe = |l: &&crate::CreditLine| {
        l.outages.iter().all(|&i| {
            f.file
                .outages
                .get(i)
                .is_some_and(|o| o.cause == crate::Cause::SevereWeather)
        })
    };
    let cap = Decimal::from(2000);
    if let Some(line) = f.claim.lines.iter().filter(severe).find(|l| l.amount > cap) {
        return Err(format!(
            "a severe-weather line of {} exceeds £2,000",
            line.amount
        ));
    }
    let restoration: Decimal = f
        .claim
        .lines
        .iter()
        .filter(|l| matches!(l.basis, crate::claim::Basis::Escalating { .. }))
        .map(|l| l.amount)
        .sum();
    if f.longest <= 12.0 && !restoration.is_zero() {
        return Err(format!(
            "paid {restoration} for restoration within 12 hours"
        ));
    }
    Ok(())
}
