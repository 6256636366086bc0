//! Germany: TKG 2021 §58(3) compensation for a complete outage not removed in time,
//! and §58(4) for a missed appointment (`de-tkg-58`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::claim_file::Segment;
use crate::money::{Currency, Rounding, RoundingMode};
use crate::outage::Cause;
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, Band, Bearing, Charges, Clock, Dating, Evidence, Grace, LastDay, Payment, PerUnit,
    Policy, PolicyVersion, Provision, Rule, ServiceScope, Subject, UnitCount,
};

/// Whether the day service came back is paid (§58(3) pays "each day of complete outage").
///
/// # Example
/// ```
/// assert_eq!(redress::catalog::de::RestorationDay::default(), redress::catalog::de::RestorationDay::Unpaid);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum RestorationDay {
    /// Only whole days out are paid; the day service returned is not.
    #[default]
    Unpaid,
    /// The day service returned is paid as a day of outage (reported Monday, fixed
    /// Saturday at €39.99 a month: €20 instead of €10).
    Paid,
}

/// How one outage's daily amounts are rounded (the statute names no rounding).
///
/// # Example
/// ```
/// assert_eq!(redress::catalog::de::DailyRounding::default(), redress::catalog::de::DailyRounding::OncePerOutage);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum DailyRounding {
    /// The days are added exactly and the sum rounded once to the cent (at €69.99 a
    /// month, two days at 10 % and two at 20 %: €41.994 → €41.99).
    #[default]
    OncePerOutage,
    /// Each day's amount is rounded to the cent before the days are added (€42.00).
    EachDay,
}

/// Which day the two calendar days after the report start counting from.
///
/// # Example
/// ```
/// assert_eq!(redress::catalog::de::ReportDay::default(), redress::catalog::de::ReportDay::DayZero);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ReportDay {
    /// The report day is day 0; days 1 and 2 are the provider's; compensation from day 3
    /// (consumer advice centres: "from the third calendar day after the report").
    #[default]
    DayZero,
    /// The report day is day 1, so compensation starts one day earlier (a possible
    /// reading of "within two calendar days after receipt", not the consumer advice
    /// centres').
    DayOne,
}

/// The readings [`tkg_58_with`] can take; [`Default`] is the catalog's. More
/// readings may be added: start from `Default` and set the fields you choose.
///
/// # Example
/// ```
/// use redress::catalog::de::{tkg_58_with, RestorationDay, TkgOptions};
/// let mut options = TkgOptions::default();
/// options.restoration_day = RestorationDay::Paid;
/// let p = tkg_58_with(options);
/// assert_eq!(p.id, "de-tkg-58");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct TkgOptions {
    /// Whether the day of restoration is paid.
    pub restoration_day: RestorationDay,
    /// How the daily amounts are rounded.
    pub daily_rounding: DailyRounding,
    /// Where the two calendar days after the report start.
    pub report_day: ReportDay,
}

/// `de-tkg-58`: TKG §58(3) and §58(4), with the catalog's readings.
///
/// A consumer whose service is completely out and not restored within two calendar
/// days after the fault report can claim, for each further whole day out, €5 or 10 %
/// of the monthly charges on days 3–4 and €10 or 20 % from day 5 (the higher each
/// time); a missed appointment earns €10 or 20 %. Owed on request. Source: TKG of
/// 23 June 2021 (BGBl. I p. 1858) §58(3)–(4), in force 1 December 2021. Figures \[P\]
/// (statute). [`tkg_58_with`] has the full rule and the options.
///
/// # Example
/// ```
/// // €39.99 a month, reported Mon 3 Mar 2025 09:00, fixed
/// // Sat 8 Mar 18:00. Days 1-2 Tue, Wed; day 3 Thu and day 4 Fri at max(€5, €4.00);
/// // Saturday is the day of restoration: €10.00, on request.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [plan]
///     currency = "EUR"
///     time_zone = "Europe/Berlin"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "39.99"
///     [[outages]]
///     services = ["internet"]
///     start = "2025-03-03T08:00:00+01:00"
///     reported = "2025-03-03T09:00:00+01:00"
///     end = "2025-03-08T18:00:00+01:00"
/// "#).unwrap();
/// let claim = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::de::tkg_58())?;
/// assert_eq!(claim.total.to_string(), "10.00");
/// assert!(!claim.automatic);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn tkg_58() -> Policy {
    tkg_58_with(TkgOptions::default())
}

