//! The batch's own tests: rows read, accounts assessed by shape or afresh, summaries.

use super::*;
use crate::claim_file::{ClaimFile, Customer};
use crate::plan::ServiceKind;
use rust_decimal::Decimal;

use super::testing::{account, ny_batch, outage};

#[test]
fn an_account_gets_the_outages_of_its_area_for_the_services_it_has() {
    let mut batch = ny_batch();
    let both = batch
        .assess(&account(
            "A-1",
            "rochester-14604",
            "internet:79.99|tv:65.00",
        ))
        .unwrap();
    assert_eq!(both[0].total.to_string(), "14.50");
    assert!(both[0].automatic && both[0].applies);
    let internet_only = batch
        .assess(&account("A-2", "rochester-14604", "internet:79.99"))
        .unwrap();
    assert_eq!(internet_only[0].total.to_string(), "8.00");
    let phone_only = batch
        .assess(&account("A-3", "rochester-14604", "phone:30"))
        .unwrap();
    assert_eq!(phone_only[0].total.to_string(), "0.00");
    // No outage in the area: nothing to assess, so no policy is applied.
    let elsewhere = batch
        .assess(&account("A-4", "syracuse-13202", "internet:79.99"))
        .unwrap();
    assert!(elsewhere.is_empty(), "{elsewhere:?}");
}

#[test]
fn an_ongoing_outage_needs_as_of_and_runs_until_it() {
    let mut batch = ny_batch();
    let buffalo = account("B-1", "buffalo-14201", "internet:60.00");
    let err = batch.assess(&buffalo).unwrap_err();
    assert!(err.to_string().starts_with("as_of:"), "{err}");
    let as_of = DateTime::parse_from_rfc3339("2024-10-03T09:00:00-04:00").unwrap();
    let mut batch = batch.with_as_of(as_of);
    // 49 hours → 3 started 24-hour blocks × 60 / 30.
    assert_eq!(batch.assess(&buffalo).unwrap()[0].total.to_string(), "6.00");
}

#[test]
fn a_policy_in_another_currency_gives_a_zero_that_does_not_apply() {
    let mut batch = ny_batch();
    let mut euro = account("E-1", "rochester-14604", "internet:79.99");
    euro.currency = Currency::EUR;
    let totals = batch.assess(&euro).unwrap();
    assert_eq!(totals[0].total.to_string(), "0.00");
    assert!(!totals[0].applies);
    assert_eq!(totals[0].currency, Currency::EUR);
}

/// The claim file an account is assessed from, built afresh as the batch built it
/// before it reused one: the reference the reused file must match.
fn reference_file(batch: &Batch, account: &Account) -> ClaimFile {
    let mut file = ClaimFile::new(account.plan());
    file.customer = Some(Customer {
        account: Some(account.id.clone()),
        region: account.region.clone(),
        ..Customer::default()
    });
    file.as_of = batch.as_of.map(Into::into);
    for outage in batch.outages.outages(&account.area) {
        let services: Vec<ServiceKind> = outage
            .services
            .iter()
            .filter(|kind| account.services.iter().any(|s| &s.kind == *kind))
            .cloned()
            .collect();
        if !services.is_empty() {
            let mut outage = outage.clone();
            outage.services = services;
            file.outages.push(outage);
        }
    }
    file
}

mod reuse {
    use super::*;
    use proptest::prelude::*;

    const KINDS: [&str; 4] = ["internet", "tv", "phone", "mobile"];

