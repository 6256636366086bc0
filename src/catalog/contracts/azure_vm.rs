//! Azure Virtual Machines: Microsoft's Service Level Agreement (`azure-vm`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::plan::Deployment;
use crate::policy::{ClaimDeadline, Condition, Evidence, Policy, PolicyVersion, Rule};

use super::cloud_sla::{cloud_policy, common_readings, pct, share, sla_credit, tiers};
use crate::catalog::ymd;

/// Azure VM SLA v1.8 (March 2018), which added the Availability Zone SLO.
const AZURE_2018: NaiveDate = ymd(2018, 3, 1);

/// The deployment [`azure_vm_with`] takes for a compute service whose claim file gives
/// no `deployment` (see [`Deployment`]).
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
    /// A single instance with Premium SSD storage for all disks: 99.9 %.
    SingleInstancePremium,
    /// A single instance with Standard SSD storage: 99.5 %.
    SingleInstanceStandardSsd,
    /// A single instance with Standard HDD storage: 95 %.
    SingleInstanceStandardHdd,
}

impl AzureVmSlo {
    /// The deployment this stands for.
    ///
    /// # Example
    /// ```
    /// use redress::{catalog::contracts::AzureVmSlo, Deployment};
    /// assert_eq!(AzureVmSlo::SingleInstancePremium.deployment(), Deployment::SingleInstancePremiumSsd);
    /// ```
    pub fn deployment(self) -> Deployment {
        match self {
            AzureVmSlo::AvailabilityZones => Deployment::AvailabilityZones,
            AzureVmSlo::AvailabilitySet => Deployment::AvailabilitySet,
            AzureVmSlo::SingleInstancePremium => Deployment::SingleInstancePremiumSsd,
            AzureVmSlo::SingleInstanceStandardSsd => Deployment::SingleInstanceStandardSsd,
            AzureVmSlo::SingleInstanceStandardHdd => Deployment::SingleInstanceStandardHdd,
        }
    }
}

/// The readings [`azure_vm_with`] can take; [`Default`] is the catalog's. More
/// readings may be added: start from `Default` and set the fields you choose.
///
/// # Example
/// ```
/// use redress::catalog::contracts::{AzureVmOptions, AzureVmSlo};
/// assert_eq!(AzureVmOptions::default().slo, AzureVmSlo::AvailabilityZones);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct AzureVmOptions {
    /// The deployment taken when the compute service gives no `deployment`.
    pub slo: AzureVmSlo,
}

/// Three credit tiers `[from, to) → credit %`, bounds as uptime percentages.
type Bands = [(Decimal, Decimal, i64); 3];

