//! Fairness for any policy: the catalog's property tests as a library, for an
//! application's own test suite (behind the cargo feature `fairness`).
//!
//! [`check`] runs every [`Property`] against a policy with generated plans, outages
//! and prices (proptest), and gives a [`Report`]: each property held, broken, not
//! applicable or inconclusive. A broken one carries the smallest counterexample proptest
//! found, written as [`ClaimFile`]s the user can run (`redress claim FILE --policy ID`).
//!
//! The generated claims are derived from the policy's own data: its jurisdiction gives
//! the zone and the customer's region (none known: UTC, no region), its services the
//! plan's services (none listed: internet and TV), its currency the plan's, its
//! versions the dates, biased to DST changes, month ends and leap days.
//!
//! A policy that cannot assess a generated claim (an overflow, a panic in the engine)
//! breaks the property that met it: that is a finding, reported like any other.
//!
//! # Example
//! ```
//! use redress::fairness::{self, Config};
//! use redress::policy::*;
//! use redress::{Currency, Span};
//!
//! // 1/30 of the monthly price per started 24 hours out.
//! let policy = Policy::new("ours", "our outage credit", Currency::USD)
//!     .with_version(PolicyVersion::always(vec![Provision::new(
//!         "outage credit",
//!         Subject::outages(),
//!         Rule::PerUnit(PerUnit::new(
//!             UnitCount::Blocks { length: Span::hours(24), counting: Counting::Started },
//!             Amount::DailyRate(DayCount::Fixed(30)),
//!         )),
//!     )]));
//! let report = fairness::check(&policy, &Config::with_cases(8));
//! assert!(report.all_hold(), "{report}");
//! ```

mod arithmetic;
mod gen;
mod harm;
mod order;
mod price;
mod run;
mod time;
mod words;

use std::fmt;

use crate::policy::Policy;
use crate::ClaimFile;

pub use gen::arb_claim;

/// How hard to look.
///
/// # Example
/// ```
/// use redress::fairness::Config;
/// let quick = Config::with_cases(16).with_seed(7);
/// assert_eq!(quick.cases, 16);
/// assert_eq!(quick.seed, Some(7));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// Generated cases per property.
    pub cases: u32,
    /// A seed for the generator, to repeat a run exactly; `None` draws a fresh one.
    pub seed: Option<u64>,
}

impl Default for Config {
    /// `PROPTEST_CASES` cases per property when that variable is set, else 256; a fresh seed.
    fn default() -> Config {
        Config::from_env_or(256)
    }
}

impl Config {
    /// A configuration of `cases` cases per property, with a fresh seed.
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::fairness::Config::with_cases(32).cases, 32);
    /// ```
    pub fn with_cases(cases: u32) -> Config {
        Config { cases, seed: None }
    }

    /// `PROPTEST_CASES` cases per property when that variable holds a number, else `cases`:
    /// a test suite keeps CI quick and a long run asks for more from the shell.
    ///
    /// # Example
    /// ```
    /// let config = redress::fairness::Config::from_env_or(32);
    /// assert!(config.cases > 0);
    /// ```
    pub fn from_env_or(cases: u32) -> Config {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.trim().parse::<u32>().ok())
            .filter(|&n| n > 0)
            .unwrap_or(cases);
        Config::with_cases(cases)
    }

    /// The same configuration, drawing from `seed`: the same seed, the same cases.
    ///
    /// # Example
    /// ```
    /// let config = redress::fairness::Config::with_cases(8).with_seed(42);
    /// assert_eq!(config.seed, Some(42));
    /// ```
    pub fn with_seed(mut self, seed: u64) -> Config {
        self.seed = Some(seed);
        self
    }
}

