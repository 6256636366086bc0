//! STUB: filled in by the catalog work.

use crate::money::Currency;
use crate::policy::Policy;

/// STUB: `it-agcom-347-18`.
pub fn agcom_347_18() -> Policy {
    Policy::new("it-agcom-347-18", "it-agcom-347-18", Currency::EUR)
}
