//! Whether a provision's rule can price its subject: each rule family prices some
//! kinds of item only (uptime tiers a period, a base plus steps an outage, an
//! appointment a fixed sum or units per incident).

use crate::error::{Error, FieldPath, Result};
use crate::policy::{Rule, Subject, UnitCount};

/// The kind of item a subject gives a rule.
#[derive(Clone, Copy)]
enum Item {
    Outage,
    Period,
    Appointment,
    Activation,
}

/// Refuses a subject the rule cannot price, and a year starting in no month.
pub(super) fn fits(subject: &Subject, rule: &Rule, at: &FieldPath) -> Result<()> {
    let item = match subject {
        Subject::Outages { .. } => Item::Outage,
        Subject::Years { first_month, .. } if !(1..=12).contains(first_month) => {
            return Err(Error::invalid(
                at.field("subject").field("first_month"),
                format!(
                    "{first_month} is not a month; write 1 for calendar years, 7 for years \
                     from July"
                ),
            ))
        }
        Subject::BillingPeriods { .. } | Subject::Years { .. } | Subject::Account { .. } => {
            Item::Period
        }
        Subject::Appointments => Item::Appointment,
        Subject::Activations => Item::Activation,
    };
    rule_fits(item, rule, &at.field("rule"))
}

fn rule_fits(item: Item, rule: &Rule, at: &FieldPath) -> Result<()> {
    let refused = |problem: &str| Err(Error::invalid(at.clone(), problem.to_owned()));
    match (rule, item) {
        (Rule::UptimeTiers(_), Item::Outage | Item::Appointment | Item::Activation) => refused(
            "uptime tiers price a period: use subject = { each = \"billing-periods\", scope = \
             \"each-service\" }",
        ),
        (Rule::Tiers(_), Item::Outage | Item::Appointment | Item::Activation) => refused(
            "threshold tiers price a period: use subject = { each = \"billing-periods\", ... } \
             or { each = \"years\", ... }",
        ),
        (Rule::Escalating(_), Item::Period | Item::Appointment | Item::Activation) => refused(
            "a base plus steps prices each outage: use subject = { each = \"outages\", scope = \
             \"each-service\" }",
        ),
        (Rule::ProRata(_), Item::Appointment | Item::Activation) => refused(
            "pro-rata prices time out, of outages or periods; price an appointment or an \
             activation with a fixed amount or units per incident",
        ),
        (Rule::PerUnit(p), _) => count_fits(item, p.count, &at.field("count")),
        (Rule::MaxOf { rules } | Rule::SumOf { rules }, _) => {
            for (i, inner) in rules.iter().enumerate() {
                rule_fits(item, inner, &at.field("rules").index(i))?;
            }
            Ok(())
        }
        (Rule::Cap { rule, .. } | Rule::MinimumPayout { rule, .. }, _) => {
            rule_fits(item, rule, &at.field("rule"))
        }
        (
            Rule::When {
                then, otherwise, ..
            },
            _,
        ) => {
            rule_fits(item, then, &at.field("then"))?;
            match otherwise {
                Some(inner) => rule_fits(item, inner, &at.field("otherwise")),
                None => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// The units a subject's items can be counted in.
fn count_fits(item: Item, count: UnitCount, at: &FieldPath) -> Result<()> {
    let problem = match (item, count) {
        (Item::Outage, _) | (_, UnitCount::PerIncident(_)) => return Ok(()),
        (Item::Activation, UnitCount::Days(_)) => return Ok(()),
        (Item::Activation, _) => {
            "an activation is counted in days late ({ days = \"calendar\" }) or per incident"
        }
        (Item::Appointment, _) => "an appointment is counted per incident ({ per-incident = 1 })",
        (Item::Period, _) => {
            "a period is counted per incident ({ per-incident = 1 }); to count the time of its \
             outages, use subject = { each = \"outages\", ... }"
        }
    };
    Err(Error::invalid(at.clone(), problem.to_owned()))
}
