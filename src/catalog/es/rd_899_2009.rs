//! Spain: Real Decreto 899/2009, arts. 15 (telephone) and 16 (internet access):
//! compensation for temporary interruptions (`es-rd-899-2009`).

use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;

use crate::money::Currency;
use crate::outage::Cause;
use crate::plan::ServiceKind;
use crate::policy::{
    Clock, Condition, Evidence, Payment, Policy, PolicyVersion, PriceSource, ProRata, ProRataBasis,
    Provision, Rule, ServiceScope, Subject,
};
use crate::span::Span;

/// What the monthly fee is prorated over.
///
/// # Example
/// ```
/// assert_eq!(redress::catalog::es::ProrationBase::default(), redress::catalog::es::ProrationBase::CalendarMonth);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ProrationBase {
    /// The hours of the calendar month the interruption falls in, split across months
    /// (FACUA's method: February has 672 hours).
    #[default]
    CalendarMonth,
    /// A 30-day month of 720 hours, whatever the month.
    ThirtyDays,
    /// The hours of the billing period the interruption falls in.
    BillingPeriod,
}

/// Where the interruption's credited time starts.
///
/// # Example
/// ```
/// assert_eq!(redress::catalog::es::TimedFrom::default(), redress::catalog::es::TimedFrom::OutageStart);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum TimedFrom {
    /// When service was lost.
    #[default]
    OutageStart,
    /// When the customer reported it (the automatic-payment tests still look at the
    /// whole interruption).
    Report,
}

/// What decides that art. 16's internet compensation is paid without asking.
///
/// # Example
/// ```
/// assert_eq!(redress::catalog::es::InternetTrigger::default(), redress::catalog::es::InternetTrigger::HoursInWindow);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum InternetTrigger {
    /// More than 6 hours of the billing period's interruptions fall within 08:00–22:00
    /// local time (the amount still uses every hour).
    #[default]
    HoursInWindow,
    /// The billing period's interruptions add up to more than 6 hours at any time of day.
    AllHours,
}

/// The readings [`rd_899_2009_with`] can take; [`Default`] is the catalog's. More
/// readings may be added: start from `Default` and set the fields you choose.
///
/// # Example
/// ```
/// use redress::catalog::es::{rd_899_2009_with, ProrationBase, Rd899Options};
/// let mut options = Rd899Options::default();
/// options.proration = ProrationBase::ThirtyDays;
/// let p = rd_899_2009_with(options);
/// assert_eq!(p.id, "es-rd-899-2009");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct Rd899Options {
    /// What the fee is prorated over.
    pub proration: ProrationBase,
    /// Where the credited time starts.
    pub timed_from: TimedFrom,
    /// What makes art. 16 automatic.
    pub internet_trigger: InternetTrigger,
}

/// `es-rd-899-2009`: RD 899/2009 arts. 15 and 16, with the catalog's readings.
///
/// For interruptions in a billing period, telephone earns five times its monthly fee
/// prorated by the time out (automatic over €1), internet its fee prorated by the time
/// out (automatic over 6 hours within 08:00–22:00); fees are prorated by the hours of
/// the calendar month. Source: Real Decreto 899/2009 arts. 15–16 (BOE 30 May 2009), in
/// force 30 August 2009. Figures \[S\] (articles read as quoted by law blogs, press and
/// the Supreme Court). [`rd_899_2009_with`] has the full rule and the options.
///
/// # Example
/// ```
/// // Internet at €39.99 down Mon 09:00 → Sat 18:00 (129 h) in
/// // June (720 h): 39.99 × 129 / 720 = 7.1649 → €7.16, automatic (13 h inside
/// // 08:00-22:00 on Monday alone).
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [plan]
///     currency = "EUR"
///     time_zone = "Europe/Madrid"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "39.99"
///     [[outages]]
///     services = ["internet"]
///     start = "2025-06-02T09:00:00+02:00"
///     end = "2025-06-07T18:00:00+02:00"
/// "#).unwrap();
/// let claim = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::es::rd_899_2009())?;
/// assert_eq!(claim.total.to_string(), "7.16");
/// assert!(claim.automatic);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn rd_899_2009() -> Policy {
    rd_899_2009_with(Rd899Options::default())
}

