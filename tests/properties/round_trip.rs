//! 11 round trips: claims and claim files survive JSON (and claim files TOML).

use proptest::prelude::*;

use crate::gen::{arb_case, assess};

proptest! {
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
