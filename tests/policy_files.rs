//! Policy files (`docs/policy-file.md`): the bundled examples in `examples/policies/`
//! assessed with their hand-worked figures, the CLI's `--policy-file`, `policy_files`
//! and `policies --show`, and the corpus of bad policy files (`tests/data/bad-policies/`)
//! with the message each must produce.

mod common;

use common::{flat, redress, root, scratch};
use redress::policy::Policy;
use redress::{Case, ClaimFile};

fn policy(name: &str) -> Policy {
    let path = root().join("examples/policies").join(name);
    let text = std::fs::read_to_string(&path).expect("a bundled policy file");
    let policy: Policy = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    policy.check().unwrap_or_else(|e| panic!("{name}: {e}"));
    policy
}

fn case(name: &str) -> Case {
    let path = root().join("examples/policies").join(name);
    let text = std::fs::read_to_string(&path).expect("a bundled claim file");
    let mut file: ClaimFile = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    if file.as_of.is_none() {
        file =
            file.with_as_of(chrono::DateTime::parse_from_rfc3339("2025-03-01T00:00:00Z").unwrap());
    }
    Case::from_file(&file).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The contract of docs/policy-file.md: 1/30 of the monthly price per full 24 hours
/// out, for outages over 4 hours, on request within 60 days.
///
/// Outage 1: Mon 10 Feb 14:00 → Thu 13 Feb 09:30 EST = 67 h 30 min: over 4 h, and
/// ⌊67.5 / 24⌋ = 2 full 24 hours. Internet: 2 × 89.99 / 30 = 5.9993… → 6.00; TV:
/// 2 × 60.00 / 30 = 4.00. Outage 2: 3 h, not over 4 h: nothing. Total 10.00 USD, on
/// request, by 13 Feb + 60 days = 14 April 2025.
#[test]
fn the_contract_example_owes_the_hand_worked_figures() {
    let claim = redress::assess(
        &case("acme-cable-claim.toml"),
        &policy("acme-cable-contract.toml"),
    )
    .expect("assessed");
    let amounts: Vec<String> = claim.lines.iter().map(|l| l.amount.to_string()).collect();
    assert_eq!(amounts, ["6.00", "4.00"]);
    assert_eq!(claim.total.to_string(), "10.00");
    assert!(!claim.automatic);
    let text = claim.to_string();
    assert!(text.contains("claim by 2025-04-14"), "{text}");
}

/// The cloud SLA: 3 h down in April 2025 (30 days, 43,200 minutes): uptime
/// (43,200 − 180) / 43,200 = 99.583 %, in the 99.0-99.95 tier: 10 % × 500.00 = 50.00,
/// more than USD 1, on request.
#[test]
fn the_cloud_sla_example_pays_its_uptime_tier() {
    let claim =
        redress::assess(&case("cloud-claim.toml"), &policy("cloud-sla.toml")).expect("assessed");
    assert_eq!(claim.total.to_string(), "50.00");
    assert!(!claim.automatic);
}

/// The statute: reported Thu 28 Mar 2024 (day 0), so the 2020 sums; days 1 and 2 (29,
/// 30 Mar) are the provider's, then 31 Mar, 1, 2 and 3 Apr (the repair day) at 5.00 =
/// 20.00. The appointment missed on 10 April 2024 falls under the 2024 sums: 30.00.
/// Total 50.00 EUR.
#[test]
fn the_statute_example_dates_each_incident_to_its_version() {
    let claim = redress::assess(&case("statute-claim.toml"), &policy("model-statute.toml"))
        .expect("assessed");
    let amounts: Vec<String> = claim.lines.iter().map(|l| l.amount.to_string()).collect();
    assert_eq!(amounts, ["20.00", "30.00"]);
    assert_eq!(claim.total.to_string(), "50.00");
}

/// A policy file in JSON is the same policy as in TOML.
#[test]
fn a_policy_file_reads_the_same_in_json() {
    let toml_policy = policy("acme-cable-contract.toml");
    let json = serde_json::to_string_pretty(&toml_policy).unwrap();
    let back: Policy = serde_json::from_str(&json).unwrap();
    assert_eq!(back, toml_policy);
}

/// `policy_files` in the claim file is read relative to the claim file.
#[test]
fn the_cli_reads_the_claim_files_policy_files() {
    let run = redress([
        "claim",
        "examples/policies/acme-cable-claim.toml",
        "--as-of",
        "2025-03-01T00:00:00Z",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        flat(&run.stdout).contains("Total: 10.00 USD (must be requested)"),
        "{}",
        run.stdout
    );
}

/// `--policy-file` mixes with `--policy`: both are assessed, side by side.
#[test]
fn the_cli_mixes_policy_files_with_catalog_policies() {
    let run = redress([
        "claim",
        "examples/claims/ny-cable-outage.toml",
        "--policy",
        "us-ny-psc-outage-credit",
        "--policy-file",
        "examples/policies/acme-cable-contract.toml",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<&str> = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            c["policy"]["id"]
                .as_str()
                .or(c["policy_id"].as_str())
                .unwrap_or("")
        })
        .collect();
    assert_eq!(ids.len(), 2, "{}", run.stdout);
}

/// A policy file whose id is a catalog policy's is refused.
#[test]
fn a_policy_file_may_not_take_a_catalog_id() {
    let dir = scratch("policy-file-catalog-id");
    let exported = redress(["policies", "--show", "us-ny-psc-outage-credit"]);
    let path = dir.join("ny.toml");
    std::fs::write(&path, &exported.stdout).unwrap();
    let run = redress([
        "claim".as_ref(),
        "examples/claims/ny-cable-outage.toml".as_ref(),
        "--policy".as_ref(),
        "us-ny-psc-outage-credit".as_ref(),
        "--policy-file".as_ref(),
        path.as_os_str(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is a catalog policy's id"),
        "{}",
        run.stderr
    );
}

/// `policies --show ID` exports a file that, used with `--policy-file` under a new id,
/// gives the catalog policy's figures; `--json` prints the same policy in JSON.
#[test]
fn an_exported_policy_assesses_as_the_catalog_does() {
    let dir = scratch("policy-file-export");
    let exported = redress(["policies", "--show", "us-ny-psc-outage-credit"]);
    assert_eq!(exported.code, 0, "{}", exported.stderr);
    let renamed = exported
        .stdout
        .replace("id = \"us-ny-psc-outage-credit\"", "id = \"my-ny-copy\"");
    let path = dir.join("ny.toml");
    std::fs::write(&path, renamed).unwrap();
    let run = redress([
        "claim".as_ref(),
        "examples/claims/ny-cable-outage.toml".as_ref(),
        "--policy-file".as_ref(),
        path.as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        flat(&run.stdout).contains("Total: 14.50 USD (paid automatically)"),
        "{}",
        run.stdout
    );
    let json = redress(["policies", "--show", "us-ny-psc-outage-credit", "--json"]);
    let back: Policy = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        back,
        redress::catalog::get("us-ny-psc-outage-credit").unwrap()
    );
    let unknown = redress(["policies", "--show", "us-ny-psc"]);
    assert_eq!(unknown.code, 2);
}

/// `batch --policy-file` applies the file's policy to every account.
#[test]
fn the_batch_applies_policy_files() {
    let dir = scratch("policy-file-batch");
    let exported = redress(["policies", "--show", "us-ny-psc-outage-credit"]);
    let path = dir.join("ny.toml");
    std::fs::write(
        &path,
        exported
            .stdout
            .replace("id = \"us-ny-psc-outage-credit\"", "id = \"my-ny-copy\""),
    )
    .unwrap();
    let run = redress([
        "batch".as_ref(),
        "--accounts".as_ref(),
        "examples/claims/batch/accounts.csv".as_ref(),
        "--outages".as_ref(),
        "examples/claims/batch/outages.csv".as_ref(),
        "--as-of".as_ref(),
        "2024-10-05T12:00:00-04:00".as_ref(),
        "--policy-file".as_ref(),
        path.as_os_str(),
    ]);
    assert!(
        run.stdout.contains(",my-ny-copy,USD,"),
        "{}\n{}",
        run.stdout,
        run.stderr
    );
}

/// serde's words, which a message must not use.
const JARGON: &[&str] = &[
    "invalid type",
    "expected u",
    "expected i",
    "variant",
    "struct ",
    "span:",
];

/// (file, what the message must contain besides the file's name).
const CORPUS: &[(&str, &[&str])] = &[
    (
        "unknown-rule-type.toml",
        &[
            "rule",
            "line 29",
            "unknown value `per-units`",
            "did you mean `per-unit`?",
        ],
    ),
    (
        "unknown-field.toml",
        &[
            "versions[0].provisions[0].paymnet",
            "line 26",
            "did you mean `payment`?",
        ],
    ),
    (
        "bad-evidence.toml",
        &["evidence", "line 11", "did you mean `primary`?"],
    ),
    (
        "bad-subject.toml",
        &["subject.each", "did you mean `outages`?"],
    ),
    (
        "bad-duration.toml",
        &[
            "line 29",
            "`4 hours` is not a length of time such as \"24h\"",
        ],
    ),
    (
        "duration-number.toml",
        &["the number 4 is not a length of time", "\"4h\""],
    ),
    (
        "negative-rate.toml",
        &[
            "rule.then.bands[0].rate.share-of-monthly",
            "-0.10 is negative",
        ],
    ),
    (
        "negative-amount.toml",
        &[
            "versions[0].provisions[0].rule.bands[0].rate.fixed",
            "-5.00 is negative",
        ],
    ),
    (
        "overlapping-versions.toml",
        &["versions[1].effective_from", "the versions overlap"],
    ),
    (
        "open-ended-versions.toml",
        &[
            "versions[1].effective_from",
            "no effective_until",
            "overlap",
        ],
    ),
    (
        "unordered-versions.toml",
        &["versions[1].effective_from", "oldest first"],
    ),
    (
        "tiers-for-outages.toml",
        &["versions[0].provisions[0].rule.rule: uptime tiers price a period"],
    ),
    (
        "cap-below-floor.toml",
        &["rule.limit", "not above the minimum payout"],
    ),
    (
        "currency-places.toml",
        &[
            "rule.bands[0].rate.fixed",
            "5.50 cannot be an amount in JPY",
        ],
    ),
    (
        "unknown-currency.toml",
        &["currency", "unknown currency `EUX`"],
    ),
    (
        "no-versions.toml",
        &["missing field `versions`: add it, a [[versions]] table"],
    ),
    (
        "truncated.toml",
        &["line 35", "a quoted string is not closed"],
    ),
    ("empty.json", &["the file is empty: a policy file needs"]),
    (
        "trailing.json",
        &["line 2, column 1", "a policy file is one JSON object"],
    ),
];

#[test]
fn every_bad_policy_file_exits_2_naming_the_file_the_place_and_the_problem() {
    let dir = root().join("tests/data/bad-policies");
    let mut listed: Vec<&str> = CORPUS.iter().map(|(f, _)| *f).collect();
    listed.sort_unstable();
    let mut present: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    present.sort_unstable();
    assert_eq!(
        listed, present,
        "every file in the corpus has a row, and every row a file"
    );
    for (file, expected) in CORPUS {
        let path = format!("tests/data/bad-policies/{file}");
        let run = redress([
            "claim",
            "examples/policies/acme-cable-claim.toml",
            "--as-of",
            "2025-03-01T00:00:00Z",
            "--policy-file",
            &path,
        ]);
        assert_eq!(run.code, 2, "{file}: {}", run.stderr);
        let message = flat(&run.stderr);
        assert!(
            message.contains(&format!("redress: {path}: ")),
            "{file}: {message}"
        );
        for want in *expected {
            assert!(
                message.contains(want),
                "{file}: wanted {want:?} in {message}"
            );
        }
        for word in JARGON {
            assert!(
                !message.contains(word),
                "{file}: serde's {word:?} in {message}"
            );
        }
    }
}
