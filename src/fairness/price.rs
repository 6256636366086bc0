//! A higher price never lowers the credit; scaling prices scales a price-based credit.

use rust_decimal::Decimal;

use super::run::{Ctx, Miss, Trial, Verdict};
use crate::{Claim, ClaimFile};

/// How a policy's credit depends on the plan's prices.
enum PriceDependence {
    /// The credit is a price times a factor: scaling prices by k scales it by k, up to rounding.
    Proportional,
    /// Proportional, except that credits at or below a minimum payout are not paid (AWS).
    ProportionalAboveMinimum,
    /// Never lower at higher prices, and no more is known (TKG's "€5 or 10 %", and any
    /// policy not in the catalog).
    Monotone,
    /// Fixed sums whatever the price (Ofcom, AGCOM, Ofgem, PSL §73, CSG, Victoria).
    Independent,
}

/// The catalog's own policies, as their texts read; any other policy is only known to
/// have to be monotone.
fn dependence(ctx: &Ctx<'_>) -> PriceDependence {
    if !ctx.catalog_own {
        return PriceDependence::Monotone;
    }
    match ctx.policy.id.as_str() {
        "uk-ofcom-auto-comp" | "it-agcom-347-18" | "us-ny-psl-73" | "uk-ofgem-gsop" | "au-csg"
        | "au-vic-gsl" => PriceDependence::Independent,
        "de-tkg-58" => PriceDependence::Monotone,
        "aws-ec2-region" => PriceDependence::ProportionalAboveMinimum,
        _ => PriceDependence::Proportional,
    }
}

/// A higher price never lowers the credit.
pub(crate) fn higher_price(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let before = ctx.base(&trial.claim)?;
    let mut dearer = trial.claim.clone();
    let n = dearer.plan.services.len();
    let Some(service) = dearer.plan.services.get_mut(trial.knobs.pick % n.max(1)) else {
        return Err(Miss::Skip("needs a service"));
    };
    service.monthly_price += Decimal::new(trial.knobs.a + 1, 2);
    let kind = service.kind.clone();
    let after = ctx.changed(&dearer)?;
    if after.total < before.total {
        let message = format!(
            "{} before, {} with {kind} dearer (the changed claim)",
            before.total, after.total
        );
        return Err(Miss::against(&dearer, message));
    }
    Ok(())
}

fn scaled(file: &ClaimFile, k: Decimal) -> ClaimFile {
    let mut out = file.clone();
    for s in &mut out.plan.services {
        s.monthly_price *= k;
    }
    out
}

/// Scaling every price by k scales a proportional credit by k, up to rounding (each line
/// is rounded once, so each may differ by half a minor unit on either side); a fixed sum
/// does not move; any credit never falls.
pub(crate) fn scaled_prices(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let k = Decimal::from(trial.knobs.k);
    let base = ctx.base(&trial.claim)?;
    let bigger = scaled(&trial.claim, k);
    let big = ctx.changed(&bigger)?;
    let half_unit = Decimal::new(5, trial.claim.plan.currency.minor_units() + 1);
    let lines = Decimal::from(base.lines.len().max(big.lines.len()).max(1));
    let tolerance = half_unit * (k + Decimal::ONE) * lines;
    let gap = (big.total - base.total * k).abs();
    let proportional = gap <= tolerance;
    let paid = |c: &Claim| c.lines.iter().all(|l| l.adjustments.is_empty());
    let holds = match dependence(ctx) {
        PriceDependence::Proportional => proportional,
        PriceDependence::ProportionalAboveMinimum => {
            big.total >= base.total && (proportional || !(paid(&base) && paid(&big)))
        }
        PriceDependence::Monotone => big.total >= base.total,
        PriceDependence::Independent => big.total == base.total,
    };
    if !holds {
        let message = format!(
            "{} at the plan's prices, {} at {k} times them (the changed claim)",
            base.total, big.total
        );
        return Err(Miss::against(&bigger, message));
    }
    Ok(())
}