/// `de-tkg-58` with chosen readings.
///
/// **The rule.** A consumer whose telecommunications service (fixed line, mobile,
/// internet access) is completely out, and not restored within two calendar days
/// after the provider received the fault report, can claim for each further day of
/// complete outage: on the 3rd and 4th day €5 or 10 % of the contract's monthly
/// charges, from the 5th day €10 or 20 %, whichever is higher (the percentage wins
/// only above €50 a month). The report day is day 0; the day service returns is not
/// paid unless it was a whole day out. An outage of any of the contract's services is
/// an outage of the contract, priced at the plan's covered monthly charges added up
/// (a court held one unusable contracted service to be a complete outage). The days
/// of one outage make one line, rounded once. A missed service or installation
/// appointment pays €10 or 20 % of the monthly charges, whichever is higher: the same
/// monthly charges as the outage compensation (the contract's covered services added
/// up), not the one service the appointment names.
/// Both are owed only on request ("kann verlangen"); no cap is stated.
///
/// Nothing is owed when the consumer caused the fault or its continuation, or for
/// force majeure (`cause = "customer"`, `"force-majeure"`; record an outage due to
/// statutory or security-authority measures as force majeure). Consumers only:
/// business customers are not covered. Versions are dated by the report.
///
/// **Source.** Telekommunikationsgesetz (TKG) of 23 June 2021, BGBl. I p. 1858,
/// §58(3) and §58(4); in force 1 December 2021 (gesetze-im-internet.de/tkg_2021).
///
/// **How firm.** \[P\]: the figures, days and exclusions are read in the statute. The
/// counting reading (report day = day 0, restoration day unpaid) and the rounding
/// are ours, as the statute leaves them open; the BNetzA view that days with a
/// working replacement (an LTE stick) earn nothing is \[S\] and is not encoded.
///
/// **Not encoded:** a §57(4) price reduction (Minderung) for the same fault must be
/// deducted from this compensation, and damages are set off against it; the claim
/// file records neither, so deduct them yourself. The percentage alternative assumes
/// a constant monthly charge.
///
/// # Example
/// ```
/// use redress::catalog::de::{tkg_58_with, DailyRounding, TkgOptions};
/// let mut options = TkgOptions::default();
/// options.daily_rounding = DailyRounding::EachDay;
/// let each_day = tkg_58_with(options);
/// assert!(each_day.readings.iter().any(|r| r.contains("each day's amount is rounded")));
/// ```
pub fn tkg_58_with(options: TkgOptions) -> Policy {
    let mut policy = Policy::new(
        "de-tkg-58",
        "TKG §58(3) compensation for a complete outage, §58(4) missed appointment",
        Currency::EUR,
    );
    policy.jurisdiction = "DE".to_owned();
    policy.citation = "Telekommunikationsgesetz (TKG) of 23 June 2021, BGBl. I p. 1858, \
        §58(3) and §58(4); in force 1 December 2021"
        .to_owned();
    policy.evidence = Evidence::Primary;
    policy.services = vec![
        ServiceKind::Internet,
        ServiceKind::Phone,
        ServiceKind::Mobile,
    ];
    policy.segments = vec![Segment::Residential];
    policy.dated_by = Dating::Report;

    let (grace, report_reading) = match options.report_day {
        ReportDay::DayZero => (
            Grace::CalendarDays(2),
            "the report day is day 0; days 1 and 2 are the provider's; compensation runs from day 3",
        ),
        ReportDay::DayOne => (
            Grace::CalendarDays(1),
            "the report day is day 1 and the next day day 2; compensation runs from day 3, the second day after the report day",
        ),
    };
    let (last_day, last_reading) = match options.restoration_day {
        RestorationDay::Unpaid => (
            LastDay::Unpaid,
            "only whole local days of complete outage are paid; the day service returned is not",
        ),
        RestorationDay::Paid => (
            LastDay::Paid,
            "whole local days of complete outage are paid, and so is the day service returned",
        ),
    };
    policy.readings = readings(report_reading, last_reading, options.daily_rounding);
    policy.readings_for = vec![(
        Bearing::Appointments,
        "a missed appointment is priced on the same monthly charges (the covered services \
         added up), whichever service it names"
            .to_owned(),
    )];

    policy.with_version(
        PolicyVersion::from_date(
            NaiveDate::from_ymd_opt(2021, 12, 1).unwrap_or(NaiveDate::MIN),
            provisions(options.daily_rounding, grace, last_day),
        )
        .with_label("TKG 2021"),
    )
}

