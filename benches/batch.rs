//! The in-memory batch path over 100,000 accounts: one incident (one outage per area),
//! the New York PSC rule, accounts with one to three priced services.
//!
//! Run with `cargo bench --bench batch`; criterion prints the time per 100,000 accounts
//! (and the rate). `assess` measures `Batch::assess_into` over parsed accounts, with the
//! summary; `parse and assess` starts from the text of each row's fields, as the CLI does
//! after its CSV reader.

use chrono::{DateTime, Duration, FixedOffset};
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use redress::batch::{
    Account, AccountFields, AreaOutage, Batch, OutageFields, OutageIndex, PolicyTotal, Summary,
};
use redress::catalog;

const ACCOUNTS: usize = 100_000;
const AREAS: usize = 500;

/// A small deterministic generator, so the data is the same on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// The text of one account row's fields.
struct Row {
    account: String,
    area: String,
    billing_day: String,
    services: String,
}

impl Row {
    fn fields(&self) -> AccountFields<'_> {
        AccountFields {
            account: &self.account,
            region: "US-NY",
            area: &self.area,
            currency: "USD",
            time_zone: "America/New_York",
            billing_day: &self.billing_day,
            services: &self.services,
        }
    }
}

fn rows(rng: &mut Lcg) -> Vec<Row> {
    const SETS: [&[&str]; 5] = [
        &["internet"],
        &["internet", "tv"],
        &["internet", "tv", "phone"],
        &["internet", "phone"],
        &["tv", "phone"],
    ];
    (0..ACCOUNTS)
        .map(|n| {
            let set = SETS[rng.next(SETS.len() as u64) as usize];
            let services: Vec<String> = set
                .iter()
                .map(|kind| format!("{kind}:{}.{:02}", rng.next(200), rng.next(100)))
                .collect();
            Row {
                account: format!("A-{n:07}"),
                area: format!("area-{:05}", rng.next(AREAS as u64 + AREAS as u64 / 20)),
                billing_day: (1 + rng.next(28)).to_string(),
                services: services.join("|"),
            }
        })
        .collect()
}

fn outages(rng: &mut Lcg) -> OutageIndex {
    let first: DateTime<FixedOffset> =
        DateTime::parse_from_rfc3339("2024-09-20T00:00:00-04:00").expect("instant");
    (0..AREAS)
        .map(|i| {
            let start = first + Duration::minutes(rng.next(14 * 24 * 60) as i64);
            let end = start + Duration::minutes(5 + rng.next(6 * 24 * 60) as i64);
            let services = ["internet", "internet|tv", "internet|tv|phone"][i % 3];
            let customers = if i % 10 == 0 {
                String::new()
            } else {
                (50 + rng.next(200_000)).to_string()
            };
            AreaOutage::parse(&OutageFields {
                area: &format!("area-{i:05}"),
                services,
                start: &start.to_rfc3339(),
                end: &end.to_rfc3339(),
                customers_affected: &customers,
                cause: "network",
            })
            .expect("outage parses")
        })
        .collect()
}

fn batch(c: &mut Criterion) {
    let mut rng = Lcg(20241005);
    let rows = rows(&mut rng);
    let index = outages(&mut rng);
    let policy = catalog::get("us-ny-psc-outage-credit").expect("catalog id");
    let as_of = DateTime::parse_from_rfc3339("2024-10-05T12:00:00-04:00").expect("instant");
    let mut batch = Batch::new(vec![policy], index).with_as_of(as_of);
    let accounts: Vec<Account> = rows
        .iter()
        .map(|row| Account::parse(&row.fields()).expect("account parses"))
        .collect();

    let mut group = c.benchmark_group("batch of 100,000 accounts, NY PSC");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ACCOUNTS as u64));
    group.bench_function("assess", |b| {
        let mut totals: Vec<PolicyTotal> = Vec::new();
        b.iter(|| {
            let mut summary = Summary::default();
            for account in &accounts {
                batch
                    .assess_into(black_box(account), &mut totals)
                    .expect("assessed");
                summary.add(batch.outages(), &account.area, &totals);
            }
            summary
        })
    });
    group.bench_function("parse and assess", |b| {
        let mut totals: Vec<PolicyTotal> = Vec::new();
        b.iter(|| {
            let mut summary = Summary::default();
            for row in &rows {
                let account = Account::parse(black_box(&row.fields())).expect("account parses");
                batch.assess_into(&account, &mut totals).expect("assessed");
                summary.add(batch.outages(), &account.area, &totals);
            }
            summary
        })
    });
    group.finish();
}

criterion_group!(benches, batch);
criterion_main!(benches);
