//! `redress batch` and the areas of its two files: areas match exactly as written; an
//! account area that differs from an outage area only in letter case is a row error; an
//! account whose area has no outage is marked as such, not as "no applicable policy";
//! both kinds of unmatched area are counted and named in the summary, which stays a few
//! lines long however many areas the accounts name; and a figure too large to keep to
//! the cent is an overflow, never a total with a cent lost.

mod common;

use common::*;

const OUTAGES: &str = "examples/claims/batch/outages.csv";
const AS_OF: &str = "2024-10-05T12:00:00-04:00";
const HEADER: &str = "account,region,area,currency,time_zone,billing_day,services\n";
const NY_PSC: &str = "us-ny-psc-outage-credit";

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a scratch file");
    path.to_string_lossy().into_owned()
}

/// An accounts file of these (account, area, services) rows, in New York, in dollars.
fn accounts(dir: &std::path::Path, rows: &[(&str, &str, &str)]) -> String {
    let mut text = HEADER.to_owned();
    for (account, area, services) in rows {
        text.push_str(&format!(
            "{account},US-NY,{area},USD,America/New_York,5,{services}\n"
        ));
    }
    write(dir, "accounts.csv", &text)
}

/// Runs a batch of these accounts against the bundled outages; `policy` none to let the
/// catalog choose.
fn batch(accounts: &str, policy: Option<&str>) -> Run {
    let mut args = vec![
        "batch",
        "--accounts",
        accounts,
        "--outages",
        OUTAGES,
        "--as-of",
        AS_OF,
    ];
    if let Some(policy) = policy {
        args.extend(["--policy", policy]);
    }
    redress(args)
}

