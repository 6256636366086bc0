//! `examples/mass-outage/`: the bundled multi-state outage, run as its README runs it.
//!
//! The figures are worked by hand from the rules' texts, never copied from the program:
//! four accounts line by line, and every account through a small model of the three
//! rules written here from their texts (per-area unit counts worked by hand below).
//! The CSVs must be what `generate.py` makes.

mod common;

use common::*;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;
use std::str::FromStr;

const DIR: &str = "examples/mass-outage";
const AS_OF: &str = "2025-03-20T12:00:00-04:00";
const NY: &str = "us-ny-psc-outage-credit";
const NJ: &str = "us-nj-cable";
const ACME: &str = "acme-cable-outage-credit";

fn path(name: &str) -> String {
    format!("{DIR}/{name}")
}

/// `redress batch` on the bundled files, with these extra arguments; (rows, stderr).
fn batch(extra: &[&str]) -> (Vec<Vec<String>>, String) {
    let mut args = vec![
        "batch".to_owned(),
        "--accounts".to_owned(),
        path("accounts.csv"),
        "--outages".to_owned(),
        path("outages.csv"),
        "--as-of".to_owned(),
        AS_OF.to_owned(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    let run = redress(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("account,policy,currency,total,automatic,error")
    );
    // No field of these files needs quoting.
    let rows = lines
        .map(|l| l.split(',').map(str::to_owned).collect::<Vec<_>>())
        .collect();
    (rows, run.stderr)
}

/// The row of `account` (the one row it has in a run with one policy or the catalog's).
fn row<'a>(rows: &'a [Vec<String>], account: &str) -> &'a [String] {
    let found: Vec<_> = rows.iter().filter(|r| r[0] == account).collect();
    assert_eq!(found.len(), 1, "one row for {account}");
    found[0]
}

fn money(text: &str) -> Decimal {
    Decimal::from_str(text).expect("a decimal")
}

