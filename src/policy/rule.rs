//! The rule tree: leaves that price one item, and combinators over them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::eval::{Context, Draft, Item, Outcome};
use super::{Amount, Condition, Escalating, PerUnit, ProRata, Tiers, UptimeTiers};
use crate::claim::{Adjustment, Basis};
use crate::error::{Error, Result};

/// A rule: how one item (an outage, a period, an appointment…) is priced.
///
/// Leaves price; combinators choose, add, cap and gate. Every rule yields unrounded
/// lines with their working; rounding happens once, later, per line.
///
/// # Example
/// ```
/// use redress::policy::*;
/// use redress::Span;
/// // New Jersey: one day's credit for 6 hours or more; beyond 24 hours, a day's credit
/// // for each local day with more than 6 hours out; the greater of the two.
/// let day = Amount::DailyRate(DayCount::Fixed(30));
/// let nj = Rule::MaxOf { rules: vec![
///     Rule::When {
///         condition: Condition::DurationAtLeast(Span::hours(6)),
///         then: Box::new(Rule::PerUnit(PerUnit::new(UnitCount::PerIncident(1), day.clone()))),
///         otherwise: None,
///     },
///     Rule::When {
///         condition: Condition::DurationMoreThan(Span::hours(24)),
///         then: Box::new(Rule::PerUnit(PerUnit::new(UnitCount::LocalDaysMoreThan(Span::hours(6)), day))),
///         otherwise: None,
///     },
/// ]};
/// assert!(matches!(nj, Rule::MaxOf { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "type")]
#[non_exhaustive]
pub enum Rule {
    /// A fixed amount per item.
    Fixed {
        /// The amount.
        amount: Amount,
    },
    /// Units × rate.
    PerUnit(PerUnit),
    /// The price of the time out.
    ProRata(ProRata),
    /// A base once a standard is missed, plus steps.
    Escalating(Escalating),
    /// Cloud uptime tiers over a billing period.
    UptimeTiers(UptimeTiers),
    /// The highest threshold tier a period's measure passes.
    Tiers(Tiers),
    /// The rule whose total is greatest (the first on a tie).
    MaxOf {
        /// The candidates.
        rules: Vec<Rule>,
    },
    /// All the rules, added.
    SumOf {
        /// The parts.
        rules: Vec<Rule>,
    },
    /// The inner rule, capped at a limit per item.
    Cap {
        /// The most one item can earn.
        limit: Amount,
        /// The rule capped.
        rule: Box<Rule>,
    },
    /// One rule when a condition holds, another (or nothing) when it does not.
    When {
        /// The test.
        condition: Condition,
        /// Applied when it holds.
        then: Box<Rule>,
        /// Applied when it does not; nothing when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        otherwise: Option<Box<Rule>>,
    },
    /// The inner rule, paid only when its total is more than a minimum.
    MinimumPayout {
        /// Totals at or below this pay nothing.
        more_than: Decimal,
        /// The rule.
        rule: Box<Rule>,
    },
}

impl Rule {
    /// Whether any part of the rule counts working days (and so needs the region's holidays).
    ///
    /// # Example
    /// ```
    /// use redress::policy::*;
    /// let ofcom = Rule::PerUnit(PerUnit::new(UnitCount::Days(DayKind::Calendar), Amount::Fixed(1.into()))
    ///     .with_grace(Grace::WorkingDays(2)));
    /// assert!(ofcom.uses_working_days());
    /// assert!(!Rule::Fixed { amount: Amount::Fixed(1.into()) }.uses_working_days());
    /// ```
    pub fn uses_working_days(&self) -> bool {
        match self {
            Rule::PerUnit(p) => {
                matches!(p.grace, super::Grace::WorkingDays(_))
                    || matches!(p.count, super::UnitCount::Days(super::DayKind::Working))
            }
            Rule::ProRata(p) => matches!(p.grace, super::Grace::WorkingDays(_)),
            Rule::MaxOf { rules } | Rule::SumOf { rules } => {
                rules.iter().any(Rule::uses_working_days)
            }
            Rule::Cap { rule, .. } | Rule::MinimumPayout { rule, .. } => rule.uses_working_days(),
            Rule::When {
                then, otherwise, ..
            } => {
                then.uses_working_days()
                    || otherwise.as_ref().is_some_and(|r| r.uses_working_days())
            }
            Rule::Fixed { .. } | Rule::Escalating(_) | Rule::UptimeTiers(_) | Rule::Tiers(_) => {
                false
            }
        }
    }

