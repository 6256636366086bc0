//! Portugal: Lei das Comunicações Eletrónicas (Lei 16/2022), art. 129: automatic
//! credit for a service unavailable more than 24 hours (`pt-lei-16-2022`).

use chrono::NaiveDate;

use crate::money::Currency;
use crate::outage::Cause;
use crate::plan::ServiceKind;
use crate::policy::{
    ClaimDeadline, Clock, Condition, Evidence, Policy, PolicyVersion, ProRata, ProRataBasis,
    Provision, Rule, ServiceScope, Subject,
};
use crate::span::Span;

/// What the price is prorated over.
///
/// # Example
/// ```
/// assert_eq!(redress::catalog::pt::ProrationBase::default(), redress::catalog::pt::ProrationBase::BillingPeriod);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum ProrationBase {
    /// The actual length of the billing period (a 31-day period has 744 hours).
    #[default]
    BillingPeriod,
    /// A 30-day month of 720 hours, whatever the billing period's length.
    ThirtyDays,
}

/// Where the credited time starts.
///
/// # Example
/// ```
/// assert_eq!(redress::catalog::pt::CreditedFrom::default(), redress::catalog::pt::CreditedFrom::OutageStart);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum CreditedFrom {
    /// When service was lost (the provider knew: its own network failed).
    #[default]
    OutageStart,
    /// When the customer reported it; the 24-hour test still counts the whole outage.
    Report,
}

/// Whether one consecutive outage of more than 24 hours counts across a billing boundary.
///
/// # Example
/// ```
/// assert_eq!(redress::catalog::pt::Consecutive::default(), redress::catalog::pt::Consecutive::AcrossBillingPeriods);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Consecutive {
    /// A single outage of more than 24 hours counts whole, whatever billing periods it
    /// touches ("superior a 24 horas, consecutivas"); each part is credited in its own
    /// period.
    #[default]
    AcrossBillingPeriods,
    /// The 24 hours must fall within one billing period: an outage split 14 h / 16 h by a
    /// billing boundary earns nothing.
    WithinBillingPeriod,
}

/// The readings [`lei_16_2022_with`] can take; [`Default`] is the catalog's. More
/// readings may be added: start from `Default` and set the fields you choose.
///
/// # Example
/// ```
/// use redress::catalog::pt::{lei_16_2022_with, CreditedFrom, PtOptions};
/// let mut options = PtOptions::default();
/// options.credited_from = CreditedFrom::Report;
/// let p = lei_16_2022_with(options);
/// assert_eq!(p.id, "pt-lei-16-2022");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct PtOptions {
    /// What the price is prorated over.
    pub proration: ProrationBase,
    /// Where the credited time starts.
    pub credited_from: CreditedFrom,
    /// Whether a consecutive outage counts across a billing boundary.
    pub consecutive: Consecutive,
}

/// `pt-lei-16-2022`: Lei 16/2022 art. 129, with the catalog's readings.
///
/// A service unavailable for more than 24 hours, in one consecutive outage (even across a
/// billing boundary) or added up within a billing period, is credited without a request
/// with its price for the time out (monthly price × time out ÷ the billing period's
/// length, each part of an outage in its own period). Source: Lei 16/2022 art. 129, in
/// force 14 November 2022. Figures \[P\] (statute). [`lei_16_2022_with`] has the full
/// rule and the options.
///
/// # Example
/// ```
/// // €36 a month, a 720-hour billing period (June 2025), 129 hours out:
/// // 36 × 129 / 720 = €6.45, credited without a request.
/// let claim: redress::ClaimFile = toml::from_str(r#"
///     [plan]
///     currency = "EUR"
///     time_zone = "Europe/Lisbon"
///     [[plan.services]]
///     kind = "internet"
///     monthly_price = "36"
///     [[outages]]
///     services = ["internet"]
///     start = "2025-06-02T09:00:00+01:00"
///     end = "2025-06-07T18:00:00+01:00"
/// "#).unwrap();
/// let claim = redress::assess(&redress::Case::from_file(&claim)?, &redress::catalog::pt::lei_16_2022())?;
/// assert_eq!(claim.total.to_string(), "6.45");
/// assert!(claim.automatic);
/// # Ok::<(), redress::Error>(())
/// ```
pub fn lei_16_2022() -> Policy {
    lei_16_2022_with(PtOptions::default())
}

