//! One assessment under each rule family, and a heavy account.
//!
//! Run with `cargo bench --bench assess`; criterion prints the median per assessment.

use chrono::{DateTime, Duration, FixedOffset};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use redress::{catalog, Case, ClaimFile};

fn file(text: &str) -> ClaimFile {
    toml::from_str(text).expect("bench claim parses")
}

fn case(file: &ClaimFile) -> Case {
    Case::from_file(file).expect("bench claim is valid")
}

/// The one-outage account of the speed targets (also `examples/assess_loop.rs`).
const NY: &str = include_str!("data/ny-one-outage.toml");

const DE: &str = r#"
[customer]
region = "DE"
[plan]
currency = "EUR"
time_zone = "Europe/Berlin"
[[plan.services]]
kind = "internet"
monthly_price = "69.99"
[[outages]]
services = ["internet"]
start = "2025-03-07T19:00:00+01:00"
end = "2025-03-14T12:00:00+01:00"
reported = "2025-03-07T19:00:00+01:00"
"#;

const UK: &str = r#"
[customer]
region = "GB-ENG"
[plan]
currency = "GBP"
time_zone = "Europe/London"
[[plan.services]]
kind = "internet"
monthly_price = "30"
[[outages]]
services = ["internet"]
start = "2025-04-17T14:00:00+01:00"
end = "2025-04-25T10:00:00+01:00"
reported = "2025-04-17T14:00:00+01:00"
"#;

const AWS: &str = r#"
[plan]
provider = "Amazon Web Services"
currency = "USD"
time_zone = "UTC"
[[plan.services]]
kind = "compute"
monthly_price = "1200"
[[outages]]
services = ["compute"]
start = "2025-06-10T10:00:00Z"
end = "2025-06-10T10:50:00Z"
"#;

fn one_account_per_family(c: &mut Criterion) {
    let mut group = c.benchmark_group("one account");
    for (name, id, text) in [
        ("NY PSC blocks", "us-ny-psc-outage-credit", NY),
        ("TKG bands", "de-tkg-58", DE),
        ("Ofcom working-day clock", "uk-ofcom-auto-comp", UK),
        ("AWS uptime tiers", "aws-ec2-region", AWS),
    ] {
        let claim = case(&file(text));
        let policy = catalog::get(id).expect("catalog id");
        group.bench_function(name, |b| {
            b.iter(|| redress::assess(black_box(&claim), black_box(&policy)))
        });
    }
    // The figures only (what the batch path computes), for the same NY account.
    let document = file(NY);
    let claim = case(&document);
    let policy = catalog::get("us-ny-psc-outage-credit").expect("catalog id");
    group.bench_function("NY PSC blocks, totals only", |b| {
        b.iter(|| redress::assess_totals(black_box(&claim), black_box(&policy)))
    });
    // Reading the claim file's document into a case, then the figures.
    group.bench_function("NY PSC blocks, case and totals", |b| {
        b.iter(|| {
            Case::from_file(black_box(&document))
                .and_then(|claim| redress::assess_totals(&claim, black_box(&policy)))
        })
    });
    group.finish();
}

/// An account with 50 outages spread over 12 billing periods.
fn heavy_account(c: &mut Criterion) {
    let mut claim = file(NY);
    claim.outages.clear();
    let first: DateTime<FixedOffset> =
        DateTime::parse_from_rfc3339("2024-01-03T06:00:00-05:00").expect("instant");
    for i in 0..50 {
        let start = first + Duration::hours(i * 175);
        let mut outage = redress::Outage::new(vec![redress::ServiceKind::Internet], start)
            .with_end(start + Duration::hours(5 + i % 40));
        outage.customers_affected = Some(500);
        claim.outages.push(outage);
    }
    let policies: Vec<redress::policy::Policy> = ["us-ny-psc-outage-credit", "pt-lei-16-2022"]
        .iter()
        .map(|id| catalog::get(id).expect("catalog id"))
        .collect();
    let mut group = c.benchmark_group("50 outages over 12 billing periods");
    let ny = case(&claim);
    group.bench_function("NY PSC blocks", |b| {
        b.iter(|| redress::assess(black_box(&ny), &policies[0]))
    });
    let mut pt = claim.clone();
    pt.plan.currency = redress::Currency::EUR;
    pt.plan.time_zone = chrono_tz::Europe::Lisbon;
    let pt = case(&pt);
    group.bench_function("Portugal, pro rata by billing period", |b| {
        b.iter(|| redress::assess(black_box(&pt), &policies[1]))
    });
    group.finish();
}

criterion_group!(benches, one_account_per_family, heavy_account);
criterion_main!(benches);
