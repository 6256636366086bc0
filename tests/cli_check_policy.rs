//! `redress check-policy`: every catalog policy passes, bad input exits 2.
//!
//! A deliberately unfair policy (nothing beyond 48 hours) is built with the rule tree in
//! the command's own tests (`examples/redress/check_cmd.rs`), since the command reads
//! only catalog ids until policies are read from files.

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
        (vec!["check-policy", "ours.toml"], "not supported yet"),
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
