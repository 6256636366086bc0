//! STUB: filled in by the catalog work.

use crate::money::Currency;
use crate::policy::Policy;

/// STUB: `pt-lei-16-2022`.
pub fn lei_16_2022() -> Policy {
    Policy::new("pt-lei-16-2022", "pt-lei-16-2022", Currency::EUR)
}