/// The output rows, without the header.
fn rows(run: &Run) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    reader
        .records()
        .map(|r| r.expect("a row").iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn an_account_area_differing_only_in_letter_case_is_a_row_error_naming_the_outage_area() {
    let dir = scratch("areas-case");
    let file = accounts(
        &dir,
        &[
            ("A-1", "Rochester-14604", "internet:79.99"),
            ("A-2", "rochester-14604", "internet:79.99"),
        ],
    );
    for policy in [Some(NY_PSC), None] {
        let run = batch(&file, policy);
        assert_eq!(run.code, 2, "{}", run.stderr);
        let rows = rows(&run);
        let error = "line 2: area: `Rochester-14604` matches no outage area; the outages have \
                     `rochester-14604`, which differs only in letter case (areas must match \
                     exactly: write it as the outages do)";
        assert_eq!(rows[0][0], "A-1");
        assert_eq!((rows[0][3].as_str(), rows[0][5].as_str()), ("", error));
        assert!(run.stderr.contains(error), "{}", run.stderr);
        // Written as the outage is, it is assessed: 53 hours from 06:00 on the 1st,
        // three started 24-hour blocks, 3 × 79.99 / 30 = 7.999 → 8.00.
        let ny = rows
            .iter()
            .find(|r| r[0] == "A-2" && r[1] == NY_PSC)
            .expect("A-2's row under the NY rule");
        assert_eq!((ny[3].as_str(), ny[5].as_str()), ("8.00", ""));
    }
}

#[test]
fn an_account_whose_area_has_no_outage_is_marked_so_not_as_without_a_policy() {
    let dir = scratch("areas-quiet");
    let file = accounts(
        &dir,
        &[
            ("A-1", "syracuse-13202", "internet:60.00"),
            ("A-2", "rochester-14604", "internet:79.99"),
        ],
    );
    for policy in [Some(NY_PSC), None] {
        let run = batch(&file, policy);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let rows = rows(&run);
        assert_eq!(
            rows[0],
            ["A-1", "(no outage in area)", "USD", "0.00", "false", ""],
            "{policy:?}"
        );
        assert!(rows[1..].iter().all(|r| r[0] == "A-2"), "{rows:?}");
        for part in [
            "2 accounts read: 2 assessed, 0 with errors",
            "account areas with no outage: 1 (`syracuse-13202`); 1 account there is owed nothing",
            "outage areas with no account: 2 (`buffalo-14201`, `rochester-14607`)",
        ] {
            assert!(
                run.stderr.contains(part),
                "missing {part:?}:\n{}",
                run.stderr
            );
        }
        assert!(
            !run.stderr.contains("no applicable catalog policy"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn outage_areas_no_account_has_are_reported_even_without_accounts() {
    let dir = scratch("areas-none");
    let run = batch(&accounts(&dir, &[]), Some(NY_PSC));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "outage areas with no account: 3 (`buffalo-14201`, `rochester-14604`, `rochester-14607`)"
        ),
        "{}",
        run.stderr
    );
}

/// Thirty thousand accounts, each in an area of its own without outages, and the
/// bundled outages' three areas: the summary names the first five areas without
/// outages and counts them (by name up to 10,000), in a few lines, not a line per area.
#[test]
fn accounts_in_many_areas_keep_the_summary_to_a_few_lines() {
    let dir = scratch("areas-many");
    let mut text = HEADER.to_owned();
    for n in 0..30_000 {
        text.push_str(&format!(
            "A-{n},US-NY,town-{n:05},USD,America/New_York,5,internet:10.00\n"
        ));
    }
    text.push_str("B-1,US-NY,rochester-14604,USD,America/New_York,5,internet:79.99\n");
    let run = batch(&write(&dir, "accounts.csv", &text), Some(NY_PSC));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(rows(&run).len(), 30_001);
    let lines = run.stderr.lines().count();
    assert!(lines < 12, "{lines} lines:\n{}", run.stderr);
    let expected = "account areas with no outage: more than 10000 (`town-00000`, `town-00001`, \
                    `town-00002`, `town-00003`, `town-00004` and over 9995 more); 30000 \
                    accounts there are owed nothing";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
}

/// Three started 24-hour blocks in rochester-14604 at price / 30 each: a price of
/// 26 × 10^27 owes 2.6 × 10^27, past the largest total a `Decimal` holds to the cent,
/// (2^96 - 1) / 100 = 792281625142643375935439503.35. The row is an overflow error,
/// never a total written to fewer places.
#[test]
fn a_total_too_large_to_keep_its_cents_is_a_row_error() {
    let dir = scratch("areas-huge-row");
    let file = accounts(
        &dir,
        &[(
            "A-1",
            "rochester-14604",
            "internet:26000000000000000000000000000",
        )],
    );
    let run = batch(&file, Some(NY_PSC));
    assert_eq!(run.code, 2, "{}", run.stderr);
    let rows = rows(&run);
    assert_eq!(rows[0][3], "", "{rows:?}");
    assert!(
        rows[0][5].starts_with("line 2: arithmetic overflow"),
        "{rows:?}"
    );
}

/// Two accounts owed 3 × 5 × 10^27 / 30 = 5 × 10^26 each: the sum, 10^27, needs 30
/// digits to the cent, more than a `Decimal` holds. The summary says `overflow` rather
/// than a figure with its cents dropped.
#[test]
fn a_summary_sum_too_large_to_keep_its_cents_says_overflow() {
    let dir = scratch("areas-huge-sum");
    let price = "internet:5000000000000000000000000000";
    let file = accounts(
        &dir,
        &[
            ("A-1", "rochester-14604", price),
            ("A-2", "rochester-14604", price),
        ],
    );
    let run = batch(&file, Some(NY_PSC));
    assert_eq!(run.code, 0, "{}", run.stderr);
    for row in rows(&run) {
        assert_eq!(row[3], "500000000000000000000000000.00", "{row:?}");
    }
    for start in ["rochester-14604", "all areas"] {
        let line = run
            .stderr
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no {start} line:\n{}", run.stderr));
        assert!(line.ends_with("  overflow"), "{}", run.stderr);
    }
    assert!(
        !run.stderr.contains("1000000000000000000000000000"),
        "{}",
        run.stderr
    );
}
