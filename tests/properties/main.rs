//! Fairness, proved: property tests over every catalog policy.
//!
//! Each module is one theme. Cases default to proptest's 256 per property; run more
//! with `PROPTEST_CASES=10000 cargo test --release --test properties`.
//! Where a real rule breaks a property on purpose, the test says so and checks the
//! rule's own bound instead; nothing is skipped silently.

mod gen;

mod arithmetic;
mod batch;
mod harm;
mod order;
mod policy_files;
mod price;
mod time;
mod totals;
mod words;
