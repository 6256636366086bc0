//! Italy: AGCOM's indemnity regulation (Annex A to delibera 73/11/CONS as amended by
//! delibera 347/18/CONS), art. 6 malfunctions and the delayed-activation indemnity
//! (`it-agcom-347-18`), with the amounts of the 2011 text for earlier incidents.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::catalog::ymd;
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
/// assert_eq!(redress::catalog::it::BusinessAmounts::default(), redress::catalog::it::BusinessAmounts::Doubled);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum BusinessAmounts {
    /// Every amount (and every ceiling) doubled for `segment = "business"` ("utenze
    /// affari"): Annex A to delibera 73/11/CONS, art. 12(2) in the 2011 text, kept by
    /// delibera 347/18/CONS.
    #[default]
    Doubled,
    /// The same amounts as consumers.
    Same,
}

/// The readings [`agcom_347_18_with`] can take; [`Default`] is the catalog's. More
/// readings may be added: start from `Default` and set the fields you choose.
///
/// # Example
/// ```
/// use redress::catalog::it::{agcom_347_18_with, AgcomOptions, BusinessAmounts};
/// let mut options = AgcomOptions::default();
/// options.business = BusinessAmounts::Same;
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
/// late activation; business lines get every amount doubled; claimed, not automatic.
/// Complaints before 18 July 2018 get the 2011 amounts (€5 a day of complete
/// interruption). Source: AGCOM's Regolamento sugli indennizzi (Annex A to 73/11/CONS,
/// amended by 347/18/CONS), art. 6. Figures \[S\]; the effective date is \[M\].
/// [`agcom_347_18_with`] has the full rule and the options.
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
/// restoration date − complaint date. On a business line ("utenza affari",
/// `segment = "business"`) every amount is doubled (€12, €6, €15 a day); the undoubled
/// amounts are [`BusinessAmounts::Same`]. The amounts are those used in dispute
/// resolution (Corecom conciliation and definition); they are owed on request, not
/// automatically. Nothing is owed for faults the customer caused, or for exceptional
/// events (`cause = "force-majeure"`).
///
/// **Older amounts.** A complaint made before 18 July 2018 is priced under Annex A to
/// delibera 73/11/CONS as first adopted (16 February 2011): complete interruption €5
/// a day (art. 5(1)), irregular service €2.50 a day (art. 5(2)), delayed activation
/// €7.50 a day (art. 3(1)), business lines doubled (art. 12(2)).
///
/// **Source.** AGCOM, Regolamento sugli indennizzi, Annex A to delibera 73/11/CONS as
/// amended by delibera 347/18/CONS (July 2018), art. 6; delayed activation per art. 4.
///
/// **How firm.** \[S\]: the article's text was read as reproduced by cyberlaws.it, the
/// €7.50 activation figure in webnews (26 July 2018). The business doubling is \[S\]:
/// firm for the 2011 text (art. 12(2), applied by Corecom Umbria, delibera 24/15), and
/// stated for the 2018 text by a consumer association; its article number there is
/// not confirmed. The date of application is \[M\]: 18 July 2018 is taken as the
/// adoption date of delibera 347/18/CONS, which the sources place only in "July 2018",
/// and the transitional rule (incident date or dispute date) was not seen. The 2011
/// amounts are \[S\], the €2.50 for irregular service \[M\].
///
/// **Not encoded:** accessory and free services (€2.50 a day up to €300, €1 a day up
/// to €100, ceilings doubled for business lines: the claim file cannot mark a service
/// accessory); late number portability and loss of the number; art. 6(5)'s exceptional
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
        delayed-activation indemnity; before 18 July 2018, Annex A to delibera 73/11/CONS \
        of 16 February 2011, arts. 3 and 5; business lines doubled (art. 12(2) of the 2011 \
        text)"
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
        BusinessAmounts::Doubled => {
            "business lines (segment = business, \"utenze affari\") get every amount doubled \
             (Annex A to delibera 73/11/CONS, art. 12(2))"
        }
        BusinessAmounts::Same => "business customers get the same amounts as consumers",
    };
    policy.readings = vec![
        days_reading.to_owned(),
        business_reading.to_owned(),
        "each non-accessory service (phone, mobile, internet) is indemnified separately".to_owned(),
        "a complaint before 18 July 2018 is priced with the 2011 amounts of Annex A to \
         delibera 73/11/CONS; the switch-over date is taken as the adoption of delibera \
         347/18/CONS"
            .to_owned(),
    ];
    for regime in REGIMES {
        let mut version =
            PolicyVersion::from_date(regime.from, provisions(regime, options.business, grace))
                .with_label(regime.label);
        if let Some(until) = regime.until {
            version = version.with_end_date(until);
        }
        policy = policy.with_version(version);
    }
    policy
}