/// `pt-lei-16-2022` with chosen readings.
///
/// **The rule.** When a publicly available electronic communications service (phone,
/// mobile, internet, TV) is unavailable, for reasons not attributable to the user, for
/// more than 24 hours, consecutive or added up per billing period ("superior a 24 horas,
/// consecutivas ou acumuladas por período de faturação"), the provider must credit,
/// without any request, the price that would have been due for the time it was
/// unavailable: the monthly price × the time out ÷ the billing period's actual length.
/// Each service is assessed on its own. The credit goes on the next invoice (prepaid:
/// on the balance; a refund within 30 days if the contract has ended). Nothing is owed
/// for outages the user caused (`cause = "customer"`).
///
/// "Per billing period" qualifies the accumulated hours: outages are added up within one
/// billing period, and if they come to more than 24 hours every one of them there is
/// credited; a single consecutive outage of more than 24 hours is credited whole even
/// when it crosses a billing boundary. An outage across a boundary is split there and
/// each part prorated by its own period's length and price (out 30 Apr 10:00 → 1 May
/// 16:00 at €36: 36 × 14/720 + 36 × 16/744 = €0.70 + €0.77). Requiring the 24 hours
/// within one billing period is [`Consecutive::WithinBillingPeriod`].
///
/// **Source.** Lei n.º 16/2022, de 16 de agosto (Lei das Comunicações Eletrónicas),
/// art. 129.º(1); in force 14 November 2022.
///
/// **How firm.** \[P\]: read in the statute's text. The proration base and where the
/// credited time starts are ours (the statute says only "the price due for the period
/// of unavailability"); ANACOM's January 2026 remark that outages not attributable to
/// the operator (storms) may need a court's assessment is \[S\] and not encoded: such
/// outages are credited here, as the statute's words say.
///
/// **Not encoded:** the 24 hours may run from when the provider knew of the outage; the
/// claim file does not record that, so the outage's start stands for it.
///
/// # Example
/// ```
/// use redress::catalog::pt::{lei_16_2022_with, ProrationBase, PtOptions};
/// let mut options = PtOptions::default();
/// options.proration = ProrationBase::ThirtyDays;
/// let thirty = lei_16_2022_with(options);
/// assert!(thirty.readings.iter().any(|r| r.contains("720 hours")));
/// ```
pub fn lei_16_2022_with(options: PtOptions) -> Policy {
    let mut policy = Policy::new(
        "pt-lei-16-2022",
        "Lei 16/2022 art. 129: credit for a service unavailable more than 24 hours",
        Currency::EUR,
    );
    policy.jurisdiction = "PT".to_owned();
    policy.citation = "Lei n.º 16/2022, de 16 de agosto (Lei das Comunicações Eletrónicas), \
        art. 129; in force 14 November 2022"
        .to_owned();
    policy.evidence = Evidence::Primary;
    policy.services = vec![
        ServiceKind::Phone,
        ServiceKind::Mobile,
        ServiceKind::Internet,
        ServiceKind::Tv,
    ];
    let (basis, basis_reading) = match options.proration {
        ProrationBase::BillingPeriod => (
            ProRataBasis::BillingPeriod,
            "the price is prorated over the billing period's actual length",
        ),
        ProrationBase::ThirtyDays => (
            ProRataBasis::ThirtyDays,
            "the price is prorated over a 30-day month of 720 hours",
        ),
    };
    let (clock, clock_reading) = match options.credited_from {
        CreditedFrom::OutageStart => (
            Clock::default(),
            "the credited time runs from the loss of service",
        ),
        CreditedFrom::Report => (
            Clock::from_report(),
            "the credited time runs from the customer's report; the 24-hour test counts the whole outage",
        ),
    };
    let (otherwise, consecutive_reading) = consecutive(options.consecutive, basis, clock);
    policy.readings = vec![
        consecutive_reading.to_owned(),
        basis_reading.to_owned(),
        clock_reading.to_owned(),
    ];
    let credit = Provision::new(
        "unavailability credit",
        Subject::BillingPeriods {
            scope: ServiceScope::EachService,
        },
        // Over 24 hours in the period: every outage in it. Otherwise: the parts of
        // outages longer than 24 hours in all.
        Rule::When {
            condition: Condition::DurationMoreThan(Span::hours(24)),
            then: Box::new(Rule::ProRata(ProRata::new(basis).with_clock(clock))),
            otherwise,
        },
    )
    .with_clause("art. 129")
    .with_excluded_causes(&[Cause::Customer])
    .with_deadline(ClaimDeadline::EndOfBillingCyclesAfter { cycles: 1 });
    policy.with_version(
        PolicyVersion::from_date(
            NaiveDate::from_ymd_opt(2022, 11, 14).unwrap_or(NaiveDate::MIN),
            vec![credit],
        )
        .with_label("Lei 16/2022"),
    )
}

