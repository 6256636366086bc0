//! The accounts `benches/scaling.rs` assesses, and the tests that check how a claim
//! grows with them: one account with many outages under a catalog policy, laid out as
//! `benches/gen_scaling_claim.py` writes it for the command line, and one account with
//! many services.

#![allow(dead_code)]

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use redress::policy::{
    Amount, Counting, DayCount, PerUnit, Policy, PolicyVersion, Provision, Rule, ServiceScope,
    Subject, UnitCount,
};
use redress::{
    Cause, ClaimFile, Currency, Customer, Outage, Service, ServiceKind, ServicePlan, Span,
};
use rust_decimal::Decimal;

/// What an account under a policy needs for the policy to apply: currency, zone (and
/// its offset from UTC on the first day, for writing instants), region, up to two
/// services it covers, the provider a contract binds, and a first day in force.
struct Profile {
    currency: Currency,
    zone: chrono_tz::Tz,
    offset_hours: i32,
    region: Option<&'static str>,
    kinds: &'static [&'static str],
    provider: Option<&'static str>,
    first_day: (i32, u32, u32),
}

fn profile(policy: &str) -> Option<Profile> {
    use chrono_tz::{America, Australia, Europe, UTC};
    let p = |currency, zone, offset_hours, region, kinds, provider, first_day| Profile {
        currency,
        zone,
        offset_hours,
        region,
        kinds,
        provider,
        first_day,
    };
    const Y2025: (i32, u32, u32) = (2025, 1, 6);
    let (eur, gbp, usd, aud, cad) = (
        Currency::EUR,
        Currency::GBP,
        Currency::USD,
        Currency::AUD,
        Currency::CAD,
    );
    Some(match policy {
        "uk-ofcom-auto-comp" => p(
            gbp,
            Europe::London,
            0,
            Some("GB-ENG"),
            &["internet", "phone"],
            None,
            Y2025,
        ),
        "de-tkg-58" => p(
            eur,
            Europe::Berlin,
            1,
            Some("DE"),
            &["internet", "phone"],
            None,
            Y2025,
        ),
        "es-rd-899-2009" => p(
            eur,
            Europe::Madrid,
            1,
            Some("ES-MD"),
            &["internet", "phone"],
            None,
            Y2025,
        ),
        "it-agcom-347-18" => p(
            eur,
            Europe::Rome,
            1,
            Some("IT"),
            &["internet", "phone"],
            None,
            Y2025,
        ),
        "pt-lei-16-2022" => p(
            eur,
            Europe::Lisbon,
            0,
            Some("PT"),
            &["internet", "tv"],
            None,
            Y2025,
        ),
        "us-ny-psc-outage-credit" => p(
            usd,
            America::New_York,
            -5,
            Some("US-NY"),
            &["internet", "tv"],
            None,
            Y2025,
        ),
        "us-nj-cable" => p(
            usd,
            America::New_York,
            -5,
            Some("US-NJ"),
            &["internet", "tv"],
            None,
            Y2025,
        ),
        "us-ny-psl-73" => p(
            usd,
            America::New_York,
            -5,
            Some("US-NY"),
            &["electricity", "gas"],
            None,
            Y2025,
        ),
        "uk-ofgem-gsop" => p(
            gbp,
            Europe::London,
            0,
            Some("GB-ENG"),
            &["electricity"],
            None,
            Y2025,
        ),
        "au-csg" => p(
            aud,
            Australia::Sydney,
            11,
            Some("AU-NSW"),
            &["phone"],
            None,
            Y2025,
        ),
        "au-vic-gsl" => p(
            aud,
            Australia::Melbourne,
            11,
            Some("AU-VIC"),
            &["electricity"],
            None,
            Y2025,
        ),
        "aws-ec2-region" => p(
            usd,
            UTC,
            0,
            None,
            &["compute"],
            Some("Amazon Web Services"),
            Y2025,
        ),
        "gcp-compute-multizone" => p(usd, UTC, 0, None, &["compute"], Some("Google Cloud"), Y2025),
        "azure-vm" => p(
            usd,
            UTC,
            0,
            None,
            &["compute"],
            Some("Microsoft Azure"),
            Y2025,
        ),
        "att-guarantee-2025" => p(
            usd,
            America::Chicago,
            -6,
            Some("US-TX"),
            &["mobile"],
            Some("AT&T"),
            (2025, 1, 13),
        ),
        "rogers-2022" => p(
            cad,
            America::Toronto,
            -4,
            Some("CA-ON"),
            &["mobile", "internet"],
            Some("Rogers"),
            (2022, 7, 8),
        ),
        _ => return None,
    })
}

