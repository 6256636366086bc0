//! How an assessment's cost grows with the account: 1,000, 10,000 and 100,000 outages
//! in one claim under every catalog policy, and 1,000, 10,000 and 40,000 services with
//! one outage of them all. Each size is measured as elements per second (outages or
//! services): a cost linear in the input keeps that rate flat across the sizes.
//!
//!     cargo bench --bench scaling                      # everything, a few minutes
//!     cargo bench --bench scaling -- 'outages/es-rd'   # one policy
//!
//! The accounts are built in memory by `scaling/input.rs`, laid out as
//! `benches/gen_scaling_claim.py` writes them for the command line (see
//! `benches/PERFORMANCE.md`, "Many outages, many services").

use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use redress::catalog;
use redress::policy::ServiceScope;

#[path = "scaling/input.rs"]
mod input;

const OUTAGES: [usize; 3] = [1_000, 10_000, 100_000];
const SERVICES: [usize; 3] = [1_000, 10_000, 40_000];

fn many_outages(c: &mut Criterion) {
    let mut group = c.benchmark_group("outages");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    for policy in catalog::all() {
        for count in OUTAGES {
            let Some(claim) = input::claim(&policy.id, count) else {
                continue;
            };
            let claim = redress::Case::from_file(&claim).expect("the bench's claim is valid");
            group.throughput(Throughput::Elements(count as u64));
            group.bench_with_input(BenchmarkId::new(&policy.id, count), &claim, |b, claim| {
                b.iter(|| redress::assess(black_box(claim), black_box(&policy)))
            });
        }
    }
    group.finish();
}

fn many_services(c: &mut Criterion) {
    let mut group = c.benchmark_group("services");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    for (name, scope) in [
        ("each service", ServiceScope::EachService),
        ("together", ServiceScope::Together),
    ] {
        let policy = input::every_kind_policy(scope);
        for count in SERVICES {
            let claim = redress::Case::from_file(&input::services_claim(count))
                .expect("the bench's claim is valid");
            group.throughput(Throughput::Elements(count as u64));
            group.bench_with_input(BenchmarkId::new(name, count), &claim, |b, claim| {
                b.iter(|| redress::assess(black_box(claim), black_box(&policy)))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, many_outages, many_services);
criterion_main!(benches);
