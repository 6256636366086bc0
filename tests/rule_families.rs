//! Each rule family of the engine, proved on worked examples of the rules it encodes;
//! each test names its rule (statute, regulation, regulator decision or provider's
//! terms). The policies here are built inline from the rule types, so these tests check
//! the engine, not the catalog: an amount is the one the inline policy is given,
//! whatever the claim's date. Every expected figure is the rule's own or hand
//! arithmetic shown beside it.

use chrono::NaiveDate;
use redress::policy::*;
use redress::{Cause, ClaimFile, Currency, Error, Segment, Span};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A one-version policy with one provision.
fn policy(currency: Currency, subject: Subject, rule: Rule) -> Policy {
    Policy::new("test", "test policy", currency).with_version(PolicyVersion::always(vec![
        Provision::new("credit", subject, rule),
    ]))
}

/// A claim file from TOML: a plan header plus whatever follows.
/// A claim file read into a case and assessed, as every test here writes its claim.
fn assess(file: &ClaimFile, policy: &Policy) -> Result<redress::Claim, Error> {
    redress::assess(&redress::Case::from_file(file)?, policy)
}

fn claim(currency: &str, zone: &str, services: &[(&str, &str)], rest: &str) -> ClaimFile {
    let mut text = format!("[plan]\ncurrency = \"{currency}\"\ntime_zone = \"{zone}\"\n");
    for (kind, price) in services {
        text.push_str(&format!(
            "[[plan.services]]\nkind = \"{kind}\"\nmonthly_price = \"{price}\"\n"
        ));
    }
    let file = format!("{rest}\n{text}");
    toml::from_str(&file).unwrap_or_else(|e| panic!("bad test claim: {e}\n{file}"))
}

fn outage(services: &str, start: &str, end: &str, extra: &str) -> String {
    format!("[[outages]]\nservices = [{services}]\nstart = \"{start}\"\nend = \"{end}\"\n{extra}\n")
}

fn total(file: &ClaimFile, policy: &Policy) -> String {
    assess(file, policy).unwrap().total.to_string()
}

// ---------------------------------------------------------------- per unit: 24-hour blocks

fn ny_psc() -> Policy {
    let rule = Rule::PerUnit(
        PerUnit::new(
            UnitCount::Blocks {
                length: Span::hours(24),
                counting: Counting::Started,
            },
            Amount::DailyRate(DayCount::Fixed(30)),
        )
        .with_clock(Clock::new(ClockStart::OutageStart).with_power_restored_delay(Span::hours(24))),
    );
    policy(Currency::USD, Subject::outages(), rule)
}

#[test]
fn blocks_53_hours_are_three_started_24_hour_blocks() {
    // New York PSC outage credit (Case 22-M-0180): 1/30 of the monthly rate for each 24 hours
    // or fraction, 250 subscribers affected (≥ 100). Bundle $120 → $4 a unit; 53 h →
    // ⌈53/24⌉ = 3 units → $12.
    let file = claim(
        "USD",
        "America/New_York",
        &[("tv", "120")],
        &outage(
            "\"tv\"",
            "2024-10-01T06:00:00-04:00",
            "2024-10-03T11:00:00-04:00",
            "customers_affected = 250",
        ),
    );
    assert_eq!(total(&file, &ny_psc()), "12.00");
}

#[test]
fn blocks_start_24_hours_after_commercial_power_returns() {
    // New York PSC outage credit (Case 22-M-0180): where loss of commercial power caused the
    // outage, the credit period starts 24 hours after power is restored. Out Mon 18:00
    // (power), power back Tue 08:00, service back Thu 20:00. Credit period starts Wed 08:00
    // → 36 h → 2 units × $4 = $8 (74 h without the power rule → 4 → $16).
    let extra = "cause = \"power\"\npower_restored = \"2024-10-08T08:00:00-04:00\"";
    let file = claim(
        "USD",
        "America/New_York",
        &[("tv", "120")],
        &outage(
            "\"tv\"",
            "2024-10-07T18:00:00-04:00",
            "2024-10-10T20:00:00-04:00",
            extra,
        ),
    );
    assert_eq!(total(&file, &ny_psc()), "8.00");
    let network = claim(
        "USD",
        "America/New_York",
        &[("tv", "120")],
        &outage(
            "\"tv\"",
            "2024-10-07T18:00:00-04:00",
            "2024-10-10T20:00:00-04:00",
            "",
        ),
    );
    assert_eq!(total(&network, &ny_psc()), "16.00");
}

#[test]
fn blocks_across_spring_forward_count_elapsed_hours() {
    // New York springs forward on 10 March 2024: noon Saturday to noon Sunday is 23 elapsed
    // hours, so one started 24-hour block (never two): $120 / 30 = $4.
    let file = claim(
        "USD",
        "America/New_York",
        &[("tv", "120")],
        &outage(
            "\"tv\"",
            "2024-03-09T12:00:00-05:00",
            "2024-03-10T12:00:00-04:00",
            "",
        ),
    );
    assert_eq!(total(&file, &ny_psc()), "4.00");
}

#[test]
fn blocks_across_fall_back_count_elapsed_hours() {
    // New York falls back on 3 November 2024: noon Saturday to noon Sunday is 25 elapsed
    // hours, so two started blocks: 2 × $4 = $8.
    let file = claim(
        "USD",
        "America/New_York",
        &[("tv", "120")],
        &outage(
            "\"tv\"",
            "2024-11-02T12:00:00-04:00",
            "2024-11-03T12:00:00-05:00",
            "",
        ),
    );
    assert_eq!(total(&file, &ny_psc()), "8.00");
}

