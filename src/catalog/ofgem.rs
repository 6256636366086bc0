//! STUB: filled in by the catalog work.

use crate::money::Currency;
use crate::policy::Policy;

/// STUB: `uk-ofgem-gsop`.
pub fn gsop() -> Policy {
    Policy::new("uk-ofgem-gsop", "uk-ofgem-gsop", Currency::GBP)
}