/// What a billing period whose outages add up to 24 hours or less still credits, and the
/// reading in plain words: the parts of outages longer than 24 hours in all, or nothing.
fn consecutive(
    consecutive: Consecutive,
    basis: ProRataBasis,
    clock: Clock,
) -> (Option<Box<Rule>>, &'static str) {
    match consecutive {
        Consecutive::AcrossBillingPeriods => (
            Some(Box::new(Rule::ProRata(
                ProRata::new(basis)
                    .with_clock(clock)
                    .with_outages_longer_than(Span::hours(24)),
            ))),
            "more than 24 hours out, in one consecutive outage (even across a billing \
             boundary) or added up within a billing period, each service on its own; an \
             outage across a boundary is credited in each period for its part there",
        ),
        Consecutive::WithinBillingPeriod => (
            None,
            "more than 24 hours out within one billing period, consecutive or added up, each \
             service on its own; an outage across a boundary counts in each period for its \
             part there only",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::assess;
    use crate::{Claim, ClaimFile};

    fn claim(outages: &[(&str, &str)], extra: &str) -> ClaimFile {
        let mut text = String::from(
            r#"
            [customer]
            region = "PT"
            [plan]
            currency = "EUR"
            time_zone = "Europe/Lisbon"
            [[plan.services]]
            kind = "internet"
            monthly_price = "36"
            "#,
        );
        for (start, end) in outages {
            text.push_str(&format!(
                "[[outages]]\nservices = [\"internet\"]\nstart = \"{start}\"\nend = \"{end}\"\n{extra}\n"
            ));
        }
        toml::from_str(&text).unwrap()
    }

    fn run(claim: &ClaimFile, options: PtOptions) -> Claim {
        assess(claim, &lei_16_2022_with(options)).unwrap()
    }

    /// €36/month, a 720 h billing period: a 129 h outage → 36 × 129 / 720 = €6.45,
    /// automatic. June 2025 is a 720-hour billing period (billing on the 1st).
    #[test]
    fn pt_129_hours_credited_automatically() {
        let c = run(
            &claim(
                &[("2025-06-02T09:00:00+01:00", "2025-06-07T18:00:00+01:00")],
                "",
            ),
            PtOptions::default(),
        );
        assert_eq!(c.total.to_string(), "6.45", "{c}");
        assert!(c.automatic);
        // Due by the end of the next billing period (July 2025).
        assert_eq!(c.lines[0].deadline, NaiveDate::from_ymd_opt(2025, 7, 31));
    }

    /// Two outages of 20 h and 10 h in one billing period (30 h > 24 h) → 36 × 20 / 720 +
    /// 36 × 10 / 720 = 1.00 + 0.50 = €1.50.
    #[test]
    fn pt_two_outages_in_a_billing_period_add_up() {
        let c = run(
            &claim(
                &[
                    ("2025-06-02T08:00:00+01:00", "2025-06-03T04:00:00+01:00"),
                    ("2025-06-10T08:00:00+01:00", "2025-06-10T18:00:00+01:00"),
                ],
                "",
            ),
            PtOptions::default(),
        );
        assert_eq!(c.total.to_string(), "1.50", "{c}");
        assert!(c.automatic);
    }

    /// A single 20 h outage → €0, with a note.
    #[test]
    fn pt_a_single_20_hour_outage_earns_nothing() {
        let c = run(
            &claim(
                &[("2025-06-02T08:00:00+01:00", "2025-06-03T04:00:00+01:00")],
                "",
            ),
            PtOptions::default(),
        );
        assert_eq!(c.total.to_string(), "0.00", "{c}");
        assert!(c.notes.iter().any(|n| n.contains("more than 24h")), "{c}");
    }

    /// The proration base (worked by hand): the 129 h outage in July 2025, a 744-hour
    /// billing period: 36 × 129 / 744 = 6.2419 → €6.24; over 720 hours (option): €6.45.
    #[test]
    fn pt_proration_base_billing_period_or_thirty_days() {
        let july = claim(
            &[("2025-07-07T09:00:00+01:00", "2025-07-12T18:00:00+01:00")],
            "",
        );
        assert_eq!(run(&july, PtOptions::default()).total.to_string(), "6.24");
        let thirty = PtOptions {
            proration: ProrationBase::ThirtyDays,
            ..PtOptions::default()
        };
        assert_eq!(run(&july, thirty).total.to_string(), "6.45");
    }

    /// Credited from the report (option), worked by hand: the 129 h outage reported 9 h
    /// after it began → 120 h credited: 36 × 120 / 720 = €6.00.
    #[test]
    fn pt_credited_from_the_report() {
        let c = run(
            &claim(
                &[("2025-06-02T09:00:00+01:00", "2025-06-07T18:00:00+01:00")],
                "reported = \"2025-06-02T18:00:00+01:00\"",
            ),
            PtOptions {
                credited_from: CreditedFrom::Report,
                ..PtOptions::default()
            },
        );
        assert_eq!(c.total.to_string(), "6.00", "{c}");
    }

    /// In force 14 November 2022: a 30 h outage in October 2022 earns nothing, and the
    /// claim says why; the same outage on 20 November 2022, in a billing period that
    /// began on 1 November, before the law, is credited: November has 720 h, 36 × 30 /
    /// 720 = €1.50.
    #[test]
    fn pt_in_force_from_14_november_2022() {
        let october = run(
            &claim(
                &[("2022-10-20T08:00:00+01:00", "2022-10-21T14:00:00+01:00")],
                "",
            ),
            PtOptions::default(),
        );
        assert_eq!(october.total.to_string(), "0.00");
        assert!(
            october
                .notes
                .iter()
                .any(|n| n.contains("in force from 2022-11-14")),
            "{october}"
        );
        let november = run(
            &claim(&[("2022-11-20T08:00:00Z", "2022-11-21T14:00:00Z")], ""),
            PtOptions::default(),
        );
        assert_eq!(november.total.to_string(), "1.50", "{november}");
    }

    /// Outages the user caused earn nothing.
    #[test]
    fn pt_customer_caused_outages_earn_nothing() {
        let c = run(
            &claim(
                &[("2025-06-02T09:00:00+01:00", "2025-06-07T18:00:00+01:00")],
                "cause = \"customer\"",
            ),
            PtOptions::default(),
        );
        assert_eq!(c.total.to_string(), "0.00", "{c}");
    }

    const ACROSS_THE_BOUNDARY: (&str, &str) =
        ("2025-04-30T10:00:00+01:00", "2025-05-01T16:00:00+01:00");

    /// Across a boundary (billing on the 1st): out Wed 30 Apr 2025 10:00 → Thu 1 May 16:00
    /// (30 h consecutive) → qualifies. April part 14 h of 720 h → 36 × 14 / 720 = €0.70;
    /// May part 16 h of 744 h → 36 × 16 / 744 = 0.7742 → €0.77; total €1.47, one line per
    /// period. The within-one-period reading (option): 14 h and 16 h, neither over 24 → €0.
    #[test]
    fn pt_a_30_hour_outage_across_a_billing_boundary_counts() {
        let c = run(&claim(&[ACROSS_THE_BOUNDARY], ""), PtOptions::default());
        let amounts: Vec<String> = c.lines.iter().map(|l| l.amount.to_string()).collect();
        assert_eq!(amounts, vec!["0.70", "0.77"], "{c}");
        assert_eq!(c.total.to_string(), "1.47", "{c}");
        assert!(c.automatic);
        let within = PtOptions {
            consecutive: Consecutive::WithinBillingPeriod,
            ..PtOptions::default()
        };
        let old = run(&claim(&[ACROSS_THE_BOUNDARY], ""), within);
        assert_eq!(old.total.to_string(), "0.00", "{old}");
    }

    /// Accumulated, not consecutive, across a boundary: 15 h on 28 Apr and 15 h on 3 May
    /// → 15 h in each period, neither over 24, and no single outage over 24 → €0, with a
    /// note for each.
    #[test]
    fn pt_short_outages_do_not_add_up_across_a_boundary() {
        let c = run(
            &claim(
                &[
                    ("2025-04-28T06:00:00+01:00", "2025-04-28T21:00:00+01:00"),
                    ("2025-05-03T06:00:00+01:00", "2025-05-03T21:00:00+01:00"),
                ],
                "",
            ),
            PtOptions::default(),
        );
        assert_eq!(c.total.to_string(), "0.00", "{c}");
        let refused = c
            .notes
            .iter()
            .filter(|n| n.contains("in all it lasted 15h, not more than 24h"))
            .count();
        assert_eq!(refused, 2, "{c}");
    }

    /// A long outage across the boundary and a short one in the later period (worked by
    /// hand): 30 Apr 10:00 → 1 May 16:00 (30 h: 14 h in April, 16 h in May) and 5 h on
    /// 10 May. May adds up to 16 + 5 = 21 h, not over 24, so the 5 h outage earns nothing;
    /// the 30 h outage qualifies whole: 36 × 14 / 720 = €0.70 (April) and 36 × 16 / 744 =
    /// €0.77 (May) → €1.47. With 10 h on 10 May instead, May adds up to 26 h > 24: both
    /// outages there count, each its own line: 36 × 16 / 744 = 0.7742 → €0.77 and
    /// 36 × 10 / 744 = 0.4839 → €0.48; total 0.70 + 0.77 + 0.48 = €1.95.
    #[test]
    fn pt_a_short_outage_beside_a_long_one_counts_only_over_24_hours_in_its_period() {
        let with = |end: &str| {
            claim(
                &[ACROSS_THE_BOUNDARY, ("2025-05-10T08:00:00+01:00", end)],
                "",
            )
        };
        let five = run(&with("2025-05-10T13:00:00+01:00"), PtOptions::default());
        assert_eq!(five.total.to_string(), "1.47", "{five}");
        let ten = run(&with("2025-05-10T18:00:00+01:00"), PtOptions::default());
        assert_eq!(ten.total.to_string(), "1.95", "{ten}");
    }
}
