//! Cloud service level agreements: Amazon EC2 (`aws-ec2-region`), Google Compute
//! Engine (`gcp-compute-multizone`) and Azure Virtual Machines (`azure-vm`).
//!
//! All three share one shape: each billing period's uptime is (minutes in the period −
//! minutes down) ÷ minutes in the period, each outage counting in whole minutes; the
//! tier the unrounded uptime falls in gives a percentage of that period's charges for
//! the service (the plan's `compute` price, which the claim file gives as the month's
//! charges), owed on request.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::money::Currency;
use crate::outage::Cause;
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, ClaimDeadline, Evidence, Payment, Policy, PolicyVersion, Provision, Rule, ServiceScope,
    Subject, Tier, UptimeTiers,
};

use crate::catalog::ymd;

/// The AWS compute SLA version of 5 May 2022, the earliest read with today's structure.
const AWS_2022: NaiveDate = ymd(2022, 5, 5);
/// Google's multi-zone SLO of 99.99 % (SLA version of 13 January 2020).
const GCP_2020_01: NaiveDate = ymd(2020, 1, 13);
/// Google's single-instance SLO (SLA version of 7 April 2020).
const GCP_2020_04: NaiveDate = ymd(2020, 4, 7);
/// The dated Google SLA version from which the current tables are taken to apply.
const GCP_2023: NaiveDate = ymd(2023, 8, 29);
/// Azure VM SLA v1.8 (March 2018), which added the Availability Zone SLO.
const AZURE_2018: NaiveDate = ymd(2018, 3, 1);

/// A percentage with a scale: `pct(9999, 2)` is 99.99.
fn pct(units: i64, scale: u32) -> Decimal {
    Decimal::new(units, scale)
}

/// Uptime tiers `[from, to) → credit %`, bounds as percentages.
fn tiers(bands: &[(Decimal, Decimal, i64)]) -> Rule {
    Rule::UptimeTiers(UptimeTiers {
        tiers: bands
            .iter()
            .map(|&(from, to, credit)| Tier::new(from, to, Decimal::from(credit)))
            .collect(),
    })
}

/// A share of the month's charges, as a cap.
fn share(percent: i64) -> Amount {
    Amount::ShareOfMonthly(Decimal::new(percent, 2))
}

/// The claim-side terms every cloud SLA here shares: each billing period of the compute
/// service, on request, customer-caused and force majeure outages excluded.
fn sla_credit(rule: Rule, clause: &str, deadline: ClaimDeadline) -> Provision {
    Provision::new(
        "service credit",
        Subject::BillingPeriods {
            scope: ServiceScope::EachService,
        },
        rule,
    )
    .with_clause(clause)
    .with_payment(Payment::OnRequest)
    .with_deadline(deadline)
    .with_excluded_causes(&[Cause::Customer, Cause::ForceMajeure])
}

fn cloud_policy(id: &str, title: &str, providers: &[&str]) -> Policy {
    let mut policy =
        Policy::new(id, title, Currency::USD).with_services(vec![ServiceKind::Compute]);
    policy.jurisdiction = "*".to_owned();
    policy.providers = providers.iter().map(|p| (*p).to_owned()).collect();
    policy
}

/// The readings every cloud SLA here takes.
fn common_readings() -> Vec<String> {
    vec![
        "The month is the plan's actual billing period; its length sets the minutes in the month."
            .to_owned(),
        "Each outage counts in whole minutes: a partial minute, or an outage under a minute, does \
         not count."
            .to_owned(),
        "A tier includes its lower bound and excludes its upper; the tier is chosen on the exact, \
         unrounded uptime."
            .to_owned(),
        "Only full loss of service counts (degraded = false); slow or erroring service does not."
            .to_owned(),
        "The plan's compute price is taken as the month's charges for the covered service."
            .to_owned(),
    ]
}

// ------------------------------------------------------------------ AWS

