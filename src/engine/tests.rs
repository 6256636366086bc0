//! The engine's own tests: versions in force on local dates, periods straddling a
//! version's dates, provisions for some services.

use crate::policy::*;
use crate::test_support::assess;
use crate::{ClaimFile, Currency};

/// The shortcuts that skip the zone when the UTC date is a day clear of a
/// version's ends (inside it, or before or after it) agree with the local date,
/// quarter-hour by quarter-hour for 60 hours either side of both ends, in the zones
/// furthest ahead of and behind UTC.
#[test]
fn a_version_is_in_force_on_the_local_date_with_or_without_the_zone() {
    use chrono::{Duration, NaiveDate, TimeZone, Utc};
    let from = NaiveDate::from_ymd_opt(2023, 1, 19).unwrap();
    let until = NaiveDate::from_ymd_opt(2024, 3, 10).unwrap();
    let policy = Policy::new("t", "t", Currency::USD);
    for version in [
        PolicyVersion::from_date(from, vec![]),
        PolicyVersion::from_date(from, vec![]).with_end_date(until),
    ] {
        for zone in [
            chrono_tz::Pacific::Kiritimati,
            chrono_tz::Pacific::Pago_Pago,
            chrono_tz::America::New_York,
            chrono_tz::Asia::Kathmandu,
            chrono_tz::UTC,
        ] {
            for day in [from, until] {
                let midnight = Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap());
                for quarter in -4 * 60..4 * 60 {
                    let start = midnight + Duration::minutes(15 * quarter);
                    let spell = crate::timeline::Spell::between(start, start);
                    let expected = version.in_force_on(crate::civil::local_date(start, zone));
                    assert_eq!(
                        super::exposure::spell_in_force(&spell, start, &version, &policy, zone),
                        expected,
                        "{start} in {zone}"
                    );
                }
            }
        }
    }
}

/// A policy in force from 14 Nov 2022 over billing periods starting on the 1st:
/// the November 2022 period began before it, but its outage of 20 Nov is after it
/// and counts; the outage of 5 Nov is before it and does not. €72 over 720 h is
/// €0.10 an hour; 30 h after the date → €3.00 (before the fix: nothing at all,
/// without a note, since the period was dated by its first day).
#[test]
fn a_period_straddling_the_start_of_a_policy_counts_the_outages_after_it() {
    let claim: ClaimFile = toml::from_str(
        r#"
        [plan]
        currency = "EUR"
        time_zone = "Europe/Lisbon"
        [[plan.services]]
        kind = "internet"
        monthly_price = "72"
        [[outages]]
        services = ["internet"]
        start = "2022-11-05T08:00:00Z"
        end = "2022-11-06T14:00:00Z"
        [[outages]]
        services = ["internet"]
        start = "2022-11-20T08:00:00Z"
        end = "2022-11-21T14:00:00Z"
        "#,
    )
    .unwrap();
    let from = chrono::NaiveDate::from_ymd_opt(2022, 11, 14).unwrap();
    let policy = Policy::new("t", "t", Currency::EUR).with_version(PolicyVersion::from_date(
        from,
        vec![Provision::new(
            "pro rata",
            Subject::billing_periods(),
            Rule::ProRata(ProRata::new(ProRataBasis::ThirtyDays)),
        )],
    ));
    let claim = assess(&claim, &policy).unwrap();
    assert_eq!(claim.total.to_string(), "3.00", "{claim}");
    assert_eq!(claim.lines.len(), 1);
    assert!(
        claim.notes.iter().any(|n| n.starts_with("Outage 1 ")),
        "{claim}"
    );
}