/// One fairness property. [`Property::ALL`] lists them in the order a report shows.
///
/// # Example
/// ```
/// use redress::fairness::Property;
/// assert_eq!(Property::NothingNegative.name(), "nothing-negative");
/// assert_eq!("longer-outage".parse::<Property>(), Ok(Property::LongerOutage));
/// assert!(Property::ALL.contains(&Property::OtherOffsets));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Property {
    /// No line and no total below zero.
    NothingNegative,
    /// The lines add up to the total exactly, at the currency's minor units.
    LinesAddUp,
    /// A capped line never exceeds its cap; a line below a minimum payout pays nothing.
    CapsAndMinimums,
    /// The caps and thresholds a catalog policy's text sets (a catalog policy only).
    CatalogBounds,
    /// A longer outage never lowers the credit.
    LongerOutage,
    /// An extra outage never lowers the credit.
    ExtraOutage,
    /// An extra affected service never lowers the credit.
    ExtraService,
    /// A duplicate outage record changes nothing.
    DuplicateRecord,
    /// An outage split into two adjacent pieces changes nothing.
    AdjacentPieces,
    /// Overlapping reports of one outage change nothing.
    OverlappingReports,
    /// The order of outages, of services within them and in the plan changes no figure.
    InputOrder,
    /// The order of policies assessed together changes no claim.
    PolicyOrder,
    /// The same input gives the same claim.
    Deterministic,
    /// The figures-only path gives exactly the claim's total, or the same error.
    TotalsOnly,
    /// A higher price never lowers the credit.
    HigherPrice,
    /// Scaling every price by k: a price-based credit scales by k up to rounding, a
    /// fixed sum does not move; at the least, it never falls.
    ScaledPrices,
    /// The same instants written with other offsets give the same claim.
    OtherOffsets,
    /// The same instants written as wall-clock times, read in the plan's zone, give the
    /// same claim.
    LocalTimes,
    /// Service kinds written with the documented synonyms, in any letter case, give the
    /// same claim.
    EverydayWords,
}

impl Property {
    /// Every property, in report order.
    pub const ALL: [Property; 19] = [
        Property::NothingNegative,
        Property::LinesAddUp,
        Property::CapsAndMinimums,
        Property::CatalogBounds,
        Property::LongerOutage,
        Property::ExtraOutage,
        Property::ExtraService,
        Property::DuplicateRecord,
        Property::AdjacentPieces,
        Property::OverlappingReports,
        Property::InputOrder,
        Property::PolicyOrder,
        Property::Deterministic,
        Property::TotalsOnly,
        Property::HigherPrice,
        Property::ScaledPrices,
        Property::OtherOffsets,
        Property::LocalTimes,
        Property::EverydayWords,
    ];

    /// The property's name on the command line and in a report.
    ///
    /// # Example
    /// ```
    /// assert_eq!(redress::fairness::Property::HigherPrice.name(), "higher-price");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Property::NothingNegative => "nothing-negative",
            Property::LinesAddUp => "lines-add-up",
            Property::CapsAndMinimums => "caps-and-minimums",
            Property::CatalogBounds => "catalog-bounds",
            Property::LongerOutage => "longer-outage",
            Property::ExtraOutage => "extra-outage",
            Property::ExtraService => "extra-service",
            Property::DuplicateRecord => "duplicate-record",
            Property::AdjacentPieces => "adjacent-pieces",
            Property::OverlappingReports => "overlapping-reports",
            Property::InputOrder => "input-order",
            Property::PolicyOrder => "policy-order",
            Property::Deterministic => "deterministic",
            Property::TotalsOnly => "totals-only",
            Property::HigherPrice => "higher-price",
            Property::ScaledPrices => "scaled-prices",
            Property::OtherOffsets => "other-offsets",
            Property::LocalTimes => "local-times",
            Property::EverydayWords => "everyday-words",
        }
    }

    /// What the property says, in plain words.
    ///
    /// # Example
    /// ```
    /// let says = redress::fairness::Property::ExtraOutage.says();
    /// assert_eq!(says, "an extra outage never lowers the credit");
    /// ```
    pub fn says(self) -> &'static str {
        match self {
            Property::NothingNegative => "no line and no total below zero",
            Property::LinesAddUp => "the lines add up to the total",
            Property::CapsAndMinimums => "no line above its cap, nothing paid below a minimum",
            Property::CatalogBounds => "the caps and thresholds of the catalog policy's text hold",
            Property::LongerOutage => "a longer outage never lowers the credit",
            Property::ExtraOutage => "an extra outage never lowers the credit",
            Property::ExtraService => "an extra affected service never lowers the credit",
            Property::DuplicateRecord => "a duplicate outage record changes nothing",
            Property::AdjacentPieces => "an outage split into adjacent pieces changes nothing",
            Property::OverlappingReports => "overlapping reports of one outage change nothing",
            Property::InputOrder => "the order of outages and services changes no figure",
            Property::PolicyOrder => "the order of policies changes no claim",
            Property::Deterministic => "the same input gives the same claim",
            Property::TotalsOnly => "the figures-only path gives the claim's figures",
            Property::HigherPrice => "a higher price never lowers the credit",
            Property::ScaledPrices => {
                "scaling prices scales a price-based credit, never lowers one"
            }
            Property::OtherOffsets => "the same instants at other offsets give the same claim",
            Property::LocalTimes => "the same instants as local times give the same claim",
            Property::EverydayWords => "everyday words for services give the same claim",
        }
    }
}

