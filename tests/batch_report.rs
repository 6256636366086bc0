//! `redress batch --report FILE.html`: a self-contained page (no script, no network)
//! with the incident, the chart, the shortfall table and the rules, its text escaped,
//! written whole or not at all under the same rules as `--out` (never an input).
//! Figures: see tests/batch_offer.rs, which works them by hand for the same files.

mod common;

use common::*;

const DIR: &str = "tests/data/batch/offer";
const OFFER: &str = "tests/data/batch/offer-one-day.toml";

fn batch(accounts: &str, report: &str, extra: &[&str]) -> Run {
    let outages = format!("{DIR}/outages.csv");
    let mut args = vec![
        "batch",
        "--accounts",
        accounts,
        "--outages",
        &outages,
        "--as-of",
        "2024-10-05T12:00:00-04:00",
        "--policy",
        "us-ny-psc-outage-credit",
        "--offer",
        OFFER,
        "--report",
        report,
    ];
    args.extend_from_slice(extra);
    redress(args)
}

#[test]
fn the_report_holds_the_totals_the_rules_and_no_script() {
    let dir = scratch("report-totals");
    let report = dir.path().join("report.html");
    let accounts = format!("{DIR}/accounts-credited.csv");
    let run = batch(&accounts, &report.to_string_lossy(), &[]);
    assert_eq!(run.code, 2, "{}", run.stderr); // A-6's bad `credited`
    let page = std::fs::read_to_string(&report).unwrap_or_default();
    // Rochester 29.50 owed, 9.84 offered, 11.00 credited, 17.66 short (tests/batch_offer.rs);
    // all of US-NY 32.17 owed, 12.51 offered.
    for figure in [
        "29.50 USD",
        "9.84 USD",
        "11.00 USD",
        "17.66 USD",
        "32.17 USD",
        "12.51 USD",
    ] {
        assert!(page.contains(figure), "{figure} not in {page}");
    }
    // The incident: Rochester out 53 hours (06:00 on the 1st to 11:00 on the 3rd).
    assert!(page.contains(">53:00<"), "{page}");
    assert!(
        page.contains("Case 22-M-0180"),
        "the NY rule's citation: {page}"
    );
    assert!(
        page.contains("offer-one-day</strong> (the offer)"),
        "{page}"
    );
    assert!(page.contains("<svg"), "{page}");
    let lower = page.to_lowercase();
    assert!(!lower.contains("<script"), "{page}");
    // Nothing fetched: no address but the SVG namespace's name.
    let addresses = lower.replace("http://www.w3.org/2000/svg", "");
    assert!(
        !addresses.contains("http:") && !addresses.contains("https:"),
        "{page}"
    );
}

#[test]
fn names_are_escaped() {
    let dir = scratch("report-escaped");
    let accounts = dir.path().join("accounts.csv");
    let outages = dir.path().join("outages.csv");
    let area = "<b>x&y</b>";
    std::fs::write(
        &accounts,
        format!(
            "account,region,area,currency,time_zone,billing_day,services\n\
             A-1,US-NY,{area},USD,America/New_York,5,internet:60.00\n"
        ),
    )
    .unwrap_or_default();
    std::fs::write(
        &outages,
        format!(
            "area,services,start,end,customers_affected,cause\n\
             {area},internet,2024-10-01T06:00:00-04:00,2024-10-02T06:00:00-04:00,500,network\n"
        ),
    )
    .unwrap_or_default();
    let report = dir.path().join("report.html");
    let run = redress([
        "batch",
        "--accounts",
        &accounts.to_string_lossy(),
        "--outages",
        &outages.to_string_lossy(),
        "--as-of",
        "2024-10-05T12:00:00-04:00",
        "--policy",
        "us-ny-psc-outage-credit",
        "--offer",
        OFFER,
        "--report",
        &report.to_string_lossy(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(&report).unwrap_or_default();
    assert!(page.contains("&lt;b&gt;x&amp;y&lt;/b&gt;"), "{page}");
    assert!(!page.contains(area), "{page}");
}

#[test]
fn the_report_never_names_an_input_nor_the_out_file() {
    let accounts = format!("{DIR}/accounts.csv");
    let before = std::fs::read(&accounts).unwrap_or_default();
    for (report, extra) in [
        (accounts.as_str(), vec![]),
        (OFFER, vec![]),
        (
            "/tmp/same-as-out.csv",
            vec!["--out", "/tmp/same-as-out.csv"],
        ),
    ] {
        let run = batch(&accounts, report, &extra);
        assert_eq!(run.code, 2, "{report}: {}", run.stderr);
        assert!(run.stderr.contains("--report: "), "{}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    assert_eq!(std::fs::read(&accounts).unwrap_or_default(), before);
    let dir = scratch("report-no-dir");
    let missing = dir.path().join("nowhere/report.html");
    let run = batch(&accounts, &missing.to_string_lossy(), &[]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}
