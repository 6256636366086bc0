//! STUB: filled in by the catalog work.

use crate::money::Currency;
use crate::policy::Policy;

/// STUB: `us-ny-psc-outage-credit`.
pub fn ny_psc_outage_credit() -> Policy {
    Policy::new(
        "us-ny-psc-outage-credit",
        "us-ny-psc-outage-credit",
        Currency::USD,
    )
}

/// STUB: `us-nj-cable`.
pub fn nj_cable() -> Policy {
    Policy::new("us-nj-cable", "us-nj-cable", Currency::USD)
}

/// STUB: `us-ny-psl-73`.
pub fn ny_psl_73() -> Policy {
    Policy::new("us-ny-psl-73", "us-ny-psl-73", Currency::USD)
}
