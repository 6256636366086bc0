//! More harm never lowers the credit; the same harm recorded twice, in pieces or in
//! overlapping reports changes nothing.
//!
//! Joining two outages into one is not "more harm" of the same outage: rules that count
//! per outage pay the joined outage by its own length (two 1-hour outages earn two
//! started 24-hour blocks in New York; one 3-hour outage, one block), and a rule that
//! counts interruptions (Victoria's) counts one where there were two. The harm
//! properties therefore lengthen, add and widen outages without joining them to others;
//! joined records are the no-double-counting properties' subject.

use chrono::{DateTime, Duration, FixedOffset};
use rust_decimal::Decimal;

use super::gen::at;
use super::run::{Ctx, Miss, Trial, Verdict};
use crate::claim::Basis;
use crate::policy::{Measure, Rule};
use crate::{Claim, ClaimFile};

/// Whether `[from, to]` touches an outage other than `skip` (ongoing ones end at `as_of`).
fn touches_another(
    file: &ClaimFile,
    skip: usize,
    from: DateTime<FixedOffset>,
    to: DateTime<FixedOffset>,
) -> bool {
    file.outages.iter().enumerate().any(|(j, o)| {
        let end = o.end.or(file.as_of).unwrap_or(o.start);
        j != skip && at(&o.start) <= to && from <= at(&end)
    })
}

/// Whether a rule counts interruptions (a threshold tier on the number of outages).
fn counts_interruptions(rule: &Rule) -> bool {
    match rule {
        Rule::Tiers(t) => matches!(t.measure, Measure::Count { .. }),
        Rule::MaxOf { rules } | Rule::SumOf { rules } => rules.iter().any(counts_interruptions),
        Rule::Cap { rule, .. } | Rule::MinimumPayout { rule, .. } => counts_interruptions(rule),
        Rule::When {
            then, otherwise, ..
        } => counts_interruptions(then) || otherwise.as_deref().is_some_and(counts_interruptions),
        _ => false,
    }
}

/// The part of a claim a harm property compares. A policy that counts interruptions
/// (Victoria's guaranteed service levels) can count one where a longer outage touches
/// the next, and its count tier can fall — such statutes count that way on purpose. For
/// such a policy the property checks its own bound instead: the hours tiers never fall.
fn harm_measure(ctx: &Ctx<'_>, claim: &Claim) -> Decimal {
    let counts = ctx
        .policy
        .versions
        .iter()
        .flat_map(|v| &v.provisions)
        .any(|p| counts_interruptions(&p.rule));
    if !counts {
        return claim.total;
    }
    claim
        .lines
        .iter()
        .filter(|l| {
            matches!(
                l.basis,
                Basis::Threshold {
                    measure: Measure::Hours,
                    ..
                }
            )
        })
        .map(|l| l.amount)
        .sum()
}

/// The outage a trial picks, or a skip when it has none.
fn picked(trial: &Trial) -> Result<usize, Miss> {
    match trial.claim.outages.len() {
        0 => Err(Miss::Skip("needs an outage")),
        n => Ok(trial.knobs.pick % n),
    }
}

/// Fails when the changed claim's measure is below the base's.
fn never_lower(ctx: &Ctx<'_>, base: &Claim, changed: &ClaimFile, what: &str) -> Verdict {
    let after = ctx.changed(changed)?;
    let (b, a) = (harm_measure(ctx, base), harm_measure(ctx, &after));
    if a < b {
        return Err(Miss::against(changed, format!("{b} before, {a} {what}")));
    }
    Ok(())
}

/// A longer outage never lowers the credit.
pub(crate) fn longer_outage(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let i = picked(trial)?;
    let extra = Duration::minutes(trial.knobs.minutes);
    let mut longer = trial.claim.clone();
    let outage = &mut longer.outages[i];
    if let Some(end) = outage.end.map(|t| at(&t)) {
        if touches_another(&trial.claim, i, end, end + extra) {
            return Err(Miss::Skip("the longer outage would join another"));
        }
        outage.end = Some((end + extra).into());
    } else if let Some(as_of) = longer.as_of.map(|t| at(&t)) {
        // An ongoing outage lasts longer when it is assessed later.
        longer.as_of = Some((as_of + extra).into());
    }
    let before = ctx.base(&trial.claim)?;
    let what = format!(
        "with outage {} {} minutes longer",
        i + 1,
        trial.knobs.minutes
    );
    never_lower(ctx, &before, &longer, &what)
}