#[test]
fn a_fraction_of_a_second_starts_a_block() {
    // Exactly 24 hours is one block: $120 / 30 = $4. Half a second more starts a second
    // block: 2 × $4 = $8. Exactly 48 hours is two blocks, $8, not three.
    for (end, expected) in [
        ("2024-10-02T06:00:00-04:00", "4.00"),
        ("2024-10-02T06:00:00.5-04:00", "8.00"),
        ("2024-10-03T06:00:00-04:00", "8.00"),
    ] {
        let file = claim(
            "USD",
            "America/New_York",
            &[("tv", "120")],
            &outage("\"tv\"", "2024-10-01T06:00:00-04:00", end, ""),
        );
        assert_eq!(total(&file, &ny_psc()), expected, "ending {end}");
    }
}

#[test]
fn the_same_instants_written_with_other_offsets_give_the_same_claim() {
    let local = claim(
        "USD",
        "America/New_York",
        &[("tv", "120")],
        &outage(
            "\"tv\"",
            "2024-10-01T06:00:00-04:00",
            "2024-10-03T11:00:00-04:00",
            "",
        ),
    );
    let utc = claim(
        "USD",
        "America/New_York",
        &[("tv", "120")],
        &outage(
            "\"tv\"",
            "2024-10-01T10:00:00Z",
            "2024-10-03T15:00:00+00:00",
            "",
        ),
    );
    assert_eq!(
        assess(&local, &ny_psc()).unwrap(),
        assess(&utc, &ny_psc()).unwrap()
    );
}

// ---------------------------------------------------------------- per unit: working-day grace

fn ofcom_repair(rate: &str) -> Policy {
    let rule = Rule::PerUnit(
        PerUnit::new(UnitCount::Days(DayKind::Calendar), Amount::Fixed(d(rate)))
            .with_clock(Clock::from_report())
            .with_grace(Grace::WorkingDays(2)),
    );
    policy(
        Currency::GBP,
        Subject::Outages {
            scope: ServiceScope::Together,
        },
        rule,
    )
}

fn uk_claim(region: &str, start: &str, end: &str) -> ClaimFile {
    let rest = format!(
        "[customer]\nregion = \"{region}\"\n{}",
        outage(
            "\"internet\", \"phone\"",
            start,
            end,
            &format!("reported = \"{start}\"")
        )
    );
    claim(
        "GBP",
        "Europe/London",
        &[("internet", "30"), ("phone", "10")],
        &rest,
    )
}

#[test]
fn working_days_monday_report_saturday_fix_pays_three_days() {
    // Ofcom automatic compensation code, as EE's and Virgin Media's automatic compensation
    // pages state it: due when not fixed by 23:59 on the second working day after the report;
    // one daily amount then and one for each further full day, the repair day unpaid.
    // Report Mon 3 Mar 2025 09:00 → deadline Wed 5 Mar 23:59; fixed Sat 8 Mar 18:00 → units
    // 8 − 5 = 3 → 3 × £9.98 = £29.94 at the £9.98 this inline policy is given. (Ofcom's
    // amount for a fault reported on 3 March 2025 is the one from 1 April 2024, £9.76 →
    // £29.28, which the catalog's policy picks by date.) One rate for the line, though
    // broadband and phone were both down.
    let file = uk_claim("GB-ENG", "2025-03-03T09:00:00Z", "2025-03-08T18:00:00Z");
    assert_eq!(total(&file, &ofcom_repair("9.98")), "29.94");
}

#[test]
fn working_days_easter_bank_holidays_differ_by_nation() {
    // Ofcom automatic compensation code at £9.98, the amount from 1 April 2025: report
    // Thu 17 Apr 2025 14:00 (BST), fixed Fri 25 Apr 10:00.
    // England: Good Friday and Easter Monday are holidays → deadline Wed 23 → 2 units → £19.96.
    // Scotland: Good Friday only → deadline Tue 22 → 3 units → £29.94.
    let england = uk_claim(
        "GB-ENG",
        "2025-04-17T14:00:00+01:00",
        "2025-04-25T10:00:00+01:00",
    );
    let scotland = uk_claim(
        "GB-SCT",
        "2025-04-17T14:00:00+01:00",
        "2025-04-25T10:00:00+01:00",
    );
    assert_eq!(total(&england, &ofcom_repair("9.98")), "19.96");
    assert_eq!(total(&scotland, &ofcom_repair("9.98")), "29.94");
}

#[test]
fn working_days_friday_evening_report_fixed_tuesday_is_in_time() {
    // Ofcom automatic compensation code: report Fri 7 Mar 2025 19:00 → working days Mon 10,
    // Tue 11 → deadline Tue 11 23:59; fixed Tue 10:00 → £0.
    let file = uk_claim("GB-ENG", "2025-03-07T19:00:00Z", "2025-03-11T10:00:00Z");
    let result = assess(&file, &ofcom_repair("9.98")).unwrap();
    assert_eq!(result.total.to_string(), "0.00");
    assert!(result.lines.is_empty());
    assert!(
        result
            .notes
            .iter()
            .any(|n| n.contains("within the grace period")),
        "{:?}",
        result.notes
    );
}

#[test]
fn working_days_boundary_restored_exactly_at_the_deadline_midnight() {
    // Deadline Wed 5 Mar 2025 23:59:59 (the day ends at Thu 00:00). Service back at exactly
    // Thu 00:00 is back by the end of the deadline day: nothing owed. One second later: one unit.
    let on_time = uk_claim("GB-ENG", "2025-03-03T09:00:00Z", "2025-03-06T00:00:00Z");
    assert_eq!(total(&on_time, &ofcom_repair("9.98")), "0.00");
    let late = uk_claim("GB-ENG", "2025-03-03T09:00:00Z", "2025-03-06T00:00:01Z");
    assert_eq!(total(&late, &ofcom_repair("9.98")), "9.98");
}

// ---------------------------------------------------------------- per unit: banded whole days