/// One dated text of the regulation: its daily amounts in cents (before any business
/// doubling) and the clauses that set them.
struct Regime {
    from: NaiveDate,
    until: Option<NaiveDate>,
    label: &'static str,
    interruption: (i64, &'static str),
    irregular: (i64, &'static str),
    activation: (i64, &'static str),
}

/// The date delibera 347/18/CONS is taken to apply from.
const AMENDED: NaiveDate = ymd(2018, 7, 18);

/// The regulation's texts, oldest first.
const REGIMES: &[Regime] = &[
    Regime {
        from: ymd(2011, 2, 16),
        until: Some(AMENDED),
        label: "Annex A to delibera 73/11/CONS (2011 text)",
        interruption: (500, "art. 5(1)"),
        irregular: (250, "art. 5(2)"),
        activation: (750, "art. 3(1)"),
    },
    Regime {
        from: AMENDED,
        until: None,
        label: "delibera 347/18/CONS",
        interruption: (600, "art. 6(1), 6(3)"),
        irregular: (300, "art. 6(2), 6(3)"),
        activation: (750, "art. 4(1)"),
    },
];

/// A regime's provisions: interruption, irregular service and delayed activation.
fn provisions(regime: &Regime, business: BusinessAmounts, grace: Grace) -> Vec<Provision> {
    let per_day = |cents: i64, count: UnitCount, grace: Grace| {
        let rule = |cents: i64| {
            Rule::PerUnit(
                PerUnit::new(count, Amount::Fixed(Decimal::new(cents, 2)))
                    .with_clock(Clock::from_report())
                    .with_grace(grace),
            )
        };
        match business {
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
    let (cents, clause) = regime.interruption;
    let interruption = Provision::new("complete interruption", each, per_day(cents, days, grace))
        .with_clause(clause)
        .with_excluded_causes(&excluded)
        .with_payment(Payment::OnRequest);
    let (cents, clause) = regime.irregular;
    let irregular = Provision::new("irregular service", each, per_day(cents, days, grace))
        .with_clause(clause)
        .with_severity(Severity::DegradedOnly)
        .with_excluded_causes(&excluded)
        .with_payment(Payment::OnRequest);
    let (cents, clause) = regime.activation;
    let activation = Provision::new(
        "delayed activation",
        Subject::Activations,
        per_day(cents, days, Grace::None),
    )
    .with_clause(clause)
    .with_payment(Payment::OnRequest);
    vec![interruption, irregular, activation]
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

    /// The same outage on a business line ("utenza affari"): doubled by default,
    /// 10 days × €6 × 2 (affari) × 2 services = €240, one line of €120 per service;
    /// €120 with the undoubled option (10 × €6 × 2 services).
    #[test]
    fn agcom_voice_and_broadband_business_line_is_doubled() {
        let business = claim("business", VOICE_AND_BROADBAND_DOWN);
        let c = run(&business, AgcomOptions::default());
        let amounts: Vec<String> = c.lines.iter().map(|l| l.amount.to_string()).collect();
        assert_eq!(amounts, vec!["120.00", "120.00"], "{c}");
        assert_eq!(c.total.to_string(), "240.00");
        assert!(c.notes.iter().any(|n| n.contains("utenze affari")), "{c}");
        let same = AgcomOptions {
            business: BusinessAmounts::Same,
            ..AgcomOptions::default()
        };
        assert_eq!(run(&business, same).total.to_string(), "120.00");
        // A consumer keeps €120 under the default doubling.
        assert_eq!(
            run(
                &claim("residential", VOICE_AND_BROADBAND_DOWN),
                AgcomOptions::default()
            )
            .total
            .to_string(),
            "120.00"
        );
    }

    const IRREGULAR_20_DAYS: &str = r#"
        [[outages]]
        services = ["internet"]
        start = "2025-03-03T08:00:00+01:00"
        reported = "2025-03-03T10:00:00+01:00"
        end = "2025-03-23T12:00:00+01:00"
        degraded = true
    "#;

    /// Broadband only, intermittent for 20 days (not a complete interruption) → 20 × €3 =
    /// €60 (business: 20 × €3 × 2 = €120). Complaint 3 Mar 2025, normal service 23 Mar.
    #[test]
    fn agcom_irregular_broadband_20_days() {
        let c = run(
            &claim("residential", IRREGULAR_20_DAYS),
            AgcomOptions::default(),
        );
        assert_eq!(c.total.to_string(), "60.00", "{c}");
        assert_eq!(c.lines.len(), 1);
        assert_eq!(c.lines[0].provision, "irregular service");
        let business = run(
            &claim("business", IRREGULAR_20_DAYS),
            AgcomOptions::default(),
        );
        assert_eq!(business.total.to_string(), "120.00", "{business}");
    }

    const ACTIVATION_15_DAYS_LATE: &str = r#"
        [[activations]]
        services = ["internet"]
        promised = "2025-03-03"
        delivered = "2025-03-18"
    "#;

    /// Activation 15 days late (one service) → 15 × €7.50 = €112.50 (business: 15 × €7.50
    /// × 2 = €225).
    #[test]
    fn agcom_activation_15_days_late() {
        let c = run(
            &claim("residential", ACTIVATION_15_DAYS_LATE),
            AgcomOptions::default(),
        );
        assert_eq!(c.total.to_string(), "112.50", "{c}");
        let business = run(
            &claim("business", ACTIVATION_15_DAYS_LATE),
            AgcomOptions::default(),
        );
        assert_eq!(business.total.to_string(), "225.00", "{business}");
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

    const BUSINESS_PHONE_MARCH_2018: &str = r#"
        [[outages]]
        services = ["phone"]
        start = "2018-03-05T08:00:00+01:00"
        reported = "2018-03-05T09:00:00+01:00"
        end = "2018-03-15T12:00:00+01:00"
    "#;

    /// The 2011 amounts. Business phone line completely down; complaint Mon 5 Mar 2018,
    /// restored Thu 15 Mar 2018 → 15 − 5 = 10 days × €5 × 2 (affari) = €100; undoubled
    /// 10 × €5 = €50 (the 2018 amounts would give 10 × €6 × 2 = €120).
    #[test]
    fn agcom_march_2018_business_phone_uses_the_2011_amounts() {
        let c = run(
            &claim("business", BUSINESS_PHONE_MARCH_2018),
            AgcomOptions::default(),
        );
        assert_eq!(c.total.to_string(), "100.00", "{c}");
        assert_eq!(c.lines.len(), 1);
        assert_eq!(c.lines[0].clause, "art. 5(1)");
        let same = AgcomOptions {
            business: BusinessAmounts::Same,
            ..AgcomOptions::default()
        };
        let undoubled = run(&claim("business", BUSINESS_PHONE_MARCH_2018), same);
        assert_eq!(undoubled.total.to_string(), "50.00", "{undoubled}");
    }

    /// The switch-over goes by the complaint date: a complaint on 17 July 2018 restored on
    /// 27 July → 10 days × €5 = €50 (2011 text); a complaint on 18 July restored on
    /// 28 July → 10 days × €6 = €60 (delibera 347/18/CONS).
    #[test]
    fn agcom_the_amended_amounts_apply_from_18_july_2018() {
        let outage = |day: u32| {
            format!(
                r#"
                [[outages]]
                services = ["internet"]
                start = "2018-07-{day}T08:00:00+02:00"
                reported = "2018-07-{day}T09:00:00+02:00"
                end = "2018-07-{}T12:00:00+02:00"
                "#,
                day + 10
            )
        };
        let before = run(&claim("residential", &outage(17)), AgcomOptions::default());
        assert_eq!(before.total.to_string(), "50.00", "{before}");
        let from = run(&claim("residential", &outage(18)), AgcomOptions::default());
        assert_eq!(from.total.to_string(), "60.00", "{from}");
    }

    /// Before the 2011 text (adopted 16 February 2011) neither version applies: a complaint
    /// of 1 February 2011 earns nothing, and the claim says why.
    #[test]
    fn agcom_before_february_2011_earns_nothing() {
        let c = run(
            &claim(
                "residential",
                r#"
                [[outages]]
                services = ["internet"]
                start = "2011-02-01T08:00:00+01:00"
                reported = "2011-02-01T09:00:00+01:00"
                end = "2011-02-11T12:00:00+01:00"
                "#,
            ),
            AgcomOptions::default(),
        );
        assert_eq!(c.total.to_string(), "0.00", "{c}");
        assert!(
            c.notes
                .iter()
                .any(|n| n.contains("in force from 2011-02-16")),
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
