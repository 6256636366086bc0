//! Azure Virtual Machines: Microsoft's Service Level Agreement (`azure-vm`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::policy::{ClaimDeadline, Evidence, Policy, PolicyVersion, Rule};

use super::cloud_sla::{cloud_policy, common_readings, pct, share, sla_credit, tiers};
use crate::catalog::ymd;

/// Azure VM SLA v1.8 (March 2018), which added the Availability Zone SLO.
const AZURE_2018: NaiveDate = ymd(2018, 3, 1);

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
/// and the general terms of the Microsoft SLA for Online Services.
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
/// let mut options = AzureVmOptions::default();
/// options.slo = AzureVmSlo::SingleInstancePremium;
/// let single = azure_vm_with(options);
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
