//! Claims with many outages or services, and amounts too large to keep to the cent.
//!
//! How long they take is measured by `cargo bench --bench scaling`, never asserted
//! here; these tests check what the size of a claim's output depends on, and that a
//! huge figure is an error rather than a lost cent.

use redress::policy::*;
use redress::{catalog, Case, Claim, ClaimFile, Currency, Error};
use rust_decimal::Decimal;

/// A claim file read into a case and assessed.
fn assess(file: &ClaimFile, policy: &Policy) -> Result<Claim, Error> {
    redress::assess(&Case::from_file(file)?, policy)
}

/// A claim file read into a case and assessed for its figures.
fn assess_totals(file: &ClaimFile, policy: &Policy) -> Result<redress::Totals, Error> {
    redress::assess_totals(&Case::from_file(file)?, policy)
}

#[path = "../benches/scaling/input.rs"]
mod input;

/// How many times a line may list an outage record: once per service it names, per
/// provision, per period it touches (an outage of minutes touches one or two).
fn listing_bound(file: &ClaimFile, policy: &Policy) -> usize {
    let provisions = policy
        .versions
        .iter()
        .map(|v| v.provisions.len())
        .max()
        .unwrap_or(0);
    let named: usize = file.outages.iter().map(|o| o.services.len()).sum();
    named * provisions * 2
}

/// 400 outages of minutes, five minutes apart (a day and a half, one billing period),
/// under every catalog policy: the lines list each outage record at most once per
/// service, provision and period it touches, so the claim grows with the outages, not
/// with their square. Before, a billing period's pro-rata lines (Spain's and
/// Portugal's), one per outage, each listed all the period's outages: 400 lines of 400.
#[test]
fn lines_list_each_outage_a_bounded_number_of_times() {
    for policy in catalog::all() {
        let file = input::claim(&policy.id, 400).expect("a profile for every catalog policy");
        let claim = assess(&file, &policy).unwrap();
        let listed: usize = claim.lines.iter().map(|l| l.outages.len()).sum();
        let bound = listing_bound(&file, &policy);
        assert!(
            listed <= bound,
            "{}: {} lines list {listed} outage records (at most {bound})",
            policy.id,
            claim.lines.len()
        );
    }
}

/// A pro-rata line for one outage of a billing period lists that outage's records, and
/// its credited time lies within them. (1,000 outages of about 2¾ minutes are some 46
/// hours out: past Portugal's 24 hours in the period.)
#[test]
fn a_periods_pro_rata_line_lists_the_outage_it_prices() {
    for id in ["es-rd-899-2009", "pt-lei-16-2022"] {
        let policy = catalog::get(id).unwrap();
        let file = input::claim(id, 1_000).unwrap();
        let claim = assess(&file, &policy).unwrap();
        assert!(claim.lines.len() > 100, "{id}: {} lines", claim.lines.len());
        for line in &claim.lines {
            let redress::claim::Basis::ProRata { from, to, .. } = &line.basis else {
                panic!("{id}: a pro-rata line: {line:?}");
            };
            let records: Vec<&redress::Outage> =
                line.outages.iter().map(|&i| &file.outages[i]).collect();
            assert!((1..=2).contains(&records.len()), "{id}: {:?}", line.outages);
            let start = records
                .iter()
                .filter_map(|o| o.start.exact())
                .min()
                .unwrap();
            let end = records
                .iter()
                .filter_map(|o| o.end.and_then(|t| t.exact()))
                .max()
                .unwrap();
            assert!(
                start <= *from && *to <= end,
                "{id}: {from} → {to} is outside outages {:?}",
                line.outages
            );
        }
    }
}

/// Ofcom's policy repeats its provisions in a version for each year's amounts, and the
/// outages they pick are worked out once for them all: its lines are those of each
/// version on its own, in order.
#[test]
fn a_policy_in_versions_prices_each_outage_under_its_own_version() {
    let policy = catalog::get("uk-ofcom-auto-comp").unwrap();
    let mut file = input::claim(&policy.id, 60).unwrap();
    // Spread the outages over six years, ten to a year, each long enough to pay.
    for (i, outage) in file.outages.iter_mut().enumerate() {
        let days = i64::try_from(i).unwrap() * 36;
        let start = outage.start.exact().unwrap() + chrono::Duration::days(days);
        outage.start = start.into();
        outage.end = Some((start + chrono::Duration::days(6)).into());
        outage.reported = Some(start.into());
        outage.power_restored = None;
        outage.cause = redress::Cause::Network;
    }
    let whole = assess(&file, &policy).unwrap();
    let mut by_version: Vec<redress::CreditLine> = Vec::new();
    for version in &policy.versions {
        let mut alone = policy.clone();
        alone.versions = vec![version.clone()];
        by_version.extend(assess(&file, &alone).unwrap().lines);
    }
    assert!(whole.lines.len() > 40, "{whole}");
    assert_eq!(whole.lines, by_version);
}

