//! A catalog policy and a claim it can assess, drawn by `redress::fairness::arb_claim`,
//! for the properties that are not one policy's (a batch, round trips).

use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;
use redress::policy::Policy;
use redress::ClaimFile;

/// A policy and a claim for it.
#[derive(Debug, Clone)]
pub struct Case {
    pub policy: Policy,
    pub claim: ClaimFile,
}

pub fn catalog() -> Vec<Policy> {
    redress::catalog::all()
}

/// Any catalog policy with a claim for it.
pub fn arb_case() -> BoxedStrategy<Case> {
    let policies = catalog();
    proptest::strategy::Union::new(policies.into_iter().map(|policy| {
        redress::fairness::arb_claim(&policy)
            .prop_map(move |claim| Case {
                policy: policy.clone(),
                claim,
            })
            .boxed()
    }))
    .boxed()
}

/// The same claim assessed under its policy.
pub fn assess(case: &Case) -> redress::Claim {
    redress::assess(&case_of(&case.claim), &case.policy)
        .unwrap_or_else(|e| panic!("{}: {e}\n{:#?}", case.policy.id, case.claim))
}

/// Writes an instant with the zone's own offset at that instant.
pub fn local(t: DateTime<Utc>, zone: Tz) -> DateTime<FixedOffset> {
    t.with_timezone(&zone).fixed_offset()
}

/// A generated claim file read into the engine's case; generated files are valid.
pub fn case_of(file: &redress::ClaimFile) -> redress::Case {
    redress::Case::from_file(file).unwrap_or_else(|e| panic!("a generated claim is refused: {e}"))
}

/// The instant a generated time names: generated times are written with their offsets.
pub fn at(t: &redress::civil::When) -> DateTime<FixedOffset> {
    t.exact()
        .expect("a generated time is written with its offset")
}
