//! What the batch's tests share: accounts and outages written as rows are, and a
//! batch under a New York-like rule.

use super::*;

/// An account of the New York test rows, in an area, with some services.
pub(crate) fn account(id: &str, area: &str, services: &str) -> Account {
    Account::parse(&AccountFields {
        account: id,
        region: "US-NY",
        area,
        currency: "USD",
        time_zone: "America/New_York",
        billing_day: "5",
        services,
    })
    .unwrap()
}

/// An outage of an area, of 182,000 customers.
pub(crate) fn outage(area: &str, services: &str, start: &str, end: &str) -> AreaOutage {
    AreaOutage::parse(&OutageFields {
        area,
        services,
        start,
        end,
        customers_affected: "182000",
        cause: "",
    })
    .unwrap()
}

/// A batch of one rule (1/30 a started 24 hours) over two areas' outages: 53 hours in
/// Rochester, an ongoing one in Buffalo.
pub(crate) fn ny_batch() -> Batch {
    let (_, policy) = crate::test_support::ny_like();
    Batch::new(
        vec![policy],
        OutageIndex::from_iter([
            outage(
                "rochester-14604",
                "internet|tv",
                "2024-10-01T06:00:00-04:00",
                "2024-10-03T11:00:00-04:00",
            ),
            outage("buffalo-14201", "internet", "2024-10-01T08:00:00-04:00", ""),
        ]),
    )
}
