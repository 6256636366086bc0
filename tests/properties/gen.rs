//! Generators: a catalog policy and a claim it can assess, with dates inside the
//! policy's versions and biased toward the awkward instants (DST changes in both
//! directions, month ends, leap days).

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;
use redress::policy::Policy;
use redress::{
    Activation, Appointment, Cause, ClaimFile, Customer, Outage, Segment, Service, ServiceKind,
    ServicePlan,
};
use rust_decimal::Decimal;

/// A policy and a claim for it.
#[derive(Debug, Clone)]
pub struct Case {
    pub policy: Policy,
    pub claim: ClaimFile,
}

pub fn catalog() -> Vec<Policy> {
    redress::catalog::all()
}

fn zone_for(jurisdiction: &str) -> Tz {
    match jurisdiction {
        "GB" => chrono_tz::Europe::London,
        "DE" => chrono_tz::Europe::Berlin,
        "ES" => chrono_tz::Europe::Madrid,
        "IT" => chrono_tz::Europe::Rome,
        "PT" => chrono_tz::Europe::Lisbon,
        "US-NY" | "US-NJ" => chrono_tz::America::New_York,
        "US" => chrono_tz::America::Chicago,
        "AU" => chrono_tz::Australia::Sydney,
        "AU-VIC" => chrono_tz::Australia::Melbourne,
        "CA" => chrono_tz::America::Toronto,
        _ => chrono_tz::UTC,
    }
}

fn regions_for(jurisdiction: &str) -> Vec<&'static str> {
    match jurisdiction {
        "GB" => vec!["GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR"],
        "DE" => vec!["DE", "DE-BY", "DE-BE"],
        "AU" => vec!["AU", "AU-NSW", "AU-VIC"],
        "*" => vec!["US", "GB-ENG", "DE"],
        "ES" => vec!["ES"],
        "IT" => vec!["IT"],
        "PT" => vec!["PT"],
        "US-NY" => vec!["US-NY"],
        "US-NJ" => vec!["US-NJ"],
        "US" => vec!["US", "US-TX"],
        "AU-VIC" => vec!["AU-VIC"],
        "CA" => vec!["CA"],
        _ => vec!["US"],
    }
}

/// The dates the policy's versions cover, clipped to 2000-2030 so instants stay ordinary.
fn windows(policy: &Policy) -> Vec<(NaiveDate, NaiveDate)> {
    let floor = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let ceiling = NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
    let mut out: Vec<(NaiveDate, NaiveDate)> = policy
        .versions
        .iter()
        .map(|v| {
            (
                v.effective_from.max(floor),
                v.effective_until.unwrap_or(ceiling).min(ceiling),
            )
        })
        .filter(|(a, b)| a < b)
        .collect();
    if out.is_empty() {
        out.push((
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        ));
    }
    out
}

/// Awkward instants inside a window: DST changes, month ends, leap days.
fn awkward_instants(zone: Tz, from: NaiveDate, until: NaiveDate) -> Vec<DateTime<Utc>> {
    use chrono::Datelike;
    let mut out = Vec::new();
    for year in from.year()..=until.year() {
        for (m, day, h) in [
            (3, 10, 1),
            (3, 30, 0),
            (3, 31, 23),
            (11, 3, 0),
            (10, 27, 0),
            (10, 5, 1),
            (4, 6, 1),
            (2, 28, 22),
            (2, 29, 12),
            (12, 31, 23),
            (1, 31, 12),
        ] {
            if let Some(date) = NaiveDate::from_ymd_opt(year, m, day) {
                if date >= from && date < until {
                    if let Some(t) = zone
                        .from_local_datetime(&date.and_hms_opt(h, 30, 0).unwrap())
                        .earliest()
                    {
                        out.push(t.with_timezone(&Utc));
                    }
                }
            }
        }
    }
    out
}