/// Rounded to the cent, half away from zero: the policies' rounding (none names another).
fn cents(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

// ---------------------------------------------------------------------------------
// Four accounts, by hand. Every outage is in EDT (-04:00), Monday 10 March 2025 on.
// Each line is 1/30 of a service's monthly price per unit, rounded to the cent.
// ---------------------------------------------------------------------------------

/// AC-00017, Yonkers NY, internet 49.99, TV 94.99, phone 19.99. Outage of all three,
/// 05:40 Mon 10 → 14:10 Wed 12 March = 2 d 8 h 30 min = 56.5 h; 260 subscribers.
///
/// New York PSC (Case 22-M-0180): ≥ 100 subscribers, so the rule applies; 1/30 per
/// started 24 hours: ⌈56.5 / 24⌉ = 3 units; 24 hours or more, so automatic.
///   internet 3 × 49.99 / 30 = 149.97 / 30 = 4.999 → 5.00
///   tv       3 × 94.99 / 30 = 284.97 / 30 = 9.499 → 9.50
///   phone    3 × 19.99 / 30 =  59.97 / 30 = 1.999 → 2.00      total 16.50, automatic
/// Acme §12: more than 4 h; full 24 hours ⌊56.5 / 24⌋ = 2:
///   internet 2 × 49.99 / 30 =  99.98 / 30 = 3.3327 → 3.33
///   tv       2 × 94.99 / 30 = 189.98 / 30 = 6.3327 → 6.33
///   phone    2 × 19.99 / 30 =  39.98 / 30 = 1.3327 → 1.33     total 10.99, on request
#[test]
fn a_new_york_account_in_a_large_incident_over_24_hours() {
    let (rows, _) = batch(&[]);
    assert_eq!(row(&rows, "AC-00017")[1..5], [NY, "USD", "16.50", "true"]);
    let (rows, _) = batch(&["--policy-file", &path("acme-terms.toml")]);
    assert_eq!(
        row(&rows, "AC-00017")[1..5],
        [ACME, "USD", "10.99", "false"]
    );
}

/// AC-00480, Rye NY, internet 79.99, TV 109.99, phone 29.99. Outage of all three,
/// 07:00 Mon 10 → 19:30 Tue 11 March = 36.5 h, but 45 subscribers affected.
///
/// New York PSC: the rule needs 100 or more subscribers: nothing, 0.00.
/// Acme §12 applies whatever the size: more than 4 h; ⌊36.5 / 24⌋ = 1 full day:
///   internet  79.99 / 30 = 2.6663 → 2.67
///   tv       109.99 / 30 = 3.6663 → 3.67
///   phone     29.99 / 30 = 0.9997 → 1.00                      total 7.34, on request
#[test]
fn a_new_york_account_in_a_small_incident() {
    let (rows, _) = batch(&[]);
    assert_eq!(row(&rows, "AC-00480")[1..4], [NY, "USD", "0.00"]);
    let (rows, _) = batch(&["--policy-file", &path("acme-terms.toml")]);
    assert_eq!(row(&rows, "AC-00480")[1..5], [ACME, "USD", "7.34", "false"]);
}

/// AC-00006, Newark NJ, internet 89.99, TV 94.99, phone 19.99. Outage of all three,
/// 05:30 Mon 10 → 21:00 Wed 12 March = 63.5 h.
///
/// N.J.A.C. 14:18-3.5 (as `src/catalog/us/nj_cable.rs` reads it): cable television
/// only; longer than 24 h, one unit (monthly rate / 30) per local calendar day with
/// more than 6 hours out: Mon 10 from 05:30 = 18.5 h, Tue 11 = 24 h, Wed 12 until 21:00
/// = 21 h: 3 days.
///   tv 3 × 94.99 / 30 = 9.499 → 9.50; internet and phone nothing   total 9.50, on request
/// Acme §12: ⌊63.5 / 24⌋ = 2 full days:
///   internet 2 × 89.99 / 30 = 179.98 / 30 = 5.9993 → 6.00
///   tv       2 × 94.99 / 30 = 189.98 / 30 = 6.3327 → 6.33
///   phone    2 × 19.99 / 30 =  39.98 / 30 = 1.3327 → 1.33     total 13.66, on request
#[test]
fn a_new_jersey_account() {
    let (rows, _) = batch(&[]);
    assert_eq!(row(&rows, "AC-00006")[1..5], [NJ, "USD", "9.50", "false"]);
    let (rows, _) = batch(&["--policy-file", &path("acme-terms.toml")]);
    assert_eq!(
        row(&rows, "AC-00006")[1..5],
        [ACME, "USD", "13.66", "false"]
    );
}

/// AC-00003, Scranton PA, internet 79.99, TV 109.99, phone 19.99. Outage of all three,
/// 04:50 Mon 10 → 16:05 Thu 13 March = 3 d 11 h 15 min = 83.25 h.
///
/// No statute: the catalog has no policy for it (an empty policy column, 0.00).
/// Acme §12: ⌊83.25 / 24⌋ = 3 full days:
///   internet 3 × 79.99 / 30 = 239.97 / 30 =  7.999 →  8.00
///   tv       3 × 109.99 / 30 = 329.97 / 30 = 10.999 → 11.00
///   phone    3 × 19.99 / 30 =  59.97 / 30 =  1.999 →  2.00    total 21.00, on request
#[test]
fn a_pennsylvania_account_under_the_providers_terms_alone() {
    let (rows, _) = batch(&[]);
    assert_eq!(row(&rows, "AC-00003")[1..5], ["", "USD", "0.00", "false"]);
    let (rows, _) = batch(&["--policy-file", &path("acme-terms.toml")]);
    assert_eq!(
        row(&rows, "AC-00003")[1..5],
        [ACME, "USD", "21.00", "false"]
    );
}

// ---------------------------------------------------------------------------------
// Every account, by a model of the rules written from their texts.
// ---------------------------------------------------------------------------------

/// Per area: (services lost, units under NY PSC, units under NJ, units under Acme §12).
/// NY units are started 24 h blocks, only for NY areas of ≥ 100 subscribers; NJ units
/// are for TV only; Acme units are full 24 h blocks of outages over 4 h.
const AREAS: &[(&str, &str, &str, u32, u32, u32)] = &[
    // 05:40 → +2 d 14:10 = 56.5 h, 260 subs: NY ⌈⌉ 3; Acme ⌊⌋ 2
    ("yonkers-10701", "US-NY", "internet|tv|phone", 3, 0, 2),
    // 06:15 → +1 d 02:45 = 20.5 h, 240 subs: NY 1 (under 24 h: on request); Acme 0
    ("white-plains-10601", "US-NY", "internet|tv", 1, 0, 0),
    // 05:55 → +4 d 09:20 = 99 h 25 min, 220 subs: NY ⌈99.42 / 24⌉ = 5; Acme 4
    ("new-rochelle-10801", "US-NY", "internet|tv|phone", 5, 0, 4),
    // 07:00 → +1 d 19:30 = 36.5 h, 45 subs: NY none (< 100); Acme 1
    ("rye-10580", "US-NY", "internet|tv|phone", 0, 0, 1),
    // 05:30 → +2 d 21:00 = 63.5 h: NJ days over 6 h: 18.5, 24, 21 → 3; Acme 2
    ("newark-07102", "US-NJ", "internet|tv|phone", 0, 3, 2),
    // 08:00 → 19:00 = 11 h: NJ 6 to 24 h → 1; Acme 0
    ("jersey-city-07302", "US-NJ", "internet|tv", 0, 1, 0),
    // 06:00 → +1 d 10:00 = 28 h, internet only: NJ nothing (no TV lost); Acme 1
    ("hoboken-07030", "US-NJ", "internet", 0, 0, 1),
    // 04:50 → +3 d 16:05 = 83.25 h: Acme 3
    ("scranton-18503", "US-PA", "internet|tv|phone", 0, 0, 3),
    // 06:30 → 09:45 = 3.25 h, not over 4 h: Acme 0
    ("allentown-18101", "US-PA", "internet|tv", 0, 0, 0),
    // 05:00 → +1 d 07:00 = 26 h, TV only: Acme 1
    ("wilkes-barre-18701", "US-PA", "tv", 0, 0, 1),
    // 05:45 → +2 d 08:15 = 50.5 h: Acme 2
    ("stamford-06901", "US-CT", "internet|tv|phone", 0, 0, 2),
    // 07:20 → 13:00 = 5 h 40 min: over 4 h but no full day: Acme 0
    ("greenwich-06830", "US-CT", "internet|phone", 0, 0, 0),
];

/// What the model owes an account under one rule: Σ over the services lost that it
/// has (TV only for NJ) of units × price / 30, each line rounded to the cent.
fn model(services: &str, lost: &str, units: u32, tv_only: bool) -> Decimal {
    services
        .split('|')
        .map(|s| s.split_once(':').expect("kind:price"))
        .filter(|(kind, _)| lost.split('|').any(|l| l == *kind) && (!tv_only || *kind == "tv"))
        .map(|(_, price)| cents(Decimal::from(units) * money(price) / Decimal::from(30)))
        .sum()
}

/// The accounts of the bundled file: (account, area, services).
fn accounts() -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(root().join(path("accounts.csv"))).expect("accounts");
    text.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<_> = l.split(',').collect();
            (f[0].to_owned(), f[2].to_owned(), f[6].to_owned())
        })
        .collect()
}

