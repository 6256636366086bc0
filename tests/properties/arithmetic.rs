//! 1 nothing negative, 2 conservation, 10 caps and thresholds hold.

use proptest::prelude::*;
use redress::claim::Adjustment;
use rust_decimal::Decimal;

use crate::gen::{arb_case, assess, Case};

proptest! {
    /// 1. No line and no total below zero.
    #[test]
    fn nothing_is_negative(case in arb_case()) {
        let claim = assess(&case);
        prop_assert!(claim.total >= Decimal::ZERO, "{}: total {}", case.policy.id, claim.total);
        for line in &claim.lines {
            prop_assert!(line.amount >= Decimal::ZERO, "{}: line {}", case.policy.id, line.amount);
            prop_assert!(line.unrounded >= Decimal::ZERO, "{}: unrounded {}", case.policy.id, line.unrounded);
        }
    }

    /// 2. The lines add up to the total exactly, at the currency's minor units.
    #[test]
    fn lines_add_up_to_the_total(case in arb_case()) {
        let claim = assess(&case);
        let sum: Decimal = claim.lines.iter().map(|l| l.amount).sum();
        prop_assert_eq!(sum, claim.total);
        prop_assert_eq!(claim.total.scale(), claim.currency.minor_units());
        for line in &claim.lines {
            prop_assert_eq!(line.amount.scale(), claim.currency.minor_units());
        }
    }

    /// 2. A split bundle adds up to its price.
    #[test]
    fn a_split_bundle_adds_up_to_its_price(cents in 0i64..10_000_000, weights in proptest::collection::vec(1i64..1000, 1..6)) {
        let price = redress::Money::new(Decimal::new(cents, 2), redress::Currency::EUR);
        let kinds: Vec<(redress::ServiceKind, Decimal)> = weights
            .iter()
            .enumerate()
            .map(|(i, w)| (redress::ServiceKind::Other(format!("s{i}")), Decimal::from(*w)))
            .collect();
        let parts = redress::split_bundle(price, &kinds).unwrap();
        let sum: Decimal = parts.iter().map(|s| s.monthly_price).sum();
        prop_assert_eq!(sum, price.amount);
        prop_assert!(parts.iter().all(|s| s.monthly_price >= Decimal::ZERO));
    }

    /// 10. A capped line never exceeds its cap; a line below a minimum payout pays nothing.
    #[test]
    fn caps_and_minimums_hold_on_every_line(case in arb_case()) {
        let claim = assess(&case);
        for line in &claim.lines {
            for adjustment in &line.adjustments {
                match adjustment {
                    Adjustment::Capped { cap, .. } => prop_assert!(line.unrounded <= cap.amount()),
                    Adjustment::BelowMinimum { .. } => prop_assert!(line.amount.is_zero()),
                    _ => {}
                }
            }
        }
    }

    /// 10. Each policy's own caps and thresholds.
    #[test]
    fn policy_caps_and_thresholds_hold(case in arb_case()) {
        let claim = assess(&case);
        if let Err(broken) = policy_bounds(&case, &claim) {
            prop_assert!(false, "{}: {}", case.policy.id, broken);
        }
    }
}

fn hours(case: &Case) -> Vec<f64> {
    let as_of = case.claim.as_of;
    case.claim
        .outages
        .iter()
        .map(|o| {
            let end = o.end.or(as_of).unwrap_or(o.start);
            // Only compared against thresholds, never used as money.
            (crate::gen::at(&end) - crate::gen::at(&o.start)).num_seconds() as f64 / 3600.0
        })
        .collect()
}

/// The bounds each policy's text sets, checked on its claim. One arm per policy reads
/// better than guards folded into the match, so the lint that would fold them is off.
#[allow(clippy::collapsible_match)]
fn policy_bounds(case: &Case, claim: &redress::Claim) -> Result<(), String> {
    let total = claim.total;
    let price: Decimal = case
        .claim
        .plan
        .services
        .iter()
        .map(|s| s.monthly_price)
        .sum();
    let longest = hours(case).into_iter().fold(0.0, f64::max);
    let total_hours: f64 = hours(case).into_iter().sum();
    let outage_lines = || claim.lines.iter().filter(|l| !l.outages.is_empty());
    let outage_total: Decimal = outage_lines().map(|l| l.amount).sum();
    match case.policy.id.as_str() {
        "us-ny-psc-outage-credit" => {
            // Under 100 subscribers the rule does not apply.
            if case
                .claim
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
            let severe = |l: &&redress::CreditLine| {
                l.outages.iter().all(|&i| {
                    case.claim
                        .outages
                        .get(i)
                        .is_some_and(|o| o.cause == redress::Cause::SevereWeather)
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
                .filter(|l| matches!(l.basis, redress::claim::Basis::Escalating { .. }))
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
