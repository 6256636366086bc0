//! Amounts too large to keep to the cent are an error rather than a lost cent.

use redress::policy::*;
use redress::{assess, assess_totals, Claim, ClaimFile, Currency, Error};
use rust_decimal::Decimal;

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
