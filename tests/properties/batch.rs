//! A batch assesses each account from a claim file it fills in place, with its area's
//! outages restricted to the account's services and the catalog's selection cached
//! by kind of account: every account must get exactly what assessing its own claim
//! file gives (and an account whose area has no outage, no policy at all).

use proptest::prelude::*;
use redress::batch::{Account, AreaOutage, Batch, OutageIndex, PolicyTotal};
use redress::{ClaimFile, Customer, Error, Service};
use rust_decimal::Decimal;

use crate::gen::{arb_case, catalog, Case};

/// Accounts of one area: the case's plan, then the same services at other prices, then
/// at another billing day (a batch reuses its buffers and caches from one to the next).
fn accounts(case: &Case, prices: &[Vec<i64>], billing_day: u8) -> Vec<Account> {
    let plan = &case.claim.plan;
    let region = case.claim.region().map(str::to_owned);
    let account = |n: usize, services: Vec<Service>, billing_day: u8| Account {
        id: format!("A-{n}"),
        region: region.clone(),
        area: "area".to_owned(),
        currency: plan.currency,
        time_zone: plan.time_zone,
        billing_day,
        services,
    };
    let mut accounts = vec![account(0, plan.services.clone(), plan.billing_day)];
    for (n, cents) in prices.iter().enumerate() {
        let services = plan
            .services
            .iter()
            .zip(cents)
            .map(|(s, c)| Service::new(s.kind.clone(), Decimal::new(*c, 2)))
            .collect();
        accounts.push(account(n + 1, services, plan.billing_day));
    }
    accounts.push(account(
        prices.len() + 1,
        plan.services.clone(),
        billing_day,
    ));
    accounts
}

/// The claim file an account stands for: its plan and region, the area's outages; no
/// provider, appointments or activations, and the default segment (a batch has none).
fn claim_of(case: &Case, account: &Account) -> ClaimFile {
    let mut customer = Customer::default();
    customer.region.clone_from(&account.region);
    let mut file = ClaimFile::new(account.plan()).with_customer(customer);
    file.outages.clone_from(&case.claim.outages);
    file.as_of = case.claim.as_of;
    file
}

/// What the batch should give for an account under a policy, from `assess_totals`.
fn expected(file: &redress::Case, policy: &redress::policy::Policy) -> Result<PolicyTotal, Error> {
    match redress::assess_totals(file, policy) {
        Ok(totals) => Ok(PolicyTotal::new(
            policy.id.as_str().into(),
            totals.currency,
            totals.total,
            totals.automatic,
            true,
        )),
        Err(Error::PolicyNotApplicable { .. }) => {
            let mut zero = Decimal::ZERO;
            zero.rescale(file.currency().minor_units());
            Ok(PolicyTotal::new(
                policy.id.as_str().into(),
                file.currency(),
                zero,
                false,
                false,
            ))
        }
        Err(e) => Err(e),
    }
}

fn area_outages(case: &Case) -> OutageIndex {
    case.claim
        .outages
        .iter()
        .map(|outage| AreaOutage {
            area: "area".to_owned(),
            outage: outage.clone(),
        })
        .collect()
}

proptest! {
    /// Under the case's policy and another catalog policy, every account of the area
    /// gets the totals (or the error) `assess_totals` gives its own claim file.
    #[test]
    fn a_batch_gives_each_account_what_its_own_claim_gives(
        case in arb_case(),
        other in 0usize..16,
        prices in proptest::collection::vec(proptest::collection::vec(0i64..=50_000, 4), 1..4),
        billing_day in 1u8..=31,
    ) {
        let policies = vec![case.policy.clone(), catalog()[other % 16].clone()];
        let mut batch = Batch::new(policies.clone(), area_outages(&case));
        if let Some(as_of) = case.claim.as_of {
            batch = batch.with_as_of(crate::gen::at(&as_of));
        }
        for account in accounts(&case, &prices, billing_day) {
            let file = claim_of(&case, &account);
            let got = batch.assess(&account);
            let want: Result<Vec<PolicyTotal>, Error> = match redress::Case::from_file(&file) {
                Err(e) => Err(e),
                // Nothing happened in the account's area: no policy is applied.
                Ok(_) if file.outages.is_empty() => Ok(vec![]),
                Ok(case) => policies.iter().map(|p| expected(&case, p)).collect(),
            };
            prop_assert_eq!(got, want, "{} {}", account.id, case.policy.id);
        }
    }

    /// A selecting batch picks, for every account, the policies `catalog::select`
    /// picks for its claim file, and gives each what `assess_totals` gives.
    #[test]
    fn a_selecting_batch_gives_each_account_what_the_catalog_selects(
        case in arb_case(),
        prices in proptest::collection::vec(proptest::collection::vec(0i64..=50_000, 4), 1..3),
        billing_day in 1u8..=31,
    ) {
        let mut batch = Batch::selecting(area_outages(&case));
        if let Some(as_of) = case.claim.as_of {
            batch = batch.with_as_of(crate::gen::at(&as_of));
        }
        for account in accounts(&case, &prices, billing_day) {
            let file = claim_of(&case, &account);
            let got = batch.assess(&account);
            let want: Result<Vec<PolicyTotal>, Error> = match redress::Case::from_file(&file) {
                Err(e) => Err(e),
                Ok(_) if file.outages.is_empty() => Ok(vec![]),
                Ok(case) => redress::catalog::select(&case)
                    .iter()
                    .map(|p| expected(&case, p))
                    .collect(),
            };
            prop_assert_eq!(got, want, "{} {}", account.id, case.policy.id);
        }
    }
}