    /// Prices one item.
    pub(crate) fn evaluate(&self, ctx: &Context<'_>, item: &Item<'_>) -> Result<Outcome> {
        match self {
            Rule::Fixed { amount } => {
                let figure = amount.figure(ctx, item)?;
                Ok(Outcome::from_draft(Draft::new(
                    figure.amount(),
                    Basis::Fixed { amount: figure },
                )))
            }
            Rule::PerUnit(rule) => rule.evaluate(ctx, item),
            Rule::ProRata(rule) => rule.evaluate(ctx, item),
            Rule::Escalating(rule) => rule.evaluate(ctx, item),
            Rule::UptimeTiers(rule) => rule.evaluate(ctx, item),
            Rule::Tiers(rule) => rule.evaluate(ctx, item),
            Rule::SumOf { rules } => {
                let mut all = Outcome::default();
                for rule in rules {
                    all.absorb(rule.evaluate(ctx, item)?);
                }
                Ok(all)
            }
            Rule::MaxOf { rules } => max_of(rules, ctx, item),
            Rule::Cap { limit, rule } => {
                let mut outcome = rule.evaluate(ctx, item)?;
                let cap = limit.figure(ctx, item)?;
                cap_drafts(&mut outcome.drafts, &cap)?;
                Ok(outcome)
            }
            Rule::When {
                condition,
                then,
                otherwise,
            } => {
                let verdict = condition.test(ctx, item, None)?;
                let mut outcome = if verdict.holds {
                    then.evaluate(ctx, item)?
                } else if let Some(otherwise) = otherwise {
                    otherwise.evaluate(ctx, item)?
                } else {
                    let mut none = Outcome::default();
                    ctx.note(&mut none.notes, || {
                        format!(
                            "{}: nothing is owed under this rule, which needs {}.",
                            item.label(ctx),
                            condition.describe()
                        )
                    });
                    none
                };
                if !verdict.assumptions.is_empty() {
                    outcome.notes.splice(0..0, verdict.assumptions);
                }
                Ok(outcome)
            }
            Rule::MinimumPayout { more_than, rule } => {
                let mut outcome = rule.evaluate(ctx, item)?;
                let total = outcome.total()?;
                if total <= *more_than && !outcome.drafts.is_empty() {
                    for draft in &mut outcome.drafts {
                        draft.adjustments.push(Adjustment::BelowMinimum {
                            before: draft.amount,
                            more_than: *more_than,
                        });
                        draft.amount = Decimal::ZERO;
                    }
                    ctx.note(&mut outcome.notes, || {
                        format!(
                            "{}: a credit of {} is not paid; only credits of more than {} are.",
                            item.label(ctx),
                            total.normalize(),
                            more_than
                        )
                    });
                }
                Ok(outcome)
            }
        }
    }
}

fn max_of(rules: &[Rule], ctx: &Context<'_>, item: &Item<'_>) -> Result<Outcome> {
    let mut best: Option<(Decimal, Outcome)> = None;
    let mut totals = Vec::with_capacity(rules.len());
    for rule in rules {
        let outcome = rule.evaluate(ctx, item)?;
        let total = outcome.total()?;
        totals.push(total);
        match &best {
            Some((best_total, _)) if total <= *best_total => {}
            _ => best = Some((total, outcome)),
        }
    }
    let Some((_, mut outcome)) = best else {
        return Err(ctx.invalid_rule("max-of needs at least one rule"));
    };
    if totals.len() > 1 {
        ctx.note(&mut outcome.notes, || {
            let listed: Vec<String> = totals
                .iter()
                .map(|t| t.round_dp(4).normalize().to_string())
                .collect();
            format!(
                "{}: the greater of {} is paid.",
                item.label(ctx),
                listed.join(" and ")
            )
        });
    }
    Ok(outcome)
}

/// Brings drafts down to a cap, taking from the last line first, so no line goes negative.
fn cap_drafts(drafts: &mut [Draft], cap: &crate::claim::Figure) -> Result<()> {
    let mut total = Decimal::ZERO;
    for d in drafts.iter() {
        total = total
            .checked_add(d.amount)
            .ok_or_else(|| Error::overflow("sum before cap"))?;
    }
    let limit = cap.amount();
    let mut excess = total - limit;
    if excess <= Decimal::ZERO {
        return Ok(());
    }
    for draft in drafts.iter_mut().rev() {
        if excess <= Decimal::ZERO {
            break;
        }
        let take = excess.min(draft.amount);
        draft.adjustments.push(Adjustment::Capped {
            before: draft.amount,
            cap: cap.clone(),
        });
        draft.amount -= take;
        excess -= take;
    }
    Ok(())
}
