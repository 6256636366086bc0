//! Order changes nothing; the same input gives the same claim; the figures-only path
//! gives the claim's figures.

use rust_decimal::Decimal;

use super::run::{Ctx, Miss, Trial, Verdict};
use crate::Claim;

fn figures(claim: &Claim) -> (Decimal, Vec<Decimal>) {
    let mut amounts: Vec<Decimal> = claim.lines.iter().map(|l| l.amount).collect();
    amounts.sort();
    (claim.total, amounts)
}

/// The order of outages, of services within them and in the plan changes no figure.
pub(crate) fn input_order(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let before = ctx.base(&trial.claim)?;
    let mut shuffled = trial.claim.clone();
    let n = shuffled.outages.len();
    if n > 0 {
        shuffled
            .outages
            .rotate_left((trial.knobs.seed as usize) % n);
    }
    shuffled.outages.reverse();
    for o in &mut shuffled.outages {
        o.services.reverse();
    }
    shuffled.plan.services.reverse();
    shuffled.appointments.reverse();
    shuffled.activations.reverse();
    let after = ctx.changed(&shuffled)?;
    if figures(&before) != figures(&after) {
        let message = format!(
            "{} in one order, {} in another (the changed claim)",
            before.total, after.total
        );
        return Err(Miss::against(&shuffled, message));
    }
    Ok(())
}

/// The order of policies assessed together changes no claim: the policy with each
/// catalog policy in turn (picked by the trial), either way round.
pub(crate) fn policy_order(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let others = &ctx.others;
    let Some(second) = others.get(trial.knobs.pick % others.len().max(1)) else {
        return Ok(());
    };
    let case = crate::Case::from_file(&trial.claim)
        .map_err(|e| Miss::broken(format!("the generated claim is refused: {e}")))?;
    let Ok(forward) = crate::assess_each(&case, &[ctx.policy, second]) else {
        // Either policy may refuse the claim (another currency): nothing to compare.
        return Err(Miss::Skip("the pair of policies cannot assess the claim"));
    };
    let backward = crate::assess_each(&case, &[second, ctx.policy])
        .map_err(|e| Miss::broken(format!("with {} first: {e}", second.id)))?;
    let same = forward.len() == 2
        && backward.len() == 2
        && forward.first() == backward.get(1)
        && forward.get(1) == backward.first();
    if !same {
        return Err(Miss::broken(format!(
            "assessed with {} the claims differ by the order of the two policies",
            second.id
        )));
    }
    Ok(())
}

/// The same input gives the same claim.
pub(crate) fn deterministic(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let first = ctx.assess(&trial.claim);
    let second = ctx.assess(&trial.claim);
    if first != second {
        return Err(Miss::broken("assessed twice, the claims differ"));
    }
    Ok(())
}

/// The figures-only path (`assess_totals`, a batch's) gives the claim's total and
/// automatic flag, or the same error.
pub(crate) fn totals_only(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let case = crate::Case::from_file(&trial.claim)
        .map_err(|e| Miss::broken(format!("the generated claim is refused: {e}")))?;
    let full = crate::assess(&case, ctx.policy).map(|claim| claim.totals());
    let totals = crate::assess_totals(&case, ctx.policy);
    if totals != full {
        return Err(Miss::broken(format!(
            "assess gives {full:?}, assess_totals {totals:?}"
        )));
    }
    Ok(())
}
