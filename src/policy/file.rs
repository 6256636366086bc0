//! A policy as a file people write: the written form's helpers, and the checks a
//! policy read from a file must pass before it prices anything.
//!
//! A [`Policy`] is read by serde (TOML or JSON, whichever the application uses; the
//! format is `docs/policy-file.md`). Serde checks the shape: every field known, every
//! rule type and convention one of the documented words, every duration a duration.
//! [`Policy::check`] then checks what a shape cannot say: versions in order and not
//! overlapping, no negative amount or rate, no cap below the minimum it caps, and
//! amounts that can be in the policy's currency.

use super::{Amount, Condition, DayCount, Payment, PerUnit, Policy, Rule, UnitCount, UptimeTiers};
use crate::error::{Error, FieldPath, Result};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The date a version without `effective_from` starts: the earliest date redress knows.
pub(super) fn earliest() -> NaiveDate {
    NaiveDate::MIN
}

/// Whether a version starts at the earliest date (and so its file leaves it out).
pub(super) fn is_earliest(date: &NaiveDate) -> bool {
    *date == NaiveDate::MIN
}

/// `readings_for` as a file writes it: a list of `{ bears_on, reading }` tables.
pub(super) mod readings_for {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::policy::Bearing;

    #[derive(Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Written {
        bears_on: Bearing,
        reading: String,
    }

    pub fn serialize<S: Serializer>(
        readings: &[(Bearing, String)],
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        let written: Vec<Written> = readings
            .iter()
            .map(|(bears_on, reading)| Written {
                bears_on: *bears_on,
                reading: reading.clone(),
            })
            .collect();
        written.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Vec<(Bearing, String)>, D::Error> {
        let written = Vec::<Written>::deserialize(deserializer)?;
        Ok(written
            .into_iter()
            .map(|w| (w.bears_on, w.reading))
            .collect())
    }
}

impl Policy {
    /// Checks what serde cannot: a policy read from a file is refused here, with the
    /// field's path and what to write instead, when its id is empty, it has no version,
    /// its versions are out of order or overlap, an amount, rate or threshold is
    /// negative, a cap is below the minimum payout it caps, a day count is zero, or a
    /// fixed amount has more decimal places than its currency has (or no currency).
    ///
    /// # Example
    /// ```
    /// use redress::policy::*;
    /// let policy = Policy::new("my-credit", "My credit", redress::Currency::USD)
    ///     .with_version(PolicyVersion::always(vec![Provision::new(
    ///         "goodwill",
    ///         Subject::account(),
    ///         Rule::Fixed { amount: Amount::Fixed("-5".parse().unwrap()) },
    ///     )]));
    /// let error = policy.check().unwrap_err().to_string();
    /// assert!(error.starts_with("versions[0].provisions[0].rule.amount.fixed: -5 is negative"), "{error}");
    /// ```
    pub fn check(&self) -> Result<()> {
        if self.id.trim().is_empty() {
            return Err(Error::invalid(
                FieldPath::root("id"),
                "the id is empty; write a short id such as \"acme-outage-credit\"",
            ));
        }
        if self.versions.is_empty() {
            return Err(Error::invalid(
                FieldPath::root("versions"),
                "the policy has no version; add a [[versions]] table with its provisions",
            ));
        }
        self.check_dates()?;
        for (v, version) in self.versions.iter().enumerate() {
            let at = FieldPath::root("versions").index(v);
            if version.provisions.is_empty() {
                return Err(Error::invalid(
                    at.field("provisions"),
                    "the version has no provision; add a [[versions.provisions]] table",
                ));
            }
            for (p, provision) in version.provisions.iter().enumerate() {
                let at = at.field("provisions").index(p);
                self.check_rule(&provision.rule, &at.field("rule"))?;
                fit::fits(&provision.subject, &provision.rule, &at)?;
                if let Payment::AutomaticIf(condition) = &provision.payment {
                    check_condition(condition, &at.field("payment").field("automatic-if"))?;
                }
            }
        }
        Ok(())
    }

    /// Versions start in order, each ends after it starts, and none overlaps the next.
    fn check_dates(&self) -> Result<()> {
        let mut previous: Option<(NaiveDate, Option<NaiveDate>)> = None;
        for (v, version) in self.versions.iter().enumerate() {
            let at = FieldPath::root("versions").index(v);
            let from = version.effective_from;
            if let Some(until) = version.effective_until {
                if until <= from {
                    return Err(Error::invalid(
                        at.field("effective_until"),
                        format!(
                            "{until} is not after effective_from {from}; a version ends after \
                             it starts (effective_until is the first day no longer in force)"
                        ),
                    ));
                }
            }
            if let Some((before_from, before_until)) = previous {
                if from <= before_from {
                    return Err(Error::invalid(
                        at.field("effective_from"),
                        format!(
                            "{} does not come after the previous version's {}; list the \
                             versions oldest first",
                            shown_date(from),
                            shown_date(before_from)
                        ),
                    ));
                }
                match before_until {
                    None => {
                        return Err(Error::invalid(
                            at.field("effective_from"),
                            format!(
                                "the previous version has no effective_until, so it is still in \
                                 force on {from}: the versions overlap; give versions[{}] \
                                 effective_until = \"{from}\"",
                                v.saturating_sub(1)
                            ),
                        ))
                    }
                    Some(until) if from < until => {
                        return Err(Error::invalid(
                            at.field("effective_from"),
                            format!(
                                "{from} is before the previous version's effective_until \
                                 {until}: the versions overlap; start this one on {until} or \
                                 end the previous one on {from}"
                            ),
                        ))
                    }
                    Some(_) => {}
                }
            }
            previous = Some((from, version.effective_until));
        }
        Ok(())
    }

