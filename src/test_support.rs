//! What the crate's own unit tests share.

use crate::{Case, Claim, ClaimFile, Result};

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