/// `aws-ec2-region`: the Amazon Compute SLA at region level.
///
/// **The rule.** For each monthly billing cycle, Monthly Uptime Percentage = 100 % minus
/// the share of the month's minutes during which the customer's instances in two or more
/// Availability Zones of the region had no external connectivity at once. Below the
/// 99.99 % commitment the customer may claim a credit of the month's charges for EC2 in
/// that region: less than 99.99 % and at least 99.0 % → 10 %; less than 99.0 % and at
/// least 95.0 % → 30 %; less than 95.0 % → 100 %. A month's credit is issued only if it is
/// greater than USD 1. The credit must be requested (an AWS Support case, "SLA Credit
/// Request") by the end of the second billing cycle after the incident's, and goes
/// against future bills. Outages with cause `customer` or `force-majeure` (factors
/// outside AWS's control) do not count. The plan's provider must name AWS.
///
/// **Source.** Amazon Compute Service Level Agreement, Region-Level SLA,
/// aws.amazon.com/compute/sla/ (last updated 25 May 2022), and its version of 5 May 2022
/// at aws.amazon.com/compute/sla/historical/; fact sheet `utilities-cloud-goodwill.md` §1.1.
///
/// **How firm.** The tiers and the credit basis are \[P\] in the 5 May 2022 text and \[S\]
/// (several consistent copies) for the current page; the USD 1 minimum is \[P\] for other
/// AWS SLAs on the same template and \[S\] for compute; the claim deadline and the
/// exclusions are \[S\]. Graded \[S\]. Incidents before 5 May 2022 earn nothing here (the
/// 2018 text's tiers were not read).
///
/// # Example
/// ```
/// // June 2025 (30 days, 43,200 minutes), 50 minutes down, EC2 charges USD 1,200:
/// // 43,150 / 43,200 = 99.88426 % → 10 % → USD 120.00, owed on request.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [customer]
///     region = "US"
///     [plan]
///     provider = "Amazon Web Services"
///     currency = "USD"
///     time_zone = "UTC"
///     [[plan.services]]
///     kind = "compute"
///     monthly_price = "1200"
///     [[outages]]
///     services = ["compute"]
///     start = "2025-06-10T10:00:00Z"
///     end = "2025-06-10T10:50:00Z"
/// "#).unwrap();
/// let result = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::contracts::aws_ec2_region())?;
/// assert_eq!(result.total.to_string(), "120.00");
/// assert!(!result.automatic);
/// assert_eq!(result.lines[0].deadline.unwrap().to_string(), "2025-08-31");
/// # Ok::<(), redress::Error>(())
/// ```
pub fn aws_ec2_region() -> Policy {
    aws(
        "aws-ec2-region",
        "Amazon Compute SLA: region level (EC2)",
        pct(9999, 2),
        "Amazon Compute SLA, Region-Level SLA",
    )
}

/// The Amazon Compute SLA at instance level, for one EC2 instance: the same terms as
/// [`aws_ec2_region`] with a 99.5 % commitment (less than 99.5 % and at least 99.0 % →
/// 10 %; less than 99.0 % and at least 95.0 % → 30 %; less than 95.0 % → 100 %), on the
/// charges paid for that instance. Its id `aws-ec2-instance` is not in the catalog's
/// registry (the catalog carries the region-level SLA); use it directly. A customer
/// claims for an instance under one level or the other, not both.
///
/// Not encoded: the separate rule that an instance unavailable for more than six minutes
/// of a clock hour is not charged for that hour; give the month's charges after that
/// rule as the plan's price (the credit is on the charges paid).
///
/// **How firm.** \[S\]: several verbatim copies of the instance-level text.
///
/// # Example
/// ```
/// // 240 minutes down in a 30-day month → 99.44444 % → 10 % of USD 69.12 = 6.912 → 6.91.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [plan]
///     provider = "AWS"
///     currency = "USD"
///     time_zone = "UTC"
///     [[plan.services]]
///     kind = "compute"
///     monthly_price = "69.12"
///     [[outages]]
///     services = ["compute"]
///     start = "2025-06-10T10:03:00Z"
///     end = "2025-06-10T14:03:00Z"
/// "#).unwrap();
/// let result = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::contracts::aws_ec2_instance())?;
/// assert_eq!(result.total.to_string(), "6.91");
/// # Ok::<(), redress::Error>(())
/// ```
pub fn aws_ec2_instance() -> Policy {
    aws(
        "aws-ec2-instance",
        "Amazon Compute SLA: instance level (EC2)",
        pct(995, 1),
        "Amazon Compute SLA, Instance-Level SLA",
    )
}

