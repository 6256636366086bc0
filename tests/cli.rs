//! The `redress` example binary, run on the bundled files: what it prints, its JSON
//! shape, its letter's structure, the batch's accounting and its exit codes.
//!
//! These tests check structure, not figures, so they hold whatever the catalog's
//! amounts are; the figures are checked in `tests/cli_figures.rs`.

mod common;

use common::*;
use serde_json::Value;

const NY: &str = "examples/claims/ny-cable-outage.toml";
const DE: &str = "examples/claims/de-tkg.toml";
const UK: &str = "examples/claims/uk-ofcom-easter.toml";
const ES: &str = "examples/claims/es-internet.toml";
const AWS: &str = "examples/claims/aws-region-outage.toml";
const ACCOUNTS: &str = "examples/claims/batch/accounts.csv";
const OUTAGES: &str = "examples/claims/batch/outages.csv";
const BATCH_AS_OF: &str = "2024-10-05T12:00:00-04:00";

fn json(run: &Run) -> Value {
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", run.stdout))
}

/// A decimal string with exactly `scale` digits after the point.
fn is_money(text: &str, scale: usize) -> bool {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.len() == scale
        && fraction.chars().all(|c| c.is_ascii_digit())
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write a scratch file");
    path.to_string_lossy().into_owned()
}

/// The NY claim file without its `as_of` (and anything else removed by `edit`).
fn ny_variant(edit: impl Fn(String) -> String) -> String {
    let text = std::fs::read_to_string(claims("ny-cable-outage.toml")).expect("read NY");
    edit(text)
}

// ---------------------------------------------------------------- claim --json

#[test]
fn json_has_the_documented_shape_for_every_bundled_file_that_names_its_policy() {
    for (file, policy, as_of) in [
        (NY, "us-ny-psc-outage-credit", "2024-10-05T16:00:00Z"),
        (DE, "de-tkg-58", "2025-03-20T11:00:00Z"),
        (UK, "uk-ofcom-auto-comp", "2025-05-01T11:00:00Z"),
        (AWS, "aws-ec2-region", "2025-10-01T12:00:00Z"),
    ] {
        let out = json(&redress(["claim", file, "--json"]));
        assert_eq!(out["as_of"], as_of, "{file}");
        assert_eq!(out["as_of_source"], "file", "{file}");
        let claims = out["claims"].as_array().expect("claims is an array");
        assert_eq!(claims.len(), 1, "{file}");
        let claim = &claims[0];
        assert_eq!(claim["policy"], policy, "{file}");
        for key in ["title", "citation", "currency", "total"] {
            assert!(claim[key].is_string(), "{file}: {key} is a string: {claim}");
        }
        assert!(claim["automatic"].is_boolean(), "{file}");
        assert!(claim["notes"].is_array(), "{file}");
        assert!(
            is_money(claim["total"].as_str().unwrap_or(""), 2),
            "{file}: {claim}"
        );
        for line in claim["lines"].as_array().expect("lines is an array") {
            assert!(line["description"].is_string(), "{file}: {line}");
            assert!(line["basis"].is_object(), "{file}: {line}");
            assert!(
                is_money(line["amount"].as_str().unwrap_or(""), 2),
                "{file}: {line}"
            );
        }
    }
}

#[test]
fn json_of_a_file_that_names_no_policy_uses_those_that_cover_its_region() {
    let out = json(&redress(["claim", ES, "--json"]));
    let catalog = json(&redress(["policies", "--json"]));
    for claim in out["claims"].as_array().expect("claims") {
        let id = claim["policy"].as_str().unwrap_or("");
        let entry = catalog
            .as_array()
            .and_then(|all| all.iter().find(|p| p["id"] == id))
            .unwrap_or_else(|| panic!("{id} is not in the catalog"));
        let jurisdiction = entry["jurisdiction"].as_str().unwrap_or("");
        assert!(
            redress::catalog::covers_region(jurisdiction, "ES-MD"),
            "{id}: {jurisdiction}"
        );
    }
}

