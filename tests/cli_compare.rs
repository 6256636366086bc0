//! The `redress` example binary comparing policies: a policy that does not apply to
//! the claim is an entry of its own saying why, in the report and the JSON; the exit
//! code is 0 while one applies and 2 when none does; a letter cites only the rules that
//! apply. And the figures a person reads: a quotient that never ends shown after "≈",
//! readings that do not bear on the claim left out, and `policies` naming each rule's
//! services and saying "always" for a rule in force from the beginning.

mod common;

use common::*;
use rust_decimal::Decimal;
use serde_json::Value;

const NY: &str = "examples/claims/ny-cable-outage.toml";
const NY_PSC: &str = "us-ny-psc-outage-credit";
const NJ: &str = "us-nj-cable";
const TKG: &str = "de-tkg-58";

fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout))
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a scratch file");
    path.to_string_lossy().into_owned()
}

/// The report's section for one policy: from its heading to the next blank line.
fn section<'a>(report: &'a str, policy: &str) -> &'a str {
    let start = report
        .find(&format!("\n{policy} "))
        .unwrap_or_else(|| panic!("no section for {policy}:\n{report}"));
    let rest = &report[start + 1..];
    &rest[..rest.find("\n\n").unwrap_or(rest.len())]
}

// ------------------------------------------------------------ not applicable

