//! Google Compute Engine: its Service Level Agreement for instances in multiple zones
//! (`gcp-compute-multizone`) and for a single instance.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::policy::{ClaimDeadline, Evidence, Policy, PolicyVersion, Rule};

use super::cloud_sla::{cloud_policy, common_readings, pct, share, sla_credit, tiers};
use crate::catalog::ymd;

/// Google's multi-zone SLO of 99.99 % (SLA version of 13 January 2020).
const GCP_2020_01: NaiveDate = ymd(2020, 1, 13);
/// Google's single-instance SLO (SLA version of 7 April 2020).
const GCP_2020_04: NaiveDate = ymd(2020, 4, 7);
/// The dated Google SLA version from which the current tables are taken to apply.
const GCP_2023: NaiveDate = ymd(2023, 8, 29);

/// Which credit table applies to multi-zone incidents from 29 August 2023. The table
/// reported as current (100 % below 95 %, capped at the full amount) is not confirmed.
///
/// # Example
/// ```
/// use redress::catalog::contracts::GcpCurrentTable;
/// assert_eq!(GcpCurrentTable::default(), GcpCurrentTable::Reported);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum GcpCurrentTable {
    /// The reported current table: 10 % / 25 % / 100 %, capped at the month's amount due.
    #[default]
    Reported,
    /// Keep the older template table: 10 % / 25 % / 50 %, capped at 50 %.
    OlderTemplate,
}

/// The readings [`gcp_compute_multizone_with`] can take; [`Default`] is the catalog's. More
/// readings may be added: start from `Default` and set the fields you choose.
///
/// # Example
/// ```
/// use redress::catalog::contracts::{GcpCurrentTable, GcpOptions};
/// assert_eq!(GcpOptions::default().current_table, GcpCurrentTable::Reported);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct GcpOptions {
    /// The credit table for incidents from 29 August 2023.
    pub current_table: GcpCurrentTable,
}

/// `gcp-compute-multizone`: the Google Compute Engine SLA for instances in multiple
/// zones, with its tables chosen by the incident's date (see
/// [`gcp_compute_multizone_with`] to keep the older table).
///
/// **The rule.** The commitment is 99.99 % a month for instances deployed in several
/// zones of a region. Downtime is loss of external connectivity or persistent-disk access
/// for all the running instances, counted in whole consecutive minutes (a partial minute,
/// or an episode under a minute, does not count). Below the commitment the customer may
/// claim, within the notice period, a credit of the month's charges for the service:
/// - from 13 January 2020 (the older template table): at least 99.00 % and under
///   99.99 % → 10 %; 95.00 % to under 99.00 % → 25 %; under 95.00 % → 50 %; a month's
///   credits at most 50 % of the amount due; notice within 30 days;
/// - from 29 August 2023 (the table reported as current): 10 % / 25 % as before, under
///   95.00 % → 100 %, capped at the amount due; notice within 60 days.
///
/// The notice period is counted from the end of the billing month (when the customer
/// becomes eligible). Outages with cause `customer` or `force-majeure` do not count. The
/// plan's provider must name Google.
///
/// **Source.** Google Compute Engine Service Level Agreement, cloud.google.com/compute/sla
/// and its dated versions (sla-20200113 and later).
///
/// **How firm.** SLOs and definitions \[P\]. The older table and its 50 % cap \[S\]
/// (copies of the template) and partly \[M\]; the current table and cap are \[M/S\] and **not
/// confirmed**; the date it took effect is not known and is taken as the 29 August 2023
/// version, the latest dated version seen; the notice periods are \[S\]. Graded \[M\].
/// Incidents before 13 January 2020 (the 99.95 % SLO of November 2017) earn nothing here.
///
/// # Example
/// ```
/// // March 2024 (31 days, 44,640 minutes): 12 min, 45 s (ignored) and 30 min down → 42
/// // minutes → 99.90591 % → 10 % of USD 2,000 → USD 200.00.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [plan]
///     provider = "Google Cloud"
///     currency = "USD"
///     time_zone = "UTC"
///     [[plan.services]]
///     kind = "compute"
///     monthly_price = "2000"
///     [[outages]]
///     services = ["compute"]
///     start = "2024-03-05T10:00:00Z"
///     end = "2024-03-05T10:12:00Z"
///     [[outages]]
///     services = ["compute"]
///     start = "2024-03-12T10:00:00Z"
///     end = "2024-03-12T10:00:45Z"
///     [[outages]]
///     services = ["compute"]
///     start = "2024-03-20T10:00:00Z"
///     end = "2024-03-20T10:30:00Z"
/// "#).unwrap();
/// let result = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::contracts::gcp_compute_multizone())?;
/// assert_eq!(result.total.to_string(), "200.00");
/// # Ok::<(), redress::Error>(())
/// ```
pub fn gcp_compute_multizone() -> Policy {
    gcp_compute_multizone_with(GcpOptions::default())
}