/// An extra outage never lowers the credit: the claim without its last outage pays no
/// more than the claim with it. An extra interruption only raises a count, so here the
/// whole total is compared, for a policy that counts interruptions too.
pub(crate) fn extra_outage(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let file = &trial.claim;
    if file.outages.len() < 2 {
        return Err(Miss::Skip("needs two outages"));
    }
    let last = file.outages.len() - 1;
    let extra = &file.outages[last];
    let end = extra.end.or(file.as_of).unwrap_or(extra.start);
    if touches_another(file, last, at(&extra.start), at(&end)) {
        return Err(Miss::Skip("the extra outage touches another"));
    }
    let mut fewer = file.clone();
    fewer.outages.pop();
    let without = ctx.changed(&fewer)?;
    let with = ctx.base(file)?;
    let (w, wo) = (with.total, without.total);
    if w < wo {
        let message = format!("{wo} without the last outage (the changed claim), {w} with it");
        return Err(Miss::against(&fewer, message));
    }
    Ok(())
}

/// An extra affected service never lowers the credit.
pub(crate) fn extra_service(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let i = picked(trial)?;
    let outage = &trial.claim.outages[i];
    let end = outage.end.or(trial.claim.as_of).unwrap_or(outage.start);
    if touches_another(&trial.claim, i, at(&outage.start), at(&end)) {
        return Err(Miss::Skip("the outage touches another"));
    }
    let mut wider = trial.claim.clone();
    let missing = wider
        .plan
        .services
        .iter()
        .map(|s| s.kind.clone())
        .find(|k| !outage.services.contains(k));
    let Some(kind) = missing else {
        // Every service of the plan is out already (a plan of one service): no wider outage.
        return Ok(());
    };
    wider.outages[i].services.push(kind.clone());
    let before = ctx.base(&trial.claim)?;
    never_lower(ctx, &before, &wider, &format!("with {kind} out too"))
}

/// The claim's total against the changed claim's: they must be equal.
fn same_total(ctx: &Ctx<'_>, file: &ClaimFile, changed: &ClaimFile, what: &str) -> Verdict {
    let before = ctx.base(file)?;
    let after = ctx.changed(changed)?;
    if before.total != after.total {
        let message = format!("{} before, {} {what}", before.total, after.total);
        return Err(Miss::against(changed, message));
    }
    Ok(())
}

/// A duplicate outage record changes nothing.
pub(crate) fn duplicate_record(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let i = picked(trial)?;
    let mut doubled = trial.claim.clone();
    doubled.outages.push(trial.claim.outages[i].clone());
    same_total(
        ctx,
        &trial.claim,
        &doubled,
        &format!("with outage {} twice", i + 1),
    )
}

/// The claim with outage `i` recorded as `[start, to)` and `[from, end)`: the second keeps
/// the report only where it came at or after its start (a report cannot precede its
/// outage), and power that came back during the first is back when the second begins.
fn in_two(
    file: &ClaimFile,
    i: usize,
    to: DateTime<FixedOffset>,
    from: DateTime<FixedOffset>,
) -> ClaimFile {
    let outage = &file.outages[i];
    let mut first = outage.clone();
    first.end = Some(to.into());
    let mut second = outage.clone();
    second.start = from.into();
    second.reported = outage.reported.filter(|r| at(r) >= from);
    second.power_restored = outage.power_restored.map(|r| at(&r).max(from).into());
    let mut split = file.clone();
    split.outages[i] = first;
    split.outages.push(second);
    split
}

/// An outage split into two adjacent pieces changes nothing.
pub(crate) fn adjacent_pieces(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let i = picked(trial)?;
    let outage = &trial.claim.outages[i];
    let Some(end) = outage.end.map(|t| at(&t)) else {
        return Err(Miss::Skip("needs an outage that has ended"));
    };
    let start = at(&outage.start);
    let minutes = (end - start).num_minutes();
    if minutes < 2 {
        return Err(Miss::Skip("needs an outage of two minutes or more"));
    }
    let middle = start + Duration::minutes(1 + trial.knobs.a % (minutes - 1));
    let split = in_two(&trial.claim, i, middle, middle);
    same_total(
        ctx,
        &trial.claim,
        &split,
        &format!("with outage {} in two pieces", i + 1),
    )
}

/// Overlapping reports of one outage change nothing.
pub(crate) fn overlapping_reports(ctx: &Ctx<'_>, trial: &Trial) -> Verdict {
    let i = picked(trial)?;
    let outage = &trial.claim.outages[i];
    let Some(end) = outage.end.map(|t| at(&t)) else {
        return Err(Miss::Skip("needs an outage that has ended"));
    };
    let start = at(&outage.start);
    let minutes = (end - start).num_minutes();
    if minutes < 3 {
        return Err(Miss::Skip("needs an outage of three minutes or more"));
    }
    // Two records [start, m2) and [m1, end) with m1 < m2, both inside the outage.
    let m1 = start + Duration::minutes(1 + trial.knobs.a % (minutes / 2));
    let m2 = m1 + Duration::minutes(1 + trial.knobs.b % (end - m1).num_minutes().max(1));
    let split = in_two(&trial.claim, i, m2.min(end), m1);
    let what = format!("with outage {} in two overlapping reports", i + 1);
    same_total(ctx, &trial.claim, &split, &what)
}
