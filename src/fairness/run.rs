//! Running one property: proptest draws trials (a claim and a few knobs), the property's
//! check judges each, and the smallest failing trial proptest shrinks to becomes the
//! counterexample.

use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::FixedOffset;
use proptest::prelude::*;
use proptest::test_runner::{RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};

use super::{arithmetic, gen, harm, order, price, time, words};
use super::{Config, Counterexample, Outcome, Property};
use crate::policy::Policy;
use crate::{Claim, ClaimFile};

/// The numbers a property uses besides the claim: which outage or service, how many
/// minutes more, where to split, a factor, a shuffle, offsets. Each check reads the
/// ones it needs; proptest shrinks them with the claim.
#[derive(Debug, Clone)]
pub(crate) struct Knobs {
    /// Which outage, service or other policy (taken modulo the count).
    pub pick: usize,
    /// Minutes to add, 1 to 10 days.
    pub minutes: i64,
    /// Where to split, and a second such number.
    pub a: i64,
    pub b: i64,
    /// A factor, 2 to 10.
    pub k: i64,
    /// A seed for shuffles and spellings.
    pub seed: u64,
    /// Offsets to write instants with.
    pub offsets: Vec<FixedOffset>,
}

/// One generated case: a claim and the knobs.
#[derive(Debug, Clone)]
pub(crate) struct Trial {
    pub claim: ClaimFile,
    pub knobs: Knobs,
}

/// What a check makes of a trial other than holding.
#[derive(Debug)]
pub(crate) enum Miss {
    /// The trial does not fit the property (it needs an outage, say).
    Skip(&'static str),
    /// The property broke; the changed claim where it compares two.
    Broken {
        message: String,
        changed: Option<Box<ClaimFile>>,
    },
}

impl Miss {
    /// Broken on the trial's own claim.
    pub fn broken(message: impl Into<String>) -> Miss {
        Miss::Broken {
            message: message.into(),
            changed: None,
        }
    }

    /// Broken when compared with `changed`.
    pub fn against(changed: &ClaimFile, message: impl Into<String>) -> Miss {
        Miss::Broken {
            message: message.into(),
            changed: Some(Box::new(changed.clone())),
        }
    }
}

/// What a check answers.
pub(crate) type Verdict = Result<(), Miss>;

/// What every check knows: the policy and what is derived from it once.
pub(crate) struct Ctx<'a> {
    pub policy: &'a Policy,
    /// Whether the policy is the catalog's own of that id (its bounds and price
    /// dependence are then known).
    pub catalog_own: bool,
    /// The catalog, for the properties that pair the policy with another.
    pub others: Vec<Policy>,
}

impl Ctx<'_> {
    /// The claim the policy gives, or the miss that says why there is none.
    pub fn assess(&self, claim: &ClaimFile) -> Result<Claim, String> {
        let case = crate::Case::from_file(claim)
            .map_err(|e| format!("the generated claim is refused: {e}"))?;
        crate::assess(&case, self.policy).map_err(|e| format!("cannot be assessed: {e}"))
    }

    /// The trial's own claim assessed; an error breaks the property on it.
    pub fn base(&self, claim: &ClaimFile) -> Result<Claim, Miss> {
        self.assess(claim).map_err(Miss::broken)
    }

    /// A changed claim assessed; an error breaks the property against it.
    pub fn changed(&self, claim: &ClaimFile) -> Result<Claim, Miss> {
        self.assess(claim).map_err(|e| Miss::against(claim, e))
    }
}

fn knobs() -> impl Strategy<Value = Knobs> {
    (
        0usize..64,
        1i64..(10 * 24 * 60),
        0i64..10_000,
        0i64..1_000,
        2i64..=10,
        any::<u64>(),
        proptest::collection::vec(gen::arb_offset(), 5),
    )
        .prop_map(|(pick, minutes, a, b, k, seed, offsets)| Knobs {
            pick,
            minutes,
            a,
            b,
            k,
            seed,
            offsets,
        })
}

