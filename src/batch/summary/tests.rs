//! Summaries: counted by area and policy, flat however many areas, sums exact or
//! flagged.

use super::*;
use crate::batch::testing::{account, ny_batch, outage};
use crate::error::Error;
use chrono::DateTime;
use proptest::prelude::*;

#[test]
fn the_summary_adds_by_area_and_policy_and_counts_rows() {
    let mut batch =
        ny_batch().with_as_of(DateTime::parse_from_rfc3339("2024-10-03T09:00:00-04:00").unwrap());
    let mut summary = Summary::default();
    for a in [
        account("A-1", "rochester-14604", "internet:79.99|tv:65.00"),
        account("A-2", "rochester-14604", "internet:79.99"),
        account("B-1", "buffalo-14201", "internet:60.00"),
        account("C-1", "syracuse-13202", "internet:60.00"),
    ] {
        let totals = batch.assess(&a).unwrap();
        summary.add(batch.outages(), &a.area, &totals);
    }
    summary.add_error(batch.outages(), "rochester-14604", &["ny-like"]);
    summary.add_error(batch.outages(), "", &["ny-like"]);
    assert_eq!(summary.accounts(), 6);
    assert_eq!(summary.errors(), 2);
    assert_eq!(summary.rows(), 6);
    // 14.50 + 8.00 in Rochester, and Buffalo's 49 hours: 3 blocks × 60 / 30 = 6.00.
    assert_eq!(
        summary.total("ny-like", Currency::USD).unwrap().to_string(),
        "28.50"
    );
    let rochester = summary
        .groups()
        .find(|(area, _, _, _)| *area == "rochester-14604")
        .unwrap()
        .3;
    assert_eq!(
        (rochester.accounts, rochester.owed, rochester.automatic),
        (2, 2, 2)
    );
    let text = summary.to_string();
    assert!(
        text.starts_with("6 accounts read: 4 assessed, 2 with errors; 6 rows written"),
        "{text}"
    );
    assert!(text.contains("(unreadable)"), "{text}");
    assert!(text.contains("28.50 USD"), "{text}");
}

#[test]
fn a_sum_too_large_for_decimal_is_flagged_not_a_panic() {
    let huge = PolicyTotal {
        policy: "p".into(),
        currency: Currency::USD,
        total: Decimal::MAX,
        automatic: true,
        applies: true,
    };
    let mut summary = Summary::default();
    summary.add(&OutageIndex::new(), "a", std::slice::from_ref(&huge));
    summary.add(&OutageIndex::new(), "a", &[huge]);
    let group = summary.groups().next().unwrap().3;
    assert!(group.overflowed);
    assert!(summary.to_string().contains("overflow"), "{summary}");
}

/// A million accounts in as many areas without outages must not grow the summary:
/// it keeps no tally for such an area, counts their names only up to a bound, and
/// prints a few lines, not one per area.
#[test]
fn the_summary_keeps_no_tally_per_area_without_outages() {
    let outages = ny_batch().outages().clone();
    let mut summary = Summary::default();
    for n in 0..3 * NAMES_COUNTED {
        summary.add(&outages, &format!("area-{n:06}"), &[]);
    }
    assert!(summary.met.is_empty());
    assert_eq!(summary.no_outage.names.names.len(), NAMES_COUNTED);
    let names = summary.account_areas_without_outage();
    assert_eq!((names.count, names.more), (10_000, true));
    let text = summary.to_string();
    assert!(text.lines().count() < 8, "{text}");
    assert!(
        text.contains(
            "account areas with no outage: more than 10000 (`area-000000`, `area-000001`, \
             `area-000002`, `area-000003`, `area-000004` and over 9995 more); 30000 \
             accounts there are owed nothing"
        ),
        "{text}"
    );
}

fn owed(policy: &Arc<str>, total: &str) -> PolicyTotal {
    PolicyTotal {
        policy: Arc::clone(policy),
        currency: Currency::USD,
        total: total.parse().unwrap(),
        automatic: true,
        applies: true,
    }
}

