//! 13 a policy file is its policy: every catalog policy, written as a policy file
//! (TOML, as `redress policies --show` prints it, and JSON) and read back, passes its
//! checks and assesses every generated claim to the identical claim, line for line,
//! note for note.

use proptest::prelude::*;
use redress::policy::Policy;

use crate::gen::{arb_case, assess, case_of};

/// The policy through its TOML file and its JSON file.
fn through_files(policy: &Policy) -> [Policy; 2] {
    let toml_text = toml::to_string_pretty(policy).expect("a policy writes as TOML");
    let from_toml: Policy = toml::from_str(&toml_text).unwrap_or_else(|e| {
        panic!(
            "{}: its TOML does not read back: {e}\n{toml_text}",
            policy.id
        )
    });
    let json_text = serde_json::to_string(policy).expect("a policy writes as JSON");
    let from_json: Policy = serde_json::from_str(&json_text)
        .unwrap_or_else(|e| panic!("{}: its JSON does not read back: {e}", policy.id));
    for read in [&from_toml, &from_json] {
        read.check()
            .unwrap_or_else(|e| panic!("{}: the file is refused: {e}", policy.id));
    }
    [from_toml, from_json]
}

proptest! {
    #[test]
    fn a_catalog_policy_read_back_from_its_file_gives_the_identical_claim(case in arb_case()) {
        let expected = assess(&case);
        let engine_case = case_of(&case.claim);
        for read in through_files(&case.policy) {
            let claim = redress::assess(&engine_case, &read)
                .unwrap_or_else(|e| panic!("{}: {e}", read.id));
            prop_assert_eq!(&claim, &expected, "{} read from its file", read.id);
        }
    }
}