/// The check for a property.
fn check_for(property: Property) -> fn(&Ctx<'_>, &Trial) -> Verdict {
    match property {
        Property::NothingNegative => arithmetic::nothing_negative,
        Property::LinesAddUp => arithmetic::lines_add_up,
        Property::CapsAndMinimums => arithmetic::caps_and_minimums,
        Property::CatalogBounds => arithmetic::catalog_bounds,
        Property::LongerOutage => harm::longer_outage,
        Property::ExtraOutage => harm::extra_outage,
        Property::ExtraService => harm::extra_service,
        Property::DuplicateRecord => harm::duplicate_record,
        Property::AdjacentPieces => harm::adjacent_pieces,
        Property::OverlappingReports => harm::overlapping_reports,
        Property::InputOrder => order::input_order,
        Property::PolicyOrder => order::policy_order,
        Property::Deterministic => order::deterministic,
        Property::TotalsOnly => order::totals_only,
        Property::HigherPrice => price::higher_price,
        Property::ScaledPrices => price::scaled_prices,
        Property::OtherOffsets => time::other_offsets,
        Property::LocalTimes => time::local_times,
        Property::EverydayWords => words::everyday_words,
    }
}

fn runner(config: &Config) -> TestRunner {
    let cases = config.cases.max(1);
    let proptest_config = proptest::test_runner::Config {
        cases,
        failure_persistence: None,
        max_global_rejects: cases.saturating_mul(64).max(1024),
        ..proptest::test_runner::Config::default()
    };
    match config.seed {
        Some(seed) => {
            let mut bytes = [0u8; 32];
            for (byte, b) in bytes.iter_mut().zip(seed.to_le_bytes()) {
                *byte = b;
            }
            let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
            TestRunner::new_with_rng(proptest_config, rng)
        }
        None => TestRunner::new(proptest_config),
    }
}

/// Checks one property against a policy.
pub(crate) fn run(policy: &Policy, property: Property, config: &Config) -> Outcome {
    let catalog_own = crate::catalog::get(&policy.id).is_ok_and(|p| p == *policy);
    if property == Property::CatalogBounds && !catalog_own {
        return Outcome::NotApplicable(
            "not a catalog policy: its own caps and thresholds are checked by caps-and-minimums"
                .to_owned(),
        );
    }
    let others = if property == Property::PolicyOrder {
        crate::catalog::all()
    } else {
        Vec::new()
    };
    let ctx = Ctx {
        policy,
        catalog_own,
        others,
    };
    let check = check_for(property);
    let strategy =
        (gen::arb_claim(policy), knobs()).prop_map(|(claim, knobs)| Trial { claim, knobs });
    let judged = runner(config).run(&strategy, |trial| match check(&ctx, &trial) {
        Ok(()) => Ok(()),
        Err(Miss::Skip(why)) => Err(TestCaseError::reject(why)),
        Err(Miss::Broken { message, .. }) => Err(TestCaseError::fail(message)),
    });
    match judged {
        Ok(()) => Outcome::Held {
            cases: config.cases.max(1),
        },
        Err(TestError::Abort(why)) => {
            Outcome::Inconclusive(format!("{why} (too few generated claims fit the property)"))
        }
        Err(TestError::Fail(reason, trial)) => {
            // Judged again, outside proptest, for the changed claim; a panic again is
            // the reason proptest recorded.
            let again = catch_unwind(AssertUnwindSafe(|| check(&ctx, &trial)));
            let (message, changed) = match again {
                Ok(Err(Miss::Broken { message, changed })) => (message, changed.map(|c| *c)),
                _ => (reason.message().to_owned(), None),
            };
            Outcome::Broken(Box::new(Counterexample {
                message,
                claim: trial.claim,
                changed,
            }))
        }
    }
}