fn aws(id: &str, title: &str, commitment: Decimal, clause: &str) -> Policy {
    let rule = Rule::MinimumPayout {
        more_than: Decimal::ONE,
        rule: Box::new(tiers(&[
            (pct(990, 1), commitment, 10),
            (pct(950, 1), pct(990, 1), 30),
            (Decimal::ZERO, pct(950, 1), 100),
        ])),
    };
    let mut policy = cloud_policy(id, title, &["Amazon Web Services", "AWS"]).with_version(
        PolicyVersion::from_date(
            AWS_2022,
            vec![sla_credit(
                rule,
                clause,
                ClaimDeadline::EndOfBillingCyclesAfter { cycles: 2 },
            )],
        )
        .with_label("version of 5 May 2022 (current page of 25 May 2022)"),
    );
    policy.citation = "Amazon Compute Service Level Agreement, aws.amazon.com/compute/sla/ \
        (last updated 25 May 2022); version of 5 May 2022 at aws.amazon.com/compute/sla/historical/"
        .to_owned();
    policy.evidence = Evidence::Secondary;
    policy.readings = common_readings();
    policy.readings.extend([
        "A month's credit is issued only if it is more than USD 1, before rounding.".to_owned(),
        "\"By the end of the second billing cycle after the incident\" is the last day of the \
         second full billing period after the incident's own."
            .to_owned(),
    ]);
    policy
}

// ------------------------------------------------------------------ Google

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

/// The readings [`gcp_compute_multizone_with`] can take; [`Default`] is the catalog's.
///
/// # Example
/// ```
/// use redress::catalog::contracts::{GcpCurrentTable, GcpOptions};
/// assert_eq!(GcpOptions::default().current_table, GcpCurrentTable::Reported);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
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
/// and its dated versions (sla-20200113 and later); fact sheet
/// `utilities-cloud-goodwill.md` §1.3.
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
/// let older = gcp_compute_multizone_with(GcpOptions { current_table: GcpCurrentTable::OlderTemplate });
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

// ------------------------------------------------------------------ Azure

/// Which Azure VM commitment the deployment has.
///
/// # Example
/// ```
/// use redress::catalog::contracts::AzureVmSlo;
/// assert_eq!(AzureVmSlo::default(), AzureVmSlo::AvailabilityZones);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum AzureVmSlo {
    /// Two or more instances across two or more Availability Zones: 99.99 %.
    #[default]
    AvailabilityZones,
    /// Two or more instances in one Availability Set: 99.95 %.
    AvailabilitySet,
    /// A single instance with premium storage for all disks: 99.9 %.
    SingleInstancePremium,
}

/// The readings [`azure_vm_with`] can take; [`Default`] is the catalog's.
///
/// # Example
/// ```
/// use redress::catalog::contracts::{AzureVmOptions, AzureVmSlo};
/// assert_eq!(AzureVmOptions::default().slo, AzureVmSlo::AvailabilityZones);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct AzureVmOptions {
    /// The deployment's commitment.
    pub slo: AzureVmSlo,
}

