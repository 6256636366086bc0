//! Amazon EC2: the Amazon Compute Service Level Agreement at region level
//! (`aws-ec2-region`) and at instance level.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::policy::{ClaimDeadline, Evidence, Policy, PolicyVersion, Rule};

use super::cloud_sla::{cloud_policy, common_readings, pct, sla_credit, tiers};
use crate::catalog::ymd;

/// The AWS compute SLA version of 5 May 2022, the earliest read with today's structure.
const AWS_2022: NaiveDate = ymd(2022, 5, 5);

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
/// at aws.amazon.com/compute/sla/historical/.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::contracts::cloud_sla::testing::{cloud, has_note, total};
    use crate::outage::Cause;
    use crate::test_support::assess;
    use crate::ClaimFile;

    /// June 2025: 30 days, 43,200 minutes.
    fn june(charges: &str, minutes: i64) -> ClaimFile {
        cloud("AWS", charges, "2025-06-10T10:00:00Z", minutes, 0)
    }

    #[test]
    fn aws_fifty_minutes_on_1200_is_10_percent() {
        // 30-day month (43,200 min), 50 min → 43,150 / 43,200 = 99.88426 % → 10 % → 10 %
        // × 1,200 = USD 120.00, on request.
        let result = assess(&june("1200", 50), &aws_ec2_region()).unwrap();
        assert_eq!(result.total.to_string(), "120.00");
        assert!(!result.automatic);
    }

    #[test]
    fn aws_five_minutes_is_the_first_credited_count() {
        // 30-day month: 4 min → 99.99074 % (none); 5 min → 99.98843 % (10 %). 31-day month:
        // 4 → 99.99104 % (none), 5 → 99.98880 % (10 %). 28-day month: 5 → 99.98760 %
        // (10 %). Charges USD 100 → 10 % = USD 10.00.
        assert_eq!(total(&june("100", 4), &aws_ec2_region()), "0.00");
        assert_eq!(total(&june("100", 5), &aws_ec2_region()), "10.00");
        let july = |m| cloud("AWS", "100", "2025-07-10T10:00:00Z", m, 0);
        assert_eq!(total(&july(4), &aws_ec2_region()), "0.00");
        assert_eq!(total(&july(5), &aws_ec2_region()), "10.00");
        let february = cloud("AWS", "100", "2025-02-10T10:00:00Z", 5, 0);
        assert_eq!(total(&february, &aws_ec2_region()), "10.00");
    }

    #[test]
    fn aws_lower_bounds_are_inclusive() {
        // 30-day month. 432 min → exactly 99.00000 % → still 10 % (USD 120 of 1,200); 433
        // → 98.99769 % → 30 % (USD 360); 2,160 min → exactly 95.00000 % → 30 % (USD 360);
        // 2,161 → 94.99769 % → 100 % (USD 1,200).
        assert_eq!(total(&june("1200", 432), &aws_ec2_region()), "120.00");
        assert_eq!(total(&june("1200", 433), &aws_ec2_region()), "360.00");
        assert_eq!(total(&june("1200", 2160), &aws_ec2_region()), "360.00");
        assert_eq!(total(&june("1200", 2161), &aws_ec2_region()), "1200.00");
    }

    #[test]
    fn aws_minimum_credit_is_more_than_one_dollar() {
        // 10 % tier (50 min). USD 9.50 → 0.95 → not issued; USD 10.00 → exactly 1.00 → not
        // issued ("greater than" USD 1); USD 10.50 → 1.05 → issued.
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
    fn aws_instance_level_commitment_is_99_5() {
        // Instance level, 30-day month, 240 min → 99.44444 % → 10 %; charges 720 h × 0.096
        // = USD 69.12 → 6.912 → USD 6.91. 216 min → exactly 99.50000 % → no credit; 217
        // → 99.49769 % → 10 % → USD 6.91.
        let instance = aws_ec2_instance();
        assert_eq!(total(&june("69.12", 240), &instance), "6.91");
        assert_eq!(total(&june("69.12", 216), &instance), "0.00");
        assert_eq!(total(&june("69.12", 217), &instance), "6.91");
        // Region level, the same 240 minutes (99.44444 % < 99.99 %) also earn 10 %.
        assert_eq!(total(&june("69.12", 240), &aws_ec2_region()), "6.91");
    }

    #[test]
    fn aws_the_credit_is_on_the_charges_paid() {
        // 10:03–14:03 UTC (240 min); the hours 10:00–13:00 each have more than six minutes
        // down, so 4 × 0.096 = USD 0.384 is not charged (that hourly rule is not computed
        // here). On the charges paid after it, 69.12 − 0.384 = 68.736, the 10 % credit is
        // 6.8736 → USD 6.87 (before it: 6.912 → 6.91).
        let after = cloud("AWS", "68.736", "2025-06-10T10:03:00Z", 240, 0);
        assert_eq!(total(&after, &aws_ec2_instance()), "6.87");
        let before = cloud("AWS", "69.12", "2025-06-10T10:03:00Z", 240, 0);
        assert_eq!(total(&before, &aws_ec2_instance()), "6.91");
    }

    #[test]
    fn aws_claim_by_the_end_of_the_second_cycle_after() {
        // Incident on 15 March (calendar-month billing) → April, May → claim by 31 May.
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
}
