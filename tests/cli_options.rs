//! Reading options chosen in data: a claim file's `[options.ID]`, `--option ID.NAME=VALUE`
//! on `redress claim` and `redress batch`, and `redress policies` listing them. Figures
//! are worked out by hand from the rule's text, beside each expected figure.

mod common;

use common::*;
use serde_json::Value;

/// Rogers' outage of 8 July 2022: mobile CAD 85 and internet CAD 95, both lost that day.
const ROGERS: &str = r#"
as_of = "2022-07-20T12:00:00-04:00"
policies = ["rogers-2022"]
[customer]
region = "CA-ON"
[plan]
provider = "Rogers"
currency = "CAD"
time_zone = "America/Toronto"
[[plan.services]]
kind = "mobile"
monthly_price = "85.00"
[[plan.services]]
kind = "internet"
monthly_price = "95.00"
[[outages]]
services = ["mobile", "internet"]
start = "2022-07-08T04:45:00-04:00"
end = "2022-07-09T02:00:00-04:00"
"#;

const THIRTY_DAYS: &str = "[options.rogers-2022]\nmonth = \"30-days\"\n";

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a scratch file");
    path.to_string_lossy().into_owned()
}

fn json(run: &Run) -> Value {
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout))
}

/// The first claim's total and notes.
fn total_and_notes(run: &Run) -> (String, Vec<String>) {
    let out = json(run);
    let claim = &out["claims"][0];
    let notes = claim["notes"]
        .as_array()
        .expect("notes")
        .iter()
        .map(|n| n.as_str().unwrap_or_default().to_owned())
        .collect();
    (
        claim["total"].as_str().unwrap_or_default().to_owned(),
        notes,
    )
}

const NOTE_30: &str = "Option chosen: month = 30-days (default: calendar-month)";

