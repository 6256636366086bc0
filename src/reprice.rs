//! Repricing: an assessment worked out once for a shape of account, then priced for
//! each account of that shape.
//!
//! After a mass outage most accounts differ only in their prices: the same area's
//! outages, zone and services. Under a policy that makes every choice (which lines,
//! how many units, whether a line is paid automatically) without looking at a price,
//! an assessment is a list of lines, each a formula of some monthly prices: so many
//! units at a daily rate of the internet's price, a fixed sum, the greater of €10 and
//! 20 % of the plan. [`repriceable`] says which policies those are; a [`Recording`]
//! keeps the lines of one assessment as a [`PriceProgram`], which prices them for
//! another account of the same shape with the same arithmetic, rounding and
//! settlement. Anything it cannot price the same way (an overflow, a rounded rate)
//! makes it answer `None`, and the caller assesses that account afresh.

use rust_decimal::Decimal;
use smallvec::SmallVec;

use crate::assess::Tally;
use crate::claim::{BandUse, Basis, Figure, Totals};
use crate::money::{Currency, Rounding};
use crate::plan::{KindSet, Service};
use crate::policy::amount::daily_rate_times;
use crate::policy::eval::Draft;
use crate::policy::{Amount, ClaimDeadline, Condition, DayCount, Payment, Policy, Rule, Subject};

/// What an assessment under a repriceable policy depends on besides the area's
/// outages, the zone, the currency and the service kinds (which every shape fixes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Needs {
    /// The billing day: the policy counts billing periods (items, daily rates or
    /// deadlines by period).
    pub billing_day: bool,
}

/// Whether every choice the policy makes is made without looking at a price, and if
/// so what else it needs to know.
///
/// A policy qualifies when its rules are fixed amounts and per-unit rates, gated by
/// conditions on the outage (not on the credit), and added up; and it counts neither
/// working days (whose holidays depend on the region) nor appointments or activations
/// (which a batch has none of). Rules that choose by amount (the greater of two
/// rules, a cap, a minimum payout) and leaves whose working does not keep every input
/// (pro rata, tiers, escalating sums) do not.
pub(crate) fn repriceable(policy: &Policy) -> Option<Needs> {
    let mut needs = Needs { billing_day: false };
    for version in &policy.versions {
        for provision in &version.provisions {
            match provision.subject {
                Subject::Appointments | Subject::Activations => return None,
                Subject::BillingPeriods { .. } => needs.billing_day = true,
                Subject::Outages { .. } | Subject::Years { .. } | Subject::Account { .. } => {}
            }
            if matches!(
                provision.deadline,
                Some(ClaimDeadline::EndOfBillingCyclesAfter { .. })
            ) {
                needs.billing_day = true;
            }
            if let Payment::AutomaticIf(condition) = &provision.payment {
                if !price_blind(condition) {
                    return None;
                }
            }
            if provision.rule.uses_working_days() || !rule_repriceable(&provision.rule, &mut needs)
            {
                return None;
            }
        }
    }
    Some(needs)
}

fn rule_repriceable(rule: &Rule, needs: &mut Needs) -> bool {
    match rule {
        Rule::Fixed { amount } => amount_repriceable(amount, needs),
        Rule::PerUnit(per_unit) => per_unit
            .bands
            .iter()
            .all(|band| amount_repriceable(&band.rate, needs)),
        Rule::When {
            condition,
            then,
            otherwise,
        } => {
            price_blind(condition)
                && rule_repriceable(then, needs)
                && otherwise
                    .as_deref()
                    .is_none_or(|rule| rule_repriceable(rule, needs))
        }
        Rule::SumOf { rules } => rules.iter().all(|rule| rule_repriceable(rule, needs)),
        _ => false,
    }
}

fn amount_repriceable(amount: &Amount, needs: &mut Needs) -> bool {
    match amount {
        Amount::Fixed(_) | Amount::ShareOfMonthly(_) => true,
        Amount::DailyRate(count) => {
            if *count == DayCount::BillingPeriod {
                needs.billing_day = true;
            }
            true
        }
        Amount::GreaterOf(options) => options.iter().all(|a| amount_repriceable(a, needs)),
        _ => false,
    }
}