/// Each deployment's commitment and credit tiers, in [`Deployment::words`] order.
fn commitments() -> [(Deployment, &'static str, Bands); 5] {
    let below = |slo: Decimal| {
        [
            (pct(99, 0), slo, 10),
            (pct(95, 0), pct(99, 0), 25),
            (Decimal::ZERO, pct(95, 0), 100),
        ]
    };
    [
        (
            Deployment::AvailabilityZones,
            "99.99 %",
            below(pct(9999, 2)),
        ),
        (Deployment::AvailabilitySet, "99.95 %", below(pct(9995, 2))),
        (
            Deployment::SingleInstancePremiumSsd,
            "99.9 %",
            below(pct(999, 1)),
        ),
        (
            Deployment::SingleInstanceStandardSsd,
            "99.5 %",
            below(pct(995, 1)),
        ),
        (
            Deployment::SingleInstanceStandardHdd,
            "95 %",
            [
                (pct(92, 0), pct(95, 0), 10),
                (pct(90, 0), pct(92, 0), 25),
                (Decimal::ZERO, pct(90, 0), 100),
            ],
        ),
    ]
}

/// The tiers of the compute service's deployment: one branch per deployment, a service
/// that gives none taken as `if_absent` (and the claim's notes say so).
fn by_deployment(if_absent: Deployment) -> Rule {
    let mut rule: Option<Rule> = None;
    for (deployment, _, bands) in commitments().into_iter().rev() {
        rule = Some(Rule::When {
            condition: Condition::DeployedAs {
                deployment,
                if_absent,
            },
            then: Box::new(tiers(&bands)),
            otherwise: rule.map(Box::new),
        });
    }
    rule.unwrap_or_else(|| tiers(&[]))
}

/// `azure-vm`: the Azure Virtual Machines SLA, its commitment following the compute
/// service's `deployment` (99.99 % across Availability Zones when none is given).
///
/// **The rule.** Uptime = (minutes in the billing month − minutes with no connectivity to
/// any instance) ÷ minutes in the month. Below the deployment's commitment the customer
/// may claim a credit of the month's fees for the service:
///
/// | `deployment` | commitment | 10 % | 25 % | 100 % |
/// |---|---|---|---|---|
/// | `availability-zones` (two or more instances across two or more zones) | 99.99 % | < 99.99 % | < 99 % | < 95 % |
/// | `availability-set` (two or more instances in one set) | 99.95 % | < 99.95 % | < 99 % | < 95 % |
/// | `single-instance-premium-ssd` (Premium SSD or Ultra Disk for every disk) | 99.9 % | < 99.9 % | < 99 % | < 95 % |
/// | `single-instance-standard-ssd` | 99.5 % | < 99.5 % | < 99 % | < 95 % |
/// | `single-instance-standard-hdd` | 95 % | < 95 % | < 92 % | < 90 % |
///
/// Each band includes its lower bound; the tier is chosen on the unrounded uptime. A
/// compute service with no `deployment` is taken as deployed across Availability Zones,
/// and the claim's notes say so, naming the field. A single instance on other storage
/// has no commitment: leave such a service out. A month's credits never exceed that
/// month's fee. The claim must reach Microsoft within two months after the end of the
/// billing month of the incident. Outages with cause `customer` or `force-majeure` do not
/// count. The plan's provider must name Microsoft or Azure.
///
/// Maximum Available Minutes are counted over the whole billing month here; the SLA counts
/// them from when the qualifying deployment is running, which the claim file does not say.
///
/// **Source.** Microsoft's Service Level Agreements for Online Services, Virtual Machines
/// (formerly the SLA for Azure Virtual Machines; v1.8 of March 2018 added the Availability
/// Zone commitment), azure.microsoft.com/support/legal/sla/virtual-machines/, and the
/// general terms of the same document.
///
/// **How firm.** The zone, set and Premium SSD commitments and the version history are
/// \[P\]; the Standard SSD and Standard HDD commitments \[S\]; the credit tiers \[S\]
/// (consistent with the v1.5 note), those of Standard SSD and Standard HDD \[M\]; the
/// uptime formula, the claim window and the fee cap are \[M\] or \[S\]. Graded \[M\]. The
/// day of March 2018 v1.8 took effect is not known; the 1st is taken, and earlier
/// incidents earn nothing here.
///
/// # Example
/// ```
/// // June 2025 (30 days = 43,200 min), 30 minutes with no connectivity in an
/// // Availability Set (99.95 %): 43,170 / 43,200 = 99.93056 % → 10 % of USD 3,000.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [plan]
///     provider = "Microsoft Azure"
///     currency = "USD"
///     time_zone = "UTC"
///     [[plan.services]]
///     kind = "compute"
///     monthly_price = "3000"
///     deployment = "availability-set"
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

/// `azure-vm` taking another deployment for a compute service that gives none; a
/// service's own `deployment` always wins. See [`azure_vm`].
///
/// # Example
/// ```
/// use redress::catalog::contracts::{azure_vm_with, AzureVmOptions, AzureVmSlo};
/// let mut options = AzureVmOptions::default();
/// options.slo = AzureVmSlo::SingleInstancePremium;
/// let single = azure_vm_with(options);
/// assert!(single.readings.iter().any(|r| r.contains("taken as single-instance-premium-ssd")));
/// ```
pub fn azure_vm_with(options: AzureVmOptions) -> Policy {
    let if_absent = options.slo.deployment();
    let rule = Rule::Cap {
        limit: share(100),
        rule: Box::new(by_deployment(if_absent)),
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
    policy.citation = "Microsoft, Service Level Agreements for Online Services: Virtual \
        Machines (SLA for Azure Virtual Machines v1.8), \
        azure.microsoft.com/support/legal/sla/virtual-machines/, and its general terms"
        .to_owned();
    policy.evidence = Evidence::Memory;
    policy.readings = common_readings();
    let listed: Vec<String> = commitments()
        .iter()
        .map(|(deployment, slo, _)| format!("{deployment} {slo}"))
        .collect();
    policy.readings.extend([
        format!(
            "The commitment follows the compute service's deployment ({}); a service with no \
             deployment is taken as {if_absent}.",
            listed.join(", ")
        ),
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
    use crate::catalog::contracts::cloud_sla::testing::{cloud, has_note, total};
    use crate::test_support::assess;
    use crate::ClaimFile;

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
    fn azure_thirty_minutes_across_zones() {
        // Availability Zones, 30-day month, 30 min → 43,170 / 43,200 = 99.93056 % → 10 % of
        // USD 3,000 → USD 300.00, on request.
        let result = assess(&azure_june("3000", 30), &azure_vm()).unwrap();
        assert_eq!(result.total.to_string(), "300.00");
        assert!(!result.automatic);
    }

    #[test]
    fn azure_three_minutes_is_no_credit() {
        // 3 min → 43,197 / 43,200 = 99.99306 % ≥ 99.99 % → nothing.
        assert_eq!(total(&azure_june("3000", 3), &azure_vm()), "0.00");
    }

    #[test]
    fn azure_single_premium_instance() {
        // Single VM on premium storage (SLO 99.9 %), 480 min → 98.88889 % → below 99 %
        // → 25 % of USD 150 → USD 37.50.
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
    fn azure_claim_window_ends_two_months_after_the_billing_month() {
        // Incident 20 January → billing month January → claim by 31 March.
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
}