/// The `total` figure of the summary's `all areas` row for `policy`.
fn all_areas_total(stderr: &str, policy: &str) -> Decimal {
    let line = stderr
        .lines()
        .map(flat)
        .find(|l| l.starts_with(&format!("all areas {policy} ")))
        .unwrap_or_else(|| panic!("no `all areas {policy}` row in:\n{stderr}"));
    let words: Vec<_> = line.split(' ').collect();
    assert_eq!(words[words.len() - 1], "USD");
    money(words[words.len() - 2])
}

#[test]
fn the_bundled_data_is_the_story_the_readme_tells() {
    let accounts = accounts();
    assert!(
        (1900..=2200).contains(&accounts.len()),
        "about 2,000 accounts"
    );
    for name in ["accounts.csv", "outages.csv"] {
        let size = std::fs::metadata(root().join(path(name)))
            .expect(name)
            .len();
        assert!(size < 200_000, "{name} is {size} bytes");
    }
    let outages = std::fs::read_to_string(root().join(path("outages.csv"))).expect("outages");
    for line in outages.lines().skip(1) {
        let f: Vec<_> = line.split(',').collect();
        let (_, region, lost, ..) = AREAS.iter().find(|a| a.0 == f[0]).expect("a known area");
        assert_eq!(f[1], *lost, "{line}");
        // customers_affected is the accounts the file holds in the area.
        let count = accounts.iter().filter(|a| a.1 == f[0]).count();
        assert_eq!(f[4], count.to_string(), "{line}");
        // The one small incident is in New York, under the PSC rule's 100.
        assert_eq!(
            count < 100,
            ["rye-10580", "hoboken-07030", "greenwich-06830"].contains(&f[0])
        );
        assert!(["US-NY", "US-NJ", "US-PA", "US-CT"].contains(region));
    }
    assert_eq!(outages.lines().count(), 1 + AREAS.len());
}