/// `gcp-compute-multizone` with a chosen table for incidents from 29 August 2023. See
/// [`gcp_compute_multizone`] for the rule.
///
/// # Example
/// ```
/// use redress::catalog::contracts::{gcp_compute_multizone_with, GcpCurrentTable, GcpOptions};
/// let mut options = GcpOptions::default();
/// options.current_table = GcpCurrentTable::OlderTemplate;
/// let older = gcp_compute_multizone_with(options);
/// assert_eq!(older.versions.len(), 2);
/// ```
pub fn gcp_compute_multizone_with(options: GcpOptions) -> Policy {
    let slo = pct(9999, 2);
    let older = || Rule::Cap {
        limit: share(50),
        rule: Box::new(tiers(&[
            (pct(9900, 2), slo, 10),
            (pct(9500, 2), pct(9900, 2), 25),
            (Decimal::ZERO, pct(9500, 2), 50),
        ])),
    };
    let current = match options.current_table {
        GcpCurrentTable::Reported => Rule::Cap {
            limit: share(100),
            rule: Box::new(tiers(&[
                (pct(9900, 2), slo, 10),
                (pct(9500, 2), pct(9900, 2), 25),
                (Decimal::ZERO, pct(9500, 2), 100),
            ])),
        },
        GcpCurrentTable::OlderTemplate => older(),
    };
    let clause = "Compute Engine SLA: instances in multiple zones";
    let mut policy = cloud_policy(
        "gcp-compute-multizone",
        "Google Compute Engine SLA: instances in multiple zones",
        &["Google"],
    )
    .with_version(
        PolicyVersion::from_date(
            GCP_2020_01,
            vec![sla_credit(
                older(),
                clause,
                ClaimDeadline::DaysAfterIncident { days: 30 },
            )],
        )
        .with_end_date(GCP_2023)
        .with_label("older template table (SLO 99.99 % from 13 January 2020)"),
    )
    .with_version(
        PolicyVersion::from_date(
            GCP_2023,
            vec![sla_credit(
                current,
                clause,
                ClaimDeadline::DaysAfterIncident { days: 60 },
            )],
        )
        .with_label(match options.current_table {
            GcpCurrentTable::Reported => {
                "reported current table (unconfirmed), from 29 August 2023"
            }
            GcpCurrentTable::OlderTemplate => "older template table kept after 29 August 2023",
        }),
    );
    policy.citation = "Google Compute Engine Service Level Agreement, \
        cloud.google.com/compute/sla, with dated versions (sla-20200113 and later)"
        .to_owned();
    policy.evidence = Evidence::Memory;
    policy.readings = common_readings();
    policy.readings.extend([
        match options.current_table {
            GcpCurrentTable::Reported => {
                "From 29 August 2023 the table reported as current (100 % below 95 %, capped at \
                 the amount due) applies; it is not confirmed."
            }
            GcpCurrentTable::OlderTemplate => {
                "The older template table (50 % below 95 %, capped at 50 %) is kept for \
                 incidents after 29 August 2023 too."
            }
        }
        .to_owned(),
        "The notice period (30 days, 60 days from 29 August 2023) runs from the end of the \
         billing month."
            .to_owned(),
    ]);
    policy
}