    fn kinds(mask: u8) -> Vec<&'static str> {
        KINDS
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, k)| *k)
            .collect()
    }

    prop_compose! {
        fn arb_outage()(
            area in 0usize..3,
            mask in 1u8..16,
            start in 0i64..400,
            hours in 1i64..200,
            ongoing in proptest::bool::weighted(0.2),
            customers in proptest::option::of(0u64..300),
            cause in 0usize..3,
        ) -> AreaOutage {
            let start = DateTime::parse_from_rfc3339("2024-09-01T00:00:00-04:00").unwrap()
                + chrono::Duration::hours(start);
            let end = start + chrono::Duration::hours(hours);
            AreaOutage::parse(&OutageFields {
                area: &format!("area-{area}"),
                services: &kinds(mask).join("|"),
                start: &start.to_rfc3339(),
                end: &if ongoing { String::new() } else { end.to_rfc3339() },
                customers_affected: &customers.map(|c| c.to_string()).unwrap_or_default(),
                cause: ["", "power", "severe-weather"][cause],
            })
            .unwrap()
        }
    }

    prop_compose! {
        fn arb_account()(
            area in 0usize..4,
            mask in 1u8..16,
            cents in proptest::collection::vec(0u32..20_000, 4),
            region in proptest::option::of(0usize..2),
            day in 1u8..=31,
        ) -> Account {
            let services: Vec<String> = kinds(mask)
                .iter()
                .zip(&cents)
                .map(|(k, c)| format!("{k}:{}.{:02}", c / 100, c % 100))
                .collect();
            Account::parse(&AccountFields {
                account: "A-1",
                region: region.map(|r| ["US-NY", "GB-ENG"][r]).unwrap_or(""),
                area: &format!("area-{area}"),
                currency: "USD",
                time_zone: "America/New_York",
                billing_day: &day.to_string(),
                services: &services.join("|"),
            })
            .unwrap()
        }
    }

    proptest! {
        /// One batch assessing a run of accounts (its claim file refilled for each)
        /// gives, account by account, the figures `assess` gives for a claim file
        /// built afresh, under fixed policies and under the catalog's selection.
        #[test]
        fn a_reused_claim_file_gives_the_figures_of_a_fresh_one(
            outages in proptest::collection::vec(arb_outage(), 0..6),
            accounts in proptest::collection::vec(arb_account(), 1..12),
        ) {
            let as_of = DateTime::parse_from_rfc3339("2024-10-20T00:00:00-04:00").unwrap();
            let index = OutageIndex::from_iter(outages);
            let policies: Vec<Policy> = ["us-ny-psc-outage-credit", "us-nj-cable", "att-guarantee-2025"]
                .iter()
                .map(|id| crate::catalog::get(id).unwrap())
                .collect();
            let mut fixed = Batch::new(policies.clone(), index.clone()).with_as_of(as_of);
            // The same policies with an offer, priced in the same pass.
            let offer = crate::catalog::get("us-nj-cable").unwrap();
            let mut offering = Batch::new(policies.clone(), index.clone())
                .with_offer(offer.clone())
                .with_as_of(as_of);
            let mut selecting = Batch::selecting(index).with_as_of(as_of);
            for account in &accounts {
                let file = reference_file(&fixed, account);
                let case = crate::Case::from_file(&file);
                prop_assert!(case.is_ok(), "{case:?}");
                let Ok(case) = case else { continue };
                if !fixed.outages().contains(&account.area) {
                    // Nothing happened in the area: no policy is applied.
                    prop_assert_eq!(fixed.assess(account).unwrap(), vec![]);
                    prop_assert_eq!(selecting.assess(account).unwrap(), vec![]);
                    continue;
                }
                let totals = fixed.assess(account).unwrap();
                prop_assert_eq!(totals.len(), policies.len());
                let mut with_offer = Vec::new();
                let offered = offering.assess_with_offer_into(account, &mut with_offer).unwrap();
                prop_assert_eq!(&with_offer, &totals);
                prop_assert_eq!(&offering.assess_offer(account).unwrap(), &offered);
                let offered = offered.unwrap();
                match crate::assess(&case, &offer) {
                    Ok(claim) => prop_assert_eq!((offered.total, offered.applies), (claim.total, true)),
                    Err(Error::PolicyNotApplicable { .. }) => prop_assert!(!offered.applies),
                    Err(e) => prop_assert!(false, "{e}"),
                }
                for (total, policy) in totals.iter().zip(&policies) {
                    match crate::assess(&case, policy) {
                        Ok(claim) => {
                            prop_assert!(total.applies);
                            prop_assert_eq!((total.total, total.automatic), (claim.total, claim.automatic));
                        }
                        Err(Error::PolicyNotApplicable { .. }) => prop_assert!(!total.applies),
                        Err(e) => prop_assert!(false, "{e}"),
                    }
                }
                let selected = selecting.assess(account).unwrap();
                let expected: Vec<Policy> = crate::catalog::select(&case);
                prop_assert_eq!(selected.len(), expected.len());
                for (total, policy) in selected.iter().zip(&expected) {
                    prop_assert_eq!(&*total.policy, policy.id.as_str());
                    let claim = crate::assess(&case, policy).unwrap();
                    prop_assert_eq!((total.total, total.automatic), (claim.total, claim.automatic));
                }
            }
        }
    }
}

