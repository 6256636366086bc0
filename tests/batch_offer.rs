//! `redress batch --offer` and the `credited` column (docs/batch.md, "Offered versus
//! owed"): per account and policy, what was offered and credited and the shortfall,
//! max(owed − received, 0), where received is what was credited when the row says,
//! else what the offer gives. Without either, the output is the six columns of before.
//!
//! The outages (tests/data/batch/offer/outages.csv): `rochester-14604` lost internet and
//! TV for 53 hours (06:00 on the 1st to 11:00 on the 3rd), 182,000 customers;
//! `buffalo-14201` lost internet for 12 hours. The NY PSC rule pays 1/30 of each lost
//! service's monthly price per started 24 hours, automatically at 24 hours or more,
//! one unit on request under 24 hours. The offer (tests/data/batch/offer-one-day.toml)
//! is one day of service: 1/30 of each affected service's monthly price per outage,
//! automatic. Figures are rounded per service line to the cent, half away from zero.

mod common;

use common::*;

const DIR: &str = "tests/data/batch/offer";
const OFFER: &str = "tests/data/batch/offer-one-day.toml";
const AS_OF: &str = "2024-10-05T12:00:00-04:00";
const NY_PSC: &str = "us-ny-psc-outage-credit";

fn batch(accounts: &str, extra: &[&str]) -> Run {
    let accounts = format!("{DIR}/{accounts}");
    let outages = format!("{DIR}/outages.csv");
    let mut args = vec![
        "batch",
        "--accounts",
        &accounts,
        "--outages",
        &outages,
        "--as-of",
        AS_OF,
        "--policy",
        NY_PSC,
    ];
    args.extend_from_slice(extra);
    redress(args)
}