/// A provision for the phone only prices phone outages, at the phone's price: a
/// 24-hour outage of both at 1/30 a day pays 30/30 = 1.00 for the phone under the
/// phone provision and 60/30 = 2.00 for the internet under the other; 3.00 in all.
#[test]
fn a_provision_for_some_services_prices_only_those() {
    let claim: ClaimFile = toml::from_str(
        r#"
        [plan]
        currency = "EUR"
        time_zone = "UTC"
        [[plan.services]]
        kind = "phone"
        monthly_price = "30"
        [[plan.services]]
        kind = "internet"
        monthly_price = "60"
        [[outages]]
        services = ["phone", "internet"]
        start = "2025-06-02T00:00:00Z"
        end = "2025-06-03T00:00:00Z"
        "#,
    )
    .unwrap();
    let day = || {
        Rule::PerUnit(PerUnit::new(
            UnitCount::PerIncident(1),
            Amount::DailyRate(DayCount::Fixed(30)),
        ))
    };
    let policy = Policy::new("t", "t", Currency::EUR).with_version(PolicyVersion::always(vec![
        Provision::new("phone", Subject::outages(), day())
            .with_services(vec![crate::ServiceKind::Phone]),
        Provision::new("internet", Subject::outages(), day())
            .with_services(vec![crate::ServiceKind::Internet]),
    ]));
    let claim = assess(&claim, &policy).unwrap();
    let lines: Vec<(String, String)> = claim
        .lines
        .iter()
        .map(|l| (l.provision.clone(), l.amount.to_string()))
        .collect();
    assert_eq!(
        lines,
        vec![
            ("phone".to_owned(), "1.00".to_owned()),
            ("internet".to_owned(), "2.00".to_owned())
        ]
    );
    assert_eq!(claim.total.to_string(), "3.00");
}

