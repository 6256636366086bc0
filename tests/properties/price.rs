//! 4 monotone in price, proportional for price-based rules.

use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::gen::{arb_case, assess, Case};

/// How a policy's credit depends on the plan's prices.
enum PriceDependence {
    /// The credit is a price times a factor: scaling prices by k scales it by k, up to rounding.
    Proportional,
    /// Proportional, except that credits at or below a minimum payout are not paid (AWS).
    ProportionalAboveMinimum,
    /// Greater of a fixed sum and a share of the price (TKG): monotone, not proportional.
    Monotone,
    /// Fixed sums whatever the price (Ofcom, AGCOM, Ofgem, PSL §73, CSG, Victoria).
    Independent,
}

fn dependence(id: &str) -> PriceDependence {
    match id {
        "uk-ofcom-auto-comp" | "it-agcom-347-18" | "us-ny-psl-73" | "uk-ofgem-gsop" | "au-csg"
        | "au-vic-gsl" => PriceDependence::Independent,
        "de-tkg-58" => PriceDependence::Monotone,
        "aws-ec2-region" => PriceDependence::ProportionalAboveMinimum,
        _ => PriceDependence::Proportional,
    }
}

fn scaled(case: &Case, k: Decimal) -> Case {
    let mut out = case.clone();
    for s in &mut out.claim.plan.services {
        s.monthly_price *= k;
    }
    out
}

proptest! {
    /// 4. A higher price never lowers the credit.
    #[test]
    fn a_higher_price_never_lowers_the_credit(case in arb_case(), which in 0usize..8, extra in 1i64..100_000) {
        let before = assess(&case);
        let mut dearer = case.clone();
        let n = dearer.claim.plan.services.len();
        dearer.claim.plan.services[which % n].monthly_price += Decimal::new(extra, 2);
        let after = assess(&dearer);
        prop_assert!(after.total >= before.total, "{}: {} → {}", case.policy.id, before.total, after.total);
    }

    /// 4. Scaling every price by k scales the credit by k, up to rounding (each line is
    /// rounded once, so each may differ by half a minor unit on either side).
    #[test]
    fn scaling_prices_scales_the_credit(case in arb_case(), k in 2i64..=10) {
        let k = Decimal::from(k);
        let base = assess(&case);
        let big = assess(&scaled(&case, k));
        let half_unit = Decimal::new(5, case.claim.plan.currency.minor_units() + 1);
        let lines = Decimal::from(base.lines.len().max(big.lines.len()).max(1));
        let tolerance = half_unit * (k + Decimal::ONE) * lines;
        let gap = (big.total - base.total * k).abs();
        match dependence(&case.policy.id) {
            PriceDependence::Proportional => {
                prop_assert!(gap <= tolerance, "{}: {} × {k} vs {}", case.policy.id, base.total, big.total);
            }
            PriceDependence::ProportionalAboveMinimum => {
                prop_assert!(big.total >= base.total);
                let paid = |c: &redress::Claim| c.lines.iter().all(|l| l.adjustments.is_empty());
                if paid(&base) && paid(&big) {
                    prop_assert!(gap <= tolerance, "{}: {} × {k} vs {}", case.policy.id, base.total, big.total);
                }
            }
            PriceDependence::Monotone => prop_assert!(big.total >= base.total),
            PriceDependence::Independent => prop_assert_eq!(big.total, base.total, "{}", case.policy.id),
        }
    }
}
