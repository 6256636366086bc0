//! Which of a case's facts a policy's program depends on, besides the outages, the
//! zone, the currency and the services: what a batch must tell accounts apart by
//! before it prices one by another's program.
//!
//! A service's optional facts (an `average_monthly_bill` given, a `deployment`) decide
//! branches too, but a batch's accounts carry neither, so every account of a shape has
//! the same (none) and the shape need not tell them apart.

use crate::policy::{Amount, ClaimDeadline, DayCount, Policy, ProRataBasis, Rule, Subject};

/// The facts a policy reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Reads {
    /// The billing day: it counts, prices or dates something by billing period.
    pub billing_cycle: bool,
    /// The region: it counts working days, whose holidays are the region's.
    pub region: bool,
}

/// What a policy reads.
pub(crate) fn reads(policy: &Policy) -> Reads {
    let mut reads = Reads::default();
    for provision in policy.versions.iter().flat_map(|v| &v.provisions) {
        reads.region |= provision.rule.uses_working_days();
        reads.billing_cycle |= matches!(provision.subject, Subject::BillingPeriods { .. })
            || matches!(
                provision.deadline,
                Some(ClaimDeadline::EndOfBillingCyclesAfter { .. })
            )
            || rule_reads_cycle(&provision.rule);
    }
    reads
}

fn rule_reads_cycle(rule: &Rule) -> bool {
    match rule {
        Rule::Fixed { amount } => amount_reads_cycle(amount),
        Rule::PerUnit(per_unit) => per_unit.bands.iter().any(|b| amount_reads_cycle(&b.rate)),
        Rule::ProRata(pro_rata) => pro_rata.basis == ProRataBasis::BillingPeriod,
        Rule::Escalating(e) => amount_reads_cycle(&e.base) || amount_reads_cycle(&e.step),
        Rule::UptimeTiers(_) => false,
        Rule::Tiers(tiers) => tiers.tiers.iter().any(|t| amount_reads_cycle(&t.amount)),
        Rule::MaxOf { rules } | Rule::SumOf { rules } => rules.iter().any(rule_reads_cycle),
        Rule::Cap { limit, rule } => amount_reads_cycle(limit) || rule_reads_cycle(rule),
        Rule::When {
            then, otherwise, ..
        } => rule_reads_cycle(then) || otherwise.as_deref().is_some_and(rule_reads_cycle),
        Rule::MinimumPayout { rule, .. } => rule_reads_cycle(rule),
    }
}

fn amount_reads_cycle(amount: &Amount) -> bool {
    match amount {
        Amount::DailyRate(count) => *count == DayCount::BillingPeriod,
        Amount::GreaterOf(options) => options.iter().any(amount_reads_cycle),
        Amount::Rounded { amount, .. } => amount_reads_cycle(amount),
        Amount::Fixed(_) | Amount::ShareOfMonthly(_) => false,
    }
}