/// `azure-vm`: the Azure Virtual Machines SLA for a deployment across Availability Zones
/// (99.99 %); see [`azure_vm_with`] for the 99.95 % and 99.9 % commitments.
///
/// **The rule.** Uptime = (minutes in the billing month − minutes with no connectivity to
/// any instance) ÷ minutes in the month. Below the commitment x the customer may claim a
/// credit of the month's fees for the service: under x and at least 99 % → 10 %; under
/// 99 % and at least 95 % → 25 %; under 95 % → 100 %; a month's credits never exceed that
/// month's fee. The claim must reach Microsoft within two months after the end of the
/// billing month of the incident. Outages with cause `customer` or `force-majeure` do not
/// count. The plan's provider must name Microsoft or Azure.
///
/// Maximum Available Minutes are counted over the whole billing month here; the SLA counts
/// them from when the qualifying deployment is running, which the claim file does not say.
///
/// **Source.** SLA for Azure Virtual Machines, v1.8 (March 2018, which added the
/// Availability Zone commitment), azure.microsoft.com/support/legal/sla/virtual-machines/,
/// and the general terms of the Microsoft SLA for Online Services; fact sheet
/// `utilities-cloud-goodwill.md` §1.4.
///
/// **How firm.** The commitments and version history are \[P\]; the credit tiers are \[S\]
/// (consistent with the v1.5 note); the uptime formula, the claim window and the fee cap
/// are \[M\] or \[S\]. Graded \[M\]. The day of March 2018 v1.8 took effect is not known; the
/// 1st is taken, and earlier incidents earn nothing here.
///
/// # Example
/// ```
/// // June 2025 (30 days), 30 minutes with no connectivity → 99.93056 % → 10 % of USD 3,000.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [plan]
///     provider = "Microsoft Azure"
///     currency = "USD"
///     time_zone = "UTC"
///     [[plan.services]]
///     kind = "compute"
///     monthly_price = "3000"
///     [[outages]]
///     services = ["compute"]
///     start = "2025-06-10T10:00:00Z"
///     end = "2025-06-10T10:30:00Z"
/// "#).unwrap();
/// let result = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::contracts::azure_vm())?;
/// assert_eq!(result.total.to_string(), "300.00");
/// # Ok::<(), redress::Error>(())
/// ```
pub fn azure_vm() -> Policy {
    azure_vm_with(AzureVmOptions::default())
}

