//! `redress claim` with `[[credits_received]]`: what each policy owes, what was already
//! received against it and what is still owed, in the report and the JSON.
//!
//! Every figure is New York's rule on `examples/claims/ny-cable-outage.toml`, by hand:
//! internet 79.99 and TV 65.00 out 53 hours → ⌈53 / 24⌉ = 3 started 24-hour blocks;
//! 3 × 79.99 / 30 = 7.999 → 8.00 and 3 × 65.00 / 30 = 6.50; owed 8.00 + 6.50 = 14.50.

mod common;

use common::*;
use serde_json::Value;

const NY: &str = "examples/claims/ny-cable-outage.toml";

/// The NY claim file with `credits` appended, written into `dir`.
fn ny_with(dir: &std::path::Path, credits: &str) -> String {
    let text = std::fs::read_to_string(root().join(NY)).expect("read the NY claim");
    let path = dir.join("claim.toml");
    std::fs::write(&path, format!("{text}\n{credits}")).expect("write a scratch file");
    path.to_string_lossy().into_owned()
}

fn credit(amount: &str, policy: Option<&str>) -> String {
    let mut text = format!(
        "[[credits_received]]\namount = \"{amount}\"\ndate = \"2024-10-10\"\nfor = \"goodwill credit\"\n"
    );
    if let Some(policy) = policy {
        text.push_str(&format!("policy = \"{policy}\"\n"));
    }
    text
}

