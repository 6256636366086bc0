//! Service kinds and numbers as people write them, through the public API: a claim file
//! with everyday words reads as the one with the kinds' names, a deliberate other kind is
//! noted on each claim whose policy does not cover it, and what the library writes back
//! reads back the same.

use redress::policy::{
    Amount, Counting, DayCount, PerUnit, Policy, PolicyVersion, Provision, Rule, Subject, UnitCount,
};
use redress::{assess, Case, ClaimFile, Currency, ServiceKind};

/// A USD plan of `services` (kind, price) and one outage of `lost`, 1 October 2024
/// 06:00 to 2 October 12:00 New York time (30 hours), with `extra` lines for the outage.
fn claim(services: &[(&str, &str)], lost: &[&str], extra: &str) -> String {
    let mut text = String::from("[plan]\ncurrency = \"USD\"\ntime_zone = \"America/New_York\"\n");
    for (kind, price) in services {
        text.push_str(&format!(
            "[[plan.services]]\nkind = \"{kind}\"\nmonthly_price = {price}\n"
        ));
    }
    let lost: Vec<String> = lost.iter().map(|k| format!("\"{k}\"")).collect();
    text.push_str(&format!(
        "[[outages]]\nservices = [{}]\nstart = \"2024-10-01T06:00:00-04:00\"\n\
         end = \"2024-10-02T12:00:00-04:00\"\n{extra}\n",
        lost.join(", ")
    ));
    text
}

/// 1/30 of each lost service's monthly price per started 24 hours, for `covered` kinds
/// (every kind when empty).
fn per_day(covered: Vec<ServiceKind>) -> Policy {
    Policy::new("per-day", "1/30 a day", Currency::USD)
        .with_services(covered)
        .with_version(PolicyVersion::from_date(
            chrono::NaiveDate::MIN,
            vec![Provision::new(
                "outage credit",
                Subject::outages(),
                Rule::PerUnit(PerUnit::new(
                    UnitCount::Blocks {
                        length: redress::Span::hours(24),
                        counting: Counting::Started,
                    },
                    Amount::DailyRate(DayCount::Fixed(30)),
                )),
            )],
        ))
}

#[test]
fn everyday_words_read_as_the_kinds_they_name() {
    let words: ClaimFile = toml::from_str(&claim(
        &[("Fiber", "\"$60.00\""), ("landline", "\"45.00 USD\"")],
        &["broadband", "Voice"],
        "customers_affected = \"4,200\"",
    ))
    .unwrap();
    let names: ClaimFile = toml::from_str(&claim(
        &[("internet", "\"60.00\""), ("phone", "\"45.00\"")],
        &["internet", "phone"],
        "customers_affected = 4200",
    ))
    .unwrap();
    assert_eq!(words, names);
    assert_eq!(words.outages[0].customers_affected, Some(4200));
}

#[test]
fn a_deliberate_other_kind_is_noted_where_its_policy_does_not_cover_it() {
    let file: ClaimFile = toml::from_str(&claim(
        &[("other:Alarm-Line", "\"20.00\""), ("internet", "\"60.00\"")],
        &["other:alarm-line", "internet"],
        "",
    ))
    .unwrap();
    let alarm = ServiceKind::Other("alarm-line".into());
    assert_eq!(file.plan.services[0].kind, alarm);
    let internet_only = assess(
        &Case::from_file(&file).unwrap(),
        &per_day(vec![ServiceKind::Internet]),
    )
    .unwrap();
    // 30 hours is 2 started days: internet 2 × 60.00 / 30 = 4.00; the alarm line, not
    // covered, nothing.
    assert_eq!(internet_only.total.to_string(), "4.00");
    assert!(
        internet_only
            .notes
            .iter()
            .any(|n| n.starts_with("`other:alarm-line` is a service redress has no kind for")),
        "{:?}",
        internet_only.notes
    );
    // A policy of every kind covers it: 2 × 20.00 / 30 = 1.333… rounds to 1.33, plus
    // 4.00 for the internet = 5.33, and no note.
    let every = assess(&Case::from_file(&file).unwrap(), &per_day(Vec::new())).unwrap();
    assert_eq!(every.total.to_string(), "5.33");
    assert!(!every.notes.iter().any(|n| n.contains("alarm-line")));
}

#[test]
fn what_is_written_back_reads_back_the_same() {
    let file: ClaimFile = toml::from_str(&claim(
        &[
            ("other:alarm-line", "\"€20.00\""),
            ("cable", "\"1,200.50\""),
        ],
        &["other:alarm-line", "tv"],
        "",
    ))
    .unwrap();
    let json = serde_json::to_string(&file).unwrap();
    assert!(json.contains("\"kind\":\"other:alarm-line\""), "{json}");
    assert!(json.contains("\"kind\":\"tv\""), "{json}");
    let again: ClaimFile = serde_json::from_str(&json).unwrap();
    assert_eq!(again, file);
    // The € was only a check against the plan's currency, which it fails.
    let err = Case::from_file(&file).unwrap_err().to_string();
    assert!(err.starts_with("plan.services[0].monthly_price:"), "{err}");
    assert!(err.contains("EUR") && err.contains("USD"), "{err}");
}

#[test]
fn unknown_words_and_malformed_numbers_are_refused_in_plain_words() {
    for (services, lost, extra, wanted) in [
        (
            [("internt", "\"60\"")],
            ["internet"],
            "",
            "did you mean `internet`?",
        ),
        (
            [("internet", "\"60\"")],
            ["brodband"],
            "",
            "did you mean `broadband` (the `internet` kind)?",
        ),
        (
            [("internet", "\"60,5\"")],
            ["internet"],
            "",
            "write the decimal part after a point: \"60.5\"",
        ),
        (
            [("internet", "\"60\"")],
            ["internet"],
            "customers_affected = \"4,20\"",
            "a comma separates thousands",
        ),
        (
            [("internet", "\"60\"")],
            ["internet"],
            "customers_affected = true",
            "true where a whole number belongs; write a whole number, such as 4200",
        ),
    ] {
        let err = toml::from_str::<ClaimFile>(&claim(&services, &lost, extra))
            .unwrap_err()
            .to_string();
        assert!(err.contains(wanted), "{wanted}: {err}");
        for jargon in ["invalid type", "invalid value", "expected u", "Decimal"] {
            assert!(!err.contains(jargon), "{jargon}: {err}");
        }
    }
}