fn tkg(last_day: LastDay) -> Policy {
    let band = |fixed: i64, share: &str| {
        Amount::GreaterOf(vec![
            Amount::Fixed(fixed.into()),
            Amount::ShareOfMonthly(d(share)),
        ])
    };
    let rule = Rule::PerUnit(
        PerUnit::banded(
            UnitCount::CompleteLocalDays { last_day },
            vec![
                Band::new(1, band(5, "0.10")),
                Band::new(3, band(10, "0.20")),
            ],
        )
        .with_clock(Clock::from_report())
        .with_grace(Grace::CalendarDays(2)),
    );
    policy(
        Currency::EUR,
        Subject::Outages {
            scope: ServiceScope::Together,
        },
        rule,
    )
}

fn de_claim(price: &str, start: &str, end: &str) -> ClaimFile {
    claim(
        "EUR",
        "Europe/Berlin",
        &[("internet", price)],
        &outage(
            "\"internet\"",
            start,
            end,
            &format!("reported = \"{start}\""),
        ),
    )
}

#[test]
fn banded_days_repair_day_unpaid_or_paid() {
    // TKG §58(3): not fixed within two calendar days after the report → from the following
    // day, per day of complete outage, days 3–4 the greater of €5 and 10 % of the monthly
    // charge, from day 5 the greater of €10 and 20 % (the report day is day 0).
    // €39.99, reported Mon 3 Mar 2025 09:00, fixed Sat 8 Mar 18:00.
    // Days 3 (Thu) and 4 (Fri) at max(€5, €4.00) = €5 → €10.00; Saturday is the restoration day.
    // Counting Saturday: + max(€10, €8.00) = €10 → €20.00.
    let file = de_claim(
        "39.99",
        "2025-03-03T09:00:00+01:00",
        "2025-03-08T18:00:00+01:00",
    );
    assert_eq!(total(&file, &tkg(LastDay::Unpaid)), "10.00");
    assert_eq!(total(&file, &tkg(LastDay::Paid)), "20.00");
}

#[test]
fn banded_days_one_outage_is_rounded_once() {
    // TKG §58(3): €69.99, reported Fri 7 Mar 2025 19:00, fixed Fri 14 Mar 12:00.
    // Mon, Tue at 10 % = 6.999; Wed, Thu at 20 % = 13.998 → 41.994 → €41.99 rounded once.
    let file = de_claim(
        "69.99",
        "2025-03-07T19:00:00+01:00",
        "2025-03-14T12:00:00+01:00",
    );
    let result = assess(&file, &tkg(LastDay::Unpaid)).unwrap();
    assert_eq!(result.total.to_string(), "41.99");
    assert_eq!(result.lines.len(), 1);
    assert_eq!(result.lines[0].unrounded, d("41.994"));
}

#[test]
fn banded_days_fixed_within_two_calendar_days_pays_nothing() {
    // TKG §58(3): reported Mon 09:00, fixed Wed 23:00, within the two calendar days after the
    // report → €0.
    let file = de_claim(
        "39.99",
        "2025-03-03T09:00:00+01:00",
        "2025-03-05T23:00:00+01:00",
    );
    assert_eq!(total(&file, &tkg(LastDay::Unpaid)), "0.00");
}

#[test]
fn whole_days_across_a_23_hour_dst_day() {
    // Berlin springs forward on Sun 30 Mar 2025 (a 23-hour day). Reported Thu 27 Mar 10:00,
    // fixed Tue 1 Apr 12:00: day 3 = Sun 30 (whole, 23 h), day 4 = Mon 31 → 2 × €5 = €10.
    let file = de_claim(
        "39.99",
        "2025-03-27T10:00:00+01:00",
        "2025-04-01T12:00:00+02:00",
    );
    assert_eq!(total(&file, &tkg(LastDay::Unpaid)), "10.00");
}

// ---------------------------------------------------------------- per unit: local days with more than N hours

fn nj() -> Policy {
    let day = Amount::DailyRate(DayCount::Fixed(30));
    let rule = Rule::MaxOf {
        rules: vec![
            Rule::When {
                condition: Condition::DurationAtLeast(Span::hours(6)),
                then: Box::new(Rule::PerUnit(PerUnit::new(
                    UnitCount::PerIncident(1),
                    day.clone(),
                ))),
                otherwise: None,
            },
            Rule::When {
                condition: Condition::DurationMoreThan(Span::hours(24)),
                then: Box::new(Rule::PerUnit(PerUnit::new(
                    UnitCount::LocalDaysMoreThan(Span::hours(6)),
                    day,
                ))),
                otherwise: None,
            },
        ],
    };
    policy(Currency::USD, Subject::outages(), rule)
}

fn nj_claim(start: &str, end: &str) -> ClaimFile {
    claim(
        "USD",
        "America/New_York",
        &[("internet", "60")],
        &outage("\"internet\"", start, end, ""),
    )
}

#[test]
fn local_days_with_more_than_6_hours_out() {
    // N.J.A.C. 14:18-3.5: an outage of 6 hours or more earns a one-day unit; beyond 24 hours,
    // one unit for each calendar day, or part of a day of more than 6 hours, out; a unit is
    // the monthly rate / 30. $60 → $2 a day. (The regulation covers cable television; this
    // inline policy covers every service, so the internet price stands for a TV price.)
    // Mon 09:00 → Sat 18:00: Mon 15 h, Tue–Fri whole, Sat 18 h → 6 units → $12.00.
    assert_eq!(
        total(
            &nj_claim("2025-03-03T09:00:00-05:00", "2025-03-08T18:00:00-05:00"),
            &nj()
        ),
        "12.00"
    );
    // A 7-hour outage → 1 unit → $2; a 5-hour outage → $0.
    assert_eq!(
        total(
            &nj_claim("2025-03-03T09:00:00-05:00", "2025-03-03T16:00:00-05:00"),
            &nj()
        ),
        "2.00"
    );
    assert_eq!(
        total(
            &nj_claim("2025-03-03T09:00:00-05:00", "2025-03-03T14:00:00-05:00"),
            &nj()
        ),
        "0.00"
    );
    // Fri 20:00 → Sun 03:00 (31 h): only Saturday has more than 6 h → 1 unit → $2.
    // (The ≥ 6 h rule also gives 1 unit; the greater is 1.)
    assert_eq!(
        total(
            &nj_claim("2025-03-07T20:00:00-05:00", "2025-03-09T03:00:00-04:00"),
            &nj()
        ),
        "2.00"
    );
}