fn areas(count: usize) -> OutageIndex {
    (1..=count)
        .map(|k| {
            outage(
                &format!("area-{k:02}"),
                "internet",
                "2024-10-01T06:00:00Z",
                "2024-10-02T06:00:00Z",
            )
        })
        .collect()
}

/// The table shows the 20 areas owed most, largest first, and adds the rest up
/// exactly in one row per policy.
#[test]
fn the_table_shows_the_areas_owed_most_and_adds_up_the_rest_exactly() {
    let outages = areas(25);
    let policy: Arc<str> = "p".into();
    let mut summary = Summary::new(&outages);
    // area-k has one account owed k.01 (k = 1..25), and area-01 three errors.
    for k in 1..=25 {
        let total = owed(&policy, &format!("{k}.01"));
        summary.add(&outages, &format!("area-{k:02}"), &[total]);
    }
    for _ in 0..3 {
        summary.add_error(&outages, "area-01", &["p"]);
    }
    let text = summary.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[1].starts_with("area "), "{text}");
    let shown: Vec<&str> = lines[2..22]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    let largest: Vec<String> = (6..=25).rev().map(|k| format!("area-{k:02}")).collect();
    assert_eq!(shown, largest, "{text}");
    // The rest, area-01 to area-05: 1.01 + 2.01 + 3.01 + 4.01 + 5.01 = 15.05, five
    // accounts, and area-01's three errors.
    let rest: Vec<&str> = lines[22].split_whitespace().collect();
    assert_eq!(
        rest,
        ["5", "other", "areas", "p", "5", "5", "5", "3", "15.05", "USD"],
        "{text}"
    );
    // All: 1 + 2 + ... + 25 = 325, and 25 × 0.01 = 0.25: 325.25.
    let all: Vec<&str> = lines[23].split_whitespace().collect();
    assert_eq!(
        all,
        ["all", "areas", "p", "25", "25", "25", "3", "325.25", "USD"],
        "{text}"
    );
    assert_eq!(
        summary.total("p", Currency::USD).unwrap().to_string(),
        "325.25"
    );
}

/// Threads summing halves of a batch in any order, and the batch summed in one,
/// report the very same summary: the names kept are the alphabetically first, not
/// the first met.
#[test]
fn summaries_merged_in_any_order_report_the_same() {
    let outages = areas(30);
    let policy: Arc<str> = "p".into();
    let add = |summary: &mut Summary, n: usize| {
        match n % 4 {
            0 => summary.add(
                &outages,
                &format!("quiet-{:05}", n / 4 * 7919 % 40_000),
                &[],
            ),
            1 => summary.add_error(&outages, &format!("area-{:02}", 1 + n % 30), &["p"]),
            _ => {
                let total = owed(&policy, &format!("{}.{:02}", n % 50, n % 100));
                summary.add(&outages, &format!("area-{:02}", 1 + n % 27), &[total]);
            }
        };
    };
    let mut whole = Summary::default();
    let (mut even, mut odd) = (Summary::default(), Summary::default());
    for n in 0..60_000 {
        add(&mut whole, n);
        add(if n % 2 == 0 { &mut even } else { &mut odd }, n);
    }
    let (mut one_way, mut other_way) = (even.clone(), odd.clone());
    one_way.merge(odd);
    other_way.merge(even);
    assert_eq!(one_way, whole);
    assert_eq!(other_way, whole);
    assert_eq!(one_way.to_string(), whole.to_string());
    assert_eq!(other_way.to_string(), whole.to_string());
    assert!(whole.account_areas_without_outage().more);
}

