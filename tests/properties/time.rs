//! 7 period consistency, 9 exact time (8 equal treatment is `redress::fairness`'s).

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;
use redress::policy::*;
use redress::{ClaimFile, Currency, Outage, Service, ServiceKind, ServicePlan};
use rust_decimal::Decimal;

use crate::gen::local;

/// Period starts of a billing cycle, computed independently of the library: the anchor day
/// clamped to each month's length, at the first local instant of that date.
fn period_start(year: i32, month: u32, anchor: u32, zone: Tz) -> DateTime<Utc> {
    let mut day = anchor;
    let date = loop {
        if let Some(d) = NaiveDate::from_ymd_opt(year, month, day) {
            break d;
        }
        day -= 1;
    };
    let mut local = date.and_hms_opt(0, 0, 0).unwrap();
    loop {
        if let Some(t) = zone.from_local_datetime(&local).earliest() {
            return t.with_timezone(&Utc);
        }
        local += Duration::minutes(15);
    }
}

fn next_month(year: i32, month: u32) -> (i32, u32) {
    if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    }
}

const ZONES: [Tz; 5] = [
    chrono_tz::America::New_York,
    chrono_tz::Europe::London,
    chrono_tz::Australia::Sydney,
    chrono_tz::America::Santiago,
    chrono_tz::UTC,
];

proptest! {
    /// 7. An outage across billing boundaries is prorated by each period's own length, and
    /// the claim is the sum of those parts.
    #[test]
    fn billing_periods_prorate_by_their_own_length(
        zone in proptest::sample::select(&ZONES[..]),
        anchor in 1u32..=31,
        start_minutes in 0i64..(4 * 365 * 24 * 60),
        length_minutes in 1i64..(70 * 24 * 60),
        cents in 1i64..100_000,
    ) {
        let first = Utc.with_ymd_and_hms(2023, 1, 1, 0, 0, 0).unwrap();
        let start = first + Duration::minutes(start_minutes);
        let end = start + Duration::minutes(length_minutes);
        let price = Decimal::new(cents, 2);
        let plan = ServicePlan::new(Currency::USD, zone)
            .with_billing_day(anchor as u8)
            .with_service(Service::new(ServiceKind::Internet, price));
        let claim = ClaimFile::new(plan).with_outage(Outage::new(vec![ServiceKind::Internet], local(start, zone)).with_end(local(end, zone)));
        let policy = Policy::new("pro-rata", "pro rata", Currency::USD).with_version(PolicyVersion::always(vec![Provision::new("credit", Subject::outages(), Rule::ProRata(ProRata::new(ProRataBasis::BillingPeriod)))],
        ));
        let result = redress::assess(&crate::gen::case_of(&claim), &policy).unwrap();

        // The oracle: walk the months from the one before the start.
        let local_start = start.with_timezone(&zone);
        let (mut y, mut m) = if local_start.month() == 1 { (local_start.year() - 1, 12) } else { (local_start.year(), local_start.month() - 1) };
        let mut expected = Vec::new();
        loop {
            let (ny, nm) = next_month(y, m);
            let p_start = period_start(y, m, anchor, zone);
            let p_end = period_start(ny, nm, anchor, zone);
            let s = start.max(p_start);
            let e = end.min(p_end);
            if s < e {
                let amount = price * Decimal::from((e - s).num_seconds()) / Decimal::from((p_end - p_start).num_seconds());
                expected.push(amount);
            }
            if p_end >= end { break; }
            (y, m) = (ny, nm);
        }
        let got: Vec<Decimal> = result.lines.iter().map(|l| l.unrounded).collect();
        prop_assert_eq!(got, expected);
    }
}

/// A New York PSC-like rule (24-hour blocks), the Ofgem shape (12-hour standard, then
/// 12-hour steps) and the PSL §73 shape: each measures elapsed time only.
fn elapsed_rules() -> Vec<Policy> {
    let ny = Rule::PerUnit(PerUnit::new(
        UnitCount::Blocks {
            length: redress::Span::hours(24),
            counting: Counting::Started,
        },
        Amount::DailyRate(DayCount::Fixed(30)),
    ));
    let steps = Rule::Escalating(Escalating::new(
        redress::Span::hours(12),
        Amount::Fixed(95.into()),
        redress::Span::hours(12),
        Amount::Fixed(45.into()),
        Counting::Complete,
    ));
    [ny, steps]
        .into_iter()
        .map(|rule| {
            Policy::new("elapsed", "elapsed", Currency::USD).with_version(PolicyVersion::always(
                vec![Provision::new("credit", Subject::outages(), rule)],
            ))
        })
        .collect()
}

proptest! {
    /// 9. A DST change neither adds nor removes credit: an outage of N elapsed hours earns
    /// the same across a DST change as a week later, and N hours count as N hours.
    #[test]
    fn dst_changes_neither_add_nor_remove_credit(
        zone in proptest::sample::select(&ZONES[..4]),
        year in 2020i32..2030,
        which in 0usize..2,
        before_minutes in 0i64..(30 * 60),
        hours in 1i64..120,
    ) {
        // Find the DST change of that year by scanning local offsets day by day.
        let jan = Utc.with_ymd_and_hms(year, 1, 1, 12, 0, 0).unwrap();
        let mut changes = Vec::new();
        let mut prev = zone.offset_from_utc_datetime(&jan.naive_utc());
        for day in 1..366 {
            let t = jan + Duration::days(day);
            let off = zone.offset_from_utc_datetime(&t.naive_utc());
            if off != prev { changes.push(t); }
            prev = off;
        }
        prop_assume!(!changes.is_empty());
        let change = changes[which % changes.len()];
        let start = change - Duration::minutes(before_minutes);
        let week_later = start + Duration::days(7);
        for policy in elapsed_rules() {
            let claim_at = |s: DateTime<Utc>| {
                let plan = ServicePlan::new(Currency::USD, zone).with_service(Service::new(ServiceKind::Tv, Decimal::from(120)));
                ClaimFile::new(plan).with_outage(
                    Outage::new(vec![ServiceKind::Tv], local(s, zone)).with_end(local(s + Duration::hours(hours), zone)),
                )
            };
            let across = redress::assess(&crate::gen::case_of(&claim_at(start)), &policy).unwrap();
            let later = redress::assess(&crate::gen::case_of(&claim_at(week_later)), &policy).unwrap();
            prop_assert_eq!(across.total, later.total);
        }
        // N hours count as N hours: ⌈N / 24⌉ blocks of $4.
        let plan = ServicePlan::new(Currency::USD, zone).with_service(Service::new(ServiceKind::Tv, Decimal::from(120)));
        let claim = ClaimFile::new(plan).with_outage(Outage::new(vec![ServiceKind::Tv], local(start, zone)).with_end(local(start + Duration::hours(hours), zone)));
        let blocks = (hours + 23) / 24;
        let ny = &elapsed_rules()[0];
        prop_assert_eq!(redress::assess(&crate::gen::case_of(&claim), ny).unwrap().total, Decimal::from(4 * blocks));
    }
}