/// An area whose outage the claim file's checks refuse gives every account of it the
/// error, named by the column; a bad plan is named before the outages, as the claim
/// file checks it first.
#[test]
fn an_areas_broken_outage_is_every_accounts_error() {
    let mut broken = outage("bad", "internet", "2024-10-03T00:00:00Z", "");
    broken.outage.end = chrono::DateTime::parse_from_rfc3339("2024-10-01T00:00:00Z")
        .ok()
        .map(Into::into);
    let index = OutageIndex::from_iter([
        broken,
        outage(
            "good",
            "internet",
            "2024-10-01T06:00:00-04:00",
            "2024-10-03T11:00:00-04:00",
        ),
    ]);
    let mut batch = Batch::new(vec![crate::catalog::us::ny_psc_outage_credit()], index);
    for _ in 0..2 {
        let err = batch
            .assess(&account("A-1", "bad", "internet:79.99"))
            .unwrap_err();
        assert!(err.to_string().starts_with("end: "), "{err}");
        let mut negative = account("A-2", "good", "internet:79.99");
        negative.services[0].monthly_price = Decimal::new(-1, 0);
        let err = batch.assess(&negative).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("plan.services[0].monthly_price: "),
            "{err}"
        );
        // 53 h from 06:00 on the 1st: three started 24-hour blocks, 3 × 79.99 / 30 = 7.999 → 8.00.
        let owed = batch
            .assess(&account("A-3", "good", "internet:79.99"))
            .unwrap();
        assert_eq!(owed[0].total.to_string(), "8.00");
    }
}

#[test]
fn selection_is_cached_per_kind_of_account() {
    let mut batch = Batch::selecting(ny_batch().outages().clone());
    let a = account("A-1", "rochester-14604", "internet:79.99");
    let first = batch.assess(&a).unwrap();
    let second = batch.assess(&a).unwrap();
    assert_eq!(first, second);
    if let Choice::Select(cache) = &batch.choice {
        assert_eq!(cache.len(), 1);
    }
}

