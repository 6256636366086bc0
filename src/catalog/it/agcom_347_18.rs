//! Italy: AGCOM's indemnity regulation (Annex A to delibera 73/11/CONS as amended by
//! delibera 347/18/CONS), art. 6 malfunctions and the delayed-activation indemnity
//! (`it-agcom-347-18`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::claim_file::Segment;
use crate::money::Currency;
use crate::outage::Cause;
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, Clock, Condition, Dating, DayKind, Evidence, Grace, Payment, PerUnit, Policy,
    PolicyVersion, Provision, Rule, ServiceScope, Severity, Subject, UnitCount,
};

/// How the days from the complaint to restoration are counted.
///
/// # Example
/// ```
/// assert_eq!(redress::catalog::it::DayCounting::default(), redress::catalog::it::DayCounting::RestorationMinusComplaint);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum DayCounting {
    /// Days = restoration date − complaint date (complaint 1 March, restored 11 March:
    /// 10 days).
    #[default]
    RestorationMinusComplaint,
    /// Both the complaint day and the restoration day count (the same case: 11 days).
    BothEndsInclusive,
}

/// Whether business customers' amounts are doubled.
///
/// # Example
/// ```
/// assert_eq!(redress::catalog::it::BusinessAmounts::default(), redress::catalog::it::BusinessAmounts::Same);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum BusinessAmounts {
    /// The same amounts as consumers (the doubling is unconfirmed).
    #[default]
    Same,
    /// Doubled for `segment = "business"` ("utenza affari"), as recalled \[M\] from the
    /// regulation's computation article.
    Doubled,
}

/// The readings [`agcom_347_18_with`] can take; [`Default`] is the catalog's. More
/// readings may be added: start from `Default` and set the fields you choose.
///
/// # Example
/// ```
/// use redress::catalog::it::{agcom_347_18_with, AgcomOptions, BusinessAmounts};
/// let mut options = AgcomOptions::default();
/// options.business = BusinessAmounts::Doubled;
/// let p = agcom_347_18_with(options);
/// assert_eq!(p.id, "it-agcom-347-18");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct AgcomOptions {
    /// How days are counted.
    pub days: DayCounting,
    /// Business customers' amounts.
    pub business: BusinessAmounts,
}

/// `it-agcom-347-18`: AGCOM's indemnities, with the catalog's readings.
///
/// Each non-accessory service earns €6 a day of complete interruption and €3 a day of
/// irregular service, from the customer's complaint to restoration, and €7.50 a day of
/// late activation; claimed, not automatic. Source: AGCOM's Regolamento sugli
/// indennizzi (Annex A to 73/11/CONS, amended by 347/18/CONS), art. 6. Figures \[S\]; the
/// effective date is \[M\]. [`agcom_347_18_with`] has the full rule and the options.
///
/// # Example
/// ```
/// // Voice and broadband down; complaint 1 Mar 2025, restored
/// // 11 Mar 2025: 11 − 1 = 10 days × €6 × 2 services = €120, on request.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [plan]
///     currency = "EUR"
///     time_zone = "Europe/Rome"
///     [[plan.services]]
///     kind = "phone"
///     monthly_price = "10"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "25"
///     [[outages]]
///     services = ["phone", "internet"]
///     start = "2025-03-01T08:00:00+01:00"
///     reported = "2025-03-01T09:00:00+01:00"
///     end = "2025-03-11T15:00:00+01:00"
/// "#).unwrap();
/// let claim = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::it::agcom_347_18())?;
/// assert_eq!(claim.total.to_string(), "120.00");
/// assert!(!claim.automatic);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn agcom_347_18() -> Policy {
    agcom_347_18_with(AgcomOptions::default())
}