// ---------------------------------------------------------------- pro rata

#[test]
fn pro_rata_129_hours_on_a_thirty_day_basis() {
    // RD 899/2009 art. 16: the internet fee prorated by the duration, here over a 30-day
    // month (720 h). Mon 3 Mar 09:00 → Sat 8 Mar 18:00 = 129 h → €39.99 × 129 / 720 =
    // €7.1649 → €7.16.
    let file = claim(
        "EUR",
        "Europe/Madrid",
        &[("internet", "39.99")],
        &outage(
            "\"internet\"",
            "2025-03-03T09:00:00+01:00",
            "2025-03-08T18:00:00+01:00",
            "",
        ),
    );
    let p = policy(
        Currency::EUR,
        Subject::outages(),
        Rule::ProRata(ProRata::new(ProRataBasis::ThirtyDays)),
    );
    assert_eq!(total(&file, &p), "7.16");
}

#[test]
fn pro_rata_february_bundle_split_half_and_half() {
    // RD 899/2009 art. 15 (phone: 5 × the monthly fee, prorated by the duration) and art. 16
    // (internet: the fee, prorated), on a case the consumer association FACUA published in
    // May 2025: bundle €50, phone and internet not priced apart, split 50/50; 10 h in
    // February 2025 (672 h).
    // Phone: 5 × 25 × 10 / 672 = 1.860 → 1.86; internet: 25 × 10 / 672 = 0.372 → 0.37;
    // total €2.23, FACUA's own figure.
    let file = claim(
        "EUR",
        "Europe/Madrid",
        &[("phone", "25.00"), ("internet", "25.00")],
        &outage(
            "\"phone\", \"internet\"",
            "2025-02-10T08:00:00+01:00",
            "2025-02-10T18:00:00+01:00",
            "",
        ),
    );
    let prorated = |service, multiple: i64| {
        policy(
            Currency::EUR,
            Subject::outages(),
            Rule::ProRata(
                ProRata::new(ProRataBasis::CalendarMonth).with_multiplier(multiple.into()),
            ),
        )
        .with_services(vec![service])
    };
    let phone = prorated(redress::ServiceKind::Phone, 5);
    let internet = prorated(redress::ServiceKind::Internet, 1);
    let phone_total = assess(&file, &phone).unwrap().total;
    let internet_total = assess(&file, &internet).unwrap().total;
    assert_eq!(phone_total.to_string(), "1.86");
    assert_eq!(internet_total.to_string(), "0.37");
    assert_eq!((phone_total + internet_total).to_string(), "2.23");
}

fn pt() -> Policy {
    policy(
        Currency::EUR,
        Subject::billing_periods(),
        Rule::When {
            condition: Condition::DurationMoreThan(Span::hours(24)),
            then: Box::new(Rule::ProRata(ProRata::new(ProRataBasis::BillingPeriod))),
            otherwise: None,
        },
    )
}

#[test]
fn pro_rata_over_24_hours_in_a_billing_period() {
    // Lei 16/2022 art. 129(1): a service unavailable for more than 24 hours, consecutive or
    // added up within a billing period, is credited, unasked, the price for the time out.
    // €36/month, 720-hour period (June 2025 in Lisbon has no DST change).
    // 129 h → 36 × 129 / 720 = €6.45.
    let long = claim(
        "EUR",
        "Europe/Lisbon",
        &[("internet", "36")],
        &outage(
            "\"internet\"",
            "2025-06-02T09:00:00+01:00",
            "2025-06-07T18:00:00+01:00",
            "",
        ),
    );
    assert_eq!(total(&long, &pt()), "6.45");
    // 20 h + 10 h in one period = 30 h > 24 h → 36 × 30 / 720 = €1.50.
    let two = claim(
        "EUR",
        "Europe/Lisbon",
        &[("internet", "36")],
        &format!(
            "{}{}",
            outage(
                "\"internet\"",
                "2025-06-02T00:00:00+01:00",
                "2025-06-02T20:00:00+01:00",
                ""
            ),
            outage(
                "\"internet\"",
                "2025-06-10T00:00:00+01:00",
                "2025-06-10T10:00:00+01:00",
                ""
            )
        ),
    );
    assert_eq!(total(&two, &pt()), "1.50");
    // A single 20 h outage → €0.
    let short = claim(
        "EUR",
        "Europe/Lisbon",
        &[("internet", "36")],
        &outage(
            "\"internet\"",
            "2025-06-02T00:00:00+01:00",
            "2025-06-02T20:00:00+01:00",
            "",
        ),
    );
    assert_eq!(total(&short, &pt()), "0.00");
}

