//! STUB: filled in by the catalog work.

use crate::money::Currency;
use crate::policy::Policy;

/// STUB: `es-rd-899-2009`.
pub fn rd_899_2009() -> Policy {
    Policy::new("es-rd-899-2009", "es-rd-899-2009", Currency::EUR)
}
