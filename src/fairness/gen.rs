//! Generators: a claim any policy can assess, with dates inside the policy's versions and
//! biased toward the awkward instants (DST changes in both directions, month ends, leap
//! days). Everything is derived from the policy's own data: its jurisdiction gives the
//! zone and the customer's regions (none, or an unknown one: UTC and no region), its
//! services the plan's services (none listed: internet and TV), its currency the plan's
//! (none: USD), its providers the plan's provider, its versions the dates.

use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc,
};
use chrono_tz::Tz;
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::civil::When;
use crate::policy::Policy;
use crate::{
    Activation, Appointment, Cause, ClaimFile, Currency, Customer, Outage, Segment, Service,
    ServiceKind, ServicePlan,
};

/// A date that exists, or the earliest date chrono knows (never reached: the callers
/// name real dates).
fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// The first instant at or after a local time in `zone` (a time in a DST gap moves on).
fn first_instant(zone: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let mut wanted = local;
    for _ in 0..16 {
        if let Some(t) = zone.from_local_datetime(&wanted).earliest() {
            return t.with_timezone(&Utc);
        }
        wanted += Duration::minutes(15);
    }
    Utc.from_utc_datetime(&local)
}

/// The zone a policy's jurisdiction lives in; UTC when it has none or one not known here.
pub(crate) fn zone_for(jurisdiction: &str) -> Tz {
    let code = jurisdiction.trim().to_ascii_uppercase();
    match code.as_str() {
        "GB" | "GB-ENG" | "GB-WLS" | "GB-SCT" | "GB-NIR" => chrono_tz::Europe::London,
        "DE" => chrono_tz::Europe::Berlin,
        "ES" => chrono_tz::Europe::Madrid,
        "IT" => chrono_tz::Europe::Rome,
        "PT" => chrono_tz::Europe::Lisbon,
        "FR" => chrono_tz::Europe::Paris,
        "IE" => chrono_tz::Europe::Dublin,
        "NL" => chrono_tz::Europe::Amsterdam,
        "US-NY" | "US-NJ" => chrono_tz::America::New_York,
        "US-CA" => chrono_tz::America::Los_Angeles,
        "US" | "US-TX" => chrono_tz::America::Chicago,
        "AU" | "AU-NSW" => chrono_tz::Australia::Sydney,
        "AU-VIC" => chrono_tz::Australia::Melbourne,
        "CA" | "CA-ON" => chrono_tz::America::Toronto,
        _ => chrono_tz::UTC,
    }
}

/// The customer regions a claim under the policy may name: a few inside its
/// jurisdiction, less those it excludes; `None` (no region) when it names none, or
/// none that is an ISO 3166 code.
pub(crate) fn regions_for(policy: &Policy) -> Vec<Option<String>> {
    let code = policy.jurisdiction.trim().to_ascii_uppercase();
    let known: &[&str] = match code.as_str() {
        "GB" => &["GB-ENG", "GB-WLS", "GB-SCT", "GB-NIR"],
        "DE" => &["DE", "DE-BY", "DE-BE"],
        "AU" => &["AU", "AU-NSW", "AU-VIC"],
        "*" => &["US", "GB-ENG", "DE"],
        "US" => &["US", "US-TX"],
        _ => &[],
    };
    let mut out: Vec<Option<String>> = if !known.is_empty() {
        known.iter().map(|r| Some((*r).to_owned())).collect()
    } else {
        vec![crate::region::canonical(&code).ok().map(|c| c.into_owned())]
    };
    out.retain(|r| {
        r.as_ref().is_none_or(|r| {
            !policy
                .excluded_regions
                .iter()
                .any(|x| x.eq_ignore_ascii_case(r))
        })
    });
    if out.is_empty() {
        out.push(None);
    }
    out
}

/// The dates the policy's versions cover, clipped to 2000-2030 so instants stay ordinary;
/// 2024 when it has none.
pub(crate) fn windows(policy: &Policy) -> Vec<(NaiveDate, NaiveDate)> {
    let floor = date(2000, 1, 1);
    let ceiling = date(2030, 1, 1);
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
        out.push((date(2024, 1, 1), date(2025, 1, 1)));
    }
    out
}

/// Awkward instants inside a window: DST changes, month ends, leap days.
fn awkward_instants(zone: Tz, from: NaiveDate, until: NaiveDate) -> Vec<DateTime<Utc>> {
    const AWKWARD: [(u32, u32, u32); 11] = [
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
    ];
    let mut out = Vec::new();
    for year in from.year()..=until.year() {
        for (m, day, h) in AWKWARD {
            let Some(when) = NaiveDate::from_ymd_opt(year, m, day) else {
                continue;
            };
            let Some(local) = when.and_hms_opt(h, 30, 0) else {
                continue;
            };
            if when >= from && when < until {
                if let Some(t) = zone.from_local_datetime(&local).earliest() {
                    out.push(t.with_timezone(&Utc));
                }
            }
        }
    }
    out
}