#[test]
fn pro_rata_across_a_billing_boundary_uses_each_periods_own_length() {
    // Billing day 31 in 2024 (a leap year), UTC. The period starting in January runs
    // 31 Jan → 28 Feb (29 days, 696 h); the one starting in February is clamped to 29 Feb and
    // runs to 30 Mar (31 days, 744 h). Outage 28 Feb 00:00 → 1 Mar 00:00 (48 h): 24 h in each.
    // Price $62: 62 × 24 / 696 = 2.1379… → 2.14 and 62 × 24 / 744 = 2.00. Total 4.14.
    let mut file = claim(
        "USD",
        "UTC",
        &[("internet", "62")],
        &outage(
            "\"internet\"",
            "2024-02-28T00:00:00Z",
            "2024-03-01T00:00:00Z",
            "",
        ),
    );
    file.plan.billing_day = 31;
    let p = policy(
        Currency::USD,
        Subject::outages(),
        Rule::ProRata(ProRata::new(ProRataBasis::BillingPeriod)),
    );
    let result = assess(&file, &p).unwrap();
    let amounts: Vec<String> = result.lines.iter().map(|l| l.amount.to_string()).collect();
    assert_eq!(amounts, vec!["2.14", "2.00"]);
    assert_eq!(result.total.to_string(), "4.14");
}

// ---------------------------------------------------------------- base plus steps

fn ofgem_normal(counting: Counting) -> Policy {
    let domestic = Rule::Escalating(Escalating::new(
        Span::hours(12),
        Amount::Fixed(95.into()),
        Span::hours(12),
        Amount::Fixed(45.into()),
        counting,
    ));
    let business = Rule::Escalating(Escalating::new(
        Span::hours(12),
        Amount::Fixed(190.into()),
        Span::hours(12),
        Amount::Fixed(45.into()),
        counting,
    ));
    policy(
        Currency::GBP,
        Subject::outages(),
        Rule::When {
            condition: Condition::Segment(Segment::Business),
            then: Box::new(business),
            otherwise: Some(Box::new(domestic)),
        },
    )
}

fn power_cut(hours: u32, segment: &str, cause: &str) -> ClaimFile {
    let start = chrono::DateTime::parse_from_rfc3339("2025-01-10T06:00:00Z").unwrap();
    let end = start + chrono::TimeDelta::hours(i64::from(hours));
    claim(
        "GBP",
        "Europe/London",
        &[("electricity", "0")],
        &format!(
            "[customer]\nsegment = \"{segment}\"\n{}",
            outage(
                "\"electricity\"",
                &start.to_rfc3339(),
                &end.to_rfc3339(),
                &format!("cause = \"{cause}\"")
            )
        ),
    )
}

#[test]
fn escalating_normal_weather_complete_or_started_periods() {
    // Ofgem guaranteed standards, normal weather (SI 2015/699 reg. 5, amounts from 1 September
    // 2023 under SI 2023/887): supply back within 12 hours, else £95 domestic (£190
    // non-domestic) and £45 for each further 12 hours.
    // Domestic, 30 h: £95 + 1 complete further 12 h × £45 = £140; started periods: 2 → £185.
    assert_eq!(
        total(
            &power_cut(30, "residential", "network"),
            &ofgem_normal(Counting::Complete)
        ),
        "140.00"
    );
    assert_eq!(
        total(
            &power_cut(30, "residential", "network"),
            &ofgem_normal(Counting::Started)
        ),
        "185.00"
    );
    // Non-domestic, 13 h → £190 (complete) or £235 (started).
    assert_eq!(
        total(
            &power_cut(13, "business", "network"),
            &ofgem_normal(Counting::Complete)
        ),
        "190.00"
    );
    assert_eq!(
        total(
            &power_cut(13, "business", "network"),
            &ofgem_normal(Counting::Started)
        ),
        "235.00"
    );
    // Exactly 12 h meets the standard: nothing.
    assert_eq!(
        total(
            &power_cut(12, "residential", "network"),
            &ofgem_normal(Counting::Complete)
        ),
        "0.00"
    );
}

#[test]
fn escalating_counts_a_fraction_of_a_second_beyond_the_standard() {
    // Domestic, standard 12 h: exactly 12 h meets it (nothing); half a second more fails it,
    // £95 and, counting started further periods, one started period: £95 + £45 = £140.
    // Complete periods: none complete, so £95.
    let cut = |end: &str| {
        claim(
            "GBP",
            "Europe/London",
            &[("electricity", "0")],
            &format!(
                "[customer]\nsegment = \"residential\"\n{}",
                outage("\"electricity\"", "2025-01-10T06:00:00Z", end, "")
            ),
        )
    };
    let exactly = cut("2025-01-10T18:00:00Z");
    let a_hair_over = cut("2025-01-10T18:00:00.5Z");
    assert_eq!(total(&exactly, &ofgem_normal(Counting::Started)), "0.00");
    assert_eq!(
        total(&a_hair_over, &ofgem_normal(Counting::Complete)),
        "95.00"
    );
    assert_eq!(
        total(&a_hair_over, &ofgem_normal(Counting::Started)),
        "140.00"
    );
}

#[test]
fn escalating_severe_weather_steps_and_cap() {
    // Ofgem guaranteed standards, severe weather (SI 2015/699 reg. 7 as amended by SI 2023/887,
    // from 1 September 2023): category 1 → back within 24 h, else £80, then £40 for each
    // further 6 hours, capped at £2,000. The inline policy carries the £80 whatever the claim's
    // date (January 2025 here).
    // 40 h: 16 h beyond → 2 complete 6-h periods → £80 + 2 × £40 = £160 (started: 3 → £200).
    // The cap of £2,000 is reached at n = 48 further periods (80 + 48 × 40 = 2,000) → after
    // 24 + 288 = 312 h; at 400 h the uncapped sum would be 80 + 62 × 40 = £2,560.
    let severe = |counting| {
        policy(
            Currency::GBP,
            Subject::outages(),
            Rule::Cap {
                limit: Amount::Fixed(2000.into()),
                rule: Box::new(Rule::Escalating(Escalating::new(
                    Span::hours(24),
                    Amount::Fixed(80.into()),
                    Span::hours(6),
                    Amount::Fixed(40.into()),
                    counting,
                ))),
            },
        )
    };
    assert_eq!(
        total(
            &power_cut(40, "residential", "severe-weather"),
            &severe(Counting::Complete)
        ),
        "160.00"
    );
    assert_eq!(
        total(
            &power_cut(40, "residential", "severe-weather"),
            &severe(Counting::Started)
        ),
        "200.00"
    );
    let capped = assess(
        &power_cut(400, "residential", "severe-weather"),
        &severe(Counting::Complete),
    )
    .unwrap();
    assert_eq!(capped.total.to_string(), "2000.00");
    assert_eq!(capped.lines[0].adjustments.len(), 1);
}