#[test]
fn each_state_gets_its_statute_when_the_catalog_chooses() {
    let (rows, stderr) = batch(&[]);
    let mut sums: BTreeMap<&str, Decimal> = BTreeMap::new();
    for (account, area, services) in accounts() {
        let (_, region, lost, ny, nj, _) = AREAS.iter().find(|a| a.0 == area).expect("area");
        let r = row(&rows, &account);
        let tv_lost =
            services.split('|').any(|s| s.starts_with("tv:")) && lost.split('|').any(|l| l == "tv");
        let (policy, owed) = match *region {
            "US-NY" => (NY, model(&services, lost, *ny, false)),
            // NJ's rule is for TV: an account that lost no TV (it has none, or its area
            // lost internet only, as Hoboken) gets no policy of the catalog.
            "US-NJ" if tv_lost => (NJ, model(&services, lost, *nj, true)),
            _ => ("", Decimal::ZERO),
        };
        assert_eq!(r[1], policy, "{account} in {area}");
        assert_eq!(money(&r[3]), owed, "{account} in {area}: {services}");
        if !policy.is_empty() {
            *sums.entry(policy).or_default() += owed;
        }
    }
    assert_eq!(all_areas_total(&stderr, NY), sums[NY]);
    assert_eq!(all_areas_total(&stderr, NJ), sums[NJ]);
}

#[test]
fn the_providers_terms_apply_everywhere_with_the_policy_file() {
    let (rows, stderr) = batch(&["--policy-file", &path("acme-terms.toml")]);
    let mut sum = Decimal::ZERO;
    for (account, area, services) in accounts() {
        let (_, _, lost, _, _, acme) = AREAS.iter().find(|a| a.0 == area).expect("area");
        let r = row(&rows, &account);
        let owed = model(&services, lost, *acme, false);
        assert_eq!(r[1..3], [ACME, "USD"], "{account}");
        assert_eq!(money(&r[3]), owed, "{account} in {area}: {services}");
        // On request, always: nothing is paid without asking.
        assert_eq!(r[4], "false", "{account}");
        sum += owed;
    }
    assert_eq!(all_areas_total(&stderr, ACME), sum);
}

#[test]
fn the_csvs_are_what_generate_py_makes() {
    let python = std::process::Command::new("python3")
        .arg("--version")
        .output();
    if !python.is_ok_and(|o| o.status.success()) {
        eprintln!("SKIPPED: python3 is not installed, so generate.py was not run");
        return;
    }
    let dir = scratch("mass-outage");
    let status = std::process::Command::new("python3")
        .arg(root().join(path("generate.py")))
        .arg(dir.path())
        .status()
        .expect("run generate.py");
    assert!(status.success());
    for name in ["accounts.csv", "outages.csv"] {
        let made = std::fs::read(dir.join(name)).expect(name);
        let bundled = std::fs::read(root().join(path(name))).expect(name);
        assert!(
            made == bundled,
            "{DIR}/{name} is not what generate.py makes: run `python3 {DIR}/generate.py` and commit"
        );
    }
}

