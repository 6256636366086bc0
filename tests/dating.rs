//! An incident is dated by its own start (or its report, for a policy dated by reports),
//! whatever the billing day: for every dated catalog policy (more than one version, or a
//! first date in force), incidents around each version's first and last dates are
//! assessed with billing days on both sides of the boundary, and each version counts the
//! incident exactly when the incident's date falls in the version's dates.
//!
//! The plan's zone is UTC, or a zone furthest ahead of or behind it: an incident's date is
//! the local date in the plan's zone, and its times are written in that zone.
//!
//! Which version counts an incident is read off each version alone: the policy with that
//! one version, its dates and its dating rule unchanged, pays a line for the outage or
//! does not. The incidents last ten days, long enough to earn under every rule of the
//! catalog when in force (a 24-hour threshold, two working days after a report, 12 hours
//! off supply, an uptime below 99.99 %…), so "no line" means "not in force". How much a
//! version pays may change with the billing day (a ten-day outage falls in one billing
//! period or two); whether it pays may not.

mod common;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use redress::policy::{Dating, Policy, PolicyVersion};
use redress::{Case, Claim, ClaimFile};

/// A dated policy's boundaries: each version's first date (other than "always") and
/// last date, without repeats.
fn boundaries(policy: &Policy) -> Vec<NaiveDate> {
    let mut dates: Vec<NaiveDate> = policy
        .versions
        .iter()
        .flat_map(|v| [Some(v.effective_from), v.effective_until])
        .flatten()
        .filter(|d| *d != NaiveDate::MIN)
        .collect();
    dates.sort();
    dates.dedup();
    dates
}

/// The catalog's dated policies.
fn dated() -> Vec<Policy> {
    redress::catalog::all()
        .into_iter()
        .filter(|p| p.versions.len() > 1 || !boundaries(p).is_empty())
        .collect()
}

/// One incident: when it began and when it was reported.
#[derive(Debug, Clone, Copy)]
struct Incident {
    start: NaiveDateTime,
    reported: NaiveDateTime,
}

impl Incident {
    /// The date that picks the version under the policy's rule (times are the plan's).
    fn date(&self, policy: &Policy) -> NaiveDate {
        match policy.dated_by {
            Dating::Report => self.reported.date(),
            _ => self.start.date(),
        }
    }
}

/// The incidents tried around a boundary `day`: one beginning at 22:00 the day before
/// and running across midnight into it (a billing period starting on `day` cuts it in
/// two); one beginning at midnight on it; one beginning two days before and reported
/// just after midnight on it (dated on either side, by the policy's rule).
fn incidents(day: NaiveDate) -> Vec<Incident> {
    let at = |days: i64, hour: u32, minute: u32| {
        (day + Duration::days(days))
            .and_hms_opt(hour, minute, 0)
            .unwrap()
    };
    vec![
        Incident {
            start: at(-1, 22, 0),
            reported: at(-1, 22, 30),
        },
        Incident {
            start: at(0, 0, 0),
            reported: at(0, 0, 30),
        },
        Incident {
            start: at(-2, 12, 0),
            reported: at(0, 0, 30),
        },
    ]
}

/// Billing days on both sides of a boundary: the 1st, the day before, the boundary's
/// own day (a billing period starts on it) and the day after.
fn billing_days(day: NaiveDate) -> Vec<u32> {
    let mut days = vec![
        1,
        day.day().saturating_sub(1).max(1),
        day.day(),
        (day.day() % 31) + 1,
    ];
    days.sort_unstable();
    days.dedup();
    days
}

/// The plan's zones tried: UTC, 14 hours ahead of it, 11 hours behind it.
const ZONES: [&str; 3] = ["UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago"];

/// A claim of one ten-day outage of the policy's first service, for a customer it
/// reaches, billed from `billing_day`, in `zone` (the times are written in it).
fn claim(policy: &Policy, incident: Incident, billing_day: u32, zone: &str) -> ClaimFile {
    let service = policy.services.first().map_or("internet", |s| s.as_str());
    let currency = policy.currency.map_or("USD".to_owned(), |c| c.to_string());
    let provider = policy.providers.first().map_or("Acme", String::as_str);
    let region = match policy.jurisdiction.as_str() {
        "*" => "US",
        code => code,
    };
    let end = incident.start + Duration::days(10);
    let z = |t: NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S").to_string();
    toml::from_str(&format!(
        r#"
        as_of = "2026-12-01T00:00:00Z"
        [customer]
        region = "{region}"
        [plan]
        provider = "{provider}"
        currency = "{currency}"
        time_zone = "{zone}"
        billing_day = {billing_day}
        [[plan.services]]
        kind = "{service}"
        monthly_price = "100"
        [[outages]]
        services = ["{service}"]
        start = "{}"
        end = "{}"
        reported = "{}"
        customers_affected = 100000
        "#,
        z(incident.start),
        z(end),
        z(incident.reported),
    ))
    .unwrap_or_else(|e| panic!("{}: {e}", policy.id))
}

/// Each zone with each billing day.
fn zoned(days: Vec<u32>) -> impl Iterator<Item = (&'static str, u32)> {
    ZONES
        .into_iter()
        .flat_map(move |zone| days.clone().into_iter().map(move |day| (zone, day)))
}