/// Whether a condition holds or fails whatever the prices.
fn price_blind(condition: &Condition) -> bool {
    match condition {
        Condition::All(all) | Condition::Any(all) => all.iter().all(price_blind),
        Condition::Not(inner) => price_blind(inner),
        Condition::DurationAtLeast(_)
        | Condition::DurationMoreThan(_)
        | Condition::TimeAfterClockAtLeast { .. }
        | Condition::CustomersAffectedAtLeast { .. }
        | Condition::CauseIn(_)
        | Condition::Segment(_)
        | Condition::TimeInDailyWindowMoreThan { .. } => true,
        _ => false,
    }
}

/// How one line's unrounded amount follows from a monthly price.
///
/// A batch keeps one program per shape and reads one for nearly every account, in no
/// particular order: the common line (New York's blocks) is kept in a few bytes, so a
/// program sits inline in its map entry; the rest are boxed.
#[derive(Debug, Clone)]
enum Formula {
    /// Units of one daily rate: price × units / days.
    DailyRate { units: u64, days: u32 },
    /// A fixed rule's figure.
    Fixed(Box<Figure>),
    /// Units × rate, band by band.
    PerUnit(Box<[(u64, Figure)]>),
}

/// One line of a recorded assessment.
#[derive(Debug, Clone)]
struct PricedLine {
    /// The services whose monthly prices, added up, price the line.
    priced_from: KindSet,
    formula: Formula,
    automatic: bool,
    rounding: Rounding,
}

impl PricedLine {
    /// The line's rounded amount at a monthly price (`None` on an overflow).
    fn amount(&self, price: Decimal) -> Option<Decimal> {
        let unrounded = match &self.formula {
            Formula::DailyRate { units, days } => {
                // The rounded quotient of price × units by the days, in one integer
                // division where that gives what dividing and rounding gives.
                let product = price.mantissa().checked_mul(i128::from(*units));
                let rounded =
                    product.and_then(|p| self.rounding.apply_ratio(p, price.scale(), *days));
                if rounded.is_some() {
                    return rounded;
                }
                let amount = daily_rate_times(price, *days, Decimal::from(*units)).ok()?;
                // A rule's bands are added up from zero, as one band is here.
                Decimal::ZERO.checked_add(amount)?
            }
            Formula::Fixed(figure) => figure.at_price(price)?.amount(),
            Formula::PerUnit(bands) => {
                let mut amount = Decimal::ZERO;
                for (units, rate) in bands.iter() {
                    let subtotal = rate.times_at_price(price, Decimal::from(*units))?;
                    amount = amount.checked_add(subtotal)?;
                }
                amount
            }
        };
        self.rounding.apply_checked(unrounded).ok()
    }
}

/// The lines of an assessment as it is settled, to be kept as a [`PriceProgram`].
#[derive(Debug, Default)]
pub(crate) struct Recording {
    lines: Vec<PricedLine>,
    /// Some line cannot be repriced (or its choice depended on a price).
    unpriceable: bool,
}

impl Recording {
    /// Marks the assessment as one that cannot be repriced.
    pub fn unpriceable(&mut self) {
        self.unpriceable = true;
    }

    /// Records an item's lines, as settled.
    pub fn record(
        &mut self,
        priced_from: Option<KindSet>,
        drafts: &[Draft],
        automatic: bool,
        rounding: Rounding,
    ) {
        let Some(priced_from) = priced_from else {
            self.unpriceable = true;
            return;
        };
        for draft in drafts {
            let formula = match &draft.basis {
                _ if !draft.adjustments.is_empty() => None,
                Basis::Fixed { amount } => Some(Formula::Fixed(Box::new(amount.clone()))),
                Basis::PerUnit { bands, .. } => match bands.as_slice() {
                    [BandUse {
                        units,
                        rate: Figure::DailyRate { days, .. },
                        ..
                    }] => Some(Formula::DailyRate {
                        units: *units,
                        days: *days,
                    }),
                    _ => Some(Formula::PerUnit(
                        bands.iter().map(|b| (b.units, b.rate.clone())).collect(),
                    )),
                },
                _ => None,
            };
            match formula {
                Some(formula) => self.lines.push(PricedLine {
                    priced_from,
                    formula,
                    automatic,
                    rounding,
                }),
                None => self.unpriceable = true,
            }
        }
    }

    /// The program, if every line can be repriced.
    pub fn finish(self) -> Option<PriceProgram> {
        (!self.unpriceable).then(|| PriceProgram {
            lines: self.lines.into_iter().collect(),
        })
    }
}