#[test]
fn escalating_25_dollars_per_complete_day_beyond_72_hours() {
    // N.Y. Public Service Law §73(1)(a): $25 for each 24-hour period of outage beyond 72
    // consecutive hours, complete periods only. 100 h → 28 h beyond 72 → 1 complete 24-h
    // period → $25; 120 h → 48 h beyond → $50.
    let psl = policy(
        Currency::USD,
        Subject::outages(),
        Rule::Escalating(Escalating::new(
            Span::hours(72),
            Amount::Fixed(0.into()),
            Span::hours(24),
            Amount::Fixed(25.into()),
            Counting::Complete,
        )),
    );
    let cut = |hours: i64| {
        let start = chrono::DateTime::parse_from_rfc3339("2025-01-10T06:00:00-05:00").unwrap();
        let end = start + chrono::TimeDelta::hours(hours);
        claim(
            "USD",
            "America/New_York",
            &[("electricity", "0")],
            &outage(
                "\"electricity\"",
                &start.to_rfc3339(),
                &end.to_rfc3339(),
                "",
            ),
        )
    };
    assert_eq!(total(&cut(100), &psl), "25.00");
    assert_eq!(total(&cut(120), &psl), "50.00");
}

// ---------------------------------------------------------------- uptime tiers

fn aws() -> Policy {
    let tiers = UptimeTiers::new(vec![
        Tier::new(d("99.0"), d("99.99"), d("10")),
        Tier::new(d("95.0"), d("99.0"), d("30")),
        Tier::new(d("0"), d("95.0"), d("100")),
    ]);
    policy(
        Currency::USD,
        Subject::billing_periods(),
        Rule::MinimumPayout {
            more_than: d("1"),
            rule: Box::new(Rule::UptimeTiers(tiers)),
        },
    )
}

fn cloud(charges: &str, minutes: i64, seconds: i64) -> ClaimFile {
    // June 2025 in UTC: a 30-day billing month of 43,200 minutes.
    let start = chrono::DateTime::parse_from_rfc3339("2025-06-10T10:00:00Z").unwrap();
    let end = start + chrono::TimeDelta::minutes(minutes) + chrono::TimeDelta::seconds(seconds);
    claim(
        "USD",
        "UTC",
        &[("compute", charges)],
        &outage("\"compute\"", &start.to_rfc3339(), &end.to_rfc3339(), ""),
    )
}

#[test]
fn uptime_tiers_bounds_and_minimum_credit() {
    // AWS EC2 SLA (Amazon Compute Service Level Agreement, Region-Level SLA): monthly uptime
    // below 99.99 % and at least 99.0 % → 10 % of the month's charges; below 99.0 % and at
    // least 95.0 % → 30 %; below 95.0 % → 100 %; a credit is issued only above $1.
    // 50 min → 43,150 / 43,200 = 99.88426 % → 10 % of $1,200 = $120.00.
    assert_eq!(total(&cloud("1200", 50, 0), &aws()), "120.00");
    // 4 min → 99.99074 % → none; 5 min → 99.98843 % → 10 %.
    assert_eq!(total(&cloud("1200", 4, 0), &aws()), "0.00");
    assert_eq!(total(&cloud("1200", 5, 0), &aws()), "120.00");
    // Lower bounds inclusive: 432 min = exactly 99.0 % → 10 %; 433 → 30 %;
    // 2,160 min = exactly 95.0 % → 30 %; 2,161 → 100 %.
    assert_eq!(total(&cloud("1200", 432, 0), &aws()), "120.00");
    assert_eq!(total(&cloud("1200", 433, 0), &aws()), "360.00");
    assert_eq!(total(&cloud("1200", 2160, 0), &aws()), "360.00");
    assert_eq!(total(&cloud("1200", 2161, 0), &aws()), "1200.00");
    // Minimum credit: 10 % of $9.50 = $0.95 → not issued; $10.00 → exactly $1.00 →
    // not issued ("greater than"); $10.50 → $1.05 → issued.
    assert_eq!(total(&cloud("9.50", 50, 0), &aws()), "0.00");
    assert_eq!(total(&cloud("10.00", 50, 0), &aws()), "0.00");
    assert_eq!(total(&cloud("10.50", 50, 0), &aws()), "1.05");
}

#[test]
fn uptime_partial_minutes_do_not_count() {
    // Downtime counts in whole minutes, as the Google Compute Engine SLA spells out ("partial
    // minutes ... will not be counted"): a 12 min 40 s episode counts as 12 minutes. With
    // 4 min 59 s the month counts 4 whole minutes → 99.99074 % → no credit.
    assert_eq!(total(&cloud("1200", 4, 59), &aws()), "0.00");
}

// ---------------------------------------------------------------- threshold tiers

fn victoria() -> Policy {
    let tier = |more_than: i64, amount: i64| {
        ThresholdTier::new(more_than.into(), Amount::Fixed(amount.into()))
    };
    policy(
        Currency::AUD,
        Subject::Years {
            first_month: 7,
            scope: ServiceScope::Together,
        },
        Rule::SumOf {
            rules: vec![
                Rule::Tiers(Tiers::new(
                    Measure::Hours,
                    vec![tier(18, 130), tier(30, 190), tier(60, 380)],
                )),
                Rule::Tiers(Tiers::new(
                    Measure::Count {
                        longer_than: Span::minutes(3),
                    },
                    vec![tier(8, 130), tier(12, 190), tier(20, 380)],
                )),
            ],
        },
    )
}