fn date(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Pays `amount` when a calendar year holds more than 20 hours of outage.
fn yearly(amount: i64) -> Provision {
    Provision::new(
        "annual hours",
        Subject::Years {
            first_month: 1,
            scope: ServiceScope::EachService,
        },
        Rule::Tiers(Tiers {
            measure: Measure::Hours,
            tiers: vec![ThresholdTier {
                more_than: 20.into(),
                amount: Amount::Fixed(amount.into()),
            }],
        }),
    )
}

/// A version ending mid-period counts only the outages dated before its end, and its
/// successor the rest (Victoria's calendar-year scheme to 30 June 2021, then the
/// financial-year one): no outage time is paid twice.
#[test]
fn a_version_ending_mid_period_counts_only_the_outages_before_its_end() {
    let policy = Policy::new("two-schemes", "two schemes", Currency::AUD)
        .with_version(
            PolicyVersion::from_date(date(2016, 1, 1), vec![yearly(120)])
                .with_end_date(date(2021, 7, 1)),
        )
        .with_version(PolicyVersion::from_date(
            date(2021, 7, 1),
            vec![yearly(130)],
        ));
    let claim = |first: &str, second: &str| -> ClaimFile {
        toml::from_str(&format!(
            r#"
            [plan]
            currency = "AUD"
            time_zone = "Australia/Melbourne"
            [[plan.services]]
            kind = "electricity"
            monthly_price = "0"
            [[outages]]
            services = ["electricity"]
            {first}
            [[outages]]
            services = ["electricity"]
            {second}
            "#
        ))
        .unwrap()
    };
    // 15 h in March 2021 and 15 h in August 2021: neither scheme sees more than 20 h.
    let split = claim(
        "start = \"2021-03-01T00:00:00+11:00\"\nend = \"2021-03-01T15:00:00+11:00\"",
        "start = \"2021-08-02T00:00:00+10:00\"\nend = \"2021-08-02T15:00:00+10:00\"",
    );
    let result = assess(&split, &policy).unwrap();
    assert_eq!(result.total.to_string(), "0.00", "{result}");
    // 25 h in June 2021 and 25 h in August 2021: each scheme pays once.
    let both = claim(
        "start = \"2021-06-01T00:00:00+10:00\"\nend = \"2021-06-02T01:00:00+10:00\"",
        "start = \"2021-08-02T00:00:00+10:00\"\nend = \"2021-08-03T01:00:00+10:00\"",
    );
    let result = assess(&both, &policy).unwrap();
    let amounts: Vec<String> = result.lines.iter().map(|l| l.amount.to_string()).collect();
    assert_eq!(amounts, vec!["120.00", "130.00"], "{result}");
}

/// Regression: an account-wide credit of a version in force for one day took its daily
/// rate's month from the account's first outage, even one from an earlier month that
/// the version does not count (Rogers' credit for 8 July 2022 priced by June's 30 days).
#[test]
fn an_account_credit_takes_its_month_from_the_outages_the_version_counts() {
    let policy = Policy::new("one-day", "one day", Currency::CAD).with_version(
        PolicyVersion::from_date(
            date(2022, 7, 8),
            vec![Provision::new(
                "five days",
                Subject::Account {
                    scope: ServiceScope::EachService,
                },
                Rule::PerUnit(PerUnit::new(
                    UnitCount::PerIncident(5),
                    Amount::DailyRate(DayCount::CalendarMonth),
                )),
            )],
        )
        .with_end_date(date(2022, 7, 9)),
    );
    let claim: ClaimFile = toml::from_str(
        r#"
        [plan]
        currency = "CAD"
        time_zone = "America/Toronto"
        [[plan.services]]
        kind = "mobile"
        monthly_price = "90"
        [[outages]]
        services = ["mobile"]
        start = "2022-06-20T10:00:00-04:00"
        end = "2022-06-20T12:00:00-04:00"
        [[outages]]
        services = ["mobile"]
        start = "2022-07-08T04:45:00-04:00"
        end = "2022-07-08T23:00:00-04:00"
        "#,
    )
    .unwrap();
    // July has 31 days: 5 × 90 / 31 = 14.516 → 14.52 (June's 30 days would give 15.00).
    let result = assess(&claim, &policy).unwrap();
    assert_eq!(result.total.to_string(), "14.52", "{result}");
}

/// Two provisions over the same service, one excluding outages caused by a loss of
/// power: a 24-hour power outage at 1/30 a day of 60 pays 60/30 = 2.00 under the
/// provision that counts it and nothing under the one that excludes it, whichever
/// comes first (the spells one provision picks are not another's).
#[test]
fn provisions_that_exclude_different_causes_pick_their_own_outages() {
    let claim: ClaimFile = toml::from_str(
        r#"
        [plan]
        currency = "EUR"
        time_zone = "UTC"
        [[plan.services]]
        kind = "internet"
        monthly_price = "60"
        [[outages]]
        services = ["internet"]
        start = "2025-06-02T00:00:00Z"
        end = "2025-06-03T00:00:00Z"
        cause = "power"
        "#,
    )
    .unwrap();
    let day = || {
        Rule::PerUnit(PerUnit::new(
            UnitCount::PerIncident(1),
            Amount::DailyRate(DayCount::Fixed(30)),
        ))
    };
    let counts = || Provision::new("counts", Subject::outages(), day());
    let excludes = || {
        Provision::new("excludes", Subject::outages(), day())
            .with_excluded_causes(&[crate::Cause::Power])
    };
    for provisions in [vec![counts(), excludes()], vec![excludes(), counts()]] {
        let policy =
            Policy::new("t", "t", Currency::EUR).with_version(PolicyVersion::always(provisions));
        let claim = assess(&claim, &policy).unwrap();
        let lines: Vec<(&str, String)> = claim
            .lines
            .iter()
            .map(|l| (l.provision.as_str(), l.amount.to_string()))
            .collect();
        assert_eq!(lines, [("counts", "2.00".to_owned())], "{claim}");
        assert!(
            claim.notes.iter().any(|n| n.contains("“excludes”")),
            "{claim}"
        );
    }
}

/// An AWS compute claim: USD 100 a month, one outage from `start` to `end`, billed from
/// `billing_day`, in UTC.
fn aws_claim(billing_day: u32, start: &str, end: &str) -> ClaimFile {
    toml::from_str(&format!(
        r#"
        [plan]
        provider = "AWS"
        currency = "USD"
        time_zone = "UTC"
        billing_day = {billing_day}
        [[plan.services]]
        kind = "compute"
        monthly_price = "100"
        [[outages]]
        services = ["compute"]
        start = "{start}"
        end = "{end}"
        "#
    ))
    .unwrap()
}

/// AWS's SLA counts incidents from 5 May 2022. An outage from 4 May 23:00 to 5 May 01:00
/// UTC began on 4 May: it earns nothing, whatever the billing day. Billed from the 5th,
/// its hour after midnight falls in the period 5 May – 4 June (31 days, 44,640 minutes);
/// judged by that piece's own start it earned 60 of 44,640 minutes → 99.86559 % → 10 % of
/// 100 = 10.00 (while billed from the 1st or the 6th it earned 0.00), with a note beside
/// the line saying the outage earns nothing.
#[test]
fn an_outage_is_dated_by_its_own_start_whatever_the_billing_day() {
    let policy = crate::catalog::contracts::aws_ec2_region();
    for billing_day in [1, 4, 5, 6] {
        let claim = aws_claim(billing_day, "2022-05-04T23:00:00Z", "2022-05-05T01:00:00Z");
        let claim = assess(&claim, &policy).unwrap();
        assert_eq!(
            claim.total.to_string(),
            "0.00",
            "day {billing_day}: {claim}"
        );
        assert!(claim.lines.is_empty(), "day {billing_day}: {claim}");
        assert!(
            claim
                .notes
                .iter()
                .any(|n| n.starts_with("Outage 1 (2022-05-04) earns nothing")),
            "day {billing_day}: {claim}"
        );
    }
}

/// The same two hours a day later, from 5 May 00:00 to 02:00 UTC, are in force whatever
/// the billing day, and lie inside one billing period each time: from the 1st, May (31
/// days, 44,640 minutes): 120 min → 44,520 / 44,640 = 99.73118 %; from the 5th, 5 May – 4
/// June (31 days): the same 99.73118 %; from the 6th, 6 April – 5 May (30 days, 43,200
/// minutes): 43,080 / 43,200 = 99.72222 %. Each is in [99 %, 99.99 %) → 10 % of 100 =
/// 10.00, and no note says the outage earns nothing.
#[test]
fn an_outage_from_the_first_day_is_in_force_whatever_the_billing_day() {
    let policy = crate::catalog::contracts::aws_ec2_region();
    for billing_day in [1, 4, 5, 6] {
        let claim = aws_claim(billing_day, "2022-05-05T00:00:00Z", "2022-05-05T02:00:00Z");
        let claim = assess(&claim, &policy).unwrap();
        assert_eq!(
            claim.total.to_string(),
            "10.00",
            "day {billing_day}: {claim}"
        );
        assert_eq!(claim.lines.len(), 1, "day {billing_day}: {claim}");
        assert!(
            !claim.notes.iter().any(|n| n.contains("earns nothing")),
            "day {billing_day}: {claim}"
        );
    }
}

/// An outage across the start of a year is dated by its own start, not by the piece the
/// new year holds: 26 h from 30 June 2021 20:00 to 1 July 22:00 (Melbourne) began under
/// the calendar-year scheme, which counts all 26 h (more than 20 → 120.00); the
/// financial-year scheme from 1 July counts none of it, though its year starting 1 July
/// holds 22 h (more than 20: judged by that piece's start, it also paid 130.00, twice
/// for one outage).
#[test]
fn an_outage_across_a_new_schemes_first_year_is_counted_by_the_scheme_it_began_under() {
    let policy = Policy::new("two-schemes", "two schemes", Currency::AUD)
        .with_version(
            PolicyVersion::from_date(date(2016, 1, 1), vec![yearly(120)])
                .with_end_date(date(2021, 7, 1)),
        )
        .with_version(PolicyVersion::from_date(
            date(2021, 7, 1),
            vec![Provision {
                subject: Subject::Years {
                    first_month: 7,
                    scope: ServiceScope::EachService,
                },
                ..yearly(130)
            }],
        ));
    let claim: ClaimFile = toml::from_str(
        r#"
        [plan]
        currency = "AUD"
        time_zone = "Australia/Melbourne"
        [[plan.services]]
        kind = "electricity"
        monthly_price = "0"
        [[outages]]
        services = ["electricity"]
        start = "2021-06-30T20:00:00+10:00"
        end = "2021-07-01T22:00:00+10:00"
        "#,
    )
    .unwrap();
    let result = assess(&claim, &policy).unwrap();
    let amounts: Vec<String> = result.lines.iter().map(|l| l.amount.to_string()).collect();
    assert_eq!(amounts, vec!["120.00"], "{result}");
}

/// A policy of one version, from `from` (until `until`), paying a fixed 5 per outage.
fn five_per_outage(from: chrono::NaiveDate, until: Option<chrono::NaiveDate>) -> Policy {
    let version = PolicyVersion::from_date(
        from,
        vec![Provision::new(
            "five",
            Subject::outages(),
            Rule::Fixed {
                amount: Amount::Fixed(5.into()),
            },
        )],
    );
    let version = match until {
        Some(until) => version.with_end_date(until),
        None => version,
    };
    Policy::new("five", "five", Currency::USD).with_version(version)
}

/// Two overlapping records of the mobile service, in UTC: one incident.
fn two_records(first: (&str, &str), second: (&str, &str)) -> ClaimFile {
    toml::from_str(&format!(
        r#"
        [plan]
        currency = "USD"
        time_zone = "UTC"
        [[plan.services]]
        kind = "mobile"
        monthly_price = "60"
        [[outages]]
        services = ["mobile"]
        start = "{}"
        end = "{}"
        [[outages]]
        services = ["mobile"]
        start = "{}"
        end = "{}"
        "#,
        first.0, first.1, second.0, second.1
    ))
    .unwrap()
}

/// Records merged into one outage are dated as one, by its start, and the notes say so:
/// an outage from 8 July 08:00 to 9 July 05:00 (two records, the second from 9 July
/// 01:00) under a version in force on 8 July only is paid 5.00, and no note says the
/// second record earns nothing (it did, beside the line).
#[test]
fn a_record_merged_into_a_paid_outage_is_not_noted_as_earning_nothing() {
    let policy = five_per_outage(date(2022, 7, 8), Some(date(2022, 7, 9)));
    let claim = two_records(
        ("2022-07-08T08:00:00Z", "2022-07-09T02:00:00Z"),
        ("2022-07-09T01:00:00Z", "2022-07-09T05:00:00Z"),
    );
    let result = assess(&claim, &policy).unwrap();
    assert_eq!(result.total.to_string(), "5.00", "{result}");
    assert_eq!(result.lines[0].outages, vec![0, 1], "{result}");
    assert!(
        !result.notes.iter().any(|n| n.contains("earns nothing")),
        "{result}"
    );
}

/// The other way: an outage from 30 November 22:00 to 1 December 04:00 (the second
/// record from 1 December 02:00) under a version from 1 December began before it and
/// earns nothing; each record's note says why, the second's naming the outage's date.
#[test]
fn a_record_merged_into_an_outage_out_of_force_is_noted_with_the_outages_date() {
    let policy = five_per_outage(date(2021, 12, 1), None);
    let claim = two_records(
        ("2021-11-30T22:00:00Z", "2021-12-01T03:00:00Z"),
        ("2021-12-01T02:00:00Z", "2021-12-01T04:00:00Z"),
    );
    let result = assess(&claim, &policy).unwrap();
    assert_eq!(result.total.to_string(), "0.00", "{result}");
    let out: Vec<&String> = result
        .notes
        .iter()
        .filter(|n| n.contains("earns nothing"))
        .collect();
    assert_eq!(
        out,
        vec![
            "Outage 1 (2021-11-30) earns nothing under this policy: it is in force from \
             2021-12-01.",
            "Outage 2 (2021-12-01) earns nothing under this policy: it is part of an outage \
             dated 2021-11-30, and the policy is in force from 2021-12-01."
        ],
        "{result}"
    );
}