fn arb_start(policy: &Policy, zone: Tz) -> BoxedStrategy<DateTime<Utc>> {
    let mut choices: Vec<BoxedStrategy<DateTime<Utc>>> = Vec::new();
    for (from, until) in windows(policy) {
        let start =
            first_instant(zone, from.and_time(chrono::NaiveTime::MIN)) + Duration::hours(12);
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

/// The instant a time names: a time written without an offset (none is generated so) is
/// read as UTC, which only the checks' own arithmetic sees.
pub(crate) fn at(t: &When) -> DateTime<FixedOffset> {
    match t {
        When::Local(local) => Utc.from_utc_datetime(local).fixed_offset(),
        other => other.exact().unwrap_or_default(),
    }
}

/// Writes an instant with the zone's own offset at that instant.
pub(crate) fn local(t: DateTime<Utc>, zone: Tz) -> DateTime<FixedOffset> {
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
        .prop_map(|t| RawOutage {
            services: t.0.into_iter().collect(),
            start: t.1,
            duration: t.2,
            ongoing: t.3,
            reported_after: t.4,
            customers: t.5,
            cause: t.6,
            power_after: t.7,
            degraded: t.8,
        })
}

fn kinds_for(policy: &Policy) -> Vec<ServiceKind> {
    if policy.services.is_empty() {
        vec![ServiceKind::Internet, ServiceKind::Tv]
    } else {
        policy.services.clone()
    }
}

/// What a claim is drawn from, before it is written out.
#[derive(Debug, Clone)]
struct Draw {
    chosen: Vec<usize>,
    cents: Vec<i64>,
    billing_day: u8,
    region: Option<String>,
    segment: Segment,
    raw: Vec<RawOutage>,
    appointments: Vec<(NaiveDate, usize)>,
    activations: Vec<(NaiveDate, Option<i64>, usize)>,
}

/// What the policy fixes in every claim drawn for it.
#[derive(Debug, Clone)]
struct Frame {
    zone: Tz,
    kinds: Vec<ServiceKind>,
    currency: Currency,
    provider: String,
}

/// A strategy for claim files any policy can be asked to assess: a plan of the policy's
/// services (or internet and TV), prices from 0 to 500, billing days 1-31, up to three
/// outages (ongoing ones among them), missed appointments and late activations, all
/// dated inside the policy's versions. Every time is written with the zone's offset.
///
/// # Example
/// ```
/// use proptest::strategy::{Strategy, ValueTree};
/// use proptest::test_runner::TestRunner;
///
/// let policy = redress::catalog::get("us-ny-psc-outage-credit")?;
/// let mut runner = TestRunner::deterministic();
/// let claim = redress::fairness::arb_claim(&policy).new_tree(&mut runner).unwrap().current();
/// assert_eq!(claim.plan.time_zone, redress::chrono_tz::America::New_York);
/// let case = redress::Case::from_file(&claim)?;
/// assert!(redress::assess(&case, &policy).is_ok());
/// # Ok::<(), redress::Error>(())
/// ```
pub fn arb_claim(policy: &Policy) -> BoxedStrategy<ClaimFile> {
    let zone = zone_for(&policy.jurisdiction);
    let kinds = kinds_for(policy);
    let n = kinds.len();
    let dates: Vec<NaiveDate> = windows(policy)
        .into_iter()
        .flat_map(|(a, b)| {
            let days = (b - a).num_days().clamp(1, 4000);
            (0..days).step_by(7).map(move |i| a + Duration::days(i))
        })
        .collect();
    let frame = Frame {
        zone,
        kinds,
        currency: policy.currency.unwrap_or(Currency::USD),
        provider: policy
            .providers
            .first()
            .cloned()
            .unwrap_or_else(|| "Example Telecom".to_owned()),
    };
    let draw = (
        proptest::collection::btree_set(0..n, 1..=n),
        proptest::collection::vec(0i64..=50_000, n),
        1u8..=31,
        proptest::sample::select(regions_for(policy)),
        prop_oneof![Just(Segment::Residential), Just(Segment::Business)],
        proptest::collection::vec(arb_outage(policy, zone, n), 0..4),
        proptest::collection::vec((proptest::sample::select(dates.clone()), 0..n), 0..2),
        proptest::collection::vec(
            (
                proptest::sample::select(dates),
                proptest::option::weighted(0.8, 0i64..20),
                0..n,
            ),
            0..2,
        ),
    );
    draw.prop_map(move |d| {
        written(
            &frame,
            Draw {
                chosen: d.0.into_iter().collect(),
                cents: d.1,
                billing_day: d.2,
                region: d.3,
                segment: d.4,
                raw: d.5,
                appointments: d.6,
                activations: d.7,
            },
        )
    })
    .boxed()
}

/// The claim file a draw stands for.
fn written(frame: &Frame, draw: Draw) -> ClaimFile {
    let zone = frame.zone;
    let mut plan = ServicePlan::new(frame.currency, zone).with_billing_day(draw.billing_day);
    plan.provider = Some(frame.provider.clone());
    for &i in &draw.chosen {
        if let (Some(kind), Some(cents)) = (frame.kinds.get(i), draw.cents.get(i)) {
            plan.services
                .push(Service::new(kind.clone(), Decimal::new(*cents, 2)));
        }
    }
    let pick = |i: usize| {
        let at = draw.chosen.get(i % draw.chosen.len().max(1)).copied();
        at.and_then(|k| frame.kinds.get(k))
            .cloned()
            .unwrap_or(ServiceKind::Internet)
    };
    let mut customer = Customer::default()
        .with_name("Sam Doe")
        .with_account("A-1")
        .with_segment(draw.segment);
    if let Some(region) = &draw.region {
        customer = customer.with_region(region);
    }
    let mut claim = ClaimFile::new(plan).with_customer(customer);
    let mut as_of = None::<DateTime<Utc>>;
    for r in draw.raw {
        let mut services: Vec<ServiceKind> = r.services.iter().map(|&i| pick(i)).collect();
        services.sort();
        services.dedup();
        let end = r.start + r.duration;
        as_of = Some(as_of.map_or(end, |a| a.max(end)));
        claim.outages.push(outage(r, services, zone));
    }
    for (date, s) in draw.appointments {
        claim
            .appointments
            .push(Appointment::new(date, vec![pick(s)]));
    }
    for (promised, late, s) in draw.activations {
        let activation = Activation::new(vec![pick(s)], promised);
        claim.activations.push(match late {
            Some(l) => activation.with_delivered(promised + Duration::days(l)),
            None => activation,
        });
        let noon =
            first_instant(zone, promised.and_time(chrono::NaiveTime::MIN)) + Duration::hours(12);
        let end = noon + Duration::days(30);
        as_of = Some(as_of.map_or(end, |a| a.max(end)));
    }
    claim.as_of = as_of.map(|t| local(t, zone).into());
    claim
}

fn outage(r: RawOutage, services: Vec<ServiceKind>, zone: Tz) -> Outage {
    let end = r.start + r.duration;
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
    outage
}

/// A random fixed offset, in quarter hours from −12:00 to +14:00.
pub(crate) fn arb_offset() -> impl Strategy<Value = FixedOffset> {
    (-48i32..=56).prop_map(|q| FixedOffset::east_opt(q * 900).unwrap_or(Utc.fix()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jurisdiction_that_is_no_region_gives_claims_without_one() {
        let mut policy = Policy::new("odd", "odd", Currency::EUR);
        policy.jurisdiction = "Atlantis".to_owned();
        assert_eq!(zone_for(&policy.jurisdiction), chrono_tz::UTC);
        assert_eq!(regions_for(&policy), vec![None]);
        policy.jurisdiction = "jp".to_owned();
        assert_eq!(regions_for(&policy), vec![Some("JP".to_owned())]);
    }

    #[test]
    fn excluded_regions_are_not_drawn() {
        let mut policy = Policy::new("gb", "gb", Currency::GBP);
        policy.jurisdiction = "GB".to_owned();
        policy.excluded_regions = vec!["GB-NIR".to_owned()];
        assert!(!regions_for(&policy).contains(&Some("GB-NIR".to_owned())));
        assert_eq!(zone_for("GB"), chrono_tz::Europe::London);
    }

    #[test]
    fn a_policy_without_jurisdiction_is_claimed_in_utc_without_a_region() {
        let mut policy = Policy::new("bare", "bare", Currency::EUR);
        policy.jurisdiction = String::new();
        assert_eq!(zone_for(&policy.jurisdiction), chrono_tz::UTC);
        assert_eq!(regions_for(&policy), vec![None]);
        assert_eq!(windows(&policy), vec![(date(2024, 1, 1), date(2025, 1, 1))]);
    }
}