/// `azure-vm` for a chosen commitment: Availability Zones (99.99 %), an Availability Set
/// (99.95 %) or a single premium-storage instance (99.9 %). See [`azure_vm`].
///
/// # Example
/// ```
/// use redress::catalog::contracts::{azure_vm_with, AzureVmOptions, AzureVmSlo};
/// let single = azure_vm_with(AzureVmOptions { slo: AzureVmSlo::SingleInstancePremium });
/// assert!(single.readings.iter().any(|r| r.contains("99.9 %")));
/// ```
pub fn azure_vm_with(options: AzureVmOptions) -> Policy {
    let (slo, text) = match options.slo {
        AzureVmSlo::AvailabilityZones => (pct(9999, 2), "two or more Availability Zones: 99.99 %"),
        AzureVmSlo::AvailabilitySet => (pct(9995, 2), "an Availability Set: 99.95 %"),
        AzureVmSlo::SingleInstancePremium => {
            (pct(999, 1), "a single instance on premium storage: 99.9 %")
        }
    };
    let rule = Rule::Cap {
        limit: share(100),
        rule: Box::new(tiers(&[
            (pct(99, 0), slo, 10),
            (pct(95, 0), pct(99, 0), 25),
            (Decimal::ZERO, pct(95, 0), 100),
        ])),
    };
    let mut policy = cloud_policy(
        "azure-vm",
        "Azure Virtual Machines SLA",
        &["Microsoft", "Azure"],
    )
    .with_version(
        PolicyVersion::from_date(
            AZURE_2018,
            vec![sla_credit(
                rule,
                "SLA for Virtual Machines v1.8",
                ClaimDeadline::EndOfBillingCyclesAfter { cycles: 2 },
            )],
        )
        .with_label("v1.8 (March 2018)"),
    );
    policy.citation = "SLA for Azure Virtual Machines v1.8, \
        azure.microsoft.com/support/legal/sla/virtual-machines/; general terms of the Microsoft \
        Service Level Agreements for Online Services"
        .to_owned();
    policy.evidence = Evidence::Memory;
    policy.readings = common_readings();
    policy.readings.extend([
        format!("The deployment's commitment is that of {text}."),
        "The uptime is over the whole billing month (the SLA counts from when the deployment is \
         running)."
            .to_owned(),
        "The claim deadline is the last day of the second billing month after the incident's."
            .to_owned(),
    ]);
    policy
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claim::Basis;
    use crate::test_support::assess;
    use crate::{Claim, ClaimFile};

    /// One outage of `minutes` (and `seconds`) from `start`, with the month's charges.
    fn cloud(provider: &str, charges: &str, start: &str, minutes: i64, seconds: i64) -> ClaimFile {
        let from = chrono::DateTime::parse_from_rfc3339(start).unwrap();
        let to = from + chrono::TimeDelta::minutes(minutes) + chrono::TimeDelta::seconds(seconds);
        toml::from_str(&format!(
            r#"
            [customer]
            region = "US"
            [plan]
            provider = "{provider}"
            currency = "USD"
            time_zone = "UTC"
            [[plan.services]]
            kind = "compute"
            monthly_price = "{charges}"
            [[outages]]
            services = ["compute"]
            start = "{}"
            end = "{}"
            "#,
            from.to_rfc3339(),
            to.to_rfc3339()
        ))
        .unwrap()
    }

    /// June 2025: 30 days, 43,200 minutes.
    fn june(charges: &str, minutes: i64) -> ClaimFile {
        cloud("AWS", charges, "2025-06-10T10:00:00Z", minutes, 0)
    }

    fn total(claim: &ClaimFile, policy: &Policy) -> String {
        assess(claim, policy).unwrap().total.to_string()
    }

    fn has_note(claim: &Claim, text: &str) -> bool {
        claim.notes.iter().any(|n| n.contains(text))
    }

    fn downtime(claim: &Claim) -> i64 {
        match &claim.lines[0].basis {
            Basis::Uptime {
                downtime_minutes, ..
            } => *downtime_minutes,
            other => panic!("not an uptime line: {other:?}"),
        }
    }

    // ------------------------------------------------------------- AWS

    #[test]
    fn aws_1_1_example_1_fifty_minutes_on_1200() {
        // utilities §1.1 example 1: 30-day month (43,200 min), 50 min → 43,150 / 43,200 =
        // 99.88426 % → 10 % → 10 % × 1,200 = USD 120.00, on request.
        let result = assess(&june("1200", 50), &aws_ec2_region()).unwrap();
        assert_eq!(result.total.to_string(), "120.00");
        assert!(!result.automatic);
    }

    #[test]
    fn aws_1_1_example_2_five_minutes_is_the_first_credited_count() {
        // utilities §1.1 example 2: 30-day month: 4 min → 99.99074 % (none); 5 min → 99.98843 %
        // (10 %). 31-day month: 4 → 99.99104 % (none), 5 → 99.98880 % (10 %). 28-day month:
        // 5 → 99.98760 % (10 %). Charges USD 100 → 10 % = USD 10.00.
        assert_eq!(total(&june("100", 4), &aws_ec2_region()), "0.00");
        assert_eq!(total(&june("100", 5), &aws_ec2_region()), "10.00");
        let july = |m| cloud("AWS", "100", "2025-07-10T10:00:00Z", m, 0);
        assert_eq!(total(&july(4), &aws_ec2_region()), "0.00");
        assert_eq!(total(&july(5), &aws_ec2_region()), "10.00");
        let february = cloud("AWS", "100", "2025-02-10T10:00:00Z", 5, 0);
        assert_eq!(total(&february, &aws_ec2_region()), "10.00");
    }

    #[test]
    fn aws_1_1_example_3_lower_bounds_are_inclusive() {
        // utilities §1.1 example 3: 30-day month. 432 min → exactly 99.00000 % → still 10 %
        // (USD 120 of 1,200); 433 → 98.99769 % → 30 % (USD 360); 2,160 min → exactly
        // 95.00000 % → 30 % (USD 360); 2,161 → 94.99769 % → 100 % (USD 1,200).
        assert_eq!(total(&june("1200", 432), &aws_ec2_region()), "120.00");
        assert_eq!(total(&june("1200", 433), &aws_ec2_region()), "360.00");
        assert_eq!(total(&june("1200", 2160), &aws_ec2_region()), "360.00");
        assert_eq!(total(&june("1200", 2161), &aws_ec2_region()), "1200.00");
    }

    #[test]
    fn aws_1_1_example_4_minimum_credit_is_more_than_one_dollar() {
        // utilities §1.1 example 4: 10 % tier (50 min). USD 9.50 → 0.95 → not issued; USD 10.00
        // → exactly 1.00 → not issued ("greater than" USD 1); USD 10.50 → 1.05 → issued.
        let low = assess(&june("9.50", 50), &aws_ec2_region()).unwrap();
        assert_eq!(low.total.to_string(), "0.00");
        assert!(
            has_note(&low, "only credits of more than 1"),
            "{:?}",
            low.notes
        );
        assert_eq!(total(&june("10.00", 50), &aws_ec2_region()), "0.00");
        assert_eq!(total(&june("10.50", 50), &aws_ec2_region()), "1.05");
    }

    #[test]
    fn aws_1_1_example_5_instance_level() {
        // utilities §1.1 example 5: instance level, 30-day month, 240 min → 99.44444 % → 10 %;
        // charges 720 h × 0.096 = USD 69.12 → 6.912 → USD 6.91. 216 min → exactly 99.50000 % →
        // no credit; 217 → 99.49769 % → 10 % → USD 6.91.
        let instance = aws_ec2_instance();
        assert_eq!(total(&june("69.12", 240), &instance), "6.91");
        assert_eq!(total(&june("69.12", 216), &instance), "0.00");
        assert_eq!(total(&june("69.12", 217), &instance), "6.91");
        // Region level, the same 240 minutes (99.44444 % < 99.99 %) also earn 10 %.
        assert_eq!(total(&june("69.12", 240), &aws_ec2_region()), "6.91");
    }

    #[test]
    fn aws_1_1_example_6_the_credit_is_on_the_charges_paid() {
        // utilities §1.1 example 6: 10:03–14:03 UTC (240 min); the hours 10:00–13:00 each have
        // more than six minutes down, so 4 × 0.096 = USD 0.384 is not charged (that hourly
        // rule is not computed here). On the charges paid after it, 69.12 − 0.384 = 68.736,
        // the 10 % credit is 6.8736 → USD 6.87 (before it: 6.912 → 6.91).
        let after = cloud("AWS", "68.736", "2025-06-10T10:03:00Z", 240, 0);
        assert_eq!(total(&after, &aws_ec2_instance()), "6.87");
        let before = cloud("AWS", "69.12", "2025-06-10T10:03:00Z", 240, 0);
        assert_eq!(total(&before, &aws_ec2_instance()), "6.91");
    }

    #[test]
    fn aws_1_1_example_7_claim_by_the_end_of_the_second_cycle_after() {
        // utilities §1.1 example 7: incident on 15 March (calendar-month billing) → April, May →
        // claim by 31 May.
        let result = assess(
            &cloud("AWS", "1200", "2025-03-15T10:00:00Z", 50, 0),
            &aws_ec2_region(),
        )
        .unwrap();
        assert_eq!(
            result.lines[0].deadline,
            NaiveDate::from_ymd_opt(2025, 5, 31)
        );
        assert!(
            has_note(&result, "must be claimed by 2025-05-31"),
            "{:?}",
            result.notes
        );
    }

    #[test]
    fn aws_the_month_is_the_billing_period() {
        // Billing from the 15th: the period 15 Feb – 14 Mar 2025 has 28 days (40,320 min).
        // 404 min → 39,916 / 40,320 = 98.99802 % → 30 % of 1,200 = USD 360; the same 404 min
        // in June (43,200 min) → 99.06481 % → 10 % = USD 120.
        let mut claim = cloud("AWS", "1200", "2025-03-01T10:00:00Z", 404, 0);
        claim.plan.billing_day = 15;
        assert_eq!(total(&claim, &aws_ec2_region()), "360.00");
        assert_eq!(total(&june("1200", 404), &aws_ec2_region()), "120.00");
    }

    #[test]
    fn aws_exclusions_dates_and_degraded_service() {
        // Force majeure does not count.
        let mut claim = june("1200", 50);
        claim.outages[0].cause = Cause::ForceMajeure;
        let result = assess(&claim, &aws_ec2_region()).unwrap();
        assert_eq!(result.total.to_string(), "0.00");
        assert!(has_note(&result, "is excluded"), "{:?}", result.notes);
        // Degraded service is not unavailability.
        let mut slow = june("1200", 50);
        slow.outages[0].degraded = true;
        assert_eq!(total(&slow, &aws_ec2_region()), "0.00");
        // Before 5 May 2022: nothing, and the notes say why.
        let early = assess(
            &cloud("AWS", "1200", "2022-05-02T10:00:00Z", 50, 0),
            &aws_ec2_region(),
        )
        .unwrap();
        assert_eq!(early.total.to_string(), "0.00");
        assert!(
            has_note(&early, "in force from 2022-05-05"),
            "{:?}",
            early.notes
        );
    }

    #[test]
    fn cloud_policies_are_only_selected_for_their_providers() {
        let ids = |provider: &str| -> Vec<String> {
            crate::catalog::select(&crate::test_support::case(&cloud(
                provider,
                "100",
                "2025-06-10T10:00:00Z",
                50,
                0,
            )))
            .into_iter()
            .map(|p| p.id)
            .collect()
        };
        let aws = ids("Amazon Web Services");
        assert!(aws.contains(&"aws-ec2-region".to_owned()), "{aws:?}");
        assert!(!aws.contains(&"gcp-compute-multizone".to_owned()));
        assert!(!aws.contains(&"azure-vm".to_owned()));
        let google = ids("Google Cloud");
        assert!(google.contains(&"gcp-compute-multizone".to_owned()));
        assert!(!google.contains(&"aws-ec2-region".to_owned()));
        let azure = ids("Microsoft Azure");
        assert!(azure.contains(&"azure-vm".to_owned()));
        assert!(!azure.contains(&"gcp-compute-multizone".to_owned()));
        let other = ids("Hetzner");
        assert!(
            other.iter().all(
                |id| !["aws-ec2-region", "gcp-compute-multizone", "azure-vm"]
                    .contains(&id.as_str())
            ),
            "{other:?}"
        );
    }

    // ------------------------------------------------------------- Google

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
    fn gcp_1_3_example_1_partial_minutes_ignored_10_percent_under_either_table() {
        // utilities §1.3 example 1: 31-day month (44,640 min); 12 min, 45 s (ignored) and 30 min
        // → 42 min → 44,598 / 44,640 = 99.90591 % → 10 % under either table → USD 200.00 of 2,000.
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
    fn gcp_1_3_example_2_single_instance_table_by_date() {
        // utilities §1.3 example 2: single instance, 30-day month, 480 min →
        // (43,200 − 480) / 43,200 = 42,720 / 43,200 = 98.88889 %. Current table (SLO 99.9 %): 95–< 99.9 →
        // 10 % of USD 150 = USD 15.00. April 2020 version (SLO 99.5 %): 95–< 99 → 25 % →
        // USD 37.50.
        let june = |year: i32| {
            let mut claim = cloud("Google", "150", &format!("{year}-06-10T00:00:00Z"), 480, 0);
            claim.customer = None;
            claim
        };
        assert_eq!(total(&june(2024), &gcp_compute_single_instance()), "15.00");
        assert_eq!(total(&june(2021), &gcp_compute_single_instance()), "37.50");
    }

    #[test]
    fn gcp_1_3_example_3_forty_eight_hours_50_or_100_percent() {
        // utilities §1.3 example 3: multi-zone, 30-day month, 2,880 min (48 h) → 93.33333 % →
        // under 95 %: 50 % under the older table, 100 % under the reported current one.
        // Charges USD 1,000 → USD 500.00 or USD 1,000.00.
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
    fn gcp_1_3_example_4_twelve_minutes_forty_seconds_counts_as_twelve() {
        // utilities §1.3 example 4: a 12 min 40 s episode counts as 12 whole minutes.
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

    // ------------------------------------------------------------- Azure

    fn azure_june(charges: &str, minutes: i64) -> ClaimFile {
        cloud(
            "Microsoft Azure",
            charges,
            "2025-06-10T10:00:00Z",
            minutes,
            0,
        )
    }

    #[test]
    fn azure_1_4_example_1_thirty_minutes_across_zones() {
        // utilities §1.4 example 1: Availability Zones, 30-day month, 30 min → 43,170 / 43,200 =
        // 99.93056 % → 10 % of USD 3,000 → USD 300.00, on request.
        let result = assess(&azure_june("3000", 30), &azure_vm()).unwrap();
        assert_eq!(result.total.to_string(), "300.00");
        assert!(!result.automatic);
    }

    #[test]
    fn azure_1_4_example_2_three_minutes_is_no_credit() {
        // utilities §1.4 example 2: 3 min → 43,197 / 43,200 = 99.99306 % ≥ 99.99 % → nothing.
        assert_eq!(total(&azure_june("3000", 3), &azure_vm()), "0.00");
    }

    #[test]
    fn azure_1_4_example_3_single_premium_instance() {
        // utilities §1.4 example 3: single VM on premium storage (SLO 99.9 %), 480 min →
        // 98.88889 % → below 99 % → 25 % of USD 150 → USD 37.50.
        let single = azure_vm_with(AzureVmOptions {
            slo: AzureVmSlo::SingleInstancePremium,
        });
        assert_eq!(total(&azure_june("150", 480), &single), "37.50");
        // Under the default 99.99 % commitment the tiers below 99 % are the same: USD 37.50.
        assert_eq!(total(&azure_june("150", 480), &azure_vm()), "37.50");
        // 40 min → 99.90741 % ≥ 99.9 % → nothing for a single instance, 10 % across zones.
        assert_eq!(total(&azure_june("150", 40), &single), "0.00");
        assert_eq!(total(&azure_june("150", 40), &azure_vm()), "15.00");
    }

    #[test]
    fn azure_availability_set_commitment_is_99_95() {
        // 99.95 % of 43,200 min allows 21.6 min: 21 min → 99.95139 % → nothing; 22 min →
        // 99.94907 % → 10 % of USD 1,000 = USD 100.00.
        let set = azure_vm_with(AzureVmOptions {
            slo: AzureVmSlo::AvailabilitySet,
        });
        assert_eq!(total(&azure_june("1000", 21), &set), "0.00");
        assert_eq!(total(&azure_june("1000", 22), &set), "100.00");
        // Across zones 21 min is below 99.99 %: 10 %.
        assert_eq!(total(&azure_june("1000", 21), &azure_vm()), "100.00");
    }

    #[test]
    fn azure_1_4_example_4_claim_window() {
        // utilities §1.4 example 4: incident 20 January → billing month January → claim by
        // 31 March.
        let result = assess(
            &cloud("Azure", "3000", "2025-01-20T10:00:00Z", 30, 0),
            &azure_vm(),
        )
        .unwrap();
        assert_eq!(
            result.lines[0].deadline,
            NaiveDate::from_ymd_opt(2025, 3, 31)
        );
        assert!(
            has_note(&result, "must be claimed by 2025-03-31"),
            "{:?}",
            result.notes
        );
    }

    #[test]
    fn azure_credit_never_exceeds_the_fee_and_dates() {
        // All of June down → 0 % → 100 % of the fee, and no more.
        let all_june = cloud("Azure", "3000", "2025-06-01T00:00:00Z", 30 * 24 * 60, 0);
        let result = assess(&all_june, &azure_vm()).unwrap();
        assert_eq!(result.total.to_string(), "3000.00");
        assert_eq!(result.lines.len(), 1);
        // February 2018, before v1.8: nothing, and the notes say why.
        let early = assess(
            &cloud("Azure", "3000", "2018-02-10T10:00:00Z", 30, 0),
            &azure_vm(),
        )
        .unwrap();
        assert_eq!(early.total.to_string(), "0.00");
        assert!(
            has_note(&early, "in force from 2018-03-01"),
            "{:?}",
            early.notes
        );
    }

    #[test]
    fn cloud_policies_carry_their_metadata() {
        for (policy, evidence) in [
            (aws_ec2_region(), Evidence::Secondary),
            (gcp_compute_multizone(), Evidence::Memory),
            (azure_vm(), Evidence::Memory),
        ] {
            assert_eq!(policy.jurisdiction, "*");
            assert_eq!(policy.evidence, evidence, "{}", policy.id);
            assert!(!policy.providers.is_empty());
            assert!(!policy.citation.is_empty());
            assert!(policy.covers(&ServiceKind::Compute));
            assert!(!policy.covers(&ServiceKind::Storage));
        }
    }
}
