//! What the cloud service level agreements share: Amazon EC2 (`aws-ec2-region`), Google
//! Compute Engine (`gcp-compute-multizone`) and Azure Virtual Machines (`azure-vm`).
//!
//! All three have one shape: each billing period's uptime is (minutes in the period −
//! minutes down) ÷ minutes in the period, each outage counting in whole minutes; the
//! tier the unrounded uptime falls in gives a percentage of that period's charges for
//! the service (the plan's `compute` price, which the claim file gives as the month's
//! charges), owed on request.

use rust_decimal::Decimal;

use crate::money::Currency;
use crate::outage::Cause;
use crate::plan::ServiceKind;
use crate::policy::{
    Amount, ClaimDeadline, Payment, Policy, Provision, Rule, ServiceScope, Subject, Tier,
    UptimeTiers,
};

/// A percentage with a scale: `pct(9999, 2)` is 99.99.
pub(super) fn pct(units: i64, scale: u32) -> Decimal {
    Decimal::new(units, scale)
}

/// Uptime tiers `[from, to) → credit %`, bounds as percentages.
pub(super) fn tiers(bands: &[(Decimal, Decimal, i64)]) -> Rule {
    Rule::UptimeTiers(UptimeTiers {
        tiers: bands
            .iter()
            .map(|&(from, to, credit)| Tier::new(from, to, Decimal::from(credit)))
            .collect(),
    })
}

/// A share of the month's charges, as a cap.
pub(super) fn share(percent: i64) -> Amount {
    Amount::ShareOfMonthly(Decimal::new(percent, 2))
}

/// The claim-side terms every cloud SLA here shares: each billing period of the compute
/// service, on request, customer-caused and force majeure outages excluded.
pub(super) fn sla_credit(rule: Rule, clause: &str, deadline: ClaimDeadline) -> Provision {
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

/// A policy for the compute service of the named providers, in any jurisdiction.
pub(super) fn cloud_policy(id: &str, title: &str, providers: &[&str]) -> Policy {
    let mut policy =
        Policy::new(id, title, Currency::USD).with_services(vec![ServiceKind::Compute]);
    policy.jurisdiction = "*".to_owned();
    policy.providers = providers.iter().map(|p| (*p).to_owned()).collect();
    policy
}

/// The readings every cloud SLA here takes.
pub(super) fn common_readings() -> Vec<String> {
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

/// What the tests of the cloud SLAs share: a claim with one outage of the compute service.
#[cfg(test)]
pub(super) mod testing {
    use crate::claim::Basis;
    use crate::policy::Policy;
    use crate::test_support::assess;
    use crate::{Claim, ClaimFile};

    /// One outage of `minutes` (and `seconds`) from `start`, with the month's charges.
    pub(crate) fn cloud(
        provider: &str,
        charges: &str,
        start: &str,
        minutes: i64,
        seconds: i64,
    ) -> ClaimFile {
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

    pub(crate) fn total(claim: &ClaimFile, policy: &Policy) -> String {
        assess(claim, policy).unwrap().total.to_string()
    }

    pub(crate) fn has_note(claim: &Claim, text: &str) -> bool {
        claim.notes.iter().any(|n| n.contains(text))
    }

    pub(crate) fn downtime(claim: &Claim) -> i64 {
        match &claim.lines[0].basis {
            Basis::Uptime {
                downtime_minutes, ..
            } => *downtime_minutes,
            other => panic!("not an uptime line: {other:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::cloud;
    use crate::catalog::contracts::{aws_ec2_region, azure_vm, gcp_compute_multizone};
    use crate::plan::ServiceKind;
    use crate::policy::Evidence;

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
