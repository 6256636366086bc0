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

/// The bounds each policy's text sets, checked on its claim. One arm per policy reads
/// better than guards folded into the match, so the lint that would fold them is off.
#[allow(clippy::collapsible_match)]
fn policy_bounds(id: &str, file: &ClaimFile, claim: &Claim) -> Result<(), String> {
    let total = claim.total;
    let price: Decimal = file.plan.services.iter().map(|s| s.monthly_price).sum();
    let longest = hours(file).into_iter().fold(0.0, f64::max);
    let total_hours: f64 = hours(file).into_iter().sum();
    let outage_lines = || claim.lines.iter().filter(|l| !l.outages.is_empty());
    let outage_total: Decimal = outage_lines().map(|l| l.amount).sum();
    match id {
        "us-ny-psc-outage-credit" => {
            // Under 100 subscribers the rule does not apply.
            if file
                .outages
                .iter()
                .all(|o| o.customers_affected.is_some_and(|n| n < 100))
                && !total.is_zero()
            {
                return Err(format!(
                    "paid {total} with every incident under 100 subscribers"
                ));
            }
        }
        "us-nj-cable" => {
            // Under 6 hours earns nothing.
            if total_hours < 6.0 && !total.is_zero() {
                return Err(format!("paid {total} for less than 6 hours out"));
            }
        }
        "pt-lei-16-2022" => {
            // Not more than 24 hours in all: nothing.
            if total_hours <= 24.0 && !total.is_zero() {
                return Err(format!("paid {total} for {total_hours} hours"));
            }
        }
        "us-ny-psl-73" => {
            // $25 for each complete 24 hours beyond 72: nothing below 96 hours.
            if longest < 96.0 && !outage_total.is_zero() {
                return Err(format!(
                    "paid {outage_total} with the longest outage {longest} h"
                ));
            }
        }
        "uk-ofgem-gsop" => {
            // Severe-weather payments are capped (£2,000 from Sept 2023, £700 before); the
            // normal-weather standard has no cap in the source. No restoration payment is owed
            // within the 12-hour standard (the multiple-interruptions payment is not one).
            let severe = |l: &&crate::CreditLine| {
                l.outages.iter().all(|&i| {
                    file.outages
                        .get(i)
                        .is_some_and(|o| o.cause == crate::Cause::SevereWeather)
                })
            };
            if let Some(line) = claim
                .lines
                .iter()
                .filter(severe)
                .find(|l| l.amount > Decimal::from(2000))
            {
                return Err(format!(
                    "a severe-weather line of {} exceeds £2,000",
                    line.amount
                ));
            }
            let restoration: Decimal = claim
                .lines
                .iter()
                .filter(|l| matches!(l.basis, crate::claim::Basis::Escalating { .. }))
                .map(|l| l.amount)
                .sum();
            if longest <= 12.0 && !restoration.is_zero() {
                return Err(format!(
                    "paid {restoration} for restoration within 12 hours"
                ));
            }
        }
        "aws-ec2-region" => {
            // Credits of USD 1 or less are not issued; no credit exceeds the month's charges.
            for line in claim.lines.iter().filter(|l| !l.amount.is_zero()) {
                if line.amount <= Decimal::ONE {
                    return Err(format!("issued {} (not more than USD 1)", line.amount));
                }
                if line.amount > price {
                    return Err(format!("credit {} exceeds charges {price}", line.amount));
                }
            }
        }
        "gcp-compute-multizone" | "azure-vm" => {
            for line in &claim.lines {
                if line.amount > price {
                    return Err(format!(
                        "credit {} exceeds the month's fee {price}",
                        line.amount
                    ));
                }
            }
        }
        "att-guarantee-2025" => {
            // Capped at the monthly rate; under 60 minutes earns nothing.
            for line in &claim.lines {
                if line.amount > price {
                    return Err(format!(
                        "credit {} exceeds the monthly rate {price}",
                        line.amount
                    ));
                }
            }
            if longest < 1.0 && !total.is_zero() {
                return Err(format!("paid {total} for under an hour"));
            }
        }
        _ => {}
    }
    Ok(())
}