impl fmt::Display for Property {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Property {
    type Err = String;

    fn from_str(s: &str) -> Result<Property, String> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Property::ALL
            .into_iter()
            .find(|p| p.name() == wanted)
            .ok_or_else(|| {
                let names: Vec<&str> = Property::ALL.iter().map(|p| p.name()).collect();
                format!("no property `{s}`: the properties are {}", names.join(", "))
            })
    }
}

/// The smallest case found that breaks a property: the claim file, and for a property
/// that compares two claims (a longer outage, a higher price), the changed claim file.
///
/// # Example
/// ```
/// use redress::fairness::{check_property, Config, Outcome, Property};
/// use redress::policy::*;
/// use redress::{Currency, Span};
///
/// // Unfair on purpose: a started day's credit, but nothing beyond 48 hours.
/// let per_day = Rule::PerUnit(PerUnit::new(
///     UnitCount::Blocks { length: Span::hours(24), counting: Counting::Started },
///     Amount::DailyRate(DayCount::Fixed(30)),
/// ));
/// let rule = Rule::When {
///     condition: Condition::DurationAtLeast(Span::hours(48)),
///     then: Box::new(Rule::Fixed { amount: Amount::Fixed(0.into()) }),
///     otherwise: Some(Box::new(per_day)),
/// };
/// let policy = Policy::new("unfair", "nothing beyond 48 hours", Currency::USD)
///     .with_version(PolicyVersion::always(vec![Provision::new("credit", Subject::outages(), rule)]));
/// let finding = check_property(&policy, Property::LongerOutage, &Config::with_cases(256).with_seed(1));
/// let Outcome::Broken(example) = &finding.outcome else { panic!("{finding}") };
/// assert!(example.changed.is_some()); // the same claim with the outage made longer
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Counterexample {
    /// What went wrong, in words (the figures before and after).
    pub message: String,
    /// The claim file the property was checked on.
    pub claim: ClaimFile,
    /// The changed claim file it was compared with, where the property compares two.
    pub changed: Option<ClaimFile>,
}

/// What checking one property found.
///
/// # Example
/// ```
/// use redress::fairness::{check_property, Config, Outcome, Property};
/// let policy = redress::catalog::get("us-ny-psc-outage-credit")?;
/// let finding = check_property(&policy, Property::OtherOffsets, &Config::with_cases(4));
/// match finding.outcome {
///     Outcome::Held { cases } => assert_eq!(cases, 4),
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Outcome {
    /// Every generated case held, this many of them.
    Held {
        /// The cases checked.
        cases: u32,
    },
    /// A case broke it; the smallest found.
    Broken(Box<Counterexample>),
    /// It does not bear on this policy (the catalog's bounds on a policy of one's own).
    NotApplicable(String),
    /// Too few generated cases fit the property to say (the reason says which).
    Inconclusive(String),
}

