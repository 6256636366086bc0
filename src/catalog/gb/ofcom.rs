//! United Kingdom: Ofcom's automatic compensation scheme for residential landline and
//! broadband (`uk-ofcom-auto-comp`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::claim_file::Segment;
use crate::money::Currency;
use crate::outage::Cause;
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, ClaimDeadline, Clock, Dating, DayKind, Evidence, Grace, PerUnit, Policy, PolicyVersion,
    Provision, Rule, ServiceScope, Subject, UnitCount,
};

/// Which date of a fault picks the year's amounts (they change every 1 April).
///
/// # Example
/// ```
/// use redress::catalog::gb::RateDate;
/// assert_eq!(RateDate::default(), RateDate::Report);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum RateDate {
    /// The date the customer reported the fault: Ofcom applies new amounts to issues
    /// that "occur" on or after 1 April, and the provider learns of a fault when it is
    /// reported (Ofcom's uprating announcement of April 2021, as quoted by ISPreview).
    #[default]
    Report,
    /// The date service was lost, when that was before the report.
    OutageStart,
}

/// The readings [`ofcom_auto_comp_with`] can take; [`Default`] is the catalog's. More
/// readings may be added: start from `Default` and set the fields you choose.
///
/// # Example
/// ```
/// use redress::catalog::gb::{ofcom_auto_comp_with, OfcomOptions, RateDate};
/// let mut options = OfcomOptions::default();
/// options.rate_date = RateDate::OutageStart;
/// let p = ofcom_auto_comp_with(options);
/// assert_eq!(p.id, "uk-ofcom-auto-comp");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct OfcomOptions {
    /// Which date picks the year's amounts.
    pub rate_date: RateDate,
}

/// A date of the catalog's tables (never invalid; `NaiveDate::MIN` would show in tests).
fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// Pence as pounds.
fn gbp(pence: i64) -> Decimal {
    Decimal::new(pence, 2)
}

/// Ofcom's amounts by year, each from 1 April: delayed repair per day, delayed
/// provision per day, missed appointment. The sources of each year's figures are named
/// beside them; from 2021 each year's figures are the previous year's × (1 + the CPI of
/// the previous October), rounded to the penny.
const AMOUNTS: [(i32, i64, i64, i64); 8] = [
    (2019, 800, 500, 2500),  // [P] Ofcom; [S] TechRadar
    (2020, 800, 500, 2500),  // [S] no uprating before 2021
    (2021, 806, 504, 2518),  // [S] ISPreview; [P] EE £8.06/£5.04
    (2022, 840, 525, 2624),  // [S] ISPreview, BT community
    (2023, 933, 583, 2915),  // [P] Virgin Media
    (2024, 976, 610, 3049),  // [P] EE
    (2025, 998, 624, 3119),  // [P] EE, Light
    (2026, 1034, 646, 3231), // [S] repair and appointment; provision computed
];

/// `uk-ofcom-auto-comp`: Ofcom's automatic compensation, with the catalog's readings.
///
/// Residential landline and broadband customers are paid, without asking, a daily rate
/// for each day a total loss of service goes unrepaired past 23:59 on the second
/// working day after the report, a daily rate for each day of late activation, and a
/// fixed sum per missed engineer appointment; the amounts in force on the report date
/// apply (they rise each 1 April). Source: the Industry Code of Practice for Automatic
/// Compensation approved by Ofcom on 10 November 2017, in force 1 April 2019. Figures
/// \[P\] for 2019 and 2023–2025, \[S\] for 2020–2022 and 2026 (the 2026 provision figure
/// is computed). [`ofcom_auto_comp_with`] has the full rule, the amounts table and the
/// options.
///
/// # Example
/// ```
/// // Reported Mon 2 Jun 2025, deadline Wed 4 Jun 23:59, fixed Sat 7 Jun:
/// // 7 − 4 = 3 days × £9.98 (the rate from 1 April 2025) = £29.94.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [customer]
///     region = "GB-ENG"
///     [plan]
///     currency = "GBP"
///     time_zone = "Europe/London"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "30.00"
///     [[outages]]
///     services = ["internet"]
///     start = "2025-06-02T08:00:00+01:00"
///     reported = "2025-06-02T09:00:00+01:00"
///     end = "2025-06-07T18:00:00+01:00"
/// "#).unwrap();
/// let claim = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::gb::ofcom_auto_comp())?;
/// assert_eq!(claim.total.to_string(), "29.94");
/// assert!(claim.automatic);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn ofcom_auto_comp() -> Policy {
    ofcom_auto_comp_with(OfcomOptions::default())
}