    /// A rule's amounts, rates and thresholds, and its parts.
    fn check_rule(&self, rule: &Rule, at: &FieldPath) -> Result<()> {
        match rule {
            Rule::Fixed { amount } => self.check_amount(amount, &at.field("amount")),
            Rule::PerUnit(p) => self.check_per_unit(p, at),
            Rule::ProRata(p) => not_negative(p.multiplier, &at.field("multiplier")),
            Rule::Escalating(e) => {
                self.check_amount(&e.base, &at.field("base"))?;
                self.check_amount(&e.step, &at.field("step"))?;
                if e.every.as_seconds() <= 0 {
                    return Err(Error::invalid(
                        at.field("every"),
                        "a step of no time; write a length such as \"12h\"",
                    ));
                }
                Ok(())
            }
            Rule::UptimeTiers(u) => check_uptime(u, at),
            Rule::Tiers(t) => {
                none_empty(t.tiers.is_empty(), &at.field("tiers"), "a tier")?;
                for (i, tier) in t.tiers.iter().enumerate() {
                    let at = at.field("tiers").index(i);
                    not_negative(tier.more_than, &at.field("more_than"))?;
                    self.check_amount(&tier.amount, &at.field("amount"))?;
                }
                Ok(())
            }
            Rule::MaxOf { rules } | Rule::SumOf { rules } => {
                none_empty(rules.is_empty(), &at.field("rules"), "a rule")?;
                for (i, inner) in rules.iter().enumerate() {
                    self.check_rule(inner, &at.field("rules").index(i))?;
                }
                Ok(())
            }
            Rule::Cap { limit, rule } => self.check_cap(limit, rule, at),
            Rule::When {
                condition,
                then,
                otherwise,
            } => {
                check_rule_condition(condition, &at.field("condition"))?;
                self.check_rule(then, &at.field("then"))?;
                match otherwise {
                    Some(inner) => self.check_rule(inner, &at.field("otherwise")),
                    None => Ok(()),
                }
            }
            Rule::MinimumPayout { more_than, rule } => {
                not_negative(*more_than, &at.field("more_than"))?;
                self.check_rule(rule, &at.field("rule"))
            }
        }
    }

    /// Units × rate: a block of some time, bands from unit 1 in increasing order,
    /// rates that are amounts.
    fn check_per_unit(&self, p: &PerUnit, at: &FieldPath) -> Result<()> {
        if let UnitCount::Blocks { length, .. } = p.count {
            if length.as_seconds() <= 0 {
                return Err(Error::invalid(
                    at.field("count").field("blocks").field("length"),
                    "a block of no time; write a length such as \"24h\"",
                ));
            }
        }
        none_empty(p.bands.is_empty(), &at.field("bands"), "a band")?;
        let mut previous = 0;
        for (b, band) in p.bands.iter().enumerate() {
            let at = at.field("bands").index(b);
            if b == 0 && band.from_unit != 1 {
                return Err(Error::invalid(
                    at.field("from_unit"),
                    format!(
                        "the first band starts at unit {}; it starts at unit 1 (the first \
                         unit paid)",
                        band.from_unit
                    ),
                ));
            }
            if b > 0 && band.from_unit <= previous {
                return Err(Error::invalid(
                    at.field("from_unit"),
                    format!(
                        "unit {} does not come after the previous band's {previous}; list \
                         the bands by the unit they start at, lowest first",
                        band.from_unit
                    ),
                ));
            }
            previous = band.from_unit;
            self.check_amount(&band.rate, &at.field("rate"))?;
        }
        Ok(())
    }

    /// A cap's limit, and a fixed limit at or below the minimum payout it caps (which
    /// would pay nothing, ever).
    fn check_cap(&self, limit: &Amount, rule: &Rule, at: &FieldPath) -> Result<()> {
        self.check_amount(limit, &at.field("limit"))?;
        if let (Amount::Fixed(cap), Rule::MinimumPayout { more_than, .. }) = (limit, rule) {
            if cap <= more_than {
                return Err(Error::invalid(
                    at.field("limit"),
                    format!(
                        "the cap, {cap}, is not above the minimum payout it caps ({more_than}): \
                         nothing could ever be paid; raise the limit or lower more_than"
                    ),
                ));
            }
        }
        self.check_rule(rule, &at.field("rule"))
    }