/// `it-agcom-347-18` with chosen readings.
///
/// **The rule.** For each non-accessory service (telephone, mobile, internet access)
/// separately:
/// - *Complete interruption* for technical reasons attributable to the operator:
///   €6 per day (art. 6(1)).
/// - *Irregular or discontinuous service* short of a complete interruption, or below
///   the quality standards of the operator's charter (`degraded = true`): €3 per day
///   (art. 6(2)).
/// - *Delayed activation*: €7.50 per day late (days = live date − promised date).
///
/// When the operator is late repairing a fault, the indemnity covers the whole period
/// from the customer's complaint (`reported`) to restoration (art. 6(3)): days =
/// restoration date − complaint date. The amounts are those used in dispute resolution
/// (Corecom conciliation and definition); they are owed on request, not automatically.
/// Nothing is owed for faults the customer caused, or for exceptional events
/// (`cause = "force-majeure"`).
///
/// **Source.** AGCOM, Regolamento sugli indennizzi, Annex A to delibera 73/11/CONS as
/// amended by delibera 347/18/CONS (July 2018), art. 6; delayed activation per art. 4.
///
/// **How firm.** \[S\]: the article's text was read as reproduced by cyberlaws.it, the
/// €7.50 activation figure in webnews (26 July 2018). The business doubling is \[M\]
/// (offered only as an option), and so is the date of application: 18 July 2018 is
/// taken as the adoption date of delibera 347/18/CONS, which the sources place only in
/// "July 2018".
///
/// **Not encoded:** accessory and free services (€2.50 a day up to €300, €1 a day up
/// to €100: the claim file cannot mark a service accessory); art. 6(5)'s exceptional
/// events, where only the time beyond the strictly necessary interventions would count;
/// operators' own charters, which may pay lower amounts automatically. A delayed
/// activation pays per record: list one `[[activations]]` per service.
///
/// # Example
/// ```
/// use redress::catalog::it::{agcom_347_18_with, AgcomOptions, DayCounting};
/// let mut options = AgcomOptions::default();
/// options.days = DayCounting::BothEndsInclusive;
/// let inclusive = agcom_347_18_with(options);
/// assert!(inclusive.readings.iter().any(|r| r.contains("both")));
/// ```
pub fn agcom_347_18_with(options: AgcomOptions) -> Policy {
    let mut policy = Policy::new(
        "it-agcom-347-18",
        "AGCOM indemnities: interruption, irregular service, delayed activation",
        Currency::EUR,
    );
    policy.jurisdiction = "IT".to_owned();
    policy.citation = "AGCOM, Regolamento sugli indennizzi (Annex A to delibera 73/11/CONS, \
        as amended by delibera 347/18/CONS of July 2018), art. 6 (malfunction) and the \
        delayed-activation indemnity"
        .to_owned();
    policy.evidence = Evidence::Secondary;
    policy.services = vec![
        ServiceKind::Phone,
        ServiceKind::Mobile,
        ServiceKind::Internet,
    ];
    policy.dated_by = Dating::Report;

    let (grace, days_reading) = match options.days {
        DayCounting::RestorationMinusComplaint => (
            Grace::CalendarDays(0),
            "days run from the complaint to restoration: restoration date − complaint date",
        ),
        DayCounting::BothEndsInclusive => (
            Grace::None,
            "days run from the complaint to restoration, both the complaint day and the restoration day counted",
        ),
    };
    let business_reading = match options.business {
        BusinessAmounts::Same => "business customers get the same amounts as consumers",
        BusinessAmounts::Doubled => "business customers' amounts are doubled [M]",
    };
    policy.readings = vec![
        days_reading.to_owned(),
        business_reading.to_owned(),
        "each non-accessory service (phone, mobile, internet) is indemnified separately".to_owned(),
    ];

    let per_day = |cents: i64, count: UnitCount, grace: Grace| {
        let rule = |cents: i64| {
            Rule::PerUnit(
                PerUnit::new(count, Amount::Fixed(Decimal::new(cents, 2)))
                    .with_clock(Clock::from_report())
                    .with_grace(grace),
            )
        };
        match options.business {
            BusinessAmounts::Same => rule(cents),
            BusinessAmounts::Doubled => Rule::When {
                condition: Condition::Segment(Segment::Business),
                then: Box::new(rule(cents * 2)),
                otherwise: Some(Box::new(rule(cents))),
            },
        }
    };
    let days = UnitCount::Days(DayKind::Calendar);
    let each = Subject::Outages {
        scope: ServiceScope::EachService,
    };
    let excluded = [Cause::Customer, Cause::ForceMajeure];
    let interruption = Provision::new("complete interruption", each, per_day(600, days, grace))
        .with_clause("art. 6(1), 6(3)")
        .with_excluded_causes(&excluded)
        .with_payment(Payment::OnRequest);
    let irregular = Provision::new("irregular service", each, per_day(300, days, grace))
        .with_clause("art. 6(2), 6(3)")
        .with_severity(Severity::DegradedOnly)
        .with_excluded_causes(&excluded)
        .with_payment(Payment::OnRequest);
    let activation = Provision::new(
        "delayed activation",
        Subject::Activations,
        per_day(750, days, Grace::None),
    )
    .with_clause("art. 4(1)")
    .with_payment(Payment::OnRequest);
    policy.with_version(
        PolicyVersion::from_date(
            NaiveDate::from_ymd_opt(2018, 7, 18).unwrap_or(NaiveDate::MIN),
            vec![interruption, irregular, activation],
        )
        .with_label("delibera 347/18/CONS"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assess;
    use crate::{Claim, ClaimFile};

    fn claim(segment: &str, rest: &str) -> ClaimFile {
        let text = format!(
            r#"
            [customer]
            region = "IT-RM"
            segment = "{segment}"
            [plan]
            currency = "EUR"
            time_zone = "Europe/Rome"
            [[plan.services]]
            kind = "phone"
            monthly_price = "10"
            [[plan.services]]
            kind = "internet"
            monthly_price = "25"
            {rest}
            "#
        );
        toml::from_str(&text).unwrap()
    }

    fn run(claim: &ClaimFile, options: AgcomOptions) -> Claim {
        assess(claim, &agcom_347_18_with(options)).unwrap()
    }

    const VOICE_AND_BROADBAND_DOWN: &str = r#"
        [[outages]]
        services = ["phone", "internet"]
        start = "2025-03-01T08:00:00+01:00"
        reported = "2025-03-01T09:00:00+01:00"
        end = "2025-03-11T15:00:00+01:00"
    "#;

    /// Voice + broadband (2 non-accessory services) completely down; complaint 1 Mar 2025,
    /// restored 11 Mar 2025 → days = 11 − 1 = 10 → 10 × €6 × 2 = €120, one line of €60 per
    /// service, on request.
    #[test]
    fn agcom_voice_and_broadband_down_10_days() {
        let c = run(
            &claim("residential", VOICE_AND_BROADBAND_DOWN),
            AgcomOptions::default(),
        );
        let amounts: Vec<String> = c.lines.iter().map(|l| l.amount.to_string()).collect();
        assert_eq!(amounts, vec!["60.00", "60.00"], "{c}");
        assert_eq!(c.total.to_string(), "120.00");
        assert!(!c.automatic);
    }

    /// The same 10 days, both end dates inclusive: 11 days → 11 × €6 × 2 = €132.
    #[test]
    fn agcom_voice_and_broadband_both_ends_inclusive() {
        let options = AgcomOptions {
            days: DayCounting::BothEndsInclusive,
            ..AgcomOptions::default()
        };
        let c = run(&claim("residential", VOICE_AND_BROADBAND_DOWN), options);
        assert_eq!(c.total.to_string(), "132.00", "{c}");
    }

    /// The same outage on a business line: €240 if the doubling [M] applies (10 × €12 × 2);
    /// €120 by default.
    #[test]
    fn agcom_voice_and_broadband_business_doubling() {
        let business = claim("business", VOICE_AND_BROADBAND_DOWN);
        let doubled = AgcomOptions {
            business: BusinessAmounts::Doubled,
            ..AgcomOptions::default()
        };
        assert_eq!(run(&business, doubled).total.to_string(), "240.00");
        assert_eq!(
            run(&business, AgcomOptions::default()).total.to_string(),
            "120.00"
        );
        // A consumer under the doubling option keeps €120.
        assert_eq!(
            run(&claim("residential", VOICE_AND_BROADBAND_DOWN), doubled)
                .total
                .to_string(),
            "120.00"
        );
    }

    /// Broadband only, intermittent for 20 days (not a complete interruption) → 20 × €3 =
    /// €60. Complaint 3 Mar 2025, normal service 23 Mar.
    #[test]
    fn agcom_irregular_broadband_20_days() {
        let c = run(
            &claim(
                "residential",
                r#"
                [[outages]]
                services = ["internet"]
                start = "2025-03-03T08:00:00+01:00"
                reported = "2025-03-03T10:00:00+01:00"
                end = "2025-03-23T12:00:00+01:00"
                degraded = true
                "#,
            ),
            AgcomOptions::default(),
        );
        assert_eq!(c.total.to_string(), "60.00", "{c}");
        assert_eq!(c.lines.len(), 1);
        assert_eq!(c.lines[0].provision, "irregular service");
    }

    /// Activation 15 days late (one service) → 15 × €7.50 = €112.50.
    #[test]
    fn agcom_activation_15_days_late() {
        let c = run(
            &claim(
                "residential",
                r#"
                [[activations]]
                services = ["internet"]
                promised = "2025-03-03"
                delivered = "2025-03-18"
                "#,
            ),
            AgcomOptions::default(),
        );
        assert_eq!(c.total.to_string(), "112.50", "{c}");
    }

    /// DST (worked by hand): complaint Sat 25 Oct 2025, restored Tue 28 Oct; Sunday 26
    /// has 25 hours (summer time ends) and is one calendar day: 28 − 25 = 3 days ×
    /// €6 = €18 for the internet.
    #[test]
    fn agcom_a_25_hour_day_is_one_day() {
        let c = run(
            &claim(
                "residential",
                r#"
                [[outages]]
                services = ["internet"]
                start = "2025-10-25T08:00:00+02:00"
                reported = "2025-10-25T09:00:00+02:00"
                end = "2025-10-28T12:00:00+01:00"
                "#,
            ),
            AgcomOptions::default(),
        );
        assert_eq!(c.total.to_string(), "18.00", "{c}");
    }

    /// Before 18 July 2018 the regulation's amended amounts did not apply: an outage
    /// complained of on 1 June 2018 earns nothing here, and the claim says why.
    #[test]
    fn agcom_before_july_2018_earns_nothing() {
        let c = run(
            &claim(
                "residential",
                r#"
                [[outages]]
                services = ["internet"]
                start = "2018-06-01T08:00:00+02:00"
                reported = "2018-06-01T09:00:00+02:00"
                end = "2018-06-11T12:00:00+02:00"
                "#,
            ),
            AgcomOptions::default(),
        );
        assert_eq!(c.total.to_string(), "0.00", "{c}");
        assert!(
            c.notes
                .iter()
                .any(|n| n.contains("in force from 2018-07-18")),
            "{c}"
        );
    }

    /// Faults the customer caused and exceptional events earn nothing.
    #[test]
    fn agcom_exclusions() {
        for cause in ["customer", "force-majeure"] {
            let text = VOICE_AND_BROADBAND_DOWN
                .replace("end = ", &format!("cause = \"{cause}\"\n        end = "));
            let c = run(&claim("residential", &text), AgcomOptions::default());
            assert_eq!(c.total.to_string(), "0.00", "{cause}: {c}");
        }
    }
}
