//! What the crate's own unit tests share.

use crate::{
    Case, Claim, ClaimFile, Currency, Outage, Result, Service, ServiceKind, ServicePlan, Span,
};

/// A claim file assessed under a policy, as the tests of rules and catalog entries
/// write their cases: read into a case, then assessed.
pub(crate) fn assess(file: &ClaimFile, policy: &crate::policy::Policy) -> Result<Claim> {
    crate::assess(&Case::from_file(file)?, policy)
}

/// A claim file read into a case, for tests that need one.
pub(crate) fn case(file: &ClaimFile) -> Case {
    match Case::from_file(file) {
        Ok(case) => case,
        Err(e) => panic!("a test's claim file is refused: {e}"),
    }
}

/// A claim file and policy the tests share: the 53-hour New York outage of the crate
/// docs, under a 1/30-per-started-24-hours rule.
pub(crate) fn ny_like() -> (ClaimFile, crate::policy::Policy) {
    use crate::policy::*;
    use chrono::DateTime;
    let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap_or_default();
    let plan = ServicePlan::new(Currency::USD, chrono_tz::America::New_York)
        .with_service(Service::new(
            ServiceKind::Internet,
            rust_decimal::Decimal::new(7999, 2),
        ))
        .with_service(Service::new(
            ServiceKind::Tv,
            rust_decimal::Decimal::new(6500, 2),
        ));
    let mut outage = Outage::new(
        vec![ServiceKind::Internet, ServiceKind::Tv],
        t("2024-10-01T06:00:00-04:00"),
    )
    .with_end(t("2024-10-03T11:00:00-04:00"));
    outage.customers_affected = Some(250);
    let file = ClaimFile::new(plan).with_outage(outage);
    let policy = Policy::new("ny-like", "1/30 per started 24 hours", Currency::USD).with_version(
        PolicyVersion::always(vec![Provision::new(
            "outage credit",
            Subject::outages(),
            Rule::PerUnit(PerUnit::new(
                UnitCount::Blocks {
                    length: Span::hours(24),
                    counting: Counting::Started,
                },
                Amount::DailyRate(DayCount::Fixed(30)),
            )),
        )]),
    );
    (file, policy)
}

/// The claim of [`ny_like`].
pub(crate) fn ny_like_claim() -> Result<Claim> {
    let (file, policy) = ny_like();
    crate::assess(&Case::from_file(&file)?, &policy)
}
