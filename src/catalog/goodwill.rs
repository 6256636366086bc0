//! STUB: filled in by the catalog work.

use crate::money::Currency;
use crate::policy::Policy;

/// STUB: `att-guarantee-2025`.
pub fn att_guarantee_2025() -> Policy {
    Policy::new("att-guarantee-2025", "att-guarantee-2025", Currency::USD)
}

/// STUB: `rogers-2022`.
pub fn rogers_2022() -> Policy {
    Policy::new("rogers-2022", "rogers-2022", Currency::CAD)
}