    /// An amount: not negative, a day count above zero, a fixed sum in the currency.
    fn check_amount(&self, amount: &Amount, at: &FieldPath) -> Result<()> {
        match amount {
            Amount::Fixed(sum) => {
                let at = at.field("fixed");
                not_negative(*sum, &at)?;
                self.in_currency(*sum, &at)
            }
            Amount::ShareOfMonthly(share) => not_negative(*share, &at.field("share-of-monthly")),
            Amount::DailyRate(DayCount::Fixed(0)) => Err(Error::invalid(
                at.field("daily-rate").field("fixed"),
                "a month of 0 days; write the days a monthly price is divided by, such as 30",
            )),
            Amount::DailyRate(_) => Ok(()),
            Amount::GreaterOf(amounts) => {
                none_empty(amounts.is_empty(), &at.field("greater-of"), "an amount")?;
                for (i, inner) in amounts.iter().enumerate() {
                    self.check_amount(inner, &at.field("greater-of").index(i))?;
                }
                Ok(())
            }
            Amount::Rounded { amount, .. } => {
                self.check_amount(amount, &at.field("rounded").field("amount"))
            }
        }
    }

    /// A fixed sum the policy's currency can hold: a currency named, and no more
    /// decimal places than its minor unit.
    fn in_currency(&self, sum: Decimal, at: &FieldPath) -> Result<()> {
        let Some(currency) = self.currency else {
            return Err(Error::invalid(
                at.clone(),
                format!(
                    "the fixed amount {sum} is in no currency: the policy names none; add \
                     currency = \"USD\" (or the currency its amounts are in) at the top"
                ),
            ));
        };
        let places = sum.normalize().scale();
        if places > currency.minor_units() {
            return Err(Error::invalid(
                at.clone(),
                format!(
                    "{sum} cannot be an amount in {}, which has {} decimal places; write it \
                     as {}, or name the currency it is in",
                    currency.code(),
                    currency.minor_units(),
                    sum.round_dp(currency.minor_units())
                ),
            ));
        }
        Ok(())
    }
}

/// Uptime tiers: at least one, percentages not negative, each running upwards.
fn check_uptime(u: &UptimeTiers, at: &FieldPath) -> Result<()> {
    none_empty(u.tiers.is_empty(), &at.field("tiers"), "a tier")?;
    for (t, tier) in u.tiers.iter().enumerate() {
        let at = at.field("tiers").index(t);
        not_negative(tier.credit_percent, &at.field("credit_percent"))?;
        not_negative(tier.from, &at.field("from"))?;
        if tier.to < tier.from {
            return Err(Error::invalid(
                at.field("to"),
                format!(
                    "{} is below the tier's from, {}; a tier runs from its lower uptime \
                     percentage to its higher",
                    tier.to, tier.from
                ),
            ));
        }
    }
    Ok(())
}

/// A list that needs at least one entry.
fn none_empty(empty: bool, at: &FieldPath, what: &str) -> Result<()> {
    if empty {
        return Err(Error::invalid(
            at.clone(),
            format!("the list is empty; write at least {what}"),
        ));
    }
    Ok(())
}

/// A rule's condition: as any condition, and never about the credit, which only a
/// payment can look at.
fn check_rule_condition(condition: &Condition, at: &FieldPath) -> Result<()> {
    let mut about_credit = false;
    visit(condition, &mut |c| {
        about_credit |= matches!(c, Condition::CreditMoreThan(_))
    });
    if about_credit {
        return Err(Error::invalid(
            at.clone(),
            "credit-more-than can only decide a payment (payment = { automatic-if = ... }), \
             not a rule: to pay only above an amount, use a minimum-payout rule",
        ));
    }
    check_condition(condition, at)
}

fn visit(condition: &Condition, f: &mut impl FnMut(&Condition)) {
    f(condition);
    match condition {
        Condition::All(list) | Condition::Any(list) => {
            for inner in list {
                visit(inner, f);
            }
        }
        Condition::Not(inner) => visit(inner, f),
        _ => {}
    }
}

/// A condition's thresholds are not negative.
fn check_condition(condition: &Condition, at: &FieldPath) -> Result<()> {
    match condition {
        Condition::CreditMoreThan(amount) => not_negative(*amount, &at.field("credit-more-than")),
        Condition::All(all) => check_each(all, &at.field("all")),
        Condition::Any(any) => check_each(any, &at.field("any")),
        Condition::Not(inner) => check_condition(inner, &at.field("not")),
        _ => Ok(()),
    }
}

fn check_each(conditions: &[Condition], at: &FieldPath) -> Result<()> {
    for (i, condition) in conditions.iter().enumerate() {
        check_condition(condition, &at.index(i))?;
    }
    Ok(())
}

fn not_negative(value: Decimal, at: &FieldPath) -> Result<()> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(Error::invalid(
            at.clone(),
            format!("{value} is negative; amounts, rates and thresholds are 0 or more"),
        ));
    }
    Ok(())
}

/// A version's first date as a file shows it: the earliest date is "the beginning".
fn shown_date(date: NaiveDate) -> String {
    if is_earliest(&date) {
        "start (no effective_from: always)".to_owned()
    } else {
        date.to_string()
    }
}

mod fit;

#[cfg(test)]
mod tests;