fn interruptions(count: u32, minutes_each: i64) -> ClaimFile {
    let mut rest = String::new();
    for i in 0..count {
        let start = chrono::DateTime::parse_from_rfc3339("2024-08-01T00:00:00+10:00").unwrap()
            + chrono::TimeDelta::days(i64::from(i) * 3);
        let end = start + chrono::TimeDelta::minutes(minutes_each);
        rest.push_str(&outage(
            "\"electricity\"",
            &start.to_rfc3339(),
            &end.to_rfc3339(),
            "",
        ));
    }
    claim("AUD", "Australia/Melbourne", &[("electricity", "0")], &rest)
}

#[test]
fn tiers_highest_per_category_above_each_threshold() {
    // Victorian Electricity Distribution Code of Practice cl. 14.5 (GSL payments, outages from
    // 1 July 2021; per financial year, the highest tier in each category): more than 18 / 30 /
    // 60 hours of unplanned sustained outage → AUD 130 / 190 / 380; more than 8 / 12 / 20
    // such outages (over 3 min) → AUD 130 / 190 / 380.
    // 25 h across 6 interruptions → hours tier > 18 → AUD 130; count 6 → nothing.
    assert_eq!(total(&interruptions(6, 250), &victoria()), "130.00");
    // 65 h across 21 interruptions → AUD 380 + AUD 380 = AUD 760.
    // 21 × 186 min = 3,906 min = 65.1 h.
    assert_eq!(total(&interruptions(21, 186), &victoria()), "760.00");
    // Exactly 18.0 h → not more than 18 → AUD 0 (6 × 180 min).
    assert_eq!(total(&interruptions(6, 180), &victoria()), "0.00");
}

#[test]
fn tiers_count_a_fraction_of_a_second_of_outage() {
    // Exactly 18.0 h is not more than 18 (the test above); half a second more is: AUD 130.
    // 5 × 180 min, and one of 180 min 0.5 s: 18 h 0.5 s in the year.
    let mut rest = String::new();
    for i in 0..6 {
        let start = chrono::DateTime::parse_from_rfc3339("2024-08-01T00:00:00+10:00").unwrap()
            + chrono::TimeDelta::days(i * 3);
        let mut end = start + chrono::TimeDelta::minutes(180);
        if i == 5 {
            end += chrono::TimeDelta::milliseconds(500);
        }
        rest.push_str(&outage(
            "\"electricity\"",
            &start.to_rfc3339(),
            &end.to_rfc3339(),
            "",
        ));
    }
    let file = claim("AUD", "Australia/Melbourne", &[("electricity", "0")], &rest);
    assert_eq!(total(&file, &victoria()), "130.00");
}

// ---------------------------------------------------------------- days of service (goodwill)

#[test]
fn days_of_service_five_days_by_the_days_of_the_month_or_30() {
    // Rogers' credit for its outage of 8 July 2022: five days of service (as announced in July
    // 2022 and reported by the press; the day's basis was not published). 90 a month, credit
    // month of 31 days → 5 × 90 / 31 = 14.516… → 14.52; on a 30-day basis → 5 × 90 / 30 = 15.00.
    let file = claim(
        "CAD",
        "America/Toronto",
        &[("mobile", "90")],
        &outage(
            "\"mobile\"",
            "2022-07-08T04:45:00-04:00",
            "2022-07-08T23:00:00-04:00",
            "",
        ),
    );
    let rogers = |count| {
        policy(
            Currency::CAD,
            Subject::account(),
            Rule::PerUnit(PerUnit::new(
                UnitCount::PerIncident(5),
                Amount::DailyRate(count),
            )),
        )
    };
    assert_eq!(total(&file, &rogers(DayCount::CalendarMonth)), "14.52");
    assert_eq!(total(&file, &rogers(DayCount::Fixed(30))), "15.00");
}

#[test]
fn days_of_service_one_per_started_24_hours() {
    // AT&T Guarantee, wireless offer terms ("Network Wireless Outage", att.com, from 9 January
    // 2025): one day of service per qualifying outage and, if it lasts more than 24 hours, a
    // credit for each additional day, read as one day per started 24 hours; a day is the
    // monthly rate / the days of the month. $65 a month, 30-day month (June 2025): 3-h
    // outage → 65/30 = 2.1667 → $2.17; 30 h → ⌈30/24⌉ = 2 days → 2 × 65/30 = 4.333 → $4.33.
    let att = policy(
        Currency::USD,
        Subject::outages(),
        Rule::PerUnit(PerUnit::new(
            UnitCount::Blocks {
                length: Span::hours(24),
                counting: Counting::Started,
            },
            Amount::DailyRate(DayCount::CalendarMonth),
        )),
    );
    let out = |end: &str| {
        claim(
            "USD",
            "America/Chicago",
            &[("mobile", "65")],
            &outage("\"mobile\"", "2025-06-10T08:00:00-05:00", end, ""),
        )
    };
    assert_eq!(total(&out("2025-06-10T11:00:00-05:00"), &att), "2.17");
    assert_eq!(total(&out("2025-06-11T14:00:00-05:00"), &att), "4.33");
}

// ---------------------------------------------------------------- the pipeline