/// A summary's sum that would need more digits than a `Decimal` holds to the cent
/// says `overflow`, in its area's row and across areas, and `total` is an error;
/// `checked_add` alone would round it to fewer places without a word.
#[test]
fn a_summary_sum_that_would_lose_a_cent_says_overflow() {
    let policy: Arc<str> = "p".into();
    // 500000000000000000000000000.01 twice is 1000000000000000000000000000.02: 30
    // digits to the cent, where a Decimal holds at most 2^96 - 1 ≈ 7.9 × 10^28.
    let half = owed(&policy, "500000000000000000000000000.01");
    let outages = ny_batch().outages().clone();
    let mut one_area = Summary::new(&outages);
    one_area.add(&outages, "rochester-14604", std::slice::from_ref(&half));
    one_area.add(&outages, "rochester-14604", std::slice::from_ref(&half));
    let mut two_areas = Summary::new(&outages);
    two_areas.add(&outages, "rochester-14604", std::slice::from_ref(&half));
    two_areas.add(&outages, "buffalo-14201", std::slice::from_ref(&half));
    for summary in [&one_area, &two_areas] {
        let err = summary.total("p", Currency::USD).unwrap_err();
        assert!(matches!(err, Error::Overflow { .. }), "{err:?}");
        let text = summary.to_string();
        let all = text.lines().find(|l| l.starts_with("all areas")).unwrap();
        assert!(all.ends_with("overflow"), "{text}");
        assert!(text.contains("overflow: a sum too large"), "{text}");
        assert!(!text.contains("1000000000000000000000000000"), "{text}");
    }
    assert!(one_area.groups().next().unwrap().3.overflowed);
    // Each area's own sum in the second fits, and shows to the cent.
    assert!(two_areas
        .to_string()
        .contains("500000000000000000000000000.01 USD"));
}

/// A decimal of any sign, scale and size (zeros, negative zeros and mantissas
/// past 64 bits among them).
fn arb_decimal() -> impl Strategy<Value = Decimal> {
    (
        prop_oneof![
            Just(0u128),
            0u128..100_000,
            0u128..(1 << 64),
            (1u128 << 63)..(1 << 65),
            0u128..(1 << 96),
        ],
        any::<bool>(),
        prop_oneof![Just(2u32), 0u32..=28],
    )
        .prop_map(|(mantissa, negative, scale)| {
            let mut d = Decimal::from_i128_with_scale(mantissa as i128, scale);
            d.set_sign_negative(negative);
            d
        })
}

proptest! {
    /// The summary's quick sum gives `checked_add`'s very decimal whenever it gives one.
    #[test]
    fn a_quick_sum_is_the_checked_sum(a in arb_decimal(), b in arb_decimal()) {
        if let Some(sum) = add_alike(a, b) {
            prop_assert_eq!(Some(sum.serialize()), a.checked_add(b).map(|s| s.serialize()));
        }
    }
}

proptest! {
    /// A sum `exact_sum` gives is the exact sum, and it refuses only a sum that
    /// does not fit 96 bits at the operands' places (where `checked_add` rounds).
    #[test]
    fn an_exact_sum_is_exact_or_none(a in arb_decimal(), b in arb_decimal()) {
        let scale = a.scale().max(b.scale());
        let aligned = |d: Decimal| -> Option<i128> {
            let m = d.mantissa().checked_mul(10i128.checked_pow(scale - d.scale())?)?;
            Some(m)
        };
        let (Some(x), Some(y)) = (aligned(a), aligned(b)) else {
            return Ok(());
        };
        let Some(exact) = x.checked_add(y) else {
            return Ok(());
        };
        match exact_sum(a, b) {
            Some(sum) => {
                prop_assert_eq!(sum.scale(), scale);
                prop_assert_eq!(sum.mantissa(), exact, "{} + {} = {}", a, b, sum);
            }
            None => prop_assert!(exact.unsigned_abs() >= 1u128 << 96, "{} + {}", a, b),
        }
    }
}

#[test]
fn sums_of_money_are_quick() {
    let cents = |c: i64| Decimal::new(c, 2);
    assert!(add_alike(cents(1450), cents(800)).is_some());
    assert!(add_alike(cents(0), cents(800)).is_some());
    assert!(add_alike(cents(-1), cents(800)).is_none());
    assert!(add_alike(Decimal::ZERO, cents(800)).is_none());
}