/// One property's finding: the property and its outcome; shown as one line of a report.
///
/// # Example
/// ```
/// use redress::fairness::{check_property, Config, Property};
/// let policy = redress::catalog::get("au-csg")?;
/// let finding = check_property(&policy, Property::Deterministic, &Config::with_cases(4));
/// assert!(finding.to_string().starts_with("held    deterministic"));
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The property checked.
    pub property: Property,
    /// What was found.
    pub outcome: Outcome,
}

impl Finding {
    /// Whether the property broke.
    ///
    /// # Example
    /// ```
    /// use redress::fairness::{check_property, Config, Property};
    /// let policy = redress::catalog::get("au-csg")?;
    /// let finding = check_property(&policy, Property::LinesAddUp, &Config::with_cases(4));
    /// assert!(!finding.is_broken());
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn is_broken(&self) -> bool {
        matches!(self.outcome, Outcome::Broken(_))
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.property;
        match &self.outcome {
            Outcome::Held { cases } => write!(f, "held    {p}: {} ({cases} cases)", p.says()),
            Outcome::Broken(c) => write!(f, "BROKEN  {p}: {}: {}", p.says(), c.message),
            Outcome::NotApplicable(why) => write!(f, "n/a     {p}: {why}"),
            Outcome::Inconclusive(why) => write!(f, "unsure  {p}: {why}"),
        }
    }
}

/// A policy's findings, one per property checked, in [`Property::ALL`]'s order.
///
/// # Example
/// ```
/// use redress::fairness::{check, Config};
/// let policy = redress::catalog::get("us-nj-cable")?;
/// let report = check(&policy, &Config::with_cases(4));
/// assert_eq!(report.findings.len(), redress::fairness::Property::ALL.len());
/// assert!(report.all_hold(), "{report}");
/// # Ok::<(), redress::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The policy's id.
    pub policy: String,
    /// One finding per property.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Whether no property broke (a property not applicable or inconclusive did not).
    ///
    /// # Example
    /// ```
    /// let policy = redress::catalog::get("pt-lei-16-2022")?;
    /// let report = redress::fairness::check(&policy, &redress::fairness::Config::with_cases(4));
    /// assert!(report.all_hold(), "{report}");
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn all_hold(&self) -> bool {
        !self.findings.iter().any(Finding::is_broken)
    }

    /// The findings of broken properties.
    ///
    /// # Example
    /// ```
    /// let policy = redress::catalog::get("es-rd-899-2009")?;
    /// let report = redress::fairness::check(&policy, &redress::fairness::Config::with_cases(4));
    /// assert_eq!(report.broken().count(), 0, "{report}");
    /// # Ok::<(), redress::Error>(())
    /// ```
    pub fn broken(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.is_broken())
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.policy)?;
        for finding in &self.findings {
            writeln!(f, "  {finding}")?;
        }
        let broken = self.broken().count();
        match broken {
            0 => write!(f, "  every property holds"),
            n => write!(f, "  {n} of {} properties broken", self.findings.len()),
        }
    }
}

/// Checks every property against `policy`.
///
/// # Example
/// ```
/// let policy = redress::catalog::get("de-tkg-58")?;
/// let report = redress::fairness::check(&policy, &redress::fairness::Config::with_cases(4));
/// assert!(report.all_hold(), "{report}");
/// # Ok::<(), redress::Error>(())
/// ```
pub fn check(policy: &Policy, config: &Config) -> Report {
    Report {
        policy: policy.id.clone(),
        findings: Property::ALL
            .into_iter()
            .map(|p| check_property(policy, p, config))
            .collect(),
    }
}

/// Checks one property against `policy`: for a test per property.
///
/// # Example
/// ```
/// use redress::fairness::{check_property, Config, Outcome, Property};
/// let policy = redress::catalog::get("au-csg")?;
/// let finding = check_property(&policy, Property::LinesAddUp, &Config::with_cases(8));
/// assert_eq!(finding.outcome, Outcome::Held { cases: 8 });
/// # Ok::<(), redress::Error>(())
/// ```
pub fn check_property(policy: &Policy, property: Property, config: &Config) -> Finding {
    Finding {
        property,
        outcome: run::run(policy, property, config),
    }
}
