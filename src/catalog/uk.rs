//! STUB: filled in by the catalog work.

use crate::money::Currency;
use crate::policy::Policy;

/// STUB: `uk-ofcom-auto-comp`.
pub fn ofcom_auto_comp() -> Policy {
    Policy::new("uk-ofcom-auto-comp", "uk-ofcom-auto-comp", Currency::GBP)
}
