//! Fairness, proved: property tests over every catalog policy.
//!
//! The properties themselves live in `redress::fairness` (the `fairness` feature), so
//! an application checks its own policies with the same code; `fairness.rs` here runs
//! each of them over every catalog policy, 32 cases a policy unless `PROPTEST_CASES`
//! asks for more: `PROPTEST_CASES=10000 cargo test --release --test properties`.
//! Where a real rule breaks a property on purpose, the property says so and checks the
//! rule's own bound instead; nothing is skipped silently.
//!
//! What is not a property of one policy stays here: a batch against `assess`, claim
//! round trips, billing periods against an independent oracle, DST on fixed rules, and
//! a split bundle.

mod gen;

mod arithmetic;
mod batch;
mod fairness;
mod policy_files;
mod round_trip;
mod time;