/// 2,000 services of other kinds, listed so that their names do not sort in the order
/// given (`svc-10` sorts before `svc-2`), and one 27-hour outage of them all: each
/// service's line, in the order of the names, at 2 started 24-hour blocks × 1.50 / 30 =
/// 0.10; and one line for them together at 2 × 3,000 / 30 = 200.00.
#[test]
fn an_outage_of_thousands_of_services_pays_each_in_order() {
    let file = input::services_claim(2_000);
    let each = assess(&file, &input::every_kind_policy(ServiceScope::EachService)).unwrap();
    assert_eq!(each.lines.len(), 2_000);
    let names: Vec<&str> = each
        .lines
        .iter()
        .map(|l| l.service.as_ref().unwrap().as_str())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_eq!(names, sorted);
    assert!(each.lines.iter().all(|l| l.amount.to_string() == "0.10"));
    assert_eq!(each.total.to_string(), "200.00");
    let together = assess(&file, &input::every_kind_policy(ServiceScope::Together)).unwrap();
    assert_eq!(together.lines.len(), 1);
    assert_eq!(together.total.to_string(), "200.00");
}

/// A plan at `prices`, one outage of all its services, and a policy paying each
/// service 100 % of its monthly price: each line is exactly its service's price.
fn whole_price(prices: &[&str]) -> (ClaimFile, Policy) {
    let mut text = String::from("[plan]\ncurrency = \"USD\"\ntime_zone = \"America/New_York\"\n");
    let kinds = ["internet", "tv", "phone"];
    for (kind, price) in kinds.iter().zip(prices) {
        text.push_str(&format!(
            "[[plan.services]]\nkind = \"{kind}\"\nmonthly_price = \"{price}\"\n"
        ));
    }
    let named: Vec<String> = kinds
        .iter()
        .take(prices.len())
        .map(|k| format!("\"{k}\""))
        .collect();
    text.push_str(&format!(
        "[[outages]]\nservices = [{}]\nstart = \"2025-03-03T09:00:00-05:00\"\nend = \"2025-03-04T12:00:00-05:00\"\n",
        named.join(", ")
    ));
    let file: ClaimFile = toml::from_str(&text).unwrap();
    let policy = Policy::new("whole-month", "a month's price per outage", Currency::USD)
        .with_version(PolicyVersion::from_date(
            chrono::NaiveDate::MIN,
            vec![Provision::new(
                "outage refund",
                Subject::outages(),
                Rule::PerUnit(PerUnit::new(
                    UnitCount::PerIncident(1),
                    Amount::ShareOfMonthly(Decimal::ONE),
                )),
            )],
        ));
    (file, policy)
}

fn overflow_message(result: Result<Claim, Error>) -> String {
    match result {
        Err(e @ Error::Overflow { .. }) => e.to_string(),
        other => panic!("expected an overflow error, got {other:?}"),
    }
}

/// A `Decimal` holds at most 29 digits (its largest is 79,228,162,514,264,337,593,543,
/// 950,335). A line of 10²⁷ (28 digits) cannot be written with two more for its cents:
/// before, the claim gave it as 1000000000000000000000000000.0, one decimal place
/// short; now it is an overflow error naming the policy and what to change. A line of
/// 790,000,000,000,000,000,000,000,000.01 (29 digits with its cents) still fits.
#[test]
fn a_line_too_large_to_keep_its_cents_is_an_overflow() {
    let (file, policy) = whole_price(&["1000000000000000000000000000"]);
    let message = overflow_message(assess(&file, &policy));
    for words in ["whole-month", "2 decimal places", "the plan's prices"] {
        assert!(message.contains(words), "{message}");
    }
    assert!(matches!(
        assess_totals(&file, &policy),
        Err(Error::Overflow { .. })
    ));

    let (file, policy) = whole_price(&["790000000000000000000000000.01"]);
    let claim = assess(&file, &policy).unwrap();
    assert_eq!(claim.total.to_string(), "790000000000000000000000000.01");
}

/// Two lines of 500,000,000,000,000,000,000,000,000.01 each fit (29 digits), but
/// their sum, 1,000,000,000,000,000,000,000,000,000.02, needs 30: before, the claim
/// total came out as 1000000000000000000000000000.0, two cents lost without a word;
/// now it is an overflow error, for the claim and for its figures alike.
#[test]
fn a_total_too_large_to_keep_its_cents_is_an_overflow() {
    let half = "500000000000000000000000000.01";
    let (file, policy) = whole_price(&[half, half]);
    let message = overflow_message(assess(&file, &policy));
    for words in ["whole-month", "claim total", "the plan's prices"] {
        assert!(message.contains(words), "{message}");
    }
    assert!(matches!(
        assess_totals(&file, &policy),
        Err(Error::Overflow { .. })
    ));

    // Half as much each: 250,000,000,000,000,000,000,000,000.01 × 2 fits, to the cent.
    let quarter = "250000000000000000000000000.01";
    let (file, policy) = whole_price(&[quarter, quarter]);
    let claim = assess(&file, &policy).unwrap();
    assert_eq!(claim.total.to_string(), "500000000000000000000000000.02");
}
