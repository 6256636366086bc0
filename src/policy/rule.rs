//! The rule tree: leaves that price one item, and combinators over them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Amount, Condition, Escalating, PerUnit, ProRata, Tiers, UptimeTiers};

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
#[serde(rename_all = "kebab-case", tag = "type", deny_unknown_fields)]
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
}
