//! 6 order independence, 11 determinism and round trip.

use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::gen::{arb_case, assess, catalog, Case};

fn figures(claim: &redress::Claim) -> (Decimal, Vec<Decimal>) {
    let mut amounts: Vec<Decimal> = claim.lines.iter().map(|l| l.amount).collect();
    amounts.sort();
    (claim.total, amounts)
}

proptest! {
    /// 6. The order of outages, of services within them and in the plan changes no figure.
    #[test]
    fn input_order_changes_no_figure(case in arb_case(), seed in any::<u64>()) {
        let before = assess(&case);
        let mut shuffled: Case = case.clone();
        let rotate = |len: usize| if len == 0 { 0 } else { (seed as usize) % len };
        let n = shuffled.claim.outages.len();
        shuffled.claim.outages.rotate_left(rotate(n));
        shuffled.claim.outages.reverse();
        for o in &mut shuffled.claim.outages {
            o.services.reverse();
        }
        shuffled.claim.plan.services.reverse();
        shuffled.claim.appointments.reverse();
        shuffled.claim.activations.reverse();
        let after = assess(&shuffled);
        prop_assert_eq!(figures(&before), figures(&after), "{}", case.policy.id);
    }

    /// 6. The order of policies changes no figure.
    #[test]
    fn policy_order_changes_no_figure(case in arb_case(), other in 0usize..16) {
        let policies = catalog();
        let second = &policies[other % policies.len()];
        let Ok(forward) = redress::assess_each(&crate::gen::case_of(&case.claim), &[&case.policy, second]) else { return Ok(()) };
        let backward = redress::assess_each(&crate::gen::case_of(&case.claim), &[second, &case.policy]).unwrap();
        prop_assert_eq!(&forward[0], &backward[1]);
        prop_assert_eq!(&forward[1], &backward[0]);
    }

    /// 11. The same input gives the same claim.
    #[test]
    fn the_same_input_gives_the_same_claim(case in arb_case()) {
        prop_assert_eq!(assess(&case), assess(&case));
    }

    /// 11. A claim serialised to JSON and read back is equal; so is a claim file, in JSON and TOML.
    #[test]
    fn claims_and_claim_files_round_trip(case in arb_case()) {
        let claim = assess(&case);
        let json = serde_json::to_string(&claim).unwrap();
        let back: redress::Claim = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &claim);

        let file_json = serde_json::to_string(&case.claim).unwrap();
        let file_back: redress::ClaimFile = serde_json::from_str(&file_json).unwrap();
        prop_assert_eq!(&file_back, &case.claim);
        let file_toml = toml::to_string(&case.claim).unwrap();
        let file_back: redress::ClaimFile = toml::from_str(&file_toml).unwrap();
        prop_assert_eq!(&file_back, &case.claim);
    }
}
