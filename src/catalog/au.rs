//! STUB: filled in by the catalog work.

use crate::money::Currency;
use crate::policy::Policy;

/// STUB: `au-csg`.
pub fn csg() -> Policy {
    Policy::new("au-csg", "au-csg", Currency::AUD)
}

/// STUB: `au-vic-gsl`.
pub fn vic_gsl() -> Policy {
    Policy::new("au-vic-gsl", "au-vic-gsl", Currency::AUD)
}