#[test]
fn duplicate_and_split_records_are_paid_once() {
    // One 53-hour outage written three ways: once; twice (a duplicate report); in two adjacent pieces.
    let once = outage(
        "\"tv\"",
        "2024-10-01T06:00:00-04:00",
        "2024-10-03T11:00:00-04:00",
        "",
    );
    let pieces = format!(
        "{}{}",
        outage(
            "\"tv\"",
            "2024-10-01T06:00:00-04:00",
            "2024-10-02T00:00:00-04:00",
            ""
        ),
        outage(
            "\"tv\"",
            "2024-10-02T00:00:00-04:00",
            "2024-10-03T11:00:00-04:00",
            ""
        )
    );
    let single = total(
        &claim("USD", "America/New_York", &[("tv", "120")], &once),
        &ny_psc(),
    );
    let twice = total(
        &claim(
            "USD",
            "America/New_York",
            &[("tv", "120")],
            &format!("{once}{once}"),
        ),
        &ny_psc(),
    );
    let split = total(
        &claim("USD", "America/New_York", &[("tv", "120")], &pieces),
        &ny_psc(),
    );
    assert_eq!(single, "12.00");
    assert_eq!(twice, single);
    assert_eq!(split, single);
}

#[test]
fn excluded_causes_earn_nothing_and_say_so() {
    let mut p = ny_psc();
    p.versions = vec![PolicyVersion::always(vec![Provision::new(
        "credit",
        Subject::outages(),
        ny_psc().versions[0].provisions[0].rule.clone(),
    )
    .with_excluded_causes(&[Cause::Customer])])];
    let file = claim(
        "USD",
        "America/New_York",
        &[("tv", "120")],
        &outage(
            "\"tv\"",
            "2024-10-01T06:00:00-04:00",
            "2024-10-03T11:00:00-04:00",
            "cause = \"customer\"",
        ),
    );
    let result = assess(&file, &p).unwrap();
    assert_eq!(result.total.to_string(), "0.00");
    assert!(
        result
            .notes
            .iter()
            .any(|n| n.contains("cause (customer) is excluded")),
        "{:?}",
        result.notes
    );
}

#[test]
fn versions_are_chosen_by_the_incident_date_and_gaps_are_noted() {
    let day = |amount: i64| {
        Provision::new(
            "credit",
            Subject::outages(),
            Rule::Fixed {
                amount: Amount::Fixed(amount.into()),
            },
        )
    };
    let p = Policy::new("dated", "dated", Currency::USD)
        .with_version(
            PolicyVersion::from_date(date(2020, 1, 1), vec![day(5)])
                .with_end_date(date(2023, 9, 1)),
        )
        .with_version(PolicyVersion::from_date(date(2023, 9, 1), vec![day(7)]));
    let at = |start: &str, end: &str| {
        claim(
            "USD",
            "UTC",
            &[("tv", "1")],
            &outage("\"tv\"", start, end, ""),
        )
    };
    assert_eq!(
        total(&at("2023-08-31T23:00:00Z", "2023-09-01T01:00:00Z"), &p),
        "5.00"
    );
    assert_eq!(
        total(&at("2023-09-01T00:00:00Z", "2023-09-01T01:00:00Z"), &p),
        "7.00"
    );
    let early = assess(&at("2019-12-31T10:00:00Z", "2019-12-31T11:00:00Z"), &p).unwrap();
    assert_eq!(early.total.to_string(), "0.00");
    assert!(
        early
            .notes
            .iter()
            .any(|n| n.contains("in force from 2020-01-01")),
        "{:?}",
        early.notes
    );
}

#[test]
fn a_policy_in_another_currency_cannot_apply() {
    let file = claim("USD", "UTC", &[("tv", "1")], "");
    let err = assess(&file, &ofcom_repair("9.98")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "policy `test` cannot apply: it pays in GBP, but the plan is priced in USD"
    );
}

#[test]
fn prices_near_decimal_max_give_a_typed_error_not_a_panic() {
    let file = claim(
        "USD",
        "America/New_York",
        &[("tv", "79228162514264337593543950335")],
        &outage(
            "\"tv\"",
            "2024-10-01T06:00:00-04:00",
            "2024-10-31T11:00:00-04:00",
            "",
        ),
    );
    assert!(matches!(
        assess(&file, &ny_psc()),
        Err(Error::Overflow { .. })
    ));
}

#[test]
fn ongoing_outages_are_assessed_at_as_of_and_need_it() {
    let rest = "[[outages]]\nservices = [\"tv\"]\nstart = \"2024-10-01T06:00:00-04:00\"\n";
    let mut file = claim("USD", "America/New_York", &[("tv", "120")], rest);
    let err = assess(&file, &ny_psc()).unwrap_err();
    assert!(
        err.to_string().starts_with("as_of: outage 1 has no end"),
        "{err}"
    );
    // As of 3 Oct 11:00 it has lasted 53 h → 3 started blocks → $12.
    file.as_of = Some(
        chrono::DateTime::parse_from_rfc3339("2024-10-03T11:00:00-04:00")
            .unwrap()
            .into(),
    );
    let result = assess(&file, &ny_psc()).unwrap();
    assert_eq!(result.total.to_string(), "12.00");
    assert!(result.notes.iter().any(|n| n.contains("still ongoing")));
}

#[test]
fn claims_round_trip_through_json() {
    let file = uk_claim("GB-ENG", "2025-03-03T09:00:00Z", "2025-03-08T18:00:00Z");
    let result = assess(&file, &ofcom_repair("9.98")).unwrap();
    let json = serde_json::to_string(&result).unwrap();
    let back: redress::Claim = serde_json::from_str(&json).unwrap();
    assert_eq!(back, result);
    // Totals are decimal strings with the currency's minor units.
    assert!(json.contains("\"total\":\"29.94\""), "{json}");
}

#[test]
fn policies_round_trip_through_json() {
    for p in [
        ny_psc(),
        nj(),
        tkg(LastDay::Paid),
        aws(),
        victoria(),
        ofgem_normal(Counting::Started),
    ] {
        let json = serde_json::to_string(&p).unwrap();
        let back: Policy = serde_json::from_str(&json).unwrap();
        assert_eq!(back, p);
    }
}