/// An assessment's lines as formulas of the plan's prices: priced for an account of
/// the same shape, it gives the totals a fresh assessment of that account gives.
#[derive(Debug, Clone)]
pub(crate) struct PriceProgram {
    lines: SmallVec<[PricedLine; 2]>,
}

impl PriceProgram {
    /// The totals for an account with these services (of the recorded kinds) in
    /// `currency`; `None` when a step fails (an overflow), so the account is
    /// assessed afresh and the error reported as an assessment reports it.
    pub fn totals(&self, services: &[Service], currency: Currency) -> Option<Totals> {
        let mut tally = Tally::default();
        for line in self.lines.iter() {
            let price = price_from(services, line.priced_from)?;
            tally.add(line.amount(price)?, line.automatic);
        }
        tally.totals(currency).ok()
    }
}

/// The monthly prices of the services of these kinds, added up in the plan's order
/// (as the assessment adds them).
///
/// One price is taken as it is, as the assessment takes a single service's: the same
/// value as zero plus it, without the addition.
fn price_from(services: &[Service], kinds: KindSet) -> Option<Decimal> {
    let mut price: Option<Decimal> = None;
    for service in services {
        if service.kind.bit().is_some_and(|bit| kinds & bit != 0) {
            price = Some(match price {
                None => service.monthly_price,
                Some(sum) => sum.checked_add(service.monthly_price)?,
            });
        }
    }
    Some(price.unwrap_or(Decimal::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::{Account, AccountFields, AreaOutage, Batch, OutageFields, OutageIndex};
    use crate::policy::{PerUnit, PolicyVersion, Provision, UnitCount};

    fn one_provision(subject: Subject, rule: Rule) -> Policy {
        Policy::new("t", "t", Currency::USD).with_version(PolicyVersion::from_date(
            chrono::NaiveDate::MIN,
            vec![Provision::new("p", subject, rule)],
        ))
    }

    fn daily(days: DayCount) -> Rule {
        Rule::PerUnit(PerUnit::new(
            UnitCount::PerIncident(1),
            Amount::DailyRate(days),
        ))
    }

    /// New York's rule gates on the incident's size and pays 24-hour blocks at 1/30 of
    /// a price, and its automatic test is the outage's length: nothing looks at a price
    /// or a billing period. Ofcom's clock counts working days (the region's holidays);
    /// AWS's tiers keep no per-price working; Spain's pro rata neither.
    #[test]
    fn a_policy_is_repriceable_when_no_choice_looks_at_a_price() {
        let get = |id: &str| crate::catalog::get(id).unwrap();
        assert_eq!(
            repriceable(&get("us-ny-psc-outage-credit")),
            Some(Needs { billing_day: false })
        );
        for id in ["uk-ofcom-auto-comp", "aws-ec2-region", "es-rd-899-2009"] {
            assert_eq!(repriceable(&get(id)), None, "{id}");
        }
        let outages = || Subject::outages();
        assert_eq!(
            repriceable(&one_provision(outages(), daily(DayCount::Fixed(30)))),
            Some(Needs { billing_day: false })
        );
        // A rate by the billing period's days needs the billing day.
        assert_eq!(
            repriceable(&one_provision(outages(), daily(DayCount::BillingPeriod))),
            Some(Needs { billing_day: true })
        );
        assert_eq!(
            repriceable(&one_provision(
                Subject::billing_periods(),
                daily(DayCount::Fixed(30))
            )),
            Some(Needs { billing_day: true })
        );
        // The greater of two rules, or a payment on the credit's size, choose by price.
        let max_of = Rule::MaxOf {
            rules: vec![daily(DayCount::Fixed(30)), daily(DayCount::Fixed(31))],
        };
        assert_eq!(repriceable(&one_provision(outages(), max_of)), None);
        let mut on_credit = one_provision(outages(), daily(DayCount::Fixed(30)));
        for version in &mut on_credit.versions {
            for provision in &mut version.provisions {
                provision.payment = Payment::AutomaticIf(Condition::Not(Box::new(
                    Condition::CreditMoreThan(Decimal::ONE),
                )));
            }
        }
        assert_eq!(repriceable(&on_credit), None);
    }

    fn account(id: &str, services: &str) -> Account {
        Account::parse(&AccountFields {
            account: id,
            area: "rochester-14604",
            currency: "USD",
            time_zone: "America/New_York",
            services,
            ..AccountFields::default()
        })
        .unwrap()
    }

    /// The second account of a shape is priced by the first one's lines, at its own
    /// prices. The outage lasts 53 hours (06:00 on 1 October to 11:00 on 3 October):
    /// three started 24-hour blocks, each 1/30 of a service's monthly price.
    #[test]
    fn accounts_of_one_shape_are_each_priced_at_their_own_prices() {
        let (_, policy) = crate::doc_example_input();
        let outage = AreaOutage::parse(&OutageFields {
            area: "rochester-14604",
            services: "internet|tv",
            start: "2024-10-01T06:00:00-04:00",
            end: "2024-10-03T11:00:00-04:00",
            customers_affected: "182000",
            cause: "",
        })
        .unwrap();
        let mut batch = Batch::new(vec![policy], OutageIndex::from_iter([outage]));
        let total = |batch: &mut Batch, services: &str| {
            let totals = batch.assess(&account("A", services)).unwrap();
            totals.first().map(|t| (t.total.to_string(), t.automatic))
        };
        // 79.99 × 3 / 30 = 7.999 → 8.00; 65.00 × 3 / 30 = 6.50; 14.50 in all.
        assert_eq!(
            total(&mut batch, "internet:79.99|tv:65.00"),
            Some(("14.50".to_owned(), true))
        );
        // Same shape: 50.00 × 3 / 30 = 5.00; 20.01 × 3 / 30 = 2.001 → 2.00; 7.00.
        assert_eq!(
            total(&mut batch, "internet:50.00|tv:20.01"),
            Some(("7.00".to_owned(), true))
        );
        // The services in another order are the same shape: 6.00 × 3 / 30 = 0.60 and
        // 45.55 × 3 / 30 = 4.555 → 4.56 (half away from zero); 5.16.
        assert_eq!(
            total(&mut batch, "tv:6.00|internet:45.55"),
            Some(("5.16".to_owned(), true))
        );
        // Beyond the range where one integer division is proven to round as `Decimal`
        // does, the line is divided and rounded as the assessment does it:
        // 40,000,000,000,000.01 × 3 / 30 = 4,000,000,000,000.001 → 4,000,000,000,000.00.
        assert_eq!(
            total(&mut batch, "internet:40000000000000.01|tv:0.10"),
            Some(("4000000000000.01".to_owned(), true))
        );
        // A free service owes nothing: a zero line is neither owed nor automatic.
        assert_eq!(
            total(&mut batch, "internet:0|tv:0"),
            Some(("0.00".to_owned(), false))
        );
    }

    /// Clones of a batch share the shapes they learn, but a clone set to another
    /// instant starts afresh: an ongoing outage from 06:00 on 1 October is one 24-hour
    /// block at 06:00 on the 2nd and two at 06:00 on the 3rd, each 1/30 of the price.
    #[test]
    fn clones_share_shapes_only_at_the_same_instant() {
        let (_, policy) = crate::doc_example_input();
        let outage = AreaOutage::parse(&OutageFields {
            area: "rochester-14604",
            services: "internet",
            start: "2024-10-01T06:00:00-04:00",
            end: "",
            customers_affected: "182000",
            cause: "",
        })
        .unwrap();
        let at = |text: &str| chrono::DateTime::parse_from_rfc3339(text).unwrap();
        let mut first = Batch::new(vec![policy], OutageIndex::from_iter([outage]))
            .at(at("2024-10-02T06:00:00-04:00"));
        let mut same_instant = first.clone();
        let mut later = first.clone().at(at("2024-10-03T06:00:00-04:00"));
        let total = |batch: &mut Batch, services: &str| {
            let totals = batch.assess(&account("A", services)).unwrap();
            totals.first().map(|t| t.total.to_string())
        };
        // 30.00 × 1 / 30 = 1.00, learned by the first batch.
        assert_eq!(total(&mut first, "internet:30.00"), Some("1.00".to_owned()));
        // 60.00 × 1 / 30 = 2.00, priced by the clone from what the first learned.
        assert_eq!(
            total(&mut same_instant, "internet:60.00"),
            Some("2.00".to_owned())
        );
        // Two days later: 30.00 × 2 / 30 = 2.00.
        assert_eq!(total(&mut later, "internet:30.00"), Some("2.00".to_owned()));
    }
}