/// `uk-ofcom-auto-comp` with chosen readings.
///
/// **The rule.** Residential landline and broadband customers of the signatory
/// providers are paid automatically, without asking:
/// - *Delayed repair* after a total loss of service (no calls, calls one way only, or
///   no internet at all; slow or intermittent service does not count): if the fault is
///   not fixed by 23:59 on the second working day after the day it was reported, one
///   daily rate for missing that deadline and one for each further calendar day until
///   the day of repair, which is not paid (days = repair date − deadline date).
///   Working days are Monday to Friday less the bank holidays of the customer's nation
///   (`customer.region` `GB-ENG`, `GB-WLS`, `GB-SCT` or `GB-NIR`). One daily rate per
///   line whether broadband, phone or both are down.
/// - *Delayed provision*: one daily rate for each day from the promised date to the day
///   before service went live (days = live date − promised date).
/// - *Missed appointment*: a fixed sum per engineer appointment missed, or cancelled
///   with less than 24 hours' notice (record only those in `appointments`).
///
/// The amounts are those in force on the date the fault was reported (or, for the
/// other items, the appointment's date and the promised date); they rise each 1 April
/// by CPI. Outages caused by the customer, planned and notified outages, and the
/// code's civil-emergency exception (`cause = "force-majeure"`) earn nothing.
/// Payment is due within 30 calendar days of the repair, activation or appointment.
///
/// | from 1 April | repair / day | provision / day | appointment |
/// |---|---|---|---|
/// | 2019 | £8.00 \[P\] | £5.00 \[P\] | £25.00 \[P\] |
/// | 2020 | £8.00 \[S\] | £5.00 \[S\] | £25.00 \[S\] |
/// | 2021 | £8.06 \[P\] | £5.04 \[P\] | £25.18 \[S\] |
/// | 2022 | £8.40 \[S\] | £5.25 \[S\] | £26.24 \[S\] |
/// | 2023 | £9.33 \[P\] | £5.83 \[P\] | £29.15 \[P\] |
/// | 2024 | £9.76 \[P\] | £6.10 \[P\] | £30.49 \[P\] |
/// | 2025 | £9.98 \[P\] | £6.24 \[P\] | £31.19 \[P\] |
/// | 2026 | £10.34 \[S\] | £6.46 \[C\] | £32.31 \[S\] |
///
/// **Source.** Industry Code of Practice for Automatic Compensation, approved and
/// published by Ofcom on 10 November 2017 after its statement "Automatic
/// Compensation: Protecting consumers from service quality problems"; in force
/// 1 April 2019 (Ofcom, "Automatic compensation: what you need to know",
/// ofcom.org.uk). Amounts and the deadline rule as published by the signatories: EE
/// (ee.co.uk/help, automatic compensation), Virgin Media (virginmedia.com/help,
/// automatic compensation).
///
/// **How firm.** Graded \[S\] overall: the 2019 and 2023–2025 amounts and the deadline
/// rule are primary (\[P\]); the 2020–2022 and 2026 amounts, the "initial payment plus
/// each further full day" counting and the 30-day payment deadline are secondary
/// (\[S\]); the 2026 provision figure £6.46 is computed (£6.24 × 1.036, the CPI that
/// reproduces the published 2026 figures), not published anywhere seen.
///
/// **Not encoded** (the claim file cannot say them): pauses while the customer delays
/// the repair (missed or declined appointments), the provider's notice that payments
/// will stop (no earlier than 30 days after compensation started), alternative
/// compensation of equal value, and each signatory's own joining date.
///
/// # Example
/// ```
/// use redress::catalog::gb::{ofcom_auto_comp_with, OfcomOptions, RateDate};
/// // Service lost Mon 31 Mar 2025 at 23:00, reported Tue 1 Apr 09:00: the 2025 rate by
/// // the report's date; the 2024 rate by the date service was lost.
/// let mut options = OfcomOptions::default();
/// options.rate_date = RateDate::OutageStart;
/// let by_loss = ofcom_auto_comp_with(options);
/// assert_eq!(by_loss.dated_by, redress::policy::Dating::OutageStart);
/// ```
pub fn ofcom_auto_comp_with(options: OfcomOptions) -> Policy {
    let mut policy = Policy::new(
        "uk-ofcom-auto-comp",
        "Ofcom automatic compensation: delayed repair, delayed provision, missed appointment",
        Currency::GBP,
    );
    policy.jurisdiction = "GB".to_owned();
    policy.citation = "Industry Code of Practice for Automatic Compensation (landline and \
        broadband), approved by Ofcom on 10 November 2017 (Ofcom statement \"Automatic \
        Compensation: Protecting consumers from service quality problems\"); in force \
        1 April 2019; amounts uprated by CPI each 1 April from 2021"
        .to_owned();
    policy.evidence = Evidence::Secondary;
    policy.services = vec![ServiceKind::Internet, ServiceKind::Phone];
    policy.segments = vec![Segment::Residential];
    policy.dated_by = match options.rate_date {
        RateDate::Report => Dating::Report,
        RateDate::OutageStart => Dating::OutageStart,
    };
    let rate_reading = match options.rate_date {
        RateDate::Report => {
            "the amounts are those in force on the date the fault was reported (they change each 1 April)"
        }
        RateDate::OutageStart => {
            "the amounts are those in force on the date service was lost (they change each 1 April)"
        }
    };
    policy.readings = vec![
        "the repair deadline is 23:59 on the second working day after the day of the report, \
         with the bank holidays of the customer's nation (customer.region GB-ENG, GB-WLS, \
         GB-SCT or GB-NIR)"
            .to_owned(),
        "delayed repair pays one daily rate for missing the deadline and one for each further \
         calendar day; the day of repair is not paid (days = repair date − deadline date)"
            .to_owned(),
        "one daily rate per line whether broadband, phone or both are down".to_owned(),
        rate_reading.to_owned(),
        "pauses while the customer delays the repair, and a provider's notice that payments \
         will stop after 30 days, are not taken into account: the claim file cannot record them"
            .to_owned(),
    ];
    for (i, (year, repair, provision, appointment)) in AMOUNTS.iter().enumerate() {
        let mut version = PolicyVersion::from_date(
            day(*year, 4, 1),
            provisions(gbp(*repair), gbp(*provision), gbp(*appointment)),
        )
        .with_label(&format!("amounts from 1 April {year}"));
        if i + 1 < AMOUNTS.len() {
            version = version.with_end_date(day(*year + 1, 4, 1));
        }
        policy = policy.with_version(version);
    }
    policy
}