#[test]
fn rogers_with_a_30_day_month_chosen_in_the_file_pays_five_thirtieths() {
    let dir = scratch("options-rogers");
    let default = write(&dir, "default.toml", ROGERS);
    let thirty = write(&dir, "thirty.toml", &format!("{ROGERS}{THIRTY_DAYS}"));

    // Default: a day is the monthly price / 31 (July).
    //   internet 5 × 95.00 / 31 = 15.3226 → 15.32; mobile 5 × 85.00 / 31 = 13.7097 → 13.71
    //   15.32 + 13.71 = 29.03
    let (total, notes) = total_and_notes(&redress(["claim", &default, "--json"]));
    assert_eq!(total, "29.03");
    assert!(
        !notes.iter().any(|n| n.starts_with("Option chosen")),
        "{notes:?}"
    );

    // month = "30-days": internet 5 × 95.00 / 30 = 15.8333 → 15.83;
    //   mobile 5 × 85.00 / 30 = 14.1667 → 14.17; 15.83 + 14.17 = 30.00
    let (total, notes) = total_and_notes(&redress(["claim", &thirty, "--json"]));
    assert_eq!(total, "30.00");
    assert!(notes.iter().any(|n| n == NOTE_30), "{notes:?}");

    let text = redress(["claim", &thirty]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(
        flat(&text.stdout).contains(&format!("Note: {NOTE_30}")),
        "{}",
        text.stdout
    );
}

#[test]
fn the_same_options_in_a_json_claim_file() {
    let dir = scratch("options-json");
    let file: toml::Value = toml::from_str(&format!("{ROGERS}{THIRTY_DAYS}")).unwrap();
    let text = serde_json::to_string(&file).unwrap();
    assert!(
        text.contains(r#""options":{"rogers-2022":{"month":"30-days"}}"#),
        "{text}"
    );
    let path = write(&dir, "thirty.json", &text);
    let (total, _) = total_and_notes(&redress(["claim", &path, "--json"]));
    assert_eq!(total, "30.00"); // 15.83 + 14.17, as above
}

#[test]
fn an_option_flag_wins_over_the_file() {
    let dir = scratch("options-flag");
    let thirty = write(&dir, "thirty.toml", &format!("{ROGERS}{THIRTY_DAYS}"));
    // annualised: 5 × 12 × price / 365. internet 5700 / 365 = 15.6164 → 15.62;
    //   mobile 5100 / 365 = 13.9726 → 13.97; 15.62 + 13.97 = 29.59
    let run = redress([
        "claim",
        &thirty,
        "--json",
        "--option",
        "rogers-2022.month=annualised",
    ]);
    let (total, notes) = total_and_notes(&run);
    assert_eq!(total, "29.59");
    assert!(
        notes
            .iter()
            .any(|n| n == "Option chosen: month = annualised (default: calendar-month)"),
        "{notes:?}"
    );
    assert!(!notes.iter().any(|n| n == NOTE_30), "{notes:?}");
    // The default chosen by flag over the file's 30 days: 29.03, as without options.
    let run = redress([
        "claim",
        &thirty,
        "--json",
        "--option",
        "rogers-2022.month=calendar-month",
    ]);
    let (total, notes) = total_and_notes(&run);
    assert_eq!(total, "29.03");
    assert!(
        !notes.iter().any(|n| n.starts_with("Option chosen")),
        "{notes:?}"
    );
}

#[test]
fn unknown_policies_options_and_values_are_refused_with_what_to_write() {
    let dir = scratch("options-errors");
    for (options, words) in [
        (
            "[options.rogers-2023]\nmonth = \"30-days\"\n",
            &[
                "options.rogers-2023",
                "unknown policy `rogers-2023`",
                "`rogers-2022`",
            ][..],
        ),
        (
            "[options.rogers-2022]\nmnth = \"30-days\"\n",
            &[
                "options.rogers-2022.mnth",
                "did you mean `month`?",
                "its options: `month`",
            ],
        ),
        (
            "[options.rogers-2022]\nmonth = \"thirty\"\n",
            &[
                "options.rogers-2022.month",
                "no value `thirty`",
                "its values: `calendar-month`, `30-days`, `annualised`",
            ],
        ),
    ] {
        let path = write(&dir, "bad.toml", &format!("{ROGERS}{options}"));
        let run = redress(["claim", &path]);
        assert_eq!(run.code, 2, "{options}: {}", run.stdout);
        assert!(run.stdout.is_empty(), "{options}: {}", run.stdout);
        for word in words {
            assert!(
                run.stderr.contains(word),
                "{options}: no {word}: {}",
                run.stderr
            );
        }
    }
    // A bad flag is blamed on the flag, even on a file refused for something else.
    let bad_file = write(&dir, "bad.toml", &format!("{ROGERS}[options.x]\n"));
    let run = redress(["claim", &bad_file, "--option", "us-nj-cable.scope=tv-only"]);
    assert_eq!(run.code, 2);
    assert!(
        flat(&run.stderr).contains(
            "--option us-nj-cable.scope=tv-only: option `scope` of policy `us-nj-cable` has no \
             value `tv-only`; its values: `cable-television`, `every-service`"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_files_option_refused_alone_is_refused_when_a_flag_overrides_it() {
    let dir = scratch("options-overridden");
    let path = write(
        &dir,
        "bad.toml",
        &format!("{ROGERS}[options.rogers-2022]\nmonth = \"30\"\n"),
    );
    let run = redress(["claim", &path, "--option", "rogers-2022.month=30-days"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("options.rogers-2022.month"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_option_chosen_changes_which_policies_a_region_selects() {
    // New Jersey, internet only at $60, out Mon 3 Mar 2025 09:00 → Tue 18:00 (33 hours).
    // Cable television only (the default): nothing is selected. Every service: one day
    // per local day with more than 6 hours out beyond 24 hours: Mon 15 h, Tue 18 h → 2
    // days × 60 / 30 = 4.00.
    let nj = r#"
as_of = "2025-03-10T12:00:00-05:00"
[customer]
region = "US-NJ"
[plan]
currency = "USD"
time_zone = "America/New_York"
[[plan.services]]
kind = "internet"
monthly_price = "60.00"
[[outages]]
services = ["internet"]
start = "2025-03-03T09:00:00-05:00"
end = "2025-03-04T18:00:00-05:00"
"#;
    let dir = scratch("options-select");
    let path = write(&dir, "nj.toml", nj);
    let out = json(&redress(["claim", &path, "--json"]));
    assert_eq!(out["claims"], Value::Array(Vec::new()));
    let run = redress([
        "claim",
        &path,
        "--json",
        "--option",
        "us-nj-cable.scope=every-service",
    ]);
    let out = json(&run);
    assert_eq!(out["claims"][0]["policy"], "us-nj-cable");
    assert_eq!(out["claims"][0]["total"], "4.00");
}

#[test]
fn the_batch_builds_its_policies_with_the_options_chosen() {
    // One New Jersey account, internet $60 and TV $45, out Mon 09:00 → Tue 18:00:
    // 2 days with more than 6 hours out (Mon 15 h, Tue 18 h).
    //   default (TV only, / 30):          2 × 45 / 30 = 3.00
    //   scope = every-service:            + 2 × 60 / 30 = 4.00 → 7.00
    //   and month = calendar-month (31):  2 × 60 / 31 = 3.8710 → 3.87, 2 × 45 / 31 = 2.9032
    //                                     → 2.90; 6.77
    let dir = scratch("options-batch");
    let accounts = write(
        &dir,
        "accounts.csv",
        "account,region,area,currency,time_zone,billing_day,services\n\
         N-1,US-NJ,newark,USD,America/New_York,1,internet:60.00|tv:45.00\n",
    );
    let outages = write(
        &dir,
        "outages.csv",
        "area,services,start,end,customers_affected,cause\n\
         newark,internet|tv,2025-03-03T09:00:00-05:00,2025-03-04T18:00:00-05:00,5000,network\n",
    );
    let total = |extra: &[&str]| {
        let mut args = vec![
            "batch",
            "--accounts",
            &accounts,
            "--outages",
            &outages,
            "--as-of",
            "2025-03-10T00:00:00Z",
        ];
        args.extend_from_slice(extra);
        let run = redress(&args);
        assert_eq!(run.code, 0, "{extra:?}: {}", run.stderr);
        let row = run.stdout.lines().nth(1).unwrap_or_default().to_owned();
        (row, run.stderr)
    };
    assert_eq!(total(&[]).0, "N-1,us-nj-cable,USD,3.00,false,");
    let (row, stderr) = total(&["--option", "us-nj-cable.scope=every-service"]);
    assert_eq!(row, "N-1,us-nj-cable,USD,7.00,false,");
    assert!(
        stderr.contains("us-nj-cable: option chosen: scope = every-service"),
        "{stderr}"
    );
    let both = [
        "--policy",
        "us-nj-cable",
        "--option",
        "us-nj-cable.scope=every-service",
        "--option",
        "us-nj-cable.month=calendar-month",
    ];
    assert_eq!(total(&both).0, "N-1,us-nj-cable,USD,6.77,false,");
    let run = redress([
        "batch",
        "--accounts",
        &accounts,
        "--outages",
        &outages,
        "--option",
        "us-nj-cable.scop=every-service",
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("did you mean `scope`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn policies_lists_each_policys_options_with_their_words_and_default() {
    let run = redress(["policies", "--region", "CA"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("    Option:    month = calendar-month (default) | 30-days | annualised\n"),
        "{}",
        run.stdout
    );
    let out = json(&redress(["policies", "--json"]));
    let list = out.as_array().expect("a list");
    let find = |id: &str| list.iter().find(|p| p["id"] == id).expect(id).clone();
    let nj = find("us-nj-cable");
    assert_eq!(nj["options"][1]["name"], "scope");
    assert_eq!(nj["options"][1]["default"], "cable-television");
    assert_eq!(
        nj["options"][1]["values"],
        serde_json::json!(["cable-television", "every-service"])
    );
    assert!(!nj["options"][1]["meaning"]
        .as_str()
        .unwrap_or("")
        .is_empty());
    assert_eq!(find("aws-ec2-region")["options"], serde_json::json!([]));
}

#[test]
fn a_shown_policy_lists_its_reading_options_with_the_default_marked() {
    let run = redress(["policies", "--show", "rogers-2022"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Rogers' month: the calendar month by default, or 30 days, or a year's 365 / 12.
    assert!(
        run.stdout
            .contains("#   month = calendar-month (default) | 30-days | annualised: "),
        "{}",
        run.stdout
    );
    // The comment lines leave the file what it was: it reads back as the catalog policy.
    let policy: redress::policy::Policy = toml::from_str(&run.stdout).expect("a policy file");
    assert_eq!(
        policy,
        redress::catalog::get("rogers-2022").expect("catalog")
    );
}