/// An account under a catalog policy with `count` outages (`None` for an id the
/// bench does not know):
///
/// - outage i starts `i × spacing` after 00:10 on the policy's first day (5 minutes
///   apart; 0.8 seconds for Rogers' one-day credit), and lasts 20 % to 90 % of the
///   spacing; every 100th lasts 1.5 spacings, so it overlaps the next one and the two
///   are merged;
/// - every third names both services, the others one each, in turn;
/// - each is reported a tenth of the spacing after it began; every other one affected
///   150 customers (the rest do not say); every 17th was caused by a loss of commercial
///   power, back a twentieth of the spacing after the start.
///
/// 100,000 outages five minutes apart fill most of a year, thousands to a billing
/// period: the worst case for rules over periods.
pub fn claim(policy: &str, count: usize) -> Option<ClaimFile> {
    let profile = profile(policy)?;
    let offset = FixedOffset::east_opt(profile.offset_hours * 3600)?;
    let (y, m, d) = profile.first_day;
    let origin = offset
        .from_local_datetime(&NaiveDate::from_ymd_opt(y, m, d)?.and_hms_opt(0, 10, 0)?)
        .single()?;
    let spacing_ms: i64 = if policy == "rogers-2022" {
        800
    } else {
        300_000
    };
    let kinds: Vec<ServiceKind> = profile
        .kinds
        .iter()
        .map(|k| ServiceKind::from(*k))
        .collect();
    let mut plan = ServicePlan::new(profile.currency, profile.zone);
    for (kind, price) in kinds
        .iter()
        .zip([Decimal::new(4999, 2), Decimal::new(3001, 2)])
    {
        plan = plan.with_service(Service::new(kind.clone(), price));
    }
    plan.provider = profile.provider.map(str::to_owned);
    let at = |ms: i64| -> DateTime<FixedOffset> { origin + Duration::milliseconds(ms) };
    let mut file = ClaimFile::new(plan);
    file.outages.reserve(count);
    for i in 0..count {
        let i64_i = i64::try_from(i).ok()?;
        let start = i64_i * spacing_ms;
        let length = if i % 100 == 99 {
            spacing_ms * 3 / 2
        } else {
            spacing_ms * (20 + (i64_i * 37) % 71) / 100
        };
        let services = if kinds.len() == 1 || i % 3 == 0 {
            kinds.clone()
        } else {
            vec![kinds[i % 3 - 1].clone()]
        };
        let mut outage = Outage::new(services, at(start))
            .with_end(at(start + length))
            .with_report(at(start + spacing_ms / 10));
        if i % 2 == 0 {
            outage.customers_affected = Some(150);
        }
        if i % 17 == 0 {
            outage.cause = Cause::Power;
            outage.power_restored = Some(at(start + spacing_ms / 20).into());
        }
        file.outages.push(outage);
    }
    file.customer = profile
        .region
        .map(|region| Customer::default().with_region(region));
    file.as_of = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
        .ok()
        .map(Into::into);
    Some(file)
}

/// An account with `count` services of other kinds (`svc-0`, `svc-1`, …, listed in
/// that order, which sorts `svc-10` before `svc-2`) at 1.50 a month, and one 27-hour
/// outage of them all.
pub fn services_claim(count: usize) -> ClaimFile {
    let kinds: Vec<ServiceKind> = (0..count)
        .map(|i| ServiceKind::from(format!("svc-{i}").as_str()))
        .collect();
    let mut plan = ServicePlan::new(Currency::USD, chrono_tz::UTC);
    plan.services = kinds
        .iter()
        .map(|k| Service::new(k.clone(), Decimal::new(150, 2)))
        .collect();
    let t = |s: &str| DateTime::parse_from_rfc3339(s).expect("an instant");
    ClaimFile::new(plan).with_outage(
        Outage::new(kinds, t("2025-03-03T09:00:00Z")).with_end(t("2025-03-04T12:00:00Z")),
    )
}

/// A policy for every kind of service: 1/30 of each service's monthly price per started
/// 24 hours (New York's PSC rule, without its conditions), for each service on its own
/// or for the services together.
pub fn every_kind_policy(scope: ServiceScope) -> Policy {
    Policy::new("every-kind", "1/30 per started 24 hours", Currency::USD).with_version(
        PolicyVersion::from_date(
            NaiveDate::MIN,
            vec![Provision::new(
                "outage credit",
                Subject::Outages { scope },
                Rule::PerUnit(PerUnit::new(
                    UnitCount::Blocks {
                        length: Span::hours(24),
                        counting: Counting::Started,
                    },
                    Amount::DailyRate(DayCount::Fixed(30)),
                )),
            )],
        ),
    )
}