/// An account's area is matched exactly as written; one that matches an outage area
/// only when letter case is ignored is refused, naming the area it likely meant,
/// rather than owed nothing.
#[test]
fn an_area_that_differs_only_in_letter_case_is_refused_naming_the_outage_area() {
    let outages = ny_batch().outages().clone();
    for mut batch in [ny_batch(), Batch::selecting(outages)] {
        let err = batch
            .assess(&account("A-1", "Rochester-14604", "internet:79.99"))
            .unwrap_err();
        assert!(matches!(err, Error::Invalid { .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            "area: `Rochester-14604` matches no outage area; the outages have \
             `rochester-14604`, which differs only in letter case (areas must match \
             exactly: write it as the outages do)"
        );
        let written_so = batch
            .assess(&account("A-2", "rochester-14604", "internet:79.99"))
            .unwrap();
        assert!(!written_so.is_empty());
    }
    let zurich = OutageIndex::from_iter([outage(
        "Zürich-8001",
        "internet",
        "2024-10-01T06:00:00Z",
        "2024-10-02T06:00:00Z",
    )]);
    assert_eq!(
        zurich.area_ignoring_case("ZÜRICH-8001"),
        Some("Zürich-8001")
    );
    assert_eq!(
        zurich.area_ignoring_case("zürich-8001"),
        Some("Zürich-8001")
    );
    assert_eq!(zurich.area_ignoring_case("Zurich-8001"), None);
}

/// An account whose area has no outage is assessed under no policy (there is nothing
/// to assess), in a fixed batch and a selecting one alike, yet still checked; the
/// summary counts it and names its area, and names the outage areas no account is in.
#[test]
fn an_account_whose_area_has_no_outage_gets_no_policy_and_is_counted_as_such() {
    let mut fixed = ny_batch();
    let mut selecting = Batch::selecting(fixed.outages().clone());
    let quiet = account("C-1", "syracuse-13202", "internet:60.00");
    assert_eq!(fixed.assess(&quiet).unwrap(), vec![]);
    assert_eq!(selecting.assess(&quiet).unwrap(), vec![]);
    let mut negative = quiet.clone();
    negative.services[0].monthly_price = Decimal::new(-1, 0);
    let err = fixed.assess(&negative).unwrap_err().to_string();
    assert!(err.starts_with("plan.services[0].monthly_price: "), "{err}");

    let mut summary = Summary::default();
    summary.add(fixed.outages(), &quiet.area, &[]);
    assert_eq!((summary.without_outage(), summary.unselected()), (1, 0));
    let text = summary.to_string();
    for part in [
        "account areas with no outage: 1 (`syracuse-13202`); 1 account there is owed nothing",
        "outage areas with no account: 2 (`buffalo-14201`, `rochester-14604`)",
        "(no outage)",
    ] {
        assert!(text.contains(part), "missing {part:?}:\n{text}");
    }
    assert!(!text.contains("no applicable catalog policy"), "{text}");
}

/// A total past what a `Decimal` holds to the cent is an overflow error for the
/// account, whether its shape's program was compiled for it or kept, never a figure
/// with cents lost.
#[test]
fn a_total_too_large_to_keep_its_cents_is_an_overflow_error() {
    // Three started 24-hour blocks × price / 30: for a price of 26 × 10^27 that is
    // 2.6 × 10^27, past the largest total to the cent, (2^96 - 1) / 100 =
    // 792281625142643375935439503.35.
    let huge = account(
        "H-1",
        "rochester-14604",
        "internet:26000000000000000000000000000",
    );
    let outages = ny_batch().outages().clone();
    for mut batch in [ny_batch(), Batch::selecting(outages)] {
        for _ in 0..2 {
            let err = batch.assess(&huge).unwrap_err();
            assert!(matches!(err, Error::Overflow { .. }), "{err:?}");
            // The error a claim of this account gives: its line cannot keep its cents.
            assert!(
                err.to_string()
                    .contains("has too many digits to be kept to 2 decimal places"),
                "{err}"
            );
        }
    }
    // A tenth of the price: 3 × 2.6 × 10^27 / 30 = 2.6 × 10^26, which keeps its cents.
    let large = account(
        "H-2",
        "rochester-14604",
        "internet:2600000000000000000000000000",
    );
    let totals = ny_batch().assess(&large).unwrap();
    assert_eq!(
        totals[0].total.to_string(),
        "260000000000000000000000000.00"
    );
}

/// A price whose product by the units does not fit a `Decimal` is an overflow, not a
/// figure with digits lost: 3 started blocks × 5,000,000,000,000,000,000,000,000,000.1
/// is 15,000,000,000,000,000,000,000,000,000.3, which needs 30 digits; `Decimal`'s own
/// product would round it to …000 and owe …000.00 instead of …000.01.
#[test]
fn a_product_that_would_lose_digits_is_an_overflow() {
    let huge = account(
        "H-3",
        "rochester-14604",
        "internet:5000000000000000000000000000.1",
    );
    let err = ny_batch().assess(&huge).unwrap_err();
    assert!(matches!(err, Error::Overflow { .. }), "{err:?}");
}

/// Areas whose outages count the same units share one kept program; one that counts
/// other units keeps its own, and every account is priced at its own prices.
#[test]
fn areas_whose_outages_count_the_same_units_share_a_program_and_keep_their_figures() {
    let (_, policy) = crate::test_support::ny_like();
    let mut batch = Batch::new(
        vec![policy],
        OutageIndex::from_iter([
            // 53 hours and 60 hours: 3 started 24-hour blocks each.
            outage(
                "a",
                "internet",
                "2024-10-01T06:00:00-04:00",
                "2024-10-03T11:00:00-04:00",
            ),
            outage(
                "b",
                "internet",
                "2024-10-05T00:00:00-04:00",
                "2024-10-07T12:00:00-04:00",
            ),
            // 25 hours: 2 blocks.
            outage(
                "c",
                "internet",
                "2024-10-01T00:00:00-04:00",
                "2024-10-02T01:00:00-04:00",
            ),
        ]),
    );
    // Each account twice, so the second is priced by the program kept for its shape.
    for _ in 0..2 {
        for (area, price, owed) in [
            ("a", "60.00", "6.00"), // 3 × 60 / 30
            ("b", "90.00", "9.00"), // 3 × 90 / 30
            ("c", "90.00", "6.00"), // 2 × 90 / 30
            ("a", "45.00", "4.50"), // 3 × 45 / 30
        ] {
            let services = format!("internet:{price}");
            let totals = batch.assess(&account("X", area, &services)).unwrap();
            assert_eq!(totals[0].total.to_string(), owed, "{area} {price}");
        }
    }
    let kept = batch.shapes.kept_programs();
    assert_eq!(
        kept,
        (3, 2),
        "three shapes, two programs (3 blocks and 2 blocks)"
    );
}
