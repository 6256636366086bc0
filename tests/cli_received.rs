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