/// The readings taken, in plain words: the counting chosen, then the fixed ones.
fn readings(report: &str, last: &str, rounding: DailyRounding) -> Vec<String> {
    let rounding_reading = match rounding {
        DailyRounding::OncePerOutage => {
            "the daily amounts of one outage are added exactly and rounded once, as one line"
        }
        DailyRounding::EachDay => {
            "each day's amount is rounded to the cent before the days of one outage are added"
        }
    };
    vec![
        report.to_owned(),
        last.to_owned(),
        rounding_reading.to_owned(),
        "an outage of any of the contract's services is an outage of the contract, priced at \
         the covered services' monthly charges added up"
            .to_owned(),
        "a §57(4) price reduction for the same fault is deducted from this compensation; the \
         claim file does not record one, so deduct it yourself"
            .to_owned(),
    ]
}

/// §58(3)'s outage compensation and §58(4)'s missed appointment.
fn provisions(rounding: DailyRounding, grace: Grace, last_day: LastDay) -> Vec<Provision> {
    let rounded = |amount: Amount| match rounding {
        DailyRounding::OncePerOutage => amount,
        DailyRounding::EachDay => Amount::Rounded {
            amount: Box::new(amount),
            rounding: Rounding {
                scale: 2,
                mode: RoundingMode::HalfAwayFromZero,
            },
        },
    };
    let greater = |fixed: i64, percent: i64| {
        Amount::GreaterOf(vec![
            Amount::Fixed(Decimal::new(fixed, 0)),
            Amount::ShareOfMonthly(Decimal::new(percent, 2)),
        ])
    };
    let outage = Provision::new(
        "outage compensation",
        Subject::Outages {
            scope: ServiceScope::Together,
        },
        Rule::PerUnit(
            PerUnit::banded(
                UnitCount::CompleteLocalDays { last_day },
                vec![
                    Band {
                        from_unit: 1,
                        rate: rounded(greater(5, 10)),
                    },
                    Band {
                        from_unit: 3,
                        rate: rounded(greater(10, 20)),
                    },
                ],
            )
            .with_clock(Clock::from_report())
            .with_grace(grace),
        ),
    )
    .with_clause("TKG §58(3)")
    .with_excluded_causes(&[Cause::Customer, Cause::ForceMajeure])
    .with_payment(Payment::OnRequest);
    let appointment = Provision::new(
        "missed appointment",
        Subject::Appointments,
        Rule::Fixed {
            amount: greater(10, 20),
        },
    )
    .with_clause("TKG §58(4)")
    .with_charges(Charges::AllCovered)
    .with_payment(Payment::OnRequest);
    vec![outage, appointment]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assess;
    use crate::{Claim, ClaimFile};

    fn claim(monthly: &str, rest: &str) -> ClaimFile {
        let text = format!(
            r#"
            [customer]
            region = "DE-BE"
            [plan]
            currency = "EUR"
            time_zone = "Europe/Berlin"
            [[plan.services]]
            kind = "internet"
            monthly_price = "{monthly}"
            {rest}
            "#
        );
        toml::from_str(&text).unwrap()
    }

    fn run(claim: &ClaimFile, options: TkgOptions) -> Claim {
        assess(claim, &tkg_58_with(options)).unwrap()
    }

    const MONDAY_TO_SATURDAY: &str = r#"
        [[outages]]
        services = ["internet"]
        start = "2025-03-03T08:00:00+01:00"
        reported = "2025-03-03T09:00:00+01:00"
        end = "2025-03-08T18:00:00+01:00"
    "#;

    /// €39.99/month, reported Mon 3 Mar 2025 09:00, fixed Sat 8 Mar 18:00. Day 1 Tue, day 2
    /// Wed, day 3 Thu (€5: 10 % = €4.00 < €5), day 4 Fri (€5), day 5 Sat = restoration day.
    /// Total €10.00, owed on request.
    #[test]
    fn tkg_monday_report_saturday_fix_pays_days_3_and_4() {
        let c = run(&claim("39.99", MONDAY_TO_SATURDAY), TkgOptions::default());
        assert_eq!(c.total.to_string(), "10.00", "{c}");
        assert!(!c.automatic);
        assert_eq!(c.lines.len(), 1);
    }

    /// Monday to Saturday, Saturday counted as a day of outage: + €10 (20 % = €8.00 < €10)
    /// → €20.00.
    #[test]
    fn tkg_monday_to_saturday_with_the_restoration_day_paid() {
        let options = TkgOptions {
            restoration_day: RestorationDay::Paid,
            ..TkgOptions::default()
        };
        let c = run(&claim("39.99", MONDAY_TO_SATURDAY), options);
        assert_eq!(c.total.to_string(), "20.00", "{c}");
    }

    /// The other reading of the two days (report day = day 1), worked by hand on Monday to
    /// Saturday: day 1 Mon, day 2 Tue, compensation from Wed: Wed and Thu at €5, Fri (the
    /// 3rd compensable day, "day 5") at max(€10, €8.00) = €10; Sat is the restoration day →
    /// €20.00.
    #[test]
    fn tkg_report_day_as_day_one() {
        let options = TkgOptions {
            report_day: ReportDay::DayOne,
            ..TkgOptions::default()
        };
        let c = run(&claim("39.99", MONDAY_TO_SATURDAY), options);
        assert_eq!(c.total.to_string(), "20.00", "{c}");
    }

    const FRIDAY_TO_FRIDAY: &str = r#"
        [[outages]]
        services = ["internet"]
        start = "2025-03-07T18:00:00+01:00"
        reported = "2025-03-07T19:00:00+01:00"
        end = "2025-03-14T12:00:00+01:00"
    "#;

    /// €69.99/month, reported Fri 7 Mar 2025 19:00, fixed Fri 14 Mar 12:00. Day 3 Mon and
    /// day 4 Tue: 10 % = €6.999 > €5; day 5 Wed and day 6 Thu: 20 % = €13.998 > €10; day 7
    /// Fri = restoration day. Total = 2 × 6.999 + 2 × 13.998 = €41.994 → €41.99 rounded
    /// once at the end.
    #[test]
    fn tkg_friday_to_friday_percentages_rounded_once() {
        let c = run(&claim("69.99", FRIDAY_TO_FRIDAY), TkgOptions::default());
        assert_eq!(c.total.to_string(), "41.99", "{c}");
        assert_eq!(c.lines.len(), 1);
        assert_eq!(c.lines[0].unrounded.normalize().to_string(), "41.994");
    }

    /// Friday to Friday, each day rounded to the cent first: 2 × 7.00 + 2 × 14.00 = €42.00.
    #[test]
    fn tkg_friday_to_friday_each_day_rounded() {
        let options = TkgOptions {
            daily_rounding: DailyRounding::EachDay,
            ..TkgOptions::default()
        };
        let c = run(&claim("69.99", FRIDAY_TO_FRIDAY), options);
        assert_eq!(c.total.to_string(), "42.00", "{c}");
    }

    /// Missed installation appointment at €29.99/month: 20 % = €6.00 → €10.
    #[test]
    fn tkg_missed_appointment_pays_at_least_10_euros() {
        let c = run(
            &claim("29.99", "[[appointments]]\ndate = \"2025-03-05\""),
            TkgOptions::default(),
        );
        assert_eq!(c.total.to_string(), "10.00", "{c}");
        assert!(!c.automatic);
    }

    /// Missed appointment at €59.99/month → 20 % = €11.998 → €12.00.
    #[test]
    fn tkg_missed_appointment_pays_20_percent_when_higher() {
        let c = run(
            &claim("59.99", "[[appointments]]\ndate = \"2025-03-05\""),
            TkgOptions::default(),
        );
        assert_eq!(c.total.to_string(), "12.00", "{c}");
    }

    /// §58(4) on the contract's charges: internet €29.99 and phone €30.00 (€59.99 in all),
    /// an appointment for the internet only missed → 20 % of €59.99 = €11.998 → €12.00,
    /// not max(€10, 20 % of €29.99 = €6.00) = €10 on the internet's price alone.
    #[test]
    fn tkg_missed_appointment_is_priced_on_the_contract() {
        let c = run(
            &claim(
                "29.99",
                r#"
                [[plan.services]]
                kind = "phone"
                monthly_price = "30.00"
                [[appointments]]
                date = "2025-03-05"
                services = ["internet"]
                "#,
            ),
            TkgOptions::default(),
        );
        assert_eq!(c.total.to_string(), "12.00", "{c}");
        assert!(
            c.notes
                .iter()
                .any(|n| n.contains("whichever service it names")),
            "{c}"
        );
    }

    /// Reported Mon 09:00, fixed Wed 23:00 → not beyond two calendar days → €0, with a
    /// note.
    #[test]
    fn tkg_fixed_within_two_days_earns_nothing() {
        let c = run(
            &claim(
                "39.99",
                r#"
                [[outages]]
                services = ["internet"]
                start = "2025-03-03T08:00:00+01:00"
                reported = "2025-03-03T09:00:00+01:00"
                end = "2025-03-05T23:00:00+01:00"
                "#,
            ),
            TkgOptions::default(),
        );
        assert_eq!(c.total.to_string(), "0.00", "{c}");
        assert!(c.notes.iter().any(|n| n.contains("grace period")), "{c}");
    }

    /// An offset (illustrative): Friday to Friday (€41.99), less a §57(4) reduction of €5
    /// already obtained → €36.99. The claim file records no reduction: the policy computes
    /// €41.99 and says the reduction must be deducted; 41.99 − 5.00 = 36.99 is the
    /// customer's own step.
    #[test]
    fn tkg_a_price_reduction_offset_is_left_to_the_customer() {
        let c = run(&claim("69.99", FRIDAY_TO_FRIDAY), TkgOptions::default());
        assert_eq!(c.total.to_string(), "41.99");
        assert!(
            c.notes
                .iter()
                .any(|n| n.contains("§57(4)") && n.contains("deduct")),
            "{c}"
        );
        assert_eq!(
            c.total - Decimal::new(500, 2),
            "36.99".parse::<Decimal>().unwrap()
        );
    }

    /// DST (worked by hand): €39.99, reported Wed 26 Mar 2025 10:00; days 1-2 Thu, Fri;
    /// compensable from Sat 29: Sat, Sun 30 (23 hours long: clocks go forward) and Mon 31
    /// are whole days; fixed Tue 1 Apr 12:00 → units 1-2 at €5, unit 3 at max(€10,
    /// €8.00) → €20.00.
    #[test]
    fn tkg_a_23_hour_dst_day_is_a_whole_day() {
        let c = run(
            &claim(
                "39.99",
                r#"
                [[outages]]
                services = ["internet"]
                start = "2025-03-26T09:00:00+01:00"
                reported = "2025-03-26T10:00:00+01:00"
                end = "2025-04-01T12:00:00+02:00"
                "#,
            ),
            TkgOptions::default(),
        );
        assert_eq!(c.total.to_string(), "20.00", "{c}");
    }

    /// In force 1 December 2021: a fault reported on 29 November 2021 earns nothing,
    /// and the claim says why.
    #[test]
    fn tkg_before_1_december_2021_earns_nothing() {
        let c = run(
            &claim(
                "39.99",
                r#"
                [[outages]]
                services = ["internet"]
                start = "2021-11-29T08:00:00+01:00"
                reported = "2021-11-29T09:00:00+01:00"
                end = "2021-12-10T12:00:00+01:00"
                "#,
            ),
            TkgOptions::default(),
        );
        assert_eq!(c.total.to_string(), "0.00", "{c}");
        assert!(
            c.notes
                .iter()
                .any(|n| n.contains("in force from 2021-12-01")),
            "{c}"
        );
    }

    /// Consumers only, and customer-caused or force-majeure outages earn nothing.
    #[test]
    fn tkg_business_customers_and_exclusions() {
        let mut business = claim("39.99", MONDAY_TO_SATURDAY);
        business.customer = Some(crate::Customer {
            segment: Segment::Business,
            ..Default::default()
        });
        assert_eq!(
            run(&business, TkgOptions::default()).total.to_string(),
            "0.00"
        );
        for cause in ["customer", "force-majeure"] {
            let text = MONDAY_TO_SATURDAY
                .replace("end = ", &format!("cause = \"{cause}\"\n        end = "));
            let c = run(&claim("39.99", &text), TkgOptions::default());
            assert_eq!(c.total.to_string(), "0.00", "{cause}: {c}");
        }
    }

    /// One contract: phone €20 + internet €49.99 = €69.99 a month, phone out and
    /// internet out on overlapping records reported as Friday to Friday → one line at
    /// the contract's charges, €41.99 as for internet alone at €69.99.
    #[test]
    fn tkg_one_contract_one_line() {
        let text = r#"
            [plan]
            currency = "EUR"
            time_zone = "Europe/Berlin"
            [[plan.services]]
            kind = "internet"
            monthly_price = "49.99"
            [[plan.services]]
            kind = "phone"
            monthly_price = "20.00"
            [[outages]]
            services = ["internet"]
            start = "2025-03-07T18:00:00+01:00"
            reported = "2025-03-07T19:00:00+01:00"
            end = "2025-03-14T12:00:00+01:00"
            [[outages]]
            services = ["phone"]
            start = "2025-03-07T18:30:00+01:00"
            end = "2025-03-13T12:00:00+01:00"
        "#;
        let c = run(&toml::from_str(text).unwrap(), TkgOptions::default());
        assert_eq!(c.lines.len(), 1, "{c}");
        assert_eq!(c.total.to_string(), "41.99");
    }
}
