//! STUB: filled in by the catalog work.

use crate::money::Currency;
use crate::policy::Policy;

/// STUB: `de-tkg-58`.
pub fn tkg_58() -> Policy {
    Policy::new("de-tkg-58", "de-tkg-58", Currency::EUR)
}
