//! `redress check-policy`: every catalog policy passes, bad input exits 2.
//!
//! A policy file is checked as a catalog policy is: the contract of
//! `examples/policies/` holds every property, and the same contract made to pay nothing
//! once an outage reaches 48 hours (`tests/data/policies/unfair-beyond-48h.toml`) breaks
//! "a longer outage never lowers the credit", with the two claim files that show it.

mod common;

use common::*;

#[test]
fn every_catalog_policy_holds_every_property() {
    for id in redress::catalog::ids() {
        let run = redress(["check-policy", id, "--cases", "8", "--seed", "1"]);
        assert_eq!(run.code, 0, "{id}:\n{}{}", run.stdout, run.stderr);
        assert!(run.stdout.starts_with(&format!("{id}\n")), "{}", run.stdout);
        assert!(
            run.stdout.ends_with("every property holds\n"),
            "{}",
            run.stdout
        );
        assert!(!run.stdout.contains("BROKEN"), "{}", run.stdout);
    }
}

#[test]
fn a_policy_file_is_checked_and_an_unfair_one_is_caught_with_its_counterexample() {
    let run = redress([
        "check-policy",
        "examples/policies/acme-cable-contract.toml",
        "--cases",
        "16",
        "--seed",
        "1",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.ends_with("every property holds\n"),
        "{}",
        run.stdout
    );

    let out = scratch("check-policy-unfair");
    let run = redress([
        "check-policy",
        "tests/data/policies/unfair-beyond-48h.toml",
        "--property",
        "longer-outage",
        "--cases",
        "64",
        "--seed",
        "1",
        "--out",
        out.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("BROKEN  longer-outage"),
        "{}",
        run.stdout
    );
    // The counterexample, as claim files the user can run under the policy file: the
    // shorter outage is owed something, the longer one nothing.
    let before = out.join("acme-cable-unfair-longer-outage.toml");
    let after = out.join("acme-cable-unfair-longer-outage-changed.toml");
    let total = |file: &std::path::Path| {
        let run = redress([
            "claim",
            file.to_str().expect("a UTF-8 path"),
            "--policy-file",
            "tests/data/policies/unfair-beyond-48h.toml",
            "--json",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
        value["claims"][0]["total"]
            .as_str()
            .expect("a total")
            .parse::<rust_decimal::Decimal>()
            .expect("a decimal")
    };
    assert!(total(&after) < total(&before), "{}", run.stdout);
}

#[test]
fn one_property_is_checked_when_named() {
    let run = redress([
        "check-policy",
        "de-tkg-58",
        "--property",
        "higher-price",
        "--cases",
        "4",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 3, "{}", run.stdout);
    assert!(
        run.stdout.contains("held    higher-price"),
        "{}",
        run.stdout
    );
}

#[test]
fn bad_input_exits_2_naming_it() {
    for (args, says) in [
        (
            vec!["check-policy", "us-nj-cabel"],
            "did you mean `us-nj-cable`",
        ),
        (vec!["check-policy", "ours.toml"], "ours.toml"),
        (
            vec!["check-policy", "au-csg", "--property", "fairish"],
            "no property `fairish`",
        ),
        (vec!["check-policy", "au-csg", "--cases", "0"], "--cases 0"),
        (
            vec!["check-policy", "au-csg", "--out", "no/such/dir"],
            "not a directory",
        ),
    ] {
        let run = redress(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}: {}", run.stdout);
    }
}