fn arb_start(policy: &Policy, zone: Tz) -> BoxedStrategy<DateTime<Utc>> {
    let mut choices: Vec<BoxedStrategy<DateTime<Utc>>> = Vec::new();
    for (from, until) in windows(policy) {
        let start = zone
            .from_local_datetime(&from.and_hms_opt(12, 0, 0).unwrap())
            .earliest()
            .unwrap()
            .with_timezone(&Utc);
        let minutes = (until - from).num_minutes().max(1);
        choices.push(
            (0..minutes)
                .prop_map(move |m| start + Duration::minutes(m))
                .boxed(),
        );
        let awkward = awkward_instants(zone, from, until);
        if !awkward.is_empty() {
            choices.push(
                (proptest::sample::select(awkward), -180i64..180)
                    .prop_map(|(t, m)| t + Duration::minutes(m))
                    .boxed(),
            );
        }
    }
    proptest::strategy::Union::new(choices).boxed()
}

fn arb_duration() -> impl Strategy<Value = Duration> {
    prop_oneof![
        6 => (1i64..72 * 60).prop_map(Duration::minutes),
        3 => (1i64..20 * 24 * 60).prop_map(Duration::minutes),
        1 => (1i64..200 * 24 * 60).prop_map(Duration::minutes),
    ]
}

fn arb_cause() -> impl Strategy<Value = Cause> {
    prop_oneof![
        12 => Just(Cause::Network),
        2 => Just(Cause::Power),
        2 => Just(Cause::SevereWeather),
        1 => Just(Cause::Customer),
        1 => Just(Cause::Planned),
        1 => Just(Cause::ForceMajeure),
    ]
}

/// The instant a generated time names: generated times are written with their offsets.
pub fn at(t: &redress::civil::When) -> DateTime<FixedOffset> {
    t.exact()
        .expect("a generated time is written with its offset")
}

/// Writes an instant with the zone's own offset at that instant.
pub fn local(t: DateTime<Utc>, zone: Tz) -> DateTime<FixedOffset> {
    t.with_timezone(&zone).fixed_offset()
}

#[derive(Debug, Clone)]
struct RawOutage {
    services: Vec<usize>,
    start: DateTime<Utc>,
    duration: Duration,
    ongoing: bool,
    reported_after: Option<i64>,
    customers: Option<u64>,
    cause: Cause,
    power_after: Option<i64>,
    degraded: bool,
}

fn arb_outage(policy: &Policy, zone: Tz, services: usize) -> impl Strategy<Value = RawOutage> {
    (
        proptest::collection::btree_set(0..services, 1..=services),
        arb_start(policy, zone),
        arb_duration(),
        proptest::bool::weighted(0.1),
        proptest::option::weighted(0.8, 0i64..600),
        proptest::option::weighted(0.6, prop_oneof![0u64..200, 0u64..50_000]),
        arb_cause(),
        proptest::option::of(0i64..48 * 60),
        proptest::bool::weighted(0.1),
    )
        .prop_map(
            |(
                services,
                start,
                duration,
                ongoing,
                reported_after,
                customers,
                cause,
                power_after,
                degraded,
            )| RawOutage {
                services: services.into_iter().collect(),
                start,
                duration,
                ongoing,
                reported_after,
                customers,
                cause,
                power_after,
                degraded,
            },
        )
}

fn kinds_for(policy: &Policy) -> Vec<ServiceKind> {
    if policy.services.is_empty() {
        vec![ServiceKind::Internet, ServiceKind::Tv]
    } else {
        policy.services.clone()
    }
}