#[test]
fn policy_flags_override_the_file_and_keep_their_order_without_repeats() {
    let out = json(&redress([
        "claim",
        NY,
        "--json",
        "--policy",
        "us-nj-cable",
        "--policy",
        "us-ny-psc-outage-credit",
        "--policy",
        "us-nj-cable",
    ]));
    let ids: Vec<&str> = out["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| c["policy"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(ids, ["us-nj-cable", "us-ny-psc-outage-credit"]);
}

#[test]
fn a_claim_under_no_policy_that_applies_exits_2_saying_why() {
    // The NY plan is in dollars; TKG §58 pays in euros. With no other policy named, nothing
    // applies: exit 2, saying why on stderr, the entry still in the JSON. (With another
    // policy that applies it is exit 0: tests/cli_compare.rs.)
    let run = redress(["claim", NY, "--json", "--policy", "de-tkg-58"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let out: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(out["claims"][0]["policy"], "de-tkg-58");
    assert!(out["claims"][0]["not_applicable"].is_string(), "{out}");
    assert!(
        run.stderr.contains("de-tkg-58") && run.stderr.contains("cannot apply"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("EUR") && run.stderr.contains("USD"),
        "{}",
        run.stderr
    );
}

#[test]
fn as_of_defaults_to_now_and_says_so() {
    let dir = scratch("as-of-now");
    let file = write(
        &dir,
        "no-as-of.toml",
        &ny_variant(|t| t.replace("as_of = \"2024-10-05T12:00:00-04:00\"\n", "")),
    );
    let run = redress(["claim", &file, "--json"]);
    let out = json(&run);
    assert_eq!(out["as_of_source"], "now");
    let as_of = chrono::DateTime::parse_from_rfc3339(out["as_of"].as_str().unwrap_or(""))
        .expect("as_of is RFC 3339");
    let age = chrono::Utc::now() - as_of.with_timezone(&chrono::Utc);
    assert!(age.num_seconds().abs() < 300, "as_of {as_of} is not now");
    assert!(
        run.stderr.contains("no as_of given; assessing as of now"),
        "{}",
        run.stderr
    );

    let report = redress(["claim", &file]);
    assert_eq!(report.code, 0);
    assert!(report
        .stdout
        .contains("(the current time: neither --as-of nor the claim file gave one)"));
}

#[test]
fn as_of_flag_overrides_the_file() {
    let out = json(&redress([
        "claim",
        NY,
        "--json",
        "--as-of",
        "2024-10-06T00:00:00Z",
    ]));
    assert_eq!(out["as_of"], "2024-10-06T00:00:00Z");
    assert_eq!(out["as_of_source"], "flag");
}

/// `--as-of` without an offset is read in the plan's zone: 20:00 on 5 October 2024 in New
/// York is daylight time, -04:00, so 2024-10-06T00:00:00Z, and the claim is the one the
/// exact instant gives.
#[test]
fn a_local_as_of_flag_is_read_in_the_plans_zone() {
    for local in ["2024-10-05T20:00", "2024-10-05 20:00:00"] {
        let run = redress(["claim", NY, "--json", "--as-of", local]);
        assert_eq!(run.code, 0, "{local}: {}", run.stderr);
        let out = json(&run);
        assert_eq!(out["as_of"], "2024-10-06T00:00:00Z", "{local}");
        let exact = json(&redress([
            "claim",
            NY,
            "--json",
            "--as-of",
            "2024-10-05T20:00:00-04:00",
        ]));
        assert_eq!(out, exact, "{local}");
    }
}

/// A time written at an offset the plan's zone did not have is an exact instant, taken as
/// written, with a warning on stderr and the same words in each claim's notes.
#[test]
fn an_offset_the_zone_did_not_have_is_taken_with_a_warning() {
    let dir = scratch("offset-not-the-zones");
    let file = write(
        &dir,
        "as-of-at-minus-5.toml",
        &ny_variant(|text| {
            text.replace(
                "as_of = \"2024-10-05T12:00:00-04:00\"",
                "as_of = \"2024-10-05T11:00:00-05:00\"",
            )
        }),
    );
    let run = redress(["claim", file.as_str(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warning = "as_of was written -05:00 (2024-10-05T11:00-05:00); New York \
                   (America/New_York) was at -04:00 then, so it is taken as that instant, \
                   2024-10-05T12:00-04:00 there";
    assert!(
        run.stderr
            .contains(&format!("redress: warning: {file}: {warning}")),
        "{}",
        run.stderr
    );
    let out = json(&run);
    // 11:00 at -05:00 is 16:00 UTC, the instant the bundled file writes as 12:00-04:00.
    assert_eq!(out["as_of"], "2024-10-05T16:00:00Z");
    let notes = out["claims"][0]["notes"].as_array().unwrap();
    assert!(notes.iter().any(|n| n == warning), "{notes:?}");
}

#[test]
fn json_files_are_read_like_toml_files() {
    let dir = scratch("json-input");
    let claim = serde_json::json!({
        "policies": ["us-ny-psc-outage-credit"],
        "as_of": "2024-10-05T12:00:00-04:00",
        "plan": {
            "currency": "USD",
            "time_zone": "America/New_York",
            "services": [{"kind": "internet", "monthly_price": 79.99}]
        },
        "outages": [{"services": ["internet"], "start": "2024-10-01T06:00:00-04:00",
                     "end": "2024-10-03T11:00:00-04:00", "customers_affected": 4200}]
    });
    let file = write(&dir, "claim.json", &claim.to_string());
    let out = json(&redress(["claim", &file, "--json"]));
    assert_eq!(out["claims"][0]["policy"], "us-ny-psc-outage-credit");
}

// ---------------------------------------------------------------- the report

#[test]
fn the_report_shows_who_what_happened_each_policy_and_how_it_is_paid() {
    let run = redress(["claim", NY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = &run.stdout;
    for part in [
        "Claim file: examples/claims/ny-cable-outage.toml",
        "Customer:   Jordan Smith, account 8350 1234 5678 (US-NY, residential)",
        "Plan:       Spectrum, Internet Premier + TV Select: internet 79.99, tv 65.00 USD a month",
        "As of:      2024-10-05 12:00 EDT (from the claim file)",
        "What happened",
        "us-ny-psc-outage-credit — ",
        "  Total: ",
        "  → ",
    ] {
        assert!(text.contains(part), "missing {part:?}:\n{text}");
    }
    assert!(flat(text).contains(
        "Internet and TV were out from Tuesday 1 October 2024, 06:00 EDT, until Thursday 3 \
         October 2024, 11:00 EDT (53 hours). Reported on Tuesday 1 October 2024, 07:15 EDT. \
         The outage affected 4,200 customers."
    ));
    assert!(!text.contains("Side by side"), "one policy: no comparison");
}

#[test]
fn several_policies_get_a_side_by_side_table() {
    let run = redress([
        "claim",
        ES,
        "--policy",
        "es-rd-899-2009",
        "--policy",
        "pt-lei-16-2022",
        "--policy",
        "it-agcom-347-18",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let table = run
        .stdout
        .split("Side by side (3 policies)")
        .nth(1)
        .unwrap_or_else(|| panic!("no comparison:\n{}", run.stdout));
    let rows: Vec<&str> = table.lines().skip(1).take(4).collect();
    assert!(rows[0].contains("policy") && rows[0].contains("total") && rows[0].contains("payment"));
    for (row, id) in rows[1..]
        .iter()
        .zip(["es-rd-899-2009", "pt-lei-16-2022", "it-agcom-347-18"])
    {
        assert!(row.trim_start().starts_with(id), "{row}");
        assert!(row.contains(" EUR"), "{row}");
    }
    // The most generous is marked only when something is owed; totals are never added.
    let out = json(&redress([
        "claim",
        ES,
        "--json",
        "--policy",
        "es-rd-899-2009",
        "--policy",
        "pt-lei-16-2022",
        "--policy",
        "it-agcom-347-18",
    ]));
    let owed = out["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .any(|c| c["total"] != "0.00");
    assert_eq!(
        run.stdout.contains("◀ most generous"),
        owed,
        "{}",
        run.stdout
    );
}

// ---------------------------------------------------------------- the letter

#[test]
fn the_letter_is_from_the_customer_to_the_provider_with_incidents_rule_amount_and_reply_date() {
    let run = redress(["claim", NY, "--letter", "--date", "2024-10-06"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = &run.stdout;
    assert!(
        text.starts_with("Jordan Smith\n12 Main St, Rochester, NY 14604\n\n6 October 2024\n"),
        "{text}"
    );
    assert!(
        text.trim_end()
            .ends_with("Yours faithfully,\n\n\nJordan Smith"),
        "{text}"
    );
    let flat = flat(text);
    let catalog = json(&redress(["policies", "--json"]));
    let title = catalog
        .as_array()
        .and_then(|all| all.iter().find(|p| p["id"] == "us-ny-psc-outage-credit"))
        .and_then(|p| p["title"].as_str())
        .expect("the NY policy's title")
        .to_owned();
    let mut from = 0;
    for part in [
        "To: Spectrum, customer service",
        "Account number: 8350 1234 5678",
        "Dear Sir or Madam,",
        "on my account (Internet Premier + TV Select) at 12 Main St, Rochester, NY 14604",
        "What happened",
        "1. Internet and TV were out from Tuesday 1 October 2024, 06:00 EDT, until Thursday 3 October 2024, 11:00 EDT (53 hours).",
        "I reported it on Tuesday 1 October 2024, 07:15 EDT.",
        "What I am owed",
        title.as_str(),
        "Please reply by 20 October 2024, 14 days from the date of this letter",
        "Yours faithfully,",
    ] {
        let at = flat[from..]
            .find(part)
            .unwrap_or_else(|| panic!("missing or out of order: {part:?}\n{text}"));
        from += at + part.len();
    }
    assert!(
        text.lines().all(|l| l.chars().count() <= 76),
        "lines wrap at 76:\n{text}"
    );
    assert!(
        !run.stderr.contains("placeholders"),
        "the NY file has every detail"
    );
}

#[test]
fn a_letter_without_customer_details_has_placeholders_and_says_so() {
    let dir = scratch("letter-placeholders");
    let text = ny_variant(|t| {
        let start = t.find("[customer]").expect("[customer]");
        let end = t.find("[plan]").expect("[plan]");
        format!("{}{}", &t[..start], &t[end..]).replace("provider = \"Spectrum\"\n", "")
    });
    let file = write(&dir, "anonymous.toml", &text);
    let run = redress(["claim", &file, "--letter", "--date", "2024-10-06"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("[your name]\n[your address]\n"));
    assert!(run.stdout.contains("To: [your provider], customer service"));
    assert!(run.stdout.contains("Account number: [your account number]"));
    assert!(
        run.stderr.contains(
            "placeholders for customer.name, customer.address, customer.account, plan.provider"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn every_bundled_file_makes_a_letter() {
    for file in [NY, DE, UK, ES, AWS] {
        let run = redress(["claim", file, "--letter", "--date", "2025-10-02"]);
        assert_eq!(run.code, 0, "{file}: {}", run.stderr);
        let text = flat(&run.stdout);
        assert!(
            text.contains("What happened 1. "),
            "{file}:\n{}",
            run.stdout
        );
        assert!(text.contains("Please reply by 16 October 2025"), "{file}");
        assert!(
            !text.contains("[your"),
            "{file} has every detail:\n{}",
            run.stdout
        );
    }
}

// ---------------------------------------------------------------- policies

#[test]
fn policies_lists_the_catalog_with_citation_dates_and_evidence() {
    let run = redress(["policies"]);
    assert_eq!(run.code, 0);
    assert!(
        run.stdout.starts_with("16 catalog policies:"),
        "{}",
        run.stdout
    );
    for id in redress::catalog::ids() {
        assert!(run.stdout.contains(&format!("\n{id}  [")), "{id} missing");
    }
    assert_eq!(run.stdout.matches("    Citation:  ").count(), 16);
    assert_eq!(run.stdout.matches("    In force:  ").count(), 16);
    assert_eq!(run.stdout.matches("    Evidence:  [").count(), 16);
}

#[test]
fn policies_json_has_one_object_per_policy() {
    let out = json(&redress(["policies", "--json"]));
    let all = out.as_array().expect("an array");
    assert_eq!(all.len(), 16);
    for p in all {
        for key in [
            "id",
            "title",
            "jurisdiction",
            "citation",
            "evidence",
            "evidence_text",
        ] {
            assert!(p[key].is_string(), "{key}: {p}");
        }
        assert!(p["versions"].is_array(), "{p}");
    }
}

#[test]
fn policies_for_a_region_are_those_whose_jurisdiction_covers_it() {
    let all = json(&redress(["policies", "--json"]));
    for region in ["US-NY", "GB-SCT", "de", "ES-MD"] {
        let listed = json(&redress(["policies", "--json", "--region", region]));
        let want: Vec<&Value> = all
            .as_array()
            .expect("all")
            .iter()
            .filter(|p| {
                redress::catalog::covers_region(p["jurisdiction"].as_str().unwrap_or(""), region)
            })
            .map(|p| &p["id"])
            .collect();
        let got: Vec<&Value> = listed
            .as_array()
            .expect("listed")
            .iter()
            .map(|p| &p["id"])
            .collect();
        assert_eq!(got, want, "{region}");
    }
    let bad = redress(["policies", "--region", "New York"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("--region: `New York` is not an ISO 3166 code"),
        "{}",
        bad.stderr
    );
}

/// `policies --region` takes the claim file's region rule: a code in any case, and a
/// name or a bare state code refused with the code to write; a region with no policy
/// lists the regions that have one.
#[test]
fn policies_for_a_region_take_iso_codes_and_suggest_one_for_a_name() {
    for (region, suggestion) in [("NY", "`US-NY`"), ("England", "`GB-ENG`"), ("UK", "`GB`")] {
        let bad = redress(["policies", "--region", region]);
        assert_eq!(bad.code, 2, "{region}");
        assert!(
            bad.stderr
                .contains(&format!("--region: `{region}` is not an ISO 3166 code"))
                && bad.stderr.contains(suggestion),
            "{region}: {}",
            bad.stderr
        );
        assert!(bad.stdout.is_empty(), "{region}: {}", bad.stdout);
    }
    let lower = redress(["policies", "--json", "--region", "us-ny"]);
    let upper = redress(["policies", "--json", "--region", "US-NY"]);
    assert_eq!((lower.code, &lower.stdout), (0, &upper.stdout));
    // France has only the providers' own terms, which hold anywhere: the listing says
    // so and names the regions that have policies of their own.
    let none = redress(["policies", "--region", "fr"]);
    assert_eq!(none.code, 0, "{}", none.stderr);
    let text = flat(&none.stdout);
    assert!(text.contains("cover region FR"), "{text}");
    assert!(
        text.contains("None is for FR itself. The catalog has policies for AU, AU-VIC, CA, DE"),
        "{text}"
    );
    let us = flat(&redress(["policies", "--region", "US-NY"]).stdout);
    assert!(!us.contains("None is for"), "{us}");
}

/// A claim whose region no catalog policy covers owes nothing (exit 0), and says which
/// regions have a policy.
#[test]
fn a_claim_in_a_region_without_policies_names_the_regions_that_have_one() {
    let dir = scratch("claim-region-without-policy");
    let text = std::fs::read_to_string(root().join(NY))
        .unwrap()
        .replace("region = \"US-NY\"", "region = \"fr\"")
        .lines()
        .filter(|l| !l.starts_with("policies"))
        .collect::<Vec<_>>()
        .join("\n");
    let file = write(&dir, "fr.toml", &text);
    let run = redress(["claim", &file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = flat(&run.stdout);
    assert!(out.contains("No catalog policy covers region FR"), "{out}");
    assert!(
        out.contains("The catalog has policies for AU, AU-VIC"),
        "{out}"
    );
    let json = redress(["claim", &file, "--json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    assert!(
        flat(&json.stderr).contains("The catalog has policies for AU, AU-VIC"),
        "{}",
        json.stderr
    );
}

/// A batch row's region follows the same rule: `NY` is that row's error, naming the code
/// to write, and the other rows are assessed, a lower-case code as its upper-case one.
#[test]
fn a_batch_rows_unknown_region_is_that_rows_error() {
    let dir = scratch("batch-region");
    let accounts = write(
        &dir,
        "accounts.csv",
        "account,region,area,currency,time_zone,billing_day,services
A-1,US-NY,rochester-14604,USD,America/New_York,5,internet:79.99|tv:65.00
A-2,NY,rochester-14604,USD,America/New_York,5,internet:79.99|tv:65.00
A-3,us-ny,rochester-14604,USD,America/New_York,5,internet:79.99|tv:65.00
A-4,New York,rochester-14604,USD,America/New_York,5,internet:79.99|tv:65.00
",
    );
    let run = redress([
        "batch",
        "--accounts",
        &accounts,
        "--outages",
        OUTAGES,
        "--as-of",
        BATCH_AS_OF,
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let rows = rows(&run.stdout);
    let of =
        |account: &str| -> Vec<&Vec<String>> { rows.iter().filter(|r| r[0] == account).collect() };
    let good = of("A-1");
    assert!(
        !good.is_empty() && good.iter().all(|r| r[5].is_empty()),
        "{rows:?}"
    );
    let totals = |rows: &[&Vec<String>]| -> Vec<(String, String)> {
        rows.iter().map(|r| (r[1].clone(), r[3].clone())).collect()
    };
    assert_eq!(totals(&of("A-3")), totals(&good), "{rows:?}");
    for (account, region) in [("A-2", "NY"), ("A-4", "New York")] {
        let bad = of(account);
        assert_eq!(bad.len(), 1, "{rows:?}");
        let error = &bad[0][5];
        assert!(
            error.starts_with("line ")
                && error.contains(&format!("region: `{region}` is not an ISO 3166 code"))
                && error.contains("`US-NY`"),
            "{error}"
        );
        assert!(bad[0][3].is_empty(), "{rows:?}");
    }
    assert!(
        run.stderr.contains("region: `NY` is not an ISO 3166 code"),
        "{}",
        run.stderr
    );

    // An id cut short, given to the batch's --policy, names the ids it begins.
    let cut = redress([
        "batch",
        "--accounts",
        &accounts,
        "--outages",
        OUTAGES,
        "--policy",
        "us-ny-ps",
    ]);
    assert_eq!(cut.code, 2, "{}", cut.stderr);
    assert!(
        cut.stderr.contains(
            "--policy: unknown policy `us-ny-ps` (did you mean `us-ny-psc-outage-credit` or \
             `us-ny-psl-73`?); `redress policies` lists the ids"
        ),
        "{}",
        cut.stderr
    );
}

// ---------------------------------------------------------------- batch

/// The rows of a batch's CSV output, without the header.
fn rows(csv_text: &str) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "account",
            "policy",
            "currency",
            "total",
            "automatic",
            "error"
        ]
    );
    reader
        .records()
        .map(|r| r.expect("a row").iter().map(str::to_owned).collect())
        .collect()
}

/// The account ids of the input, in order.
fn input_accounts(path: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_path(root().join(path)).expect("accounts");
    reader
        .records()
        .map(|r| r.expect("a row").get(0).unwrap_or("").to_owned())
        .collect()
}

#[test]
fn batch_writes_one_row_per_account_and_policy_in_input_order_and_keeps_broken_rows() {
    let run = redress([
        "batch",
        "--accounts",
        ACCOUNTS,
        "--outages",
        OUTAGES,
        "--policy",
        "us-ny-psc-outage-credit",
        "--policy",
        "us-nj-cable",
        "--as-of",
        BATCH_AS_OF,
    ]);
    // Two rows are broken on purpose: exit 2, but every row is still accounted for.
    assert_eq!(run.code, 2, "{}", run.stderr);
    let rows = rows(&run.stdout);
    let accounts = input_accounts(ACCOUNTS);
    assert_eq!(accounts.len(), 38);
    assert_eq!(
        rows.len(),
        accounts.len() * 2,
        "rows in × policies = rows out"
    );
    for (i, account) in accounts.iter().enumerate() {
        assert_eq!(&rows[2 * i][0], account);
        assert_eq!(&rows[2 * i + 1][0], account);
        assert_eq!(rows[2 * i][1], "us-ny-psc-outage-credit");
        assert_eq!(rows[2 * i + 1][1], "us-nj-cable");
    }
    let broken: Vec<&Vec<String>> = rows.iter().filter(|r| !r[5].is_empty()).collect();
    assert_eq!(broken.len(), 4);
    assert_eq!(broken[0][0], "A-000013");
    assert_eq!(
        broken[0][5],
        "line 14: services[1]: `sixty-five` is not a price (write it like 79.99)"
    );
    assert_eq!(broken[2][0], "A-000024");
    assert!(broken[2][5]
        .starts_with("line 25: time_zone: `America/Rochester` is not an IANA time zone"));
    for row in &broken {
        assert_eq!((row[3].as_str(), row[4].as_str()), ("", ""), "{row:?}");
    }
    for row in rows.iter().filter(|r| r[5].is_empty()) {
        assert_eq!(row[2], "USD");
        assert!(is_money(&row[3], 2), "{row:?}");
        assert!(row[4] == "true" || row[4] == "false", "{row:?}");
    }
    let stderr = &run.stderr;
    for part in [
        "redress: batch as of 2024-10-05T16:00:00Z (from --as-of); 3 outages in 3 areas",
        "accounts.csv: line 14: services[1]",
        "accounts.csv: line 25: time_zone",
        "38 accounts read: 36 assessed, 2 with errors; 76 rows written",
        "rochester-14604  us-ny-psc-outage-credit",
        "buffalo-14201    us-nj-cable",
        "all areas",
        "2 rows could not be read or assessed",
    ] {
        assert!(stderr.contains(part), "missing {part:?}:\n{stderr}");
    }
}

#[test]
fn batch_selecting_policies_still_accounts_for_every_row() {
    let run = redress([
        "batch",
        "--accounts",
        ACCOUNTS,
        "--outages",
        OUTAGES,
        "--as-of",
        BATCH_AS_OF,
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let rows = rows(&run.stdout);
    let mut seen: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    seen.dedup();
    assert_eq!(
        seen,
        input_accounts(ACCOUNTS),
        "every account, in input order"
    );
    assert!(run
        .stderr
        .contains("policies: those of the catalog that apply to each account"));
}

#[test]
fn batch_writes_to_out_and_exits_0_when_every_row_is_good() {
    let dir = scratch("batch-clean");
    let text = std::fs::read_to_string(root().join(ACCOUNTS)).expect("accounts");
    let clean: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains("sixty-five") && !l.contains("America/Rochester"))
        .collect();
    let accounts = write(&dir, "accounts.csv", &(clean.join("\n") + "\n"));
    let out = dir.join("credits.csv");
    let run = redress([
        "batch",
        "--accounts",
        &accounts,
        "--outages",
        OUTAGES,
        "--policy",
        "us-ny-psc-outage-credit",
        "--as-of",
        BATCH_AS_OF,
        "--out",
        &out.to_string_lossy(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let written = std::fs::read_to_string(&out).expect("the output file");
    assert_eq!(rows(&written).len(), 36);
    assert!(run
        .stderr
        .contains("36 accounts read: 36 assessed, 0 with errors; 36 rows written"));
}

/// Thousands of rows cross several chunks and worker threads: the output keeps the
/// input's order row for row, quotes the account ids that need it, trims fields as
/// before, and gives every row the figures a batch of that row alone gives.
#[test]
fn a_long_batch_keeps_input_order_and_quotes_what_needs_it() {
    let dir = scratch("batch-long");
    let templates = [
        ("rochester-14604", " internet:79.99|tv:65.00 ", "14.50"),
        ("rochester-14607", "internet:59.99|tv:45.00|phone:29.99", ""),
        ("buffalo-14201", "internet:60.00", ""),
        ("syracuse-13202", "internet:60.00", "0.00"),
    ];
    let as_of = BATCH_AS_OF;
    let single = |area: &str, services: &str| -> String {
        let one = write(
            &dir,
            "one.csv",
            &format!(
                "account,region,area,currency,time_zone,billing_day,services
X,US-NY,{area},USD,America/New_York,5,\"{services}\"\n"
            ),
        );
        let run = redress([
            "batch",
            "--accounts",
            &one,
            "--outages",
            OUTAGES,
            "--policy",
            "us-ny-psc-outage-credit",
            "--as-of",
            as_of,
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        rows(&run.stdout)[0][3].clone()
    };
    let expected: Vec<String> = templates
        .iter()
        .map(|(area, services, known)| {
            let total = single(area, services);
            if !known.is_empty() {
                assert_eq!(&total, known);
            }
            total
        })
        .collect();
    let mut text = String::from("account,region,area,currency,time_zone,billing_day,services\n");
    let mut ids = Vec::new();
    for n in 0..5000 {
        let (area, services, _) = templates[n % templates.len()];
        let id = match n % 7 {
            0 => format!("A-{n}, \"quoted\""),
            _ => format!("A-{n}"),
        };
        let broken = n % 1000 == 999;
        text.push_str(&format!(
            "\"{}\", US-NY ,{area},USD,America/New_York,{},\"{services}\"\n",
            id.replace('"', "\"\""),
            if broken { "32" } else { "5" },
        ));
        ids.push((id, n % templates.len(), broken));
    }
    let accounts = write(&dir, "accounts.csv", &text);
    let run = redress([
        "batch",
        "--accounts",
        &accounts,
        "--outages",
        OUTAGES,
        "--policy",
        "us-ny-psc-outage-credit",
        "--as-of",
        as_of,
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let out = rows(&run.stdout);
    assert_eq!(out.len(), ids.len());
    for (row, (id, template, broken)) in out.iter().zip(&ids) {
        assert_eq!(&row[0], id);
        // syracuse-13202 has no outage: its accounts' one row says so.
        let policy = match (template, broken) {
            (3, false) => "(no outage in area)",
            _ => "us-ny-psc-outage-credit",
        };
        assert_eq!(row[1], policy);
        if *broken {
            assert_eq!(row[3], "");
            assert!(
                row[5].starts_with("line ") && row[5].contains("billing_day"),
                "{row:?}"
            );
        } else {
            assert_eq!(row[3], expected[*template], "{row:?}");
            assert_eq!(row[5], "");
        }
    }
    assert!(
        run.stderr
            .contains("5000 accounts read: 4995 assessed, 5 with errors; 5000 rows written"),
        "{}",
        run.stderr
    );
}

/// A row with a field that is not UTF-8 gets its error row, whether the bad bytes sit
/// inside one field or a character is split across two; the rows around it are read.
#[test]
fn a_field_that_is_not_utf8_is_a_row_error() {
    let dir = scratch("batch-utf8");
    let mut bytes = b"account,region,area,currency,time_zone,billing_day,services\n".to_vec();
    bytes.extend_from_slice(b"A-1,US-NY,rochester-14604,USD,America/New_York,5,internet:79.99\n");
    bytes.extend_from_slice(b"A-2,US-NY,rochester-14604,USD,America/New_York,5,internet:7\xff\n");
    bytes.extend_from_slice(b"A-3\xc3,\xa9US-NY,rochester-14604,USD,America/New_York,5,tv:65\n");
    bytes.extend_from_slice(b"A-\xc3\xa9,US-NY,rochester-14604,USD,America/New_York,5,tv:65.00\n");
    let accounts = dir.join("accounts.csv");
    std::fs::write(&accounts, bytes).expect("write accounts");
    let run = redress([
        "batch",
        "--accounts",
        &accounts.to_string_lossy(),
        "--outages",
        OUTAGES,
        "--policy",
        "us-ny-psc-outage-credit",
        "--as-of",
        BATCH_AS_OF,
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let out = rows(&run.stdout);
    assert_eq!(out.len(), 4);
    assert_eq!((out[0][3].as_str(), out[0][5].as_str()), ("8.00", ""));
    assert_eq!(out[1][5], "line 3: a field is not valid UTF-8");
    assert_eq!(out[2][5], "line 4: a field is not valid UTF-8");
    assert_eq!((out[3][0].as_str(), out[3][3].as_str()), ("A-é", "6.50"));
}

#[test]
fn batch_refuses_unusable_inputs_with_exit_2_naming_the_file_and_line() {
    let dir = scratch("batch-bad");
    let no_services = write(
        &dir,
        "no-services.csv",
        "account,region,area,currency,time_zone\nA-1,US-NY,a,USD,UTC\n",
    );
    let bad_outage = write(
        &dir,
        "bad-outages.csv",
        "area,services,start,end\nrochester-14604,internet,2024-10-01T06:00:00-04:00,\nbuffalo-14201,internet,2024-10-03T06:00:00-04:00,2024-10-01T06:00:00-04:00\n",
    );
    let late_ongoing = write(
        &dir,
        "late-outages.csv",
        "area,services,start\nrochester-14604,internet,2024-10-09T06:00:00-04:00\n",
    );
    let empty = write(&dir, "empty.csv", "");
    let missing = dir.join("missing.csv").to_string_lossy().into_owned();
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["--accounts", &no_services, "--outages", OUTAGES],
            "no-services.csv: line 1: the header has no `services` column".to_owned(),
        ),
        (
            vec!["--accounts", ACCOUNTS, "--outages", &bad_outage],
            "bad-outages.csv: line 3: end: 2024-10-01T06:00:00-04:00 is before the start"
                .to_owned(),
        ),
        (
            vec![
                "--accounts",
                ACCOUNTS,
                "--outages",
                &late_ongoing,
                "--as-of",
                BATCH_AS_OF,
            ],
            "late-outages.csv: line 2: start: the outage is ongoing but starts at or after as_of"
                .to_owned(),
        ),
        (
            vec!["--accounts", &empty, "--outages", OUTAGES],
            "empty.csv: the file is empty; it needs a header row".to_owned(),
        ),
        (
            vec!["--accounts", &missing, "--outages", OUTAGES],
            "missing.csv: cannot read the file".to_owned(),
        ),
        (
            vec![
                "--accounts",
                ACCOUNTS,
                "--outages",
                OUTAGES,
                "--policy",
                "de-tkg-85",
            ],
            "--policy: unknown policy `de-tkg-85` (did you mean `de-tkg-58`?)".to_owned(),
        ),
        (
            vec![
                "--accounts",
                ACCOUNTS,
                "--outages",
                OUTAGES,
                "--as-of",
                "yesterday",
            ],
            "--as-of: `yesterday` is not an RFC 3339 instant".to_owned(),
        ),
    ];
    for (args, message) in cases {
        let run = redress(std::iter::once("batch").chain(args.iter().copied()));
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(&message),
            "{args:?}: want {message:?}, got:\n{}",
            run.stderr
        );
    }
}

// ---------------------------------------------------------------- bad input

#[test]
fn bad_claim_input_exits_2_naming_the_file_the_place_and_the_problem() {
    let dir = scratch("claim-bad");
    let syntax = write(&dir, "syntax.toml", "[plan\ncurrency = \"USD\"\n");
    let unknown_field = write(
        &dir,
        "typo.toml",
        &ny_variant(|t| t.replace("[[outages]]", "[[outage]]")),
    );
    let end_before_start = write(
        &dir,
        "backwards.toml",
        &ny_variant(|t| {
            t.replace(
                "end = \"2024-10-03T11:00:00-04:00\"",
                "end = \"2024-09-30T11:00:00-04:00\"",
            )
        }),
    );
    let unknown_policy = write(
        &dir,
        "policy.toml",
        &ny_variant(|t| {
            t.replace(
                "policies = [\"us-ny-psc-outage-credit\"]",
                "policies = [\"us-ny-psc-outage-credit\", \"de-tkg-85\"]",
            )
        }),
    );
    let empty_policies = write(
        &dir,
        "empty-policies.toml",
        &ny_variant(|t| t.replace("policies = [\"us-ny-psc-outage-credit\"]", "policies = []")),
    );
    let no_region = write(
        &dir,
        "no-region.toml",
        &ny_variant(|t| {
            t.replace("policies = [\"us-ny-psc-outage-credit\"]\n", "")
                .replace("region = \"US-NY\"\n", "")
        }),
    );
    let bad_json = write(
        &dir,
        "bad.json",
        "{\n  \"plan\": {\"currency\": \"USD\",}\n}\n",
    );
    let wrong_extension = write(&dir, "claim.txt", "");
    let missing = dir.join("missing.toml").to_string_lossy().into_owned();

    let cases: Vec<(Vec<&str>, Vec<String>)> = vec![
        (vec![&syntax], vec![format!("redress: {syntax}: line 1, column 6: ")]),
        (
            vec![&unknown_field],
            vec![
                format!("redress: {unknown_field}: outage: line "),
                "unknown field `outage`, expected one of".to_owned(),
                "(did you mean `outages`?)".to_owned(),
            ],
        ),
        (
            vec![&end_before_start],
            vec![format!("redress: {end_before_start}: outages[0].end: 2024-09-30T11:00:00-04:00 is before the start")],
        ),
        (
            vec![&unknown_policy],
            vec![format!("redress: {unknown_policy}: policies[1]: unknown policy `de-tkg-85` (did you mean `de-tkg-58`?)")],
        ),
        (vec![&empty_policies], vec![format!("redress: {empty_policies}: policies: the list is empty")]),
        (
            vec![&no_region],
            vec![format!("redress: {no_region}: policies: the file names no policies and gives no [customer] region")],
        ),
        (vec![&bad_json], vec![format!("redress: {bad_json}: plan: line 2, column ")]),
        (vec![&wrong_extension], vec![format!("redress: {wrong_extension}: cannot tell the format")]),
        (vec![&missing], vec![format!("redress: {missing}: no such file")]),
        // A misspelt name is answered with the file beside it that was meant.
        (
            vec!["examples/claims/ny-cable-outage.tml"],
            vec!["redress: examples/claims/ny-cable-outage.tml: no such file; did you mean \
                  `examples/claims/ny-cable-outage.toml`?"
                .to_owned()],
        ),
        (vec![NY, "--policy", "nope"], vec!["redress: --policy: unknown policy `nope`".to_owned()]),
        // A local --as-of is read in the plan's zone (America/New_York): a date alone,
        // a time the zone went through twice or skipped is blamed on the flag.
        (
            vec![NY, "--as-of", "2024-10-05"],
            vec!["redress: --as-of: `2024-10-05` is a date; an instant needs a time too, such as \
                  2024-10-05T12:00 (read in America/New_York) or 2024-10-05T12:00-04:00"
                .to_owned()],
        ),
        (
            vec![NY, "--as-of", "2024-11-03 01:30"],
            vec!["redress: --as-of: 2024-11-03T01:30 happened twice in America/New_York".to_owned()],
        ),
        (
            vec![NY, "--as-of", "2024-03-10T02:30"],
            vec!["redress: --as-of: 2024-03-10T02:30 did not happen in America/New_York".to_owned()],
        ),
        (
            vec![NY, "--as-of", "yesterday"],
            vec!["redress: --as-of: `yesterday` is not a date and time; write".to_owned()],
        ),
        (vec![NY, "--letter", "--date", "5/10/2024"], vec!["redress: --date: `5/10/2024` is not a date".to_owned()]),
        (
            vec![NY, "--as-of", "1850-01-01T00:00:00Z"],
            vec!["redress: --as-of: 1850-01-01 is outside the supported years".to_owned()],
        ),
    ];
    for (args, messages) in cases {
        let run = redress(std::iter::once("claim").chain(args.iter().copied()));
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}: nothing on stdout");
        for message in messages {
            assert!(
                run.stderr.contains(&message),
                "{args:?}: want {message:?}, got:\n{}",
                run.stderr
            );
        }
        assert_eq!(
            run.stderr.lines().count(),
            1,
            "{args:?}: one line:\n{}",
            run.stderr
        );
    }
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(redress(["--help"]).code, 0);
    assert_eq!(redress(["claim", "--help"]).code, 0);
    assert_eq!(redress(Vec::<&str>::new()).code, 2);
    assert_eq!(redress(["claim"]).code, 2);
    assert_eq!(redress(["claim", NY, "--json", "--letter"]).code, 2);
    assert_eq!(
        redress(["claim", NY, "--date", "2024-10-06"]).code,
        2,
        "--date needs --letter"
    );
    assert_eq!(redress(["batch", "--accounts", ACCOUNTS]).code, 2);
    assert_eq!(redress(["frobnicate"]).code, 2);
}

// ---------------------------------------------------------------- batch: reading rows

/// A batch run with `REDRESS_BATCH_BLOCK_BYTES` set (the size of the blocks the command
/// cuts `accounts.csv` into), or left to its default when `None`.
fn batch_with_blocks(block_bytes: Option<usize>, args: &[&str]) -> Run {
    let mut command = std::process::Command::new(binary());
    command.current_dir(root()).arg("batch").args(args);
    match block_bytes {
        Some(n) => command.env("REDRESS_BATCH_BLOCK_BYTES", n.to_string()),
        None => command.env_remove("REDRESS_BATCH_BLOCK_BYTES"),
    };
    let output = command.output().expect("run redress");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Counts line breaks as `docs/batch.md` does: `\r\n`, `\n` and a lone `\r` are each one.
#[derive(Default)]
struct LineCount {
    breaks: u64,
    after_cr: bool,
}

impl LineCount {
    fn push(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.breaks += u64::from(b == b'\r' || (b == b'\n' && !self.after_cr));
            self.after_cr = b == b'\r';
        }
    }

    /// The line the next byte is on.
    fn line(&self) -> u64 {
        self.breaks + 1
    }
}

/// A record the tricky file is meant to hold: its account id as read, its line, whether
/// it is meant to be a row error, and which template it uses.
#[derive(Debug)]
struct Meant {
    account: String,
    line: u64,
    broken: bool,
    template: usize,
}

/// An accounts file with everything the CSV reader must get right: quoted fields with
/// commas, doubled quotes and line breaks, stray quotes in unquoted fields and text after
/// a closing quote (row errors, each ending at the first line end after its quote), `\n`,
/// `\r\n` and lone `\r` line ends, empty lines of each kind, surrounding spaces, short
/// and long rows, a byte order mark inside a row, a field that is not UTF-8, and a last
/// line without a line end. With `stray` false, no stray quotes. Returns the file and the
/// records it is meant to hold, worked out as it is written.
fn tricky_accounts(templates: &[(&str, &str)], stray: bool) -> (Vec<u8>, Vec<Meant>) {
    let mut bytes = b"account,region,area,currency,time_zone,billing_day,services\r\n".to_vec();
    let mut lines = LineCount::default();
    lines.push(&bytes);
    let mut meant = Vec::new();
    let count = 6000;
    for n in 0..count {
        let shape = match n % 9 {
            6 | 7 if !stray => 0,
            shape => shape,
        };
        let (id, account) = match shape {
            0 => (format!("A-{n}"), format!("A-{n}")),
            1 => (
                format!("\"A-{n}, with a comma\""),
                format!("A-{n}, with a comma"),
            ),
            2 => (
                format!("\"A-{n} \"\"quoted\"\"\""),
                format!("A-{n} \"quoted\""),
            ),
            3 => (
                format!("\"A-{n}\nsecond line\""),
                format!("A-{n}\nsecond line"),
            ),
            // The last `\r` is trimmed with the surrounding whitespace.
            4 => (
                format!("\"A-{n}\r\nsecond line\r\""),
                format!("A-{n}\r\nsecond line"),
            ),
            5 => (format!("  A-{n}\t"), format!("A-{n}")),
            // A stray quote, and text after a closing quote: the account is not read.
            6 => (format!("A-{n}\"inch"), String::new()),
            7 => (format!("\"A-{n}\"after"), String::new()),
            _ => (format!("\u{feff}A-{n}"), format!("\u{feff}A-{n}")),
        };
        let template = n % templates.len();
        let (area, services) = templates[template];
        let area = if n % 101 == 7 {
            format!("{area}\u{0}")
        } else {
            area.to_owned()
        };
        let billing_day = if n % 5 == 0 { "32" } else { "5" };
        let services = if n % 3 == 0 {
            format!("\"{services}\"")
        } else {
            services.to_owned()
        };
        let mut row = if n % 97 == 3 {
            format!("{id},US-NY,{area}").into_bytes()
        } else {
            format!("{id}, US-NY ,{area},USD,America/New_York,{billing_day},{services}")
                .into_bytes()
        };
        if n % 101 == 7 {
            // Not UTF-8: the area's last byte.
            if let Some(last) = row.iter().rposition(|&b| b == 0) {
                row[last] = 0xff;
            }
        }
        let extra = n % 7 == 1;
        if extra {
            row.extend_from_slice(b",extra,\"x,\ny\"");
        }
        let broken = n % 5 == 0 || n % 97 == 3 || n % 101 == 7 || shape == 6 || shape == 7;
        meant.push(Meant {
            account,
            line: lines.line(),
            broken,
            template,
        });
        if extra && (shape == 6 || shape == 7) {
            // The faulty row ends at the line end inside `"x,\ny"`: `y"` then starts a
            // row of its own, with a stray quote.
            let at = row.iter().position(|&b| b == b'\n').unwrap();
            let mut before = LineCount::default();
            before.push(&row[..=at]);
            meant.push(Meant {
                account: String::new(),
                line: lines.line() + before.breaks,
                broken: true,
                template,
            });
        }
        bytes.extend_from_slice(&row);
        lines.push(&row);
        let mut after = Vec::new();
        if n + 1 < count {
            after.extend_from_slice([&b"\n"[..], b"\r\n", b"\r", b"\n"][n % 4]);
        }
        for (every, blank) in [(11, &b"\n"[..]), (13, b"\r\n\r\n"), (17, b"\r")] {
            if n % every == 0 && n + 1 < count {
                after.extend_from_slice(blank);
            }
        }
        bytes.extend_from_slice(&after);
        lines.push(&after);
    }
    (bytes, meant)
}

/// However the rows are laid out and however the file is cut into blocks, the command
/// reads the records `docs/batch.md` says, with their fields and the lines they start on
/// in its errors, and writes the same output.
///
/// The oracle is the generator itself, which knows what each row holds and counts its
/// lines as it writes them. It was the `csv` crate, whose reading the batch now departs
/// from on purpose: the crate reads a stray quote as a plain byte (`A-1"inch`) and text
/// after a closing quote as more of the field (`"A-1"after` is `A-1after`), where the
/// batch refuses the row rather than guess; and it reports a record on the line where
/// its read began, which in a CRLF file is the line before the record and after empty
/// lines the first of them, where the batch names the record's own line. Where the
/// rules agree (a file without stray quotes), the crate still checks the accounts read.
#[test]
fn batch_reads_rows_by_the_documented_rules_whatever_the_block_size() {
    let dir = scratch("batch-reading");
    let templates = [
        ("rochester-14604", "internet:79.99|tv:65.00"),
        ("buffalo-14201", "internet:60.00"),
    ];
    // The total of each template's row alone.
    let totals: Vec<String> = templates
        .iter()
        .map(|(area, services)| {
            let one = write(
                &dir,
                "one.csv",
                &format!(
                    "account,region,area,currency,time_zone,billing_day,services\nX,US-NY,{area},USD,America/New_York,5,{services}\n"
                ),
            );
            let run = redress([
                "batch",
                "--accounts",
                &one,
                "--outages",
                OUTAGES,
                "--policy",
                "us-ny-psc-outage-credit",
                "--as-of",
                BATCH_AS_OF,
            ]);
            assert_eq!(run.code, 0, "{}", run.stderr);
            rows(&run.stdout)[0][3].clone()
        })
        .collect();

    for stray in [true, false] {
        let (bytes, meant) = tricky_accounts(&templates, stray);
        let accounts = dir.join(format!("accounts-{stray}.csv"));
        std::fs::write(&accounts, &bytes).expect("write accounts");
        let accounts = accounts.to_string_lossy().into_owned();
        let args = [
            "--accounts",
            &accounts,
            "--outages",
            OUTAGES,
            "--policy",
            "us-ny-psc-outage-credit",
            "--as-of",
            BATCH_AS_OF,
        ];
        let whole = batch_with_blocks(None, &args);
        assert_eq!(whole.code, 2, "{}", whole.stderr);
        let out = rows(&whole.stdout);
        assert_eq!(out.len(), meant.len());
        for (i, (row, meant)) in out.iter().zip(&meant).enumerate() {
            assert_eq!(row[0], meant.account, "record {i}: {meant:?}");
            if meant.broken {
                assert!(
                    row[5].starts_with(&format!("line {}: ", meant.line)),
                    "record {i}: {meant:?}: {row:?}"
                );
            } else {
                assert_eq!(
                    (&row[3], &row[5]),
                    (&totals[meant.template], &String::new()),
                    "record {i}: {meant:?}"
                );
            }
        }
        let errors = meant.iter().filter(|m| m.broken).count();
        let records = meant.len();
        assert!(
            whole.stderr.contains(&format!(
                "{records} accounts read: {} assessed, {errors} with errors; {records} rows written",
                records - errors
            )),
            "{}",
            whole.stderr
        );
        if !stray {
            // Without stray quotes, the csv crate reads the same records and accounts.
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(bytes.as_slice());
            let read: Vec<String> = reader
                .byte_records()
                .map(|r| {
                    let record = r.expect("a record");
                    let account = record.get(0).unwrap_or_default().trim_ascii();
                    String::from_utf8_lossy(account).into_owned()
                })
                .collect();
            let ours: Vec<&String> = out.iter().map(|row| &row[0]).collect();
            assert_eq!(ours, read.iter().collect::<Vec<_>>());
        }

        // Cut into blocks of every size, the output and the messages are the same.
        for block_bytes in [1, 2, 7, 64, 1000, 65536] {
            let cut = batch_with_blocks(Some(block_bytes), &args);
            assert_eq!(cut.code, whole.code, "blocks of {block_bytes}");
            assert!(
                cut.stdout == whole.stdout,
                "blocks of {block_bytes}: the output differs"
            );
            assert_eq!(cut.stderr, whole.stderr, "blocks of {block_bytes}");
        }
    }
}
