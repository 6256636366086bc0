//! The figures-only path: `assess_totals` gives exactly what `assess` gives.

use proptest::prelude::*;

use crate::gen::{arb_case, catalog};

proptest! {
    /// `assess_totals` shares `assess`'s evaluation and skips only the words: the same
    /// total and automatic flag, or the same error, for the case's own policy and for
    /// any other catalog policy (another currency, other services, other dates).
    #[test]
    fn totals_only_equal_the_claims_figures(case in arb_case(), other in 0usize..16) {
        let policies = catalog();
        for policy in [&case.policy, &policies[other % policies.len()]] {
            let full = redress::assess(&crate::gen::case_of(&case.claim), policy).map(|claim| claim.totals());
            let totals = redress::assess_totals(&crate::gen::case_of(&case.claim), policy);
            prop_assert_eq!(&totals, &full, "{}", policy.id);
        }
    }
}