/// The Google Compute Engine SLA for a single instance of a general (not
/// memory-optimised) machine family, by the incident's date. Its id
/// `gcp-compute-single-instance` is not in the catalog's registry; use it directly.
///
/// - From 7 April 2020 (SLO 99.5 %): at least 99.0 % and under 99.5 % → 10 %; 95.0 % to
///   under 99.0 % → 25 %; under 95.0 % → 50 % (capped at 50 %) \[M\].
/// - From 29 August 2023 (SLO 99.9 %): at least 95.0 % and under 99.9 % → 10 %; 90.0 % to
///   under 95.0 % → 25 %; under 90.0 % → 100 % [S, a third party that checked the live
///   page]. When the 99.9 % SLO took effect is not known; the same date as the multi-zone
///   table is assumed.
///
/// Otherwise as [`gcp_compute_multizone`]. **How firm:** \[M\].
///
/// # Example
/// ```
/// // June 2024 (30 days), 480 minutes down → 98.88889 % → current table, 10 % of USD 150.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [plan]
///     provider = "Google"
///     currency = "USD"
///     time_zone = "UTC"
///     [[plan.services]]
///     kind = "compute"
///     monthly_price = "150"
///     [[outages]]
///     services = ["compute"]
///     start = "2024-06-10T00:00:00Z"
///     end = "2024-06-10T08:00:00Z"
/// "#).unwrap();
/// let result = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::contracts::gcp_compute_single_instance())?;
/// assert_eq!(result.total.to_string(), "15.00");
/// # Ok::<(), redress::Error>(())
/// ```
pub fn gcp_compute_single_instance() -> Policy {
    let clause = "Compute Engine SLA: single instance";
    let april_2020 = Rule::Cap {
        limit: share(50),
        rule: Box::new(tiers(&[
            (pct(990, 1), pct(995, 1), 10),
            (pct(950, 1), pct(990, 1), 25),
            (Decimal::ZERO, pct(950, 1), 50),
        ])),
    };
    let current = Rule::Cap {
        limit: share(100),
        rule: Box::new(tiers(&[
            (pct(950, 1), pct(999, 1), 10),
            (pct(900, 1), pct(950, 1), 25),
            (Decimal::ZERO, pct(900, 1), 100),
        ])),
    };
    let mut policy = cloud_policy(
        "gcp-compute-single-instance",
        "Google Compute Engine SLA: single instance",
        &["Google"],
    )
    .with_version(
        PolicyVersion::from_date(
            GCP_2020_04,
            vec![sla_credit(
                april_2020,
                clause,
                ClaimDeadline::DaysAfterIncident { days: 30 },
            )],
        )
        .with_end_date(GCP_2023)
        .with_label("SLO 99.5 % (7 April 2020)"),
    )
    .with_version(
        PolicyVersion::from_date(
            GCP_2023,
            vec![sla_credit(
                current,
                clause,
                ClaimDeadline::DaysAfterIncident { days: 60 },
            )],
        )
        .with_label("SLO 99.9 %, reported current table"),
    );
    policy.citation = "Google Compute Engine Service Level Agreement, \
        cloud.google.com/compute/sla, with dated versions (sla-20200407 and later)"
        .to_owned();
    policy.evidence = Evidence::Memory;
    policy.readings = common_readings();
    policy
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::contracts::cloud_sla::testing::{cloud, downtime, has_note, total};
    use crate::test_support::assess;
    use crate::ClaimFile;

    /// Outages of the given (minutes, seconds) in March 2024 (31 days, 44,640 min), a week apart.
    fn gcp_march(year: i32, charges: &str, episodes: &[(i64, i64)]) -> ClaimFile {
        let mut rest = String::new();
        for (i, (m, s)) in episodes.iter().enumerate() {
            let from = chrono::DateTime::parse_from_rfc3339(&format!(
                "{year}-03-{:02}T10:00:00Z",
                5 + 7 * i
            ))
            .unwrap();
            let to = from + chrono::TimeDelta::minutes(*m) + chrono::TimeDelta::seconds(*s);
            rest.push_str(&format!(
                "[[outages]]\nservices = [\"compute\"]\nstart = \"{}\"\nend = \"{}\"\n",
                from.to_rfc3339(),
                to.to_rfc3339()
            ));
        }
        toml::from_str(&format!(
            r#"
            [plan]
            provider = "Google"
            currency = "USD"
            time_zone = "UTC"
            [[plan.services]]
            kind = "compute"
            monthly_price = "{charges}"
            {rest}
            "#
        ))
        .unwrap()
    }

    fn gcp_older() -> Policy {
        gcp_compute_multizone_with(GcpOptions {
            current_table: GcpCurrentTable::OlderTemplate,
        })
    }

    #[test]
    fn gcp_partial_minutes_ignored_10_percent_under_either_table() {
        // 31-day month (44,640 min); 12 min, 45 s (ignored) and 30 min → 42 min → 44,598
        // / 44,640 = 99.90591 % → 10 % under either table → USD 200.00 of 2,000.
        let episodes = [(12, 0), (0, 45), (30, 0)];
        for (year, policy) in [
            (2024, gcp_compute_multizone()),
            (2022, gcp_compute_multizone()),
            (2024, gcp_older()),
        ] {
            let result = assess(&gcp_march(year, "2000", &episodes), &policy).unwrap();
            assert_eq!(result.total.to_string(), "200.00", "{year}");
            assert_eq!(downtime(&result), 42);
        }
    }

    #[test]
    fn gcp_single_instance_table_by_date() {
        // Single instance, 30-day month, 480 min → (43,200 − 480) / 43,200 = 42,720
        // / 43,200 = 98.88889 %. Current table (SLO 99.9 %): 95–< 99.9 → 10 % of USD 150 =
        // USD 15.00. April 2020 version (SLO 99.5 %): 95–< 99 → 25 % → USD 37.50.
        let june = |year: i32| {
            let mut claim = cloud("Google", "150", &format!("{year}-06-10T00:00:00Z"), 480, 0);
            claim.customer = None;
            claim
        };
        assert_eq!(total(&june(2024), &gcp_compute_single_instance()), "15.00");
        assert_eq!(total(&june(2021), &gcp_compute_single_instance()), "37.50");
    }

    #[test]
    fn gcp_forty_eight_hours_50_or_100_percent() {
        // Multi-zone, 30-day month, 2,880 min (48 h) → 93.33333 % → under 95 %: 50 % under
        // the older table, 100 % under the reported current one. Charges USD 1,000 →
        // USD 500.00 or USD 1,000.00.
        let june = |year: i32| {
            cloud(
                "Google",
                "1000",
                &format!("{year}-06-10T00:00:00Z"),
                2880,
                0,
            )
        };
        assert_eq!(total(&june(2024), &gcp_compute_multizone()), "1000.00");
        assert_eq!(total(&june(2024), &gcp_older()), "500.00");
        // Before 29 August 2023 the older table applies whatever the option.
        assert_eq!(total(&june(2022), &gcp_compute_multizone()), "500.00");
    }

    #[test]
    fn gcp_twelve_minutes_forty_seconds_counts_as_twelve() {
        // A 12 min 40 s episode counts as 12 whole minutes.
        let result = assess(
            &gcp_march(2024, "2000", &[(12, 40)]),
            &gcp_compute_multizone(),
        )
        .unwrap();
        assert_eq!(downtime(&result), 12);
        // 12 / 44,640 → 99.97312 % → 10 % → USD 200.00.
        assert_eq!(result.total.to_string(), "200.00");
    }

    #[test]
    fn gcp_notice_period_and_dates() {
        // March 2024 incident: eligible at the end of the month (1 April); 60 days → 31 May.
        let result = assess(
            &gcp_march(2024, "2000", &[(30, 0)]),
            &gcp_compute_multizone(),
        )
        .unwrap();
        assert_eq!(
            result.lines[0].deadline,
            NaiveDate::from_ymd_opt(2024, 5, 31)
        );
        // Under the older version: 30 days → 1 May 2022.
        let older = assess(
            &gcp_march(2022, "2000", &[(30, 0)]),
            &gcp_compute_multizone(),
        )
        .unwrap();
        assert_eq!(older.lines[0].deadline, NaiveDate::from_ymd_opt(2022, 5, 1));
        // Before 13 January 2020: nothing, and the notes say why.
        let early = assess(
            &gcp_march(2019, "2000", &[(30, 0)]),
            &gcp_compute_multizone(),
        )
        .unwrap();
        assert_eq!(early.total.to_string(), "0.00");
        assert!(
            has_note(&early, "in force from 2020-01-13"),
            "{:?}",
            early.notes
        );
    }
}