fn assess(file: &ClaimFile, policy: &Policy) -> Claim {
    let case = Case::from_file(file).unwrap_or_else(|e| panic!("{}: {e}", policy.id));
    redress::assess(&case, policy).unwrap_or_else(|e| panic!("{}: {e}", policy.id))
}

/// The policy with one version only: its dates and dating rule unchanged.
fn alone(policy: &Policy, version: &PolicyVersion) -> Policy {
    let mut one = policy.clone();
    one.versions = vec![version.clone()];
    one
}

/// Whether a claim pays a line for its outage.
fn pays_for_the_outage(claim: &Claim) -> bool {
    claim.lines.iter().any(|l| l.outages.contains(&0))
}

/// Each version counts each incident exactly when the incident's date (its start, or
/// its report for a policy dated by reports) is in the version's dates, for every
/// billing day.
#[test]
fn each_version_counts_an_incident_by_its_date_whatever_the_billing_day() {
    let policies = dated();
    assert!(policies.len() >= 10, "{} dated policies", policies.len());
    for policy in &policies {
        for day in boundaries(policy) {
            for incident in incidents(day) {
                let date = incident.date(policy);
                for version in &policy.versions {
                    let expected = version.effective_from <= date
                        && version.effective_until.is_none_or(|until| date < until);
                    let one = alone(policy, version);
                    for (zone, billing_day) in zoned(billing_days(day)) {
                        let claim = assess(&claim(policy, incident, billing_day, zone), &one);
                        assert_eq!(
                            pays_for_the_outage(&claim),
                            expected,
                            "{} version from {}, {incident:?} dated {date} in {zone}, billed \
                             from day {billing_day}:\n{claim}",
                            policy.id,
                            version.effective_from,
                        );
                    }
                }
            }
        }
    }
}

/// A claim under the whole policy never shows a line for an outage beside a note saying
/// that outage earns nothing, and pays for it on every billing day, in every zone, or on
/// none (the incident's local date is the same in each).
#[test]
fn no_claim_pays_an_outage_it_says_earns_nothing() {
    for policy in &dated() {
        for day in boundaries(policy) {
            for incident in incidents(day) {
                let paid: Vec<(&str, u32, bool)> = zoned(billing_days(day))
                    .map(|(zone, billing_day)| {
                        let claim = assess(&claim(policy, incident, billing_day, zone), policy);
                        let out_of_force = claim
                            .notes
                            .iter()
                            .any(|n| n.starts_with("Outage 1 (") && n.contains("earns nothing"));
                        assert!(
                            !(pays_for_the_outage(&claim) && out_of_force),
                            "{} {incident:?} in {zone}, billed from day {billing_day}:\n{claim}",
                            policy.id
                        );
                        (zone, billing_day, pays_for_the_outage(&claim))
                    })
                    .collect();
                assert!(
                    paid.iter().all(|(_, _, p)| *p == paid[0].2),
                    "{} {incident:?}: {paid:?}",
                    policy.id
                );
            }
        }
    }
}

/// `redress claim` on AWS's example: an outage from 4 May 2022 23:00 to 5 May 01:00 UTC
/// began before the SLA's incidents count (5 May 2022). Billed from the 1st, the 5th or
/// the 6th, the report is the same: no line, 0.00 owed, and the note saying why. (Billed
/// from the 5th it showed a 10 % line, 60 of 44,640 minutes down → 99.86559 % → 10 % of
/// 100 = 10.00, beside the note that the outage earns nothing.)
#[test]
fn the_claim_report_is_the_same_whatever_the_billing_day() {
    let dir = common::scratch("dating-aws");
    let reports: Vec<String> = [1, 5, 6]
        .into_iter()
        .map(|billing_day| {
            let path = dir.join(format!("aws-{billing_day}.toml"));
            let text = format!(
                r#"
                policies = ["aws-ec2-region"]
                as_of = "2022-06-01T12:00:00Z"
                [plan]
                provider = "Amazon Web Services"
                currency = "USD"
                time_zone = "UTC"
                billing_day = {billing_day}
                [[plan.services]]
                kind = "compute"
                monthly_price = "100.00"
                [[outages]]
                services = ["compute"]
                start = "2022-05-04T23:00:00Z"
                end = "2022-05-05T01:00:00Z"
                "#
            );
            std::fs::write(&path, text).expect("write a scratch claim");
            let run = common::redress(["claim".as_ref(), path.as_os_str()]);
            assert_eq!(run.code, 0, "{}", run.stderr);
            let out = common::flat(&run.stdout);
            assert!(out.contains("Total: 0.00 USD (nothing owed)"), "{out}");
            assert!(!out.contains("Service credit"), "{out}");
            assert!(
                out.contains(
                    "Note: Outage 1 (2022-05-04) earns nothing under this policy: it is in \
                     force from 2022-05-05."
                ),
                "{out}"
            );
            // What differs by billing day: the file's name and the plan's billing day.
            out.replace(&format!("aws-{billing_day}.toml"), "")
                .replace(&format!("billed from day {billing_day},"), "")
        })
        .collect();
    assert_eq!(reports[0], reports[1]);
    assert_eq!(reports[0], reports[2]);
}