#[test]
fn the_offer_and_the_shortfall_are_written_for_each_account() {
    let run = batch("accounts.csv", &["--offer", OFFER]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A-1 (internet 79.99, TV 65.00, Rochester): owed ⌈53/24⌉ = 3 units a service,
    //   3 × 79.99 / 30 = 7.999 → 8.00 and 3 × 65.00 / 30 = 6.50: 14.50;
    //   offered 79.99 / 30 = 2.6663 → 2.67 and 65.00 / 30 = 2.1667 → 2.17: 4.84;
    //   short 14.50 − 4.84 = 9.66.
    // A-2 (internet 60.00): owed 3 × 2.00 = 6.00, offered 2.00, short 4.00.
    // A-3 (internet 90.00): owed 3 × 3.00 = 9.00, offered 3.00, short 6.00.
    // A-4 (internet 79.99, Buffalo, 12 h): owed one unit on request, 2.67; offered 2.67;
    //   short 0.00.
    // A-5 (Syracuse, no outage): owed nothing, offered nothing, short 0.00.
    assert_eq!(
        run.stdout,
        "account,policy,currency,total,automatic,error,offered,credited,shortfall\n\
         A-1,us-ny-psc-outage-credit,USD,14.50,true,,4.84,,9.66\n\
         A-2,us-ny-psc-outage-credit,USD,6.00,true,,2.00,,4.00\n\
         A-3,us-ny-psc-outage-credit,USD,9.00,true,,3.00,,6.00\n\
         A-4,us-ny-psc-outage-credit,USD,2.67,false,,2.67,,0.00\n\
         A-5,(no outage in area),USD,0.00,false,,0.00,,0.00\n"
    );
    assert!(
        run.stderr.contains("; offer: offer-one-day"),
        "{}",
        run.stderr
    );
}

#[test]
fn what_was_credited_is_what_the_shortfall_is_measured_against() {
    let run = batch("accounts-credited.csv", &["--offer", OFFER]);
    // A-6's `ten` is its row's error: exit 2, every other row written.
    assert_eq!(run.code, 2, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    // credited 10.00, more than the 6.00 owed: short max(6.00 − 10.00, 0) = 0.00,
    //   though the offer alone (2.00) would leave it short 4.00.
    assert_eq!(
        lines[2],
        "A-2,us-ny-psc-outage-credit,USD,6.00,true,,2.00,10.00,0.00"
    );
    // credited 1 (written 1.00), less than the 3.00 offered: short 9.00 − 1.00 = 8.00.
    assert_eq!(
        lines[3],
        "A-3,us-ny-psc-outage-credit,USD,9.00,true,,3.00,1.00,8.00"
    );
    // credited unknown (empty): measured against the offer, 14.50 − 4.84 = 9.66.
    assert_eq!(
        lines[1],
        "A-1,us-ny-psc-outage-credit,USD,14.50,true,,4.84,,9.66"
    );
}

#[test]
fn a_credited_column_without_an_offer_still_gives_the_shortfall_where_it_is_known() {
    let run = batch("accounts-credited.csv", &[]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "account,policy,currency,total,automatic,error,offered,credited,shortfall"
    );
    // nothing known received: offered and shortfall empty.
    assert_eq!(lines[1], "A-1,us-ny-psc-outage-credit,USD,14.50,true,,,,");
    // 9.00 − 1.00 = 8.00.
    assert_eq!(
        lines[3],
        "A-3,us-ny-psc-outage-credit,USD,9.00,true,,,1.00,8.00"
    );
}

#[test]
fn a_bad_credited_value_is_its_rows_error_in_plain_words() {
    let run = batch("accounts-credited.csv", &["--offer", OFFER]);
    assert_eq!(run.code, 2);
    let last = run.stdout.lines().last().unwrap_or_default();
    assert!(
        last.starts_with(
            "A-6,us-ny-psc-outage-credit,USD,,,\"line 7: credited: `ten` is not an amount"
        ),
        "{last}"
    );
    assert!(last.ends_with(",,,"), "{last}");
    assert!(
        run.stderr
            .contains("line 7: credited: `ten` is not an amount"),
        "{}",
        run.stderr
    );
}

#[test]
fn without_an_offer_or_a_credited_column_the_output_is_the_six_columns_of_before() {
    let run = batch("accounts.csv", &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The same figures as with --offer (see above), in the six columns alone.
    assert_eq!(
        run.stdout,
        "account,policy,currency,total,automatic,error\n\
         A-1,us-ny-psc-outage-credit,USD,14.50,true,\n\
         A-2,us-ny-psc-outage-credit,USD,6.00,true,\n\
         A-3,us-ny-psc-outage-credit,USD,9.00,true,\n\
         A-4,us-ny-psc-outage-credit,USD,2.67,false,\n\
         A-5,(no outage in area),USD,0.00,false,\n"
    );
    assert!(!run.stderr.contains("offer"), "{}", run.stderr);
}

#[test]
fn the_offer_may_be_a_catalog_policy_and_an_unknown_one_is_refused() {
    // Offering exactly what the rule owes leaves nobody short.
    let run = batch("accounts.csv", &["--offer", NY_PSC]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for line in run.stdout.lines().skip(1) {
        assert!(line.ends_with(",0.00"), "{line}");
    }
    let run = batch("accounts.csv", &["--offer", "no-such-offer"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--offer: "), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    // A misspelt file is a file that is not there, with the one meant, not an unknown
    // policy id.
    let run = batch(
        "accounts.csv",
        &["--offer", "tests/data/batch/offer-one-day.tom"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains(
            "--offer: tests/data/batch/offer-one-day.tom: no such file; did you mean \
             `tests/data/batch/offer-one-day.toml`?"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn out_may_not_name_the_offer_file() {
    let run = batch("accounts.csv", &["--offer", OFFER, "--out", OFFER]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--offer"), "{}", run.stderr);
    let text = std::fs::read_to_string(root().join(OFFER)).unwrap_or_default();
    assert!(text.contains("id = \"offer-one-day\""));
}

/// The summary's `offered versus owed` rows whose first column starts with `place`, as
/// (accounts, short, owed, offered, credited, shortfall).
fn summary_row(stderr: &str, place: &str) -> (u64, u64, String, String, String, String) {
    let table = stderr
        .split("offered versus owed")
        .nth(1)
        .unwrap_or_default();
    let line = table
        .lines()
        .find(|l| l.starts_with(place))
        .unwrap_or_else(|| panic!("no row {place} in {stderr}"));
    // After the place: policy, accounts, short, then four sums each with its currency,
    // or `-` where no account had the figure.
    let f: Vec<&str> = line[place.len()..]
        .split_whitespace()
        .filter(|w| *w != "USD")
        .collect();
    let n = |i: usize| f.get(i).and_then(|s| s.parse().ok()).unwrap_or(u64::MAX);
    let s = |i: usize| f.get(i).copied().unwrap_or_default().to_owned();
    (n(1), n(2), s(3), s(4), s(5), s(6))
}

#[test]
fn the_summary_adds_up_by_area_and_by_region() {
    let run = batch("accounts-credited.csv", &["--offer", OFFER]);
    let s = |x: &str| x.to_owned();
    // Rochester, A-3 (A-6 is an error row, not added).
    // owed 14.50 + 6.00 + 9.00 = 29.50; offered 4.84 + 2.00 + 3.00 = 9.84;
    // credited 10.00 + 1.00 = 11.00; short 9.66 + 0.00 + 8.00 = 17.66, 2 accounts.
    assert_eq!(
        summary_row(&run.stderr, "rochester-14604"),
        (3, 2, s("29.50"), s("9.84"), s("11.00"), s("17.66"))
    );
    // Buffalo: A-4 owed 2.67, offered 2.67, short 0.00; no credited figure, so the
    // credited column says `-` rather than a sum of nothing.
    assert_eq!(
        summary_row(&run.stderr, "buffalo-14201"),
        (1, 0, s("2.67"), s("2.67"), s("-"), s("0.00"))
    );
    // All four accounts are in US-NY: the areas' sums, 29.50 + 2.67 = 32.17,
    // 9.84 + 2.67 = 12.51, 11.00, 17.66 + 0.00 = 17.66.
    let all = (4, 2, s("32.17"), s("12.51"), s("11.00"), s("17.66"));
    assert_eq!(summary_row(&run.stderr, "US-NY"), all);
    assert_eq!(summary_row(&run.stderr, "all accounts"), all);
    // And the shortfall column of the output adds up to the same 17.66.
    let sum: rust_decimal::Decimal = run
        .stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.rsplit(',').next()?.parse::<rust_decimal::Decimal>().ok())
        .sum();
    assert_eq!(sum.to_string(), "17.66");
}

#[test]
fn without_the_new_flags_the_summary_has_no_offer_table() {
    let run = batch("accounts.csv", &[]);
    assert!(
        !run.stderr.contains("offered versus owed"),
        "{}",
        run.stderr
    );
}