/// The first claim of `redress claim --json`.
fn first_claim(path: &str) -> Value {
    let run = redress(["claim", "--json", path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON");
    json["claims"][0].clone()
}

#[test]
fn a_goodwill_credit_of_5_leaves_9_50_owed_in_the_json_and_the_report() {
    let dir = scratch("received-5");
    let path = ny_with(&dir, &credit("5.00", None));
    // 14.50 owed − 5.00 received = 9.50 still owed; nothing in excess.
    let claim = first_claim(&path);
    assert_eq!(claim["total"], "14.50");
    assert_eq!(claim["received"], "5.00");
    assert_eq!(claim["still_owed"], "9.50");
    assert_eq!(claim["excess"], "0.00");
    assert_eq!(claim["credits_counted"], serde_json::json!([0]));

    let run = redress(["claim", &path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = flat(&run.stdout);
    assert!(
        report.contains("Received: 5.00 USD on 2024-10-10 (goodwill credit)"),
        "{report}"
    );
    assert!(
        report.contains("Owed 14.50 USD, received 5.00 USD, still owed 9.50 USD"),
        "{report}"
    );
    assert!(!report.contains("more than this policy owes"), "{report}");
}

#[test]
fn a_credit_of_20_leaves_nothing_owed_and_the_excess_of_5_50_is_said() {
    let dir = scratch("received-20");
    let path = ny_with(&dir, &credit("20.00", None));
    // 20.00 received − 14.50 owed = 5.50 beyond it; still owed never below zero: 0.00.
    let claim = first_claim(&path);
    assert_eq!(claim["still_owed"], "0.00");
    assert_eq!(claim["excess"], "5.50");

    let report = flat(&redress(["claim", &path]).stdout);
    assert!(report.contains("still owed 0.00 USD"), "{report}");
    assert!(
        report.contains("Received 5.50 USD more than this policy owes"),
        "{report}"
    );
}

#[test]
fn credits_naming_no_policy_add_up_against_the_claim() {
    let dir = scratch("received-two");
    let credits = format!("{}{}", credit("5.00", None), credit("3.00", None));
    let path = ny_with(&dir, &credits);
    // 5.00 + 3.00 = 8.00 received; 14.50 − 8.00 = 6.50 still owed.
    let claim = first_claim(&path);
    assert_eq!(claim["received"], "8.00");
    assert_eq!(claim["still_owed"], "6.50");
    assert_eq!(claim["credits_counted"], serde_json::json!([0, 1]));
}

#[test]
fn a_credit_naming_another_policy_does_not_count_and_one_naming_this_one_does() {
    let dir = scratch("received-named");
    let credits = format!(
        "{}{}",
        credit("4.00", Some("us-nj-cable")),
        credit("2.00", Some("us-ny-psc-outage-credit"))
    );
    let path = ny_with(&dir, &credits);
    // Only the 2.00 paid under New York's rule counts: 14.50 − 2.00 = 12.50.
    let claim = first_claim(&path);
    assert_eq!(claim["received"], "2.00");
    assert_eq!(claim["still_owed"], "12.50");
    assert_eq!(claim["credits_counted"], serde_json::json!([1]));
}

#[test]
fn without_credits_received_the_json_has_no_balance_fields() {
    let claim = first_claim(NY);
    for key in ["received", "still_owed", "excess", "credits_counted"] {
        assert!(claim.get(key).is_none(), "{key} in {claim}");
    }
}

#[test]
fn the_letter_says_what_was_received_and_asks_for_the_balance() {
    let dir = scratch("received-letter");
    let path = ny_with(&dir, &credit("5.00", None));
    let run = redress(["claim", "--letter", "--date", "2024-10-12", &path]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let letter = flat(&run.stdout);
    // 14.50 − 5.00 = 9.50, the credit named by its date, amount and purpose.
    assert!(
        letter.contains(
            "I have already received 5.00 USD on 10 October 2024 (goodwill credit). \
             Under this rule, 9.50 USD is therefore still owed to me"
        ),
        "{letter}"
    );

    let path = ny_with(&dir, &credit("20.00", None));
    let letter = flat(&redress(["claim", "--letter", "--date", "2024-10-12", &path]).stdout);
    // 20.00 − 14.50 = 5.50 beyond what the rule owes.
    assert!(
        letter.contains("That is 5.50 USD more than this rule owes, so I ask for nothing more"),
        "{letter}"
    );
}

// ------------------------------------------------------------ an offer

const OFFER: &str = "tests/data/policies/offer-one-day.toml";
const NY_PSC: &str = "us-ny-psc-outage-credit";

#[test]
fn an_offer_of_one_day_falls_short_of_new_york_by_9_66() {
    let run = redress([
        "claim",
        "--json",
        NY,
        "--policy",
        NY_PSC,
        "--policy-file",
        OFFER,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let offer = &json["claims"][1];
    // One day of each service, each line rounded half away from zero to the cent:
    // 79.99 / 30 = 2.6663… → 2.67 and 65.00 / 30 = 2.1666… → 2.17; 2.67 + 2.17 = 4.84.
    // New York owes 14.50; 14.50 − 4.84 = 9.66 short.
    assert_eq!(offer["offer"], true);
    assert_eq!(offer["total"], "4.84");
    assert_eq!(offer["shortfalls"][0]["policy"], NY_PSC);
    assert_eq!(offer["shortfalls"][0]["owed"], "14.50");
    assert_eq!(offer["shortfalls"][0]["shortfall"], "9.66");
    assert_eq!(offer["shortfalls"][0]["excess"], "0.00");
    assert!(json["claims"][0].get("offer").is_none());

    let run = redress(["claim", NY, "--policy", NY_PSC, "--policy-file", OFFER]);
    let report = flat(&run.stdout);
    assert!(
        report.contains(
            "Offered 4.84 USD; the rule that applies (us-ny-psc-outage-credit) owes 14.50 USD; \
             shortfall 9.66 USD."
        ),
        "{report}"
    );
}

#[test]
fn an_offer_is_never_the_most_generous_nor_cited_in_the_letter() {
    // Alone beside a rule that owes 14.50 the offer (4.84) is not the most generous; with
    // the catalog's New Jersey rule, which cannot reach a New York customer, the offer is
    // still the only figure left that applies and is still never marked.
    let run = redress(["claim", NY, "--policy", NY_PSC, "--policy-file", OFFER]);
    let offer_row = run
        .stdout
        .lines()
        .find(|l| l.contains("example-one-day-offer (offer)"))
        .unwrap_or_else(|| panic!("no offer row:\n{}", run.stdout));
    assert!(!offer_row.contains("most generous"), "{offer_row}");

    let run = redress([
        "claim",
        NY,
        "--policy",
        "us-nj-cable",
        "--policy-file",
        OFFER,
    ]);
    assert!(!run.stdout.contains("most generous"), "{}", run.stdout);

    let run = redress([
        "claim",
        "--letter",
        "--date",
        "2024-10-12",
        NY,
        "--policy",
        NY_PSC,
        "--policy-file",
        OFFER,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("day of service"), "{}", run.stdout);
    assert!(run.stdout.contains("Total: 14.50 USD"), "{}", run.stdout);
}