/// A claim for one policy.
pub fn arb_claim_for(policy: Policy) -> BoxedStrategy<Case> {
    let zone = zone_for(&policy.jurisdiction);
    let kinds = kinds_for(&policy);
    let n = kinds.len();
    let regions = regions_for(&policy.jurisdiction);
    let dates: Vec<NaiveDate> = windows(&policy)
        .into_iter()
        .flat_map(|(a, b)| {
            let days = (b - a).num_days().clamp(1, 4000);
            (0..days).step_by(7).map(move |i| a + Duration::days(i))
        })
        .collect();
    (
        proptest::collection::btree_set(0..n, 1..=n),
        proptest::collection::vec(0i64..=50_000, n),
        1u8..=31,
        proptest::sample::select(regions),
        prop_oneof![Just(Segment::Residential), Just(Segment::Business)],
        proptest::collection::vec(arb_outage(&policy, zone, n), 0..4),
        proptest::collection::vec((proptest::sample::select(dates.clone()), 0..n), 0..2),
        proptest::collection::vec(
            (
                proptest::sample::select(dates),
                proptest::option::weighted(0.8, 0i64..20),
                0..n,
            ),
            0..2,
        ),
    )
        .prop_map(
            move |(chosen, cents, billing_day, region, segment, raw, appointments, activations)| {
                let chosen: Vec<usize> = chosen.into_iter().collect();
                let mut plan =
                    ServicePlan::new(policy.currency.unwrap_or(redress::Currency::USD), zone)
                        .with_billing_day(billing_day);
                plan.provider = Some(
                    policy
                        .providers
                        .first()
                        .cloned()
                        .unwrap_or_else(|| "Example Telecom".to_owned()),
                );
                for &i in &chosen {
                    plan.services
                        .push(Service::new(kinds[i].clone(), Decimal::new(cents[i], 2)));
                }
                let pick = |i: usize| kinds[chosen[i % chosen.len()]].clone();
                let mut claim = ClaimFile::new(plan).with_customer(
                    Customer::default()
                        .with_name("Sam Doe")
                        .with_account("A-1")
                        .with_region(region)
                        .with_segment(segment),
                );
                let mut as_of = None::<DateTime<Utc>>;
                for r in raw {
                    let mut services: Vec<ServiceKind> =
                        r.services.iter().map(|&i| pick(i)).collect();
                    services.sort();
                    services.dedup();
                    let end = r.start + r.duration;
                    as_of = Some(as_of.map_or(end, |a| a.max(end)));
                    let mut outage = Outage::new(services, local(r.start, zone));
                    if !r.ongoing {
                        outage.end = Some(local(end, zone).into());
                    }
                    outage.reported = r.reported_after.map(|m| {
                        local(
                            r.start + Duration::minutes(m.min(r.duration.num_minutes())),
                            zone,
                        )
                        .into()
                    });
                    outage.customers_affected = r.customers;
                    outage.cause = r.cause;
                    if r.cause == Cause::Power {
                        outage.power_restored = r
                            .power_after
                            .map(|m| local(r.start + Duration::minutes(m), zone).into());
                    }
                    outage.degraded = r.degraded;
                    claim.outages.push(outage);
                }
                for (date, s) in appointments {
                    claim
                        .appointments
                        .push(Appointment::new(date, vec![pick(s)]));
                }
                for (promised, late, s) in activations {
                    let activation = Activation::new(vec![pick(s)], promised);
                    claim.activations.push(match late {
                        Some(l) => activation.with_delivered(promised + Duration::days(l)),
                        None => activation,
                    });
                    let promised_start = zone
                        .from_local_datetime(&promised.and_hms_opt(12, 0, 0).unwrap())
                        .earliest()
                        .unwrap()
                        .with_timezone(&Utc);
                    let end = promised_start + Duration::days(30);
                    as_of = Some(as_of.map_or(end, |a| a.max(end)));
                }
                claim.as_of = as_of.map(|t| local(t, zone).into());
                Case {
                    policy: policy.clone(),
                    claim,
                }
            },
        )
        .boxed()
}

/// Any catalog policy with a claim for it.
pub fn arb_case() -> BoxedStrategy<Case> {
    let policies = catalog();
    proptest::strategy::Union::new(policies.into_iter().map(arb_claim_for)).boxed()
}

/// The same claim assessed under its policy.
pub fn assess(case: &Case) -> redress::Claim {
    redress::assess(&case_of(&case.claim), &case.policy)
        .unwrap_or_else(|e| panic!("{}: {e}\n{:#?}", case.policy.id, case.claim))
}

/// A random fixed offset, in quarter hours from −12:00 to +14:00.
pub fn arb_offset() -> impl Strategy<Value = FixedOffset> {
    (-48i32..=56).prop_map(|q| FixedOffset::east_opt(q * 900).unwrap())
}

/// A generated claim file read into the engine's case; generated files are valid.
pub fn case_of(file: &redress::ClaimFile) -> redress::Case {
    redress::Case::from_file(file).unwrap_or_else(|e| panic!("a generated claim is refused: {e}"))
}