/// The goodwill offer, run today as a policy file (`--offer` is not in the CLI yet): one
/// unit per outage for every service lost, automatic, whatever the outage's length.
///   AC-00017 (Yonkers): internet 49.99 / 30 = 1.6663 → 1.67; tv 94.99 / 30 = 3.1663 →
///   3.17; phone 19.99 / 30 = 0.6663 → 0.67: 5.51, automatic; against 16.50 owed by
///   New York's rule: 10.99 short.
///   AC-00003 (Scranton): 79.99 / 30 → 2.67; 109.99 / 30 → 3.67; 19.99 / 30 → 0.67:
///   7.01, against 21.00 owed by Acme's own terms (on request).
///   An account in Allentown (3 h 15 min, nothing owed anywhere) still gets its day.
#[test]
fn the_goodwill_offer_pays_one_day_of_each_service_lost() {
    let (rows, stderr) = batch(&["--policy-file", &path("goodwill-offer.toml")]);
    let offer = "acme-goodwill-2025-03";
    assert_eq!(row(&rows, "AC-00017")[1..5], [offer, "USD", "5.51", "true"]);
    assert_eq!(row(&rows, "AC-00003")[1..5], [offer, "USD", "7.01", "true"]);
    let mut sum = Decimal::ZERO;
    for (account, area, services) in accounts() {
        let (_, _, lost, ..) = AREAS.iter().find(|a| a.0 == area).expect("area");
        let owed = model(&services, lost, 1, false);
        assert_eq!(money(&row(&rows, &account)[3]), owed, "{account} in {area}");
        sum += owed;
    }
    assert_eq!(all_areas_total(&stderr, offer), sum);
}

/// The README shows the commands these tests run, `--offer` and `--report` among them.
#[test]
fn the_readme_shows_the_commands_run_here() {
    let readme = flat(&std::fs::read_to_string(root().join(path("README.md"))).expect("README"));
    for text in [
        "--accounts examples/mass-outage/accounts.csv --outages examples/mass-outage/outages.csv",
        "--policy-file examples/mass-outage/acme-terms.toml",
        &format!("--as-of {AS_OF}"),
        "redress batch --offer examples/mass-outage/goodwill-offer.toml",
        "--report mass-outage.html",
    ] {
        assert!(readme.contains(text), "README.md lacks `{text}`");
    }
    for (account, figure) in [
        ("AC-00017", "16.50"),
        ("AC-00480", "7.34"),
        ("AC-00006", "9.50"),
        ("AC-00003", "21.00"),
    ] {
        assert!(readme.contains(account) && readme.contains(figure));
    }
}

/// The offer against what the catalog's rules owe, as the README's owed-against-offered
/// command runs it. AC-00017 (Yonkers NY, 56.5 h, 260 affected; internet 49.99, TV 94.99,
/// phone 19.99): owed 16.50 under New York's rule (above), offered one day of each service,
/// 49.99 / 30 = 1.666… → 1.67, 94.99 / 30 = 3.166… → 3.17, 19.99 / 30 = 0.666… → 0.67, so
/// 5.51; short 16.50 − 5.51 = 10.99. AC-00003 (Scranton PA) has no statute: owed 0.00 by
/// the catalog, offered 7.01 (2.67 + 3.67 + 0.67), short 0.00.
#[test]
fn the_offer_falls_short_of_new_yorks_rule() {
    let args = vec![
        "batch".to_owned(),
        "--accounts".to_owned(),
        path("accounts.csv"),
        "--outages".to_owned(),
        path("outages.csv"),
        "--as-of".to_owned(),
        AS_OF.to_owned(),
        "--offer".to_owned(),
        path("goodwill-offer.toml"),
    ];
    let run = redress(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("account,policy,currency,total,automatic,error,offered,credited,shortfall")
    );
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect();
    let ny = row(&rows, "AC-00017");
    assert_eq!(ny[1..4], ["us-ny-psc-outage-credit", "USD", "16.50"]);
    assert_eq!(ny[6..9], ["5.51", "", "10.99"]);
    let pa = row(&rows, "AC-00003");
    assert_eq!(pa[3], "0.00");
    assert_eq!(pa[6..9], ["7.01", "", "0.00"]);
}