/// The three provisions at one year's amounts.
fn provisions(repair: Decimal, provision: Decimal, appointment: Decimal) -> Vec<Provision> {
    let due = ClaimDeadline::DaysAfterIncident { days: 30 };
    let excluded = [Cause::Customer, Cause::Planned, Cause::ForceMajeure];
    vec![
        Provision::new(
            "delayed repair",
            Subject::Outages {
                scope: ServiceScope::Together,
            },
            Rule::PerUnit(
                PerUnit::new(UnitCount::Days(DayKind::Calendar), Amount::Fixed(repair))
                    .with_clock(Clock::from_report())
                    .with_grace(Grace::WorkingDays(2)),
            ),
        )
        .with_clause("Code of Practice: delayed repair after a total loss of service")
        .with_excluded_causes(&excluded)
        .with_deadline(due),
        Provision::new(
            "delayed provision",
            Subject::Activations,
            Rule::PerUnit(PerUnit::new(
                UnitCount::Days(DayKind::Calendar),
                Amount::Fixed(provision),
            )),
        )
        .with_clause("Code of Practice: delayed provision")
        .with_deadline(due),
        Provision::new(
            "missed appointment",
            Subject::Appointments,
            Rule::Fixed {
                amount: Amount::Fixed(appointment),
            },
        )
        .with_clause("Code of Practice: missed or late-cancelled engineer appointment")
        .with_deadline(due),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assess;
    use crate::{Claim, ClaimFile};

    /// A broadband-and-phone plan in London with the outages, appointments and
    /// activations given as TOML.
    fn claim(region: &str, rest: &str) -> ClaimFile {
        let text = format!(
            r#"
            [customer]
            region = "{region}"
            [plan]
            currency = "GBP"
            time_zone = "Europe/London"
            [[plan.services]]
            kind = "internet"
            monthly_price = "30.00"
            [[plan.services]]
            kind = "phone"
            monthly_price = "20.00"
            {rest}
            "#
        );
        toml::from_str(&text).unwrap()
    }

    fn run(claim: &ClaimFile) -> Claim {
        assess(claim, &ofcom_auto_comp()).unwrap()
    }

    /// Reported Mon 3 Mar 2025 09:00; working days after: Tue 4, Wed 5 → deadline Wed
    /// 5 Mar 23:59. Fixed Sat 8 Mar 18:00. Units = 8 − 5 = 3 (initial payment + Thu +
    /// Fri; Sat is the repair day). £9.98 is in force only from 1 April 2025, and
    /// 3 March 2025 falls in the year from 1 April 2024, whose rate is £9.76:
    /// 3 × £9.76 = £29.28. The same weekdays in the 2025-26 year are priced at £9.98:
    /// reported Mon 2 Mar 2026, deadline Wed 4, fixed Sat 7 → 3 × £9.98 = £29.94.
    #[test]
    fn ofcom_monday_report_saturday_fix_pays_3_days_at_the_report_years_rate() {
        let march_2026 = run(&claim(
            "GB-ENG",
            r#"
            [[outages]]
            services = ["internet"]
            start = "2026-03-02T08:30:00Z"
            reported = "2026-03-02T09:00:00Z"
            end = "2026-03-07T18:00:00Z"
            "#,
        ));
        assert_eq!(march_2026.total.to_string(), "29.94", "{march_2026}");
        let c = run(&claim(
            "GB-ENG",
            r#"
            [[outages]]
            services = ["internet"]
            start = "2025-03-03T08:30:00Z"
            reported = "2025-03-03T09:00:00Z"
            end = "2025-03-08T18:00:00Z"
            "#,
        ));
        assert_eq!(c.total.to_string(), "29.28", "{c}");
        assert_eq!(c.lines.len(), 1);
        assert!(matches!(
            c.lines[0].basis,
            crate::claim::Basis::PerUnit { units: 3, .. }
        ));
        assert!(c.automatic);
        assert_eq!(c.lines[0].deadline, Some(day(2025, 4, 7))); // due 30 days after 8 Mar
    }

    /// England and Wales (Easter 2025). Reported Thu 17 Apr 2025 14:00, fixed Fri 25 Apr
    /// 10:00. Good Friday 18 Apr and Easter Monday 21 Apr are bank holidays: working days
    /// Tue 22, Wed 23 → deadline 23 Apr → 25 − 23 = 2 units → 2 × £9.98 = £19.96.
    #[test]
    fn ofcom_easter_2025_in_england_skips_both_bank_holidays() {
        let c = run(&claim("GB-ENG", EASTER_2025));
        assert_eq!(c.total.to_string(), "19.96", "{c}");
    }

    /// Scotland (Good Friday only): working days Mon 21, Tue 22 → deadline 22 Apr → 25 − 22
    /// = 3 units → 3 × £9.98 = £29.94.
    #[test]
    fn ofcom_easter_2025_in_scotland_skips_good_friday_only() {
        assert!(crate::calendar::for_region("GB-SCT").is_some());
        let c = run(&claim("GB-SCT", EASTER_2025));
        assert_eq!(c.total.to_string(), "29.94", "{c}");
    }

    /// Wales shares England's calendar: same deadline (23 Apr) → £19.96.
    #[test]
    fn ofcom_easter_2025_in_wales_as_in_england() {
        let c = run(&claim("GB-WLS", EASTER_2025));
        assert_eq!(c.total.to_string(), "19.96", "{c}");
    }

    const EASTER_2025: &str = r#"
        [[outages]]
        services = ["internet", "phone"]
        start = "2025-04-17T12:00:00+01:00"
        reported = "2025-04-17T14:00:00+01:00"
        end = "2025-04-25T10:00:00+01:00"
    "#;

    /// A rate year straddling 1 April. Reported Mon 31 Mar 2025 10:00 → the 2024 rate £9.76
    /// applies to the whole issue. Deadline Wed 2 Apr; fixed Mon 7 Apr 12:00 → 7 − 2 = 5
    /// units → 5 × £9.76 = £48.80.
    #[test]
    fn ofcom_a_fault_reported_on_31_march_keeps_that_years_rate() {
        let c = run(&claim(
            "GB-ENG",
            r#"
            [[outages]]
            services = ["phone"]
            start = "2025-03-31T09:00:00+01:00"
            reported = "2025-03-31T10:00:00+01:00"
            end = "2025-04-07T12:00:00+01:00"
            "#,
        ));
        assert_eq!(c.total.to_string(), "48.80", "{c}");
    }

    /// The two readings of "the issue occurs" (new amounts apply to issues occurring on or
    /// after 1 April), worked by hand: service lost Mon 31 Mar 2025 23:00, reported Tue 1
    /// Apr 09:00, fixed Mon 7 Apr 12:00. Working days after Tue 1: Wed 2, Thu 3 → deadline
    /// 3 Apr → 7 − 3 = 4 units. By the report's date (default): 4 × £9.98 = £39.92; by the
    /// date service was lost (option): 4 × £9.76 = £39.04.
    #[test]
    fn ofcom_rate_by_report_or_by_loss() {
        let file = claim(
            "GB-ENG",
            r#"
            [[outages]]
            services = ["internet"]
            start = "2025-03-31T23:00:00+01:00"
            reported = "2025-04-01T09:00:00+01:00"
            end = "2025-04-07T12:00:00+01:00"
            "#,
        );
        assert_eq!(run(&file).total.to_string(), "39.92");
        let by_loss = ofcom_auto_comp_with(OfcomOptions {
            rate_date: RateDate::OutageStart,
        });
        assert_eq!(assess(&file, &by_loss).unwrap().total.to_string(), "39.04");
    }

    /// A case posted on Virgin Media's community forum (2024 rates). Reported Wed 23 Oct
    /// 2024 17:49; deadline Fri 25 Oct 23:59; restored Sat 9 Nov → 9 Nov − 25 Oct = 15
    /// units → 15 × £9.76 = £146.40, plus the missed appointment of 26 Oct £30.49 →
    /// £176.89. The outage crosses the end of British Summer Time (27 Oct 2024), which must
    /// not change the count of calendar days.
    #[test]
    fn ofcom_virgin_media_forum_case_2024_repair_and_missed_appointment() {
        let c = run(&claim(
            "GB-ENG",
            r#"
            [[outages]]
            services = ["internet", "phone"]
            start = "2024-10-23T17:30:00+01:00"
            reported = "2024-10-23T17:49:00+01:00"
            end = "2024-11-09T12:00:00Z"
            [[appointments]]
            date = "2024-10-26"
            services = ["internet"]
            "#,
        ));
        let amounts: Vec<String> = c.lines.iter().map(|l| l.amount.to_string()).collect();
        assert_eq!(amounts, vec!["146.40", "30.49"], "{c}");
        assert_eq!(c.total.to_string(), "176.89");
        assert!(c.automatic);
    }

    /// Reported Fri 7 Mar 2025 19:00 → working days Mon 10, Tue 11 → deadline Tue 11 23:59;
    /// fixed Tue 11 10:00 → £0, and a note says why.
    #[test]
    fn ofcom_friday_evening_report_fixed_tuesday_morning_is_in_time() {
        let c = run(&claim(
            "GB-ENG",
            r#"
            [[outages]]
            services = ["internet"]
            start = "2025-03-07T18:00:00Z"
            reported = "2025-03-07T19:00:00Z"
            end = "2025-03-11T10:00:00Z"
            "#,
        ));
        assert_eq!(c.total.to_string(), "0.00", "{c}");
        assert!(c.lines.is_empty());
        assert!(
            c.notes
                .iter()
                .any(|n| n.contains("within the grace period")),
            "{c}"
        );
    }

    /// Delayed provision (2025). Promised Mon 2 Jun 2025, live Thu 5 Jun → 5 − 2 = 3 units
    /// (Mon, Tue, Wed) → 3 × £6.24 = £18.72.
    #[test]
    fn ofcom_provision_3_days_late_2025() {
        let c = run(&claim(
            "GB-ENG",
            r#"
            [[activations]]
            services = ["internet"]
            promised = "2025-06-02"
            delivered = "2025-06-05"
            "#,
        ));
        assert_eq!(c.total.to_string(), "18.72", "{c}");
        assert!(c.automatic);
    }

    /// EE's own example (ee.co.uk/help, automatic compensation): due Monday, live
    /// Friday → 4 × £6.24 = £24.96.
    #[test]
    fn ofcom_ee_due_monday_live_friday() {
        let c = run(&claim(
            "GB-ENG",
            r#"
            [[activations]]
            services = ["phone"]
            promised = "2025-06-02"
            delivered = "2025-06-06"
            "#,
        ));
        assert_eq!(c.total.to_string(), "24.96", "{c}");
    }

    /// A case posted on Virgin Media's community forum (February 2023). Reported Wed 1 Feb
    /// 2023, deadline Fri 3 Feb, restored Mon 6 Feb → 6 − 3 = 3 units at the rate in force
    /// on 1 Feb 2023, the 2022 one: 3 × £8.40 = £25.20.
    #[test]
    fn ofcom_virgin_media_forum_case_2023_at_the_2022_rate() {
        let c = run(&claim(
            "GB-ENG",
            r#"
            [[outages]]
            services = ["internet"]
            start = "2023-02-01T08:00:00Z"
            reported = "2023-02-01T09:00:00Z"
            end = "2023-02-06T15:00:00Z"
            "#,
        ));
        assert_eq!(c.total.to_string(), "25.20", "{c}");
    }

    /// Each year's delayed-repair rate, through one day late (reported on a Monday in June,
    /// deadline Wednesday, fixed Thursday: 1 unit = the year's rate).
    #[test]
    fn ofcom_each_years_repair_rate() {
        let expected = [
            (2019, 6, 3, "8.00"),
            (2020, 6, 1, "8.00"),
            (2021, 6, 7, "8.06"),
            (2022, 6, 6, "8.40"),
            (2023, 6, 5, "9.33"),
            (2024, 6, 3, "9.76"),
            (2025, 6, 2, "9.98"),
            (2026, 6, 1, "10.34"),
        ];
        for (year, month, monday, rate) in expected {
            let thursday = monday + 3;
            let c = run(&claim(
                "GB-ENG",
                &format!(
                    r#"
                    [[outages]]
                    services = ["internet"]
                    start = "{year}-{month:02}-{monday:02}T09:00:00Z"
                    end = "{year}-{month:02}-{thursday:02}T12:00:00Z"
                    "#
                ),
            ));
            assert_eq!(c.total.to_string(), rate, "{year}: {c}");
        }
    }

    /// The 2026 provision and appointment figures (£6.46 computed, £32.31 [S]):
    /// one day late and one missed appointment → £6.46 + £32.31 = £38.77.
    #[test]
    fn ofcom_provision_and_appointment_amounts_2026() {
        let c = run(&claim(
            "GB-ENG",
            r#"
            [[activations]]
            promised = "2026-06-01"
            delivered = "2026-06-02"
            [[appointments]]
            date = "2026-06-03"
            "#,
        ));
        assert_eq!(c.total.to_string(), "38.77", "{c}");
    }

    /// In force from 1 April 2019: a fault reported in March 2019 earns nothing, and the
    /// claim says why.
    #[test]
    fn ofcom_before_1_april_2019_earns_nothing() {
        let c = run(&claim(
            "GB-ENG",
            r#"
            [[outages]]
            services = ["internet"]
            start = "2019-03-18T09:00:00Z"
            reported = "2019-03-18T09:00:00Z"
            end = "2019-03-29T12:00:00Z"
            "#,
        ));
        assert_eq!(c.total.to_string(), "0.00");
        assert!(
            c.notes
                .iter()
                .any(|n| n.contains("in force from 2019-04-01")),
            "{c}"
        );
    }

    /// Residential only: a business customer gets nothing, with a note.
    #[test]
    fn ofcom_business_customers_are_not_covered() {
        let mut file = claim(
            "GB-ENG",
            r#"
            [[outages]]
            services = ["internet"]
            start = "2025-03-03T09:00:00Z"
            end = "2025-03-08T18:00:00Z"
            "#,
        );
        if let Some(customer) = file.customer.as_mut() {
            customer.segment = Segment::Business;
        }
        let c = run(&file);
        assert_eq!(c.total.to_string(), "0.00");
        assert!(
            c.notes
                .iter()
                .any(|n| n.contains("residential customers only")),
            "{c}"
        );
    }

    /// Customer-caused, planned and civil-emergency outages earn nothing; a degraded
    /// (slow, intermittent) service is not a total loss of service.
    #[test]
    fn ofcom_exclusions_and_partial_faults_earn_nothing() {
        for extra in [
            r#"cause = "customer""#,
            r#"cause = "planned""#,
            r#"cause = "force-majeure""#,
            "degraded = true",
        ] {
            let c = run(&claim(
                "GB-ENG",
                &format!(
                    r#"
                    [[outages]]
                    services = ["internet"]
                    start = "2025-03-03T09:00:00Z"
                    end = "2025-03-08T18:00:00Z"
                    {extra}
                    "#
                ),
            ));
            assert_eq!(c.total.to_string(), "0.00", "{extra}: {c}");
        }
    }

    /// Broadband and phone out on overlapping records are one line at one daily rate:
    /// reported Mon 2 Jun 2025, deadline Wed 4, fixed Sat 7 → 3 × £9.98 = £29.94 once.
    #[test]
    fn ofcom_one_daily_rate_per_line_whether_one_or_both_are_down() {
        let c = run(&claim(
            "GB-ENG",
            r#"
            [[outages]]
            services = ["internet"]
            start = "2025-06-02T09:00:00+01:00"
            reported = "2025-06-02T09:30:00+01:00"
            end = "2025-06-07T18:00:00+01:00"
            [[outages]]
            services = ["phone"]
            start = "2025-06-02T10:00:00+01:00"
            end = "2025-06-06T18:00:00+01:00"
            "#,
        ));
        assert_eq!(c.lines.len(), 1, "{c}");
        assert_eq!(c.total.to_string(), "29.94");
    }
}