/// `es-rd-899-2009` with chosen readings.
///
/// **The rule.** When a subscriber suffers temporary interruptions in a billing
/// period:
/// - *Telephone* (art. 15; fixed and mobile, `phone` and `mobile`): at least the greater
///   of (a) the average amount billed for the service over the three months before the
///   interruption, prorated by the time out, and (b) five times the monthly fee in force,
///   prorated by the time out; paid in the next bill without asking when that amount is
///   more than €1, otherwise on request. With force majeure only the fee itself,
///   prorated, is refunded, automatically.
/// - *Internet access* (art. 16): the subscription fee and other fixed fees, prorated by
///   the time out; paid without asking when the period's interruptions, continuous or
///   not, exceed 6 hours within 08:00–22:00 local time, otherwise on request.
///
/// Time runs from the outage start; the fee is prorated by the hours of the calendar
/// month the interruption falls in (split when it spans two months, so a DST month
/// has 743 or 745 hours); the amount counts every hour, while art. 16's trigger counts
/// only the hours within 08:00–22:00. Phone and internet compensation add up for the
/// same incident. Nothing is owed for interruptions the subscriber caused (serious
/// breach, non-conforming terminal equipment: `cause = "customer"`).
///
/// **Bundles.** A package whose phone and internet are not priced separately is split
/// half and half (FACUA's method): list both services in the plan at half the
/// package's price each, e.g. with [`crate::split_bundle`] and weights 1 and 1.
///
/// **Alternative (a).** The claim file describes prices, not past bills, so (a) is read
/// from the service's `average_monthly_bill` (the average billed for that service each
/// month over the three complete billing months before, fewer when the contract is
/// younger). With it, both are computed and the greater paid; without it, (b) alone,
/// and the claim's notes say that (a) was not computed and might pay more. A batch's
/// accounts carry no average bill: there, (b) alone. Damages beyond these amounts need
/// proof (art. 18).
///
/// **Source.** Real Decreto 899/2009, de 22 de mayo, carta de derechos del usuario de
/// los servicios de comunicaciones electrónicas, arts. 15 and 16; BOE no. 131,
/// 30 May 2009; in force 30 August 2009.
///
/// **How firm.** \[S\]: the articles were read as quoted in law blogs, consumer press
/// and the Supreme Court's STS 1122/2024, not in the BOE itself; the force-majeure rule
/// (fee only) is \[S/M\]; the 50/50 bundle split is \[S\] (the €2.23 FACUA published
/// in May 2025 for 10 hours of a €50 bundle reproduces it).
///
/// # Example
/// ```
/// use redress::catalog::es::{rd_899_2009_with, InternetTrigger, Rd899Options};
/// let mut options = Rd899Options::default();
/// options.internet_trigger = InternetTrigger::AllHours;
/// let all_hours = rd_899_2009_with(options);
/// assert!(all_hours.readings.iter().any(|r| r.contains("at any time of day")));
/// ```
pub fn rd_899_2009_with(options: Rd899Options) -> Policy {
    let mut policy = Policy::new(
        "es-rd-899-2009",
        "RD 899/2009 compensation for interruptions of telephone (art. 15) and internet (art. 16)",
        Currency::EUR,
    );
    policy.jurisdiction = "ES".to_owned();
    policy.citation = "Real Decreto 899/2009, de 22 de mayo, carta de derechos del usuario de \
        los servicios de comunicaciones electrónicas, arts. 15 and 16 (BOE no. 131, 30 May \
        2009); in force 30 August 2009"
        .to_owned();
    policy.evidence = Evidence::Secondary;
    policy.services = vec![
        ServiceKind::Phone,
        ServiceKind::Mobile,
        ServiceKind::Internet,
    ];

    let (basis, basis_reading) = match options.proration {
        ProrationBase::CalendarMonth => (
            ProRataBasis::CalendarMonth,
            "fees are prorated by the hours of the calendar month the interruption falls in, split across months",
        ),
        ProrationBase::ThirtyDays => (
            ProRataBasis::ThirtyDays,
            "fees are prorated over a 30-day month of 720 hours",
        ),
        ProrationBase::BillingPeriod => (
            ProRataBasis::BillingPeriod,
            "fees are prorated by the hours of the billing period the interruption falls in",
        ),
    };
    let (clock, clock_reading) = match options.timed_from {
        TimedFrom::OutageStart => (
            Clock::default(),
            "time out runs from the start of the interruption",
        ),
        TimedFrom::Report => (
            Clock::from_report(),
            "time out runs from the customer's report; the automatic-payment tests still look at the whole interruption",
        ),
    };
    let six_hours = Span::hours(6);
    let (trigger, trigger_reading) = match options.internet_trigger {
        InternetTrigger::HoursInWindow => (
            Condition::TimeInDailyWindowMoreThan {
                from: NaiveTime::from_hms_opt(8, 0, 0).unwrap_or(NaiveTime::MIN),
                to: NaiveTime::from_hms_opt(22, 0, 0).unwrap_or(NaiveTime::MIN),
                more_than: six_hours,
            },
            "art. 16 is paid without asking when more than 6 hours of the billing period's interruptions fall within 08:00-22:00 local time; the amount uses every hour",
        ),
        InternetTrigger::AllHours => (
            Condition::DurationMoreThan(six_hours),
            "art. 16 is paid without asking when the billing period's interruptions add up to more than 6 hours at any time of day",
        ),
    };
    policy.readings = vec![
        clock_reading.to_owned(),
        basis_reading.to_owned(),
        trigger_reading.to_owned(),
        "art. 15 pays the greater of (a) the service's average_monthly_bill (the average \
         billed over the 3 months before), prorated, and (b) five times the fee, prorated; \
         without average_monthly_bill only (b) is computed"
            .to_owned(),
        "a bundle without separate phone and internet prices is split 50/50: list each at half \
         the price (redress::split_bundle)"
            .to_owned(),
    ];

    let periods = Subject::BillingPeriods {
        scope: ServiceScope::EachService,
    };
    let prorated = |multiplier: i64, price: PriceSource| {
        Rule::ProRata(
            ProRata::new(basis)
                .with_multiplier(Decimal::new(multiplier, 0))
                .with_clock(clock)
                .with_price(price),
        )
    };
    let pro_rata = |multiplier: i64| prorated(multiplier, PriceSource::MonthlyPrice);
    // Art. 15: the greater of (a) the average bill and (b) five times the fee, each
    // prorated; (b) alone, with a note, where the average bill is not given.
    let art_15 = Rule::When {
        condition: Condition::AverageMonthlyBillGiven,
        then: Box::new(Rule::MaxOf {
            rules: vec![pro_rata(5), prorated(1, PriceSource::AverageMonthlyBill)],
        }),
        otherwise: Some(Box::new(pro_rata(5))),
    };
    let phones = vec![ServiceKind::Phone, ServiceKind::Mobile];
    let telephone = Provision::new("telephone interruption", periods, art_15)
        .with_clause("RD 899/2009 art. 15.1")
        .with_services(phones.clone())
        .with_excluded_causes(&[Cause::Customer, Cause::ForceMajeure])
        .with_payment(Payment::AutomaticIf(Condition::CreditMoreThan(
            Decimal::ONE,
        )));
    let force_majeure = Provision::new("telephone force-majeure refund", periods, pro_rata(1))
        .with_clause("RD 899/2009 art. 15, force majeure: fees only [S/M]")
        .with_services(phones)
        .with_excluded_causes(&[
            Cause::Network,
            Cause::Power,
            Cause::SevereWeather,
            Cause::Customer,
            Cause::Planned,
        ]);
    let internet = Provision::new("internet interruption", periods, pro_rata(1))
        .with_clause("RD 899/2009 art. 16")
        .with_services(vec![ServiceKind::Internet])
        .with_excluded_causes(&[Cause::Customer])
        .with_payment(Payment::AutomaticIf(trigger));
    policy.with_version(
        PolicyVersion::from_date(
            NaiveDate::from_ymd_opt(2009, 8, 30).unwrap_or(NaiveDate::MIN),
            vec![telephone, force_majeure, internet],
        )
        .with_label("RD 899/2009"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assess;
    use crate::{split_bundle, Claim, ClaimFile, Money, Outage, Service, ServicePlan};

    fn claim(services: &str, rest: &str) -> ClaimFile {
        let text = format!(
            r#"
            [customer]
            region = "ES-MD"
            [plan]
            currency = "EUR"
            time_zone = "Europe/Madrid"
            {services}
            {rest}
            "#
        );
        toml::from_str(&text).unwrap()
    }

    fn internet(price: &str) -> String {
        format!("[[plan.services]]\nkind = \"internet\"\nmonthly_price = \"{price}\"")
    }

    fn phone(price: &str) -> String {
        format!("[[plan.services]]\nkind = \"phone\"\nmonthly_price = \"{price}\"")
    }

    fn run(claim: &ClaimFile, options: Rd899Options) -> Claim {
        assess(claim, &rd_899_2009_with(options)).unwrap()
    }

    fn outage(service: &str, start: &str, end: &str) -> String {
        format!("[[outages]]\nservices = [\"{service}\"]\nstart = \"{start}\"\nend = \"{end}\"\n")
    }

    /// Internet only, €39.99/month, down Mon 09:00 → Sat 18:00 (129 h), in June 2025
    /// (720 h). 39.99 × 129 / 720 = €7.1649 → €7.16. Hours within 08:00–22:00 on Monday
    /// alone = 13 > 6 → automatic.
    #[test]
    fn rd899_internet_129_hours_automatic() {
        let c = run(
            &claim(
                &internet("39.99"),
                &outage(
                    "internet",
                    "2025-06-02T09:00:00+02:00",
                    "2025-06-07T18:00:00+02:00",
                ),
            ),
            Rd899Options::default(),
        );
        assert_eq!(c.total.to_string(), "7.16", "{c}");
        assert!(c.automatic);
    }

    /// Internet only, €30/month, down 23:00 → 07:00 (8 h, all outside 08:00–22:00), June.
    /// 30 × 8 / 720 = €0.33; not automatic (0 h inside the window): the customer must
    /// claim.
    #[test]
    fn rd899_night_interruption_on_request() {
        let c = run(&claim(&internet("30"), NIGHT), Rd899Options::default());
        assert_eq!(c.total.to_string(), "0.33", "{c}");
        assert!(!c.automatic);
    }

    /// The night interruption under the other reading of art. 16's trigger (all hours
    /// count): 8 h > 6 h → automatic; the amount is the same €0.33.
    #[test]
    fn rd899_night_interruption_all_hours_trigger() {
        let options = Rd899Options {
            internet_trigger: InternetTrigger::AllHours,
            ..Rd899Options::default()
        };
        let c = run(&claim(&internet("30"), NIGHT), options);
        assert_eq!(c.total.to_string(), "0.33", "{c}");
        assert!(c.automatic);
    }

    const NIGHT: &str = r#"
        [[outages]]
        services = ["internet"]
        start = "2025-06-03T23:00:00+02:00"
        end = "2025-06-04T07:00:00+02:00"
    "#;

    /// Fixed phone, fee €15/month, 10-hour interruption (June): (b) 5 × 15 × 10 / 720 =
    /// €1.042 → €1.04 > €1 → automatic. (a), the €40 average bill (40 × 10 / 720 = €0.556),
    /// is lower here; without `average_monthly_bill` it is not computed, and the claim
    /// says so, naming the field.
    #[test]
    fn rd899_phone_ten_hours_five_times_the_fee() {
        let c = run(
            &claim(
                &phone("15"),
                &outage(
                    "phone",
                    "2025-06-10T08:00:00+02:00",
                    "2025-06-10T18:00:00+02:00",
                ),
            ),
            Rd899Options::default(),
        );
        assert_eq!(c.total.to_string(), "1.04", "{c}");
        assert!(c.automatic);
        assert!(
            c.notes
                .iter()
                .any(|n| n.contains("no `average_monthly_bill` for phone")),
            "{c}"
        );
    }

    /// FACUA's published case (May 2025). Bundle €50 with phone and internet not itemised,
    /// split 50/50 with split_bundle; 10 h in February 2025 (28 days = 672 h). Phone half
    /// €25: 5 × 25 × 10 / 672 = €1.860 → €1.86; internet half €25: 25 × 10 / 672 = €0.372 →
    /// €0.37; total €2.23 (FACUA: €2.23 for 10 h).
    #[test]
    fn rd899_facua_bundle_february() {
        let parts = split_bundle(
            Money::new(Decimal::new(50, 0), Currency::EUR),
            &[
                (ServiceKind::Phone, Decimal::ONE),
                (ServiceKind::Internet, Decimal::ONE),
            ],
        )
        .unwrap();
        let mut plan = ServicePlan::new(Currency::EUR, chrono_tz::Europe::Madrid);
        for part in parts {
            plan = plan.with_service(Service::new(part.kind, part.monthly_price));
        }
        let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
        let file = ClaimFile::new(plan).with_outage(
            Outage::new(
                vec![ServiceKind::Phone, ServiceKind::Internet],
                t("2025-02-11T10:00:00+01:00"),
            )
            .with_end(t("2025-02-11T20:00:00+01:00")),
        );
        let c = run(&file, Rd899Options::default());
        let amounts: Vec<String> = c.lines.iter().map(|l| l.amount.to_string()).collect();
        assert_eq!(amounts, vec!["1.86", "0.37"], "{c}");
        assert_eq!(c.total.to_string(), "2.23");
        assert!(c.automatic); // phone 1.86 > 1; internet 10 h inside 08:00-22:00
    }

    /// The FACUA case over a 30-day month instead (worked by hand): phone 5 × 25 × 10 /
    /// 720 = 1.736 → 1.74; internet 25 × 10 / 720 = 0.347 → 0.35; total €2.09.
    #[test]
    fn rd899_facua_bundle_thirty_day_month() {
        let options = Rd899Options {
            proration: ProrationBase::ThirtyDays,
            ..Rd899Options::default()
        };
        let services = format!("{}\n{}", phone("25.00"), internet("25.00"));
        let rest = r#"
            [[outages]]
            services = ["phone", "internet"]
            start = "2025-02-11T10:00:00+01:00"
            end = "2025-02-11T20:00:00+01:00"
        "#;
        let c = run(&claim(&services, rest), options);
        assert_eq!(c.total.to_string(), "2.09", "{c}");
    }

    /// Phone, fee €39.99 (no higher average), down 129 h in June: 5 × 39.99 × 129 / 720 =
    /// €35.824 → €35.82.
    #[test]
    fn rd899_phone_129_hours() {
        let c = run(
            &claim(
                &phone("39.99"),
                &outage(
                    "phone",
                    "2025-06-02T09:00:00+02:00",
                    "2025-06-07T18:00:00+02:00",
                ),
            ),
            Rd899Options::default(),
        );
        assert_eq!(c.total.to_string(), "35.82", "{c}");
        assert!(c.automatic);
    }

    /// DST (worked by hand): March 2025 in Madrid has 743 hours (clocks go forward on
    /// 30 March). Internet at €74.30, 10 h out on 10 March: 74.30 × 10 / 743 = €1.00.
    #[test]
    fn rd899_a_dst_month_has_743_hours() {
        let c = run(
            &claim(
                &internet("74.30"),
                &outage(
                    "internet",
                    "2025-03-10T10:00:00+01:00",
                    "2025-03-10T20:00:00+01:00",
                ),
            ),
            Rd899Options::default(),
        );
        assert_eq!(c.total.to_string(), "1.00", "{c}");
    }

    /// Prorated by the billing period (option), worked by hand: billing on the 15th, the
    /// period 15 Mar → 15 Apr 2025 has 31 days less the DST hour = 743 h. Internet at
    /// €74.30, 10 h out on 5 April: by the billing period 74.30 × 10 / 743 = €1.00; by
    /// the calendar month (April, 720 h) 74.30 × 10 / 720 = 1.0319 → €1.03.
    #[test]
    fn rd899_prorated_by_billing_period() {
        let file = claim(
            &format!("billing_day = 15\n{}", internet("74.30")),
            &outage(
                "internet",
                "2025-04-05T10:00:00+02:00",
                "2025-04-05T20:00:00+02:00",
            ),
        );
        let options = Rd899Options {
            proration: ProrationBase::BillingPeriod,
            ..Rd899Options::default()
        };
        assert_eq!(run(&file, options).total.to_string(), "1.00");
        assert_eq!(
            run(&file, Rd899Options::default()).total.to_string(),
            "1.03"
        );
    }

    /// An interruption spanning two months is split (worked by hand): internet at €31,
    /// out 30 Apr 20:00 → 1 May 08:00 (12 h). April (720 h): 31 × 4 / 720 = 0.172 →
    /// 0.17; May (744 h): 31 × 8 / 744 = 0.333 → 0.33; €0.50 in two lines. Neither
    /// month has more than 6 h inside 08:00–22:00 (2 h and 0 h): on request.
    #[test]
    fn rd899_an_interruption_across_two_months_is_split() {
        let c = run(
            &claim(
                &internet("31"),
                &outage(
                    "internet",
                    "2025-04-30T20:00:00+02:00",
                    "2025-05-01T08:00:00+02:00",
                ),
            ),
            Rd899Options::default(),
        );
        assert_eq!(c.lines.len(), 2, "{c}");
        assert_eq!(c.total.to_string(), "0.50");
        assert!(!c.automatic);
    }

    /// Discontinuous interruptions add up for art. 16's trigger (worked by hand):
    /// internet at €36, out 10:00–14:00 on 2 and 3 June: 4 h + 4 h = 8 h inside the
    /// window > 6 h → automatic; 36 × 4 / 720 = €0.20 each → €0.40.
    #[test]
    fn rd899_discontinuous_interruptions_add_up_for_the_trigger() {
        let rest = format!(
            "{}{}",
            outage(
                "internet",
                "2025-06-02T10:00:00+02:00",
                "2025-06-02T14:00:00+02:00"
            ),
            outage(
                "internet",
                "2025-06-03T10:00:00+02:00",
                "2025-06-03T14:00:00+02:00"
            )
        );
        let c = run(&claim(&internet("36"), &rest), Rd899Options::default());
        assert_eq!(c.total.to_string(), "0.40", "{c}");
        assert!(c.automatic);
    }

    /// Timed from the report (option), worked by hand: the €15 phone of the 10-hour test,
    /// out 08:00–18:00 but reported at 12:00 → 6 h: 5 × 15 × 6 / 720 = €0.625 → €0.63, not
    /// more than €1 → on request. From the outage start: €1.04, automatic.
    #[test]
    fn rd899_timed_from_the_report() {
        let file = claim(
            &phone("15"),
            r#"
            [[outages]]
            services = ["phone"]
            start = "2025-06-10T08:00:00+02:00"
            reported = "2025-06-10T12:00:00+02:00"
            end = "2025-06-10T18:00:00+02:00"
            "#,
        );
        let options = Rd899Options {
            timed_from: TimedFrom::Report,
            ..Rd899Options::default()
        };
        let c = run(&file, options);
        assert_eq!(c.total.to_string(), "0.63", "{c}");
        assert!(!c.automatic);
        assert_eq!(
            run(&file, Rd899Options::default()).total.to_string(),
            "1.04"
        );
    }

    /// Force majeure (art. 15, [S/M]): only the fee, prorated, automatically. The €15 phone
    /// of the 10-hour test (10 h in June): 15 × 10 / 720 = 0.208 → €0.21.
    #[test]
    fn rd899_force_majeure_pays_the_fee_only() {
        let c = run(
            &claim(
                &phone("15"),
                r#"
                [[outages]]
                services = ["phone"]
                start = "2025-06-10T08:00:00+02:00"
                end = "2025-06-10T18:00:00+02:00"
                cause = "force-majeure"
                "#,
            ),
            Rd899Options::default(),
        );
        assert_eq!(c.total.to_string(), "0.21", "{c}");
        assert!(c.automatic);
    }

    /// In force 30 August 2009: an interruption on 1 August 2009 earns nothing, and the
    /// claim says why.
    #[test]
    fn rd899_before_30_august_2009_earns_nothing() {
        let c = run(
            &claim(
                &phone("15"),
                &outage(
                    "phone",
                    "2009-08-01T08:00:00+02:00",
                    "2009-08-01T18:00:00+02:00",
                ),
            ),
            Rd899Options::default(),
        );
        assert_eq!(c.total.to_string(), "0.00", "{c}");
        assert!(
            c.notes
                .iter()
                .any(|n| n.contains("in force from 2009-08-30")),
            "{c}"
        );
    }
}
