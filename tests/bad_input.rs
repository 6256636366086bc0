//! Hostile and broken claim files: each gets a clear error naming the file, the place
//! (field path or line) and the problem, and the CLI exits 2. Never a panic, never a hang.
//!
//! The corpus is `tests/data/bad/`; this table says what each file must produce.

mod common;

use common::{redress, root};

/// (file, what the message must contain besides the file's name).
const CORPUS: &[(&str, &[&str])] = &[
    ("truncated.toml", &["line 8", "invalid basic string"]),
    ("truncated.json", &["outages[0].start", "EOF while parsing"]),
    ("empty.toml", &["the file is empty"]),
    ("empty.json", &["the file is empty"]),
    ("binary.toml", &["cannot read the file", "UTF-8"]),
    (
        "wrong-type.toml",
        &[
            "plan.billing_day",
            "line 4",
            "invalid type: string \"fifth\"",
        ],
    ),
    (
        "wrong-type.json",
        &[
            "plan.services",
            "invalid type: string \"tv\", expected a sequence",
        ],
    ),
    ("not-a-document.json", &["line 1", "invalid type"]),
    (
        "unknown-field.toml",
        &[
            "line 7",
            "unknown field `outage`",
            "did you mean `outages`?",
        ],
    ),
    (
        "unknown-nested-field.toml",
        &[
            "outages[0].ended",
            "unknown field `ended`",
            "did you mean `end`?",
        ],
    ),
    (
        "unknown-cause.toml",
        &[
            "outages[0].cause",
            "unknown variant `netwrok`",
            "did you mean `network`?",
        ],
    ),
    ("missing-plan.toml", &["missing field `plan`"]),
    (
        "missing-currency.toml",
        &["plan", "missing field `currency`"],
    ),
    (
        "missing-start.toml",
        &["outages[0]", "missing field `start`"],
    ),
    (
        "end-before-start.toml",
        &["outages[0].end", "is before the start"],
    ),
    (
        "report-before-start.toml",
        &["outages[0].reported", "before the outage began"],
    ),
    (
        "power-before-start.toml",
        &["outages[0].power_restored", "before the outage began"],
    ),
    (
        "no-offset.toml",
        &[
            "outages[0].start",
            "line 9",
            "not an RFC 3339 instant with an offset",
        ],
    ),
    (
        "bare-toml-datetime.toml",
        &["outages[0].start", "write the instant as a quoted string"],
    ),
    (
        "february-30.toml",
        &["outages[0].start", "not a real date and time"],
    ),
    (
        "hour-25.json",
        &["outages[0].start", "not a real date and time"],
    ),
    (
        "year-1850.toml",
        &["outages[0].start", "outside the supported years 1900-2199"],
    ),
    (
        "year-2400.toml",
        &["outages[0].end", "outside the supported years 1900-2199"],
    ),
    (
        "unknown-currency.toml",
        &["plan.currency", "unknown currency `USX`"],
    ),
    (
        "misspelt-zone.toml",
        &["plan.time_zone", "did you mean `America/New_York`?"],
    ),
    (
        "billing-day-32.toml",
        &["plan.billing_day", "1-31 (got 32)"],
    ),
    ("billing-day-0.toml", &["plan.billing_day", "1-31 (got 0)"]),
    (
        "negative-price.toml",
        &["plan.services[0].monthly_price", "cannot be negative"],
    ),
    (
        "non-numeric-price.toml",
        &["plan.services[0].monthly_price", "not a decimal number"],
    ),
    (
        "duplicate-service.toml",
        &["plan.services[1].kind", "listed twice"],
    ),
    (
        "service-not-in-plan.toml",
        &[
            "outages[0].services[0]",
            "`tv` is not a service of the plan",
        ],
    ),
    (
        "no-services.toml",
        &["outages[0].services", "name at least one"],
    ),
    (
        "negative-customers.toml",
        &[
            "outages[0].customers_affected",
            "invalid value: integer `-5`",
        ],
    ),
    (
        "unknown-policy.toml",
        &["policies[0]", "did you mean `us-ny-psc-outage-credit`?"],
    ),
    (
        "two-currencies.toml",
        &[
            "uk-ofcom-auto-comp",
            "pays in GBP, but the plan is priced in USD",
        ],
    ),
    (
        "uncovered-services.toml",
        &["aws-ec2-region", "cannot apply", "the plan has internet"],
    ),
    (
        "ongoing-after-as-of.toml",
        &["outages[0].start", "ongoing but starts at or after as_of"],
    ),
    (
        "overflow.toml",
        &[
            "us-ny-psc-outage-credit",
            "arithmetic overflow",
            "too large to compute",
        ],
    ),
];

#[test]
fn every_bad_file_exits_2_naming_the_file_the_place_and_the_problem() {
    let dir = root().join("tests").join("data").join("bad");
    let mut listed: Vec<&str> = CORPUS.iter().map(|(f, _)| *f).collect();
    listed.sort_unstable();
    let mut present: Vec<String> = std::fs::read_dir(&dir)
        .expect("the corpus folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    present.sort_unstable();
    assert_eq!(
        present, listed,
        "every file of the corpus is in the table, and only those"
    );

    for (file, expected) in CORPUS {
        let path = format!("tests/data/bad/{file}");
        let run = redress(["claim", path.as_str()]);
        assert_eq!(
            run.code, 2,
            "{file}: exit {}\n{}{}",
            run.code, run.stdout, run.stderr
        );
        assert!(!run.stderr.contains("panicked"), "{file}: {}", run.stderr);
        let message = run.stderr.lines().last().unwrap_or_default();
        assert!(
            message.contains(&path),
            "{file}: the message names the file: {message}"
        );
        for part in *expected {
            assert!(
                message.contains(part),
                "{file}: expected `{part}` in: {message}"
            );
        }
    }
}
