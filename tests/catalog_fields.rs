//! The service fields two catalog policies read, through the public API: Spain's
//! `average_monthly_bill` (Real Decreto 899/2009 art. 15(a)) and the compute service's
//! `deployment` (Microsoft's Service Level Agreements for Online Services, Virtual
//! Machines). Every figure is worked by hand from the rule's text, in the comment beside it.

use redress::catalog::contracts::azure_vm;
use redress::catalog::es::rd_899_2009;
use redress::policy::Policy;
use redress::{Case, Claim, ClaimFile};

fn parse(text: &str) -> ClaimFile {
    toml::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn assess(file: &ClaimFile, policy: &Policy) -> Claim {
    let case = Case::from_file(file).unwrap();
    redress::assess(&case, policy).unwrap()
}

fn noted(claim: &Claim, text: &str) -> bool {
    claim.notes.iter().any(|n| n.contains(text))
}

// ---------------------------------------------------------------------------------------
// Spain, RD 899/2009 art. 15: the greater of (a) the average bill of the three months
// before, prorated by the time out, and (b) five times the monthly fee, prorated.

/// A Madrid phone plan with one 'phone' service and one interruption.
fn phone(fee: &str, bill: Option<&str>, start: &str, end: &str) -> ClaimFile {
    let bill = bill.map_or(String::new(), |b| format!("average_monthly_bill = \"{b}\""));
    parse(&format!(
        r#"
        [customer]
        region = "ES-MD"
        [plan]
        currency = "EUR"
        time_zone = "Europe/Madrid"
        [[plan.services]]
        kind = "phone"
        monthly_price = "{fee}"
        {bill}
        [[outages]]
        services = ["phone"]
        start = "{start}"
        end = "{end}"
        "#
    ))
}

/// Fixed phone, fee €15, average bill €40, 10 hours out on 10 June 2025 (June: 30 days =
/// 720 h, no clock change). (a) 40 × 10 / 720 = 0.5556; (b) 5 × 15 × 10 / 720 = 750 / 720
/// = 1.0417 → (b) is greater: €1.04, more than €1 → automatic. Without the field, (b)
/// alone: the same €1.04, with a note naming the field.
#[test]
fn spain_five_times_the_fee_beats_a_lower_average_bill() {
    let (start, end) = ("2025-06-10T08:00:00+02:00", "2025-06-10T18:00:00+02:00");
    let with = assess(&phone("15", Some("40.00"), start, end), &rd_899_2009());
    assert_eq!(with.total.to_string(), "1.04", "{with}");
    assert!(with.automatic);
    assert!(
        noted(&with, "the greater of 1.0417 and 0.5556 is paid"),
        "{with}"
    );
    assert!(!noted(&with, "no `average_monthly_bill`"), "{with}");
    let without = assess(&phone("15", None, start, end), &rd_899_2009());
    assert_eq!(without.total.to_string(), "1.04", "{without}");
    assert!(
        noted(&without, "no `average_monthly_bill` for phone"),
        "{without}"
    );
}

/// A heavy caller: fee €10, average bill €80, 12 hours out on 8 April 2025 (April: 30 days
/// = 720 h; Madrid's clocks changed on 30 March). (a) 80 × 12 / 720 = 960 / 720 = 1.3333;
/// (b) 5 × 10 × 12 / 720 = 600 / 720 = 0.8333 → (a) is greater: €1.33, more than €1 →
/// automatic, the line's working naming the average bill.
#[test]
fn spain_a_higher_average_bill_is_paid_instead() {
    let (start, end) = ("2025-04-08T08:00:00+02:00", "2025-04-08T20:00:00+02:00");
    let c = assess(&phone("10", Some("80.00"), start, end), &rd_899_2009());
    assert_eq!(c.total.to_string(), "1.33", "{c}");
    assert!(c.automatic);
    assert_eq!(c.lines.len(), 1, "{c}");
    let working = c.lines[0].basis.to_string();
    assert!(
        working.starts_with("80.00 (average monthly bill) × "),
        "{working}"
    );
    assert!(noted(&c, "the greater of 0.8333 and 1.3333 is paid"), "{c}");
}

/// The same heavy caller without the field: (b) alone, 600 / 720 = 0.8333 → €0.83, not
/// more than €1 → on request only; the note says what was missing and that (a) might
/// pay more.
#[test]
fn spain_without_the_average_bill_b_alone_with_a_note() {
    let (start, end) = ("2025-04-08T08:00:00+02:00", "2025-04-08T20:00:00+02:00");
    let c = assess(&phone("10", None, start, end), &rd_899_2009());
    assert_eq!(c.total.to_string(), "0.83", "{c}");
    assert!(!c.automatic);
    let note = c
        .notes
        .iter()
        .find(|n| n.contains("no `average_monthly_bill`"))
        .unwrap_or_else(|| panic!("no note on the missing field: {c}"));
    assert!(note.contains("might pay more"), "{note}");
    assert!(note.contains("[[plan.services]]"), "{note}");
}

/// Art. 16 (internet) ignores the field: internet at €39.99 down Mon 2 June 09:00 → Sat 7
/// June 18:00 (129 h): 39.99 × 129 / 720 = 7.1649 → €7.16, whatever the average bill.
#[test]
fn spain_internet_ignores_the_average_bill() {
    let file = parse(
        r#"
        [plan]
        currency = "EUR"
        time_zone = "Europe/Madrid"
        [[plan.services]]
        kind = "internet"
        monthly_price = "39.99"
        average_monthly_bill = "500"
        [[outages]]
        services = ["internet"]
        start = "2025-06-02T09:00:00+02:00"
        end = "2025-06-07T18:00:00+02:00"
        "#,
    );
    let c = assess(&file, &rd_899_2009());
    assert_eq!(c.total.to_string(), "7.16", "{c}");
}

/// The field is read like a price, and refused in plain words when it cannot be one.
#[test]
fn spain_an_average_bill_is_checked_like_a_price() {
    let (start, end) = ("2025-06-10T08:00:00+02:00", "2025-06-10T18:00:00+02:00");
    // "€1,200.00" is one thousand two hundred euros: (a) 1200 × 10 / 720 = 16.6667 → €16.67.
    let c = assess(&phone("15", Some("€1,200.00"), start, end), &rd_899_2009());
    assert_eq!(c.total.to_string(), "16.67", "{c}");
    let negative = Case::from_file(&phone("15", Some("-40"), start, end)).unwrap_err();
    assert!(
        negative.to_string().starts_with(
            "plan.services[0].average_monthly_bill: an average bill cannot be negative"
        ),
        "{negative}"
    );
    let dollars = Case::from_file(&phone("15", Some("US$40"), start, end)).unwrap_err();
    assert!(
        dollars
            .to_string()
            .starts_with("plan.services[0].average_monthly_bill: the average bill is written in"),
        "{dollars}"
    );
}

// ---------------------------------------------------------------------------------------
// Azure Virtual Machines: the commitment follows the compute service's deployment. June
// 2025 has 30 days = 43,200 minutes; uptime = (43,200 − minutes down) ÷ 43,200.

/// An Azure compute service at USD 1,000 a month, `minutes` down from 10 June 2025 00:00 UTC.
fn vm(deployment: Option<&str>, minutes: i64) -> ClaimFile {
    let deployment = deployment.map_or(String::new(), |d| format!("deployment = \"{d}\""));
    let start = chrono::DateTime::parse_from_rfc3339("2025-06-10T00:00:00Z").unwrap();
    let end = start + chrono::TimeDelta::minutes(minutes);
    parse(&format!(
        r#"
        [plan]
        provider = "Microsoft Azure"
        currency = "USD"
        time_zone = "UTC"
        [[plan.services]]
        kind = "compute"
        monthly_price = "1000"
        {deployment}
        [[outages]]
        services = ["compute"]
        start = "{}"
        end = "{}"
        "#,
        start.to_rfc3339(),
        end.to_rfc3339()
    ))
}

fn vm_total(deployment: Option<&str>, minutes: i64) -> String {
    assess(&vm(deployment, minutes), &azure_vm())
        .total
        .to_string()
}

/// Each deployment at its commitment (no credit) and a minute below it (10 %).
#[test]
fn azure_each_deployment_has_its_commitment() {
    // availability-zones, 99.99 %: 0.01 % of 43,200 = 4.32 min. 4 min → 43,196 / 43,200 =
    // 99.99074 % → nothing; 5 min → 99.98843 % → 10 % of 1,000 = 100.00.
    assert_eq!(vm_total(Some("availability-zones"), 4), "0.00");
    assert_eq!(vm_total(Some("availability-zones"), 5), "100.00");
    // availability-set, 99.95 %: 21.6 min. 21 min → 99.95139 % → nothing; 22 min →
    // 99.94907 % → 10 %.
    assert_eq!(vm_total(Some("availability-set"), 21), "0.00");
    assert_eq!(vm_total(Some("availability-set"), 22), "100.00");
    // single-instance-premium-ssd, 99.9 %: 43.2 min. 43 min → 99.90046 % → nothing; 44 min
    // → 43,156 / 43,200 = 99.89815 % → 10 %.
    assert_eq!(vm_total(Some("single-instance-premium-ssd"), 43), "0.00");
    assert_eq!(vm_total(Some("single-instance-premium-ssd"), 44), "100.00");
    // single-instance-standard-ssd, 99.5 %: 216 min. 216 min → exactly 99.5 % → nothing
    // (the band below starts under it); 217 min → 99.49769 % → 10 %.
    assert_eq!(vm_total(Some("single-instance-standard-ssd"), 216), "0.00");
    assert_eq!(
        vm_total(Some("single-instance-standard-ssd"), 217),
        "100.00"
    );
    // single-instance-standard-hdd, 95 %: 2,160 min. 2,160 → exactly 95 % → nothing;
    // 2,161 → 94.99769 % → 10 % (its own lowest band, 92 %–95 %).
    assert_eq!(
        vm_total(Some("single-instance-standard-hdd"), 2_160),
        "0.00"
    );
    assert_eq!(
        vm_total(Some("single-instance-standard-hdd"), 2_161),
        "100.00"
    );
}

/// The lower tiers: 25 % under 99 % (95 % for Standard HDD under 92 %), 100 % under 95 %
/// (Standard HDD under 90 %).
#[test]
fn azure_lower_tiers_by_deployment() {
    // 99 % of 43,200 leaves 432 min: 433 min → 98.99769 % → 25 % of 1,000 = 250.00 for a
    // set; 2,161 min → 94.99769 % → 100 % = 1,000.00 for a set.
    assert_eq!(vm_total(Some("availability-set"), 433), "250.00");
    assert_eq!(vm_total(Some("availability-set"), 2_161), "1000.00");
    // Standard HDD: 92 % leaves 3,456 min: exactly 92 % → still 10 %; 3,457 → 91.99769 %
    // → 25 %. 90 % leaves 4,320 min: exactly 90 % → 25 %; 4,321 → 89.99769 % → 100 %.
    let hdd = Some("single-instance-standard-hdd");
    assert_eq!(vm_total(hdd, 3_456), "100.00");
    assert_eq!(vm_total(hdd, 3_457), "250.00");
    assert_eq!(vm_total(hdd, 4_320), "250.00");
    assert_eq!(vm_total(hdd, 4_321), "1000.00");
}

/// With no deployment, the availability-zones commitment, and a note naming the field:
/// 5 min → 99.98843 % < 99.99 % → 10 % = 100.00, although a single Premium SSD instance
/// (99.9 %) would earn nothing for it.
#[test]
fn azure_without_a_deployment_takes_availability_zones_and_says_so() {
    let c = assess(&vm(None, 5), &azure_vm());
    assert_eq!(c.total.to_string(), "100.00", "{c}");
    let note = c
        .notes
        .iter()
        .find(|n| n.contains("no `deployment`"))
        .unwrap_or_else(|| panic!("no note on the missing field: {c}"));
    assert!(note.contains("taken as `availability-zones`"), "{note}");
    assert!(note.contains("single-instance-premium-ssd"), "{note}");
    // Named, no such note.
    let named = assess(&vm(Some("availability-zones"), 5), &azure_vm());
    assert!(!noted(&named, "no `deployment`"), "{named}");
}

/// Both fields are carried from the claim file into the case as written.
#[test]
fn the_case_carries_both_fields() {
    let vm = Case::from_file(&vm(Some("Availability Set"), 5)).unwrap();
    assert_eq!(
        vm.services()[0].deployment,
        Some(redress::Deployment::AvailabilitySet)
    );
    assert_eq!(vm.services()[0].average_monthly_bill, None);
    let phone = Case::from_file(&phone(
        "15",
        Some("40.00"),
        "2025-06-10T08:00:00+02:00",
        "2025-06-10T18:00:00+02:00",
    ))
    .unwrap();
    assert_eq!(
        phone.services()[0].average_monthly_bill,
        Some(rust_decimal::Decimal::new(4000, 2))
    );
    assert_eq!(phone.services()[0].deployment, None);
}

/// A deployment redress does not know is refused, naming the nearest; one on a service
/// that is not compute is refused, saying where it belongs.
#[test]
fn azure_a_deployment_is_checked() {
    let err = toml::from_str::<ClaimFile>(
        r#"
        [plan]
        currency = "USD"
        time_zone = "UTC"
        [[plan.services]]
        kind = "compute"
        monthly_price = "1000"
        deployment = "availability-zone"
        "#,
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("did you mean `availability-zones`?"), "{err}");
    let storage = parse(
        r#"
        [plan]
        currency = "USD"
        time_zone = "UTC"
        [[plan.services]]
        kind = "storage"
        monthly_price = "1000"
        deployment = "availability-set"
        "#,
    );
    let err = Case::from_file(&storage).unwrap_err().to_string();
    assert!(
        err.starts_with("plan.services[0].deployment: `deployment = \"availability-set\"` describes a compute service"),
        "{err}"
    );
}