#[test]
fn a_policy_in_another_currency_is_its_own_not_applicable_entry_and_the_other_still_applies() {
    // The NY plan is priced in dollars; TKG §58 pays in euros.
    let text = redress(["claim", NY, "--policy", NY_PSC, "--policy", TKG]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    let tkg = section(&text.stdout, TKG);
    assert!(
        flat(tkg).contains("Not applicable: it pays in EUR, but the plan is priced in USD."),
        "{tkg}"
    );
    assert!(!tkg.contains("Total:"), "{tkg}");
    let row = text
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("Side by side"))
        .find(|l| l.trim_start().starts_with(TKG))
        .expect("a row for TKG");
    assert!(
        row.contains("not applicable") && !row.contains("most generous"),
        "{row}"
    );

    let run = redress(["claim", NY, "--json", "--policy", NY_PSC, "--policy", TKG]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = json(&run);
    let claims = out["claims"].as_array().expect("claims");
    assert_eq!(claims.len(), 2);
    assert!(claims[0]["not_applicable"].is_null(), "{}", claims[0]);
    assert_eq!(
        claims[1]["not_applicable"],
        "it pays in EUR, but the plan is priced in USD"
    );
    assert_eq!(claims[1]["lines"].as_array().map(Vec::len), Some(0));
    assert_eq!(claims[1]["total"], "0.00");
}

#[test]
fn no_policy_that_applies_exits_2_with_every_entry_still_shown() {
    // New Jersey's rule for a New York customer, and TKG §58 in euros: neither applies.
    for json_flag in [false, true] {
        let mut args = vec!["claim", NY, "--policy", NJ, "--policy", TKG];
        if json_flag {
            args.push("--json");
        }
        let run = redress(args);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains("no policy named applies"),
            "{}",
            run.stderr
        );
        assert!(
            run.stdout.contains(NJ) && run.stdout.contains(TKG),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn a_policy_of_another_region_is_marked_and_worked_out_for_comparison_only() {
    let run = redress(["claim", NY, "--policy", NY_PSC, "--policy", NJ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let nj = flat(section(&run.stdout, NJ));
    assert!(
        nj.contains(
            "Not applicable: not the customer's region: this rule is New Jersey's (US-NJ); \
             the customer is in US-NY."
        ),
        "{nj}"
    );
    assert!(nj.contains("not owed to this customer"), "{nj}");
    // Both owe 14.50 on this outage (53 hours from Tuesday 06:00 to Thursday 11:00: three
    // started 24-hour blocks in New York, three days with more than 6 hours out in New
    // Jersey; 3 × 79.99 / 30 = 7.999 → 8.00, 3 × 65.00 / 30 = 6.50): only New York's,
    // which applies, is the most generous.
    let marked: Vec<&str> = run
        .stdout
        .lines()
        .skip_while(|l| !l.starts_with("Side by side"))
        .filter(|l| l.contains("◀ most generous"))
        .collect();
    assert_eq!(marked.len(), 1, "{marked:?}");
    assert!(marked[0].trim_start().starts_with(NY_PSC), "{marked:?}");

    let out = json(&redress([
        "claim", NY, "--json", "--policy", NY_PSC, "--policy", NJ,
    ]));
    assert!(out["claims"][0]["not_for_customer"].is_null());
    assert_eq!(
        out["claims"][1]["not_for_customer"],
        "not the customer's region: this rule is New Jersey's (US-NJ); the customer is in US-NY"
    );
}

#[test]
fn a_new_york_letter_cites_only_new_york_and_says_new_jersey_was_left_out() {
    let run = redress([
        "claim",
        NY,
        "--letter",
        "--date",
        "2024-10-06",
        "--policy",
        NY_PSC,
        "--policy",
        NJ,
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let letter = flat(&run.stdout);
    assert!(letter.contains("Case 22-M-0180"), "{letter}");
    assert!(letter.contains("Total: 14.50 USD"), "{letter}");
    for nj in ["N.J.A.C.", "New Jersey", "14:18-3.5", "larger"] {
        assert!(!letter.contains(nj), "the letter cites {nj}:\n{letter}");
    }
    let stderr = flat(&run.stderr);
    assert!(
        stderr.contains(
            "the letter leaves out us-nj-cable: not the customer's region: this rule is New \
             Jersey's (US-NJ); the customer is in US-NY"
        ),
        "{stderr}"
    );
}

#[test]
fn a_letter_leaves_out_another_providers_guarantee() {
    let dir = scratch("compare-provider");
    let file = write(
        &dir,
        "verizon.toml",
        r#"
        as_of = "2025-10-10T12:00:00-04:00"
        [customer]
        name = "Sam Lee"
        address = "1 Elm St, Albany, NY 12207"
        account = "V-1"
        region = "US-NY"
        [plan]
        provider = "Verizon"
        currency = "USD"
        time_zone = "America/New_York"
        [[plan.services]]
        kind = "mobile"
        monthly_price = "65.00"
        [[outages]]
        services = ["mobile"]
        start = "2025-10-01T06:00:00-04:00"
        end = "2025-10-01T09:00:00-04:00"
        "#,
    );
    let run = redress([
        "claim",
        &file,
        "--letter",
        "--date",
        "2025-10-10",
        "--policy",
        "att-guarantee-2025",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!run.stdout.contains("AT&T Guarantee"), "{}", run.stdout);
    assert!(
        flat(&run.stderr).contains(
            "the letter leaves out att-guarantee-2025: not the customer's provider: this rule \
             binds AT&T only; the customer's provider is Verizon"
        ),
        "{}",
        run.stderr
    );
}

// ------------------------------------------------------------ figures as read

/// An AT&T wireless customer out for 3 hours on 1 October 2025: the AT&T Guarantee pays
/// a day of service, the monthly rate over the days of the month the outage began in:
/// 65.00 / 31 = 2.096774… (31 × 2.096774 = 64.999994; the quotient never ends), to the
/// cent 2.10.
const ATT: &str = r#"
    as_of = "2025-10-10T12:00:00-04:00"
    policies = ["att-guarantee-2025"]
    [customer]
    region = "US-NY"
    [plan]
    provider = "AT&T Wireless"
    currency = "USD"
    time_zone = "America/New_York"
    [[plan.services]]
    kind = "mobile"
    monthly_price = "65.00"
    [[outages]]
    services = ["mobile"]
    start = "2025-10-01T06:00:00-04:00"
    end = "2025-10-01T09:00:00-04:00"
"#;

#[test]
fn a_quotient_that_never_ends_reads_about_its_cents_while_the_json_keeps_it_exact() {
    let dir = scratch("compare-approx");
    let file = write(&dir, "att.toml", ATT);
    let text = redress(["claim", &file]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    let line = text
        .stdout
        .lines()
        .find(|l| l.contains("65.00 / 31"))
        .unwrap_or_else(|| panic!("no working:\n{}", text.stdout));
    assert!(line.contains("≈ 2.10 USD"), "{line}");
    assert!(!line.contains("2.0967"), "{line}");
    let letter = redress(["claim", &file, "--letter", "--date", "2025-10-10"]);
    assert_eq!(letter.code, 0, "{}", letter.stderr);
    assert!(
        flat(&letter.stdout).contains("≈ 2.10 USD"),
        "{}",
        letter.stdout
    );
    assert!(!letter.stdout.contains("2.0967"), "{}", letter.stdout);

    let out = json(&redress(["claim", &file, "--json"]));
    let line = &out["claims"][0]["lines"][0];
    assert_eq!(line["amount"], "2.10");
    let unrounded: Decimal = line["unrounded"]
        .as_str()
        .expect("unrounded")
        .parse()
        .expect("a decimal");
    // Exact to Decimal's precision: many more places than shown, and × 31 gives 65 back
    // to within 10^-20.
    assert!(unrounded.scale() > 20, "{unrounded}");
    let back = unrounded * Decimal::from(31) - Decimal::from(65);
    assert!(back.abs() < Decimal::new(1, 20), "{unrounded}");
}

#[test]
fn the_power_readings_are_shown_only_for_an_outage_with_a_power_cause() {
    // The bundled NY outage has a network cause.
    let text = redress(["claim", NY]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(!text.stdout.contains("commercial-power"), "{}", text.stdout);
    let out = json(&redress(["claim", NY, "--json"]));
    let notes = out["claims"][0]["notes"].to_string();
    assert!(!notes.contains("commercial-power"), "{notes}");

    // The same outage with a loss of commercial power: the readings bear on it.
    let dir = scratch("compare-power");
    let text = std::fs::read_to_string(claims("ny-cable-outage.toml")).expect("read NY");
    let power = text.replace(
        "cause = \"network\"",
        "cause = \"power\"\npower_restored = \"2024-10-01T20:00:00-04:00\"",
    );
    assert_ne!(power, text, "the NY file names its cause");
    let file = write(&dir, "power.toml", &power);
    let run = redress(["claim", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("with a commercial-power cause the credit period starts 24 hours"),
        "{}",
        run.stdout
    );
}

#[test]
fn policies_name_the_services_and_say_always_for_a_rule_in_force_from_the_beginning() {
    let run = redress(["policies", "--region", "US-NJ"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stdout.contains("-262143"), "{}", run.stdout);
    let listing = format!("\n{}", run.stdout);
    let nj = section(&listing, NJ);
    // N.J.A.C. 14:18-3.5 is kept as one undated text: in force "always".
    assert!(nj.contains("In force:  always"), "{nj}");
    // A cable-television rule: TV by default (N.J.A.C. 14:18-3.5 regulates cable
    // television service).
    assert!(nj.contains("Services:  tv\n"), "{nj}");
    let att = section(&listing, "att-guarantee-2025");
    assert!(att.contains("Services:  mobile"), "{att}");
    assert!(att.contains("Provider:  AT&T only"), "{att}");

    let run = redress(["policies", "--json"]);
    assert!(!run.stdout.contains("-262143"), "{}", run.stdout);
    let list = json(&run);
    let nj = list
        .as_array()
        .expect("a list")
        .iter()
        .find(|p| p["id"] == NJ)
        .expect("NJ listed");
    assert!(nj["versions"][0]["effective_from"].is_null(), "{nj}");
}
